#!/usr/bin/env bash
# Peak memory and time of `stance train` on a scale table (bench/make_scale.py's *.train.tsv) with
# two builds, alternating, so that a shared machine's noise falls on both; then checks that both
# wrote the same model bytes. Settings are the scale series' (word 1-2 grams, min_df 2, sgd).
#   bench/train_peak.sh OLD_BINARY NEW_BINARY FILE [RUNS]     (default 3 runs each)
# OLD_BINARY "-" runs the new build alone (no bytes check), e.g. at 10M rows where one run takes minutes.
# One line a run: build, wall s, user s, system s, peak RSS MB (/usr/bin/time's maximum resident set).
# With SAMPLES=DIR, also writes DIR/{old,new}-N.rss: seconds since start and VmRSS (KB) every 0.1 s.
# Writes its models to a temporary folder, removed at the end.
set -euo pipefail
old=$1
new=$2
file=$3
runs=${4:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run_one() {
  local which=$1 bin=$2 n=$3
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$bin" train "$file" -o "$out/$which.model" --format json \
    --solver sgd --keep-duplicates --folds 0 --context-folds 0 --word-ngrams 1-2 --char-ngrams off --min-df 2 \
    --sublinear-tf --c 10 --class-weight none --tokenizer scikit-learn > /dev/null &
  local timer=$!
  if [ -n "${SAMPLES:-}" ]; then
    mkdir -p "$SAMPLES"
    local pid="" start
    start=$(date +%s.%N)
    while [ -z "$pid" ] && kill -0 "$timer" 2> /dev/null; do pid=$(pgrep -P "$timer" || true); done
    while [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; do
      awk -v t="$(date +%s.%N)" -v s="$start" '/VmRSS/ {printf "%.2f %s\n", t - s, $2}' "/proc/$pid/status" \
        2> /dev/null || true
      sleep 0.1
    done > "$SAMPLES/$which-$n.rss"
  fi
  wait "$timer"
  read -r wall user system kb < <(tail -1 "$out/time")
  printf '%s %s %s %s %d\n' "$which" "$wall" "$user" "$system" $((kb / 1024))
}
echo "build wall_s user_s system_s peak_MB"
for n in $(seq "$runs"); do
  [ "$old" = - ] || run_one old "$old" "$n"
  run_one new "$new" "$n"
done
[ "$old" = - ] && exit 0
cmp -s "$out/old.model" "$out/new.model" && same=yes || same=NO
echo "Same model bytes: $same. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
