#!/bin/bash
# issue 18, session 9: does weighting the written corpus up (real names, real descriptions) pay on real names?
# Both arms start from the shipped warm3-canonical weights (src/filedesc/models/filedesc-small-torch), train
# 75 min on one thread each, side by side, same config (lr 2e-4, fresh cosine, seed 5678) and canonical phrasing.
# (Session 9 started both with max_minutes 120, stopped them at step 1,000 (23 min) and resumed them with
# `--resume --max-minutes 75`, so that they end in the session: the cosine's end is refitted to the time left.)
#   configs/small-draft-warm4.sh w4   # data/ds400c:    filedesc data build --out data/ds400c --size 400000 --canonical-phrasing
#   configs/small-draft-warm4.sh w8   # data/ds400c-w8: ... --canonical-phrasing --corpus-weight 8
# Extra arguments go to filedesc train (--resume continues from the last checkpoint, every 500 steps).
cd "$(dirname "$0")/.." && . .venv/bin/activate && export HF_HUB_OFFLINE=1
arm=${1:?usage: configs/small-draft-warm4.sh w4|w8 [filedesc train args]}; shift
case $arm in
  w4) data=data/ds400c; out=runs/warm4-w4 ;;
  w8) data=data/ds400c-w8; out=runs/warm4-w8 ;;
  *) echo "arm must be w4 or w8" >&2; exit 2 ;;
esac
exec filedesc train --base src/filedesc/models/filedesc-small-torch --data $data --out $out \
  --config configs/small-draft-warm4.json "$@"
