"""Print a backend's descriptions of ``bench/review_names.txt`` in both languages, for reading by eye.

    python bench/review.py [--backend NAME] [--model DIR] [--data DIR]

With ``--data``, names present in the dataset's splits are flagged, so the review is on unseen names only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from filedesc.service import Describer

HERE = Path(__file__).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", default=None)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=None, help="dataset folder: flag names it contains")
    args = parser.parse_args()
    names = [line.strip() for line in (HERE / "review_names.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    seen: set[str] = set()
    if args.data:
        for split in args.data.glob("*.jsonl"):
            with split.open(encoding="utf-8") as handle:
                seen.update(json.loads(line)["name"] for line in handle)
    describer = Describer(args.backend, model_path=args.model, cache=False)
    english = describer.describe(names, "en")
    french = describer.describe(names, "fr")
    print(f"backend: {describer.backend_name}; {len(names)} names; {sum(n in seen for n in names)} in the data")
    for name, en, fr in zip(names, english, french, strict=True):
        flag = "  (IN DATA)" if name in seen else ""
        print(f"{name}{flag}\n  en: {en.description}\n  fr: {fr.description}")


if __name__ == "__main__":
    main()
