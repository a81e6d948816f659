#!/usr/bin/env bash
# Two stance builds side by side on `stance train labels`, alternating, so that the shared
# machine's noise falls on both: median wall and CPU seconds of a whole training run (reading,
# vectorizing, fitting both stages, the article classifier) without cross-validation.
#   bench/train_binaries.sh OLD_BINARY NEW_BINARY [THREADS] [RUNS]   (default 2 threads, 3 runs)
# Also checks that both write the same model bytes. Writes only under bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
threads=${3:-2}
runs=${4:-3}
mkdir -p bench/out
times=bench/out/train-binaries.txt
rm -f "$times"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for _ in $(seq "$runs"); do
  for which in old new; do
    bin=$old
    [ "$which" = new ] && bin=$new
    /usr/bin/time -f "$which %e %U %S" -a -o "$times" \
      "$bin" train labels -o "bench/out/train-binaries-$which.model" --folds 0 --threads "$threads" > /dev/null 2>&1
  done
done
cmp -s bench/out/train-binaries-old.model bench/out/train-binaries-new.model && same=yes || same=NO
echo "| build | threads | median wall s | median CPU s |"
echo "|---|---|---|---|"
for which in old new; do
  wall=$(awk -v w=$which '$1 == w {print $2}' "$times" | median)
  cpu=$(awk -v w=$which '$1 == w {print $3 + $4}' "$times" | median)
  printf '| %s | %s | %s | %s |\n' "$which" "$threads" "$wall" "$cpu"
done
rm -f "$times"
echo
echo "Same model bytes: $same. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
