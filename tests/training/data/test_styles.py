from __future__ import annotations

import random
import re

import pytest

from filedesc.training.data import styles

WORDS = ["extract", "window", "events"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("snake", "extract_window_events"),
        ("camel", "extractWindowEvents"),
        ("pascal", "ExtractWindowEvents"),
        ("kebab", "extract-window-events"),
        ("dotted", "extract.window.events"),
        ("upper", "EXTRACT_WINDOW_EVENTS"),
        ("lower", "extractwindowevents"),
    ],
)
def test_every_style(style: str, expected: str) -> None:
    assert styles.join_tokens(WORDS, style) == expected


def test_acronyms_keep_case_in_camel_and_accents_are_optional() -> None:
    assert styles.join_tokens(["transforme", "CSV", "Grist", "en", "JSON"], "camel") == "transformeCSVGristEnJSON"
    assert styles.join_tokens(["pousser", "les", "textes"], "lower") == "pousserlestextes"
    assert styles.join_tokens(["événements", "fenêtre"], "snake") == "evenements_fenetre"
    assert styles.join_tokens(["événements", "fenêtre"], "snake", keep_accents=True) == "événements_fenêtre"
    assert styles.join_tokens(["base de données"], "snake") == "base_de_donnees"


def test_versions_prefixes_and_affixes() -> None:
    rng = random.Random(3)
    suffixes = {styles.version_suffix(2, "snake", rng) for _ in range(50)}
    assert suffixes == {"2", "_v2"}
    assert {styles.version_suffix(2, "camel", rng) for _ in range(50)} == {"2", "V2"}
    assert styles.affix("userInfo", "get", "camel", prefix=True) == "getUserInfo"
    assert styles.affix("date", "helper", "snake", prefix=False) == "date_helper"
    assert styles.affix("CONFIG", "old", "upper", prefix=False) == "CONFIG_OLD"
    prefixes = [styles.migration_prefix(rng) for _ in range(200)]
    assert all(re.fullmatch(r"\d{4}_|\d{14}_|V\d+__|\d{3}-", p) for p in prefixes)
    assert {len(p) for p in prefixes} >= {5, 15}


def test_detect_style() -> None:
    assert styles.detect_style("get_user_info") == "snake"
    assert styles.detect_style("getUserInfo") == "camel"
    assert styles.detect_style("GetUserInfo") == "pascal"
    assert styles.detect_style("get-user-info") == "kebab"
    assert styles.detect_style("GET_USER_INFO") == "upper"
    assert styles.detect_style("app.module") == "dotted"
    assert styles.detect_style("utils") == "single"
