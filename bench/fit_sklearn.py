"""scikit-learn's side of bench/fit.sh: fits LogisticRegression(solver="lbfgs") on a dumped CSR
matrix (see fit_dump.py), scores the test matrix, prints one JSON line:
fit and predict seconds, accuracy, iterations, and the objective in design.md's form
0.5*||W||^2 + C*sum CE. Usage: fit_sklearn.py TRAIN.bin TEST.bin C [MAX_ITER] [TOL]
"""

import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.special import logsumexp
from sklearn.linear_model import LogisticRegression


def load(path):
    with open(path, "rb") as f:
        assert f.read(4) == b"CSR1"
        rows, cols, nnz = np.fromfile(f, dtype="<i8", count=3)
        indptr = np.fromfile(f, dtype="<i8", count=rows + 1)
        indices = np.fromfile(f, dtype="<i4", count=nnz)
        data = np.fromfile(f, dtype="<f4", count=nnz)
        labels = np.fromfile(f, dtype="<i4", count=rows)
    # float64 as TfidfVectorizer gives by default; the values are the float32 ones exactly.
    return sp.csr_matrix((data.astype(np.float64), indices, indptr), shape=(rows, cols)), labels


def main():
    c = float(sys.argv[3])
    max_iter = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    tol = float(sys.argv[5]) if len(sys.argv) > 5 else 1e-4
    x, y = load(sys.argv[1])
    x_test, y_test = load(sys.argv[2])
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=max_iter, tol=tol)
    start = time.perf_counter()
    model.fit(x, y)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict(x_test)
    predict_seconds = time.perf_counter() - start
    scores = x @ model.coef_.T + model.intercept_
    loss = np.sum(logsumexp(scores, axis=1) - scores[np.arange(x.shape[0]), y])
    objective = 0.5 * np.sum(model.coef_ ** 2) + c * loss
    print(json.dumps({
        "tool": "scikit-learn",
        "fit_seconds": fit_seconds,
        "predict_seconds": predict_seconds,
        "accuracy": float(np.mean(predicted == y_test)),
        "iterations": int(np.max(model.n_iter_)),
        "objective": float(objective),
    }))


if __name__ == "__main__":
    main()
