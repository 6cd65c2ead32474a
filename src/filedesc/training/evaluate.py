"""Evaluation: any backend, the same metrics, per language and overall.

    filedesc eval --data FILE.jsonl [--backend NAME] [--model DIR] [--json] [--predictions F] [--report F.md]

Lines are ``{"name", "lang", "reference"}`` (``description`` is accepted for ``reference``; other keys are
ignored). Metrics: BLEU and chrF (sacrebleu), ROUGE-L F1 (rouge-score, with a Unicode tokenizer: its default one
drops accented letters, which would wreck French scores), exact match, mean length in words, and the share of
outputs holding a non-word (:mod:`filedesc.training.nonwords`; needs the hunspell dictionaries, else not given).
Baselines and models go through the same ``Describer``, so the numbers are comparable.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)


class UnicodeTokenizer:
    """Lowercased word tokens, accents kept (for rouge-score)."""

    def tokenize(self, text: str) -> list[str]:
        """Split ``text`` into lowercase words."""
        return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Scores:
    """Corpus-level scores, each in 0..100 except the mean length (words)."""

    n: int
    bleu: float
    chrf: float
    rouge_l: float
    exact_match: float
    mean_words: float
    nonword: float | None = None
    """Percentage of outputs with at least one non-word; ``None`` when not measured (no dictionaries)."""


def score(predictions: Sequence[str], references: Sequence[str]) -> Scores:
    """Score ``predictions`` against one reference each."""
    import sacrebleu
    from rouge_score import rouge_scorer

    if len(predictions) != len(references):
        raise ValueError("predictions and references differ in length")
    if not predictions:
        return Scores(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    bleu = sacrebleu.corpus_bleu(list(predictions), [list(references)]).score
    chrf = sacrebleu.corpus_chrf(list(predictions), [list(references)]).score
    scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=UnicodeTokenizer())
    rouge = sum(scorer.score(r, p)["rougeL"].fmeasure for p, r in zip(predictions, references, strict=True))
    exact = sum(p.strip() == r.strip() for p, r in zip(predictions, references, strict=True))
    words = sum(len(p.split()) for p in predictions)
    n = len(predictions)
    return Scores(
        n, round(bleu, 2), round(chrf, 2), round(100 * rouge / n, 2), round(100 * exact / n, 2), round(words / n, 2)
    )


@dataclass(frozen=True)
class EvalRow:
    """One evaluated example."""

    name: str
    lang: str
    reference: str
    prediction: str


def read_eval_file(path: Path) -> list[tuple[str, str, str]]:
    """(name, lang, reference) triples; a malformed line raises an error naming the file and line."""
    rows: list[tuple[str, str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            ref = record.get("reference", record.get("description"))
            rows.append((str(record["name"]), str(record["lang"]), str(ref)))
        except (json.JSONDecodeError, KeyError, AttributeError) as exc:
            raise ValueError(f"{path}:{number}: expected a JSON object with name, lang and reference ({exc})") from exc
    return rows


def run_backend(
    rows: Sequence[tuple[str, str, str]], backend: str | None, model: Path | None
) -> tuple[list[EvalRow], str]:
    """Describe every name with ``backend`` (no cache: numbers must reflect the model, not earlier runs).

    Returns:
        The rows with predictions, and the name of the backend that made them.
    """
    from filedesc.service import Describer

    describer = Describer(backend, model_path=model, cache=False)
    out: list[EvalRow] = []
    for lang in ("en", "fr"):
        subset = [r for r in rows if r[1] == lang]
        preds = describer.describe([r[0] for r in subset], lang) if subset else []
        out.extend(EvalRow(r[0], lang, r[2], p.description) for r, p in zip(subset, preds, strict=True))
    return out, describer.backend_name


def evaluate_rows(rows: Sequence[EvalRow], nonwords: bool = True) -> dict[str, Scores]:
    """Scores for each language present and ``all``; with ``nonwords``, the non-word share when measurable."""
    checker = _nonword_checker() if nonwords else None
    result: dict[str, Scores] = {}
    for lang in sorted({r.lang for r in rows}):
        subset = [r for r in rows if r.lang == lang]
        scores = score([r.prediction for r in subset], [r.reference for r in subset])
        result[lang] = _with_nonwords(scores, subset, checker)
    result["all"] = _with_nonwords(score([r.prediction for r in rows], [r.reference for r in rows]), rows, checker)
    return result


def _nonword_checker() -> Any:
    from filedesc.training import nonwords

    if not nonwords.available():
        log.warning("non-word share not measured: %s", nonwords.INSTALL_HINT)
        return None
    return nonwords.NonWordChecker()


def _with_nonwords(scores: Scores, rows: Sequence[EvalRow], checker: Any) -> Scores:
    if checker is None:
        return scores
    from filedesc.prompt import normalize_name

    share = checker.share([(normalize_name(r.name), r.lang, r.prediction) for r in rows])
    return replace(scores, nonword=share)


def markdown_report(
    title: str, scores: dict[str, Scores], rows: Sequence[EvalRow], seed: int = 0, extra: dict[str, Any] | None = None
) -> str:
    """A table of scores and 20 random examples per language."""
    lines = [
        f"# {title}",
        "",
        "| split | n | BLEU | chrF | ROUGE-L | exact | words | non-word % |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, s in scores.items():
        nonword = "-" if s.nonword is None else s.nonword
        lines.append(
            f"| {key} | {s.n} | {s.bleu} | {s.chrf} | {s.rouge_l} | {s.exact_match} | {s.mean_words} | {nonword} |"
        )
    if extra:
        lines += ["", *(f"- {k}: {v}" for k, v in extra.items())]
    rng = random.Random(seed)
    for lang in sorted({r.lang for r in rows}):
        subset = [r for r in rows if r.lang == lang]
        lines += ["", f"## Examples ({lang})", "", "| name | prediction | reference |", "|---|---|---|"]
        for r in rng.sample(subset, min(20, len(subset))):
            cells = [c.replace("|", "\\|") for c in (r.name, r.prediction, r.reference)]
            lines.append(f"| `{cells[0]}` | {cells[1]} | {cells[2]} |")
    return "\n".join(lines) + "\n"


def scores_json(scores: dict[str, Scores]) -> dict[str, dict[str, float]]:
    """Scores as plain dicts."""
    return {k: asdict(v) for k, v in scores.items()}
