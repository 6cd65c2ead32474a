"""The meaning of a file name, independent of the language it is rendered in.

The analyser builds these objects from a name; the renderer turns them into English or French; the training
generator builds them directly from lexicon entries. All are frozen so they can be shared and hashed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filedesc.lexicon import AdjectiveEntry, Convention, Extension, NounEntry, VerbEntry

#: The kind used when a name has no (known) extension.
GENERIC_KIND = Extension(ext="", en="file", fr="fichier", gender="m", category="other")


@dataclass(frozen=True)
class Unknown:
    """A word the lexicon does not know (product name, acronym, made-up word): rendered verbatim, no article.

    Attributes:
        text: the word as the name writes it; English sentences copy it.
        fr: how French writes it when it is a dictionary word (``solidarite`` -> ``solidarité``); empty: ``text``.
        gender: ``m`` or ``f`` when it is a common noun that takes a French article (``la solidarité``, and
            ``le whitespace`` for an English word, masculine as French treats borrowed nouns); empty for a name.
    """

    text: str
    fr: str = ""
    gender: str = ""


Noun = NounEntry | Unknown


@dataclass(frozen=True)
class NounPhrase:
    """A noun phrase in English order: ``modifiers`` come before ``head`` (``window event`` -> head ``event``).

    Attributes:
        head: the head noun.
        modifiers: noun modifiers, outermost first (``user account settings`` -> ``(user, account)``); French
            renders them after the head as ``de`` phrases, nearest first.
        adjectives: adjectives qualifying the head.
        plural: whether the head is plural.
        modifier_plural: per modifier, whether it was written plural (``users_list``); defaults to singular.
        definite: False for an indefinite article (``a user`` / ``un utilisateur``).
    """

    head: Noun
    modifiers: tuple[Noun, ...] = ()
    adjectives: tuple[AdjectiveEntry, ...] = ()
    plural: bool = False
    modifier_plural: tuple[bool, ...] = ()
    definite: bool = True

    def is_modifier_plural(self, index: int) -> bool:
        """Whether modifier ``index`` is plural (missing flags mean singular)."""
        return index < len(self.modifier_plural) and self.modifier_plural[index]


@dataclass(frozen=True)
class Complement:
    """A prepositional complement: ``to`` + ``JSON`` in ``convert_csv_to_json``.

    ``prep`` is canonical English: to, from, for, by, with, in, into, on, as, via, without, per, at, about.
    """

    prep: str
    np: NounPhrase


@dataclass(frozen=True)
class Meaning:
    """What a file name says.

    Attributes:
        kind: the file kind from the extension (:data:`GENERIC_KIND` when unknown).
        name: the base name the meaning came from (used by fallbacks that quote it).
        role: the matched naming convention, if any (``test_*.py``, migrations, ``utils.*``).
        actions: verbs, in order (``download_and_install`` gives two); empty for a noun-only name.
        objects: direct objects or, without a verb, the topic noun phrases (coordinated with "and").
        complements: prepositional complements, in order.
        qualifiers: adjectives that qualify the file itself (``old``, ``legacy``) rather than a noun.
        version: a version written in the name (``v2``), rendered as ", version 2".
        unknown: the tokens the lexicon did not know, as written.
        subject: the part of the name the words came from (a convention's subject, else the stem); the
            ``{name}`` slot of templates and fallbacks quotes it.
    """

    kind: Extension = GENERIC_KIND
    name: str = ""
    role: Convention | None = None
    actions: tuple[VerbEntry, ...] = ()
    objects: tuple[NounPhrase, ...] = ()
    complements: tuple[Complement, ...] = ()
    qualifiers: tuple[AdjectiveEntry, ...] = ()
    version: str | None = None
    unknown: tuple[str, ...] = field(default=())
    subject: str = ""

    @property
    def action(self) -> VerbEntry | None:
        """The first verb, or None."""
        return self.actions[0] if self.actions else None

    @property
    def obj(self) -> NounPhrase | None:
        """The first object noun phrase, or None."""
        return self.objects[0] if self.objects else None

    @property
    def complement(self) -> Complement | None:
        """The first complement, or None."""
        return self.complements[0] if self.complements else None

    @property
    def is_empty(self) -> bool:
        """True when the name gave nothing to say beyond its kind."""
        return not (self.actions or self.objects or self.complements)


@dataclass(frozen=True)
class Analysis:
    """The result of :func:`filedesc.grammar.analyse`.

    Attributes:
        meaning: the best meaning found.
        tokens: the lowercase word tokens considered (numbers and versions included).
        understood: how many of ``tokens`` the lexicon or the conventions explained.
        name_lang: ``en``, ``fr``, ``mixed`` or ``none``: the language the identifier is written in.
        subject: the part of the name that was analysed (the convention's subject, or the stem).
        stray: known words the parse could not place (a verb amid nouns, ``http_add_header``); they are also in
            ``meaning.unknown`` and make the rules backend fall back to its generic sentence.
    """

    meaning: Meaning
    tokens: tuple[str, ...]
    understood: int
    name_lang: str
    subject: str
    stray: tuple[str, ...] = ()

    @property
    def coverage(self) -> float:
        """Share of tokens understood, 1.0 for a name with no tokens (``.gitignore`` handled elsewhere)."""
        return self.understood / len(self.tokens) if self.tokens else 1.0
