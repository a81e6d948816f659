#!/usr/bin/env bash
# Where `stance score` spends its time: perf profiles of the scoring hot path and of a cold start.
#   bench/profile_score.sh [MB]    MB: size of the slice of the bench stream to score, default 5
# Needs perf (Debian: linux-perf) and the stream of bench/score.sh (bench/out/score-stream-50mb.jsonl).
# Prints two markdown tables (bench/profile_categories.py): 1 thread of
# `stance score --sentences --format jsonl` on the slice, and 20 cold `stance score article.txt`.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-5}
scratch=${SCRATCH:-.build}
shared=${STANCE_SHARED:-$PWD/../shared}
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product stance >&2
bin=$PWD/$scratch/release/stance
model=$PWD/models/stance.model
stream=bench/out/score-stream-50mb.jsonl
[ -f "$stream" ] || { echo "run bench/score.sh first: it writes $stream" >&2; exit 1; }
slice=bench/out/profile-slice.jsonl
head -c $((mb * 1000000)) "$stream" | head -n -1 > "$slice"  # whole records only
article=$shared/seeds/000_f8900c7a312aac4d.txt

perf record -F 2000 -g -o bench/out/profile-hot.data \
  "$bin" score --model "$model" --sentences --format jsonl --threads 1 "$slice" > /dev/null 2> /dev/null
echo "Hot path: \`stance score --sentences --format jsonl --threads 1\` on $(stat -c %s "$slice") bytes of the bench stream (self time):"
echo
perf script -i bench/out/profile-hot.data 2> /dev/null | python3 bench/profile_categories.py hot
echo
perf record -F 25000 -g -o bench/out/profile-cold.data -- \
  sh -c "for i in \$(seq 20); do '$bin' score --model '$model' '$article' > /dev/null; done" > /dev/null 2>&1
echo "Cold start: 20 runs of \`stance score article.txt\` (by phase, children included):"
echo
perf script -i bench/out/profile-cold.data --comm stance 2> /dev/null | python3 bench/profile_categories.py cold
