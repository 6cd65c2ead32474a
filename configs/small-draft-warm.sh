#!/bin/bash
# issue 18, session 7: the shipped small3 (name prompt) taught to post-edit the rules' draft; resumable
cd /work/main && . .venv/bin/activate && export HF_HUB_OFFLINE=1
exec filedesc train --base src/filedesc/models/filedesc-small-torch --data data/ds400 --out runs/warm1 \
  --config configs/small-draft-warm.json "$@"
