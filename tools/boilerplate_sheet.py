"""Draws corpus pages for readers to mark span by span as page chrome or prose (codebook "Page chrome").

  python3 tools/boilerplate_sheet.py --name D1 [--per-folder 6] [--seed 21] [--folders a,b] \
      [--stance .build/release/stance] [--shared ../shared]

Picks pages at random (seeded) from each corpus folder, leaving out those already in labels/boilerplate.jsonl,
and writes audit/boilerplate_pages/chrome_NAME_pages.jsonl (id, outlet, text, spans) and the reading sheet
audit/boilerplate_NAME.tsv (`label<TAB>page<TAB>span<TAB>outlet<TAB>text`, label empty) that
tools/boilerplate_pages.py turns into labels/boilerplate.jsonl once a reader has filled it. A page's text is the
article as a reader sees it (the title, a blank line, then the text, as tools/article_texts.py builds it); the
spans are the sentence splitter's, as `stance score --sentences` reports them. No label is suggested: marking
is reading.
"""

import argparse
import glob
import json
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--per-folder", type=int, default=6)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--folders", help="comma-separated corpus folders (default: all)")
    ap.add_argument("--stance", default=os.path.join(ROOT, ".build", "release", "stance"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(os.path.join(ROOT, "labels", "boilerplate.jsonl"), encoding="utf-8") as f:
        done = {json.loads(line)["id"] for line in f}
    folders = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(args.shared, "corpus", "*", "")))
    if args.folders:
        folders = args.folders.split(",")
    pages = []
    for folder in folders:
        pool = []
        for path in sorted(glob.glob(os.path.join(args.shared, "corpus", folder, "*.jsonl"))):
            if os.path.basename(path) == "doc_index.jsonl":
                continue
            with open(path, encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    if r.get("text") and r["id"] not in done:
                        title, text = (r.get("title") or "").strip(), r["text"]
                        if title and title not in text[: len(title) + 300]:
                            text = title + "\n\n" + text
                        pool.append({"id": r["id"], "outlet": r.get("outlet") or folder, "text": text})
        pool.sort(key=lambda r: r["id"])
        pages += rng.sample(pool, min(args.per_folder, len(pool)))
    records = "".join(json.dumps({"id": p["id"], "text": p["text"]}, ensure_ascii=False) + "\n" for p in pages)
    proc = subprocess.run([args.stance, "score", "--input", "jsonl", "--sentences", "--format", "jsonl"],
                          input=records.encode(), capture_output=True, check=True)
    scored = {}
    for line in proc.stdout.decode().splitlines():
        r = json.loads(line)
        scored[r["id"]] = [[s["start"], s["end"]] for s in r["spans"]]
    os.makedirs(os.path.join(ROOT, "audit", "boilerplate_pages"), exist_ok=True)
    with open(os.path.join(ROOT, "audit", "boilerplate_pages", f"chrome_{args.name}_pages.jsonl"), "w",
              encoding="utf-8") as f:
        for p in pages:
            p["spans"] = scored[p["id"]]
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(os.path.join(ROOT, "audit", f"boilerplate_{args.name}.tsv"), "w", encoding="utf-8") as f:
        f.write("label\tpage\tspan\toutlet\ttext\n")
        for p in pages:
            data = p["text"].encode()
            for i, (start, end) in enumerate(p["spans"]):
                text = data[start:end].decode().replace("\t", " ").replace("\n", " ")
                f.write(f"\t{p['id']}\t{i}\t{p['outlet']}\t{text}\n")
    print(f"{len(pages)} pages, {sum(len(p['spans']) for p in pages)} spans: audit/boilerplate_{args.name}.tsv")


if __name__ == "__main__":
    main()
