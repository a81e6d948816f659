#!/usr/bin/env bash
# Vectorizing benchmark: stance's Features (bench/VectorizeBench, release build) beside scikit-learn
# on 20 Newsgroups train, RUNS alternating runs each (bench/vectorize_compare.py says what is timed).
#   [VECTORIZE_SCRATCH=DIR] bench/vectorize.sh [RUNS] [THREADS] [FEATURES]
# FEATURES: default (the product's: word 1-2 and character 2-5 grams, as `stance train` runs them;
# writes bench/results/vectorize.md and .json) or word (word 1-2 grams with scikit-learn's tokens, the
# first benchmark; writes bench/results/vectorize-word.md and .json).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
threads=${2:-2}
features=${3:-default}
case $features in
  default) out=bench/results/vectorize ;;
  word) out=bench/results/vectorize-word ;;
  *) echo "bench/vectorize.sh: FEATURES is default or word, not $features" >&2; exit 1 ;;
esac
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
  --data "$shared/data/20newsgroups/train.tsv" --runs "$runs" --threads "$threads" --features "$features" \
  --out "$out" --command "bench/vectorize.sh $runs $threads $features"
