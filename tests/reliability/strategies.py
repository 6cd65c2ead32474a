"""Hypothesis strategies for hostile file names: the inputs every entry point must survive."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

SPECIMENS = [
    "",
    " ",
    "\t\n\r ",
    ".",
    "..",
    "...",
    "/",
    "\\",
    ".py",
    ".tar.gz",
    "\x00",
    "a\x00b.py",
    "\x1b[31mred.sh",
    "\u200b\u200f\u202e",
    "\u202egnp.exe",
    "\ufeffbom.txt",
    "\U0001f600.py",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467.md",
    "\u05e7\u05d5\u05d1\u05e5.py",
    "\u0645\u0644\u0641_\u0627\u0644\u0628\u064a\u0627\u0646\u0627\u062a.csv",
    unicodedata.normalize("NFD", "évènements_récents.csv"),
    "../../etc/passwd",
    "..\\..\\Windows\\System32\\drivers\\etc\\hosts",
    "C:\\Users\\me\\AppData\\run.ps1",
    "\\\\server\\share\\deploy.bat",
    "https://example.com/a/b/get_user.py?x=1#frag",
    "file:///tmp/x.sh",
    "x" * 10_000,
    "y" * 10_000 + ".py",
    "z" * 9_990 + "." + "e" * 9,
    "a." + "b" * 10_000,
    "名前.py",
    "\udcff.py",
    "\ud800",
]

_ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(
    list("._-/\\ \t\x00\x1b\u200b\u202e\u0301\ufeff\U0001f600")
)


def hostile_names() -> st.SearchStrategy[str]:
    """Names drawn from the specimens above, random text, and random text wrapped in path and URL syntax."""
    text = st.text(_ALPHABET, max_size=40)
    long_text = st.integers(min_value=129, max_value=10_000).map(lambda n: "n" * n)
    wrapped = st.tuples(
        st.sampled_from(["", "../", "C:\\", "https://h/", "./a/"]),
        text,
        st.sampled_from(["", ".py", ".sh", ".tar.gz", "/", ". ", "." + "x" * 13]),
    ).map("".join)
    return st.one_of(
        st.sampled_from(SPECIMENS), text, wrapped, long_text, st.builds(lambda a, b: a + b, long_text, wrapped)
    )
