"""A blind reading sheet for ``../shared/JUDGING.md``: real names, references, and each backend's output unlabelled.

    python bench/judging_sheet.py sheet --data DATA_DIR --out DIR [--names 100] \
        --backend rules --backend shipped=onnx-int8 --backend near=torch:runs/near/model
    python bench/judging_sheet.py tally --out DIR          # after the reader wrote DIR/labels.jsonl

Why: chrF cannot tell a vague answer from an invented one, and issue 18's target (invented content in <= 10 % of
100 real names) is a reader's count. The names are every name of ``real-dev`` and a seeded sample of
``corpus_test`` up to ``--names``, each described in English and French. For each (name, language) the outputs of
all backends appear once each, in a shuffled order under the letters A, B, C...; identical outputs are shown once
and share a letter, so the reader cannot tell the backends apart. ``key.json`` (not for the reader) maps letters
back to backends; ``tally`` reads the reader's ``labels.jsonl`` lines ``{"item": 3, "lang": "fr", "letter": "B",
"label": "right|vague|wrong|invented", "bad_language": false}`` and prints counts and shares per backend and
language.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

from filedesc.training.evaluate import read_eval_file, run_backend

LABELS = ("right", "vague", "wrong", "invented")
HERE = Path(__file__).parent


def sample_names(data: Path, real_dev: Path, count: int, seed: int) -> list[tuple[str, dict[str, str]]]:
    """(name, {lang: reference}) for every real-dev name, then seeded corpus_test names with both languages."""
    chosen: dict[str, dict[str, str]] = {}
    for name, lang, reference in read_eval_file(real_dev):
        chosen.setdefault(name, {})[lang] = reference
    pool: dict[str, dict[str, str]] = defaultdict(dict)
    for name, lang, reference in read_eval_file(data / "corpus_test.jsonl"):
        pool[name].setdefault(lang, reference)
    candidates = sorted(n for n, refs in pool.items() if len(refs) == 2 and n not in chosen)
    for name in random.Random(seed).sample(candidates, max(0, min(len(candidates), count - len(chosen)))):
        chosen[name] = pool[name]
    return list(chosen.items())[:count]


def make_sheet(args: argparse.Namespace) -> None:
    """Describe the names with every backend and write ``sheet.md`` (blind) and ``key.json``."""
    names = sample_names(args.data, args.real_dev, args.names, args.seed)
    rows = [(name, lang, refs[lang]) for name, refs in names for lang in ("en", "fr")]
    outputs: dict[str, dict[tuple[str, str], str]] = {}
    for spec in args.backend:
        label, _, rest = spec.partition("=") if "=" in spec else (spec, "", spec)
        backend, _, path = rest.partition(":")
        predictions, _ = run_backend(rows, backend, Path(path) if path else None)
        outputs[label] = {(p.name, p.lang): p.prediction for p in predictions}
    rng = random.Random(args.seed)
    key: list[dict[str, object]] = []
    lines = [
        "# Reading sheet (blind)",
        "",
        "Label every lettered output against the reference with `../shared/JUDGING.md`: right, vague, wrong or",
        "invented, and bad_language true/false. Write one JSON line per output to `labels.jsonl`:",
        '`{"item": 1, "lang": "en", "letter": "A", "label": "right", "bad_language": false}`.',
        "",
    ]
    for item, (name, refs) in enumerate(names, start=1):
        lines.append(f"## {item}. `{name}`")
        for lang in ("en", "fr"):
            texts = sorted({outputs[label][(name, lang)] for label in outputs})
            rng.shuffle(texts)
            letters = {text: chr(ord("A") + i) for i, text in enumerate(texts)}
            lines.append(f"- **{lang}** reference: {refs[lang]}")
            lines.extend(f"  - {letters[text]}: {text}" for text in texts)
            key.append(
                {
                    "item": item,
                    "name": name,
                    "lang": lang,
                    "letters": {label: letters[outputs[label][(name, lang)]] for label in outputs},
                }
            )
        lines.append("")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sheet.md").write_text("\n".join(lines), encoding="utf-8")
    (args.out / "key.json").write_text(json.dumps(key, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{len(names)} names x en/fr, {len(outputs)} backends: {args.out / 'sheet.md'} (and key.json)")


def label_counts(out: Path) -> tuple[dict[tuple[str, str], Counter[str]], int]:
    """Per (backend, language): each label's count, ``bad_language`` and ``n``; and the outputs left unlabelled."""
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    labels: dict[tuple[int, str, str], dict[str, object]] = {}
    for number, line in enumerate((out / "labels.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            record = json.loads(line)
            if record.get("label") not in LABELS:
                raise SystemExit(f"labels.jsonl:{number}: label must be one of {', '.join(LABELS)}")
            labels[(int(record["item"]), str(record["lang"]), str(record["letter"]))] = record
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    missing = 0
    for entry in key:
        for backend, letter in entry["letters"].items():
            record = labels.get((int(entry["item"]), str(entry["lang"]), str(letter)))
            if record is None:
                missing += 1
                continue
            cell = counts[(backend, str(entry["lang"]))]
            cell[str(record["label"])] += 1
            cell["bad_language"] += bool(record.get("bad_language"))
            cell["n"] += 1
    return counts, missing


def invented_shares(out: Path) -> dict[str, dict[str, float]]:
    """backend -> language -> share (%) of its read outputs labelled ``invented`` (what the ship rule reads)."""
    counts, _ = label_counts(out)
    shares: dict[str, dict[str, float]] = {}
    for (backend, lang), cell in counts.items():
        shares.setdefault(backend, {})[lang] = round(100 * cell["invented"] / max(1, cell["n"]), 1)
    return shares


def tally(args: argparse.Namespace) -> None:
    """Counts of each label per backend and language, from the reader's labels and the key."""
    counts, missing = label_counts(args.out)
    header = f"{'backend':<16} {'lang':<4} {'n':>4} " + " ".join(f"{label:>9}" for label in LABELS)
    print(header + f" {'invented%':>9} {'bad lang':>8}")
    for (backend, lang), cell in sorted(counts.items()):
        shares = " ".join(f"{cell[label]:>9}" for label in LABELS)
        invented = 100 * cell["invented"] / max(1, cell["n"])
        print(f"{backend:<16} {lang:<4} {cell['n']:>4} {shares} {invented:>9.1f} {cell['bad_language']:>8}")
    if missing:
        print(f"({missing} outputs without a label)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sheet = sub.add_parser("sheet", help="describe the names and write the blind sheet")
    sheet.add_argument("--data", type=Path, required=True, help="dataset folder holding corpus_test.jsonl")
    sheet.add_argument("--real-dev", type=Path, default=HERE.parent / "../shared/data/real-dev.jsonl")
    sheet.add_argument("--names", type=int, default=100)
    sheet.add_argument("--seed", type=int, default=18)
    sheet.add_argument("--backend", action="append", required=True, metavar="[LABEL=]BACKEND[:PATH]")
    sheet.add_argument("--out", type=Path, required=True)
    count = sub.add_parser("tally", help="count the reader's labels per backend and language")
    count.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    (make_sheet if args.command == "sheet" else tally)(args)


if __name__ == "__main__":
    main()
