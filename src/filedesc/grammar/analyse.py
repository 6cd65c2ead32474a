"""The name analyser: tokens -> lexicon entries -> :class:`~filedesc.grammar.meaning.Meaning`.

A name reads as ``[verb (and verb)] [object (and object)] [preposition phrase]*`` in English
(``convert_csv_to_json``) or French (``analyser_logs``, ``conversion_emails_en_minuscules``); a noun-only name is a
topic (``user_model``); an English verb may also close the name (``user_create``). Noun sequences use English
order (modifiers first) unless their words are French (``calcul_impot_revenu``: head first). Words the lexicon lacks
go to the word table (:mod:`filedesc.grammar.frequency`): a glued word is split (``pousserlestextes``), a French
noun or adjective keeps its accents, gender and agreement, other words are copied as names; the share of understood
tokens is reported so callers can decide to trust the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from filedesc.grammar import french
from filedesc.grammar.frequency import WordTable, load_words
from filedesc.grammar.meaning import GENERIC_KIND, Analysis, Complement, Meaning, Noun, NounPhrase, Unknown
from filedesc.identifiers import Token, split_name, split_words
from filedesc.lexicon import AdjectiveEntry, Convention, Lexicon, NounEntry, Senses, VerbEntry, fold

#: Prepositions written in names, English and French, mapped to canonical English.
PREPOSITIONS = {
    "to": "to", "from": "from", "for": "for", "by": "by", "with": "with", "in": "in", "into": "into", "on": "on",
    "as": "as", "via": "via", "without": "without", "per": "per", "at": "at", "about": "about", "of": "of",
    "vers": "to", "depuis": "from", "pour": "for", "par": "by", "avec": "with", "dans": "in", "en": "to",
    "sur": "on", "sans": "without", "de": "of", "du": "of", "des": "of", "d": "of", "2": "to",
}
CONJUNCTIONS = frozenset({"and", "et"})
FRENCH_FUNCTION_WORDS = frozenset({"vers", "depuis", "pour", "par", "avec", "dans", "en", "sur", "sans", "de", "du",
                                   "des", "d", "et", "le", "la", "les", "l", "un", "une"})
ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l", "un", "une"})
#: Nouns that name a piece of software: after a noun-or-verb word they make a compound (``import_helper``).
AGENT_NOUNS = frozenset({
    "service", "tool", "script", "module", "utility", "job", "task", "queue", "panel", "page", "view", "component",
    "table", "type", "model", "setting", "screen", "dialog", "button", "form", "plugin", "hook", "function", "class",
    "parser", "runner", "handler", "helper", "manager", "loader", "reader", "writer", "builder", "generator",
    "validator", "converter", "formatter", "exporter", "importer", "listener", "watcher", "scheduler", "worker",
    "controller", "provider", "factory", "wrapper", "adapter", "checker", "tracker", "logger", "monitor", "uploader",
    "downloader", "extractor", "processor", "renderer", "resolver", "serializer", "dispatcher", "executor",
    "launcher", "client", "server", "command", "entry", "level", "message", "record", "result", "status", "summary",
})
#: Verbs whose singular object reads better indefinite: "creates a user", "crée un utilisateur".
INDEFINITE_VERBS = frozenset({"create", "add", "generate", "make", "build", "insert", "register", "new"})


@dataclass(frozen=True)
class _Item:
    """One classified token: ``pos`` is verb, noun, adj, prep, and, skip, num or unknown."""

    text: str
    pos: str
    senses: Senses = Senses()
    prep: str = ""
    noun: Unknown | None = None  # for an unknown word: how to copy it (set once the name's language is known)
    plural: bool = False  # for an unknown word: a plural form (``textes``)


def _multi_word(text: str, lex: Lexicon) -> str:
    """The lexicon form of a multi-word group, or empty: ``couper le son`` is the verb ``couper le son de``.

    French verb phrases are stored with the preposition that links their object (see
    :func:`filedesc.grammar.french.verb_linker`), which names usually leave out.
    """
    if lex.lookup(text):
        return text
    for prep in french.OBJECT_PREPOSITIONS:
        if lex.lookup(f"{text} {prep}").verbs:
            return f"{text} {prep}"
    return ""


def _merge(tokens: tuple[Token, ...], lex: Lexicon) -> list[Token]:
    """Rejoin pieces that form a known word.

    Attached pieces (``sha`` + ``256``, ``i`` + ``18`` + ``n``) and multi-word forms (``mot_de_passe``,
    ``mettre_a_jour``) are looked up joined, longest first.
    """
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2):
            group = tokens[i:i + size]
            if len(group) < size:
                continue
            texts = [t.text for t in group]
            if all(t.attached for t in group[1:]) and lex.lookup("".join(texts)):
                out.append(Token("".join(texts), "word", group[0].attached))
                break
            if all(t.kind == "word" for t in group):
                joined = _multi_word(" ".join(texts), lex)
                if joined:
                    out.append(Token(joined, "word", group[0].attached))
                    break
        else:
            size = 1
            out.append(tokens[i])
        i += size
    return out


def _join_names(tokens: list[Token], items: list[_Item]) -> list[_Item]:
    """Unknown pieces of one camelCase word stay one name, as written: ``DejaVuSerif`` -> ``DejaVu`` + serif."""
    if len(tokens) != len(items):
        return items  # segmentation changed the count: nothing attached to join
    out: list[_Item] = []
    for tok, item in zip(tokens, items, strict=True):
        prev = out[-1] if out else None
        if (prev is not None and item.pos == "unknown" and prev.pos == "unknown" and tok.attached
                and tok.text[:1].isupper() and prev.text[:1].isupper()
                and not (_dictionary_word(prev.text) and _dictionary_word(item.text))):
            out[-1] = _Item(prev.text + item.text, "unknown")
        else:
            out.append(item)
    return out


def _dictionary_word(text: str) -> bool:
    """A word of four letters or more that the frequency table knows (``Repartition``, not ``Vu`` nor ``Deja``)."""
    return len(text) >= 4 and load_words().get(text) is not None and not text[1:].isupper()


def _plain_word(text: str) -> bool:
    """Lowercase or capitalised letters only (``Debiteurs`` from ``ListeDebiteurs``): not an acronym, not a mix."""
    return text.isalpha() and (text.islower() or (text[:1].isupper() and text[1:].islower()))


def _classify(tokens: list[Token], lex: Lexicon) -> list[_Item]:
    items: list[_Item] = []
    for index, tok in enumerate(tokens):
        low = fold(tok.text)
        inner = 0 < index < len(tokens) - 1
        if tok.kind == "version":
            items.append(_Item(tok.text, "version"))
        elif tok.kind == "number" and index == len(tokens) - 1 and index > 0 and len(low) <= 2:
            items.append(_Item(tok.text, "version"))
        elif tok.kind == "number":
            attached_between = inner and tok.attached and tokens[index + 1].attached and low in {"2", "4"}
            items.append(_Item(tok.text, "prep", prep="to" if low == "2" else "for") if attached_between
                         else _Item(tok.text, "num"))
        elif inner and low in PREPOSITIONS and low != "2":
            items.append(_Item(tok.text, "prep", prep=PREPOSITIONS[low]))
        elif inner and low in CONJUNCTIONS:
            items.append(_Item(tok.text, "and"))
        elif low in ARTICLES and index < len(tokens) - 1 and (len(low) > 1 or index > 0):
            items.append(_Item(tok.text, "skip"))
        else:
            senses = lex.lookup(tok.text)
            if senses:
                items.append(_Item(tok.text, "word", _exact_senses(tok.text, senses)))
            else:
                pieces = _glued(tok.text, lex)
                if pieces:
                    items.extend(_classify([Token(p) for p in pieces], lex))
                else:
                    items.append(_Item(tok.text, "unknown"))
    return items


def _glued(text: str, lex: Lexicon) -> tuple[str, ...] | None:
    """The words of a run-together identifier (``pousserlestextes``), by word frequency; None when it reads whole."""
    if not (text.islower() and text.isalpha() and len(text) >= 6):
        return None
    table = load_words()
    if table.singular(text) is not None or (text.endswith("s") and table.get(text[:-1]) is not None):
        return None  # a plural of a word (``infirmeries``) is no glued word
    return table.segment(text, lambda piece: bool(lex.lookup(piece)))


def _forms(entry: VerbEntry | NounEntry | AdjectiveEntry) -> dict[str, set[str]]:
    """The written forms of an entry per language (not its spellings), lowercase with their accents."""
    if isinstance(entry, VerbEntry):
        return {"en": {entry.en_base, entry.en_third}, "fr": {entry.fr_inf, entry.fr_third}}
    if isinstance(entry, NounEntry):
        return {"en": {entry.en_sg, entry.en_pl}, "fr": {entry.fr_sg, entry.fr_pl}}
    return {"en": {entry.en}, "fr": {entry.fr_ms, entry.fr_fs, entry.fr_mp, entry.fr_fp}}


def _exact_senses(text: str, senses: Senses) -> Senses:
    """Drop readings reached only by folding accents when another reading is written exactly as the name writes it.

    ``cache`` is the noun ``cache`` before it is the adjective ``caché`` (hidden): identifiers drop accents, so a
    word spelled exactly like one entry's form is likelier that word than an accented look-alike of another entry.
    """
    entries: list[VerbEntry | NounEntry | AdjectiveEntry] = [*senses.verbs, *senses.nouns, *senses.adjectives]
    if len(entries) < 2:
        return senses
    low = text.lower()
    exact = {id(e) for e in entries if any(low in {f.lower() for f in forms} for forms in _forms(e).values())}
    folded = {id(e) for e in entries if any(fold(text) in {fold(f) for f in forms} for forms in _forms(e).values())}
    return _without(senses, folded - exact if exact else set())


def _without(senses: Senses, drop: set[int]) -> Senses:
    """``senses`` less the entries whose ``id`` is in ``drop``."""
    if not drop:
        return senses
    return Senses(*(tuple(e for e in group if id(e) not in drop)
                    for group in (senses.verbs, senses.nouns, senses.adjectives)))  # type: ignore[arg-type]


def _in_language(item: _Item, lang: str) -> _Item:
    """Keep the readings of a word written in the name's language: ``transformer`` in an English name is the noun.

    A word spelled like a form of one language in one entry and of the other language in another entry
    (``transformer``: French verb, English noun) takes the reading of the language the rest of the name is in.
    """
    s = item.senses
    entries: list[VerbEntry | NounEntry | AdjectiveEntry] = [*s.verbs, *s.nouns, *s.adjectives]
    if item.pos != "word" or len(entries) < 2:
        return item
    low = fold(item.text)
    own = {id(e) for e in entries if low in {fold(f) for f in _forms(e)[lang]}}
    other = {id(e) for e in entries if low in {fold(f) for f in _forms(e)["fr" if lang == "en" else "en"]}}
    # only a word that reads one way in each language is settled (``import`` is a noun in both: it stays open)
    drop = other - own if own - other else set()
    return replace(item, senses=_without(s, drop)) if drop else item


def _copied(item: _Item, table: WordTable, name_lang: str | None) -> _Item:
    """How an unknown word is copied: French spelling, gender and number when a dictionary knows it as a noun.

    A French noun (``solidarite``) takes its accents and its gender (``la solidarité``); a common English word in a
    French sentence is a borrowed noun, masculine (``le whitespace``); names, acronyms and words no dictionary
    knows stay as written, with no article.
    """
    text = item.text
    info = table.get(text) if _plain_word(text) else None
    if info is None:
        return replace(item, noun=Unknown(text))
    if info.lang(name_lang) == "fr":
        adjective = table.adjective(text)
        if adjective is not None:
            return _Item(text, "word", Senses(adjectives=(french_adjective(text, adjective.word),)))
        singular = None if info.fr_gender else table.singular(text)
        gender = info.fr_gender or (singular.fr_gender if singular else "")
        return replace(item, noun=Unknown(text, fr=info.word, gender=gender), plural=singular is not None)
    if info.en >= 3.0 and info.en >= info.fr + 1.0 and info.tag != "x":  # "x": no noun (all, any)
        stem = text[:-3] + "y" if text.endswith("ies") else text[:-1]
        singular = table.get(stem) if text.endswith("s") and len(text) > 3 else None
        return replace(item, noun=Unknown(text, gender="m"), plural=singular is not None and singular.en >= 3.0)
    return replace(item, noun=Unknown(text))


#: Regular feminine endings of French adjectives (``prévisionnel`` -> ``prévisionnelle``), longest first.
_FEMININE = (("eux", "euse"), ("eur", "euse"), ("eil", "eille"), ("el", "elle"), ("en", "enne"), ("on", "onne"),
             ("et", "ette"), ("if", "ive"), ("er", "ère"), ("c", "que"))


def french_adjective(text: str, base: str) -> AdjectiveEntry:
    """An adjective the lexicon lacks but French dictionaries know (``fiscale``, ``manquante``), in its four forms.

    ``base`` is its masculine singular (``fiscal``); English sentences copy the word as the name writes it.
    """
    fem = base if base.endswith("e") else next(
        (base[: len(base) - len(m)] + f for m, f in _FEMININE if base.endswith(m)), base + "e")
    plural = base if base.endswith(("s", "x")) else base[:-2] + "aux" if base.endswith("al") else base + "s"
    return AdjectiveEntry(key=fold(text), en=text, fr_ms=base, fr_fs=fem, fr_mp=plural, fr_fp=fem + "s")


def _word_lang_of_unknown(item: _Item, table: WordTable) -> str | None:
    """The language of a word the lexicon lacks, when the frequency table clearly says (one language, or 10x)."""
    if item.pos != "unknown" or not item.text.isalpha() or len(item.text) < 4:
        return None
    info = table.get(item.text)
    if info is None:
        return None
    if info.en >= info.fr + 1.0:
        return "en"
    if info.fr >= info.en + 1.0:
        return "fr"
    return None


def _is_plural(text: str, noun: NounEntry) -> bool:
    low = fold(text)
    if low == fold(noun.fr_pl) and noun.fr_pl != noun.fr_sg:
        return True  # French plural; English keeps a mass noun singular anyway
    if noun.mass:
        return False
    if low in {fold(noun.en_pl), fold(noun.fr_pl)} and low not in {fold(noun.en_sg), fold(noun.fr_sg)}:
        return True
    return low.endswith(("s", "x")) and low[:-1] in {fold(s) for s in noun.spellings} and low != fold(noun.en_sg)


def _word_lang(item: _Item) -> str | None:
    """``fr`` or ``en`` when the spelling belongs to one language only (``evenements`` vs ``events``)."""
    s = item.senses
    en = {fold(f) for v in s.verbs for f in (v.en_base, v.en_third, v.en_gerund, v.en_past, v.key)}
    en |= {fold(f) for n in s.nouns for f in (n.en_sg, n.en_pl, n.key)}
    en |= {fold(a.en) for a in s.adjectives}
    fr = {fold(f) for v in s.verbs for f in (v.fr_inf, v.fr_third, v.fr_pp)}
    fr |= {fold(f) for n in s.nouns for f in (n.fr_sg, n.fr_pl)}
    fr |= {fold(f) for a in s.adjectives for f in (a.fr_ms, a.fr_fs, a.fr_mp, a.fr_fp)}
    low = fold(item.text)
    if low in fr and low not in en:
        return "fr"
    if low in en and low not in fr:
        return "en"
    return None


def _item_lang(item: _Item) -> str | None:
    """The language an item is written in, prepositions and articles included (``en``, ``des`` are French)."""
    if item.pos == "word":
        return _word_lang(item)
    if item.pos in {"prep", "skip", "and"}:
        low = fold(item.text)
        if low in FRENCH_FUNCTION_WORDS:
            return "fr"
        return "en" if low.isalpha() else None
    return None


def _noun_phrase(items: list[_Item], french_order: bool, stray: list[str]) -> NounPhrase | None:
    """Build one noun phrase from nouns, adjectives and unknown words; verbs found here are strays."""
    nouns: list[tuple[Noun, bool]] = []
    adjectives: list[AdjectiveEntry] = []
    numbers: list[tuple[Noun, bool]] = [(Unknown(it.text), False) for it in items if it.pos == "num"]
    content = [it for it in items if it.pos in {"word", "unknown"}]
    for pos, it in enumerate(content):
        s = it.senses
        head_slot = pos == (0 if french_order else len(content) - 1)
        if it.pos == "unknown":
            nouns.append((it.noun or Unknown(it.text), it.plural))
        elif s.adjectives and (not s.nouns or not head_slot):
            adjectives.append(s.adjectives[0])
        elif s.nouns:
            nouns.append((s.nouns[0], _is_plural(it.text, s.nouns[0])))
        elif (participle := _participle(it)) is not None and not head_slot:
            adjectives.append(participle)
        else:
            stray.append(it.text)
    nouns = _borrowed_compound(nouns)
    if not nouns:
        nouns, numbers = numbers, []
    if not nouns:
        return None if not adjectives else NounPhrase(Unknown(""), adjectives=tuple(adjectives))
    if french_order:
        (head, plural), mods = nouns[0], list(reversed(nouns[1:]))
    else:
        (head, plural), mods = nouns[-1], nouns[:-1]
    mods = [*numbers, *mods]  # a year qualifies the whole phrase: "the 2019 events", "les événements de 2019"
    return NounPhrase(head, tuple(m for m, _ in mods), tuple(adjectives), plural, tuple(p for _, p in mods))


def _participle(item: _Item) -> AdjectiveEntry | None:
    """A past participle among nouns qualifies them: ``delayed_jobs`` -> "the delayed jobs", "les jobs retardés"."""
    low = fold(item.text)
    for verb in item.senses.verbs:
        pp = verb.fr_pp
        if low == fold(verb.en_past) and low.endswith("ed") and pp and " " not in pp:
            fem = pp if pp.endswith("e") and not pp.endswith("é") else pp + "e"
            plural = pp if pp.endswith(("s", "x")) else pp + "s"
            return AdjectiveEntry(key=verb.key, en=verb.en_past, fr_ms=pp, fr_fs=fem, fr_mp=plural, fr_fp=fem + "s")
    return None


def _borrowed_compound(nouns: list[tuple[Noun, bool]]) -> list[tuple[Noun, bool]]:
    """English words copied together stay one English compound in French: "le white space", not "le space de white"."""
    borrowed = [n for n, _ in nouns if isinstance(n, Unknown) and n.gender and not n.fr]
    if len(nouns) < 2 or len(borrowed) < len(nouns):
        return nouns
    return [(Unknown(" ".join(n.text for n in borrowed), gender="m"), nouns[-1][1])]


def _split(items: list[_Item], pos: str) -> list[list[_Item]]:
    groups: list[list[_Item]] = [[]]
    for it in items:
        if it.pos == pos:
            groups.append([])
        else:
            groups[-1].append(it)
    return [g for g in groups if g]


def _phrases(items: list[_Item], french_order: bool, stray: list[str]) -> list[NounPhrase]:
    """Noun phrases coordinated by ``and``; ``of`` / ``de`` joins a phrase to the previous one as its modifier."""
    out: list[NounPhrase] = []
    for group in _split(items, "and"):
        of_parts = _split([_Item("", "of") if i.pos == "prep" and i.prep == "of" else i for i in group], "of")
        nps = [np for part in of_parts if (np := _noun_phrase(part, french_order, stray)) is not None]
        if nps:
            base = nps[0]
            for extra in nps[1:]:
                base = replace(base, modifiers=(extra.head, *extra.modifiers, *base.modifiers),
                               modifier_plural=(extra.plural, *extra.modifier_plural, *base.modifier_plural))
            out.append(base)
    return out


def _verbs_first(items: list[_Item]) -> tuple[list[VerbEntry], list[_Item]]:
    """Take the leading verbs (``download_and_install``); a lone noun-or-verb word stays a noun (``update.sh``)."""
    verbs: list[VerbEntry] = []
    i = 0
    while i < len(items):
        it = items[i]
        rest = [x for x in items[i + 1:] if x.pos in {"word", "unknown"}]
        is_verb = it.pos == "word" and bool(it.senses.verbs)
        if is_verb and it.senses.nouns and not rest and not verbs:
            is_verb = False
        if is_verb and it.senses.nouns and (_looks_plural(it) or (not verbs and _agent_last(rest))):
            is_verb = False
        if not is_verb:
            break
        verbs.append(it.senses.verbs[0])
        i += 1
        if i < len(items) - 1 and items[i].pos == "and" and items[i + 1].senses.verbs:
            i += 1
        else:
            break
    return verbs, items[i:]


def _agent_last(rest: list[_Item]) -> bool:
    """True when the name ends with a tool-like noun (``log_parser``, ``test_runner``): a compound, not a verb."""
    last = rest[-1] if rest else None
    if last is None or last.pos != "word" or not last.senses.nouns or last.senses.verbs:
        return False
    return last.senses.nouns[0].key in AGENT_NOUNS


def _looks_plural(it: _Item) -> bool:
    return any(_is_plural(it.text, n) for n in it.senses.nouns)


def _unborrowed(np: NounPhrase) -> NounPhrase:
    """A copied English word after a preposition stays bare in French, like a name: "vers glance", not "au glance"."""
    head = np.head
    if isinstance(head, Unknown) and head.gender and not head.fr:
        return replace(np, head=Unknown(head.text))
    return np


def _parse(items: list[_Item], french_order: bool) -> tuple[Meaning, list[str]]:
    stray: list[str] = []
    version = next((it.text for it in items if it.pos == "version"), None)
    items = [it for it in items if it.pos not in {"version", "skip"}]
    verbs, rest = _verbs_first(items)
    if not verbs and len(items) > 1 and items[-1].pos == "word":
        last = items[-1].senses
        if last.verbs and not last.nouns and not last.adjectives:
            verbs, rest = [last.verbs[0]], items[:-1]
    segments: list[tuple[str, list[_Item]]] = [("", [])]
    for it in rest:
        if it.pos == "prep" and it.prep != "of":
            segments.append((it.prep, []))
        else:
            segments[-1][1].append(it)
    objects = _phrases(segments[0][1], french_order, stray)
    complements = [Complement(prep, _unborrowed(np)) for prep, seg in segments[1:]
                   for np in _phrases(seg, french_order, stray)[:1]]
    qualifiers: tuple[AdjectiveEntry, ...] = ()
    if objects and isinstance(objects[0].head, Unknown) and not objects[0].head.text:
        qualifiers, objects = objects[0].adjectives, objects[1:]
    if verbs and verbs[0].key in INDEFINITE_VERBS and objects:
        objects = [replace(o, definite=False) for o in objects]
    meaning = Meaning(actions=tuple(verbs), objects=tuple(objects), complements=tuple(complements),
                      qualifiers=qualifiers, version=version)
    return meaning, stray


def match_convention(name: str, lex: Lexicon) -> tuple[Convention | None, str]:
    """The first convention whose regex matches ``name``, and its ``subject`` (or ``name``) group text."""
    for conv in lex.conventions:
        try:
            m = re.match(conv.regex, name, re.IGNORECASE)
        except re.error:
            continue
        if m:
            groups = m.groupdict()
            return conv, groups.get("subject") or groups.get("name") or ""
    return None, ""


def _drop_kind_head(meaning: Meaning) -> Meaning:
    """``deployment_script.sh`` is a shell script *for deployment*: a topic whose head repeats the kind loses it."""
    np = meaning.obj
    kind_head = meaning.kind.en.split()[-1].lower() if meaning.kind.en else ""
    if meaning.actions or np is None or not isinstance(np.head, NounEntry) or np.head.en_sg.lower() != kind_head:
        return meaning
    if not np.modifiers:  # archive.tar.gz: "archive of the archive" says nothing
        return meaning if np.adjectives else replace(meaning, objects=meaning.objects[1:])
    topic = NounPhrase(np.modifiers[-1], np.modifiers[:-1], np.adjectives, np.is_modifier_plural(len(np.modifiers) - 1),
                       np.modifier_plural[:-1])
    return replace(meaning, objects=(topic, *meaning.objects[1:]))


def _analyse_tokens(tokens: tuple[Token, ...], lexicon: Lexicon) -> tuple[Meaning, list[_Item], list[str], list[str]]:
    merged = _merge(tokens, lexicon)
    items = _join_names(merged, _classify(merged, lexicon))
    langs = [lang for it in items if (lang := _item_lang(it))]
    if any(it.pos == "unknown" for it in items):
        table = load_words()
        guessed = [lang for it in items if (lang := _word_lang_of_unknown(it, table))]
        name_lang = _majority([*langs, *guessed])
        items = [_copied(it, table, name_lang) if it.pos == "unknown" else it for it in items]
        langs = [*langs, *guessed]
    name_lang = _majority(langs)
    if name_lang:
        items = [_in_language(it, name_lang) for it in items]
    meaning, stray = _parse(items, langs.count("fr") > langs.count("en"))
    return meaning, items, stray, langs


def _majority(langs: list[str]) -> str | None:
    en, fr = langs.count("en"), langs.count("fr")
    return "en" if en > fr else "fr" if fr > en else None


def analyse(name: str, lexicon: Lexicon) -> Analysis:
    """Analyse a file name (a base name, or a path whose directories are ignored) against ``lexicon``."""
    split = split_name(name, lexicon.extensions.keys())
    kind = lexicon.extension(split.ext) or (replace(GENERIC_KIND, ext=split.ext) if split.ext else GENERIC_KIND)
    convention, subject = match_convention(split.name, lexicon)
    analysed = subject if convention is not None and "subject" in convention.regex else ""
    if convention is not None and not analysed:
        meaning = Meaning(kind=kind, name=split.name, role=convention, subject=subject)
        return Analysis(meaning, split.words, len(split.words), "none", subject)
    meaning, items, stray, langs = _analyse_tokens(split_words(analysed) if analysed else split.tokens, lexicon)
    if analysed and meaning.actions and not (meaning.objects or meaning.complements):
        # run_tests.sh runs the tests: a lone verb before a convention suffix is the real meaning
        convention, analysed = None, ""
        meaning, items, stray, langs = _analyse_tokens(split.tokens, lexicon)
    unknown = tuple(it.text for it in items if it.pos == "unknown") + tuple(stray)
    understood = sum(1 for it in items if it.pos != "unknown") - len(stray)
    meaning = replace(meaning, kind=kind, name=split.name, role=convention, unknown=unknown,
                      subject=analysed or split.stem)
    if convention is None:
        meaning = _drop_kind_head(meaning)
    name_lang = ("mixed" if len(set(langs)) > 1 else langs[0]) if langs else ("none" if not unknown else "en")
    return Analysis(meaning, tuple(it.text.lower() for it in items), max(understood, 0), name_lang,
                    analysed or split.stem, tuple(stray))
