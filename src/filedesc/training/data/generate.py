"""Generate (name, description) pairs from the lexicon through the grammar.

Each draw builds a :class:`~filedesc.grammar.Meaning` from lexicon entries (a verb and its object, a complement,
a topic noun phrase, qualifiers, a version, unknown words), the words drawn by real frequency (:mod:`.word_weights`:
how often real names and the language use them, so training covers the words names use), writes it as a name
(:mod:`.wording` picks the words, :mod:`.styles` the identifier style, the extension gives the kind) and renders its
description in English and French with a random phrasing. Because the generator knows the meaning, the description
is right by construction
even for names the rule-based analyser would misread.

Roles (tests, migrations, utilities, configs) are names wrapped in a naming convention of the lexicon
(``test_*.py``, ``0001_*.py``, ``*_utils.py``); a wrapping no convention recognises is not used.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from filedesc.grammar import Complement, Meaning, NounPhrase, Unknown, match_convention, render, variant_count
from filedesc.lexicon import AdjectiveEntry, Extension, Lexicon, NounEntry, VerbEntry
from filedesc.training.data import roles, styles, word_weights, wording
from filedesc.training.data.records import Example

CATEGORY_WEIGHTS = {
    "module": 30, "script": 14, "component": 5, "test": 3, "config": 7, "data": 8, "doc": 4, "query": 4,
    "style": 3, "markup": 3, "template": 3, "notebook": 2, "schema": 2, "build": 2, "image": 2, "media": 1,
    "font": 0.5, "archive": 0.5, "binary": 0.5, "certificate": 0.3, "lock": 0.3, "log": 0.5, "patch": 0.3,
    "other": 0.5,
}
"""How often each extension category is drawn: source code dominates, every category appears."""

T = TypeVar("T")

VERB_CATEGORIES = frozenset({"script", "module", "component", "notebook", "query", "build"})
"""Categories whose names may start with a verb (``extract_events.sh``); others hold noun phrases (a test file
named after a verb is wrapped in a test convention instead, which says what it checks)."""

NAME_LANG_WEIGHTS = {"en": 0.62, "fr": 0.28, "mixed": 0.10}
MIN_WORDS, MAX_WORDS = 4, 16
FILE_QUALIFIERS = ("old", "legacy", "new", "tmp", "temporary", "backup", "deprecated", "experimental")


@dataclass(frozen=True)
class Pools:
    """The entries one generator may draw from (train pools exclude the reserved ``test_unseen`` words).

    ``vocabulary`` holds the word counts of real names (:func:`word_weights.corpus_vocabulary`): entries are drawn
    by real frequency (:mod:`.word_weights`); an empty one leaves only the language's word frequencies.
    """

    verbs: tuple[VerbEntry, ...]
    nouns: tuple[NounEntry, ...]
    adjectives: tuple[AdjectiveEntry, ...]
    proper: tuple[NounEntry, ...]
    extensions: dict[str, tuple[Extension, ...]]
    required: frozenset[str] = frozenset()
    vocabulary: Counter[str] = field(default_factory=Counter, compare=False)


def make_pools(
    lexicon: Lexicon,
    exclude: frozenset[str] = frozenset(),
    required: frozenset[str] = frozenset(),
    vocabulary: Counter[str] | None = None,
) -> Pools:
    """Sorted pools from ``lexicon`` without the keys in ``exclude``; ``required`` keys must appear in each name.

    ``vocabulary`` defaults to the written corpus' name words (held-out repositories excluded).
    """
    verbs = tuple(v for k, v in sorted(lexicon.verbs.items()) if k not in exclude and v.transitive)
    nouns = tuple(n for k, n in sorted(lexicon.nouns.items()) if k not in exclude and not n.proper)
    proper = tuple(n for k, n in sorted(lexicon.nouns.items()) if k not in exclude and n.proper)
    adjectives = tuple(a for k, a in sorted(lexicon.adjectives.items()) if k not in exclude)
    by_category: dict[str, list[Extension]] = {}
    for ext in sorted(lexicon.extensions.values(), key=lambda e: e.ext):
        by_category.setdefault(ext.category, []).append(ext)
    vocab = word_weights.corpus_vocabulary() if vocabulary is None else vocabulary
    return Pools(verbs, nouns, adjectives, proper, {k: tuple(v) for k, v in by_category.items()}, required, vocab)


def _distinct(head: NounEntry | Unknown, modifiers: list[NounEntry | Unknown]) -> list[NounEntry | Unknown]:
    """Drop modifiers that repeat the head or each other ("event event" says nothing)."""
    seen = {head}
    out = []
    for modifier in modifiers:
        if modifier not in seen:
            seen.add(modifier)
            out.append(modifier)
    return out


def _proper_words(kind: Extension) -> tuple[str, ...]:
    """Capitalised words of the kind (``Lua module``, ``Dockerfile``): product names, exempt from spelling."""
    return tuple(w for w in f"{kind.en} {kind.fr}".replace("-", " ").split() if w[:1].isupper())


class Generator:
    """Draws examples; the same lexicon, pools and seed always give the same sequence."""

    def __init__(self, lexicon: Lexicon, pools: Pools, seed: int, canonical: bool = False) -> None:
        self.lexicon = lexicon
        self.canonical = canonical
        """Render every description in its first phrasing (``BuildConfig.canonical_phrasing``)."""
        self.pools = pools
        self.rng = random.Random(seed)
        self.seen: set[str] = set()
        self._categories = [c for c in CATEGORY_WEIGHTS if c in pools.extensions]
        self._weights = [CATEGORY_WEIGHTS[c] for c in self._categories]
        self._required = [n for n in pools.nouns if n.key in pools.required]
        self._required_verbs = [v for v in pools.verbs if v.key in pools.required]
        self._by_domain: dict[str, list[NounEntry]] = {}
        for noun in pools.nouns:
            for domain in noun.domains:
                if domain != "general":
                    self._by_domain.setdefault(domain, []).append(noun)
        vocab = pools.vocabulary
        self._noun_cw = word_weights.cumulative(pools.nouns, vocab)
        self._verb_cw = word_weights.cumulative(pools.verbs, vocab)
        self._adj_cw = word_weights.cumulative(pools.adjectives, vocab)
        self._proper_cw = word_weights.cumulative(pools.proper, vocab)
        self._domain_cw = {d: word_weights.cumulative(nouns, vocab) for d, nouns in self._by_domain.items()}

    def _pick(self, entries: Sequence[T], cum_weights: list[float]) -> T:
        """One entry, drawn by frequency (see :mod:`.word_weights`)."""
        return self.rng.choices(entries, cum_weights=cum_weights)[0]

    # -- meaning -------------------------------------------------------------------------------------------
    def _noun(self, domains: Sequence[str] = (), coherence: float = 0.0) -> NounEntry:
        """A noun; with probability ``coherence`` one sharing a domain (names mostly stay within one field)."""
        choices = [d for d in domains if d in self._by_domain]
        if choices and self.rng.random() < coherence:
            domain = self.rng.choice(choices)
            return self._pick(self._by_domain[domain], self._domain_cw[domain])
        return self._pick(self.pools.nouns, self._noun_cw)

    def _unknown(self, style_case: bool) -> Unknown:
        return Unknown(roles.made_up_word(self.rng, acronym_ok=style_case))

    def _np(self, allow_unknown: bool, convert_target: bool = False, domains: Sequence[str] = ()) -> NounPhrase:
        rng = self.rng
        if convert_target and self.pools.proper and rng.random() < 0.8:
            return NounPhrase(self._pick(self.pools.proper, self._proper_cw))
        head_entry = self._noun(domains, 0.6)
        head: NounEntry | Unknown = head_entry
        modifiers: list[NounEntry | Unknown] = []
        for _ in range(rng.choices((0, 1, 2), weights=(0.5, 0.4, 0.1))[0]):
            if allow_unknown and rng.random() < 0.12:
                modifiers.append(self._unknown(True))
            elif self.pools.proper and rng.random() < 0.1:
                modifiers.append(self._pick(self.pools.proper, self._proper_cw))
            else:
                modifiers.append(self._noun(head_entry.domains, 0.5))
        modifiers = _distinct(head, modifiers)
        adjectives = ((self._pick(self.pools.adjectives, self._adj_cw),)
                      if self.pools.adjectives and rng.random() < 0.12 else ())
        plural = not getattr(head, "mass", False) and rng.random() < 0.45
        return NounPhrase(head, tuple(modifiers), adjectives, plural, tuple(rng.random() < 0.15 for _ in modifiers))

    def _meaning(self, kind: Extension) -> Meaning:
        rng = self.rng
        verbs_ok = kind.category in VERB_CATEGORIES and self.pools.verbs
        actions: tuple[VerbEntry, ...] = ()
        if verbs_ok and rng.random() < 0.75:
            actions = (self._pick(self.pools.verbs, self._verb_cw),)
            if rng.random() < 0.04:
                actions += (self._pick(self.pools.verbs, self._verb_cw),)
        objects = (self._np(allow_unknown=True, domains=actions[0].domains if actions else ()),)
        complements: tuple[Complement, ...] = ()
        if actions and rng.random() < 0.2:
            prep = rng.choice(("to", "from", "for", "with", "into", "by", "in"))
            complements = (Complement(prep, self._np(False, convert_target=prep in ("to", "into"))),)
        qualifiers: tuple[AdjectiveEntry, ...] = ()
        if rng.random() < 0.05:
            key = rng.choice(FILE_QUALIFIERS)
            adj = self.lexicon.adjectives.get(key)
            qualifiers = (adj,) if adj is not None else ()
        version = f"v{rng.randint(2, 5)}" if rng.random() < 0.06 else None
        return Meaning(kind=kind, actions=actions, objects=objects, complements=complements,
                       qualifiers=qualifiers, version=version)

    def _force_required(self, meaning: Meaning) -> Meaning:
        """Put a reserved word into the meaning (``test_unseen`` generation)."""
        rng = self.rng
        if self._required_verbs and meaning.actions and rng.random() < 0.5:
            return replace(meaning, actions=(rng.choice(self._required_verbs), *meaning.actions[1:]))
        if not self._required:
            return meaning
        first = meaning.objects[0]
        return replace(meaning, objects=(replace(first, head=rng.choice(self._required)), *meaning.objects[1:]))

    # -- name ----------------------------------------------------------------------------------------------
    def _tokens(self, meaning: Meaning, name_lang: str) -> list[str]:
        rng = self.rng
        verb_lang = name_lang if name_lang != "mixed" else rng.choice(("en", "fr"))
        noun_lang = name_lang if name_lang != "mixed" else ("fr" if verb_lang == "en" else "en")
        words = [wording.verb_token(v, verb_lang, rng) for v in meaning.actions]
        if len(words) == 2:
            words.insert(1, "and" if verb_lang == "en" else "et")
        if meaning.objects:
            words += wording.np_tokens(meaning.objects[0], noun_lang, rng)
        convert = any(v.key in ("convert", "transform", "export", "translate") for v in meaning.actions)
        for complement in meaning.complements:
            words += wording.complement_tokens(complement, noun_lang, convert, rng)
        for adj in meaning.qualifiers:
            word = wording.adjective_token(adj, meaning.kind.gender, False, noun_lang)
            words = [*words, word] if rng.random() < 0.6 else [word, *words]
        return words

    def _write(self, meaning: Meaning, name_lang: str) -> tuple[str, str, Meaning]:
        """Write the stem of ``meaning``; returns (stem, style, meaning with its unknown words as written)."""
        rng = self.rng
        tokens = self._tokens(meaning, name_lang)
        style = styles.pick_style(rng)
        has_unknown = any(isinstance(n, Unknown) for o in meaning.objects for n in (o.head, *o.modifiers))
        if style == "lower" and (len(tokens) > 3 or has_unknown):
            style = "snake"
        keep_accents = name_lang == "fr" and rng.random() < 0.1
        stem = styles.join_tokens(tokens, style, keep_accents)
        if meaning.version:
            stem += styles.version_suffix(int(meaning.version[1:]), style, rng)
        label = "single" if len(tokens) == 1 and " " not in tokens[0] else style
        return stem, label, self._as_written(meaning, stem)

    def _as_written(self, meaning: Meaning, stem: str) -> Meaning:
        """Give every unknown word the case it has in the name, so descriptions copy it verbatim."""
        low = stem.lower()

        def fix(noun: NounEntry | Unknown) -> NounEntry | Unknown:
            if not isinstance(noun, Unknown):
                return noun
            at = low.find(noun.text.lower())
            return Unknown(stem[at:at + len(noun.text)]) if at >= 0 else noun

        objects = tuple(replace(o, head=fix(o.head), modifiers=tuple(fix(m) for m in o.modifiers))
                        for o in meaning.objects)
        unknown = tuple(n.text for o in objects for n in (o.head, *o.modifiers) if isinstance(n, Unknown))
        return replace(meaning, objects=objects, unknown=unknown)

    def _kind(self) -> Extension:
        category = self.rng.choices(self._categories, weights=self._weights)[0]
        kind = self.rng.choice(self.pools.extensions[category])
        if kind.script_en and kind.script_fr and self.rng.random() < 0.3:
            kind = replace(kind, en=kind.script_en, fr=kind.script_fr, gender="m", category="script")
        return kind

    def draw(self) -> list[Example]:
        """One name and its English and French descriptions (empty when the draw was a duplicate or unusable)."""
        rng = self.rng
        kind = self._kind()
        meaning = self._meaning(kind)
        if self.pools.required:
            meaning = self._force_required(meaning)
        name_lang = rng.choices(list(NAME_LANG_WEIGHTS), weights=list(NAME_LANG_WEIGHTS.values()))[0]
        stem, style, meaning = self._write(meaning, name_lang)
        name = f"{stem}.{kind.ext}" if kind.ext else stem
        if rng.random() < 0.12:
            wrapped = roles.wrap(name, stem, style, kind, rng)
            if wrapped is not None:
                conv, subject = match_convention(wrapped, self.lexicon)
                if conv is not None and subject and subject.lower() == stem.lower():
                    name, meaning = wrapped, replace(meaning, role=conv, subject=subject)
        if name in self.seen or len(name) > 80:
            return []
        texts = {lang: render(replace(meaning, name=name), lang, rng.randrange(max(1, variant_count(meaning, lang))))
                 for lang in ("en", "fr")}
        if any(not MIN_WORDS <= len(t.split()) <= MAX_WORDS for t in texts.values()):
            return []
        if self.canonical:  # chosen after the same draws and the same length check, so the same names follow
            texts = {lang: render(replace(meaning, name=name), lang, 0) for lang in texts}
        self.seen.add(name)
        meaning = replace(meaning, name=name)
        category = meaning.role.category if meaning.role and meaning.role.category else kind.category
        out = []
        for lang, text in texts.items():
            out.append(Example(name=name, lang=lang, description=text, source=f"generated:{category}",
                               category=category, style=style, name_lang=name_lang,
                               exempt=(*meaning.unknown, *_proper_words(kind))))
        return out

    def examples(self, count: int) -> Iterator[Example]:
        """Yield about ``count`` examples (an even number: both languages of each name)."""
        made, misses = 0, 0
        while made < count and misses < 10 * count + 1000:
            batch = self.draw()
            if not batch:
                misses += 1
                continue
            made += len(batch)
            yield from batch
