"""The plugin manager and the backend registry, both built lazily on first use.

Plugins come from entry points in the ``filedesc`` group (the built-in backends are declared there too). Each
entry point is loaded on its own: one that fails to import (torch missing, a bug) is logged, blocked and skipped,
and the others keep working. ``FILEDESC_DISABLE_PLUGINS`` blocks plugins by entry-point name (comma separated), or
every plugin from another distribution with ``*`` (what the tests use to stay hermetic).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

import pluggy

from filedesc import PROJECT
from filedesc.errors import UnknownBackendError
from filedesc.plugins import builtin, hookspecs
from filedesc.plugins.backend import Availability, Backend, BackendOptions, BackendSpec
from filedesc.plugins.ship import shipped_choice

log = logging.getLogger(__name__)

DISABLE_ENV = "FILEDESC_DISABLE_PLUGINS"

_lock = threading.Lock()
_manager: pluggy.PluginManager | None = None


def _disabled_names() -> tuple[set[str], bool]:
    raw = os.environ.get(DISABLE_ENV, "")
    names = {part.strip() for part in raw.split(",") if part.strip()}
    return names - {"*"}, "*" in names


def _is_own(entry_point: EntryPoint) -> bool:
    dist = getattr(entry_point, "dist", None)
    return dist is not None and dist.metadata["Name"] == PROJECT


def load_entry_point_plugins(pm: pluggy.PluginManager, eps: Iterable[EntryPoint]) -> list[str]:
    """Register each entry point's plugin; log and block the ones that fail. Returns the names registered."""
    blocked, foreign_off = _disabled_names()
    loaded: list[str] = []
    for ep in eps:
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        if ep.name in blocked or (foreign_off and not _is_own(ep)):
            log.info("plugin %r disabled by %s", ep.name, DISABLE_ENV)
            pm.set_blocked(ep.name)
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
        except Exception as exc:  # a broken plugin must never take the others down
            log.warning("plugin %r (%s) failed to load and is blocked: %s", ep.name, ep.value, exc)
            if pm.get_plugin(ep.name) is not None:
                pm.unregister(name=ep.name)
            pm.set_blocked(ep.name)
            continue
        loaded.append(ep.name)
    return loaded


def build_plugin_manager(eps: Iterable[EntryPoint] | None = None) -> pluggy.PluginManager:
    """Build a fresh plugin manager with the hook specs, the built-in text hooks and the entry-point plugins."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="builtin")
    load_entry_point_plugins(pm, entry_points(group=PROJECT) if eps is None else eps)
    return pm


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the process-wide plugin manager, building it on first call."""
    global _manager
    with _lock:
        if _manager is None:
            _manager = build_plugin_manager()
        return _manager


def reset_plugin_manager() -> None:
    """Forget the process-wide plugin manager (tests; after installing a plugin at run time)."""
    global _manager
    with _lock:
        _manager = None


class BackendRegistry:
    """Every backend the plugins registered, by name; builds one only when it is asked for."""

    def __init__(self, pm: pluggy.PluginManager | None = None) -> None:
        self._pm = pm or get_plugin_manager()
        self._specs: dict[str, BackendSpec] = {}
        self._pm.hook.filedesc_register_backends(register=self._register)

    def _register(self, spec: BackendSpec) -> None:
        if not isinstance(spec, BackendSpec):
            raise TypeError(f"register() takes a BackendSpec, got {type(spec).__name__}")
        self._specs[spec.name] = spec

    @property
    def names(self) -> list[str]:
        """Registered backend names, sorted."""
        return sorted(self._specs)

    def spec(self, name: str) -> BackendSpec:
        """Return the spec registered under ``name``; an unknown name raises an error listing the known ones."""
        try:
            return self._specs[name]
        except KeyError:
            raise UnknownBackendError(name, self._specs) from None

    def availability(self, name: str, options: BackendOptions | None = None) -> Availability:
        """Check, cheaply, whether backend ``name`` can run (never raises for a registered name)."""
        spec = self.spec(name)
        try:
            return spec.availability(options or BackendOptions())
        except Exception as exc:
            return Availability.no(f"its availability check failed: {exc}")

    def create(self, name: str, options: BackendOptions | None = None) -> Backend:
        """Build backend ``name`` with ``options``."""
        return self.spec(name).factory(options or BackendOptions())

    def default_name(self, options: BackendOptions | None = None) -> str:
        """The available backend with the highest priority (``rules`` is always available).

        Among the backends the ship record measured (:mod:`filedesc.plugins.ship`), the one it chose on real
        names takes the highest priority of them all, so a shipped model that measures below the rules never
        answers by default; a third-party backend keeps its own priority. With a model folder (``--model``, a
        workspace's adapted model) the record has no say: the model the user points at answers.
        """
        choice = shipped_choice() if options is None or options.model_path is None else None
        chosen, measured = choice or ("", frozenset[str]())
        top = max((s.priority for s in self._specs.values() if s.name in measured), default=0)

        def rank(spec: BackendSpec) -> tuple[int, bool, str]:
            priority = top if spec.name == chosen else spec.priority
            return (-priority, spec.name != chosen, spec.name)

        for spec in sorted(self._specs.values(), key=rank):
            if self.availability(spec.name, options).available:
                return spec.name
        raise UnknownBackendError("<default>", self._specs)
