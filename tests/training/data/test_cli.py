from __future__ import annotations

import argparse

from filedesc.cli import data


def test_data_build_arguments() -> None:
    parser = argparse.ArgumentParser()
    data.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["data", "build", "--out", "ds", "--size", "500", "--seed", "3", "--no-mined"])
    assert args.func is data.run
    assert (str(args.out), args.size, args.seed, args.mined, args.skip_misspelled) == ("ds", 500, 3, False, False)
    bare = parser.parse_args(["data"])
    assert bare.func(bare) == 2
