"""Pretraining examples from the bilingual corpus: translation both ways and denoising in both languages.

    filedesc train --stage pretrain --data data/bilingual --out runs/pre --names-data data/ds17

The corpus is ``pairs.jsonl`` written by ``filedesc data bilingual --out DIR`` (``en``, ``fr``, ``source``, ...).
Every example is written in the name stage's prompt format, so what the model learns here is what it reads later:

- ``name`` and ``words`` prompts: ``<fr> {text}``, the target language's tag, then the text;
- ``draft`` prompts: ``<fr> <draft> {text}``, the text in the draft slot (the name before it is empty). That slot is
  where a ``draft`` model reads the rules' sentence to post-edit, or a file's header in the other language.

Tasks, for one pair (``en``, ``fr``): translation ``<fr> en -> fr`` and ``<en> fr -> en``; denoising ``<en> en with
spans masked -> en`` and likewise in French. Masking is BART's text infilling at the word level: about
``mask_ratio`` of the words, in spans of 1 to 5 words (3 on average), each span replaced by one :data:`MASK_TOKEN`;
the target is the whole sentence, since the name stage too writes whole sentences (a T5 span-corruption target
would teach the decoder to write fragments).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filedesc.errors import FiledescError
from filedesc.prompt import DRAFT_FORMATS, DRAFT_SEPARATOR, LANGUAGES
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.examples import Encoded

MASK_TOKEN = "<mask>"
"""Stands for a masked span in a denoising input; a special token of the tokenizers this stage trains."""
TASKS: tuple[str, ...] = ("en>fr", "fr>en", "en>en", "fr>fr")
"""Translation (source>target) and denoising (same language) tasks; ``fr>fr`` restores masked French."""
BUILD_HINT = "build it with `filedesc data bilingual --out {folder}`"


class BilingualCorpusError(FiledescError, FileNotFoundError):
    """The bilingual corpus is missing, empty or malformed: the message says how to build it."""


@dataclass(frozen=True)
class TextPair:
    """One English/French pair of the corpus."""

    en: str
    fr: str
    source: str

    def text(self, lang: str) -> str:
        """The side in ``lang``."""
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Example:
    """One pretraining example: ``task`` (see :data:`TASKS`), the prompt text and the target text."""

    task: str
    prompt: str
    target: str


def read_corpus(folder: Path, sources: tuple[str, ...] = (), limit: int = 0) -> list[TextPair]:
    """The pairs of ``folder/pairs.jsonl`` (only ``sources`` when given), at most ``limit`` (0: all).

    Raises:
        BilingualCorpusError: the folder or file is missing, a line is malformed, or no pair is left; the message
            names the command that builds the corpus.
    """
    hint = BUILD_HINT.format(folder=folder)
    if not folder.is_dir():
        raise BilingualCorpusError(f"{folder}: no such bilingual corpus folder: {hint}")
    path = folder / "pairs.jsonl"
    if not path.is_file():
        raise BilingualCorpusError(f"{path} not found: {hint}")
    pairs: list[TextPair] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                pair = TextPair(str(row["en"]).strip(), str(row["fr"]).strip(), str(row.get("source", "")))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BilingualCorpusError(f"{path}:{number}: not an en/fr pair ({exc}); rebuild: {hint}") from exc
            if not (pair.en and pair.fr) or (sources and pair.source not in sources):
                continue
            pairs.append(pair)
            if limit and len(pairs) >= limit:
                break
    if not pairs:
        which = f" from the sources {', '.join(sources)}" if sources else ""
        raise BilingualCorpusError(f"{path} holds no English/French pair{which}: {hint}")
    return pairs


def pretrain_prompt(text: str, lang: str, prompt_format: str) -> str:
    """The model input for ``text`` to be written in ``lang``, in the name stage's ``prompt_format``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    if prompt_format in DRAFT_FORMATS:
        return f"<{lang}> {DRAFT_SEPARATOR} {text}"
    return f"<{lang}> {text}"


def mask_spans(text: str, ratio: float, rng: random.Random, max_span: int = 5) -> str:
    """``text`` with about ``ratio`` of its words masked in spans, one :data:`MASK_TOKEN` per span.

    At least one word is masked and at least one kept (texts of fewer than two words come back unchanged).
    """
    words = text.split()
    if len(words) < 2:
        return text
    goal = min(len(words) - 1, max(1, round(len(words) * ratio)))
    masked = [False] * len(words)
    count, tries = 0, 0
    while count < goal and tries < 50:
        tries += 1
        span = min(rng.randint(1, max_span), goal - count)
        start = rng.randrange(len(words) - span + 1)
        window = range(max(0, start - 1), min(len(words), start + span + 1))
        if any(masked[i] for i in window):  # spans stay apart, so each one is a mask of its own
            continue
        for i in range(start, start + span):
            masked[i] = True
        count += span
    if count == 0:
        masked[rng.randrange(len(words))] = True
    out: list[str] = []
    for word, hidden in zip(words, masked, strict=True):
        if not hidden:
            out.append(word)
        elif not out or out[-1] != MASK_TOKEN:
            out.append(MASK_TOKEN)
    return " ".join(out)


def task_order(index: int, rng: random.Random, translation: bool, denoising: bool) -> list[str]:
    """The tasks of pair ``index`` in the order they are taken: translation and denoising alternate.

    Directions and languages are shuffled per pair, and every other pair starts with denoising, so that taking the
    first one or two tasks of each pair still gives both directions, both languages and both kinds evenly.
    """
    trans = ["en>fr", "fr>en"] if translation else []
    noise = ["en>en", "fr>fr"] if denoising else []
    rng.shuffle(trans)
    rng.shuffle(noise)
    first, second = (noise, trans) if index % 2 else (trans, noise)
    order: list[str] = []
    for i in range(2):
        order.extend(group[i] for group in (first, second) if i < len(group))
    return order


def make_examples(
    pairs: list[TextPair],
    prompt_format: str,
    per_pair: int,
    rng: random.Random,
    translation: bool = True,
    denoising: bool = True,
    mask_ratio: float = 0.3,
    min_denoise_words: int = 3,
) -> Iterator[Example]:
    """``per_pair`` examples of each pair (see :func:`task_order`); a text too short to mask is translated instead."""
    for index, pair in enumerate(pairs):
        order = task_order(index, rng, translation, denoising)
        taken = 0
        for task in order:
            if taken >= per_pair:
                break
            source, target = task.split(">")
            text = pair.text(source)
            if source == target:
                if len(text.split()) < min_denoise_words:
                    continue
                text = mask_spans(text, mask_ratio, rng)
            taken += 1
            yield Example(task, pretrain_prompt(text, target, prompt_format), pair.text(target))


def encode_examples(
    examples: list[Example], tokenizer: PromptTokenizer, max_input: int, max_target: int
) -> tuple[Encoded, dict[str, int]]:
    """Token ids of the examples that fit ``max_input`` / ``max_target`` (eos included), and counts per task.

    Examples that do not fit are dropped, not cut: a translation cut on one side only would teach the model to
    write what its input does not say. The counts have a ``dropped:long`` entry.
    """
    tok = tokenizer.tokenizer
    prompts = tok.encode_batch([e.prompt for e in examples], add_special_tokens=False)
    targets = tok.encode_batch([e.target for e in examples], add_special_tokens=False)
    data = Encoded([], [])
    counts: dict[str, int] = {task: 0 for task in TASKS}
    counts["dropped:long"] = 0
    for example, p, t in zip(examples, prompts, targets, strict=True):
        if len(p.ids) + 1 > max_input or len(t.ids) + 1 > max_target:
            counts["dropped:long"] += 1
            continue
        data.inputs.append([*p.ids, tokenizer.eos_id])
        data.targets.append([*t.ids, tokenizer.eos_id])
        counts[example.task] += 1
    return data, counts
