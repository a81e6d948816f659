"""Builds the scale series: 10k, 100k and 1M sentences drawn from ../shared/corpus.

Each sentence is labelled by its outlet's type (state_media_cn, us_government, ...), which is a
real, if easy, target; what the series shows is how time and memory grow with the data. Sentences
are drawn with replacement where the corpus has fewer than asked, seeded, and split 80/20.

usage: make_scale.py CORPUS_DIR OUT_DIR [--sizes 10000,100000,1000000]
"""

import argparse
import glob
import json
import os
import random
import re

SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])|\n+")


def sentences(corpus):
    out = []
    for path in sorted(glob.glob(os.path.join(corpus, "*", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                text, kind = rec.get("text"), rec.get("outlet_type")
                if not text or not kind:
                    continue
                for s in SPLIT.split(text):
                    s = " ".join(s.split())
                    if len(s) >= 20:
                        out.append((kind, s, rec.get("id", "")))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    pool = sentences(args.corpus)
    os.makedirs(args.out, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        rng = random.Random(size)
        rows = rng.sample(pool, size) if size <= len(pool) else [rng.choice(pool) for _ in range(size)]
        cut = int(size * 0.8)
        name = f"scale_{size // 1000}k"
        for part, chunk in (("train", rows[:cut]), ("test", rows[cut:])):
            with open(os.path.join(args.out, f"{name}.{part}.tsv"), "w", encoding="utf-8") as f:
                f.write("label\ttext\tsource\n")
                for kind, s, src in chunk:
                    f.write(f"{kind}\t{s}\t{src}\n")
        print(f"{name}: {size} sentences from a pool of {len(pool)}")


if __name__ == "__main__":
    main()
