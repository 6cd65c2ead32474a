"""Build the compact word-frequency table the rules backend ships (``filedesc/grammar/data/words.tsv``).

    python -m filedesc.training.data.wordfreq_table [--top 40000] [--out src/filedesc/grammar/data/words.tsv]

Sources: ``wordfreq`` 3.1 (Robyn Speer et al., data CC BY-SA 4.0) for how often each word is used in English and
French, and Debian's ``hunspell-fr`` dictionary (Dicollecte, MPL 2.0) for the part of speech and gender of French
nouns. The full ``wordfreq`` package weighs 57 MB and pulls four dependencies, far too much for the runtime; the
table keeps the ``--top`` most frequent alphabetic words of each language (about 1 MB), enough to split glued
identifiers (``pousserlestextes``), tell which language a word the lexicon lacks is written in, restore its accents
and give a French noun its article. Rebuild it when either source changes; the table's header records both.

Columns (tab-separated, one word a line, sorted): ``key`` (the word folded: lowercase, no accents, as identifiers
write it), ``word`` (its most used spelling, accents included; empty when it is the key),
``en`` and ``fr`` (Zipf frequency times 10, 0 when absent from that language's top list), ``tag`` (French part of
speech from hunspell: ``nm``/``nf``/``ne`` noun masculine/feminine/either, ``v`` infinitive, ``a`` adjective;
``x`` for a word hunspell ``en_US`` lists with no sign of a noun; empty when unknown).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from filedesc.lexicon import fold
from filedesc.training.data.spelling import find_dictionary

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "grammar" / "data" / "words.tsv"
_WORD = re.compile(r"[a-zàâäçéèêëîïôöûùüÿœæ]{2,24}\Z")


def french_tags(dic_path: Path) -> dict[str, str]:
    """Part of speech and gender of French base forms from a Dicollecte ``.dic`` (``po:nom is:fem``)."""
    tags: dict[str, str] = {}
    for line in dic_path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        word, _, rest = line.partition("/")
        word = word.split("\t")[0].strip()
        fields = set(rest.split())
        if not _WORD.match(word):
            continue
        if "po:nom" in fields:
            gender = "nf" if "is:fem" in fields else "nm" if "is:mas" in fields else "ne"
            old = tags.get(word, "")
            tags[word] = gender if old in ("", "a", "v") or old == gender else "ne"
        elif any(f.startswith(("po:v1", "po:v2", "po:v3")) for f in fields):
            tags.setdefault(word, "v")
        elif "po:adj" in fields:
            tags.setdefault(word, "a")
    return tags


def english_tags(dic_path: Path) -> dict[str, str]:
    """``x`` for English words the hunspell ``en_US`` dictionary lists with no sign of being a noun.

    A noun takes the plural flag ``S`` or only the possessive ``M`` (``toaster/M``); ``all/MP``, ``any`` or
    ``safe/UYTPR`` take neither. Words absent from the dictionary (``whitespace`` is there, ``rollout`` is not)
    get no tag: jargon, usually nouns.
    """
    tags: dict[str, str] = {}
    for line in dic_path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        word, _, flags = line.strip().partition("/")
        if word.islower() and ("S" not in flags and flags != "M"):
            tags.setdefault(word, "x")
        elif word.islower():
            tags[word] = ""
    return {w: t for w, t in tags.items() if t}


def build(top: int) -> list[str]:
    """The table's lines, header first."""
    import wordfreq

    langs = ("en", "fr")
    freq: dict[str, dict[str, int]] = {}
    for lang in langs:
        for word in wordfreq.top_n_list(lang, top * 2, wordlist="best"):
            if len(freq) and sum(1 for f in freq.values() if lang in f) >= top:
                break
            if _WORD.match(word):
                freq.setdefault(word, {})[lang] = round(10 * wordfreq.zipf_frequency(word, lang))
    dic = find_dictionary("fr")
    tags = french_tags(dic.with_suffix(".dic")) if dic is not None else {}
    en_dic = find_dictionary("en")
    en_tags = english_tags(en_dic.with_suffix(".dic")) if en_dic is not None else {}
    merged: dict[str, tuple[str, int, int, str]] = {}
    for word in sorted(freq):
        f = freq[word]
        key = fold(word)
        en, fr, tag = f.get("en", 0), f.get("fr", 0), tags.get(word, "")
        old = merged.get(key)
        if old is not None:  # ``cache`` / ``caché``: the most used French spelling, the highest frequencies
            spelling = word if fr > old[2] else old[0]
            tag = tags.get(spelling, "") or (old[3] if old[3].startswith("n") else tag if tag.startswith("n") else "")
            word, en, fr = spelling, max(en, old[1]), max(fr, old[2])
        if en_tags.get(word) == "x" and not tag:
            tag = "x"  # English only: no sign of a noun (``all``, ``any``); French tags win for shared words
        merged[key] = (word, en, fr, tag)
    lines = [f"# wordfreq {getattr(wordfreq, '__version__', '3.x')} (CC BY-SA 4.0), top {top} words of en and fr; "
             f"French tags from hunspell-fr ({dic.name if dic else 'missing'}). Columns: key word en fr tag"]
    for key in sorted(merged):
        word, en, fr, tag = merged[key]
        lines.append(f"{key}\t{'' if word == key else word}\t{en}\t{fr}\t{tag}".rstrip("\t"))
    return lines


def main() -> None:
    """Write the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=40000, help="words kept per language")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(build(args.top)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
