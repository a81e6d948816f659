#!/usr/bin/env bash
# Scoring throughput of several models side by side: alternating runs of
# `stance score --sentences --format jsonl --threads T` over one stream, so that every model sees the
# same machine phases (wall times here swing +-20% with the host); prints medians as Markdown.
#   bench/score_models.sh [REPS] [THREADS] MODEL...      (stream: bench/out/score-stream-20mb.jsonl,
#                                                         built by bench/score.sh 20)
# Environment: SCRATCH (swift build scratch path, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:?usage: bench/score_models.sh REPS THREADS MODEL...}
threads=${2:?usage: bench/score_models.sh REPS THREADS MODEL...}
shift 2
[ $# -ge 1 ] || { echo "usage: bench/score_models.sh REPS THREADS MODEL..." >&2; exit 2; }
scratch=${SCRATCH:-.build}
stream=bench/out/score-stream-20mb.jsonl
[ -f "$stream" ] || { echo "score_models: $stream missing: run bench/score.sh 20 first" >&2; exit 1; }
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product stance >&2
bin=$scratch/release/stance
text_mb=$(python3 -c "import json; print(sum(len(json.loads(l)['text'].encode()) for l in open('$stream')) / 1e6)")
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$reps"); do
  for m in "$@"; do
    /usr/bin/time -f "$m %e %U %S" -a -o "$times" "$bin" score --model "$m" --sentences --format jsonl \
      --threads "$threads" "$stream" > /dev/null
  done
done
echo "Stream: $stream ($text_mb MB of text), $threads thread(s), $reps alternating runs per model; load $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| model | median wall s | MB/s of text | median CPU s |"
echo "|---|---|---|---|"
for m in "$@"; do
  python3 - "$m" "$text_mb" "$times" <<'PY'
import statistics, sys
model, mb, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [l.split() for l in open(path) if l.split()[0] == model]
wall = statistics.median(float(r[1]) for r in rows)
cpu = statistics.median(float(r[2]) + float(r[3]) for r in rows)
print(f"| {model} | {wall:.2f} | {mb / wall:.1f} | {cpu:.2f} |")
PY
done
