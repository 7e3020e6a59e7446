#!/bin/sh
# The pretraining experiment (issue 15, "Done when"): tiny ActBERT pretrained on CPU on a few
# hundred synthetic narrated videos; reports the four losses early vs late, and masked-word
# accuracy on verbs and objects of held-out videos for the pretrained model vs its random
# initialisation, each with the visual streams and with them removed.
# Usage: bench/train/pretrain_experiment.sh BUILD_DIR WORK_DIR [TRAIN_VIDEOS] [STEPS]
# (BUILD_DIR holds app/cli/actbert and bench/train/pretrain_eval; WORK_DIR is created.)
set -eu
build=$1
work=$2
videos=${3:-200}
steps=${4:-600}
actbert="$build/app/cli/actbert"
eval_tool="$build/bench/train/pretrain_eval"
mkdir -p "$work"
[ -d "$work/train" ] || "$actbert" synth --videos "$videos" --seed 1 --size 64x48 --fps 8 \
    --difficulty 0.2 --out "$work/train" >/dev/null
[ -d "$work/heldout" ] || "$actbert" synth --videos 40 --seed 2 --size 64x48 --fps 8 \
    --difficulty 0.2 --out "$work/heldout" >/dev/null
"$actbert" backbone init --arch tiny --seed 0 --out "$work/action.pt" >/dev/null
"$actbert" backbone init --arch region-tiny --seed 0 --out "$work/region.pt" >/dev/null
start=$(date +%s)
"$actbert" pretrain --data "$work/train" --out "$work/run" --config tiny \
    --actions "$work/action.pt" --regions-net "$work/region.pt" --features "$work/features" \
    --steps "$steps" --batch-size 16 --lr 0.002 --seed 1 --threads 2 --checkpoint-every 0 \
    --progress json >"$work/progress.jsonl"
echo "pretraining: $(( $(date +%s) - start )) s (features included)"
python3 - "$work/run/metrics.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n = max(1, len(rows) // 10)
keys = ["loss", "loss_mlm", "loss_action", "loss_region", "loss_match",
        "mlm_accuracy", "action_accuracy", "match_accuracy"]
def mean(part, k): return sum(r[k] for r in part) / len(part)
print("metric           first %d steps  last %d steps" % (n, n))
for k in keys:
    print("%-16s %14.4f %14.4f" % (k, mean(rows[:n], k), mean(rows[-n:], k)))
print("loader wait per step (last steps): %.4f s" % mean(rows[-n:], "loader_wait_s"))
PY
common="--run $work/run --data $work/heldout --actions $work/action.pt --regions-net $work/region.pt --features $work/features"
echo "held-out masked-word accuracy (pretrained):"
"$eval_tool" $common
echo "held-out masked-word accuracy (random initialisation):"
"$eval_tool" $common --random-init
