"""Article-label experiments outside stance, on what the article classifier learns from.

  stance train labels/ --article-evidence /tmp/evidence.jsonl -o /tmp/m.model
  $(bench/venv.sh) experiments/article_experiments.py /tmp/evidence.jsonl [--seeds 1,2,3]

Reads each judged article's out-of-fold prose-sentence probabilities (`--article-evidence`) and
labels/article_texts.jsonl, and compares article classifiers by macro-F1: 5 folds stratified by label
(as `stance train` reports, mean over --seeds) and each corpus folder left out in turn (the figure that
says how a choice carries to outlets not in the data). Every variant is a multinomial logistic
regression with the setting the shipped model chose (C 0.3, balanced class weights to the power 0.5),
on:
  evidence         the 21 values of ArticleEvidence (Sources/Classifier/Articles/ArticleEvidence.swift)
  +top3            and each label's mean probability over its 3 most probable sentences
  +summary         and top3, squashed counts of sentences >= 0.7, the mean and top-5 stance mass
  +text            and the out-of-fold probabilities of a word 1-2 gram tf-idf model of the article's
                   whole text (nested: fitted on each training part only)
Needs scikit-learn (bench/venv.sh). Prints a Markdown table.
"""

import argparse
import json
import os

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def squash(x, scale):
    return x / (x + scale)


def evidence(p, k):
    """ArticleEvidence.features, as stance computes it."""
    n = len(p)
    if n == 0:
        return [0.0] * (5 * k + 1)
    wins = np.bincount(p.argmax(1), minlength=k)
    out = []
    for c in range(k):
        out += [p[:, c].mean(), wins[c] / n, p[:, c].max(), squash((p[:, c] >= 0.5).sum(), 8), p[0, c]]
    return out + [squash(n, 40)]


def extra(p, k, summary):
    n = len(p)
    out = []
    for c in range(k):
        col = np.sort(p[:, c])[::-1] if n else np.zeros(1)
        out.append(col[:3].mean())
        if summary:
            out.append(squash((col >= 0.7).sum(), 4))
    if summary:
        stance = 1 - p[:, 0] if n else np.zeros(1)
        out += [stance.mean(), np.sort(stance)[::-1][:5].mean()]
    return out


def fit_predict(x_train, y_train, x_test, k):
    counts = np.bincount(y_train, minlength=k)
    weights = (len(y_train) / (k * np.maximum(counts, 1))) ** 0.5
    model = LogisticRegression(C=0.3, max_iter=2000, tol=1e-6)
    model.fit(x_train, y_train, sample_weight=weights[y_train])
    return model.predict(x_test)


def text_probabilities(texts, y, train, test, k):
    """A tf-idf model of whole articles: out-of-fold probabilities on `train`, and `test`'s."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train = vectorizer.fit_transform([texts[i] for i in train])
    x_test = vectorizer.transform([texts[i] for i in test])
    inner = np.zeros((len(train), k))
    for a, b in StratifiedKFold(5, shuffle=True, random_state=2).split(train, y[train]):
        model = LogisticRegression(C=10, max_iter=3000, class_weight="balanced").fit(x_train[a], y[train][a])
        inner[b] = model.predict_proba(x_train[b])
    model = LogisticRegression(C=10, max_iter=3000, class_weight="balanced").fit(x_train, y[train])
    return inner, model.predict_proba(x_test)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("evidence")
    parser.add_argument("--seeds", default="1,2,3")
    args = parser.parse_args()
    records = [json.loads(line) for line in open(args.evidence, encoding="utf-8") if line.strip()]
    labels = records[0]["labels"]
    k = len(labels)
    texts_by_id = {}
    with open(os.path.join(ROOT, "labels", "article_texts.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts_by_id[r["id"]] = r["text"]
    y = np.array([labels.index(r["judged"]) for r in records])
    folders = np.array([r["folder"] for r in records])
    texts = [texts_by_id[r["id"]] for r in records]
    probabilities = [np.array(r["sentences"]).reshape(-1, k) for r in records]
    base = np.array([evidence(p, k) for p in probabilities])
    variants = {
        "evidence": base,
        "+top3": np.hstack([base, [extra(p, k, False) for p in probabilities]]),
        "+summary": np.hstack([base, [extra(p, k, True) for p in probabilities]]),
        "+text": base,
    }
    seeds = [int(s) for s in args.seeds.split(",")]
    print(f"{len(records)} judged articles, {len(set(folders))} folders; C 0.3, balanced:0.5.\n")
    print("| variant | macro-F1, 5 stratified folds (mean over seeds) | per seed | each folder left out |")
    print("|---|---|---|---|")
    for name, x in variants.items():
        def run(train, test):
            x_train, x_test = x[train], x[test]
            if name == "+text":
                inner, outer = text_probabilities(texts, y, train, test, k)
                x_train, x_test = np.hstack([x_train, inner]), np.hstack([x_test, outer])
            return fit_predict(x_train, y[train], x_test, k)

        per_seed = []
        for seed in seeds:
            scores = [f1_score(y[test], run(train, test), average="macro")
                      for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y)]
            per_seed.append(np.mean(scores))
        pooled = np.zeros(len(y), dtype=int)
        for folder in sorted(set(folders)):
            test = np.where(folders == folder)[0]
            train = np.where(folders != folder)[0]
            pooled[test] = run(train, test)
        left_out = f1_score(y, pooled, average="macro")
        print(f"| {name} | {np.mean(per_seed):.3f} | {', '.join(f'{s:.3f}' for s in per_seed)} | {left_out:.3f} |",
              flush=True)


if __name__ == "__main__":
    main()
