"""The word forms the lexicon needs, read from the hunspell dictionaries: French gender, plurals, conjugations.

:class:`FrenchMorph` answers "what lemmas and tags can this French form have" and gives a lemma's forms: a noun's
gender and plural, an adjective's four forms, a verb's infinitive, third person present and past participle.
:class:`EnglishMorph` does the same for English from ``en_US``'s conventional flags (``S`` plural or third
person, ``D`` past, ``G`` gerund) plus a short table of irregular verbs, which ``en_US`` lists as unrelated words.
Only lowercase stems count: capitalised stems are proper names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from filedesc.training.data.hunspell_morph import Form, Hunspell, Stem

IRREGULAR_VERBS: dict[str, tuple[str, str]] = {
    "be": ("was", "being"), "become": ("became", "becoming"), "begin": ("began", "beginning"),
    "bind": ("bound", "binding"), "bite": ("bit", "biting"), "blow": ("blew", "blowing"),
    "break": ("broke", "breaking"), "bring": ("brought", "bringing"), "build": ("built", "building"),
    "buy": ("bought", "buying"), "catch": ("caught", "catching"), "choose": ("chose", "choosing"),
    "come": ("came", "coming"), "cost": ("cost", "costing"), "cut": ("cut", "cutting"), "deal": ("dealt", "dealing"),
    "dig": ("dug", "digging"), "do": ("did", "doing"), "draw": ("drew", "drawing"), "drink": ("drank", "drinking"),
    "drive": ("drove", "driving"), "eat": ("ate", "eating"), "fall": ("fell", "falling"), "feed": ("fed", "feeding"),
    "feel": ("felt", "feeling"), "fight": ("fought", "fighting"), "find": ("found", "finding"),
    "fly": ("flew", "flying"), "forget": ("forgot", "forgetting"), "freeze": ("froze", "freezing"),
    "get": ("got", "getting"), "give": ("gave", "giving"), "go": ("went", "going"), "grow": ("grew", "growing"),
    "hang": ("hung", "hanging"), "have": ("had", "having"), "hear": ("heard", "hearing"), "hide": ("hid", "hiding"),
    "hit": ("hit", "hitting"), "hold": ("held", "holding"), "keep": ("kept", "keeping"), "know": ("knew", "knowing"),
    "lay": ("laid", "laying"), "lead": ("led", "leading"), "leave": ("left", "leaving"), "lend": ("lent", "lending"),
    "let": ("let", "letting"), "lose": ("lost", "losing"), "make": ("made", "making"), "mean": ("meant", "meaning"),
    "meet": ("met", "meeting"), "pay": ("paid", "paying"), "put": ("put", "putting"), "read": ("read", "reading"),
    "ride": ("rode", "riding"), "ring": ("rang", "ringing"), "rise": ("rose", "rising"), "run": ("ran", "running"),
    "say": ("said", "saying"), "see": ("saw", "seeing"), "seek": ("sought", "seeking"), "sell": ("sold", "selling"),
    "send": ("sent", "sending"), "set": ("set", "setting"), "shake": ("shook", "shaking"),
    "shoot": ("shot", "shooting"), "show": ("showed", "showing"), "shut": ("shut", "shutting"),
    "sing": ("sang", "singing"), "sink": ("sank", "sinking"), "sit": ("sat", "sitting"),
    "sleep": ("slept", "sleeping"), "slide": ("slid", "sliding"), "speak": ("spoke", "speaking"),
    "spend": ("spent", "spending"), "spin": ("spun", "spinning"), "split": ("split", "splitting"),
    "spread": ("spread", "spreading"), "stand": ("stood", "standing"), "steal": ("stole", "stealing"),
    "stick": ("stuck", "sticking"), "strike": ("struck", "striking"), "swim": ("swam", "swimming"),
    "swing": ("swung", "swinging"), "take": ("took", "taking"), "teach": ("taught", "teaching"),
    "tear": ("tore", "tearing"), "tell": ("told", "telling"), "think": ("thought", "thinking"),
    "throw": ("threw", "throwing"), "understand": ("understood", "understanding"), "wake": ("woke", "waking"),
    "wear": ("wore", "wearing"), "win": ("won", "winning"), "wind": ("wound", "winding"),
    "write": ("wrote", "writing"), "undo": ("undid", "undoing"), "rebuild": ("rebuilt", "rebuilding"),
    "rewrite": ("rewrote", "rewriting"), "override": ("overrode", "overriding"),
    "overwrite": ("overwrote", "overwriting"),
    "withdraw": ("withdrew", "withdrawing"), "forbid": ("forbade", "forbidding"), "forgive": ("forgave", "forgiving"),
    "upset": ("upset", "upsetting"), "broadcast": ("broadcast", "broadcasting"),
}
"""Irregular English verbs: base -> (past, gerund); ``en_US`` has no flag linking ``write`` to ``wrote``."""


IRREGULAR_PLURALS: dict[str, str] = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "mouse": "mice", "foot": "feet",
    "tooth": "teeth", "goose": "geese", "ox": "oxen", "leaf": "leaves", "knife": "knives", "life": "lives",
    "wife": "wives", "half": "halves", "shelf": "shelves", "wolf": "wolves", "thief": "thieves", "loaf": "loaves",
    "analysis": "analyses", "index": "indexes", "matrix": "matrices", "vertex": "vertices", "axis": "axes",
    "criterion": "criteria", "phenomenon": "phenomena", "thesis": "theses", "crisis": "crises", "basis": "bases",
    "hypothesis": "hypotheses", "appendix": "appendices", "radius": "radii", "stimulus": "stimuli",
    "nucleus": "nuclei", "fungus": "fungi", "cactus": "cacti", "alumnus": "alumni", "bacterium": "bacteria",
    "curriculum": "curricula", "medium": "media", "datum": "data", "diagnosis": "diagnoses", "ellipsis": "ellipses",
    "parenthesis": "parentheses", "synopsis": "synopses", "oasis": "oases", "emphasis": "emphases",
    "stomach": "stomachs", "epoch": "epochs", "monarch": "monarchs", "patriarch": "patriarchs", "tech": "techs",
}
"""English plurals ``en_US`` lists as unrelated words."""
PLURAL_LEMMAS = frozenset({*IRREGULAR_PLURALS.values(), "mitochondria", "algae", "larvae", "vertebrae", "genera"})
"""Words that are plurals themselves: never an entry's singular."""
MASS_ENDINGS = ("ity", "ism", "ness", "logy", "graphy", "metry", "nomy", "tion", "sion", "ment", "ance", "ence",
                "ics", "ing", "itis", "osis", "ery", "dom", "hood", "ship", "ware", "age")
"""Abstract endings: a noun so ending that ``en_US`` gives no plural is taken as uncountable."""


def _lower(stem: Stem) -> bool:
    return stem.word == stem.word.lower() and stem.word.isalpha() or "-" in stem.word and stem.word.islower()


def _four_forms(forms: Iterable[Form], pos: str, unmarked_is_both: bool) -> tuple[str, str, str, str] | None:
    """The (ms, fs, mp, fp) forms among a stem's ``forms`` tagged ``pos``, or None when one is missing.

    ``is:epi`` forms serve both genders; forms with no gender tag serve both when ``unmarked_is_both`` (adjectives)
    and neither otherwise (participles).
    """
    found: dict[str, str] = {}
    for form in forms:
        if pos not in form.tags:
            continue
        tags = form.tags
        if "is:epi" in tags or (unmarked_is_both and not {"is:mas", "is:fem"} & tags):
            genders = ["m", "f"]
        else:
            genders = ["m"] if "is:mas" in tags else ["f"] if "is:fem" in tags else []
        numbers = ["s", "p"] if "is:inv" in tags else ["p"] if "is:pl" in tags else ["s"] if "is:sg" in tags else []
        for g in genders:
            for n in numbers:
                found.setdefault(g + n, form.text)
    if {"ms", "fs", "mp", "fp"} <= found.keys():
        return found["ms"], found["fs"], found["mp"], found["fp"]
    return None


@dataclass(frozen=True)
class FrenchNoun:
    """A French noun lemma with its gender (``m``, ``f`` or ``""`` when epicene) and plural."""

    sg: str
    pl: str
    gender: str


@dataclass(frozen=True)
class FrenchVerb:
    """A French verb: infinitive, third person singular present, masculine past participle."""

    inf: str
    third: str
    pp: str


class FrenchMorph:
    """Forms and tags of every lowercase stem of a French hunspell dictionary (Grammalecte's ``po:``/``is:``)."""

    def __init__(self, dic: Hunspell) -> None:
        self.dic = dic
        self.by_form: dict[str, list[Form]] = {}
        self.by_lemma: dict[str, list[Stem]] = {}
        for stem in dic.stems:
            if not _lower(stem) or not any(t.startswith("po:") for t in stem.tags):
                continue
            self.by_lemma.setdefault(stem.word, []).append(stem)
            for form in dic.forms(stem):
                self.by_form.setdefault(form.text, []).append(form)

    def analyses(self, form: str) -> list[Form]:
        """Every analysis of a lowercase form (empty when unknown)."""
        return self.by_form.get(form, [])

    def stems(self, lemma: str, pos: str) -> list[Stem]:
        """The stems of ``lemma`` with part of speech ``pos`` (``nom``, ``adj``, ``v``)."""
        return [s for s in self.by_lemma.get(lemma, []) if any(t.startswith(f"po:{pos}") for t in s.tags)]

    def noun(self, lemma: str) -> FrenchNoun | None:
        """Gender and plural of a noun lemma; None when the dictionary does not hold it as a noun."""
        stems = self.stems(lemma, "nom")
        genders = {"m" if "is:mas" in s.tags else "f" if "is:fem" in s.tags else "" for s in stems}
        for stem in stems:
            tags = set(stem.tags)
            # a homograph of both genders (le tour / la tour) leaves the gender to other evidence
            gender = next(iter(genders)) if len(genders) == 1 else ""
            forms = list(self.dic.forms(stem))
            if "is:inv" in tags or any("is:inv" in f.tags for f in forms if f.text == lemma):
                return FrenchNoun(lemma, lemma, gender)
            plurals = [f.text for f in forms if "is:pl" in f.tags and f.text != lemma]
            if plurals:
                plurals.sort(key=lambda p: (p not in (lemma + "s", lemma + "x"), len(p)))
                return FrenchNoun(lemma, plurals[0], gender)
        return None

    def adjective(self, lemma: str) -> tuple[str, str, str, str] | None:
        """The four forms (ms, fs, mp, fp) of an adjective lemma; None when not an adjective of the dictionary."""
        for stem in self.stems(lemma, "adj") or [s for s in self.by_lemma.get(lemma, []) if "po:adj" in s.tags]:
            forms = _four_forms(self.dic.forms(stem), "po:adj", unmarked_is_both=True)
            if forms:
                return forms
        return None

    def participle(self, lemma: str) -> tuple[str, str, str, str] | None:
        """The past participle's four forms (ms, fs, mp, fp) of a verb, or None when the dictionary lacks one."""
        for stem in self.stems(lemma, "v"):
            forms = _four_forms(self.dic.forms(stem), "po:ppas", unmarked_is_both=False)
            if forms:
                return forms
        return None

    def verb(self, lemma: str) -> FrenchVerb | None:
        """Infinitive, third person present and past participle; None when any is missing."""
        for stem in self.stems(lemma, "v"):
            third = pp = ""
            for form in self.dic.forms(stem):
                if not third and {"po:ipre", "po:3sg"} <= form.tags:
                    third = form.text
                if not pp and "po:ppas" in form.tags and ("is:mas" in form.tags or "is:epi" in form.tags) and (
                        "is:sg" in form.tags or "is:inv" in form.tags):
                    pp = form.text
            if third and pp:
                return FrenchVerb(lemma, third, pp)
        return None


@dataclass(frozen=True)
class EnglishForm:
    """An English form: the stem it comes from and the ``en_US`` flag that made it (``""`` for the stem).

    ``stem_flags`` are all the stem's flags: they hint at its parts of speech.
    """

    stem: str
    flag: str
    stem_flags: frozenset[str]


class EnglishMorph:
    """English lemmas and forms from ``en_US`` (flags S, D, G) and :data:`IRREGULAR_VERBS`."""

    FLAGS = ("S", "D", "G")

    def __init__(self, dic: Hunspell) -> None:
        self.dic = dic
        self.by_form: dict[str, list[EnglishForm]] = {}
        self.forms_of: dict[str, dict[str, str]] = {}
        self.proper: set[str] = set()
        for stem in dic.stems:
            if stem.word[:1].isupper() and stem.word[1:].islower():
                self.proper.add(stem.word.lower())
            if not stem.word.isalpha() or stem.word != stem.word.lower():
                continue
            flags = frozenset(stem.flags)
            table = self.forms_of.setdefault(stem.word, {"": stem.word, "flags": "".join(sorted(flags))})
            for form in dic.forms(stem):
                if form.flag not in ("", *self.FLAGS):
                    continue
                table.setdefault(form.flag, form.text)
                self.by_form.setdefault(form.text, []).append(EnglishForm(stem.word, form.flag, flags))
        for base, (past, gerund) in IRREGULAR_VERBS.items():
            if base in self.forms_of:
                self.forms_of[base]["D"] = past
                self.forms_of[base]["G"] = gerund
                self.by_form.setdefault(past, []).append(EnglishForm(base, "D", frozenset("DG")))

    def analyses(self, form: str) -> list[EnglishForm]:
        """Every (stem, flag) a lowercase form can come from."""
        return self.by_form.get(form, [])

    def is_stem(self, word: str) -> bool:
        """True when ``word`` is a lowercase stem of the dictionary."""
        return word in self.forms_of

    def flags(self, word: str) -> str:
        """The stem's flags (``"MS"``, ``"DGS"``...)."""
        return self.forms_of.get(word, {}).get("flags", "")

    def plural(self, word: str) -> str | None:
        """A noun's plural, or None for a mass noun.

        Irregular (``women``), the ``S`` form, or the regular plural when the dictionary holds it through another
        stem (``condensers`` comes from ``condense``).
        """
        if word in IRREGULAR_PLURALS:
            return IRREGULAR_PLURALS[word]
        if word.endswith(("itis", "osis")):
            return None  # en_US's "arteritises" is no plural anyone writes
        found = self.forms_of.get(word, {}).get("S")
        if found is not None:
            return found
        candidates = [word[:-1] + "ies"] if word.endswith("y") and word[-2:-1] not in "aeiou" else (
            [word + "es"] if word.endswith(("s", "x", "z", "ch", "sh")) else [word + "s", word + "es"])
        for candidate in candidates:
            if candidate in self.by_form:
                return candidate
        if word.endswith(MASS_ENDINGS):
            return None
        return candidates[0]  # en_US lists many count nouns without their plural (contest, potato, tuner)

    def verb(self, word: str) -> tuple[str, str, str, str] | None:
        """(base, third, gerund, past) of a verb, or None when the dictionary cannot give all of them."""
        table = self.forms_of.get(word)
        if table is None or word in ("be", "have", "do"):
            return None
        past, gerund = table.get("D"), table.get("G")
        third = table.get("S") or (word + "es" if word.endswith(("s", "x", "z", "ch", "sh")) else word + "s")
        if past is None or gerund is None:
            return None
        return word, third, gerund, past


def flags_hint(flags: Iterable[str]) -> set[str]:
    """Parts of speech ``en_US``'s flags suggest.

    ``M`` (possessive 's) -> noun, and ``S`` without ``D``/``G`` (a plural, not a third person); ``D`` or ``G``
    -> verb; ``Y`` (-ly), ``T`` (-est) or ``P`` (-ness) -> adjective. ``R`` (-er) is left out: it makes agent nouns
    as well as comparatives (``hammer`` is no adjective).
    """
    got = set(flags)
    out = set()
    if "M" in got or ("S" in got and not got & {"D", "G"}):
        out.add("noun")
    if got & {"D", "G"}:
        out.add("verb")
    if got & {"Y", "P", "T"}:
        out.add("adj")
    return out
