#!/usr/bin/env bash
# Fit benchmark: stance's LogisticRegression.fit beside scikit-learn's LogisticRegression(lbfgs)
# on the same 20 Newsgroups TF-IDF matrix (word 1-2 grams, min_df 2, sublinear tf, sklearn's
# token pattern; vectorized once by scikit-learn, dumped to bench/out/, so both fit identical X).
#   bench/fit.sh [RUNS] [C] [THREADS] [TOL]   defaults: 3 runs, C 10, 2 threads, tol 1e-4
# TOL is passed to both tools (the same stopping rule: largest absolute gradient entry of the averaged
# loss); at the default both stop short of the optimum at different points, so the objective is
# compared at a tight TOL too (bench/results/fit-tol1e-6.md).
# Each run alternates: stance with Debian's reference BLAS, scikit-learn, stance with OpenBLAS
# (chosen per process with LD_LIBRARY_PATH; system alternatives untouched). Every process runs
# under /usr/bin/time -v for its peak RSS. Writes bench/results/fit.json and bench/results/fit.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
c=${2:-10}
threads=${3:-2}
tol=${4:-1e-4}
shared=${STANCE_SHARED:-$PWD/../shared}
python=$(bench/venv.sh)
out=bench/out/fit
mkdir -p "$out" bench/results
if [ ! -f bench/out/20ng_train.bin ]; then
  (unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE; "$python" bench/fit_dump.py "$shared/data" bench/out)
fi
swift build -c release --package-path bench/fitbench >&2
fitbench=$(swift build -c release --package-path bench/fitbench --show-bin-path)/fitbench
train=bench/out/20ng_train.bin
test=bench/out/20ng_test.bin
reference=/usr/lib/x86_64-linux-gnu/blas
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread

measure() {  # NAME COMMAND...: appends {"name":..., "rss_kb":..., result fields} to the log
  local name=$1
  shift
  /usr/bin/time -v -o "$out/time.txt" "$@" > "$out/result.json"
  local rss load
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
  load=$(cut -d' ' -f1 /proc/loadavg)
  "$python" -c 'import json,sys; r=json.load(open(sys.argv[1])); r.update(name=sys.argv[2], rss_kb=int(sys.argv[3]), load=float(sys.argv[4])); print(json.dumps(r))' \
    "$out/result.json" "$name" "$rss" "$load" >> "$out/runs.jsonl"
  tail -1 "$out/runs.jsonl" >&2
}

: > "$out/runs.jsonl"
for run in $(seq "$runs"); do
  echo "run $run of $runs" >&2
  measure "stance (reference BLAS)" env LD_LIBRARY_PATH=$reference "$fitbench" "$train" "$test" "$c" "$threads" 1000 "$tol"
  measure "scikit-learn" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" bench/fit_sklearn.py "$train" "$test" "$c" 1000 "$tol"
  measure "stance (OpenBLAS)" env LD_LIBRARY_PATH=$openblas "$fitbench" "$train" "$test" "$c" "$threads" 1000 "$tol"
done
name=fit
[ "$tol" = 1e-4 ] || name=fit-tol$tol
"$python" bench/fit_report.py "$out/runs.jsonl" "$c" "$threads" "bench/results/$name.json" "$tol" \
  "bench/fit.sh $runs $c $threads $tol" > "bench/results/$name.md"
cat "bench/results/$name.md"
