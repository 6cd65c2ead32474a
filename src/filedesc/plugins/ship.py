"""The ship rule: which backend answers by default, decided by measurement on real names, not by preference.

A trained model is not better for users just because it is a model: on real names the first shipped model wrote
worse sentences than the ``rules`` grammar it learned from, and invented content. So the default is whatever the
*ship record* (``models/ship.json``) says, and the record's choice follows one rule, checked here and by the tests:

    a model backend is the default only when it beats ``rules`` in chrF on every measured split (``real-dev`` and
    ``corpus_test``) in both languages, and a blind reading of real names (``bench/judging_sheet.py``) found
    invented content in at most ``MAX_INVENTED`` % of its outputs in each language; among such models the best
    mean chrF wins; otherwise the default is ``rules``.

chrF cannot tell a vague answer from an invented one: in session 9 a model beat the rules in chrF on all four cells
while readers found invented content in about half of its outputs, against 1 % of the rules'. A default that
invents what a file does is worse for users than one that says less, so the reading is part of the rule, and a
model nobody read is never the default.

``bench/ship_check.py`` measures the candidates and writes the record. The record only decides the default when no
model folder is given: a user who passes ``--model`` (or a workspace's adapted model) asked for that model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

BASELINE = "rules"
"""The backend every model must beat to become the default."""

Scores = Mapping[str, Mapping[str, Mapping[str, float]]]
"""split -> backend -> language -> chrF."""

Readings = Mapping[str, Mapping[str, float]]
"""backend -> language -> share (%) of a blind reading's outputs labelled ``invented``."""

MAX_INVENTED = 10.0
"""Most invented content (%, per language) a model may show in a blind reading and be the default (issue 18)."""


def ship_record_path() -> Path:
    """Where the shipped record lives (inside the package, beside the model folders)."""
    return Path(str(files("filedesc") / "models" / "ship.json"))


def choose_default(
    scores: Scores, invented: Readings | None = None, baseline: str = BASELINE, max_invented: float = MAX_INVENTED
) -> str:
    """Apply the ship rule to measured chrF scores and reading shares; return the default backend's name.

    A candidate must hold a score for every (split, language) the baseline has, and beat it on each; a missing
    cell counts as not beating it (an unmeasured model never becomes the default). It must also have been read
    (``invented``) in every language the scores hold, at most ``max_invented`` % invented in each.
    """
    if not scores:
        return baseline
    cells = [(split, lang) for split, rows in scores.items() for lang in rows.get(baseline, {})]
    if not cells:
        return baseline
    langs = {lang for _, lang in cells}
    candidates = {name for rows in scores.values() for name in rows} - {baseline}
    winners: dict[str, float] = {}
    for name in sorted(candidates):
        read = (invented or {}).get(name, {})
        if not all(lang in read and read[lang] <= max_invented for lang in langs):
            continue  # unread, or read inventing: never the default, whatever its chrF
        margins = []
        for split, lang in cells:
            value = scores[split].get(name, {}).get(lang)
            if value is None:
                break
            margins.append(value - scores[split][baseline][lang])
        else:
            if all(margin > 0 for margin in margins):
                winners[name] = sum(margins) / len(margins)
    if not winners:
        return baseline
    return max(sorted(winners), key=lambda name: winners[name])


def read_ship_record(path: Path | None = None) -> dict[str, Any] | None:
    """The ship record, or ``None`` when it is missing or unreadable (then the backends' priorities decide)."""
    try:
        data = json.loads((path or ship_record_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def shipped_choice(path: Path | None = None) -> tuple[str, frozenset[str]] | None:
    """The default the ship record's scores give, and the backends it measured; ``None`` without a record.

    The default is recomputed from the scores, so a hand edit of the record's ``default`` cannot bypass the rule.
    """
    record = read_ship_record(path)
    chrf = record.get("chrf") if record else None
    if not isinstance(chrf, dict) or not all(isinstance(rows, dict) for rows in chrf.values()):
        return None
    invented = record.get("invented") if record else None
    if not isinstance(invented, dict) or not all(isinstance(langs, dict) for langs in invented.values()):
        invented = None
    return choose_default(chrf, invented), frozenset(name for rows in chrf.values() for name in rows)


def shipped_default(path: Path | None = None) -> str | None:
    """The default backend the ship record chooses, or ``None`` without a usable record."""
    choice = shipped_choice(path)
    return choice[0] if choice else None
