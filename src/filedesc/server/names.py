"""Find file names in any text: under the cursor (hover) or on a whole line (reference code lenses).

A word is taken for a file name only when it looks like one beyond doubt, because a hover that describes
``os.path`` or ``1.2.3`` as a file is worse than no hover at all. The rule:

- its base name ends with a known extension (``extract_window_events.sh``, ``archive.tar.gz``), the extension
  list coming from the shipped lexicon plus a built-in list of common ones; or
- its base name is a well-known extension-less file (``Makefile``, ``Dockerfile``, ``README``, ``.gitignore``); or
- it is an explicit relative path (``./configure``, ``../lib/helpers``, ``~/bin/backup``).

And it is refused when it is a call or attribute access (``console.log(``, ``self.name``), a number or version
(``1.2.3``), an abbreviation (``e.g.``), a host name (``www.example.com``, the host part of a URL), or longer
than any real path.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 512
"""Longer runs of path characters are not file names (minified code, base64): ignore them."""

_TOKEN = re.compile(r"(?:[A-Za-z]:[\\/])?[\w.~+@\-/\\]+")
"""A run of characters that may appear in a path, optionally after a Windows drive (``C:\\``)."""

_BUILTIN_EXTENSIONS = frozenset(
    """
    sh bash zsh fish ksh csh ps1 psm1 bat cmd py pyi pyx pxd ipynb rb pl pm php js mjs cjs jsx ts tsx mts cts
    d.ts vue svelte astro java kt kts scala groovy gradle go rs c h cc cpp cxx hpp hh hxx m mm swift cs fs vb
    lua r jl dart ex exs erl hrl hs elm clj cljs ml mli nim zig sql html htm xhtml css scss sass less styl
    json jsonc json5 yaml yml toml ini cfg conf env properties xml xsd xsl plist csv tsv parquet avro
    md markdown rst txt adoc tex bib org log lock patch diff pdf doc docx xls xlsx ppt pptx odt ods
    png jpg jpeg gif svg webp ico bmp tiff mp3 mp4 wav ogg webm mov avi flac ttf otf woff woff2 eot
    zip tar gz tgz bz2 xz 7z rar whl egg jar war deb rpm apk dmg exe dll so dylib a o obj wasm
    pem crt key cer p12 pub asc gpg mk cmake ninja bazel bzl nix dockerfile tf tfvars hcl proto graphql gql
    prisma j2 jinja jinja2 tmpl tpl mustache hbs ejs pug erb twig service timer socket desktop rules spec
    makefile vim el awk sed sqlite db dat bin onnx pt pth safetensors pkl npy npz h5 hdf5
    """.split()
)

_WELL_KNOWN = frozenset(
    """
    Makefile makefile GNUmakefile Dockerfile Containerfile Vagrantfile Gemfile Rakefile Procfile Jenkinsfile
    Pipfile Brewfile Justfile justfile Snakefile Caddyfile Earthfile Tiltfile Podfile Fastfile Guardfile
    README LICENSE LICENCE COPYING CHANGELOG CHANGES AUTHORS CONTRIBUTORS CONTRIBUTING NOTICE CODEOWNERS
    MANIFEST INSTALL HACKING NEWS Kconfig Kbuild PKGBUILD APKBUILD
    .gitignore .gitattributes .gitmodules .gitkeep .mailmap .dockerignore .editorconfig .env .envrc .bashrc
    .bash_profile .bash_aliases .zshrc .zprofile .profile .vimrc .inputrc .npmrc .nvmrc .yarnrc .prettierrc
    .eslintrc .eslintignore .prettierignore .babelrc .flake8 .pylintrc .coveragerc .htaccess .tmux.conf
    .python-version .tool-versions .clang-format .pre-commit-config.yaml
    """.split()
)

_RECEIVERS = frozenset(
    "self this cls super console math Math os sys np pd JSON window document process logger logging log re".split()
)
"""Objects whose dotted attributes are code, not files (``console.log``, ``math.log``, ``self.data.json``)."""

_HOST_EXTENSIONS = frozenset("com org net io edu gov dev app fr de uk eu info".split())
_NUMBER = re.compile(r"^[vV]?[\d.]+$")


@dataclass(frozen=True)
class NameMatch:
    """A file name found in a line: the text as written (a path, maybe), and where it lies.

    Attributes:
        text: The name as written, path included (``scripts/analyser_logs.py``).
        start: Index of its first character in the line (code points).
        end: Index just past its last character.
    """

    text: str
    start: int
    end: int

    @property
    def base(self) -> str:
        """The last path component: what the describer sees."""
        return re.split(r"[\\/]", self.text.rstrip("/\\"))[-1]


@functools.lru_cache(maxsize=1)
def known_extensions() -> frozenset[str]:
    """The built-in extensions plus every extension of the shipped lexicon (when it loads)."""
    found: set[str] = set(_BUILTIN_EXTENSIONS)
    try:
        from filedesc.lexicon import load_lexicon

        found.update(ext.lower() for ext in load_lexicon().extensions)
    except Exception as exc:  # the lexicon is optional here: the built-in list is enough to work
        log.debug("lexicon extensions unavailable: %s", exc)
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def well_known_names() -> frozenset[str]:
    """Extension-less well-known names, plus the lexicon's exact names that cannot be ordinary words."""
    found: set[str] = set(_WELL_KNOWN)
    try:
        from filedesc.lexicon import load_lexicon

        for entry in load_lexicon().filenames:
            if entry.match == "exact" and (entry.name[:1].isupper() or entry.name.startswith(".")):
                found.add(entry.name)
    except Exception as exc:
        log.debug("lexicon file names unavailable: %s", exc)
    return frozenset(found)


def _extension_known(base: str) -> bool:
    parts = base.lower().split(".")
    if len(parts) < 2 or not parts[0] and len(parts) == 2:
        return False  # no extension, or a dotfile such as ".bashrc" (well-known names cover those)
    exts = known_extensions()
    return parts[-1] in exts or ".".join(parts[-2:]) in exts


def _looks_like_code(text: str, base: str, following: str) -> bool:
    if following.startswith("("):
        return True  # a call: console.log(...), file.close()
    first = re.split(r"[.\\/]", text, maxsplit=1)[0]
    if "/" not in text and "\\" not in text and first in _RECEIVERS:
        return True
    stem, dot, ext = base.rpartition(".")
    if _NUMBER.match(base) or (dot and stem.strip(".") and not re.search(r"[^\W\d]", stem)):
        return True  # versions and numbers: 1.2.3, v2.0, 3.11
    if ext.lower() in _HOST_EXTENSIONS and ("." in stem or "@" in text or stem.lower() == "www"):
        return True  # www.example.com, docs.python.org, user@example.org
    return False


def is_file_name(text: str, following: str = "") -> bool:
    """Decide whether ``text`` (already trimmed) names a file; ``following`` is the text right after it."""
    if not text or len(text) > MAX_NAME_CHARS:
        return False
    if text[-1] in "/\\":
        return False  # a folder
    base = NameMatch(text, 0, len(text)).base
    if not base or base in (".", ".."):
        return False
    if _looks_like_code(text, base, following):
        return False
    if base in well_known_names() or _extension_known(base):
        return True
    explicit = re.match(r"^(?:\.{1,2}|~)[\\/]", text)
    return bool(explicit) and bool(re.search(r"[^\W\d]", base))


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation that ends a sentence or wraps a name (``install.sh.``, ``@types``, ``-``)."""
    while end > start and line[end - 1] in ".-~@":
        end -= 1
    while start < end and line[start] in "@-+":
        start += 1
    return start, end


def _url_path_start(line: str, start: int, end: int) -> int | None:
    """For a token that follows ``scheme:``, return where its path starts (after the host), else None."""
    if not (line[start:end].startswith("//") and start > 0 and line[start - 1] == ":"):
        return None
    slash = line.find("/", start + 2, end)
    return end if slash < 0 else slash


def _candidates(line: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) for each run of path characters; for a URL, only its path (never the host)."""
    for match in _TOKEN.finditer(line):
        start, end = match.span()
        path_start = _url_path_start(line, start, end)
        yield (start if path_start is None else path_start), end


def find_names(line: str) -> list[NameMatch]:
    """Every file name on ``line``, left to right."""
    found: list[NameMatch] = []
    for start, end in _candidates(line):
        start, end = _trim(line, start, end)
        text = line[start:end]
        if is_file_name(text, line[end:]):
            found.append(NameMatch(text, start, end))
    return found


def name_at(line: str, character: int) -> NameMatch | None:
    """The file name under ``character`` (a code-point index into ``line``), or None.

    The cursor may sit just after the last character, as editors report it at the end of a word.
    """
    for match in find_names(line):
        if match.start <= character <= match.end:
            return match
    return None
