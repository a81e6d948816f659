"""Writes labels/article_texts.jsonl: the text of every judged article of labels/articles.tsv.

  python3 tools/article_texts.py [--shared ../shared]

Looks each id up in the corpus folders of the shared data (articles.jsonl / passages.jsonl) or, for
`seed-...` ids, in shared/seeds. The text is the article as a reader saw it: the title, a blank line,
then the text, unless the text already starts with the title (scraped pages carry it). Standard
library only. `stance train labels/` reads the file so that the model does not need ../shared.
"""

import argparse
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    corpus = {}
    for path in sorted(glob.glob(os.path.join(args.shared, "corpus", "*", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("text"):
                    corpus[r["id"]] = r
    for path in sorted(glob.glob(os.path.join(args.shared, "seeds", "*.txt"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            corpus["seed-" + stem] = {"title": "", "text": f.read()}
    ids = []
    with open(os.path.join(ROOT, "labels", "articles.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            if line.strip():
                ids.append(line.split("\t")[1])
    missing = [i for i in ids if i not in corpus]
    if missing:
        sys.exit(f"article_texts: no text for {missing[:5]} ({len(missing)} in all)")
    out = os.path.join(ROOT, "labels", "article_texts.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for i in ids:
            r = corpus[i]
            title, text = (r.get("title") or "").strip(), r["text"]
            if title and title not in text[: len(title) + 300]:
                text = title + "\n\n" + text
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    print(f"{len(ids)} article texts written to {os.path.relpath(out, ROOT)}")


if __name__ == "__main__":
    main()
