#!/usr/bin/env bash
# PortableMath's exp, log and pow against Foundation's (glibc's libm) on a million inputs each:
# median CPU ns per call (thread CPU time) of RUNS runs (default 7). Builds bench/PortableMathBench/main.swift with
# Sources/Features/PortableMath*.swift into bench/out/ (swiftc -O, whole module, so both sides
# are called the same way: PortableMath as a Swift function, Foundation through libm).
#   bench/portable_math.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
swiftc -O -wmo -package-name stance -module-name PortableMathBench \
  Sources/Features/PortableMath.swift "Sources/Features/PortableMath+Tables.swift" \
  bench/PortableMathBench/main.swift -o bench/out/portable-math-bench
bench/out/portable-math-bench "${1:-7}"
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
