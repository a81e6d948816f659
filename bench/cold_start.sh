#!/usr/bin/env bash
# Where the time of a cold `stance score article.txt` goes, beside its floor.
#   bench/cold_start.sh [RUNS]     RUNS: runs per command, default 20; prints a markdown table
# Each row: median wall ms of RUNS fresh processes (a shell loop) and mean CPU ms (perf stat
# task-clock, when perf is allowed). The page cache is warm: "cold" means a fresh process.
# Environment: SCRATCH (swift build scratch path, default .build), STANCE_SHARED (default ../shared),
#   STANCE_BIN: a stance binary to measure instead of building this tree's (e.g. an older build).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
scratch=${SCRATCH:-.build}
shared=${STANCE_SHARED:-$PWD/../shared}
mkdir -p bench/out
if [ -n "${STANCE_BIN:-}" ]; then
  bin=$STANCE_BIN
else
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product stance >&2
  bin=$scratch/release/stance
fi
floor=bench/out/coldfloor
swiftc -O -static-stdlib bench/ColdFloor/main.swift -o "$floor" >&2
model=models/stance.model
article=$shared/seeds/000_f8900c7a312aac4d.txt

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
row() {  # label, command... -> "| label | median wall ms | mean CPU ms |"
  local label=$1
  shift
  "$@" > /dev/null  # warm the page cache
  local wall cpu="-"
  wall=$(for _ in $(seq "$runs"); do
    s=$(date +%s%N)
    "$@" > /dev/null
    e=$(date +%s%N)
    echo "($e - $s) / 1000000" | bc -l
  done | median)
  if perf stat -r "$runs" -x, -e task-clock "$@" > /dev/null 2> bench/out/cold-perf.txt; then
    cpu=$(awk -F, '/task-clock/ {printf "%.1f", $1}' bench/out/cold-perf.txt)
  fi
  printf '| %s | %.1f | %s |\n' "$label" "$wall" "$cpu"
}
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each."
echo
echo "| command | median wall ms | mean CPU ms |"
echo "|---|---|---|"
row "\`cat\` of the model file ($(stat -c %s "$model") bytes)" cat "$model"
row "Swift program reading the model file (bench/ColdFloor)" "$floor" "$model"
row "\`stance --version\` (process start, no model)" "$bin" --version
row "\`stance score article.txt\`" "$bin" score --model "$model" "$article"
row "\`stance score --sentences --format jsonl article.txt\`" "$bin" score --model "$model" --sentences --format jsonl "$article"
