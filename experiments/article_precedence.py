"""How the rule's precedence, and its threshold, change the article label out of fold; and how a run's
out-of-fold article labels compare with another run's on the articles both judged.

  stance train labels/ --article-evidence /tmp/E.jsonl -o /tmp/m.model
  $(bench/venv.sh) experiments/article_precedence.py /tmp/E.jsonl [--c 0.3] [--subset /tmp/E0.jsonl]

Reads each judged article's out-of-fold prose-sentence probabilities (`--article-evidence`). The
article classifier is refitted outside stance (a multinomial logistic regression on ArticleEvidence's 21
values, C as given, balanced class weights to the power 0.5: the setting stance chose) over 5 stratified
folds under fold seeds 1-3, and with each corpus folder left out. Its labels then go through variants of
the precedence of labels/stance.json (state-media replaces skeptical): none, when state-media wins at
least 1, 2 or 3 prose sentences (`precedence_votes`; 2 ships), or when the state-media probabilities of
the prose sentences sum to at least 1, 1.5 or 2. Prints macro-F1 per variant. With --subset, the
folders-left-out figure is also given on the articles of that earlier evidence file only, and both files'
own out-of-fold labels (`predicted`, what `stance train` reports) are compared on those articles.
Needs scikit-learn and numpy (bench/venv.sh).
"""

import argparse
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from article_experiments import evidence  # noqa: E402


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("evidence")
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--subset", help="an earlier --article-evidence file: compare on its articles")
    args = ap.parse_args()
    recs = read(args.evidence)
    labels = recs[0]["labels"]
    k = len(labels)
    probs = [np.array(r["sentences"], dtype=float).reshape(-1, k) for r in recs]
    x = np.array([evidence(p, k) for p in probs])
    y = np.array([labels.index(r["judged"]) for r in recs])
    groups = np.array([r["folder"] for r in recs])
    sm, sk = labels.index("state-media"), labels.index("skeptical")
    votes = np.array([np.bincount(p.argmax(1), minlength=k)[sm] if len(p) else 0 for p in probs])
    mass = np.array([p[:, sm].sum() if len(p) else 0.0 for p in probs])

    def fit_predict(train, test):
        counts = np.bincount(y[train], minlength=k)
        weight = (len(train) / (k * np.maximum(counts, 1))) ** 0.5
        model = LogisticRegression(C=args.c, max_iter=2000)
        model.fit(x[train], y[train], sample_weight=weight[y[train]])
        return model.predict(x[test])

    variants = {"none": lambda i, label: label}
    for v in (1, 2, 3):
        variants[f"state-media wins >= {v}"] = lambda i, label, v=v: sm if label == sk and votes[i] >= v else label
    for t in (1.0, 1.5, 2.0):
        variants[f"state-media mass >= {t}"] = lambda i, label, t=t: sm if label == sk and mass[i] >= t else label

    stratified = {name: [] for name in variants}
    for seed in (1, 2, 3):
        predicted = np.zeros(len(y), int)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y):
            predicted[test] = fit_predict(train, test)
        for name, rule in variants.items():
            adjusted = [rule(i, label) for i, label in enumerate(predicted)]
            stratified[name].append(f1_score(y, adjusted, average="macro"))
    left_out = np.zeros(len(y), int)
    for folder in sorted(set(groups)):
        test = np.where(groups == folder)[0]
        left_out[test] = fit_predict(np.where(groups != folder)[0], test)
    earlier = read(args.subset) if args.subset else None
    mask = np.array([r["id"] in {e["id"] for e in earlier} for r in recs]) if earlier else None

    print(f"{len(recs)} judged articles, C {args.c}, balanced:0.5\n")
    head = "| precedence | 5 folds, seeds 1-3 | each folder left out |"
    print(head + (f" folders left out, the {int(mask.sum())} articles of --subset |" if earlier else ""))
    print("|---|---|---|" + ("---|" if earlier else ""))
    for name, rule in variants.items():
        adjusted = np.array([rule(i, label) for i, label in enumerate(left_out)])
        row = f"| {name} | {np.mean(stratified[name]):.3f} ({', '.join(f'{v:.3f}' for v in stratified[name])}) "
        row += f"| {f1_score(y, adjusted, average='macro'):.3f} |"
        if earlier:
            row += f" {f1_score(y[mask], adjusted[mask], average='macro'):.3f} |"
        print(row)
    if earlier:
        # What each stance run itself labelled out of fold (its `predicted`), on the shared articles.
        mine = {r["id"]: r for r in recs}
        shared = [e["id"] for e in earlier if e["id"] in mine]
        print(f"\nOut-of-fold labels of the runs themselves on the {len(shared)} shared articles (pooled macro-F1):")
        for name, run in (("--subset", {e["id"]: e for e in earlier}), ("evidence", mine)):
            truth = [run[i]["judged"] for i in shared]
            given = [run[i]["predicted"] for i in shared]
            stance = [i for i in shared if run[i]["judged"] != labels[0]]
            found = sum(run[i]["predicted"] == run[i]["judged"] for i in stance)
            print(f"- {name}: macro-F1 {f1_score(truth, given, average='macro'):.3f}, "
                  f"stance articles labelled as judged {found} of {len(stance)}")


if __name__ == "__main__":
    main()
