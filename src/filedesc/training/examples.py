"""Training examples: read the dataset's JSONL files, encode them once, and serve length-grouped padded batches.

Inputs are built with ``filedesc.prompt`` (normalisation and prompt format) and ``filedesc.runtime.tokenizer`` —
the very code that serves the model — so training and serving cannot disagree.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from filedesc.prompt import LANGUAGES, neighbour_hint, normalize_name, rules_draft
from filedesc.runtime.retrieval_index import RetrievalIndex
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.data.exclusions import repository_of


@dataclass(frozen=True)
class Pair:
    """One example: a name, a language, the reference description and, for ``draft`` prompts, the draft.

    ``group`` is the repository or package a real file comes from (empty for generated pairs) and ``hint`` the
    ``near`` prompt's example, found outside that group.
    """

    name: str
    lang: str
    description: str
    draft: str | None = None
    group: str = ""
    hint: str | None = None


def source_group(source: str) -> str:
    """The repository or package of a dataset record's ``source`` ("" for generated pairs and unknown sources).

    ``github:OWNER/REPO@COMMIT:PATH`` -> ``github:OWNER/REPO``; ``debian:PKG:/PATH`` -> ``debian:PKG``;
    ``pypi:PKG:PATH`` -> ``pypi:PKG``.
    """
    kind, sep, rest = source.partition(":")
    if not sep or not rest or kind == "generated":
        return ""
    return repository_of(source)  # the very grouping that holds whole repositories out as corpus_test


def read_pairs(path: Path, limit: int = 0) -> list[Pair]:
    """Read ``{"name", "lang", "description" | "reference"}`` lines; other keys are ignored.

    Raises:
        ValueError: naming the file and line of a malformed record.
    """
    pairs: list[Pair] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record.get("description", record.get("reference"))
                group = source_group(str(record.get("source") or ""))
                pair = Pair(normalize_name(record["name"]), record["lang"], text, group=group)
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                raise ValueError(f"{path}:{number}: not a name/lang/description record ({exc})") from exc
            if pair.lang not in LANGUAGES or not isinstance(pair.description, str) or not pair.name:
                raise ValueError(f"{path}:{number}: bad lang, name or description")
            pairs.append(pair)
            if limit and len(pairs) >= limit:
                break
    return pairs


def attach_drafts(pairs: list[Pair]) -> list[Pair]:
    """The pairs with the rules' sentence as draft (``filedesc.prompt.rules_draft``, the code serving uses).

    Computed once per run (about 0.15 ms a name), so the drafts always come from the rules of the day.
    """
    cache: dict[tuple[str, str], str] = {}
    out = []
    for pair in pairs:
        key = (pair.name, pair.lang)
        if key not in cache:
            cache[key] = rules_draft(pair.name, pair.lang)
        out.append(replace(pair, draft=cache[key]))
    return out


def neighbour_index(pairs: list[Pair]) -> RetrievalIndex:
    """The ``near`` format's examples: every real pair (one with a group), exact duplicates once."""
    seen: set[tuple[str, str, str]] = set()
    rows: list[tuple[str, str, str]] = []
    groups: list[str] = []
    for pair in pairs:
        key = (pair.name, pair.lang, pair.description)
        if pair.group and key not in seen:
            seen.add(key)
            rows.append(key)
            groups.append(pair.group)
    return RetrievalIndex(rows, groups)


def attach_hints(pairs: list[Pair], index: RetrievalIndex) -> list[Pair]:
    """The pairs with their ``near`` example: the nearest real file from another repository than their own.

    Leaving the whole repository out (not only the pair itself) matches what the model meets when serving and in
    ``corpus_test``, whose repositories are absent from training: an example from the same project would teach it
    to trust examples more than they deserve.
    """
    cache: dict[tuple[str, str, str], str] = {}
    out = []
    for pair in pairs:
        key = (pair.name, pair.lang, pair.group)
        if key not in cache:  # "" when no real file shares anything with the name: the slot stays empty
            found = index.nearest(pair.name, pair.lang, pair.group or None)
            cache[key] = "" if found is None else neighbour_hint(*found)
        out.append(replace(pair, hint=cache[key]))
    return out


@dataclass
class Encoded:
    """Token ids of a set of pairs, in the same order."""

    inputs: list[list[int]]
    targets: list[list[int]]

    def __len__(self) -> int:
        return len(self.inputs)


def encode_pairs(pairs: list[Pair], tokenizer: PromptTokenizer, max_input: int, max_target: int) -> Encoded:
    """Encode names as prompts and descriptions as targets (batched through the Rust tokenizer)."""
    hints = [p.hint for p in pairs] if tokenizer.prompt_format == "near" else None
    inputs = tokenizer.encode_prompts(
        [p.name for p in pairs], [p.lang for p in pairs], max_input, [p.draft for p in pairs], hints
    )
    encodings = tokenizer.tokenizer.encode_batch([p.description for p in pairs], add_special_tokens=False)
    targets = [[*e.ids[: max_target - 1], tokenizer.eos_id] for e in encodings]
    return Encoded(inputs, targets)


def pad_batch(inputs: list[list[int]], targets: list[list[int]] | None, pad_id: int) -> dict[str, torch.Tensor]:
    """Pad to the longest in the batch: ``input_ids``, ``attention_mask`` and ``labels`` (-100 where padded)."""
    width = max(len(x) for x in inputs)
    input_ids = torch.full((len(inputs), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(inputs), width), dtype=torch.long)
    for row, ids in enumerate(inputs):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        mask[row, : len(ids)] = 1
    batch = {"input_ids": input_ids, "attention_mask": mask}
    if targets is not None:
        t_width = max(len(y) for y in targets)
        labels = torch.full((len(targets), t_width), -100, dtype=torch.long)
        for row, ids in enumerate(targets):
            labels[row, : len(ids)] = torch.tensor(ids)
        batch["labels"] = labels
    return batch


def length_grouped_batches(
    data: Encoded, batch_size: int, rng: random.Random, pad_id: int
) -> Iterator[dict[str, torch.Tensor]]:
    """One epoch of batches: shuffle, sort by length inside windows of 50 batches, shuffle the batches.

    Grouping similar lengths cuts padding (and so time) without giving the model an ordered curriculum.
    """
    order = list(range(len(data)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: len(data.inputs[i]) + len(data.targets[i]))
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    for idx in batches:
        yield pad_batch([data.inputs[i] for i in idx], [data.targets[i] for i in idx], pad_id)
