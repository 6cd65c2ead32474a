"""The ``retrieval`` baseline: the description of the nearest training name (character n-grams).

It answers "could a model just be a lookup table?": every model is evaluated beside it. Its index
(``retrieval.jsonl.gz``) is built from the training data by ``filedesc train`` and shipped with the model; pass a
training output folder (or any folder holding the file) as ``model_path`` to use another one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from filedesc import hookimpl
from filedesc.plugins.backend import Availability, BackendOptions, BackendSpec, RegisterBackend
from filedesc.runtime.model_folder import fingerprint, shipped_model_dir
from filedesc.runtime.retrieval_index import INDEX_FILE


def index_path(options: BackendOptions) -> Path:
    """``model_path``/retrieval.jsonl.gz (or its parent's, for a training ``model/`` folder), else the shipped one."""
    if options.model_path is None:
        return shipped_model_dir("retrieval") / INDEX_FILE
    for folder in (options.model_path, options.model_path.parent):
        if (folder / INDEX_FILE).is_file():
            return folder / INDEX_FILE
    return options.model_path / INDEX_FILE


class RetrievalBackend:
    """Looks names up in the index; a name sharing nothing with it gets an honest generic answer from ``rules``."""

    name = "retrieval"

    def __init__(self, path: Path) -> None:
        from filedesc.runtime.retrieval_index import RetrievalIndex

        self.index = RetrievalIndex.load(path)
        self.model_id = f"retrieval@{fingerprint(path.parent, (INDEX_FILE,))}"
        self._fallback: object | None = None

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        """Nearest neighbour's description for each name."""
        out: list[str] = []
        for name in names:
            found = self.index.describe(name, lang)
            if found is None:
                from filedesc.plugins.rules import RulesBackend

                if self._fallback is None:
                    self._fallback = RulesBackend()
                found = self._fallback.describe([name], lang)[0]  # type: ignore[attr-defined]
            out.append(found)
        return out


def _availability(options: BackendOptions) -> Availability:
    path = index_path(options)
    if not path.is_file():
        return Availability.no(f"{path}: missing; train a model (`filedesc train` writes it) and pass --model")
    return Availability.yes()


@hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    """Register ``retrieval`` (never the default: it is a baseline)."""
    register(
        BackendSpec(
            name="retrieval",
            factory=lambda options: RetrievalBackend(index_path(options)),
            summary="Baseline: the description of the most similar training name (character n-grams).",
            availability=_availability,
            priority=-200,
        )
    )
