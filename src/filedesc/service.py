"""The one describe service behind the command line, the server, the evaluator and the Python API.

normalise (hook) -> cache -> backend (batched) -> post-process (hook) -> cache. Every entry point goes through
``Describer.describe``, so a cache, a setting or a plugin behaves the same everywhere.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pluggy

from filedesc.cache import CacheKey, DescriptionCache, cache_disabled_by_env
from filedesc.defaults import requested_backend, resolve_lang
from filedesc.errors import BackendError, BackendUnavailableError, FiledescError, InvalidNameError
from filedesc.filenames import AnyName, decode_name
from filedesc.plugins.backend import Backend, BackendOptions, DraftBackend
from filedesc.plugins.manager import BackendRegistry, get_plugin_manager

log = logging.getLogger(__name__)

BATCH_SIZE = 64
"""Names sent to a backend per call: small enough to report progress and notice cancellation often. A backend may
ask for larger calls with a ``batch_size`` attribute (the ONNX backends do when they use several cores)."""


def backend_batch_size(backend: Backend) -> int:
    """Names per call for ``backend``: its ``batch_size`` attribute, else ``BATCH_SIZE``."""
    size = getattr(backend, "batch_size", None)
    return size if isinstance(size, int) and size > 0 else BATCH_SIZE


class Cancelled(FiledescError):
    """The caller cancelled a describe request while it ran."""


@dataclass(frozen=True)
class Description:
    r"""One answer: the name as given, its description, and where the description came from.

    ``name`` is the name as given, printable: undecodable bytes and control characters appear as escapes
    (``caf\xe9_menu.py``; see :mod:`filedesc.filenames`); ``normalized`` is what the backend described
    (``café_menu.py``).
    """

    name: str
    description: str
    lang: str
    backend: str
    cached: bool
    normalized: str

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the shape of ``--json`` lines and of the server's batch items)."""
        return asdict(self)


_Item = tuple[str, str | None]
"""A normalised name and the draft given for it (None: the rules' sentence)."""

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Describer:
    """Describes names with one backend (switchable), a shared cache and the plugins' text hooks.

    Thread-safe: the server calls it from worker threads.
    """

    def __init__(
        self,
        backend: str | None = None,
        *,
        model_path: Path | None = None,
        cache: DescriptionCache | None | bool = True,
        plugin_manager: pluggy.PluginManager | None = None,
    ) -> None:
        self._pm = plugin_manager or get_plugin_manager()
        self._registry = BackendRegistry(self._pm)
        self._requested = requested_backend(backend)
        self._model_path = model_path
        self._backend: Backend | None = None
        self._lock = threading.RLock()
        if cache is True:
            cache = None if cache_disabled_by_env() else DescriptionCache()
        self.cache: DescriptionCache | None = cache or None

    @property
    def registry(self) -> BackendRegistry:
        """The backends the plugins registered."""
        return self._registry

    @property
    def options(self) -> BackendOptions:
        """The options handed to backend factories."""
        return BackendOptions(model_path=self._model_path)

    @property
    def backend_name(self) -> str:
        """The backend in use: the requested one, or the best available."""
        return self._requested or self._registry.default_name(self.options)

    def set_backend(self, name: str | None, model_path: Path | None = None) -> None:
        """Switch backend (and model folder); takes effect on the next request, the old backend is dropped."""
        with self._lock:
            requested = requested_backend(name)
            if requested is not None:
                self._registry.spec(requested)  # unknown names fail now, with the list of known ones
            if requested != self._requested or model_path != self._model_path:
                self._requested, self._model_path, self._backend = requested, model_path, None

    def backend(self) -> Backend:
        """Build (once) and return the backend in use."""
        with self._lock:
            if self._backend is None:
                name = self.backend_name
                availability = self._registry.availability(name, self.options)
                if not availability.available:
                    raise BackendUnavailableError(name, availability.reason)
                try:
                    self._backend = self._registry.create(name, self.options)
                except FiledescError:
                    raise
                except Exception as exc:  # a plugin's factory may fail in any way: keep it a user-facing error
                    raise BackendUnavailableError(name, f"it could not be built ({type(exc).__name__}: {exc})") from exc
            return self._backend

    def normalize(self, name: AnyName) -> str:
        """Decode ``name`` (:func:`~filedesc.filenames.decode_name`), then apply ``filedesc_normalize_name``."""
        return self._normalize_text(decode_name(name).text)

    def _normalize_text(self, text: str) -> str:
        """Apply ``filedesc_normalize_name`` to an already decoded name."""
        result = self._pm.hook.filedesc_normalize_name(name=text)
        return result if isinstance(result, str) else ""

    def _postprocess(self, description: str, name: str, lang: str) -> str:
        result = self._pm.hook.filedesc_postprocess(description=description, name=name, lang=lang)
        return result if isinstance(result, str) else description

    def describe(
        self,
        names: Sequence[AnyName],
        lang: str | None = None,
        *,
        use_cache: bool = True,
        on_progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
        drafts: Sequence[str | None] | None = None,
    ) -> list[Description]:
        """Describe ``names`` in ``lang``; one ``Description`` per name, in order.

        ``drafts`` (one per name, ``None`` where there is none) fills the draft slot of a ``draft``-format model
        instead of the rules' sentence: a file's header written in the other language, say, so that the description
        is its condensed translation. Other backends ignore it. Answers made from a given draft are cached apart.

        A name may be ``str`` (surrogate-escaped bytes included, as ``sys.argv`` and ``os.listdir`` give them),
        ``bytes`` or a path object: each is decoded once (:func:`~filedesc.filenames.decode_name`).

        Raises:
            InvalidNameError: A name is empty once normalised (the message gives its position).
            Cancelled: ``cancelled()`` turned true between two batches.
            FiledescError: The backend is unknown, unavailable or failed.
        """
        lang = resolve_lang(lang)
        decoded = [decode_name(name) for name in names]
        normalized = [self._normalize_text(d.text) for d in decoded]
        bad = [i for i, n in enumerate(normalized) if not n]
        if bad:
            shown = ", ".join(f"#{i + 1} ({decoded[i].display!r})" for i in bad[:5])
            raise InvalidNameError(
                f"no file name left after cleaning input {shown}: give a file name such as 'main.py'"
            )
        backend = self.backend()
        given = _given_drafts(backend, normalized, drafts)
        items = list(zip(normalized, given, strict=True))
        keys = {
            item: CacheKey(item[0], lang, backend.name, _model_key(backend, item[1])) for item in dict.fromkeys(items)
        }
        found = self.cache.get_many(list(keys.values())) if (use_cache and self.cache) else {}
        results: dict[_Item, tuple[str, bool]] = {i: (found[k], True) for i, k in keys.items() if k in found}
        todo = [i for i in keys if i not in results]
        done = len(results)
        if on_progress:
            on_progress(done, len(keys))
        size = backend_batch_size(backend)
        for start in range(0, len(todo), size):
            if cancelled and cancelled():
                raise Cancelled("the request was cancelled")
            chunk = todo[start : start + size]
            raw = self._run_backend(backend, chunk, lang)
            fresh = {i: self._postprocess(d, i[0], lang) for i, d in zip(chunk, raw, strict=True)}
            if self.cache:
                self.cache.put_many((keys[i], d) for i, d in fresh.items())
            results.update({i: (d, False) for i, d in fresh.items()})
            done += len(chunk)
            if on_progress:
                on_progress(done, len(keys))
        return [
            Description(d.display, results[i][0], lang, backend.name, results[i][1], i[0])
            for d, i in zip(decoded, items, strict=True)
        ]

    def accepts_drafts(self) -> bool:
        """Whether the backend in use fills its draft slot with the drafts ``describe`` is given (builds it)."""
        backend = self.backend()
        return isinstance(backend, DraftBackend) and backend.takes_drafts

    def _run_backend(self, backend: Backend, items: list[_Item], lang: str) -> list[str]:
        names = [name for name, _ in items]
        drafts = [draft for _, draft in items]
        try:
            with self._lock:
                if isinstance(backend, DraftBackend) and any(drafts):
                    out = backend.describe_drafted(names, lang, drafts)
                else:
                    out = backend.describe(names, lang)
        except FiledescError:
            raise
        except Exception as exc:
            raise BackendError(f"backend {backend.name!r} failed: {exc}") from exc
        if len(out) != len(names):
            raise BackendError(f"backend {backend.name!r} returned {len(out)} descriptions for {len(names)} names")
        return out

    def regenerate(self, name: AnyName, lang: str | None = None, draft: str | None = None) -> Description:
        """Drop ``name``'s cached descriptions in ``lang`` and compute it again (from ``draft``, as ``describe``)."""
        normalized = self.normalize(name)
        if self.cache and normalized:
            self.cache.delete(normalized, resolve_lang(lang))
        return self.describe([name], lang, use_cache=False, drafts=[draft])[0]


def _given_drafts(backend: Backend, normalized: list[str], drafts: Sequence[str | None] | None) -> list[str | None]:
    """The draft given for each name (None where there is none), when the backend's model takes drafts.

    Two files with the same name may carry different drafts (two ``__init__.py`` with their own headers): each
    (name, draft) pair is described and cached on its own.
    """
    if drafts is None or not (isinstance(backend, DraftBackend) and backend.takes_drafts):
        return [None] * len(normalized)
    if len(drafts) != len(normalized):
        raise ValueError(f"{len(drafts)} drafts for {len(normalized)} names: give one per name (None for none)")
    return [draft if draft and draft.strip() else None for draft in drafts]


def _model_key(backend: Backend, draft: str | None) -> str:
    """The cache key's model part: an answer made from a given draft is not the answer made from the rules'."""
    if draft is None:
        return backend.model_id
    digest = hashlib.sha256(draft.encode("utf-8", "replace")).hexdigest()[:12]
    return f"{backend.model_id}+draft:{digest}"


_default_lock = threading.Lock()
_default: dict[str | None, Describer] = {}


def default_describer(backend: str | None = None) -> Describer:
    """A process-wide ``Describer`` per backend name (``None``: the default), built on first use."""
    with _default_lock:
        if backend not in _default:
            _default[backend] = Describer(backend)
        return _default[backend]
