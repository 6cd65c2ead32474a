#!/bin/bash
# issue 18, session 8: the equal-time ablation of canonical phrasing. Both arms start from warm1's end (shipped in
# session 8), train 70 min on one thread each, side by side, same config and data order:
#   configs/small-draft-warm3.sh canonical   # data/ds400c: filedesc data build --out data/ds400c --size 400000 --canonical-phrasing
#   configs/small-draft-warm3.sh control     # data/ds400:  filedesc data build --out data/ds400 --size 400000
# Extra arguments go to filedesc train (--resume).
cd "$(dirname "$0")/.." && . .venv/bin/activate && export HF_HUB_OFFLINE=1
arm=${1:?usage: configs/small-draft-warm3.sh canonical|control [filedesc train args]}; shift
case $arm in
  canonical) data=data/ds400c; out=runs/warm3-canonical ;;
  control) data=data/ds400; out=runs/warm3-control ;;
  *) echo "arm must be canonical or control" >&2; exit 2 ;;
esac
exec filedesc train --base runs/warm1/model --data $data --out $out --config configs/small-draft-warm3.json "$@"
