"""Evaluation metrics on hand-made cases whose scores are known."""

from __future__ import annotations

import pytest

from filedesc.training.evaluate import EvalRow, evaluate_rows, score


def test_identical_predictions_score_100() -> None:
    refs = ["Script shell qui extrait les événements de la fenêtre.", "Python module that parses logs."]
    s = score(refs, refs)
    assert (s.bleu, s.chrf, s.rouge_l, s.exact_match) == (100.0, 100.0, 100.0, 100.0)
    assert s.mean_words == pytest.approx((9 + 5) / 2)


def test_disjoint_predictions_score_0() -> None:
    s = score(["zzz qqq"], ["Script shell qui extrait."])
    assert s.bleu == 0.0 and s.rouge_l == 0.0 and s.exact_match == 0.0 and s.chrf < 5


def test_rouge_l_keeps_accented_words() -> None:
    # LCS of 2 tokens ("événements", "fenêtre") over 3 and 3 tokens: F1 = 2/3.
    s = score(["événements de fenêtre"], ["événements la fenêtre"])
    assert s.rouge_l == pytest.approx(66.67, abs=0.01)


def test_partial_match_exact_and_per_language() -> None:
    rows = [EvalRow("a", "en", "Shell script.", "Shell script."), EvalRow("b", "fr", "Script shell.", "Module.")]
    scores = evaluate_rows(rows)
    assert scores["en"].exact_match == 100.0 and scores["fr"].exact_match == 0.0
    assert scores["all"].exact_match == 50.0 and scores["all"].n == 2
