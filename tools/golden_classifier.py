"""Golden files for the Classifier's parity tests against scikit-learn.

Takes 1,200 rows of AG News (every 6th row of the test split, so all four topics appear),
vectorizes them with scikit-learn (word 1-2 grams, min_df 2, sublinear tf; fitted on the first
900 rows), and fits LogisticRegression(solver="lbfgs") to convergence (tol 1e-8) at C = 1 and
C = 10. Writes:
  golden_classifier_data.json   X (CSR, float32 values) and labels of the 900 training and
                                300 held-out rows, and the class names
  golden_classifier_c1.json     coef_, intercept_, the objective in design.md's form
  golden_classifier_c10.json    0.5*||W||^2 + C*sum CE, n_iter_, held-out predictions and
                                probabilities
Usage: golden_classifier.py AG_NEWS_TEST_TSV OUT_DIR
"""

import csv
import json
import sys

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def main():
    source, out = sys.argv[1], sys.argv[2]
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    rows = rows[::6][:1200]
    texts = [r[2] for r in rows]
    classes = sorted({r[1] for r in rows})
    y = np.array([classes.index(r[1]) for r in rows])
    train, test = slice(0, 900), slice(900, 1200)

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32)
    x_train = vectorizer.fit_transform(texts[train])
    x_test = vectorizer.transform(texts[test])
    # Fit on float64 copies of the float32 values, so Swift (Float storage) sees the same X.
    x_train64 = x_train.astype(np.float64)
    x_test64 = x_test.astype(np.float64)

    def csr(m):
        m.sort_indices()
        return {
            "rowOffsets": m.indptr.tolist(),
            "columnIndices": m.indices.tolist(),
            "values": [float(f"{v:.9g}") for v in m.data],
        }

    data = {
        "sklearn": sklearn.__version__,
        "classes": classes,
        "featureCount": x_train.shape[1],
        "train": csr(x_train),
        "trainLabels": y[train].tolist(),
        "test": csr(x_test),
        "testLabels": y[test].tolist(),
    }
    write(f"{out}/golden_classifier_data.json", data)

    for c in (1.0, 10.0):
        model = LogisticRegression(C=c, solver="lbfgs", tol=1e-8, max_iter=100000)
        model.fit(x_train64, y[train])
        w = model.coef_  # K x F
        b = model.intercept_
        scores = x_train64 @ w.T + b
        loss = np.sum(logsumexp(scores, axis=1) - scores[np.arange(scores.shape[0]), y[train]])
        objective = 0.5 * np.sum(w * w) + c * loss
        probabilities = model.predict_proba(x_test64)
        golden = {
            "c": c,
            "iterations": int(np.max(model.n_iter_)),
            "objective": float(objective),
            "weights": [float(f"{v:.8g}") for v in w.T.ravel()],  # F x K, row-major like the Swift model
            "intercepts": b.tolist(),
            "predictions": model.predict(x_test64).tolist(),
            "probabilities": [float(f"{v:.8g}") for v in probabilities.ravel()],
        }
        write(f"{out}/golden_classifier_c{int(c)}.json", golden)
        print(f"C={c}: objective {objective:.10g}, {golden['iterations']} iterations", file=sys.stderr)


def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
