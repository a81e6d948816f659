"""Chooses the article rule (sentence labels -> article label) by measurement on judged articles.

audit/articles.tsv holds whole articles judged by a reader (label, id, folder, reason). This script
  1. trains a model on labels/ without any sentence of those articles (so the sentence predictions
     on them are honest), with stance's default settings;
  2. scores the articles with `stance score --sentences`;
  3. evaluates a family of article rules on them, choosing the parameters with leave-one-article-out
     cross-validation, and reports in-sample and cross-validated accuracy and macro-F1, beside the
     simple rules (majority of sentences; plurality of stance labels above a share).

The family: an article is `neutral` unless the share of its sentences won by non-neutral labels
reaches `share`; then the first label of the `precedence` list that wins at least `min_votes`
sentences labels it; failing that, the non-neutral label winning the most sentences.

usage: python3 experiments/article_rule.py --stance BIN [--shared ../shared] [--out docs/article-rule.md]
       [--evaluate SHARE:PRECEDENCE:VOTES ...] [--context-folds N]
No third-party packages are needed.
"""

import argparse
import collections
import glob
import itertools
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from labels_io import read_label_rows, write_label_rows  # noqa: E402

NEUTRAL = "neutral"


def load_articles(shared):
    judged = []
    with open(os.path.join(ROOT, "audit", "articles.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0]:
                judged.append((parts[0], parts[1]))
    texts = {}
    for path in glob.glob(os.path.join(shared, "corpus", "*", "*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("text"):
                    texts[rec["id"]] = rec["text"]
    for path in glob.glob(os.path.join(shared, "seeds", "*.txt")):
        with open(path, encoding="utf-8") as f:
            texts["seed-" + os.path.splitext(os.path.basename(path))[0]] = f.read()
    missing = [i for _, i in judged if i not in texts]
    if missing:
        sys.exit(f"article_rule: no text for {missing[:5]}")
    return [(label, i, texts[i]) for label, i in judged]


def score(stance, articles, tmp, train_options=()):
    ids = {i for _, i, _ in articles}
    train_dir = os.path.join(tmp, "labels")
    os.makedirs(train_dir)
    rows = read_label_rows()
    kept = [r for r in rows if r.source not in ids]
    dropped = len(rows) - len(kept)
    # One labels file in reading order: the same examples, sources and order as the label files give.
    write_label_rows(kept, os.path.join(train_dir, "labels.tsv"))
    kept = len(kept)
    model = os.path.join(tmp, "m.model")
    subprocess.run([stance, "train", train_dir, "-o", model, "--folds", "0", *train_options], check=True,
                   capture_output=True)
    records = os.path.join(tmp, "articles.jsonl")
    with open(records, "w", encoding="utf-8") as f:
        for _, i, text in articles:
            f.write(json.dumps({"id": i, "text": text}) + "\n")
    out = subprocess.run([stance, "score", records, "--model", model, "--sentences", "--format", "jsonl"],
                         check=True, capture_output=True, text=True).stdout
    scored = {}
    for line in out.splitlines():
        d = json.loads(line)
        scored[d["id"]] = [(s["label"], s["scores"]) for s in d["spans"]]
    return scored, kept, dropped


def summarize(sentences):
    """Per-article votes (sentences won per label), summed probabilities and sentence count."""
    votes = collections.Counter(l for l, _ in sentences)
    mass = collections.defaultdict(float)
    for _, p in sentences:
        for k, v in p.items():
            mass[k] += v
    return votes, mass, len(sentences)


def rule(summary, labels, share, precedence, min_votes):
    votes, mass, n = summary
    if n == 0:
        return NEUTRAL
    stance = [l for l in labels if l != NEUTRAL]
    if sum(votes[l] for l in stance) / n < share:
        return NEUTRAL
    for l in precedence:
        if votes[l] >= min_votes:
            return l
    return max(stance, key=lambda l: (votes[l], mass[l]))


def metrics(truth, pred):
    labels = sorted(set(truth) | set(pred))
    acc = sum(a == b for a, b in zip(truth, pred)) / len(truth)
    f1s = []
    for l in sorted(set(truth)):
        tp = sum(a == l and b == l for a, b in zip(truth, pred))
        p = tp / max(1, sum(b == l for b in pred))
        r = tp / max(1, sum(a == l for a in truth))
        f1s.append(0 if p + r == 0 else 2 * p * r / (p + r))
    return acc, sum(f1s) / len(f1s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", required=True)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "article-rule.md"))
    ap.add_argument("--evaluate", action="append", default=[],
                    help="also report a given rule, SHARE:PRECEDENCE,LIST:MIN_VOTES")
    ap.add_argument("--context-folds", help="pass --context-folds N to stance train (0: one-stage model)")
    ap.add_argument("--cache", help="keep the sentence predictions in this JSON file and reuse them")
    args = ap.parse_args()
    articles = load_articles(args.shared)
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as f:
            scored, kept, dropped = json.load(f)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            options = ["--context-folds", args.context_folds] if args.context_folds is not None else []
            scored, kept, dropped = score(args.stance, articles, tmp, options)
        if args.cache:
            with open(args.cache, "w") as f:
                json.dump([scored, kept, dropped], f)
    labels = sorted({l for l, _, _ in articles})
    stance = [l for l in labels if l != NEUTRAL]
    orders = [()] + [p for r in (1, 2, 3) for p in itertools.permutations(stance, r)]
    grid = [(s / 100, p, m) for s in range(0, 55, 5) for p in orders for m in (1, 2, 3, 4)]
    truth = [l for l, _, _ in articles]
    sums = [summarize(scored[i]) for _, i, _ in articles]
    # Every rule's prediction for every article, computed once.
    table = [[rule(sm, labels, *g) for sm in sums] for g in grid]

    def best(idx):
        def key(gi):
            return (metrics([truth[k] for k in idx], [table[gi][k] for k in idx])[1], -gi)
        return max(range(len(grid)), key=key)

    all_idx = list(range(len(articles)))
    chosen_index = best(all_idx)
    chosen = grid[chosen_index]
    in_sample = metrics(truth, table[chosen_index])
    loo_pred = []
    for k in all_idx:
        loo_pred.append(table[best([j for j in all_idx if j != k])][k])
    loo = metrics(truth, loo_pred)
    majority = metrics(truth, [sm[0].most_common(1)[0][0] if sm[2] else NEUTRAL for sm in sums])
    plurality = metrics(truth, [rule(sm, labels, 0.15, (), 1) for sm in sums])
    for spec in args.evaluate:
        share, prec, mv = spec.split(":")
        g = (float(share), tuple(x for x in prec.split(",") if x), int(mv))
        pred = [rule(sm, labels, *g) for sm in sums]
        acc, f1 = metrics(truth, pred)
        wrong = [f"{articles[k][1]} {truth[k]}->{pred[k]}" for k in all_idx if truth[k] != pred[k]
                 and articles[k][1].startswith("seed-")]
        print(f"rule {g}: accuracy {acc:.3f} macro-F1 {f1:.3f}; seeds wrong: {wrong}", file=sys.stderr)
    lines = ["# The article rule, chosen by measurement", "",
             f"Command: `python3 experiments/article_rule.py --stance .build/release/stance`.", "",
             f"Data: {len(articles)} whole articles judged by a reader (`audit/articles.tsv`: "
             + ", ".join(f"{l} {truth.count(l)}" for l in labels)
             + f"). Sentence predictions come from a model trained on `labels/` without those articles' "
             f"sentences ({kept} sentences kept, {dropped} dropped), with the default settings.", "",
             "| rule | accuracy | macro-F1 |", "|---|---|---|",
             f"| majority of sentences | {majority[0]:.3f} | {majority[1]:.3f} |",
             f"| plurality of stance labels if they win >= 15% of sentences | {plurality[0]:.3f} | {plurality[1]:.3f} |",
             f"| chosen rule, in sample | {in_sample[0]:.3f} | {in_sample[1]:.3f} |",
             f"| chosen rule family, leave-one-article-out | {loo[0]:.3f} | {loo[1]:.3f} |", "",
             f"Chosen on all articles: stance share >= {chosen[0]:.2f}, precedence {list(chosen[1])}, "
             f"min votes {chosen[2]}.", ""]
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    print(json.dumps({"share": chosen[0], "precedence": list(chosen[1]), "min_votes": chosen[2]}))


if __name__ == "__main__":
    main()
