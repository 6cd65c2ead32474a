"""Word forms and their morphology from hunspell dictionaries, by expanding each stem with its suffix rules.

Why: the lexicon needs, for every new French noun, its gender and plural; for every verb its infinitive, third
person present and past participle; for every adjective its four forms. Debian's ``hunspell-fr`` (the Grammalecte
dictionary) carries exactly this: each stem line holds its part of speech and gender (``fichier/S.() po:nom
is:mas``) and each suffix rule of ``fr.aff`` its tags (``SFX a0 er e ... po:ipre po:3sg``). Expanding the stems
("unmunching") gives every form with its tags, which also lemmatises the French side of the corpus. ``en_US``
has no tags, but its flags are conventional (``S`` plural / third person, ``D`` past, ``G`` gerund).

Only suffixes are expanded: the prefixes of these dictionaries are elisions (``l'``, ``d'``) and negations
(``un-``), which never make a lemma form. spylls, which the spell-checker uses, checks words but does not list
forms, hence this small reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filedesc.training.data.spelling import INSTALL_HINT, DictionaryMissingError, find_dictionary


@dataclass(frozen=True)
class Suffix:
    """One ``SFX`` line: strip ``strip`` from the end of a stem matching ``condition``, then add ``add``."""

    strip: str
    add: str
    condition: re.Pattern[str]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Stem:
    """One ``.dic`` line: the stem, its flags and its tags (``po:nom``, ``is:fem``)."""

    word: str
    flags: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Form:
    """A word form produced from a stem: its text, the stem it came from, the suffix flag and all tags."""

    text: str
    stem: Stem
    flag: str
    tags: frozenset[str]


@dataclass
class Hunspell:
    """A hunspell dictionary read for its forms (not for spell-checking: :mod:`spelling` does that)."""

    suffixes: dict[str, list[Suffix]] = field(default_factory=dict)
    stems: list[Stem] = field(default_factory=list)
    long_flags: bool = False

    def split_flags(self, raw: str) -> tuple[str, ...]:
        """Split a flag string: two characters a flag for ``FLAG long``, one otherwise."""
        if self.long_flags:
            return tuple(raw[i : i + 2] for i in range(0, len(raw) - 1, 2))
        return tuple(raw)

    def forms(self, stem: Stem) -> Iterator[Form]:
        """Yield the stem itself (flag ``""``) and every form its suffix flags make, with their tags."""
        yield Form(stem.word, stem, "", frozenset(stem.tags))
        for flag in stem.flags:
            for sfx in self.suffixes.get(flag, ()):
                if not sfx.condition.search(stem.word):
                    continue
                if sfx.strip and not stem.word.endswith(sfx.strip):
                    continue
                base = stem.word[: len(stem.word) - len(sfx.strip)] if sfx.strip else stem.word
                yield Form(base + sfx.add, stem, flag, frozenset((*stem.tags, *sfx.tags)))


_TAG = re.compile(r"^[a-z]{2}:\S+$")


def _condition(cond: str) -> re.Pattern[str]:
    """A hunspell condition is a small regular expression anchored at the end of the stem (``.`` is any)."""
    return re.compile("" if cond == "." else cond + "$")


def read_hunspell(base: Path) -> Hunspell:
    """Read ``base.aff`` and ``base.dic`` (UTF-8 dictionaries, as Debian ships them)."""
    dic = Hunspell()
    aff_path, dic_path = base.with_suffix(".aff"), base.with_suffix(".dic")
    for line in aff_path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "FLAG" and parts[1] == "long":
            dic.long_flags = True
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        add = add.split("/", 1)[0]
        tags = tuple(p for p in parts[5:] if _TAG.match(p))
        dic.suffixes.setdefault(flag, []).append(
            Suffix("" if strip == "0" else strip, "" if add == "0" else add, _condition(cond), tags)
        )
    lines = dic_path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        head, *rest = line.split()
        word, _, flags = head.partition("/")
        word = word.replace("\\/", "/")
        dic.stems.append(Stem(word, dic.split_flags(flags), tuple(p for p in rest if _TAG.match(p))))
    return dic


def load_dictionary(lang: str) -> Hunspell:
    """Read the installed dictionary of ``lang`` (``fr`` or ``en``), or raise an error naming the package."""
    base = find_dictionary(lang)
    if base is None:
        raise DictionaryMissingError(f"no hunspell dictionary for {lang!r}: {INSTALL_HINT}")
    return read_hunspell(base)
