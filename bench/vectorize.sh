#!/usr/bin/env bash
# Vectorizing benchmark: stance's Features (bench/VectorizeBench, release build) beside
# scikit-learn's TfidfVectorizer on 20 Newsgroups train, 5 alternating runs each.
#   bench/vectorize.sh [RUNS] [THREADS]
# Writes bench/results/vectorize.md and bench/results/vectorize.json.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
threads=${2:-2}
shared=${STANCE_SHARED:-$PWD/../shared}
python=$(bench/venv.sh)
# Drop the cached build plan: a path dependency's new source files are otherwise not picked up.
rm -f bench/VectorizeBench/.build/release.yaml bench/VectorizeBench/.build/release/description.json
(cd bench/VectorizeBench && swift build -c release >&2)
mkdir -p bench/results
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
"$python" bench/vectorize_compare.py --swift bench/VectorizeBench/.build/release/VectorizeBench \
  --data "$shared/data/20newsgroups/train.tsv" --runs "$runs" --threads "$threads" \
  --out bench/results/vectorize --command "bench/vectorize.sh $runs $threads"
