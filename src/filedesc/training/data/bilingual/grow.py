"""Grow the lexicon: turn translation evidence into full noun, verb and adjective entries with provenance.

Evidence, per (English form, French form): FreeDict articles (with their part of speech and gender), one-word
interface messages and package short descriptions (``"Open"`` -> ``"Ouvrir"``: votes), and IBM Model 1 links
(:mod:`.align`). Each is lemmatised on both sides with the hunspell dictionaries, and the forms must agree
(French plural with English ``S`` form, French third person with English third person...), which is what gives
the part of speech. Per English lemma and part of speech the best-supported French lemma wins; it is kept only
when the evidence reaches the thresholds of :class:`GrowConfig`.

Entries then get every form from the dictionaries (French gender from hunspell, else FreeDict, else the corpus'
determiners; plurals; conjugations) and their spellings, minus any spelling a hand entry already has: hand
entries always win, and a key that already exists is never written.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from filedesc.lexicon import Lexicon, fold
from filedesc.training.data.bilingual.align import Link, tokens
from filedesc.training.data.bilingual.checks import EN_FUNCTION, FR_FUNCTION
from filedesc.training.data.bilingual.morph import (
    IRREGULAR_VERBS,
    PLURAL_LEMMAS,
    EnglishMorph,
    FrenchMorph,
    flags_hint,
)

_EN_WORD = re.compile(r"^[a-z]{3,}$")
_FR_WORD = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ]+(?:-[a-zàâäçéèêëîïôöùûüÿœæ]+)?$")
_DETERMINER = re.compile(r"\b(le|un|du|au|ce|cet|la|une|cette)\s+([a-zàâäçéèêëîïôöùûüÿœæ-]+)", re.IGNORECASE)
EN_STOP = frozenset(
    "all any some each every more most other such only also very just than then there here when where what how "
    "why into onto over under about after before above below between through during without within again once "
    "same own both few many much several these those their them they his her him she you your our ours its "
    "itself yes not nor but yet so too can could would should shall will may might must being been does did "
    "done has had having get got etc via per non himself herself itself myself yourself ourselves themselves "
    "anybody anyone anything everybody everyone everything nobody nothing somebody someone something none "
    "whatever whichever whoever worse worst better best less least".split()
)
ADJECTIVE_ENDINGS = ("less", "ful", "ous", "able", "ible")
"""English endings that make adjectives, never nouns (``lossless`` is no ``perte``)."""
PRONOMINAL = re.compile(r"^(?:se |s')")
COGNATE_SUFFIXES: tuple[tuple[str, str, str, bool], ...] = (
    # (English ending, French ending, part of speech, sure: enough alone when both dictionaries hold the pair)
    ("tion", "tion", "noun", True), ("sion", "sion", "noun", True), ("ity", "ité", "noun", True),
    ("ism", "isme", "noun", True), ("ist", "iste", "noun", True), ("logy", "logie", "noun", True),
    ("graphy", "graphie", "noun", True), ("metry", "métrie", "noun", True), ("sis", "se", "noun", False),
    ("ance", "ance", "noun", False), ("ence", "ence", "noun", False), ("ment", "ment", "noun", False),
    ("ure", "ure", "noun", False), ("or", "eur", "noun", False), ("er", "eur", "noun", False),
    ("y", "ie", "noun", False), ("age", "age", "noun", False), ("ics", "ique", "noun", False),
    ("ic", "ique", "adj", True), ("ical", "ique", "adj", True), ("ous", "eux", "adj", True),
    ("ive", "if", "adj", True), ("ar", "aire", "adj", True), ("ary", "aire", "adj", True),
    ("able", "able", "adj", False), ("ible", "ible", "adj", False), ("al", "al", "adj", False),
    ("ant", "ant", "adj", False), ("ent", "ent", "adj", False), ("ile", "ile", "adj", False),
    ("ize", "iser", "verb", True), ("ise", "iser", "verb", True), ("ify", "ifier", "verb", True),
    ("ate", "er", "verb", False), ("e", "er", "verb", False), ("", "er", "verb", False), ("ert", "ertir", "verb", True),
    ("tude", "tude", "noun", True), ("gram", "gramme", "noun", True), ("meter", "mètre", "noun", True),
    ("graph", "graphe", "noun", True), ("itis", "ite", "noun", True), ("osis", "ose", "noun", True),
    ("logist", "logue", "noun", True), ("ician", "icien", "noun", True), ("nomy", "nomie", "noun", True),
    ("cracy", "cratie", "noun", True), ("scope", "scope", "noun", True), ("ia", "ie", "noun", False),
    ("ional", "ionnel", "adj", True), ("ual", "uel", "adj", True), ("ency", "ence", "noun", False),
    ("ory", "oire", "noun", False),
)
"""English/French endings that make cognates (``reduction``/``réduction``, ``calculate``/``calculer``)."""
FALSE_FRIENDS = frozenset(
    "actual actually eventual eventually sensible resume achieve library sympathetic deception assist attend "
    "demand pretend realize realise rest rent control support prevent injure lecture journey location chance "
    "cave coin car comprehensive delay fabric figure issue large petrol preservative sale sort spiritual "
    "terrible tentative vicious character casualty constipation deranged disposable agenda ancient "
    "argument course envy executive gentle habit hazard inhabit occasion offence parent phrase place "
    "proper raisin sensible suggest tape trouble sentence stage efficient formidable use report dress "
    "attend assume abuse deceive pile plot prune rude surname tentative genial obedience carnation lime file "
    "catch long cruise evade enrage candid concurrence consistent conductor costume crayon déception "
    "disposition fabricate gymnasium hotel mystify petulant physician preservative provision "
    "rider sympathize versatile emergency directory academia visor destitution terrific esperance casual "
    "cinematic domesticity "
    "bless wreck affair apology commodity confection conductor crane douche excited fastidious grand luxurious "
    "mundane preservative qualified resumption sympathy topic vacancy".split()
)
"""English words whose look-alike French word means something else; never taken as cognates."""


@dataclass(frozen=True)
class GrowConfig:
    """Thresholds of the evidence an entry needs (each alone is enough), and the frequency floor."""

    min_votes: int = 2
    min_align_score: float = 0.4
    min_align_cooc: int = 4
    min_zipf_en: float = 1.0


@dataclass
class Evidence:
    """What supports one (part of speech, English lemma, French lemma) translation."""

    freedict: int = 0
    freedict_rank: int = 99
    freedict_ranks: dict[str, int] = field(default_factory=dict)
    cognate: bool = False
    cognate_sure: bool = False
    votes: int = 0
    align: float = 0.0
    cooc: int = 0
    gender: Counter[str] = field(default_factory=Counter)

    def enough(self, config: GrowConfig) -> bool:
        """True when one kind of evidence reaches its threshold, or two weaker kinds agree.

        A dictionary alone is enough only when each direction gives the other word as its first translation
        (FreeDict's later senses are often loose: "stove" -> "four", "slot" -> "sillon"); otherwise the corpus must
        agree. Corpus evidence never counts the dictionaries' own lines (the aligner does not see them).
        """
        strong_align = self.align >= config.min_align_score and self.cooc >= config.min_align_cooc
        corpus = self.votes >= 1 or (self.align >= 0.1 and self.cooc >= 2)
        mutual_first = self.freedict_ranks.get("ef") == 0 and self.freedict_ranks.get("fe") == 0
        return (mutual_first or (self.freedict > 0 and corpus) or self.votes >= config.min_votes
                or strong_align or (self.votes >= 1 and self.align >= 0.1) or (self.cognate and corpus)
                or (self.cognate and self.freedict > 0) or self.cognate_sure)

    def rank(self) -> float:
        """Order of preference between French lemmas of one English lemma."""
        return (3.0 * self.align + 0.7 * math.log1p(self.votes) + 0.8 * min(self.freedict, 2)
                - 0.05 * min(self.freedict_rank, 10) + 0.02 * math.log1p(self.cooc) + 0.5 * self.cognate)

    def provenance(self) -> str:
        """``freedict`` when a dictionary gave it, ``aligned`` when the parallel corpus did, else ``cognate``."""
        if self.freedict:
            return "freedict"
        return "aligned" if self.votes or self.align else "cognate"

    def as_json(self) -> dict[str, Any]:
        """The evidence as written into the entry (for review and for later thresholds)."""
        ranks = ",".join(f"{d}{r}" for d, r in sorted(self.freedict_ranks.items()))
        out: dict[str, Any] = {"freedict": ranks or 0, "votes": self.votes,
                               "align": round(self.align, 3), "cooc": self.cooc}
        if self.cognate:
            out["cognate"] = True
        return out


Key = tuple[str, str, str]


class Grower:
    """Collect evidence, choose translations, and write entries."""

    def __init__(self, fr: FrenchMorph, en: EnglishMorph, hand: Lexicon, config: GrowConfig | None = None) -> None:
        self.fr, self.en, self.hand = fr, en, hand
        self.config = config or GrowConfig()
        self.evidence: dict[Key, Evidence] = defaultdict(Evidence)
        self.phrase_keys: set[tuple[str, str]] = set()
        self.determiners: dict[str, Counter[str]] = defaultdict(Counter)

    # --- lemmatising a pair of forms -------------------------------------------------------------------------
    def lemma_pairs(self, en_form: str, fr_form: str, pos_hint: str = "") -> set[Key]:
        """Every (pos, English lemma, French lemma) the two forms can agree on."""
        en_form, fr_form = en_form.lower().strip(), fr_form.lower().strip()
        fr_form = PRONOMINAL.sub("", fr_form)
        out: set[Key] = set()
        if " " in fr_form:
            return self._phrase(en_form, fr_form) if pos_hint in ("", "noun") else out
        if not _EN_WORD.match(en_form) or not _FR_WORD.match(fr_form) or fr_form in FR_FUNCTION:
            return out
        en_readings = self.en.analyses(en_form)
        # one form, two stems ("staging": stage + ing, stag + ing): the longer stem is the word meant
        longest: dict[str, int] = {}
        for reading in en_readings:
            longest[reading.flag] = max(longest.get(reading.flag, 0), len(reading.stem))
        en_readings = [r for r in en_readings if len(r.stem) == longest[r.flag]]
        for form in self.fr.analyses(fr_form):
            stem_tags, tags = set(form.stem.tags), form.tags
            lemma = form.stem.word
            for e in en_readings:
                if any(t.startswith("po:v") for t in stem_tags) and pos_hint in ("", "verb"):
                    if ("po:infi" in tags and e.flag == "") or ({"po:ipre", "po:3sg"} <= tags and e.flag == "S") or (
                            "po:ppas" in tags and e.flag == "D") or ("po:ppre" in tags and e.flag == "G"):
                        out.add(("verb", e.stem, lemma))
                if "po:nom" in stem_tags and pos_hint in ("", "noun"):
                    plural = "is:pl" in tags
                    if (plural and e.flag == "S") or (not plural and e.flag == "" and "is:pl" not in tags):
                        out.add(("noun", e.stem, lemma))
                if "po:adj" in stem_tags and not any(t.startswith("po:v") for t in stem_tags) and (
                        pos_hint in ("", "adj")) and e.flag == "" and (
                        "is:mas" in tags or "is:epi" in tags) and "is:pl" not in tags:
                    out.add(("adj", e.stem, lemma))
        return out

    def _phrase(self, en_form: str, fr_phrase: str) -> set[Key]:
        """A French noun phrase ``N de N`` / ``N d'N`` / ``N à N`` for one English noun (``password``)."""
        words = fr_phrase.split()
        if len(words) != 3 or words[1] not in ("de", "à", "d'") or not _EN_WORD.match(en_form):
            return set()
        out: set[Key] = set()
        for form in self.fr.analyses(words[0]):
            if "po:nom" not in form.stem.tags or "is:pl" in form.tags or form.stem.word != words[0]:
                continue
            if not all(self.fr.analyses(w) for w in words[2:]):
                continue
            for e in self.en.analyses(en_form):
                if e.flag == "":
                    out.add(("noun", e.stem, fr_phrase))
        return out

    # --- evidence ---------------------------------------------------------------------------------------------
    def add_freedict(self, en: str, fr: str, pos: str, gender: str, rank: int, direction: str = "") -> None:
        """One FreeDict translation.

        ``rank`` is its position in the article (0 first); ``direction`` ``fe`` for fra-eng, ``ef`` for eng-fra.
        """
        for key in self.lemma_pairs(en, fr, pos if pos in ("noun", "verb", "adj") else ""):
            ev = self.evidence[key]
            ev.freedict += 1
            ev.freedict_rank = min(ev.freedict_rank, rank)
            if direction:
                ev.freedict_ranks[direction] = min(rank, ev.freedict_ranks.get(direction, rank))
            if gender and key[0] == "noun" and key[2] == fr.lower():
                ev.gender[gender] += 1

    def add_short_pair(self, en: str, fr: str) -> None:
        """A one-word English message and its one-to-three-word French translation: one vote."""
        en_t = tokens(en, "en")
        fr_clean = " ".join(fr.replace("’", "'").lower().strip(" .…!?:").split())
        if not fr_clean or len(fr_clean.split()) > 4 or not en.strip(" .…!?:").replace(" ", "").isalpha():
            return
        if len(en_t) == 2:
            phrase = self._compound(en_t, fr_clean)
            if phrase is not None:
                self.evidence[phrase].votes += 1
                self.phrase_keys.add(phrase[:2])
            return
        if len(en_t) != 1 or len(fr_clean.split()) > 3:
            return
        for key in self.lemma_pairs(en_t[0], fr_clean):
            self.evidence[key].votes += 1

    def _compound(self, en_t: list[str], fr: str) -> Key | None:
        """An English two-word noun and its French ``N de N`` or ``N adj``, singular on both sides.

        ``file system`` / ``système de fichiers``, ``public key`` / ``clé publique``; None when the forms do not
        agree.
        """
        first, head = en_t
        if not (_EN_WORD.match(first) and _EN_WORD.match(head)) or first in EN_STOP or head in EN_STOP:
            return None
        if first in EN_FUNCTION or head in EN_FUNCTION or not self.en.is_stem(first) or not self.en.is_stem(head):
            return None
        if "noun" not in flags_hint(self.en.flags(head)):
            return None
        words = fr.split()
        noun = words[0]
        if not any("po:nom" in f.stem.tags and f.stem.word == noun and "is:pl" not in f.tags
                   for f in self.fr.analyses(noun)):
            return None
        complement = [re.sub(r"^[ld]'", "", w) for w in words[2:]]
        if len(words) == 3 and words[1] in ("de", "à", "des", "du") and all(self.fr.analyses(w) for w in complement):
            return ("noun", f"{first}_{head}", fr)
        if len(words) == 4 and words[1:3] == ["de", "la"] and self.fr.analyses(words[3]):
            return ("noun", f"{first}_{head}", fr)
        if len(words) == 2 and words[1].startswith("d'") and self.fr.analyses(words[1][2:]):
            return ("noun", f"{first}_{head}", fr)
        adjective = any("po:adj" in f.stem.tags and "is:pl" not in f.tags for f in self.fr.analyses(words[-1]))
        if len(words) == 2 and adjective:
            return ("noun", f"{first}_{head}", fr)
        return None

    def add_links(self, links: Iterable[Link]) -> None:
        """IBM Model 1 links (their best score per lemma pair, and the summed co-occurrences).

        A lowercased English proper name (``mars``: Mars) is no evidence for the common word it looks like.
        """
        for link in links:
            if link.en in self.en.proper:
                continue
            for key in self.lemma_pairs(link.en, link.fr):
                ev = self.evidence[key]
                ev.align = max(ev.align, link.score)
                ev.cooc += link.cooccurrences

    def add_cognates(self, english: Iterable[str]) -> None:
        """Pair English words with the French word their ending predicts.

        Kept only when the French dictionary holds that word with the right part of speech (accents ignored:
        ``reduction`` finds ``réduction``).
        """
        folded: dict[str, list[str]] = defaultdict(list)
        for lemma in self.fr.by_lemma:
            folded[fold(lemma)].append(lemma)
        for en_word in english:
            if en_word in FALSE_FRIENDS or not _EN_WORD.match(en_word):
                continue
            for en_end, fr_end, pos, sure in COGNATE_SUFFIXES:
                if not en_word.endswith(en_end) or len(en_word) - len(en_end) < 3:
                    continue
                guess = fold(en_word[: len(en_word) - len(en_end)] + fr_end)
                for fr_lemma in folded.get(guess, ()):
                    tag = {"noun": "nom", "adj": "adj", "verb": "v"}[pos]
                    if not self.fr.stems(fr_lemma, tag):
                        continue
                    ev = self.evidence[(pos, en_word, fr_lemma)]
                    ev.cognate = True
                    ev.cognate_sure = ev.cognate_sure or sure

    def confirm_common_cognates(self, zipf_en: Mapping[str, float], zipf_fr: Mapping[str, float],
                                floor: float = 1.5) -> int:
        """Accept the cognates of the looser noun and adjective endings when both words are common.

        ``-ment``, ``-ure``, ``-al``... Both at Zipf ``floor`` or more: a rare look-alike is more often a false friend
        or a dictionary oddity. Verbs made by adding ``-er`` (``file``/``filer``, ``lime``/``limer``,
        ``catch``/``catcher``) are false friends too often: they need the corpus or a dictionary. Returns how many
        were accepted.
        """
        accepted = 0
        for (pos, en_lemma, fr_lemma), ev in self.evidence.items():
            if pos == "verb":
                continue
            if ev.cognate and not ev.cognate_sure and zipf_en.get(en_lemma, 0.0) >= floor and (
                    zipf_fr.get(fr_lemma, 0.0) >= floor):
                ev.cognate_sure = True
                accepted += 1
        return accepted

    def add_french_text(self, text: str) -> None:
        """Count the determiners before each French word (``le``/``un`` masculine, ``la``/``une`` feminine)."""
        for det, word in _DETERMINER.findall(text):
            det = det.lower()
            self.determiners[word.lower()]["m" if det in ("le", "un", "du", "au", "ce", "cet") else "f"] += 1

    # --- choosing and writing ---------------------------------------------------------------------------------
    def _gender(self, lemma: str, hunspell_gender: str, ev: Evidence) -> str:
        if hunspell_gender:
            return hunspell_gender
        if ev.gender:
            return ev.gender.most_common(1)[0][0]
        counts = self.determiners.get(lemma, Counter())
        total = sum(counts.values())
        if total >= 3 and max(counts.values()) >= 0.8 * total:
            return counts.most_common(1)[0][0]
        return ""

    def _plausible(self, pos: str, en_lemma: str, ev: Evidence) -> bool:
        """Whether the English word can be this part of speech.

        ``en_US``'s flags say so, or, for a word with no flags at all, a cognate ending or two corpus votes do
        (``since`` is no noun, ``hammer`` no adjective).
        """
        if "_" in en_lemma:
            return (pos, en_lemma) in self.phrase_keys
        if not _EN_WORD.match(en_lemma) or en_lemma in EN_STOP or en_lemma in EN_FUNCTION:
            return False
        if not self.en.is_stem(en_lemma) or en_lemma in PLURAL_LEMMAS:
            return False
        flags = self.en.flags(en_lemma)
        hints = flags_hint(flags)
        bare_ok = not flags and (ev.cognate or ev.votes >= 2)
        if pos == "verb":
            return "verb" in hints
        if pos == "noun":
            return ("noun" in hints or bare_ok) and not en_lemma.endswith(ADJECTIVE_ENDINGS + ("ly",))
        return "adj" in hints or bare_ok

    def choose(self) -> dict[str, dict[str, tuple[str, Evidence]]]:
        """Per part of speech, per English lemma: the chosen French lemma and its evidence."""
        best: dict[str, dict[str, tuple[str, Evidence]]] = {"noun": {}, "verb": {}, "adj": {}}
        for (pos, en_lemma, fr_lemma), ev in self.evidence.items():
            if not self._accepted(pos, en_lemma, fr_lemma, ev):
                continue
            current = best[pos].get(en_lemma)
            if current is None or (ev.rank(), fr_lemma) > (current[1].rank(), current[0]):
                best[pos][en_lemma] = (fr_lemma, ev)
        return best

    def _accepted(self, pos: str, en_lemma: str, fr_lemma: str, ev: Evidence) -> bool:
        """Whether a candidate is good enough to be written (evidence, part of speech, reading)."""
        if "_" in en_lemma:
            if any(part in self.en.proper and not self.en.flags(part) for part in en_lemma.split("_")):
                return False  # "french desktop": a proper adjective, lowercased by the tokenizer (en_US's
                # lowercase twin of a proper name carries no flags; "bill", "mark" do and stay)
            return (pos, en_lemma) in self.phrase_keys and ev.votes >= 1 and self._head_agrees(en_lemma, fr_lemma)
        if en_lemma in FALSE_FRIENDS and fold(fr_lemma)[:4] == en_lemma[:4]:
            return False  # a look-alike of a known false friend, from any source (assume / assumer)
        if not ev.enough(self.config) or not self._plausible(pos, en_lemma, ev):
            return False
        return not (pos in ("noun", "adj") and self._other_reading_wins(pos, en_lemma, fr_lemma))

    def _head_agrees(self, en_key: str, fr_phrase: str) -> bool:
        """A two-word noun's heads must translate each other, in the hand lexicon or by single-word evidence.

        ``parse_error`` / ``erreur d'analyse`` holds because ``error`` is ``erreur``.
        """
        head_en, head_fr = en_key.rsplit("_", 1)[1], fr_phrase.split()[0]
        if any(fold(n.fr_sg) == fold(head_fr) for n in self.hand.lookup(head_en).nouns):
            return True
        ev = self.evidence.get(("noun", head_en, head_fr))
        return ev is not None and ev.enough(self.config)

    def _other_reading_wins(self, pos: str, en_lemma: str, fr_lemma: str) -> bool:
        """A word pair readable as noun and adjective (``low``/``bas``) is an adjective when English flags say so."""
        other = "adj" if pos == "noun" else "noun"
        if (other, en_lemma, fr_lemma) not in self.evidence:
            return False
        adjectival = "adj" in flags_hint(self.en.flags(en_lemma))
        return adjectival if pos == "noun" else not adjectival

    def _candidates(self) -> list[tuple[str, str, str, Evidence]]:
        """Every (pos, English lemma, French lemma, evidence) good enough to be written, best first."""
        out = []
        for (pos, en_lemma, fr_lemma), ev in self.evidence.items():
            if self._accepted(pos, en_lemma, fr_lemma, ev):
                out.append((pos, en_lemma, fr_lemma, ev))
        out.sort(key=lambda item: (-item[3].rank(), item[0], item[1], item[2]))
        return out

    def entries(self, zipf: Mapping[str, float] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Build the new entries (hand keys and spellings left alone), sorted by key, per file stem.

        First pass: one entry per English lemma and part of speech, its best French lemma. Second pass: a French
        lemma still unknown after the first pass (a synonym: ``effacer`` beside ``supprimer``) gets its own entry
        from its best English lemma, keyed ``<english>_<french>`` when ``<english>`` is already a key, so that
        French names find it too.
        """
        out: dict[str, list[dict[str, Any]]] = {"nouns": [], "verbs": [], "adjectives": []}
        keys = {"noun": set(self.hand.nouns), "verb": set(self.hand.verbs), "adj": set(self.hand.adjectives)}
        taken = set(self.hand.index)
        chosen = self.choose()
        first = [(pos, en, fr, ev) for pos, table in chosen.items() for en, (fr, ev) in table.items()]
        first.sort(key=lambda item: (-item[3].rank(), item[0], item[1]))
        for pos, en_lemma, fr_lemma, ev in first:
            if en_lemma in keys[pos] or self._hand_covers(pos, en_lemma):
                continue
            self._add(out, keys, taken, pos, en_lemma, en_lemma, fr_lemma, ev, zipf)
        for pos, en_lemma, fr_lemma, ev in self._candidates():
            if fold(fr_lemma) in taken or " " in fr_lemma:
                continue
            key = en_lemma if en_lemma not in keys[pos] else f"{en_lemma}_{_ascii(fr_lemma)}"
            if key in keys[pos]:
                continue
            self._add(out, keys, taken, pos, key, en_lemma, fr_lemma, ev, zipf)
        hand_verbs = [_verb_json(v) for v in self.hand.verbs.values()]
        out["adjectives"] += derive_participles([*hand_verbs, *out["verbs"]], self.fr, taken, keys["adj"])
        for items in out.values():
            items.sort(key=lambda e: e["key"])
        return out

    def _add(self, out: dict[str, list[dict[str, Any]]], keys: dict[str, set[str]], taken: set[str], pos: str,
             key: str, en_lemma: str, fr_lemma: str, ev: Evidence, zipf: Mapping[str, float] | None) -> None:
        """Write one entry unless its forms are missing or its English word is too rare; claim its spellings."""
        entry = self._entry(pos, en_lemma, fr_lemma, ev)
        if entry is None:
            return
        if zipf is not None:
            freq = zipf.get(en_lemma, 0.0)
            if freq < self.config.min_zipf_en and not (ev.cognate_sure or ev.votes or ev.cooc >= 3):
                return
            entry["zipf"] = round(freq, 2)
        spellings = [s for s in entry["spellings"] if fold(s) not in taken]
        if not spellings:
            return
        entry["key"] = key
        entry["spellings"] = spellings
        taken.update(fold(s) for s in spellings)
        keys[pos].add(key)
        out[{"noun": "nouns", "verb": "verbs", "adj": "adjectives"}[pos]].append(entry)

    def _hand_covers(self, pos: str, en_lemma: str) -> bool:
        senses = self.hand.lookup(en_lemma)
        return bool({"noun": senses.nouns, "verb": senses.verbs, "adj": senses.adjectives}[pos])

    def _entry(self, pos: str, en: str, fr: str, ev: Evidence) -> dict[str, Any] | None:
        evidence = ev.as_json()
        if pos == "noun":
            return self._noun(en, fr, ev, evidence)
        if pos == "verb":
            verb_en, verb_fr = self.en.verb(en), self.fr.verb(fr)
            if verb_en is None or verb_fr is None:
                return None
            base, third, gerund, past = verb_en
            return {"key": en, "en": {"base": base, "third": third, "gerund": gerund, "past": past},
                    "fr": {"inf": verb_fr.inf, "third": verb_fr.third, "pp": verb_fr.pp},
                    "spellings": _spellings(base, third, verb_fr.inf, verb_fr.third),
                    "provenance": ev.provenance(), "evidence": evidence}
        forms = self.fr.adjective(fr)
        if forms is None:
            return None
        ms, fs, mp, fp = forms
        return {"key": en, "en": en, "fr": {"ms": ms, "fs": fs, "mp": mp, "fp": fp},
                "spellings": _spellings(en, ms, fs, mp, fp), "provenance": ev.provenance(), "evidence": evidence}

    def _noun(self, en: str, fr: str, ev: Evidence, evidence: dict[str, Any]) -> dict[str, Any] | None:
        head, _, rest = fr.partition(" ")
        info = self.fr.noun(head)
        if info is None:
            return None
        gender = self._gender(head, info.gender, ev)
        if not gender:
            return None
        tail = f" {rest}" if rest else ""
        if rest and " " not in rest and not rest.startswith("d'"):  # "clé publique": the adjective agrees
            forms = self.fr.adjective(rest)
            if forms is None:
                return None
            ms, fs, mp, fp = forms
            if rest != (ms if gender == "m" else fs):
                return None
            tail = " " + (mp if gender == "m" else fp)
        first, _, last = en.rpartition("_")
        en_pl = self.en.plural(last)
        en_sg = f"{first} {last}" if first else last
        en_pl_text = f"{first} {en_pl}" if first and en_pl else en_pl
        entry: dict[str, Any] = {"key": en, "en": {"sg": en_sg, "pl": en_pl_text or en_sg},
                                 "fr": {"sg": fr, "pl": info.pl + tail, "gender": gender}}
        if en_pl is None:
            entry["mass"] = True
        joined = [en.replace("_", ""), (en_pl_text or en_sg).replace(" ", "")] if first else []
        entry["spellings"] = _spellings(*joined, en_sg, en_pl_text or en_sg, fr, info.pl + tail)
        entry["provenance"] = ev.provenance()
        entry["evidence"] = evidence
        return entry


_SPELLING = re.compile(r"^[a-z0-9àâäçéèêëîïôöûùüÿœæ]+$")


def derive_participles(verbs: Iterable[Mapping[str, Any]], fr: FrenchMorph, taken: set[str],
                       adjective_keys: set[str]) -> list[dict[str, Any]]:
    """Adjectives made from verbs' past participles: ``compressed`` / ``compressé, compressée...``.

    File names use them all the time (``compressed_data``, ``sorted_list``, ``encrypted_key``). Only regular
    English verbs (past in ``-ed``, so the past is the participle) and one-word French verbs whose four participle
    forms hunspell gives; provenance ``derived``, with the verb's key and provenance in the evidence. Spellings a
    hand entry (or an earlier entry) has are left out, and ``taken`` is updated.
    """
    out: list[dict[str, Any]] = []
    for verb in verbs:
        past, inf = verb["en"]["past"], verb["fr"]["inf"]
        if not (past.endswith("ed") and past.isalpha()) or verb["en"]["base"] in IRREGULAR_VERBS or " " in inf or (
                past in adjective_keys):
            continue
        evidence = verb.get("evidence") or {}
        backed = evidence.get("votes") or evidence.get("align", 0) >= 0.1
        if verb.get("provenance", "hand") != "hand" and not backed:
            continue  # only verbs the corpus backs: a loose verb makes a looser adjective ("longed" / "longé")
        forms = fr.participle(inf)
        if forms is None or forms[0] == forms[1]:
            continue  # an invariable participle (intransitive verb: "persisté") is no adjective
        spellings = [s for s in _spellings(past, *forms) if fold(s) not in taken]
        if not spellings or fold(past) in taken:
            continue
        taken.update(fold(s) for s in spellings)
        adjective_keys.add(past)
        ms, fs, mp, fp = forms
        out.append({"key": past, "en": past, "fr": {"ms": ms, "fs": fs, "mp": mp, "fp": fp}, "spellings": spellings,
                    "provenance": "derived",
                    "evidence": {"verb": verb["key"], "verb_provenance": verb.get("provenance", "hand")}})
    return out


def _spellings(*forms: str) -> list[str]:
    """Every form and its accentless twin (identifiers drop accents); one-word forms only, in order, no repeats."""
    out: list[str] = []
    for form in forms:
        for variant in (form, fold(form)):
            if _SPELLING.match(variant) and variant not in out:
                out.append(variant)
    return out


def _verb_json(verb: Any) -> dict[str, Any]:
    """A hand :class:`~filedesc.lexicon.VerbEntry` in the JSON shape :func:`derive_participles` reads."""
    return {"key": verb.key, "en": {"base": verb.en_base, "past": verb.en_past}, "fr": {"inf": verb.fr_inf},
            "provenance": verb.provenance}


def _ascii(word: str) -> str:
    """A French lemma as a key part: no accents, ligatures spelled out, letters only (``cœur`` -> ``coeur``)."""
    return re.sub(r"[^a-z]", "", fold(word).replace("œ", "oe").replace("æ", "ae"))


def gender_agreement(fr: FrenchMorph, hand: Lexicon) -> tuple[int, int, list[str]]:
    """How often hunspell's gender matches the hand lexicon's, on one-word French nouns both know."""
    agree = total = 0
    differ: list[str] = []
    for noun in hand.nouns.values():
        if " " in noun.fr_sg or noun.keep_en or noun.proper:
            continue
        info = fr.noun(noun.fr_sg)
        if info is None or not info.gender:
            continue
        total += 1
        if info.gender == noun.gender:
            agree += 1
        else:
            differ.append(f"{noun.fr_sg}: hand {noun.gender}, hunspell {info.gender}")
    return agree, total, differ
