"""Does sentence context help the `skeptical` label? An experiment, not part of the product.

  bench/venv.sh >/dev/null && bench/.venv/bin/python experiments/context_experiment.py [--folds 5]

Grouped k-fold over labels/*.tsv (no article on both sides), scikit-learn standing in for stance
with stance's default features (word 1-2 + char_wb 2-5, sublinear tf, C 3, balanced weights):
  base     the sentence's own n-grams;
  context  the same plus, as 4 extra features, the mean predicted probabilities of the article's
           other labelled sentences (out-of-fold predictions from an inner grouped split on the
           training side; the outer model's predictions on the test side), as a two-stage model
           would use the rest of an article at scoring time.
Prints per-label F1 and macro-F1 for both. Measured 2026-11-23 on 5,828 sentences: base macro
0.600 (skeptical 0.434), context macro 0.618 (skeptical 0.474). Takes ~4 minutes on 2 cores.
"""

import argparse
import os
import sys

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from labels_io import read_label_rows  # noqa: E402

def features(texts, train, test):
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    a = [texts[i] for i in train]
    b = [texts[i] for i in test]
    x_train = hstack([word.fit_transform(a), char.fit_transform(a)]).tocsr()
    x_test = hstack([word.transform(b), char.transform(b)]).tocsr()
    return x_train, x_test


def model():
    return LogisticRegression(C=3, class_weight="balanced", max_iter=1000)


def article_context(probabilities, rows, groups, classes):
    """Mean probabilities of the other rows of the same article (uniform when it has none)."""
    out = np.full_like(probabilities, 1 / classes)
    members = {}
    for j, i in enumerate(rows):
        members.setdefault(groups[i], []).append(j)
    for js in members.values():
        if len(js) < 2:
            continue
        total = probabilities[js].sum(axis=0)
        for j in js:
            out[j] = (total - probabilities[j]) / (len(js) - 1)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = read_label_rows()
    labels = sorted({r.label for r in rows})
    y = np.array([labels.index(r.label) for r in rows])
    texts = [r.text for r in rows]
    groups = np.array([r.group for r in rows])
    base = np.zeros(len(y), dtype=int)
    context = np.zeros(len(y), dtype=int)
    for train, test in GroupKFold(n_splits=args.folds).split(texts, y, groups):
        x_train, x_test = features(texts, train, test)
        outer = model().fit(x_train, y[train])
        base[test] = outer.predict(x_test)
        inner = np.zeros((len(train), len(labels)))
        for a, b in GroupKFold(n_splits=args.folds - 1).split(train, y[train], groups[train]):
            xa, xb = features(texts, train[a], train[b])
            inner[b] = model().fit(xa, y[train[a]]).predict_proba(xb)
        c_train = article_context(inner, train, groups, len(labels))
        c_test = article_context(outer.predict_proba(x_test), test, groups, len(labels))
        second = model().fit(hstack([x_train, csr_matrix(c_train)]).tocsr(), y[train])
        context[test] = second.predict(hstack([x_test, csr_matrix(c_test)]).tocsr())
    for name, predicted in (("base", base), ("context", context)):
        f1 = f1_score(y, predicted, average=None)
        print(f"{name:8s} macro-F1 {f1.mean():.3f}  " + "  ".join(f"{l} {v:.3f}" for l, v in zip(labels, f1)))


if __name__ == "__main__":
    main()
