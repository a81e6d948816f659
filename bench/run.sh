#!/usr/bin/env bash
# The benchmark entry point: stance beside scikit-learn, LIBLINEAR and fastText, same data, same run.
#   bench/run.sh [TASKS] [REPS]     TASKS default: 20ng,20ng_stripped,babe,ag_news,scale_10k,scale_100k,scale_1000k
# Sets up bench/.venv, builds stance in release mode, writes bench/results/compare.json and
# bench/results/compare.md (tables) and bench/results/scale.png.
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-20ng,20ng_stripped,babe,ag_news,scale_10k,scale_100k,scale_1000k}
reps=${2:-3}
shared=${STANCE_SHARED:-$PWD/../shared}
python=$(bench/venv.sh)
swift build -c release --product stance >&2
data=bench/out/data
mkdir -p "$data" bench/results
STANCE_SHARED=$shared tools/datasets.sh "$data"
[ -f "$data/scale_1000k.train.tsv" ] || "$python" bench/make_scale.py "$shared/corpus" "$data"
"$python" bench/compare.py --stance "$PWD/.build/release/stance" --data "$data" --out bench/results \
  --tasks "$tasks" --reps "$reps"
"$python" bench/report.py bench/results > bench/results/compare.md
cat bench/results/compare.md
