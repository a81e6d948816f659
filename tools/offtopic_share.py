"""What share of the corpus's off-topic sentences a model calls neutral (issue 13, item 5).

  python3 tools/offtopic_share.py [--stance .build/release/stance] [--model FILE] [--prose-model FILE]
                                  [--shared ../shared]

Scores every record of shared/corpus/*/articles.jsonl (and the White House passages) with
`stance score --sentences`, keeps the prose sentences (those that --prose-model, by default the shipped
model, does not mark boilerplate, so that two models are compared on the same sentences) that mention neither the
US, a US ally or partner, nor China (a fixed list of names below: a measurement filter, not a label),
and prints how many there are and the share the model labels neutral, overall and per folder.
With `--sample N --out FILE` it also writes N of those sentences, drawn at random (seed 6) among the ones
not yet in labels/, as a reading sheet `label<TAB>text<TAB>source` with the label empty, for a reader to label by
the codebook. Standard library only.
"""

import argparse
import collections
import glob
import json
import os
import re
import random
import subprocess

from labels_io import read_label_rows

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MENTION = re.compile(
    r"\b(U\.?S\.?A?|United States|America|American|Americans|Washington|Pentagon|White House|Biden|Trump|Obama|"
    r"Blinken|Pompeo|Austin|NATO|Quad|AUKUS|ally|allies|alliance|alliances|partner|partners|Japan|Japanese|Tokyo|"
    r"Korea|Korean|Seoul|Australia|Australian|Canberra|Philippines|Philippine|Manila|Taiwan|Taipei|India|Indian|"
    r"Britain|British|UK|EU|Europe|European|G7|Indo-Pacific|China|Chinese|Beijing|Xi|PRC|CPC|CCP)\b")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", default=os.path.join(ROOT, ".build", "release", "stance"))
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "stance.model"))
    ap.add_argument("--prose-model", default=os.path.join(ROOT, "models", "stance.model"))
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--out")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    records = []
    for path in sorted(glob.glob(os.path.join(args.shared, "corpus", "*", "*.jsonl"))):
        folder = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("text"):
                    records.append((folder, r["id"], r["text"]))
    stdin = "".join(json.dumps({"id": i, "text": t}) + "\n" for _, i, t in records)
    def score(model):
        return subprocess.run(
            [args.stance, "score", "--model", model, "--input", "jsonl", "--sentences", "--format", "jsonl"],
            input=stdin.encode(), capture_output=True, check=True).stdout.decode().splitlines()
    out = score(args.model)
    prose = score(args.prose_model)
    total = collections.Counter()
    neutral = collections.Counter()
    pool = []
    for (folder, rid, text), line, mask in zip(records, out, prose):
        data = text.encode()
        for span, kind in zip(json.loads(line)["spans"], json.loads(mask)["spans"]):
            if kind.get("boilerplate"):
                continue
            sentence = data[span["start"]:span["end"]].decode(errors="replace")
            if MENTION.search(sentence):
                continue
            total[folder] += 1
            neutral[folder] += span["label"] == "neutral"
            pool.append((sentence, rid))
    n, k = sum(total.values()), sum(neutral.values())
    print(f"model {os.path.relpath(args.model, ROOT)}: {n} off-topic prose sentences, {k / n:.3f} called neutral\n")
    print("| folder | sentences | neutral share |")
    print("|---|---|---|")
    for folder in sorted(total):
        print(f"| {folder} | {total[folder]} | {neutral[folder] / total[folder]:.3f} |")
    if args.sample and args.out:
        labelled = {row.text for row in read_label_rows()}
        fresh = sorted({(" ".join(t.split()), r) for t, r in pool if " ".join(t.split()) not in labelled and len(t) > 30})
        picked = random.Random(6).sample(fresh, min(args.sample, len(fresh)))
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("label\ttext\tsource\n")
            for text, rid in picked:
                f.write(f"\t{text}\t{rid}\n")
        print(f"\n{len(picked)} sentences written to {args.out}")


if __name__ == "__main__":
    main()
