"""Does the article classifier gain from knowing whose voice each stance sentence is in?

The codebook labels a quoted sentence by what it says (rule 1: "X said" does not neutralize it) and leaves
attribution to the article level: a news report that quotes several sides and argues nothing itself is
`neutral`. ArticleEvidence sees only probabilities, so a report full of quoted stance sentences looks like an
op-ed. This script adds voice values per article, from the prose sentences' text:

- a sentence is *attributed* when it holds a double quotation mark or a speech verb (said, says, told,
  according to, ...), *first person* when it holds I, we, our, us, my or me, a *question* when it ends in "?";
- per label: its probability mass over unattributed sentences (a mean over all prose sentences) and the squashed
  count of unattributed sentences where it reaches 0.5;
- per article: the shares of attributed, first-person and question sentences.

  stance train labels/ --article-evidence /tmp/E.jsonl -o /tmp/m.model
  stance score --input jsonl --sentences --format jsonl labels/article_texts.jsonl > /tmp/S.jsonl
  $(bench/venv.sh) experiments/article_attribution.py /tmp/E.jsonl /tmp/S.jsonl labels/article_texts.jsonl [--c C] [--more]

When the evidence file has stance's own marks (`"attributed"`), the script says on how many sentences they differ
from its own (none on the judged articles at stop 17). The second file gives each article's spans (`boilerplate` ones are left out, as training leaves them out);
their count must match the evidence's prose sentences. The classifier is refitted as in
article_precedence.py (C 0.3, balanced class weights to the power 0.5), over 5 stratified folds under seeds
1-3 and with each corpus folder left out; no precedence. Prints macro-F1 for the shipped 21 values and for each
addition, and per folder accuracy for the folders-left-out runs; --more adds the variants tried and not kept. Needs scikit-learn and numpy (bench/venv.sh).
"""

import argparse
import json
import os
import re
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from article_experiments import evidence, squash  # noqa: E402

SPEECH = re.compile(
    r"\b(said|says|say|told|tells|according\s+to|added|adds|stated|noted|warned|warns|urged|urges|"
    r"claimed|announced|announces|insisted|insists|stressed|stresses|asserted|remarked|explained|"
    r"declared|tweeted|wrote|writes|pledged|vowed|accused|accuses|argued|argues|quoted)\b",
    re.IGNORECASE,
)
QUOTES = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]")
FIRST = re.compile(r"\b(I|we|We|our|Our|us|my|My|me)\b")


def voice(text):
    attributed = bool(QUOTES.search(text) or SPEECH.search(text))
    return attributed, bool(FIRST.search(text)), text.rstrip().rstrip("\"\u201d'\u2019)").endswith("?")


def voice_values(p, flags, k, parts):
    n = len(p)
    out = []
    if n == 0:
        return [0.0] * ((2 * k if "mass" in parts else 0) + (3 if "shares" in parts else 0))
    a = np.array([f[0] for f in flags], dtype=float)
    if "mass" in parts:
        for c in range(k):
            out.append(float((p[:, c] * (1 - a)).sum() / n))
            out.append(squash(float(((p[:, c] >= 0.5) & (a == 0)).sum()), 8))
    if "shares" in parts:
        out += [a.mean(), np.mean([f[1] for f in flags]), np.mean([f[2] for f in flags])]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("evidence")
    ap.add_argument("scored", help="stance score --sentences --format jsonl of the judged articles")
    ap.add_argument("texts", help="labels/article_texts.jsonl")
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--more", action="store_true",
                    help="also the variants tried and not kept (other cues, lead and conclusion, products, trees)")
    args = ap.parse_args()
    recs = [json.loads(line) for line in open(args.evidence, encoding="utf-8")]
    texts = {}
    for line in open(args.texts, encoding="utf-8"):
        r = json.loads(line)
        texts[r["id"]] = r["text"].encode("utf-8")
    spans = {}
    for line in open(args.scored, encoding="utf-8"):
        r = json.loads(line)
        body = texts[r["id"]]
        spans[r["id"]] = [
            body[s["start"] : s["end"]].decode("utf-8", "replace") for s in r["spans"] if not s.get("boilerplate")
        ]
    labels = recs[0]["labels"]
    k = len(labels)
    probs = [np.array(r["sentences"], dtype=float).reshape(-1, k) for r in recs]
    mismatched = [r["id"] for r, p in zip(recs, probs) if len(spans[r["id"]]) != len(p)]
    if mismatched:
        sys.exit(f"{len(mismatched)} articles' prose sentences differ in number, e.g. {mismatched[:3]}")
    flags = [[voice(t) for t in spans[r["id"]]] for r in recs]
    # stance's own marks (`Attribution`), when the evidence file has them: they should be these.
    if "attributed" in recs[0]:
        differ = sum(int(bool(m)) != f[0] for r, fl in zip(recs, flags) for m, f in zip(r["attributed"], fl))
        print(f"stance's attribution marks differ from this script's on {differ} of {sum(map(len, flags))} sentences")
    y = np.array([labels.index(r["judged"]) for r in recs])
    groups = np.array([r["folder"] for r in recs])
    base = np.array([evidence(p, k) for p in probs])

    def fit_predict(x, train, test, make=None):
        counts = np.bincount(y[train], minlength=k)
        weight = (len(train) / (k * np.maximum(counts, 1))) ** 0.5
        model = make() if make else LogisticRegression(C=args.c, max_iter=3000)
        model.fit(x[train], y[train], sample_weight=weight[y[train]])
        return model.predict(x[test])

    def evaluate(x, make=None):
        """Mean macro-F1 over 5 stratified folds (seeds 1-3), and with each folder left out."""
        scores = []
        for seed in (1, 2, 3):
            predicted = np.zeros(len(y), int)
            for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y):
                predicted[test] = fit_predict(x, train, test, make)
            scores.append(f1_score(y, predicted, average="macro"))
        left_out = np.zeros(len(y), int)
        for folder in sorted(set(groups)):
            test = np.where(groups == folder)[0]
            left_out[test] = fit_predict(x, np.where(groups != folder)[0], test, make)
        return np.mean(scores), f1_score(y, left_out, average="macro")

    stance_ids = y != 0
    print(f"{len(recs)} judged articles; attributed share of prose sentences: "
          f"{np.mean([f[0] for fl in flags for f in fl]):.3f}\n")
    print("| evidence | 5 folds, seeds 1-3 | each folder left out | stance articles found (left out) |")
    print("|---|---|---|---|")
    per_folder = {}
    for name, parts in (("shipped 21 values", ()), ("+ unattributed mass and counts", ("mass",)),
                        ("+ voice shares", ("shares",)), ("+ both", ("mass", "shares"))):
        x = np.hstack([base, np.array([voice_values(p, f, k, parts) for p, f in zip(probs, flags)])]) if parts else base
        scores = []
        for seed in (1, 2, 3):
            predicted = np.zeros(len(y), int)
            for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y):
                predicted[test] = fit_predict(x, train, test)
            scores.append(f1_score(y, predicted, average="macro"))
        left_out = np.zeros(len(y), int)
        for folder in sorted(set(groups)):
            test = np.where(groups == folder)[0]
            left_out[test] = fit_predict(x, np.where(groups != folder)[0], test)
        found = int(((left_out == y) & stance_ids).sum())
        print(f"| {name} | {np.mean(scores):.3f} ({', '.join(f'{s:.3f}' for s in scores)}) "
              f"| {f1_score(y, left_out, average='macro'):.3f} | {found} of {int(stance_ids.sum())} |")
        per_folder[name] = left_out
    print("\nFolders left out, articles labelled as judged (neutral kept / stance found):")
    for folder in sorted(set(groups)):
        m = groups == folder
        cells = []
        for name, left_out in per_folder.items():
            neutral = m & (y == 0)
            stance = m & (y != 0)
            cells.append(f"{int((left_out[neutral] == 0).sum())}/{int(neutral.sum())}, "
                         f"{int((left_out[stance] == y[stance]).sum())}/{int(stance.sum())}")
        print(f"- {folder}: " + " | ".join(cells))
    if args.more:
        more(args, spans, recs, probs, base, k, evaluate)


def more(args, spans, recs, probs, base, k, evaluate):
    """The variants tried and not kept, each against the shipped attribution evidence."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.preprocessing import PolynomialFeatures

    quote_span = re.compile(r'["\u201c\u00ab]([^"\u201d\u00bb]*)["\u201d\u00bb]')

    def long_quotes(text):
        # Quotations of 4 words or more (or a mark left open: a quotation across sentences); scare quotes stay own.
        spans_ = quote_span.findall(text)
        open_mark = len(QUOTES.findall(text)) > 2 * len(spans_)
        return bool(SPEECH.search(text) or open_mark or any(len(q.split()) >= 4 for q in spans_))

    cues = {
        "quotation marks only": lambda t: bool(QUOTES.search(t)),
        "speech verbs only": lambda t: bool(SPEECH.search(t)),
        "speech verbs and quotations of 4+ words": long_quotes,
    }
    ids = [r["id"] for r in recs]
    print("\n| variant | 5 folds, seeds 1-3 | each folder left out |")
    print("|---|---|---|")
    for name, cue in cues.items():
        marks = [[(cue(t), False, False) for t in spans[i]] for i in ids]
        x = np.hstack([base, np.array([voice_values(p, f, k, ("mass",)) for p, f in zip(probs, marks)])])
        print(f"| {name} | %.3f | %.3f |" % evaluate(x))
    marks = [[voice(t) for t in spans[i]] for i in ids]
    shipped = np.hstack([base, np.array([voice_values(p, f, k, ("mass",)) for p, f in zip(probs, marks)])])

    def position(p, which):
        if len(p) == 0:
            return [0.0] * (k * len(which))
        return [v for w in which for v in (p[:3] if w == "lead" else p[-3:]).mean(0)]

    for name, which in (("+ lead (first 3)", ("lead",)), ("+ conclusion (last 3)", ("end",)),
                        ("+ lead and conclusion", ("lead", "end"))):
        x = np.hstack([shipped, np.array([position(p, which) for p in probs])])
        print(f"| {name} | %.3f | %.3f |" % evaluate(x))
    pairs = PolynomialFeatures(2, interaction_only=True, include_bias=False).fit_transform(shipped)
    print("| + every pairwise product | %.3f | %.3f |" % evaluate(pairs))
    trees = lambda: HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=3, random_state=0)
    print("| gradient-boosted trees (depth 3, 200 rounds) | %.3f | %.3f |" % evaluate(shipped, trees))


if __name__ == "__main__":
    main()
