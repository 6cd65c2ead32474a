"""The rule-based description of a file name, the fallback backend.

Order: a well-known file name (``filenames.json``, first phrasing); else the analysis rendered in house style when
enough of the name is understood; else an honest generic sentence that names the kind and quotes the name
("Python module named 'foo_bar'."). It never guesses beyond what the words say.
"""

from __future__ import annotations

import fnmatch

from filedesc.grammar import french
from filedesc.grammar.analyse import analyse
from filedesc.grammar.meaning import GENERIC_KIND, Analysis, Meaning, Unknown
from filedesc.grammar.render import capitalize, fill, kind_phrase, render
from filedesc.lexicon import Lexicon, WellKnownFile

#: Below this share of understood tokens the analysis is not trusted ...
MIN_COVERAGE = 0.75
#: ... unless only this many words are unknown (a product name: ``upload_to_glance``) and half is understood ...
MAX_UNKNOWN = 1
#: ... or it understood at least this many words: the known words frame the unknown ones, which are copied
#: ("Python module for the reduction loyer solidarite" says more than "Python module named '...'").
MIN_KNOWN_WORDS = 1


def find_well_known(path: str, lexicon: Lexicon) -> WellKnownFile | None:
    """Match a base name or path against ``filenames.json``: exact, then casefold, then glob patterns."""
    norm = path.replace("\\", "/")
    base = norm.rsplit("/", 1)[-1]
    tables = lexicon.filename_tables
    found = tables.exact.get(base) or tables.casefold.get(base.casefold())
    if found is not None:
        return found
    for entry in tables.globs:
        target = norm if "/" in entry.name else base
        if fnmatch.fnmatchcase(target, entry.name) or fnmatch.fnmatchcase(target, "*/" + entry.name):
            return entry
    return None


def trusted(analysis: Analysis) -> bool:
    """Whether the analysis says enough, reliably, to be rendered instead of the generic sentence."""
    meaning = analysis.meaning
    if meaning.is_empty:
        return meaning.role is not None and bool(meaning.role.en) and not meaning.unknown
    if not (meaning.objects or meaning.complements):
        return False  # "Shell script that runs." says nothing true enough
    if analysis.stray:
        return False  # a dropped word would change the meaning
    phrases = [*meaning.objects, *(c.np for c in meaning.complements)]
    if any(isinstance(np.head, Unknown) and not np.head.gender and any(not isinstance(m, Unknown) for m in np.modifiers)
           for np in phrases):
        return False  # "the release sponsors of notes": an unknown head under known words is a guess
    if analysis.coverage >= MIN_COVERAGE:
        return True
    if len(meaning.unknown) <= MAX_UNKNOWN and analysis.coverage >= 0.5:
        return True  # a product name beside known words: upload_to_glance
    return known_words(meaning) >= MIN_KNOWN_WORDS


def known_words(meaning: Meaning) -> int:
    """How many words the meaning understood: lexicon verbs, nouns and adjectives, and French dictionary nouns.

    A French noun the lexicon lacks but the dictionary knows (``accouchement``, feminine ``liasse``) is understood
    well enough to be the topic of a sentence; an English word is not, since nothing says it is a noun.
    """
    phrases = [*meaning.objects, *(c.np for c in meaning.complements)]
    nouns = [n for np in phrases for n in (np.head, *np.modifiers) if not isinstance(n, Unknown) or (n.fr and n.gender)]
    return len(meaning.actions) + len(nouns) + sum(len(np.adjectives) for np in phrases) + len(meaning.qualifiers)


def generic(analysis: Analysis, lang: str) -> str:
    """``Python module named 'foo_bar'.`` / ``Module Python nommé « foo_bar ».``, or the convention's fallback."""
    meaning = analysis.meaning
    role = meaning.role
    fallback = (role.fallback_en if lang == "en" else role.fallback_fr) if role else ()
    kind, gender = kind_phrase(meaning, lang)
    if fallback:
        return fill(fallback[0], {"Kind": capitalize(kind), "kind": kind, "name": analysis.subject})
    known_kind = meaning.kind is not GENERIC_KIND and meaning.kind.en != GENERIC_KIND.en
    stem = meaning.name[: -len(meaning.kind.ext) - 1] if known_kind and meaning.kind.ext else meaning.name
    kind = meaning.kind.en if lang == "en" else meaning.kind.fr
    if lang == "en":
        return f"{capitalize(kind)} named '{stem}'."
    return f"{capitalize(kind)} {french.agree_participle('nommé', meaning.kind.gender)} « {stem} »."


def describe_by_rules(name: str, lang: str, lexicon: Lexicon) -> str:
    """Describe a file name (base name or path) in ``lang`` (``en`` or ``fr``) without a model."""
    if lang not in {"en", "fr"}:
        raise ValueError(f"unsupported language {lang!r}: use 'en' or 'fr'")
    known = find_well_known(name, lexicon)
    if known is not None:
        phrasings = known.en if lang == "en" else known.fr
        if phrasings:
            return phrasings[0]
    analysis = analyse(name, lexicon)
    if trusted(analysis):
        return render(analysis.meaning, lang, 0)
    return generic(analysis, lang)
