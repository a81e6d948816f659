"""One measured run of one tool on one train/test split, in its own process.

Prints one JSON object on stdout: seconds for vectorize / fit / predict, accuracy, macro-F1,
and what the tool reports about itself. Peak memory is measured outside, by /usr/bin/time,
so that every tool is measured the same way.

usage: run_tool.py TOOL TRAIN.tsv TEST.tsv [--c C] [--ngrams 1-2] [--min-df 2] [--stance BIN]
TOOL: sklearn | liblinear | fasttext | stance
TSV files are stance label files: label<TAB>text<TAB>source with a header line.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time


def read_tsv(path):
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[1]:
                labels.append(parts[0])
                texts.append(parts[1])
    return labels, texts


def macro_f1(truth, pred):
    from sklearn.metrics import f1_score

    return float(f1_score(truth, pred, average="macro"))


def accuracy(truth, pred):
    return sum(1 for a, b in zip(truth, pred) if a == b) / len(truth)


def vectorizer(args):
    from sklearn.feature_extraction.text import TfidfVectorizer

    lo, hi = (int(x) for x in args.ngrams.split("-"))
    return TfidfVectorizer(ngram_range=(lo, hi), min_df=args.min_df, sublinear_tf=True)


def run_sklearn(args, ytr, xtr, yte, xte):
    from sklearn.linear_model import LogisticRegression

    t0 = time.perf_counter()
    vec = vectorizer(args)
    Xtr = vec.fit_transform(xtr)
    t1 = time.perf_counter()
    clf = LogisticRegression(C=args.c, solver="lbfgs", max_iter=args.max_iter)
    clf.fit(Xtr, ytr)
    t2 = time.perf_counter()
    pred = clf.predict(vec.transform(xte))
    t3 = time.perf_counter()
    return {"vectorize_s": t1 - t0, "fit_s": t2 - t1, "predict_s": t3 - t2, "pred": list(pred),
            "features": Xtr.shape[1], "iterations": int(clf.n_iter_[0])}


def run_liblinear(args, ytr, xtr, yte, xte):
    from liblinear import liblinearutil

    t0 = time.perf_counter()
    vec = vectorizer(args)
    Xtr = vec.fit_transform(xtr).astype("float64")
    t1 = time.perf_counter()
    names = sorted(set(ytr))
    index = {n: i for i, n in enumerate(names)}
    # -s 0: L2-regularized logistic regression (primal), one-vs-rest for several classes; -B 1 adds a bias.
    model = liblinearutil.train([index[y] for y in ytr], Xtr, f"-s 0 -c {args.c} -B 1 -q")
    t2 = time.perf_counter()
    Xte = vec.transform(xte).astype("float64")
    p, _, _ = liblinearutil.predict([0] * len(xte), Xte, model, "-q")
    t3 = time.perf_counter()
    return {"vectorize_s": t1 - t0, "fit_s": t2 - t1, "predict_s": t3 - t2,
            "pred": [names[int(i)] for i in p], "features": Xtr.shape[1]}


def run_fasttext(args, ytr, xtr, yte, xte):
    import fasttext

    lo, hi = (int(x) for x in args.ngrams.split("-"))
    # fastText's SGD reads the file in order with a decaying learning rate, so a file sorted by label
    # (20 Newsgroups' is) leaves the model fitted to the last labels: shuffle it, seeded.
    rows = list(zip(ytr, xtr))
    random.Random(0).shuffle(rows)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for y, x in rows:
            f.write("__label__" + y.replace(" ", "_") + " " + x.replace("\n", " ").lower() + "\n")
        path = f.name
    t0 = time.perf_counter()
    # fastText's recommended settings for small supervised sets: more epochs, higher lr, word bigrams.
    # (--fasttext-epochs 5 --fasttext-lr 0.1 are fastText's own defaults, the scale comparison.)
    model = fasttext.train_supervised(path, epoch=args.fasttext_epochs, lr=args.fasttext_lr, wordNgrams=hi,
                                      dim=100, minCount=1,
                                      thread=2, verbose=0, seed=0)
    t1 = time.perf_counter()
    labels, _ = model.predict([x.replace("\n", " ").lower() for x in xte])
    t2 = time.perf_counter()
    os.unlink(path)
    back = {y.replace(" ", "_"): y for y in set(ytr)}
    return {"vectorize_s": 0.0, "fit_s": t1 - t0, "predict_s": t2 - t1,
            "pred": [back.get(l[0][len("__label__"):], "") for l in labels]}


def run_stance(args, ytr, xtr, yte, xte):
    with tempfile.TemporaryDirectory() as d:
        model = os.path.join(d, "m.model")
        cmd = [args.stance, "train", args.train, "-o", model, "--folds", "0", "--format", "json",
               "--word-ngrams", args.ngrams, "--char-ngrams", "off", "--min-df", str(args.min_df),
               "--sublinear-tf", "--c", str(args.c), "--class-weight", "none",
               "--max-iter", str(args.max_iter), "--keep-duplicates",
               # One stage: the same model class as scikit-learn's, whatever the data's sources.
               "--context-folds", "0"]
        if args.stance_solver:
            cmd += ["--solver", args.stance_solver]
        if args.stance_tokenizer:
            cmd += ["--tokenizer", args.stance_tokenizer]
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        t1 = time.perf_counter()
        report = json.loads(out)
        # Every row counts, in training and in testing, as for the other tools.
        ev = subprocess.run([args.stance, "eval", args.test, "--model", model, "--format", "json",
                             "--keep-duplicates"],
                            check=True, capture_output=True, text=True).stdout
        t2 = time.perf_counter()
        e = json.loads(ev)
        sec = report.get("seconds", {})
        # stance's report times vectorizing and fitting together as "train".
        return {"vectorize_s": sec.get("vectorize"), "fit_s": sec.get("train", t1 - t0),
                "train_wall_s": t1 - t0, "predict_s": t2 - t1, "accuracy": e["accuracy"],
                "macro_f1": e["macro_f1"], "features": report.get("features")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["sklearn", "liblinear", "fasttext", "stance"])
    ap.add_argument("train")
    ap.add_argument("test")
    ap.add_argument("--c", type=float, default=10.0)
    ap.add_argument("--ngrams", default="1-2")
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--max-iter", type=int, default=1000)
    ap.add_argument("--stance", default="stance")
    ap.add_argument("--fasttext-epochs", type=int, default=25)
    ap.add_argument("--fasttext-lr", type=float, default=0.5)
    ap.add_argument("--stance-solver", default=None, help="stance's --solver (default: its own default)")
    ap.add_argument("--stance-tokenizer", default="scikit-learn",
                    help="stance's --tokenizer: scikit-learn gives the other tools' features (default)")
    args = ap.parse_args()
    ytr, xtr = read_tsv(args.train)
    yte, xte = read_tsv(args.test)
    run = {"sklearn": run_sklearn, "liblinear": run_liblinear, "fasttext": run_fasttext,
           "stance": run_stance}[args.tool]
    result = run(args, ytr, xtr, yte, xte)
    if "pred" in result:
        pred = result.pop("pred")
        result["accuracy"] = accuracy(yte, pred)
        result["macro_f1"] = macro_f1(yte, pred)
    result["train_mb"] = sum(len(x.encode("utf-8")) for x in xtr) / 1e6
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
