"""Which modelling levers move the `skeptical` F1? Experiments for issue 5, not part of the product.

  bench/venv.sh >/dev/null && bench/.venv/bin/python experiments/skeptical_levers.py [--only NAME,...]

Grouped 5-fold over labels/*.tsv (scikit-learn's GroupKFold: neither shuffled nor stratified, so the
figures compare with each other, not with stance's own cross-validation), scikit-learn standing in for
stance's sentence classifier with its default features (word 1-2 + char_wb 2-5, sublinear tf, C 3,
balanced weights). As in experiments/context_experiment.py, the baseline L2-normalizes the word block and the
character block separately (a row of length sqrt 2); stance normalizes the whole row once, which is the
`blocks word x1` line. Every experiment prints per-label F1 and macro-F1 per variant; the plain model is
`weights power 1.0` (also `lsa x0.0`, `stack base`, `context base`):

  weights   class weights (n / (K n_k)) ** power for power 0.5, 1 (balanced), 1.5;
  blocks    one L2 norm over [w * word n-grams, char n-grams] (as stance does) for w = 1, 2, 4;
  lsa       200 latent dimensions from an SVD of the unlabelled corpus (../shared/corpus, split into
            sentences; the test fold's articles left out of the SVD), appended with weight 0.5 or 1;
  stack     a meta logistic regression over the out-of-fold log-probabilities of four base models
            (LR word+char, LR word, LR char, ComplementNB word), balanced or unweighted;
  context   the article-context stage (mean of the other sentences, mean of the neighbours) computed
            over the labelled sentences only, or over the whole article (its unlabelled sentences
            scored too), context columns scaled by 1 or 3.
  embeddings  (only when asked for, with --only embeddings) static pretrained token embeddings:
            wordllama's 256-dimensional l2_supercat table, which its PyPI wheel carries
            (`bench/.venv/bin/pip install wordllama==0.4.0.post1`), mean-pooled per sentence, L2-
            normalized, appended with weight 0.5, 1 or 2, or used alone.

Takes ~25 minutes on 2 cores (context alone ~12). --shared points at the shared folder (default
../shared next to the repository).
"""

import argparse
import glob
import json
import os
import re

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.preprocessing import normalize

import context_experiment
from labels_io import ROOT, read_label_rows  # on the path through context_experiment

K = 4
SPLIT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])|\n+")


class Data:
    def __init__(self, shared):
        rows = read_label_rows()
        self.labels = sorted({r.label for r in rows})
        self.y = np.array([self.labels.index(r.label) for r in rows])
        self.texts = [r.text for r in rows]
        self.groups = np.array([r.group for r in rows])
        self.folds = list(GroupKFold(n_splits=5).split(self.texts, self.y, self.groups))
        self.articles = {}
        for path in glob.glob(os.path.join(shared, "corpus", "*", "*.jsonl")):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    if "text" in record:
                        self.articles[record["id"]] = record["text"]
        for path in glob.glob(os.path.join(shared, "seeds", "*.txt")):
            with open(path, encoding="utf-8") as f:
                self.articles["seed-" + os.path.basename(path)[:-4]] = f.read()

    def take(self, index):
        return [self.texts[i] for i in index]


def vectorizers(norm="l2"):
    return (TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, norm=norm),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, norm=norm))


def model(weights="balanced", c=3):
    return LogisticRegression(C=c, class_weight=weights, max_iter=1000)


def ngrams(data, train, test):
    return context_experiment.features(data.texts, train, test)


def report(data, name, predicted):
    f1 = f1_score(data.y, predicted, average=None)
    print(f"{name:22s} macro-F1 {f1.mean():.3f}  "
          + "  ".join(f"{l} {v:.3f}" for l, v in zip(data.labels, f1)), flush=True)


def run(data, variants, fit_predict):
    """fit_predict(train, test) -> {variant: predictions for test}; prints one line per variant."""
    predicted = {v: np.zeros(len(data.y), dtype=int) for v in variants}
    for train, test in data.folds:
        for v, p in fit_predict(train, test).items():
            predicted[v][test] = p
    for v in variants:
        report(data, v, predicted[v])


def weights(data):
    powers = [0.5, 1.0, 1.5]

    def fit_predict(train, test):
        x_train, x_test = ngrams(data, train, test)
        n = np.bincount(data.y[train], minlength=K)
        out = {}
        for p in powers:
            w = dict(enumerate((len(train) / (K * n)) ** p))
            out[f"weights power {p}"] = model(w).fit(x_train, data.y[train]).predict(x_test)
        return out
    run(data, [f"weights power {p}" for p in powers], fit_predict)


def blocks(data):
    scales = [1, 2, 4]

    def fit_predict(train, test):
        word, char = vectorizers(norm=None)
        a, b = data.take(train), data.take(test)
        wa, ca, wb, cb = word.fit_transform(a), char.fit_transform(a), word.transform(b), char.transform(b)
        out = {}
        for s in scales:
            x_train = normalize(hstack([s * wa, ca]).tocsr())
            x_test = normalize(hstack([s * wb, cb]).tocsr())
            out[f"blocks word x{s}"] = model().fit(x_train, data.y[train]).predict(x_test)
        return out
    run(data, [f"blocks word x{s}" for s in scales], fit_predict)


def lsa(data):
    sentences, owners = [], []
    for source, text in data.articles.items():
        for piece in SPLIT.split(text):
            if len(piece) > 30:
                sentences.append(piece.strip())
                owners.append(source)
    scales = [0.0, 0.5, 1.0]

    def fit_predict(train, test):
        x_train, x_test = ngrams(data, train, test)
        held = set(data.groups[test])
        vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")
        corpus = vectorizer.fit_transform([s for s, o in zip(sentences, owners) if o not in held])
        svd = TruncatedSVD(200, random_state=0).fit(corpus)
        l_train = normalize(svd.transform(vectorizer.transform(data.take(train))))
        l_test = normalize(svd.transform(vectorizer.transform(data.take(test))))
        out = {}
        for s in scales:
            a = hstack([x_train, csr_matrix(s * l_train)]).tocsr()
            b = hstack([x_test, csr_matrix(s * l_test)]).tocsr()
            out[f"lsa x{s}"] = model().fit(a, data.y[train]).predict(b)
        return out
    run(data, [f"lsa x{s}" for s in scales], fit_predict)


def stack(data):
    def bases(train, test):
        word, char = vectorizers()
        a, b = data.take(train), data.take(test)
        wa, ca, wb, cb = word.fit_transform(a), char.fit_transform(a), word.transform(b), char.transform(b)
        y = data.y[train]
        probabilities = [
            model().fit(hstack([wa, ca]).tocsr(), y).predict_proba(hstack([wb, cb]).tocsr()),
            model().fit(wa, y).predict_proba(wb),
            model().fit(ca, y).predict_proba(cb),
            ComplementNB(alpha=0.3).fit(wa, y).predict_proba(wb),
        ]
        return np.log(np.clip(np.hstack(probabilities), 1e-6, 1))

    def fit_predict(train, test):
        outer = bases(train, test)
        inner = np.zeros((len(train), 4 * K))
        for a, b in GroupKFold(n_splits=4).split(train, data.y[train], data.groups[train]):
            inner[b] = bases(train[a], train[b])
        meta = lambda w: LogisticRegression(C=1, class_weight=w, max_iter=2000).fit(inner, data.y[train])
        return {"stack base": outer[:, :K].argmax(1), "stack meta balanced": meta("balanced").predict(outer),
                "stack meta unweighted": meta(None).predict(outer)}
    run(data, ["stack base", "stack meta balanced", "stack meta unweighted"], fit_predict)


def documents(data):
    """Per source: its sequence of (offset, is_extra, index), labelled rows placed at their offset in
    the article and the article's other sentences (unlabelled) between them; plus the extra texts."""
    extra, docs, members = [], {}, {}
    for i, source in enumerate(data.groups):
        members.setdefault(source, []).append(i)
    for source, rows in members.items():
        text = data.articles.get(source)
        if text is None:
            docs[source] = [(n, 0, i) for n, i in enumerate(rows)]
            continue
        items, spans, last = [], [], 0
        for i in rows:
            offset = text.find(data.texts[i][:40])
            if offset >= 0:
                spans.append((offset, offset + len(data.texts[i])))
                last = offset
            items.append((offset if offset >= 0 else last, 0, i))
        cursor = 0
        for piece in SPLIT.split(text):
            start = text.find(piece, cursor)
            cursor = start + len(piece)
            piece = piece.strip()
            if len(piece) < 25 or any(a < start + len(piece) and start < b for a, b in spans):
                continue
            extra.append(piece)
            items.append((start, 1, len(extra) - 1))
        docs[source] = sorted(items, key=lambda z: (z[0], z[1]))
    return docs, extra


def context(data):
    docs, extra = documents(data)
    variants = [("labelled", 1), ("labelled", 3), ("article", 1), ("article", 3)]
    names = ["context base"] + [f"context {w} x{s}" for w, s in variants]

    def fitted(train):
        word, char = vectorizers()
        a = data.take(train)
        word.fit(a)
        char.fit(a)
        vectorize = lambda texts: hstack([word.transform(texts), char.transform(texts)]).tocsr()
        return vectorize, model().fit(vectorize(a), data.y[train])

    def probabilities(vectorize, classifier, sources):
        rows = [z[2] for s in sources for z in docs[s] if z[1] == 0]
        others = [z[2] for s in sources for z in docs[s] if z[1] == 1]
        p = dict(zip(rows, classifier.predict_proba(vectorize(data.take(rows)))))
        q = dict(zip(others, classifier.predict_proba(vectorize([extra[i] for i in others])))) if others else {}
        return p, q

    def columns(sources, p, q, whole):
        out = {}
        for s in sources:
            sequence = [z for z in docs[s] if whole or z[1] == 0]
            probs = np.array([(q if z[1] else p)[z[2]] for z in sequence])
            total = probs.sum(axis=0)
            for j, z in enumerate(sequence):
                if z[1]:
                    continue
                mean = (total - probs[j]) / (len(sequence) - 1) if len(sequence) > 1 else np.full(K, 1 / K)
                near = [probs[k] for k in (j - 1, j + 1) if 0 <= k < len(sequence)]
                out[z[2]] = np.concatenate([mean, np.mean(near, axis=0) if near else np.full(K, 1 / K)])
        return out

    def fit_predict(train, test):
        vectorize, outer = fitted(train)
        x_train, x_test = vectorize(data.take(train)), vectorize(data.take(test))
        out = {"context base": outer.predict(x_test)}
        test_sources = sorted(set(data.groups[test]))
        p_test, q_test = probabilities(vectorize, outer, test_sources)
        p_train, q_train = {}, {}
        for a, b in GroupKFold(n_splits=4).split(train, data.y[train], data.groups[train]):
            v, m = fitted(train[a])
            p, q = probabilities(v, m, sorted(set(data.groups[train[b]])))
            p_train.update(p)
            q_train.update(q)
        train_sources = sorted(set(data.groups[train]))
        for whole_name, scale in variants:
            whole = whole_name == "article"
            c_train = columns(train_sources, p_train, q_train, whole)
            c_test = columns(test_sources, p_test, q_test, whole)
            a = hstack([x_train, csr_matrix(scale * np.array([c_train[i] for i in train]))]).tocsr()
            b = hstack([x_test, csr_matrix(scale * np.array([c_test[i] for i in test]))]).tocsr()
            out[f"context {whole_name} x{scale}"] = model().fit(a, data.y[train]).predict(b)
        return out
    run(data, names, fit_predict)


def embeddings(data):
    # Loaded from the wheel's own files: WordLlama.load() looks for the tokenizer under another
    # folder name and would try to download it.
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    base = os.path.dirname(wordllama.__file__)
    tokenizer = Tokenizer.from_file(os.path.join(base, "tokenizers", "l2_supercat_tokenizer_config.json"))
    with safe_open(os.path.join(base, "weights", "l2_supercat_256.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight")
    vectors = normalize(np.asarray(WordLlamaInference(table, tokenizer).embed(data.texts), dtype=np.float64))
    scales = [0.5, 1.0, 2.0]

    def fit_predict(train, test):
        x_train, x_test = ngrams(data, train, test)
        out = {"embeddings alone": model().fit(vectors[train], data.y[train]).predict(vectors[test])}
        for s in scales:
            a = hstack([x_train, csr_matrix(s * vectors[train])]).tocsr()
            b = hstack([x_test, csr_matrix(s * vectors[test])]).tocsr()
            out[f"embeddings x{s}"] = model().fit(a, data.y[train]).predict(b)
        return out
    run(data, ["embeddings alone"] + [f"embeddings x{s}" for s in scales], fit_predict)


EXPERIMENTS = {"weights": weights, "blocks": blocks, "lsa": lsa, "stack": stack, "context": context}
OPTIONAL = {"embeddings": embeddings}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(EXPERIMENTS), help="comma-separated experiments")
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    args = parser.parse_args()
    data = Data(args.shared)
    print(f"{len(data.y)} sentences, {len(set(data.groups))} sources", flush=True)
    for name in args.only.split(","):
        {**EXPERIMENTS, **OPTIONAL}[name](data)


if __name__ == "__main__":
    main()
