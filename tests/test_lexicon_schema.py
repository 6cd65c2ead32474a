"""Schema checks for every bilingual lexicon file described in ``docs/lexicon.md``.

The rules backend, the Language Server and the training generator all read these JSON files
without re-validating them, so a malformed entry would surface far away as a wrong sentence.
These tests catch such entries where they are written. Files that another engineer has not
written yet (the noun files) are skipped rather than failed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CORE = REPO / "src" / "filedesc" / "lexicon"
EXTENDED = REPO / "src" / "filedesc" / "training" / "data" / "lexicon"
ALIGNED = CORE / "aligned"
ALIGNED_FIELDS = {"provenance", "evidence", "zipf"}
PROVENANCES = ("freedict", "aligned", "cognate", "derived")

DOMAINS = frozenset(
    "files text network data db ui web security build test devops sysadmin science math finance "
    "media geo ml cli docs i18n time general admin legal health education public".split()
)
CATEGORIES = frozenset(
    "script module component test style markup template config data doc notebook query schema "
    "build image media font archive binary certificate lock log patch other".split()
)
KEY_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
SPELLING_RE = re.compile(r"^[a-z0-9àâäçéèêëîïôöûùüÿœæ]+$")
NOUN_FLAGS = ("keep_en", "mass", "bare_modifier", "h_aspire", "proper")
KINDS = ("verbs", "nouns", "adjectives")
REQUIRED_FILES = (
    CORE / "verbs.json",
    CORE / "adjectives.json",
    CORE / "abbreviations.json",
    CORE / "extensions.json",
    CORE / "filenames.json",
    EXTENDED / "verbs.json",
    EXTENDED / "adjectives.json",
)


def _load(path: Path) -> Any:
    """Read a lexicon file, insisting on NFC so that accented spellings compare equal."""
    text = path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text, f"{path} is not NFC-normalised"
    return json.loads(text)


def _entries(kind: str, layer: Path) -> list[dict[str, Any]]:
    """Return the entries of one kind in one layer, skipping the test if the file is absent."""
    path = layer / f"{kind}.json"
    if not path.exists():
        pytest.skip(f"{path.relative_to(REPO)} not written yet")
    data = _load(path)
    assert isinstance(data, list), f"{path} must hold a JSON list"
    return data


def _union(kind: str) -> list[dict[str, Any]] | None:
    """Return core and extended entries of a kind together, or None when either is missing."""
    paths = [CORE / f"{kind}.json", EXTENDED / f"{kind}.json"]
    if not all(p.exists() for p in paths):
        return None
    result: list[dict[str, Any]] = []
    for path in paths:
        result.extend(_load(path))
    return result


def _is_text(value: Any) -> bool:
    """Tell whether a value is a non-empty string without surrounding blanks."""
    return isinstance(value, str) and bool(value) and value == value.strip()


def _check_forms(where: str, value: Any, fields: tuple[str, ...]) -> None:
    """Check that an inflection object has exactly the expected non-empty string fields."""
    assert isinstance(value, dict), f"{where}: expected an object"
    assert set(value) == set(fields), f"{where}: fields {sorted(value)} != {sorted(fields)}"
    for field in fields:
        assert _is_text(value[field]), f"{where}.{field}: empty or not a string"


def _check_common(entry: dict[str, Any], allowed: set[str]) -> str:
    """Check the fields every word entry shares and return its key for messages."""
    key = entry.get("key")
    assert isinstance(key, str) and KEY_RE.match(key), f"bad key {key!r}"
    unknown = set(entry) - allowed
    assert not unknown, f"{key}: unknown fields {sorted(unknown)}"
    spellings = entry.get("spellings")
    assert isinstance(spellings, list) and spellings, f"{key}: spellings must be a non-empty list"
    for spelling in spellings:
        assert isinstance(spelling, str) and SPELLING_RE.match(spelling), f"{key}: bad spelling {spelling!r}"
        assert spelling == spelling.lower(), f"{key}: spelling {spelling!r} not lowercase"
    assert len(set(spellings)) == len(spellings), f"{key}: repeated spelling"
    domains = entry.get("domains", [])
    assert isinstance(domains, list), f"{key}: domains must be a list"
    bad = set(domains) - DOMAINS
    assert not bad, f"{key}: unknown domains {sorted(bad)}"
    return key


def _check_verb(entry: dict[str, Any], extra: frozenset[str] = frozenset()) -> None:
    """Check one verb entry against the verbs.json schema."""
    key = _check_common(entry, {"key", "en", "fr", "spellings", "domains", "transitive", *extra})
    _check_forms(f"{key}.en", entry.get("en"), ("base", "third", "gerund", "past"))
    _check_forms(f"{key}.fr", entry.get("fr"), ("inf", "third", "pp"))
    if "transitive" in entry:
        assert entry["transitive"] is False, f"{key}: write transitive only when it is false"


def _check_noun(entry: dict[str, Any], extra: frozenset[str] = frozenset()) -> None:
    """Check one noun entry against the nouns.json schema."""
    key = _check_common(entry, {"key", "en", "fr", "spellings", "domains", *NOUN_FLAGS, *extra})
    _check_forms(f"{key}.en", entry.get("en"), ("sg", "pl"))
    _check_forms(f"{key}.fr", entry.get("fr"), ("sg", "pl", "gender"))
    assert entry["fr"]["gender"] in ("m", "f"), f"{key}: gender must be m or f"
    for flag in NOUN_FLAGS:
        if flag in entry:
            assert entry[flag] is True, f"{key}: omit {flag} when it is false"
    if entry.get("mass"):
        assert entry["en"]["pl"] == entry["en"]["sg"], f"{key}: a mass noun has en.pl == en.sg"


def _check_adjective(entry: dict[str, Any], extra: frozenset[str] = frozenset()) -> None:
    """Check one adjective entry against the adjectives.json schema."""
    key = _check_common(entry, {"key", "en", "fr", "fr_before", "spellings", "domains", *extra})
    assert _is_text(entry.get("en")), f"{key}: en must be a string"
    _check_forms(f"{key}.fr", entry.get("fr"), ("ms", "fs", "mp", "fp"))
    if "fr_before" in entry:
        assert entry["fr_before"] is True, f"{key}: omit fr_before when it is false"


CHECKERS = {"verbs": _check_verb, "nouns": _check_noun, "adjectives": _check_adjective}


@pytest.mark.parametrize("path", REQUIRED_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_required_file_exists(path: Path) -> None:
    """The files of lexicon part A must exist: the backends load them unconditionally."""
    assert path.exists()


@pytest.mark.parametrize("layer", [CORE, EXTENDED], ids=["core", "extended"])
@pytest.mark.parametrize("kind", KINDS)
def test_word_entries_follow_schema(kind: str, layer: Path) -> None:
    """Every entry has the documented fields and types, and the file is sorted by key."""
    entries = _entries(kind, layer)
    for entry in entries:
        assert isinstance(entry, dict)
        CHECKERS[kind](entry)
    keys = [entry["key"] for entry in entries]
    duplicates = [key for key, n in Counter(keys).items() if n > 1]
    assert not duplicates, f"duplicate keys: {duplicates}"
    assert keys == sorted(keys), "entries must be sorted by key"


@pytest.mark.parametrize("kind", KINDS)
def test_no_key_in_both_layers(kind: str) -> None:
    """The extended layer adds words; a key in both would make the union ambiguous."""
    core = {entry["key"] for entry in _entries(kind, CORE)}
    extended = {entry["key"] for entry in _entries(kind, EXTENDED)}
    assert not core & extended, f"keys in core and extended: {sorted(core & extended)}"


@pytest.mark.parametrize("kind", KINDS)
def test_spelling_belongs_to_one_entry(kind: str) -> None:
    """Within a kind a spelling maps to one key, otherwise name parsing would be a coin toss."""
    union = _union(kind)
    if union is None:
        pytest.skip(f"{kind} files not written yet")
    owners: dict[str, list[str]] = {}
    for entry in union:
        for spelling in entry["spellings"]:
            owners.setdefault(spelling, []).append(entry["key"])
    shared = {s: keys for s, keys in owners.items() if len(keys) > 1}
    assert not shared, f"spellings with several {kind} entries: {dict(list(shared.items())[:20])}"


@pytest.mark.parametrize(("kind", "minimum"), [("verbs", 600), ("nouns", 3000), ("adjectives", 200)])
def test_lexicon_counts(kind: str, minimum: int) -> None:
    """The generator needs enough words across domains to produce varied training names."""
    union = _union(kind)
    if union is None:
        pytest.skip(f"{kind} files not written yet")
    assert len(union) >= minimum


def test_abbreviations_point_to_existing_entries() -> None:
    """Each abbreviation names an existing key of the right kind and is one of its spellings."""
    data = _load(CORE / "abbreviations.json")
    assert isinstance(data, dict)
    assert len(data) >= 180
    pos_to_kind = {"noun": "nouns", "verb": "verbs", "adj": "adjectives"}
    unions = {kind: _union(kind) for kind in KINDS}
    missing: list[str] = []
    for abbreviation, target in data.items():
        assert abbreviation == abbreviation.lower() and SPELLING_RE.match(abbreviation), abbreviation
        assert isinstance(target, dict) and set(target) == {"key", "pos"}, abbreviation
        assert target["pos"] in pos_to_kind, f"{abbreviation}: bad pos {target['pos']!r}"
        union = unions[pos_to_kind[target["pos"]]]
        if union is None:
            continue
        entry = next((e for e in union if e["key"] == target["key"]), None)
        if entry is None:
            missing.append(f"{abbreviation} -> {target['pos']} {target['key']} (no such key)")
        elif abbreviation not in entry["spellings"]:
            missing.append(f"{abbreviation} -> {target['key']} (not among its spellings)")
    assert not missing, "\n".join(missing)


def test_extensions_follow_schema() -> None:
    """Each extension has both kind phrases, a French gender and a known category."""
    data = _load(CORE / "extensions.json")
    assert isinstance(data, list) and len(data) >= 180
    seen: set[str] = set()
    for entry in data:
        ext = entry.get("ext")
        assert isinstance(ext, str) and ext == ext.lower() and not ext.startswith("."), ext
        assert ext not in seen, f"duplicate extension {ext}"
        seen.add(ext)
        assert set(entry) <= {"ext", "en", "fr", "gender", "category", "script"}, ext
        assert _is_text(entry.get("en")) and _is_text(entry.get("fr")), ext
        assert entry.get("gender") in ("m", "f"), ext
        assert entry.get("category") in CATEGORIES, ext
        if "script" in entry:
            _check_forms(f"{ext}.script", entry["script"], ("en", "fr"))


def _word_count(sentence: str) -> int:
    """Count words as blank-separated tokens holding a letter or digit (lone ':' is not a word)."""
    return sum(1 for token in sentence.split() if any(ch.isalnum() for ch in token))


def test_filenames_follow_schema() -> None:
    """Well-known names carry two to four one-sentence phrasings per language, 6 to 16 words."""
    data = _load(CORE / "filenames.json")
    assert isinstance(data, list) and len(data) >= 220
    seen: set[str] = set()
    problems: list[str] = []
    for entry in data:
        name = entry.get("name")
        assert _is_text(name), entry
        assert name not in seen, f"duplicate name {name}"
        seen.add(name)
        assert set(entry) <= {"name", "category", "en", "fr", "match"}, name
        assert entry.get("category") in CATEGORIES, name
        assert entry.get("match", "exact") in ("exact", "casefold", "glob"), name
        for lang in ("en", "fr"):
            phrasings = entry.get(lang)
            assert isinstance(phrasings, list) and 2 <= len(phrasings) <= 4, f"{name}.{lang}"
            for sentence in phrasings:
                words = _word_count(sentence)
                if not (_is_text(sentence) and sentence.endswith(".") and 6 <= words <= 16):
                    problems.append(f"{name}.{lang}: {words} words: {sentence!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_aligned_layer_follows_schema(kind: str) -> None:
    """The aligned layer: same schema plus provenance/evidence/zipf, sorted, no hand key, no hand spelling."""
    entries = _entries(kind, ALIGNED)
    for entry in entries:
        CHECKERS[kind](entry, frozenset(ALIGNED_FIELDS))  # type: ignore[operator]
        assert entry.get("provenance") in PROVENANCES, f"{entry['key']}: provenance {entry.get('provenance')!r}"
    keys = [entry["key"] for entry in entries]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    union = _union(kind) or []
    hand_keys = {entry["key"] for entry in union}
    assert not hand_keys & set(keys), f"aligned keys that hand entries have: {sorted(hand_keys & set(keys))[:20]}"
    hand_spellings = {sp for entry in union for sp in entry["spellings"]}
    owners = Counter(sp for entry in entries for sp in entry["spellings"])
    assert not hand_spellings & set(owners), f"hand spellings taken: {sorted(hand_spellings & set(owners))[:20]}"
    assert not [sp for sp, n in owners.items() if n > 1], "a spelling with several aligned entries"


def test_lexicon_grew_to_fifteen_thousand_translations() -> None:
    """Issue 16's target: hand + aligned nouns, verbs and adjectives together at least 15,000."""
    total = 0
    for kind in KINDS:
        total += len(_union(kind) or []) + len(_entries(kind, ALIGNED))
    assert total >= 15_000, total
