#!/usr/bin/env bash
# The report's scale check (issue 17): a 100,000-article JSONL from ../shared/corpus must give a
# report under 20 MB in under a minute.
#
#   bench/report_100k.sh [STANCE_BINARY]      (default: .build/release/stance, built if missing)
#
# The input repeats the corpus's 2,845 records (tools/corpus_jsonl.py: outlet and date kept)
# in order until there are 100,000, each with a new id, so that the articles are real news text
# of the corpus's length mix (3.8 kB on average). Prints the input size, the wall time, the peak
# memory and the report's size.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
stance=${1:-.build/release/stance}
if [ ! -x "$stance" ]; then swift build -c release; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tools/corpus_jsonl.py "$shared/corpus" > "$work/corpus.jsonl"
python3 - "$work/corpus.jsonl" 100000 > "$work/100k.jsonl" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
for i in range(int(sys.argv[2])):
    record = dict(records[i % len(records)])
    record["id"] = f"{record['id']}#{i // len(records)}"
    print(json.dumps(record, ensure_ascii=False))
PY
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo "input: $(wc -l < "$work/100k.jsonl") records, $(stat -c %s "$work/100k.jsonl") bytes"
/usr/bin/time -f "wall %e s, cpu %U s user + %S s system, peak memory %M KB" \
  "$stance" report --input jsonl --by outlet --over date -o "$work/100k.html" < "$work/100k.jsonl"
echo "report: $(stat -c %s "$work/100k.html") bytes"
