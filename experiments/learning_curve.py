"""Learning curve: does more labelled data still help? An experiment, not part of the product.

  bench/venv.sh >/dev/null && bench/.venv/bin/python experiments/learning_curve.py

Grouped 5-fold over labels/*.tsv (scikit-learn standing in for stance's sentence classifier with its
default features, as in experiments/context_experiment.py); in each fold the model is trained on 40%, 60%,
80% and 100% of the training part's sources (drawn with a fixed seed) and scored on the same test
fold. Prints macro-F1 and per-label F1 for each fraction. Takes ~5 minutes on 2 cores.
"""

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

import context_experiment as ce
from labels_io import read_label_rows  # on the path through context_experiment

FRACTIONS = [0.4, 0.6, 0.8, 1.0]


def main():
    rows = read_label_rows()
    labels = sorted({r.label for r in rows})
    y = np.array([labels.index(r.label) for r in rows])
    texts = [r.text for r in rows]
    groups = np.array([r.group for r in rows])
    rng = np.random.default_rng(0)
    predicted = {f: np.zeros(len(y), dtype=int) for f in FRACTIONS}
    for train, test in GroupKFold(n_splits=5).split(texts, y, groups):
        sources = np.unique(groups[train])
        rng.shuffle(sources)
        for f in FRACTIONS:
            keep = set(sources[: int(len(sources) * f)])
            part = np.array([i for i in train if groups[i] in keep])
            x_train, x_test = ce.features(texts, part, test)
            predicted[f][test] = ce.model().fit(x_train, y[part]).predict(x_test)
    for f in FRACTIONS:
        f1 = f1_score(y, predicted[f], average=None)
        print(f"{f:.0%} of sources: macro-F1 {f1.mean():.3f}  "
              + "  ".join(f"{l} {v:.3f}" for l, v in zip(labels, f1)))


if __name__ == "__main__":
    main()
