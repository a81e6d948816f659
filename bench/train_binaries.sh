#!/usr/bin/env bash
# Two stance builds side by side on `stance train labels`, alternating, so that the shared
# machine's noise falls on both: median wall and CPU seconds of a whole training run (reading,
# vectorizing, fitting both stages, the article classifier) without cross-validation.
#   bench/train_binaries.sh OLD_BINARY NEW_BINARY [THREADS] [RUNS]   (default 2 threads, 3 runs)
# Also checks that both write the same model bytes. Writes only under bench/out/.
set -euo pipefail
source "$(dirname "$0")/binaries_lib.sh"
train_one() {
  timed "$1" "$2" train labels -o "bench/out/train-binaries-$1.model" --folds 0 --threads "$threads" > /dev/null 2>&1
}
alternate train_one
cmp -s bench/out/train-binaries-old.model bench/out/train-binaries-new.model && same=yes || same=NO
echo "| build | threads | median wall s | median CPU s |"
echo "|---|---|---|---|"
for which in old new; do
  printf '| %s | %s | %s | %s |\n' "$which" "$threads" "$(median_seconds "$which" wall)" "$(median_seconds "$which" cpu)"
done
rm -f "$times"
echo
echo "Same model bytes: $same. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
