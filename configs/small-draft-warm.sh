#!/bin/bash
# issue 18, session 7: the shipped small3 (name prompt) taught to post-edit the rules' draft; resumable
# data first: filedesc data build --out data/ds400 --size 400000
cd "$(dirname "$0")/.." && . .venv/bin/activate && export HF_HUB_OFFLINE=1
exec filedesc train --base src/filedesc/models/filedesc-small-torch --data data/ds400 --out runs/warm1 \
  --config configs/small-draft-warm.json "$@"
