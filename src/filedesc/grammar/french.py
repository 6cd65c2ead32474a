"""French noun phrases: articles, contractions (du, des, au, aux), elision (l', d', qu'), agreement.

English compounds become French ``de`` phrases, nearest modifier first: ``window events`` -> ``les événements de la
fenêtre``; ``bare_modifier`` nouns take ``de`` alone (``fichier de configuration``), proper names and unknown words
take no article (``vers JSON``, ``d'Apache``), ``h_aspire`` nouns block elision (``le hachage``).
"""

from __future__ import annotations

import re

from filedesc.grammar import english
from filedesc.grammar.meaning import Noun, NounPhrase, Unknown
from filedesc.lexicon import AdjectiveEntry, NounEntry, strip_accents

_VOWELS = frozenset("aeiou")
#: Masculine singular forms of the adjectives that change before a vowel (``nouvel utilisateur``).
_BEFORE_VOWEL = {"nouveau": "nouvel", "vieux": "vieil", "beau": "bel", "fou": "fol", "mou": "mol"}
#: Heads whose French noun complements are plural: ``user_list`` -> ``la liste des utilisateurs``.
COLLECTION_HEADS = frozenset({"list", "table", "collection", "set", "array", "catalog", "registry", "inventory",
                              "index", "directory", "group", "batch", "queue", "pool"})
#: Prepositions that may end a French verb form to introduce its object, when the verb phrase already holds one:
#: ``couper le son de`` (the limitation), ``faire confiance à``, ``créer un lien symbolique vers``; and verbs
#: whose French object is indirect: ``répondre à``, ``cliquer sur``, ``accéder à``.
OBJECT_PREPOSITIONS = ("de", "à", "vers", "sur", "avec")
_ELIDABLE = re.compile(r"\b(de|que|le|la|ne|se|je|me|te|jusque|lorsque|puisque) (?=[aeiouyéèêëàâîïôûùh])", re.I)


def starts_with_vowel_sound(word: str, h_aspire: bool = False) -> bool:
    """True when the word elides a preceding ``le``/``de``/``que``: a vowel, or a mute ``h``."""
    if not word:
        return False
    first = strip_accents(word[0]).lower()
    if first == "h":
        return not h_aspire
    return first in _VOWELS


def verb_linker(form: str) -> tuple[str, str]:
    """Split a French verb form into its verb phrase and the preposition that links its object.

    Verb phrases such as ``couper le son`` or ``faire confiance`` already hold a noun, so a direct object cannot
    follow them ("coupe le son la limitation"); the lexicon writes them with the preposition that introduces the
    object (``coupe le son de``), which the renderer contracts with the object's article ("du", "aux"), and drops
    when there is no object. Returns ``(form, "")`` for ordinary verbs.
    """
    head, _, last = form.rpartition(" ")
    if head and last in OBJECT_PREPOSITIONS:
        return head, last
    return form, ""


def elide(text: str) -> str:
    """Elide ``de``/``que``/``le``... before a vowel in free text (``que il`` -> ``qu'il``); mute ``h`` included.

    Noun phrases built here are already elided with knowledge of ``h_aspire``; this is for template glue.
    """
    return _ELIDABLE.sub(lambda m: m.group(1)[:-1] + "'", text)


def is_proper(noun: Noun) -> bool:
    """Proper names and unknown words take no article in French (common nouns from a dictionary do)."""
    return not noun.gender if isinstance(noun, Unknown) else noun.proper


def noun_gender(noun: Noun) -> str:
    """Gender used for agreement; unknown words count as masculine unless a dictionary says otherwise."""
    return (noun.gender or "m") if isinstance(noun, Unknown) else noun.gender


def noun_form(noun: Noun, plural: bool) -> str:
    """The French singular or plural form, or the word verbatim when unknown."""
    if isinstance(noun, Unknown):
        return noun.fr or noun.text
    if noun.proper:
        return noun.fr_sg if noun.fr_sg.lower() != noun.en_sg.lower() else noun.en_sg
    return noun.fr_pl if plural else noun.fr_sg


def adjective_form(adj: AdjectiveEntry, gender: str, plural: bool) -> str:
    """Agree an adjective in gender and number."""
    if gender == "f":
        return adj.fr_fp if plural else adj.fr_fs
    return adj.fr_mp if plural else adj.fr_ms


def place_adjectives(phrase: str, adjectives: tuple[AdjectiveEntry, ...], gender: str) -> str:
    """Agree adjectives with a singular noun phrase and put each on its side.

    Qualifiers of a file kind follow French order: "ancien fichier de configuration HCL", "fichier HCL
    temporaire", not "fichier de configuration HCL ancien"; ``nouveau`` becomes ``nouvel`` before a vowel.
    """
    before = [adjective_form(a, gender, False) for a in adjectives if a.fr_before]
    after = [adjective_form(a, gender, False) for a in adjectives if not a.fr_before]
    if before and gender == "m" and starts_with_vowel_sound(phrase):
        before[-1] = _BEFORE_VOWEL.get(before[-1], before[-1])
    return " ".join([*before, phrase, *after])


def _h_aspire(noun: Noun) -> bool:
    return isinstance(noun, NounEntry) and noun.h_aspire


def is_plural(np: NounPhrase) -> bool:
    """French number of the phrase: a mass noun that is plural in French counts as plural (``les données``)."""
    head = np.head
    if isinstance(head, NounEntry) and head.mass and not head.proper and head.fr_sg == head.fr_pl:
        return head.fr_sg.endswith(("s", "x"))
    return np.plural


def _core(np: NounPhrase) -> tuple[str, bool]:
    """The phrase without article, and whether its first word blocks elision (aspirated h)."""
    gender = noun_gender(np.head)
    plural = is_plural(np)
    before = [adjective_form(a, gender, plural) for a in np.adjectives if a.fr_before]
    after = [adjective_form(a, gender, plural) for a in np.adjectives if not a.fr_before]
    head = noun_form(np.head, plural)
    if before and gender == "m" and not plural and starts_with_vowel_sound(head, _h_aspire(np.head)):
        before[-1] = _BEFORE_VOWEL.get(before[-1], before[-1])
    words = [*before, head, *after]
    collection = isinstance(np.head, NounEntry) and np.head.key in COLLECTION_HEADS
    for index in reversed(range(len(np.modifiers))):
        modifier = np.modifiers[index]
        # a mass noun stays singular, as in English: "les médianes du nettoyage de données", not "de nettoyages"
        mass = isinstance(modifier, NounEntry) and modifier.mass
        words.append(modifier_phrase(modifier, not mass and (np.is_modifier_plural(index) or collection)))
    blocks = not before and _h_aspire(np.head)
    return " ".join(words), blocks


def modifier_phrase(noun: Noun, plural: bool = False) -> str:
    """``de`` + a modifier noun: ``de la fenêtre``, ``des événements``, ``de configuration``, ``de Docker``."""
    if is_proper(noun):
        form = noun_form(noun, False)
        if is_acronym(form):
            return form
        return with_preposition("de", "", form, False)
    if isinstance(noun, Unknown):  # a copied common noun qualifies bare: "réduction de loyer", "de whitespace"
        return with_preposition("de", "", noun_form(noun, plural), False)
    if is_language(noun):
        return f"en {noun_form(noun, False)}"  # "la procédure stockée en espagnol", not "d'espagnol"
    if isinstance(noun, NounEntry) and noun.bare_modifier:
        form = noun_form(noun, plural)
        return with_preposition("de", "", form, noun.h_aspire)
    return noun_phrase(NounPhrase(noun, plural=plural), preposition="de")


def is_language(noun: Noun) -> bool:
    """A language name (a mass noun capitalised in English: Arabic, Spanish), written lowercase in French."""
    return isinstance(noun, NounEntry) and english.is_language(noun)


def is_acronym(word: str) -> bool:
    """All-capital words (``HTTP``, ``PDF``) follow a French noun directly: ``réponse HTTP``, ``fichiers PDF``."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def article(gender: str, plural: bool, definite: bool, next_word: str, h_aspire: bool) -> str:
    """The article for a phrase starting with ``next_word`` (``l'`` is returned without a trailing space)."""
    if plural:
        return "les" if definite else "des"
    if not definite:
        return "une" if gender == "f" else "un"
    if starts_with_vowel_sound(next_word, h_aspire):
        return "l'"
    return "la" if gender == "f" else "le"


def with_preposition(prep: str, art: str, core: str, h_aspire: bool) -> str:
    """Join a preposition, an article and a phrase with the French contractions and elisions."""
    contracted = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux",
                  ("de", "des"): "de", ("de", "un"): "d'un", ("de", "une"): "d'une"}
    if prep and art:
        joined = contracted.get((prep, art))
        if joined is None:
            joined = f"{prep} {art}"
        if joined == "de" and starts_with_vowel_sound(core, h_aspire):
            return "d'" + core
        return joined + core if joined.endswith("'") else f"{joined} {core}"
    if art:
        return art + core if art.endswith("'") else f"{art} {core}"
    if prep == "de" and starts_with_vowel_sound(core, h_aspire):
        return "d'" + core
    return f"{prep} {core}" if prep else core


def noun_phrase(np: NounPhrase, preposition: str = "", use_article: bool = True) -> str:
    """Render a noun phrase in French, optionally after ``de`` or ``à`` (contracted) or another preposition.

    Args:
        np: the phrase.
        preposition: ``de``, ``à``, or any other French preposition (``pour``, ``vers``, ``depuis``); empty for none.
        use_article: False to drop the article (``en minuscules``); proper names never get one.
    """
    core, blocks = _core(np)
    if not use_article or (is_proper(np.head) and not np.modifiers and not np.adjectives):
        return with_preposition(preposition, "", core, blocks)
    art = article(noun_gender(np.head), is_plural(np), np.definite, core, blocks)
    return with_preposition(preposition, art, core, blocks)


def coordinate(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def agree_participle(base_m: str, gender: str) -> str:
    """Feminine of a regular past participle or adjective used in templates (``nommé`` -> ``nommée``)."""
    return base_m + "e" if gender == "f" and not base_m.endswith("e") else base_m
