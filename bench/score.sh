#!/usr/bin/env bash
# Scoring benchmark: `stance score` throughput on a large JSONL stream and the cold-process
# time of scoring one article with the default model, scikit-learn beside it.
#   bench/score.sh [MB]          MB: size of the stream's text, default 50
# Environment: SCRATCH (swift build scratch path, default .build), STANCE_SHARED (default ../shared),
#   SKLEARN=0 to skip scikit-learn. Writes bench/out/score-* and bench/results/score.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
scratch=${SCRATCH:-.build}
shared=${STANCE_SHARED:-$PWD/../shared}
out=bench/out
mkdir -p "$out" bench/results
# A statically linked Swift runtime saves the dynamic loader several milliseconds per process.
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product stance >&2
bin=$scratch/release/stance

model=models/stance.model
model_note="the shipped default model (models/stance.model, found next to the binary)"
if [ ! -f "$model" ]; then
  # No shipped model yet: train one from labels/ and point the default lookup at it.
  "$bin" train labels -o "$out/score.model" --folds 0 >&2
  model=$out/score.model
  export STANCE_MODEL=$PWD/$model
  model_note="a model trained from labels/ (\`$model\`, via STANCE_MODEL: no shipped model yet)"
fi
features=$("$bin" inspect --model "$model" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["vocabularySize"])')

stream=$out/score-stream-${mb}mb.jsonl
[ -f "$stream" ] || python3 bench/score_stream.py "$shared/corpus" "$stream" --mb "$mb" > "$out/score-stream.json"
text_bytes=$(python3 -c "import json; print(json.load(open('$out/score-stream.json'))['text_bytes'])")
file_bytes=$(stat -c %s "$stream")
records=$(wc -l < "$stream")

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

throughput() {  # threads -> "median wall seconds, median CPU seconds" of 3 runs
  local t=$1
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$out/score-time.txt" \
      "$bin" score --model "$model" --sentences --format jsonl --threads "$t" "$stream" > "$out/score-out.jsonl"
    cat "$out/score-time.txt"
  done > "$out/score-times.txt"
  echo "$(awk '{print $1}' "$out/score-times.txt" | median) $(awk '{print $2 + $3}' "$out/score-times.txt" | median)"
}
echo "throughput, 2 threads..." >&2
read -r t2 c2 <<< "$(throughput 2)"
echo "throughput, 1 thread..." >&2
read -r t1 c1 <<< "$(throughput 1)"
spans=$(python3 -c "
import json
n = 0
for line in open('$out/score-out.jsonl'):
    n += len(json.loads(line)['spans'])
print(n)")

article=$shared/seeds/000_f8900c7a312aac4d.txt
cold_cmd="$bin score $article"
$cold_cmd > /dev/null  # warm the page cache: "cold" means a fresh process, not a cold disk
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs 20 --export-json "$out/score-cold.json" "$cold_cmd" >&2
  cold_ms=$(python3 -c "import json; print(round(json.load(open('$out/score-cold.json'))['results'][0]['median'] * 1000, 1))")
  cold_tool="hyperfine -N --warmup 3 --runs 20"
else
  cold_ms=$(for _ in $(seq 20); do s=$(now); $cold_cmd > /dev/null; e=$(now); echo "($e - $s) / 1000000" | bc -l; done | median)
  cold_ms=$(printf '%.1f' "$cold_ms")
  cold_tool="a shell loop, 20 runs"
fi
cpu_note=""
if command -v perf > /dev/null && perf stat -r 2 -x, -e task-clock $cold_cmd > /dev/null 2> "$out/score-perf.txt"; then
  perf stat -r 20 -x, -e task-clock $cold_cmd > /dev/null 2> "$out/score-perf.txt"
  cpu_ms=$(awk -F, '/task-clock/ {printf "%.1f", $1}' "$out/score-perf.txt")
  cpu_note="CPU time (perf stat task-clock, mean of 20): $cpu_ms ms."
fi
version_ms=$(for _ in $(seq 20); do s=$(now); "$bin" --version > /dev/null; e=$(now); echo "($e - $s) / 1000000" | bc -l; done | median)

sk_line="| scikit-learn, 1 process | (skipped) | | | | |"
if [ "${SKLEARN:-1}" != 0 ]; then
  python=$(bench/venv.sh)
  unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
  sk=$("$python" bench/score_sklearn.py labels "$stream" --reps 3 --mb 10)
  sk_s=$(echo "$sk" | python3 -c 'import json,sys,statistics; print(round(statistics.median(json.load(sys.stdin)["seconds"]), 2))')
  sk_bytes=$(echo "$sk" | python3 -c 'import json,sys; print(json.load(sys.stdin)["text_bytes"])')
  sk_version=$("$python" -c 'import sklearn; print(sklearn.__version__)')
  sk_mbs=$(echo "scale=2; $sk_bytes / 1000000 / $sk_s" | bc)
  sk_line="| scikit-learn $sk_version, 1 process (first $(echo "scale=1; $sk_bytes / 1000000" | bc) MB; regex sentences, word 1-2 grams, sublinear tf, C 10) | $sk_s | $sk_mbs | | | stance 2 threads is $(echo "scale=1; $text_bytes / 1000000 / $t2 / $sk_mbs" | bc)x faster |"
fi

mbs() { echo "scale=1; $text_bytes / 1000000 / $1" | bc; }
cat > bench/results/score.md <<MD
# stance score: throughput and cold start

Run by \`bench/score.sh $mb\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),
$(uname -sr), stance built with \`swift build -c release --static-swift-stdlib\`.
Model: $model_note, $features features. Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg).

## Throughput: \`stance score --sentences --format jsonl --threads T STREAM > file\`

Stream: $records records from \`../shared/corpus\` (repeated), $(echo "scale=1; $text_bytes / 1000000" | bc) MB of text,
$(echo "scale=1; $file_bytes / 1000000" | bc) MB of JSONL; $spans sentences. Median of 3 runs; MB/s counts text bytes.

| tool | wall seconds | MB/s of text | CPU seconds (user + sys) | MB per CPU second | ratio |
|---|---|---|---|---|---|
| stance, 2 threads | $t2 | $(mbs "$t2") | $c2 | $(mbs "$c2") | |
| stance, 1 thread | $t1 | $(mbs "$t1") | $c1 | $(mbs "$c1") | |
$sk_line

The machine is shared: the load average above counts other jobs competing for the 2 cores, which
stretch wall times; CPU seconds are what the run itself used.

Target: at least 20 MB/s on 2 cores, sentences included.

## Cold process: \`stance score article.txt\` with the default model

Article: \`seeds/000_f8900c7a312aac4d.txt\` (3.6 KB). Median of 20 runs ($cold_tool): **$cold_ms ms**.
$cpu_note For reference, \`stance --version\` (process start, no model): $(printf '%.1f' "$version_ms") ms wall.

Target: under 50 ms.
MD
cat bench/results/score.md
