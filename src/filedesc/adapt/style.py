"""Put a file's own first sentence in the house style: the kind of file first, then what it does.

Authors write "Parse the nightly logs.", "This module provides helpers for ...", "Utilities for dates." or
"Analyse les journaux." The model is trained on "Python module that parses the nightly logs." / "Module Python
qui analyse les journaux.", so mined sentences are rewritten to that shape. Only shapes we can rewrite reliably
are kept (a bare verb phrase, "This module <verb>s", "A tool for/to/that ...", a noun phrase); anything else gives
None and the pair is dropped, because a wrongly rewritten sentence teaches the model bad grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from filedesc.grammar.french import verb_linker
from filedesc.lexicon import Lexicon

MIN_WORDS = 5
MAX_WORDS = 20

EXTRA_VERBS_EN = (
    "add allow build check compute configure contain convert create declare define describe expose fetch find "
    "generate handle hold implement list load make manage provide read register represent return run serve set "
    "show store support test track wrap write"
).split()
"""Verbs that often open docstrings, in case the lexicon lacks them (third person made by rule)."""

EXTRA_VERBS_FR = {
    "fournir": "fournit",
    "définir": "définit",
    "contenir": "contient",
    "gérer": "gère",
    "implémenter": "implémente",
    "permettre": "permet",
    "tester": "teste",
    "lancer": "lance",
    "générer": "génère",
    "calculer": "calcule",
    "créer": "crée",
    "afficher": "affiche",
    "lire": "lit",
    "écrire": "écrit",
    "regrouper": "regroupe",
    "décrire": "décrit",
    "exposer": "expose",
    "construire": "construit",
}
_CODE = re.compile(r"[(){}\[\]=<>`|\\$;]|https?:|www\.|::|->|\w_\w")
_EN_SUBJECT = re.compile(
    r"^(?:this|the) (?:\w+ )?(?:module|file|script|package|program|tool|class|library|component|page|document) "
    r"(\w+s)\b ?",
    re.I,
)
_EN_LEADIN = re.compile(
    r"^(?:an? |the )?(?:\w+ )?(?:module|script|file|package|program|tool|library|utility|helper|component) "
    r"(for|to|that|which|with|of|containing|providing|implementing|defining)\b ?",
    re.I,
)
_FR_SUBJECT = re.compile(
    r"^(?:ce|cette) (?:module|fichier|script|paquet|programme|outil|composant|page|bibliothèque|classe)"
    r"(?: (?:python|shell|bash|javascript|typescript|java|rust|go))? (\w+)\b ?",
    re.I,
)
_FR_LEADIN = re.compile(
    r"^(?:(?:un|une|le|la) )?(?:module|script|fichier|outil|programme|bibliothèque|utilitaire|composant) "
    r"(?:\w+ )?(pour|qui|servant à|permettant de|de|d')\s?",
    re.I,
)
_EN_NOT_NP = frozenset(
    "it we you i this these here there is are was see note todo what how why which where when who whose unless if "
    "while for to in on at by as so but or and".split()
)
_VERB_FOLLOWERS = frozenset("a an the its their every all each one any some them it and".split())
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_CODE_QUOTE = re.compile(r"(``|`)([^`]+)\1")
_CLAUSE_BREAK = re.compile(r":\s|;\s|\s[—–]\s|\s--\s")
_PROPER = frozenset(
    "english french python java javascript typescript rust go linux windows git github docker django flask "
    "react vue angular node postgres mysql sqlite redis".split()
)
_LOWERCASE_NAMES = frozenset({"npm", "pnpm", "yarn", "pip", "npx", "cron", "systemd", "iOS", "macOS"})
_FR_NOT_NP = frozenset(
    "il elle ils elles on nous vous je ce cet cette ces ceci cela voir voici voilà ici cf note attention si "
    "quand pour avec dans sur sous par mais ou et donc car".split()
)
_FR_ARTICLE = re.compile(r"^(les|des|la|le|l'|un|une|du)\b ?", re.I)


@dataclass(frozen=True)
class Kind:
    """The kind of file as a noun phrase in both languages ("Python module" / "module Python")."""

    en: str
    fr: str


def third_person(base: str) -> str:
    """The English third person singular of a regular verb ("fix" -> "fixes", "copy" -> "copies")."""
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


def _cap(text: str) -> str:
    """Capitalise a sentence's first letter, except in names written lowercase ("npm manifest ...")."""
    if text.split(" ", 1)[0] in _LOWERCASE_NAMES:
        return text
    return text[:1].upper() + text[1:]


def _lower_first(text: str, lexicon: Lexicon | None = None) -> str:
    """Lowercase the sentence's first word unless it is an acronym or a name (``JSON``, ``GitHub``, ``English``).

    The capital of a sentence's first word is usually only the sentence's; names are the exception, recognised
    by their inner capitals, by the lexicon's proper nouns, or by a short list of language names.
    """
    first = re.sub(r"[^\w-]", "", text.split(" ", 1)[0])
    if len(first) > 1 and first[1:].lower() != first[1:]:
        return text
    head = first.split("-", 1)[0].lower()
    if head in _PROPER or (lexicon is not None and any(n.proper for n in lexicon.lookup(head).nouns)):
        return text
    return text[:1].lower() + text[1:]


def _en_verb(word: str, lexicon: Lexicon, following: str | None = None) -> tuple[str, bool] | None:
    """``(third person, was it already third person)`` when ``word`` is a verb opening a verb phrase.

    A word that is also a noun ("load", "export") counts as a verb only when ``following`` (the next word) is
    a determiner or "and": "Export a model ..." is a verb phrase, "Load benchmark for ..." a noun phrase.
    """
    lower = word.lower()
    senses = lexicon.lookup(lower)
    for verb in senses.verbs:
        if lower == verb.en_base.lower() and (not senses.nouns or (following or "").lower() in _VERB_FOLLOWERS):
            return verb.en_third, False
        if lower == verb.en_third.lower():
            return verb.en_third, True
    for base in EXTRA_VERBS_EN:
        if lower == base:
            return third_person(base), False
        if lower == third_person(base):
            return lower, True
    return None


def _fr_verb(word: str, lexicon: Lexicon) -> str | None:
    """The French third person when ``word`` is a verb (infinitive or third person) opening a verb phrase."""
    lower = word.lower()
    for verb in lexicon.lookup(lower).verbs:
        if lower in (verb.fr_inf.lower(), verb.fr_third.lower()):
            return verb_linker(verb.fr_third)[0]  # "coupe le son de" -> "coupe le son": the object follows as written
    if lower in EXTRA_VERBS_FR:
        return EXTRA_VERBS_FR[lower]
    return lower if lower in EXTRA_VERBS_FR.values() else None


def conjugate_coordinated(rest: str, lexicon: Lexicon) -> str:
    """Put verbs joined by "and" in the third person too: "... everything and run the tests" -> "and runs the"."""
    words = rest.split(" ")
    for i in range(len(words) - 2):
        if words[i] == "and" and words[i + 2].lower() in _VERB_FOLLOWERS - {"and"}:
            verb = _en_verb(words[i + 1], lexicon, words[i + 2])
            if verb is not None and not verb[1]:
                words[i + 1] = verb[0]
    if words and words[0].lower() == "and" and len(words) > 1:
        verb = _en_verb(words[1], lexicon, "and")
        if verb is not None and not verb[1]:
            words[1] = verb[0]
    return " ".join(words)


def restyle_en(sentence: str, kind: str, lexicon: Lexicon) -> str | None:
    """``{Kind} that <verb>s ...`` / ``{Kind} for ...`` / ``{Kind} with <noun phrase>``, or None."""
    head = _cap(kind)
    if sentence.lower().startswith(kind.lower() + " "):
        return _cap(sentence)
    match = _EN_SUBJECT.match(sentence)
    if match:
        return f"{head} that {match.group(1).lower()} {sentence[match.end() :]}".strip()
    match = _EN_LEADIN.match(sentence)
    if match:
        prep, rest = match.group(1).lower(), sentence[match.end() :]
        if prep == "to":
            words = rest.split(" ", 1)
            verb = _en_verb(words[0], lexicon)
            if verb is not None and not verb[1] and len(words) > 1:
                return f"{head} that {verb[0]} {words[1]}"
        return f"{head} {'that' if prep == 'which' else prep} {rest}".strip()
    words = sentence.split(" ", 1)
    if len(words) < 2:
        return None
    second = words[1].split(" ", 1)[0]
    verb = _en_verb(words[0], lexicon, second)
    if verb is not None and second.lower() not in ("is", "are", "of", "that"):
        return f"{head} that {verb[0]} {conjugate_coordinated(words[1], lexicon)}"
    first = words[0].lower()
    if first in _EN_NOT_NP or first.endswith("ing") or first.endswith("ed"):
        return None
    if ": " in sentence and len(sentence.split(": ", 1)[0].split()) >= 2:
        sentence = sentence.split(": ", 1)[0]  # "Epilogue utilities: shared helpers ..." -> the topic label
    if first in ("a", "an", "the"):
        return f"{head} with {_lower_first(sentence, lexicon)}"
    article = "" if first.endswith("s") and not first.endswith("ss") else "the "
    return f"{head} with {article}{_lower_first(sentence, lexicon)}"


def restyle_fr(sentence: str, kind: str, lexicon: Lexicon) -> str | None:
    """``{Genre} qui <verbe> ...`` / ``{Genre} pour ...`` / ``{Genre} contenant <groupe nominal>``, or None."""
    head = _cap(kind)
    if sentence.lower().startswith(kind.lower() + " "):
        return _cap(sentence)
    match = _FR_SUBJECT.match(sentence)
    if match:
        verb = _fr_verb(match.group(1), lexicon) or (match.group(1).lower() if match.group(1).endswith("e") else None)
        if verb:
            return f"{head} qui {verb} {sentence[match.end() :]}".strip()
    match = _FR_LEADIN.match(sentence)
    if match:
        prep, rest = match.group(1).lower(), sentence[match.end() :]
        if prep == "permettant de":
            return f"{head} qui permet de {rest}".strip()
        if prep in ("de", "d'"):
            return None  # "module de ..." names a topic, not what the file does
        return f"{head} {prep} {rest}".strip()
    words = sentence.split(" ", 1)
    if len(words) < 2:
        return None
    verb = _fr_verb(words[0], lexicon)
    if verb is not None:
        return f"{head} qui {verb} {words[1]}"
    if _FR_ARTICLE.match(sentence):
        return f"{head} contenant {_lower_first(sentence, lexicon)}"
    first = words[0].lower()
    if first in _FR_NOT_NP or first.endswith(("er", "ir")) or not first.isalpha():
        return None
    # "Gestion des utilisateurs" -> "Module Python de gestion des utilisateurs" (no article after "de": the
    # noun phrase names what the file is about, as in "fichier de configuration").
    preposition = "d'" if first[:1] in "aeiouyéèêàâîôûh" else "de "
    return f"{head} {preposition}{_lower_first(sentence, lexicon)}"


def simplify(sentence: str) -> str:
    """Drop what a one-line description does without: asides in parentheses, code quotes, a clause after a colon.

    "Export a model to ONNX folders (fp32, int8) that the backends load." keeps its sense without the aside;
    "Errors meant for the user: each names the fix." keeps its head (three words or more) before the colon.
    """
    text = _PARENTHESES.sub("", " ".join(sentence.split()))
    text = _CODE_QUOTE.sub(lambda m: m.group(2), text)
    head = _CLAUSE_BREAK.split(text, maxsplit=1)[0]
    if head != text and len(head.split()) >= 3:
        text = head
    return text.rstrip(" .!:;,")


def usable_sentence(sentence: str) -> bool:
    """Whether a first sentence can describe a file at all: prose, not code, a link or a question."""
    return not _CODE.search(sentence) and not sentence.endswith("?") and sentence[:1].isupper()


def restyle(sentence: str, lang: str, kind: Kind, lexicon: Lexicon) -> str | None:
    """The house-style description in ``lang`` (the language ``sentence`` is written in), or None to drop it."""
    sentence = simplify(sentence)
    if len(sentence.split()) < 3 or not usable_sentence(sentence):
        return None
    out = restyle_en(sentence, kind.en, lexicon) if lang == "en" else restyle_fr(sentence, kind.fr, lexicon)
    if out is None or not MIN_WORDS <= len(out.split()) <= MAX_WORDS:
        return None
    return out + "."


def manifest_description(sentence: str, lang: str, kind: Kind, lexicon: Lexicon) -> str | None:
    """A manifest's ``description`` field, which describes the project, as a description of the manifest file."""
    sentence = " ".join(sentence.split()).rstrip(" .!:;,")
    if not sentence or _CODE.search(sentence):
        return None
    words = sentence.split(" ", 1)
    if lang == "en":
        head = _cap(kind.en)
        verb = _en_verb(words[0], lexicon) if len(words) > 1 else None
        if verb is not None:
            out = f"{head} of a project that {verb[0]} {words[1]}"
        else:
            first = words[0].lower()
            article = (
                "" if first in ("a", "an", "the") or first.endswith("s") else ("an " if first[:1] in "aeiou" else "a ")
            )
            out = f"{head} of {article}{_lower_first(sentence, lexicon)}"
    else:
        head = _cap(kind.fr)
        fr_verb = _fr_verb(words[0], lexicon) if len(words) > 1 else None
        opening = _FR_ARTICLE.match(sentence)
        if fr_verb is not None:
            out = f"{head} d'un projet qui {fr_verb} {words[1]}"
        elif opening and opening.group(1).lower() in ("un", "une"):
            out = f"{head} d'{_lower_first(sentence)}"
        else:
            return None
    return out + "." if MIN_WORDS <= len(out.split()) <= MAX_WORDS else None
