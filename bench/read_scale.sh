#!/usr/bin/env bash
# Time and memory of reading a labels table alone: `stance train FILE --keep-duplicates` stopped right
# after reading by an output path that holds no model (builds before stop 16 also hash the data
# there; this build hashes only when a model is there to compare). One line per binary and file:
#   bench/read_scale.sh BINARY FILE...   e.g. bench/read_scale.sh .build/release/stance DIR/scale_*.train.tsv
# Prints wall, user and system seconds and the peak RSS (KB) from /usr/bin/time. Writes only a
# temporary file.
set -euo pipefail
bin=$1
shift
junk=$(mktemp)
echo "not a model" > "$junk"
for f in "$@"; do
  /usr/bin/time -f "$(basename "$bin") $(basename "$f") %e s wall %U user %S sys %M KB" \
    "$bin" train "$f" -o "$junk" --format json --keep-duplicates --folds 0 --context-folds 0 2>&1 |
    grep -v "not a model\|exited with" || true
done
rm -f "$junk"
