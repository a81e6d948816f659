"""Builds a JSONL scoring stream of at least --mb megabytes from the corpus articles.

usage: python3 bench/score_stream.py CORPUS_DIR OUT.jsonl [--mb 50]
Every corpus record ({"id", "text", ...}) is written as {"id", "text"}; the corpus is repeated
(ids suffixed with the round) until the text reaches the size. Standard library only.
"""

import argparse
import glob
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=50)
    args = ap.parse_args()
    records = []
    for path in sorted(glob.glob(os.path.join(args.corpus, "*", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    if r.get("text"):
                        records.append((str(r.get("id", len(records))), r["text"]))
    target = int(args.mb * 1e6)
    written = 0
    text_bytes = 0
    round_ = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while text_bytes < target:
            for rid, text in records:
                line = json.dumps({"id": f"{rid}-{round_}", "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                text_bytes += len(text.encode("utf-8"))
            round_ += 1
    print(json.dumps({"records": len(records) * round_, "file_bytes": written, "text_bytes": text_bytes}))


if __name__ == "__main__":
    main()
