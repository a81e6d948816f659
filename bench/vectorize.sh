#!/usr/bin/env bash
# Vectorizing benchmark: stance's Features (bench/VectorizeBench, release build) beside
# scikit-learn's TfidfVectorizer on 20 Newsgroups train, 5 alternating runs each.
#   [VECTORIZE_SCRATCH=DIR] bench/vectorize.sh [RUNS] [THREADS]
# Writes bench/results/vectorize.md and bench/results/vectorize.json.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
threads=${2:-2}
shared=${STANCE_SHARED:-$PWD/../shared}
python=$(bench/venv.sh)
# VECTORIZE_SCRATCH=DIR builds into DIR (a helper's own scratch path) instead of the package's .build.
scratch=${VECTORIZE_SCRATCH:-$PWD/bench/VectorizeBench/.build}
# Drop the cached build plan: a path dependency's new source files are otherwise not picked up.
rm -f "$scratch/release.yaml" "$scratch/release/description.json"
swift build -c release --package-path bench/VectorizeBench --scratch-path "$scratch" >&2
mkdir -p bench/results
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
"$python" bench/vectorize_compare.py --swift "$scratch/release/VectorizeBench" \
  --data "$shared/data/20newsgroups/train.tsv" --runs "$runs" --threads "$threads" \
  --out bench/results/vectorize --command "bench/vectorize.sh $runs $threads"
