"""Reads the project's labelled sentences (labels/*.tsv), for the scripts under tools/.

Each row is (label, text, source, file name), in file and line order; a header line starting
with "label" is skipped, and rows with fewer than three columns are left out. Standard library only.
"""

import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Beside the sentences, not sentences (as LabelledDataFiles.companions in Swift).
COMPANIONS = {"articles.tsv", "article_texts.jsonl", "boilerplate.jsonl"}


def read_label_rows(root=ROOT):
    rows = []
    for path in sorted(glob.glob(os.path.join(root, "labels", "*.tsv"))):
        if os.path.basename(path) in COMPANIONS:
            continue
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f):
                parts = line.rstrip("\n").split("\t")
                if n == 0 and parts[0] == "label":
                    continue
                if len(parts) >= 3:
                    rows.append((parts[0], parts[1], parts[2], os.path.basename(path)))
    return rows
