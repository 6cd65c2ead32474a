#!/bin/bash
# issue 18, session 7 (run warm1, shipped in session 8): the shipped small3 (name prompt) taught to post-edit the
# rules' draft; resumable. Its base is small3 as it was shipped (fp16 safetensors) at commit c1062cb, taken from git
# history, since the package now ships warm1 itself.
# data first: filedesc data build --out data/ds400 --size 400000
cd "$(dirname "$0")/.." && . .venv/bin/activate && export HF_HUB_OFFLINE=1
base=runs/small3-shipped
if [ ! -f "$base/model.safetensors" ]; then
  mkdir -p runs && git archive c1062cb src/filedesc/models/filedesc-small-torch | tar -x -C runs \
    && rm -rf "$base" && mv runs/src/filedesc/models/filedesc-small-torch "$base" && rm -rf runs/src
fi
exec filedesc train --base "$base" --data data/ds400 --out runs/warm1 --config configs/small-draft-warm.json "$@"
