#!/usr/bin/env python3
"""Writes N JSONL records for Spark checks and benchmarks by repeating a corpus JSONL file.

    python3 tools/corpus_jsonl.py ../shared/corpus > corpus.jsonl
    python3 tools/spark/make_records.py corpus.jsonl 20000 > records.jsonl

Record i is the corpus's record i mod M (M records), every member kept, with the id
"<its id>~<i // M>" so that every id is unique; the texts repeat. Standard library only.
"""
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_records.py CORPUS.jsonl N > records.jsonl")
    path, wanted = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    if not records:
        sys.exit(f"make_records.py: {path} holds no records")
    out = sys.stdout
    for i in range(wanted):
        record = dict(records[i % len(records)])
        record["id"] = f"{record['id']}~{i // len(records)}"
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
