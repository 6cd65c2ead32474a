#!/bin/bash
# issue 18, started at the end of session 8: the shipped warm3-canonical trained on, on the canonical-phrasing data,
# with a fresh cosine (lr 2e-4, 150 min, two threads, new data order); resumable across sessions with --resume.
# Needs runs/warm3-canonical (configs/small-draft-warm3.sh canonical) and data/ds400c:
#   filedesc data build --out data/ds400c --size 400000 --canonical-phrasing
cd "$(dirname "$0")/.." && . .venv/bin/activate && export HF_HUB_OFFLINE=1
exec filedesc train --base runs/warm3-canonical/model --data data/ds400c --out runs/warm4 \
  --config configs/small-draft-warm4.json "$@"
