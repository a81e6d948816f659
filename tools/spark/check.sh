#!/usr/bin/env bash
# Checks that tools/spark/score.py gives what one `stance score` process gives:
#   20,000 records (tools/spark/make_records.py over ../shared/corpus) scored once by one process
#   and three times on Spark: local[*] as by default; 7 partitions; and on a master that retries
#   (local[2,4]) with partition 0's first attempt killed after 100 records, so that a retried task
#   must leave no duplicates. Each Spark output is compared with the one process's by id and
#   scores (exactly: same ids, once each, same label and scores as written) and as bytes.
# Usage: tools/spark/check.sh [STANCE_BIN]     (default: stance on PATH; tools/spark/setup.sh first)
# Environment: N (records, default 20000), WORK (scratch folder, default a new one under /tmp).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
stance=${1:-$(command -v stance || true)}
[ -x "$stance" ] || { echo "check: no stance binary (give one: tools/spark/check.sh PATH)" >&2; exit 1; }
python=$here/.venv/bin/python
[ -x "$python" ] || { echo "check: run tools/spark/setup.sh first" >&2; exit 1; }
n=${N:-20000}
work=${WORK:-$(mktemp -d /tmp/stance-spark-check.XXXXXX)}
mkdir -p "$work"

python3 "$repo/tools/corpus_jsonl.py" "$repo/../shared/corpus" > "$work/corpus.jsonl" 2>/dev/null
python3 "$here/make_records.py" "$work/corpus.jsonl" "$n" > "$work/records.jsonl"
echo "check: $n records in $work/records.jsonl" >&2

"$stance" score --input jsonl --format jsonl "$work/records.jsonl" > "$work/one.jsonl" 2>/dev/null

compare() {  # compare NAME OUTPUT_DIR
  "$python" - "$work/one.jsonl" "$2" "$1" <<'PY'
import glob, json, sys
one_path, out_dir, name = sys.argv[1:]
def keyed(lines, where):
    seen = {}
    for line in lines:
        record = json.loads(line)
        key = json.dumps(record["id"])
        if key in seen:
            sys.exit(f"check {name}: id {key} comes out twice ({where})")
        # Scores compared as written (the shortest text that reads back as the same float).
        seen[key] = (record["label"], json.dumps(record["scores"], sort_keys=True), record.get("outlet"), record.get("date"))
    return seen
with open(one_path, encoding="utf-8") as f:
    one_lines = f.read().splitlines()
parts = sorted(glob.glob(f"{out_dir}/part-*"))
spark_lines = []
for part in parts:
    with open(part, encoding="utf-8") as f:
        spark_lines += f.read().splitlines()
one, spark = keyed(one_lines, "one process"), keyed(spark_lines, "Spark")
missing = one.keys() - spark.keys()
extra = spark.keys() - one.keys()
differ = [k for k in one.keys() & spark.keys() if one[k] != spark[k]]
if missing or extra or differ:
    sys.exit(f"check {name}: {len(missing)} ids missing, {len(extra)} extra, {len(differ)} with other scores"
             f" (first: {(sorted(missing) + sorted(extra) + differ)[:3]})")
if spark_lines != one_lines:
    sys.exit(f"check {name}: same ids and scores, but the lines differ (order or other members)")
print(f"check {name}: {len(spark)} records in {len(parts)} part files, equal to one process by id and scores, and byte for byte")
PY
}

run() {  # run NAME [score.py options...]
  local name=$1; shift
  rm -rf "$work/out-$name"
  "$python" "$here/score.py" --stance "$stance" "$@" "$work/records.jsonl" "$work/out-$name" 2>"$work/spark-$name.log" ||
    { tail -5 "$work/spark-$name.log" >&2; echo "check $name: score.py failed (log: $work/spark-$name.log)" >&2; exit 1; }
  [ -f "$work/out-$name/_SUCCESS" ] || { echo "check $name: no _SUCCESS in the output" >&2; exit 1; }
  compare "$name" "$work/out-$name"
}

run default
run partitions-7 --partitions 7
run retried --master 'local[2,4]' --partitions 3 --fail-first-attempt
grep -q "stopped on purpose" "$work/spark-retried.log" ||
  { echo "check retried: the first attempt did not fail, so nothing was retried" >&2; exit 1; }
echo "check: retried: partition 0 failed once after 100 records and was run again" >&2
[ -n "${WORK:-}" ] || rm -rf "$work"
echo "check: 3 passed, 0 failed"
