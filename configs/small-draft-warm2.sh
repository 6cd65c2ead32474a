#!/bin/bash
# issue 18, session 8: warm1's end (runs/warm1/model) trained on with a fresh cosine (lr 3e-4, 130 min, new data
# order); resumable. Needs runs/warm1 (configs/small-draft-warm.sh) and data/ds400:
#   filedesc data build --out data/ds400 --size 400000
cd "$(dirname "$0")/.." && . .venv/bin/activate && export HF_HUB_OFFLINE=1
exec filedesc train --base runs/warm1/model --data data/ds400 --out runs/warm2 \
  --config configs/small-draft-warm2.json "$@"
