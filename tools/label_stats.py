"""Counts labels/*.tsv by source folder (the table of docs/model-card.md), or by labels file.

  python3 tools/label_stats.py [--shared ../shared] [--by-file]

Each row's source id is looked up in the corpus folders of the shared data (every articles.jsonl /
passages.jsonl record's "id"); ids starting "seed-" are the seed articles. Prints a markdown table:
sentences, share of all sentences, articles, and the count of each label per folder. Standard library only.
"""

import argparse
import collections
import glob
import json
import os

from labels_io import ROOT, read_label_rows

def folders_by_id(shared):
    owner = {}
    for path in glob.glob(os.path.join(shared, "corpus", "*", "*.jsonl")):
        folder = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if "id" in record and "text" in record:
                    owner[record["id"]] = folder
    return owner


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--by-file", action="store_true",
                        help="one row per labels file (a labelling round's files) instead of per folder")
    args = parser.parse_args()
    owner = folders_by_id(args.shared)
    rows = []
    for row in read_label_rows():
        label, source, name = row.label, row.group, os.path.basename(row.file)
        # "ID#part" names a part of article ID kept as its own source (labels/offtopic_6.tsv).
        folder = "seeds" if source.startswith("seed-") else owner.get(source.split("#")[0])
        if folder is None:
            raise SystemExit(f"labels/{name}: source {source} is in no corpus folder")
        rows.append((name if args.by_file else folder, label, source))
    labels = sorted({r[1] for r in rows})
    total = len(rows)
    print(f"| {'labels file' if args.by_file else 'source folder'} | sentences | share | articles | " + " | ".join(labels) + " |")
    print("|---|---|---|---|" + "---|" * len(labels))
    for folder in sorted({r[0] for r in rows}) + [None]:
        mine = [r for r in rows if folder is None or r[0] == folder]
        counts = collections.Counter(r[1] for r in mine)
        articles = len({r[2] for r in mine})
        name = folder or "all"
        print(f"| {name} | {len(mine)} | {100 * len(mine) / total:.1f}% | {articles} | "
              + " | ".join(str(counts[l]) for l in labels) + " |")


if __name__ == "__main__":
    main()
