"""Two checks of the page-chrome detector on text whose prose is known (issue 13).

  python3 tools/chrome_checks.py [--stance .build/release/stance] [--model FILE]

1. Headlines: the judged articles' texts (labels/article_texts.jsonl) start with the title; how many first
   spans does the model mark as chrome, in all and by the id's folder prefix? (Scraped pages may rightly start with a section name.)
2. Prose: the labelled sentences (labels/*.tsv, off-topic rows left out), joined back into their articles in
   file order; what share of their spans does the model mark as chrome? Every one of them is prose.
Standard library only.
"""

import argparse
import json
import os
import subprocess

from labels_io import read_label_rows

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def score(stance, model, records):
    cmd = [stance, "score", "--input", "jsonl", "--sentences", "--format", "jsonl"] + (["--model", model] if model else [])
    out = subprocess.run(cmd, input=records, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", default=os.path.join(ROOT, ".build", "release", "stance"))
    ap.add_argument("--model")
    args = ap.parse_args()
    with open(os.path.join(ROOT, "labels", "article_texts.jsonl"), encoding="utf-8") as f:
        articles = f.read()
    scored = score(args.stance, args.model, articles)
    first = sum(1 for r in scored if r["spans"] and r["spans"][0].get("boilerplate"))
    print(f"headlines: {first} of {len(scored)} judged articles' first spans marked chrome")
    # By the id's prefix (the corpus folder's: sea-, whp-, cdcol-, ...), to see which outlets lose headlines.
    by_prefix = {}
    for r in scored:
        if r["spans"] and r["spans"][0].get("boilerplate"):
            prefix = r["id"].split("-")[0]
            by_prefix[prefix] = by_prefix.get(prefix, 0) + 1
    print("  by id prefix: " + ", ".join(f"{p} {n}" for p, n in sorted(by_prefix.items(), key=lambda x: (-x[1], x[0]))))
    docs = {}
    for row in read_label_rows():
        if "#offtopic" not in row.group:
            docs.setdefault(row.group, []).append(row.text)
    records = "".join(json.dumps({"id": k, "text": " ".join(v)}) + "\n" for k, v in docs.items())
    spans = marked = 0
    for r in score(args.stance, args.model, records):
        spans += len(r["spans"])
        marked += sum(1 for s in r["spans"] if s.get("boilerplate"))
    print(f"prose: {marked} of {spans} spans of {len(docs)} labelled articles marked chrome ({marked / spans:.2%})")


if __name__ == "__main__":
    main()
