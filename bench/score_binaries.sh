#!/usr/bin/env bash
# Two stance builds side by side on the bench stream, alternating, so that the shared machine's
# noise falls on both: median wall and CPU seconds of `stance score --sentences --format jsonl`.
#   bench/score_binaries.sh OLD_BINARY NEW_BINARY [THREADS] [RUNS]   (default 2 threads, 3 runs)
# Also checks that both write the same bytes. Needs bench/out/score-stream-50mb.jsonl (bench/score.sh).
set -euo pipefail
source "$(dirname "$0")/binaries_lib.sh"
stream=bench/out/score-stream-50mb.jsonl
text_mb=$(python3 -c "import json; print(json.load(open('bench/out/score-stream.json'))['text_bytes'] / 1e6)")
score_one() {
  timed "$1" "$2" score --model models/stance.model --sentences --format jsonl --threads "$threads" "$stream" \
    > "bench/out/score-binaries-$1.jsonl" 2> /dev/null
}
alternate score_one
cmp -s bench/out/score-binaries-old.jsonl bench/out/score-binaries-new.jsonl && same=yes || same=NO
echo "| build | threads | median wall s | MB/s | median CPU s | MB per CPU s |"
echo "|---|---|---|---|---|---|"
for which in old new; do
  wall=$(median_seconds "$which" wall)
  cpu=$(median_seconds "$which" cpu)
  printf '| %s | %s | %s | %.1f | %s | %.1f |\n' "$which" "$threads" "$wall" "$(echo "$text_mb / $wall" | bc -l)" \
    "$cpu" "$(echo "$text_mb / $cpu" | bc -l)"
done
rm -f "$times"
echo
echo "Same output bytes: $same. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
