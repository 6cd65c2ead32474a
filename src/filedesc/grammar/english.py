"""English noun phrases: articles (the, a, an, none), plurals, compounds and ``of`` phrases.

Singular modifiers stay in front of the head (``the window events``); plural modifiers move after it
(``the list of users``), which reads better than ``the users list``. Proper names and unknown words take no article.
"""

from __future__ import annotations

from filedesc.grammar.meaning import Noun, NounPhrase, Unknown

# Words starting with a vowel letter but a consonant sound, and the reverse (mute h).
_CONSONANT_SOUND = ("uni", "use", "usa", "usu", "uti", "eu", "one", "once", "ubi", "ura", "uro")
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")


def indefinite(word: str) -> str:
    """``a`` or ``an`` before ``word``, by its first sound (approximate, good for ordinary nouns)."""
    low = word.lower()
    if low.startswith(_VOWEL_SOUND):
        return "an"
    if low[:1] in set("aeiou") and not low.startswith(_CONSONANT_SOUND):
        return "an"
    return "a"


def is_proper(noun: Noun) -> bool:
    """Proper names and unknown words take no article."""
    return isinstance(noun, Unknown) or noun.proper


def is_mass(noun: Noun) -> bool:
    """Uncountable nouns take no indefinite article and no plural."""
    return not isinstance(noun, Unknown) and noun.mass


def is_language(noun: Noun) -> bool:
    """A capitalised mass noun is a language (Arabic, Japanese): like a name, it takes no article in English.

    French keeps the article ("l'arabe"), so these are not ``proper`` in the lexicon.
    """
    if isinstance(noun, Unknown) or not noun.mass:
        return False
    return noun.en_sg[:1].isupper() and noun.en_sg[1:].islower()


def noun_form(noun: Noun, plural: bool) -> str:
    """The English singular or plural form, or the word verbatim when unknown."""
    if isinstance(noun, Unknown):
        return noun.text
    return noun.en_pl if plural and not noun.mass else noun.en_sg


def _core(np: NounPhrase) -> str:
    words = [a.en for a in np.adjectives]
    after: list[str] = []
    for index, mod in enumerate(np.modifiers):
        if np.is_modifier_plural(index) and not is_proper(mod) and not is_mass(mod):
            after.insert(0, "of " + noun_form(mod, True))
        else:
            words.append(noun_form(mod, False))
    words.append(noun_form(np.head, np.plural))
    return " ".join([*words, *after])


def noun_phrase(np: NounPhrase, article: str = "the") -> str:
    """Render a noun phrase.

    Args:
        np: the phrase.
        article: ``the`` (definite, or indefinite when ``np.definite`` is False), ``bare`` (no article for plurals
            and mass nouns, ``the`` otherwise: "to extract window events", "to parse the file"), ``mass`` (no
            article for mass nouns only: "module dedicated to pagination", "for the users"), or ``none``.
    """
    core = _core(np)
    named = is_proper(np.head) or is_language(np.head)
    if article == "none" or (named and not np.modifiers and not np.adjectives):
        return core
    countable_sg = not np.plural and not is_mass(np.head)
    if (article == "bare" and not countable_sg) or (article == "mass" and is_mass(np.head)):
        return core
    if not np.definite:
        return f"{indefinite(core)} {core}" if countable_sg else core
    return f"the {core}"


def coordinate(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
