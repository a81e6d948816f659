"""Builds labels/boilerplate.jsonl from a reader's span-by-span marks of real pages.

  python3 tools/boilerplate_pages.py audit/boilerplate_*.tsv --pages DIR [--out labels/boilerplate.jsonl]

Each marks file is the reading sheet a reader filled (`label<TAB>page<TAB>span<TAB>outlet<TAB>text`, label
`boilerplate` or `prose`, spans as the sentence splitter cut the page); DIR holds the `*_pages.jsonl` the
sheets were made from (id, outlet, text, spans as [start, end] byte offsets). The output has one page a line:
{"id", "outlet", "text", "boilerplate": [[start, end], ...]}, the byte ranges of the spans marked
boilerplate, which is what `stance train` reads. Standard library only; it decides nothing: it copies marks.
"""

import argparse
import csv
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("marks", nargs="+")
    ap.add_argument("--pages", required=True)
    ap.add_argument("--out", default=os.path.join(ROOT, "labels", "boilerplate.jsonl"))
    args = ap.parse_args()
    pages = {}
    for path in sorted(glob.glob(os.path.join(args.pages, "*_pages.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                p = json.loads(line)
                pages[p["id"]] = p
    marks = {}
    for path in args.marks:
        with open(path, encoding="utf-8") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(rows)
            for n, row in enumerate(rows, start=2):
                label, page, span = row[0], row[1], int(row[2])
                if label not in ("boilerplate", "prose"):
                    sys.exit(f"{path}:{n}: label must be boilerplate or prose, got {label!r}")
                marks.setdefault(page, {})[span] = label
    with open(args.out, "w", encoding="utf-8") as out:
        for pid in sorted(marks):
            p = pages[pid]
            spans = p["spans"]
            if len(marks[pid]) != len(spans):
                sys.exit(f"{pid}: {len(marks[pid])} marks for {len(spans)} spans")
            ranges = [spans[i] for i in sorted(marks[pid]) if marks[pid][i] == "boilerplate"]
            out.write(json.dumps({"id": pid, "outlet": p["outlet"], "text": p["text"], "boilerplate": ranges},
                                 ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(marks)} pages written to {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
