"""Agreement between the first labels and a blind second reading of a sample of sentences
(audit/blind_8.tsv: id, file, source, first, blind, adjudicated, text), as markdown: agreement and
Cohen's kappa overall, per first label and per stratum, the confusion between the readings, and what
the adjudication of the disagreements changed.

  python3 tools/blind_agreement.py [audit/blind_8.tsv]

The sample of audit/blind_8.tsv is every stance sentence of the sixth and seventh rounds and a seeded
random 450 of their neutral ones; audit/blind_9.tsv, the ninth round's stance sentences and a seeded
random 200 of its neutral ones. Both weigh stance sentences up, so the overall figure is high; the per-label rows
are what to compare across rounds. Standard library only.
"""

import collections
import os
import sys

from agreement_tables import kappa, print_confusion

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(path, encoding="utf-8") as f:
        header = next(f).rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "audit", "blind_8.tsv")
    rows = read(path)
    pairs = [(r["first"], r["blind"]) for r in rows]
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    observed, k = kappa(pairs, labels)
    print(f"Sentences read twice: {len(pairs)}. Agreement {observed:.3f}, Cohen's kappa {k:.3f}.\n")
    print("| first label | sentences | blind reading agrees | blind reading instead |")
    print("|---|---|---|---|")
    for label in labels:
        mine = [b for a, b in pairs if a == label]
        others = collections.Counter(b for b in mine if b != label)
        instead = ", ".join(f"{l} {n}" for l, n in others.most_common())
        print(f"| {label} | {len(mine)} | {sum(b == label for b in mine) / len(mine):.3f} | {instead} |")
    print_confusion(pairs, labels, "first labels", "blind reading")
    disagreed = [r for r in rows if r["first"] != r["blind"]]
    kept = sum(r["adjudicated"] == r["first"] for r in disagreed)
    print(f"\nAdjudicated: {len(disagreed)} disagreements; the first label stood in {kept}, "
          f"the blind reading's in {sum(r['adjudicated'] == r['blind'] for r in disagreed)}, "
          f"another in {sum(r['adjudicated'] not in (r['first'], r['blind']) for r in disagreed)}.")
    moves = collections.Counter((r["first"], r["adjudicated"]) for r in disagreed if r["adjudicated"] != r["first"])
    print("Labels changed (first -> adjudicated): "
          + ", ".join(f"{a} -> {b} {n}" for (a, b), n in sorted(moves.items(), key=lambda x: -x[1])) + ".")


if __name__ == "__main__":
    main()
