"""scikit-learn's side of bench/score.sh: the same job as `stance score --sentences --format jsonl`.

Trains TfidfVectorizer(word 1-2 grams, sublinear tf) + LogisticRegression(C=10, lbfgs) on the
labels (not timed), then reads the JSONL stream, splits each text into sentences with a regex,
scores every sentence and writes one JSON line per record with article scores, counts and spans
(timed, median of --reps runs). Prints {"seconds": [...], "text_bytes": N} as JSON.

usage: python bench/score_sklearn.py LABELS_DIR STREAM.jsonl [--reps 3] [--batch 2048] [--mb 10]
Only the stream's first --mb megabytes of text are scored (throughput does not depend on length,
and scikit-learn's side is slow enough that the whole stream would take many minutes).
"""

import argparse
import json
import os
import re
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
import labels_io  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def read_labels(directory):
    # As `stance train` reads them (tools/labels_io.py): companions left out, duplicates dropped.
    rows = labels_io.read_labels([directory])[0]
    return [r.text for r in rows], [r.label for r in rows]


def spans(text):
    encoded = text.encode("utf-8")
    out = []
    for m in SENTENCE.finditer(text):
        s = m.group(0)
        stripped = s.strip()
        if not stripped:
            continue
        lead = len(s) - len(s.lstrip())
        start = len(text[: m.start() + lead].encode("utf-8"))
        out.append((start, start + len(stripped.encode("utf-8")), stripped))
    return out


def score(stream, vectorizer, model, out, batch, limit):
    classes = list(model.classes_)
    records = []

    def flush():
        sentences = [s for _, sp in records for s in sp]
        probs = model.predict_proba(vectorizer.transform([s[2] for s in sentences])) if sentences else None
        row = 0
        for rid, sp in records:
            n = len(sp)
            p = probs[row : row + n] if n else np.zeros((0, len(classes)))
            row += n
            mean = p.mean(axis=0) if n else np.full(len(classes), 1 / len(classes))
            winners = p.argmax(axis=1) if n else []
            counts = np.bincount(winners, minlength=len(classes)) if n else np.zeros(len(classes), int)
            out.write(json.dumps({
                "id": rid, "label": classes[int(mean.argmax())],
                "scores": dict(zip(classes, mean.tolist())), "sentences": n,
                "counts": dict(zip(classes, counts.tolist())),
                "spans": [{"start": a, "end": b, "label": classes[int(w)], "scores": dict(zip(classes, q.tolist()))}
                          for (a, b, _), w, q in zip(sp, winners, p)],
            }) + "\n")
        records.clear()

    with open(stream, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            r = json.loads(line)
            records.append((r["id"], spans(r["text"])))
            if len(records) >= batch:
                flush()
    flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("stream")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--batch", type=int, default=2048)
    ap.add_argument("--mb", type=float, default=10)
    args = ap.parse_args()
    texts, labels = read_labels(args.labels)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    model = LogisticRegression(C=10, max_iter=1000).fit(vectorizer.fit_transform(texts), labels)
    text_bytes = 0
    limit = 0
    with open(args.stream, encoding="utf-8") as f:
        for line in f:
            if text_bytes >= args.mb * 1e6:
                break
            text_bytes += len(json.loads(line)["text"].encode("utf-8"))
            limit += 1
    seconds = []
    for _ in range(args.reps):
        start = time.perf_counter()
        with open(os.devnull, "w") as out:
            score(args.stream, vectorizer, model, out, args.batch, limit)
        seconds.append(time.perf_counter() - start)
        print(f"scikit-learn: {seconds[-1]:.2f} s", file=sys.stderr)
    print(json.dumps({"seconds": seconds, "text_bytes": text_bytes, "records": limit}))


if __name__ == "__main__":
    main()
