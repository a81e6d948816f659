# Sourced by bench/score_binaries.sh and bench/train_binaries.sh: what comparing two stance
# builds side by side needs, once. Sourcing it from a script whose arguments are
#   OLD_BINARY NEW_BINARY [THREADS] [RUNS]   (default 2 threads, 3 runs)
# sets old, new, threads and runs, and moves to the repository's root.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -lt 2 ]; then
  echo "usage: $0 OLD_BINARY NEW_BINARY [THREADS] [RUNS]" >&2
  exit 1
fi
old=$1
new=$2
threads=${3:-2}
runs=${4:-3}
mkdir -p bench/out
# "which wall user system" lines of every timed run, one a run.
times=bench/out/$(basename "$0" .sh | tr _ -).txt

# The median of the numbers on standard input, one a line (the mean of the middle two when even).
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# timed WHICH COMMAND...: runs COMMAND under /usr/bin/time and appends "WHICH wall user system" to $times.
timed() {
  local which=$1
  shift
  /usr/bin/time -f "$which %e %U %S" -a -o "$times" "$@"
}

# alternate RUN_ONE: $runs rounds of `RUN_ONE old OLD_BINARY` then `RUN_ONE new NEW_BINARY`, so that
# the shared machine's noise falls on both builds. RUN_ONE runs its command through `timed`.
alternate() {
  local run_one=$1 bin which
  rm -f "$times"
  for _ in $(seq "$runs"); do
    for which in old new; do
      bin=$old
      [ "$which" = new ] && bin=$new
      "$run_one" "$which" "$bin"
    done
  done
}

# median_seconds WHICH wall|cpu: the median wall or CPU (user + system) seconds of WHICH's runs.
median_seconds() {
  case $2 in
    wall) awk -v w="$1" '$1 == w {print $2}' "$times" | median ;;
    cpu) awk -v w="$1" '$1 == w {print $3 + $4}' "$times" | median ;;
  esac
}
