"""The non-word share: invented words count, dictionary, lexicon, name, draft and file-kind words do not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from filedesc.training.data.spelling import dictionaries_available
from filedesc.training.evaluate import EvalRow, evaluate_rows
from filedesc.training.nonwords import NonWordChecker

pytestmark = pytest.mark.skipif(not dictionaries_available(), reason="hunspell-fr and hunspell-en-us not installed")


@pytest.fixture(scope="module")
def checker() -> NonWordChecker:
    return NonWordChecker()


def test_glued_pieces_are_non_words(checker: NonWordChecker) -> None:
    out = checker.nonwords("Module Python qui détermindenséterminimal les fichiers.", "fr", "determine_files.py")
    assert out == ["détermindenséterminimal"]
    assert checker.nonwords("Python module that sendz the welcom emails.", "en", "mail.py") == ["sendz", "welcom"]


def test_real_words_of_every_allowed_source_pass(checker: NonWordChecker) -> None:
    assert checker.nonwords("Python module that sends the welcome emails.", "en", "send_welcome_email.py") == []
    # copied from the name: "pdfgen" is no dictionary word
    assert checker.nonwords("Python module that runs pdfgen.", "en", "pdfgen_runner.py") == []
    assert checker.nonwords("Python module that runs pdfgen.", "en", "runner.py", draft="Python module.") == ["pdfgen"]
    # copied from the draft (a header in the other language, say)
    assert checker.nonwords("Module Python qui lance pdfgen.", "fr", "run.py", draft="Runs pdfgen.") == []
    # a lexicon word of the output language and a file-kind term
    assert checker.nonwords("Notebook Jupyter qui analyse les journaux.", "fr", "analyse.ipynb") == []


def test_share_counts_outputs_not_words(checker: NonWordChecker) -> None:
    rows = [
        ("a.py", "en", "Python module that frobnicatezz the qwxz."),
        ("b.py", "en", "Python module."),
        ("c.py", "fr", "Module Python."),
        ("d.py", "fr", "Module Python qui cherchifie."),
    ]
    assert checker.share(rows) == 50.0
    assert checker.share([]) == 0.0


def test_evaluate_rows_reports_the_share_per_language() -> None:
    rows = [
        EvalRow("a.py", "en", "Python module.", "Python module that zzqxv."),
        EvalRow("b.py", "en", "Python module.", "Python module."),
        EvalRow("c.py", "fr", "Module Python.", "Module Python."),
    ]
    scores = evaluate_rows(rows)
    assert (scores["en"].nonword, scores["fr"].nonword) == (50.0, 0.0)
    assert scores["all"].nonword == pytest.approx(33.33)
    assert evaluate_rows(rows, nonwords=False)["all"].nonword is None


def test_filedesc_eval_prints_the_share(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    rows = [{"name": "send_welcome_email.py", "lang": "en", "reference": "Python module that sends the email."}]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "filedesc", "eval", "--data", str(data), "--backend", "rules", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(done.stdout)["scores"]
    assert scores["en"]["nonword"] == 0.0
