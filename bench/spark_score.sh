#!/usr/bin/env bash
# Spark scoring benchmark: N records (tools/spark/make_records.py over ../shared/corpus) scored by
# one `stance score` process and by tools/spark/score.py in Spark local mode on the same machine,
# the outputs checked equal (concatenated part files against the one process's output, byte for
# byte); plus Spark's fixed cost, measured on 10 records. Prints a Markdown table on stdout.
#   bench/spark_score.sh [N] [STANCE_BIN]    N default 1000000; STANCE_BIN default stance on PATH
# Environment: WORK (scratch folder for the records and outputs, default /tmp/stance-spark-bench;
#   never inside the repo: 1M records are 3.5 GB), MASTER (default local[*]).
# Needs tools/spark/setup.sh first and a stance without toolchain libraries (tools/install.sh PREFIX).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
stance=${2:-$(command -v stance || true)}
[ -x "$stance" ] || { echo "spark_score: no stance binary; give one: bench/spark_score.sh N PATH" >&2; exit 1; }
python=tools/spark/.venv/bin/python
[ -x "$python" ] || { echo "spark_score: run tools/spark/setup.sh first" >&2; exit 1; }
work=${WORK:-/tmp/stance-spark-bench}
master=${MASTER:-local[*]}
mkdir -p "$work"

[ -s "$work/corpus.jsonl" ] || python3 tools/corpus_jsonl.py ../shared/corpus > "$work/corpus.jsonl" 2>/dev/null
records=$work/records-$n.jsonl
[ -s "$records" ] || python3 tools/spark/make_records.py "$work/corpus.jsonl" "$n" > "$records"
head -10 "$records" > "$work/records-10.jsonl"

timed() {  # timed NAME STDOUT STDERR command... : runs it, prints "wall_s cpu_s load" (load: 1-min average before)
  local name=$1 out=$2 err=$3; shift 3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S" -o "$work/time-$name" "$@" > "$out" 2> "$err" ||
    { tail -5 "$err" >&2; echo "spark_score: $name failed (log: $err)" >&2; exit 1; }
  awk -v load="$load" '{ printf "%.1f %.1f %s\n", $1, $2 + $3, load }' "$work/time-$name"
}

rm -rf "$work/out-spark" "$work/out-small"
small=$(timed small /dev/null "$work/spark-small.log" "$python" tools/spark/score.py --master "$master" \
  --stance "$stance" "$work/records-10.jsonl" "$work/out-small")
model_load=$(timed load /dev/null /dev/null "$stance" score --input jsonl --format jsonl "$work/records-10.jsonl")
one=$(timed one "$work/one.jsonl" "$work/one.log" "$stance" score --input jsonl --format jsonl "$records")
spark=$(timed spark /dev/null "$work/spark.log" "$python" tools/spark/score.py --master "$master" \
  --stance "$stance" "$records" "$work/out-spark")
read -r small_wall _ _ <<< "$small"
read -r load_wall _ _ <<< "$model_load"
read -r one_wall one_cpu one_load <<< "$one"
read -r spark_wall _ spark_load <<< "$spark"
parts=$(ls "$work/out-spark" | grep -c '^part-')
cat "$work"/out-spark/part-* | cmp -s - "$work/one.jsonl" ||
  { echo "spark_score: Spark's output differs from one process's" >&2; exit 1; }

mb=$(( $(stat -c %s "$records") / 1000000 ))
cat <<TABLE
| run ($n records, $mb MB of JSONL, $(nproc) cores) | load before | wall s | records/s |
|---|---:|---:|---:|
| one \`stance score\` process (all cores; $one_cpu CPU s) | $one_load | $one_wall | $(awk -v n="$n" -v s="$one_wall" 'BEGIN { printf "%.0f", n / s }') |
| \`tools/spark/score.py\`, $master, $parts partitions | $spark_load | $spark_wall | $(awk -v n="$n" -v s="$spark_wall" 'BEGIN { printf "%.0f", n / s }') |
| \`tools/spark/score.py\` on 10 records (Spark's fixed cost) | | $small_wall | |
| one \`stance score\` process on 10 records (loading the model) | | $load_wall | |

Spark's overhead: $(awk -v a="$spark_wall" -v b="$one_wall" 'BEGIN { printf "%+.1f s (%+.0f%%)", a - b, 100 * (a - b) / b }') on the whole run; outputs equal byte for byte.
TABLE
