"""French gettext catalogs (``.mo``): the installed ones and those of packages fetched with ``apt-get download``.

Fetched packages are opened with ``dpkg-deb -x`` into a scratch folder and never installed. Each message is
cleaned the way a translator's tools show it: format placeholders (``%s``, ``%1$d``, ``{0}``, ``${name}``),
keyboard accelerators (``_File``, ``&Open``), markup and escape sequences go; untranslated and plural-only
messages are kept once (the singular). Whether a French side is misspelled is decided later, by the corpus
filter, with the same spell-checker as the rest of the data.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from filedesc.training.data.bilingual.records import Pair, package_licence

LOG = logging.getLogger(__name__)
LOCALE_DIR = Path("/usr/share/locale")
DPKG_INFO = Path("/var/lib/dpkg/info")
CATALOG_PACKAGES = (
    "nautilus", "gedit", "evince", "gnome-control-center-data", "libgtk-3-common", "libgtk-4-common", "thunar",
    "xfce4-settings", "gparted", "synaptic", "filezilla-common", "inkscape", "gnome-disk-utility", "baobab",
    "file-roller", "gnome-system-monitor", "meld", "gucharmap", "transmission-common", "pavucontrol",
    "network-manager", "udisks2", "gnome-terminal-data", "eog", "totem-common", "rhythmbox-data", "shotwell-common",
    "gnumeric-common", "abiword-common", "calibre", "virt-manager", "deja-dup", "seahorse", "evolution-common",
    "gimp-data", "dia-common", "geany-common", "kate5-data", "dolphin", "okular", "konsole", "ark", "gwenview",
    "kio", "plasma-workspace", "digikam-data", "krita-data", "kdevelop-data", "qtcreator-data", "git-gui",
)
"""Packages whose French catalogs are fetched: desktop and developer tools, whose messages name files and actions."""

_PRINTF = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspn%]"
)
_PY_FORMAT = re.compile(r"%\([A-Za-z_][\w]*\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\$\{[^}]*\}|\{[^{}]*\}")
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|&(?:amp|lt|gt|quot|apos|nbsp|#\d+);")
_ACCEL = re.compile(r"(?<![\w&_])[_&](?=\w)")
_ACCEL_PAREN = re.compile(r"\s*\(_?&?[A-Za-z]\)")
_ESCAPES = re.compile(r"\\[ntr]|[\t\r\n]+")


def clean_message(text: str) -> str:
    """Strip placeholders, accelerators, markup and escapes; collapse spaces (``"_Open %s…"`` -> ``"Open…"``)."""
    text = _ESCAPES.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    text = _PY_FORMAT.sub(" ", text)
    text = _PRINTF.sub(" ", text)
    text = _ACCEL_PAREN.sub("", text)
    text = _ACCEL.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = " ".join(text.split())
    return re.sub(r"\s+([,.;:!?…)])", r"\1", text).strip(" :")


def mo_owners(info: Path = DPKG_INFO) -> dict[str, str]:
    """Map every installed file path to its Debian package, from dpkg's ``*.list`` files."""
    owners: dict[str, str] = {}
    for listing in info.glob("*.list"):
        package = listing.stem.split(":", 1)[0]
        try:
            for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.endswith(".mo"):
                    owners[line] = package
        except OSError:
            continue
    return owners


def read_catalog(path: Path, package: str, licence: str) -> Iterator[Pair]:
    """Yield the cleaned, translated pairs of one ``.mo`` file (plural entries give their singular)."""
    import polib

    try:
        catalog = polib.mofile(str(path))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        LOG.warning("cannot read catalog %s: %s", path, exc)
        return
    for entry in catalog:
        if not entry.msgid:
            continue
        target = entry.msgstr or (entry.msgstr_plural.get(0, "") if entry.msgstr_plural else "")
        en, fr = clean_message(entry.msgid), clean_message(target)
        if en and fr and en != fr:
            yield Pair(en, fr, "gettext", package, licence)


SKIPPED_CATALOGS = re.compile(r"^(?:iso_|xkeyboard-config|gnome-control-center-2\.0-timezones)")
"""Catalogs of place, language, currency and keyboard names: proper names, no technical words."""


def installed_catalogs(locale_dir: Path = LOCALE_DIR) -> Iterator[tuple[Path, str, str]]:
    """(path, package, licence) of every installed French catalog (but :data:`SKIPPED_CATALOGS`)."""
    owners = mo_owners()
    for path in sorted(locale_dir.glob("fr/LC_MESSAGES/*.mo")):
        if SKIPPED_CATALOGS.match(path.stem):
            continue
        package = owners.get(str(path), path.stem)
        yield path, package, package_licence(package)


def fetch_catalogs(packages: Iterable[str], scratch: Path) -> Iterator[tuple[Path, str, str]]:
    """Download each package with ``apt-get download`` into ``scratch``, extract it, yield its French catalogs.

    A package that cannot be fetched (not in the archive, no network) is logged and skipped; the build goes on.
    """
    if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        LOG.warning("apt-get or dpkg-deb not found: only the installed catalogs are read")
        return
    scratch.mkdir(parents=True, exist_ok=True)
    for package in packages:
        root = scratch / package
        if not root.is_dir():
            debs = list(scratch.glob(f"{package}_*.deb"))
            if not debs:
                done = subprocess.run(["apt-get", "download", package], cwd=scratch, capture_output=True,
                                      text=True, check=False)
                if done.returncode != 0:
                    LOG.warning("apt-get download %s failed: %s", package, done.stderr.strip()[-200:])
                    continue
                debs = list(scratch.glob(f"{package}_*.deb"))
            if not debs:
                continue
            subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=False, capture_output=True)
        licence = package_licence(package, root / "usr/share/doc")
        for path in sorted(root.glob("usr/share/locale/fr/LC_MESSAGES/*.mo")):
            if not SKIPPED_CATALOGS.match(path.stem):
                yield path, package, licence
