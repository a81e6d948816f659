#!/usr/bin/env bash
# Prints the path of the stance binary that the scripts under tools/ and bench/ measure with: the
# argument when one is given, else the package's .build/release/stance (an absolute path), built
# first (build output on stderr).
#   bin=$(tools/release_binary.sh "${1:-}")
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${1:-}" ]; then
  echo "$1"
else
  swift build -c release --product stance >&2
  echo "$PWD/.build/release/stance"
fi
