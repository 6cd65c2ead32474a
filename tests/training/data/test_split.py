from __future__ import annotations

from filedesc.lexicon import Lexicon
from filedesc.training.data.records import Example
from filedesc.training.data.split import (
    held_out_repositories,
    reserved_keys,
    shared_stems,
    split_examples,
    stem_key,
)

EXTS = frozenset({"py", "ts", "test.ts", "d.ts", "tar.gz", "gz", "sql", "md"})


def _ex(name: str, source: str = "generated:module", origin: str = "generated") -> Example:
    return Example(name=name, lang="en", description="Python module.", source=source, origin=origin)


def test_stem_key_folds_styles_versions_prefixes_and_extensions() -> None:
    same = ["getUserInfo.ts", "get_user_info.py", "Get-User-Info_v2.test.ts", "0003_get_user_info.py",
            "GET_USER_INFO2.sql", "getuserinfo.md"]
    assert {stem_key(n, EXTS) for n in same} == {"getuserinfo"}
    assert stem_key("archive.tar.gz", EXTS) == "archive"
    assert stem_key("types.d.ts", EXTS) == "types"
    assert stem_key("évènements.py", EXTS) == "evenements"


def test_no_stem_is_shared_and_reserved_sets_win() -> None:
    letters = ["".join(chr(97 + int(d)) for d in str(i)) for i in range(3000)]
    pool = [_ex(f"name_{w}.py") for w in letters] + [_ex("held_out.py"), _ex("unseen_word.py")]
    unseen = [_ex("unseen_word.ts")]
    corpus_test = [_ex("heldOut.py", "github:a/b@0000000:x/heldOut.py", "corpus")]
    result = split_examples(pool, unseen, corpus_test, EXTS, forced_train=[_ex("Makefile", origin="filenames")])
    assert shared_stems(result.splits, EXTS) == {}
    assert result.dropped["generated"] == 2
    assert {len(result.splits[s]) > 20 for s in ("valid", "test")} == {True}
    assert _ex("Makefile", origin="filenames") in result.splits["train"]


def test_reserved_keys_are_a_fixed_slice_of_the_extended_lexicon(lexicon: Lexicon, empty_lexicon: Lexicon) -> None:
    keys = reserved_keys(empty_lexicon, lexicon, fraction=0.3)
    assert keys == reserved_keys(empty_lexicon, lexicon, fraction=0.3)
    assert keys and keys <= set(lexicon.verbs) | set(lexicon.nouns)
    assert reserved_keys(lexicon, lexicon) == frozenset()


def test_held_out_repositories_take_whole_repositories() -> None:
    corpus = [_ex(f"f{i}.py", f"github:org/r{i % 100}@0000000:f{i}.py", "corpus") for i in range(1000)]
    held = held_out_repositories(corpus, 0.2)
    assert held == held_out_repositories(corpus, 0.2)
    share = sum(1 for e in corpus if f"github:{e.source[7:].split('@')[0]}" in held) / len(corpus)
    assert 0.1 <= share <= 0.3
