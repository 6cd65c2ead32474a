"""The ``rules`` backend: descriptions from the bilingual lexicon and grammar, no model.

It is the fallback when no model is installed and the baseline every model must beat. It recognises well-known
file names, splits identifiers, expands abbreviations, maps extensions to kinds, and renders the meaning it found
with the same grammar the training data uses; when it understands too little of a name it says so honestly
("Python module named 'foo'.") instead of guessing.
"""

from __future__ import annotations

from collections.abc import Sequence

from filedesc import hookimpl
from filedesc.grammar.version import rules_version
from filedesc.plugins.backend import BackendOptions, BackendSpec, RegisterBackend


class RulesBackend:
    """Rule-based descriptions from ``filedesc.grammar``; the lexicon is loaded once, on first use."""

    name = "rules"

    def __init__(self) -> None:
        from filedesc.lexicon import load_lexicon

        self._lexicon = load_lexicon()
        self.model_id = rules_version()

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        """Describe each name with the grammar's rule-based path."""
        from filedesc.grammar.rules import describe_by_rules

        return [describe_by_rules(name, lang, self._lexicon) for name in names]


def _create(options: BackendOptions) -> RulesBackend:
    del options
    return RulesBackend()


@hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    """Register ``rules`` (always available, lowest priority: any available model is preferred)."""
    register(
        BackendSpec(
            name="rules",
            factory=_create,
            summary="Lexicon and grammar rules, no model: the fallback and the baseline.",
            priority=-100,
        )
    )
