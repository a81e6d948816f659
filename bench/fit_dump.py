"""Vectorizes 20 Newsgroups with scikit-learn and dumps the CSR matrices for bench/fit.sh, so the
Swift fit and scikit-learn's fit run on bit-identical X (float32 values).

Word 1-2 grams, min_df 2, sublinear tf, scikit-learn's token pattern; fitted on train.tsv.
Writes OUT/20ng_train.bin and OUT/20ng_test.bin:
  magic b"CSR1", int64 rows, int64 columns, int64 nnz, int64 rowOffsets[rows+1],
  int32 columnIndices[nnz], float32 values[nnz], int32 labels[rows]   (little-endian)
Usage: fit_dump.py SHARED_DATA_DIR OUT_DIR
"""

import csv
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

csv.field_size_limit(1 << 30)


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [r[2] for r in rows], [r[1] for r in rows]


def dump(path, m, labels):
    m.sort_indices()
    with open(path, "wb") as f:
        f.write(b"CSR1")
        np.array([m.shape[0], m.shape[1], m.nnz], dtype="<i8").tofile(f)
        m.indptr.astype("<i8").tofile(f)
        m.indices.astype("<i4").tofile(f)
        m.data.astype("<f4").tofile(f)
        np.asarray(labels, dtype="<i4").tofile(f)


def main():
    data, out = sys.argv[1], sys.argv[2]
    train_text, train_label = load(f"{data}/20newsgroups/train.tsv")
    test_text, test_label = load(f"{data}/20newsgroups/test.tsv")
    classes = sorted(set(train_label))
    start = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32)
    x_train = vectorizer.fit_transform(train_text)
    x_test = vectorizer.transform(test_text)
    print(f"vectorized in {time.perf_counter() - start:.1f} s: {x_train.shape}, nnz {x_train.nnz}", file=sys.stderr)
    dump(f"{out}/20ng_train.bin", x_train, [classes.index(y) for y in train_label])
    dump(f"{out}/20ng_test.bin", x_test, [classes.index(y) for y in test_label])


if __name__ == "__main__":
    main()
