"""Curated answers: the lexicon's own sentence for a well-known file name, before any model runs.

``filenames.json`` holds hand-written descriptions of the files most projects have (``.editorconfig``,
``Cargo.toml``, ``.readthedocs.yaml``). The models see them in training and still garble some: the model shipped in
session 7 called ``.editorconfig`` "Error raised when a user's settings." and ``.readthedocs.yaml`` "Helm template of
the documentation...". A model backend therefore answers these names from the lexicon and runs the model on the
rest: on real-dev's names this is worth +2.7 / +1.7 chrF (en / fr) to the draft model of run warm1, and it makes
those names free. A name that comes with its own draft (a file's header, through ``Describer.describe(drafts=...)``)
still goes to the model: the header says what this file does, which the generic sentence cannot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

CURATED_TAG = "curated"
"""In a model backend's ``model_id``, before the rules' version: its answers depend on the lexicon too."""


def curated_answer(name: str, lang: str) -> str | None:
    """The lexicon's first phrasing for a well-known ``name`` in ``lang``, or ``None`` when it has none."""
    from filedesc.grammar.rules import find_well_known
    from filedesc.lexicon import load_lexicon  # cached: loaded once per process, without torch

    known = find_well_known(name, load_lexicon())
    if known is None:
        return None
    phrasings = known.en if lang == "en" else known.fr
    return phrasings[0] if phrasings else None


def curated_model_id(model_id: str) -> str:
    """``model_id`` with what the backend's answers also depend on: the curated sentences and the rules.

    A ``draft`` model post-edits the rules' sentence; every model answers well-known names from the lexicon. One
    version covers both, since the lexicon is part of the rules' fingerprint.
    """
    from filedesc.prompt import draft_source

    return f"{model_id}+{CURATED_TAG}+{draft_source()}"


def describe_with_curated(
    names: Sequence[str],
    lang: str,
    drafts: Sequence[str | None],
    run_model: Callable[[list[str], list[str | None]], list[str]],
) -> list[str]:
    """One description per name: the curated sentence where there is one and no draft was given, else the model's.

    ``run_model(names, drafts)`` describes the rest in one call, so batching (and its speed) is kept.
    """
    answers = [None if draft else curated_answer(name, lang) for name, draft in zip(names, drafts, strict=True)]
    todo = [i for i, answer in enumerate(answers) if answer is None]
    if todo:
        for i, text in zip(todo, run_model([names[i] for i in todo], [drafts[i] for i in todo]), strict=True):
            answers[i] = text
    return [answer if answer is not None else "" for answer in answers]
