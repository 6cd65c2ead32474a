"""Plain functions behind hovers, lenses and the batch request."""

from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.server.__main__ import parse_tcp
from filedesc.server.batch import BatchParamsError, describe_batch, parse_batch
from filedesc.server.features import hover_markdown, lens_targets, lens_title, plain, uri_to_path
from filedesc.service import Description


def _item(name: str, text: str = "Shell script that deploys.") -> Description:
    return Description(name, text, "en", "rules", False, name)


def test_hover_markdown_puts_the_files_own_words_first() -> None:
    value = hover_markdown(
        "scripts/my_deploy.sh", _item("my_deploy.sh"), (Path("/w/scripts/my_deploy.sh"), "Ships it.")
    )
    assert value.startswith("**scripts/my\\_deploy.sh**")
    assert value.index("Ships it.") < value.index("Shell script that deploys.")
    assert "(from my\\_deploy.sh)" in value and value.endswith("_filedesc · rules · en_")


def test_lens_targets_and_titles() -> None:
    lines = ["#!/bin/sh", "bash deploy.sh && bash deploy.sh", "echo hi", "cat a.yaml b.json"]
    targets = lens_targets("file:///w/run_all.sh", lines, references=True)
    assert [(t.line, t.kind, t.names) for t in targets] == [
        (0, "self", ("run_all.sh",)),
        (1, "reference", ("deploy.sh",)),
        (3, "reference", ("a.yaml", "b.json")),
    ]
    assert lens_targets("untitled:Untitled-1", lines, references=False) == []
    assert lens_title("self", ["x.sh"], [_item("x.sh")]) == "Shell script that deploys."
    assert lens_title("reference", ["a", "b"], [_item("a", "A."), _item("b", "B.")]) == "a: A. · b: B."


def test_uri_to_path() -> None:
    assert uri_to_path("file:///home/me/My%20Code/a.py") == Path("/home/me/My Code/a.py")
    assert uri_to_path("untitled:Untitled-1") is None


def test_batch_params_are_checked() -> None:
    assert parse_batch({"names": ["a.py"], "lang": "FR"}).lang == "fr"
    assert parse_batch({"names": [], "lang": None}).lang is None
    bad_params: list[object] = [
        None,
        [],
        {"names": "a.py"},
        {"names": ["a"], "lang": "de"},
        {"names": ["a"], "lang": 3},
    ]
    for bad in bad_params:
        with pytest.raises(BatchParamsError):
            parse_batch(bad)


def test_batch_answers_every_name_in_order() -> None:
    calls: list[list[str]] = []

    def describe(names: list[str], cancelled: object, on_progress: object) -> list[Description]:
        calls.append(names)
        return [_item(n, f"About {n}.") for n in names]

    names = ["a.py", 7, "", "x" * 5000, "b.sh"]
    items = describe_batch(names, lambda n: n.strip(), describe, lambda: False, lambda done, total: None)
    assert calls == [["a.py", "b.sh"]]
    assert [item.get("description") for item in items] == ["About a.py.", None, None, None, "About b.sh."]
    assert all("error" in items[i] for i in (1, 2, 3))
    assert len(items[3]["name"]) < 300


def test_plain_turns_namedtuples_into_dicts() -> None:
    from collections import namedtuple

    point = namedtuple("point", ["names", "lang"])
    assert plain(point(["a"], None)) == {"names": ["a"], "lang": None}
    assert plain([point((1,), "en")]) == [{"names": [1], "lang": "en"}]


def test_parse_tcp() -> None:
    assert parse_tcp("127.0.0.1:2087") == ("127.0.0.1", 2087)
    assert parse_tcp("[::1]:9000") == ("::1", 9000)
    for bad in ("2087", "host:", "host:0", "host:http"):
        with pytest.raises(ValueError):
            parse_tcp(bad)
