"""The training-data pipeline: ``filedesc data build --out DIR [--size N] [--seed S] [--no-mined]``.

One module per step, top to bottom:

- :mod:`.styles` writes word tokens as identifiers in every naming style;
- :mod:`.generate` samples meanings from the lexicon and renders name + description pairs through
  :mod:`filedesc.grammar`;
- :mod:`.mine` turns module docstrings of installed packages and header comments of Debian scripts into pairs;
- :mod:`.corpus_check` validates the hand-written corpus and measures its coverage;
- :mod:`.spelling` checks every description with real hunspell dictionaries;
- :mod:`.split` assigns examples to train / valid / test / test_unseen / corpus_test with no shared stem;
- :mod:`.build` runs it all and writes the JSONL files, ``stats.json`` and ``DATASET.md`` (:mod:`.card`).
"""
