"""The meaning of a file name and its rendering in English and French.

This package is the heart of the rule-based backend and of the training-data generator. The API:

Data (frozen dataclasses, :mod:`filedesc.grammar.meaning`):
    ``Unknown(text, fr="", gender="")``: a word the lexicon does not know, copied as written; with ``fr`` and
        ``gender`` (from the word table, :mod:`filedesc.grammar.frequency`) French writes it with its accents and
        an article ("la solidarité"), else with none, like a name.
    ``NounPhrase(head, modifiers=(), adjectives=(), plural=False, modifier_plural=(), definite=True)``: English
        order, modifiers outermost first (``user account settings`` -> head ``settings``, modifiers
        ``(user, account)``); heads and modifiers are ``NounEntry`` or ``Unknown``.
    ``Complement(prep, np)``: ``prep`` is canonical English (to, from, for, by, with, in, into, on, ...).
    ``Meaning(kind, name, role, actions, objects, complements, qualifiers, version, unknown, subject)`` with
        the shortcuts ``action``, ``obj`` and ``complement`` (first of each).
    ``Analysis(meaning, tokens, understood, name_lang, subject)`` with ``coverage`` (0..1).

Functions:
    ``analyse(name, lexicon) -> Analysis``: split the name, match conventions, map tokens to entries.
    ``render(meaning, lang, variant=0) -> str`` and ``variant_count(meaning, lang) -> int``: phrasings per language;
        variant 0 is the house style, the others vary the wording for training data.
    ``describe_by_rules(name, lang, lexicon) -> str``: the rule-based description (well-known names, then the
        analysis when trusted, else "Python module named 'foo'.").

Building a meaning by hand (what the training generator does)::

    from filedesc.lexicon import load_lexicon
    from filedesc.grammar import Meaning, NounPhrase, render
    lex = load_lexicon(extended=True)
    m = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["extract"],),
                objects=(NounPhrase(lex.nouns["event"], (lex.nouns["window"],), plural=True),))
    render(m, "fr")  # 'Script shell qui extrait les événements de la fenêtre.'
"""

from filedesc.grammar.analyse import analyse, match_convention
from filedesc.grammar.meaning import GENERIC_KIND, Analysis, Complement, Meaning, Noun, NounPhrase, Unknown
from filedesc.grammar.render import render, render_np, variant_count
from filedesc.grammar.rules import describe_by_rules

__all__ = [
    "GENERIC_KIND",
    "Analysis",
    "Complement",
    "Meaning",
    "Noun",
    "NounPhrase",
    "Unknown",
    "analyse",
    "describe_by_rules",
    "match_convention",
    "render",
    "render_np",
    "variant_count",
]
