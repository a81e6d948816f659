#!/usr/bin/env bash
# Two stance builds side by side on the bench stream, alternating, so that the shared machine's
# noise falls on both: median wall and CPU seconds of `stance score --sentences --format jsonl`.
#   bench/score_binaries.sh OLD_BINARY NEW_BINARY [THREADS] [RUNS]   (default 2 threads, 3 runs)
# Also checks that both write the same bytes. Needs bench/out/score-stream-50mb.jsonl (bench/score.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
threads=${3:-2}
runs=${4:-3}
stream=bench/out/score-stream-50mb.jsonl
text_mb=$(python3 -c "import json; print(json.load(open('bench/out/score-stream.json'))['text_bytes'] / 1e6)")
rm -f bench/out/score-binaries.txt
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for _ in $(seq "$runs"); do
  for which in old new; do
    bin=$old
    [ "$which" = new ] && bin=$new
    /usr/bin/time -f "$which %e %U %S" -a -o bench/out/score-binaries.txt \
      "$bin" score --model models/stance.model --sentences --format jsonl --threads "$threads" "$stream" \
      > "bench/out/score-binaries-$which.jsonl" 2> /dev/null
  done
done
cmp -s bench/out/score-binaries-old.jsonl bench/out/score-binaries-new.jsonl && same=yes || same=NO
echo "| build | threads | median wall s | MB/s | median CPU s | MB per CPU s |"
echo "|---|---|---|---|---|---|"
for which in old new; do
  wall=$(awk -v w=$which '$1 == w {print $2}' bench/out/score-binaries.txt | median)
  cpu=$(awk -v w=$which '$1 == w {print $3 + $4}' bench/out/score-binaries.txt | median)
  printf '| %s | %s | %s | %.1f | %s | %.1f |\n' "$which" "$threads" "$wall" "$(echo "$text_mb / $wall" | bc -l)" \
    "$cpu" "$(echo "$text_mb / $cpu" | bc -l)"
done
rm -f bench/out/score-binaries.txt
echo
echo "Same output bytes: $same. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
