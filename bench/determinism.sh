#!/usr/bin/env bash
# Determinism check for bench/RESULTS.md: trains labels/ with 1 and with 2 threads (release build)
# and compares both model files byte for byte with each other and with models/stance.model.
#   bench/determinism.sh [STANCE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(tools/release_binary.sh "${1:-}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" train labels -o "$out/one.model" --threads 1 --format json > /dev/null
"$bin" train labels -o "$out/two.model" --threads 2 --format json > /dev/null
status=0
for pair in "one.model two.model" "one.model shipped"; do
  set -- $pair
  b=$out/$2
  [ "$2" = shipped ] && b=models/stance.model
  if cmp -s "$out/$1" "$b"; then
    echo "identical: $1 and $2 ($(wc -c < "$b") bytes, sha256 $(sha256sum "$b" | cut -c1-16))"
  else
    echo "DIFFERENT: $1 and $2"
    status=1
  fi
done
exit $status
