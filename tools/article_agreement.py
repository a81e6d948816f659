"""Agreement between the article judgments (labels/articles.tsv) and a blind second reading
(audit/articles_blind.tsv, same columns), as markdown: agreement, Cohen's kappa overall and per label,
and the confusion between the two readings.

  python3 tools/article_agreement.py [--rows A:B]

--rows A:B takes only the second readings on data rows A..B-1 of audit/articles_blind.tsv (0-based, header
not counted), e.g. one round's: the tenth round's two draws are rows 190:266 and 266:420.

Standard library only.
"""

import argparse
import os

from agreement_tables import kappa, print_confusion

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                out[parts[1]] = parts[0]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", help="A:B, only these data rows of audit/articles_blind.tsv")
    args = ap.parse_args()
    first = read(os.path.join(ROOT, "labels", "articles.tsv"))
    second = read(os.path.join(ROOT, "audit", "articles_blind.tsv"))
    if args.rows:
        a, b = (int(x) for x in args.rows.split(":"))
        second = dict(list(second.items())[a:b])
    pairs = [(first[i], second[i]) for i in second if i in first]
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    observed, k = kappa(pairs, labels)
    print(f"Articles judged twice: {len(pairs)} of {len(first)} ({len(pairs) / len(first):.0%}). "
          f"Agreement {observed:.3f}, Cohen's kappa {k:.3f}.\n")
    print("| label | first reading | second reading | kappa (label vs rest) |")
    print("|---|---|---|---|")
    for label in labels:
        binary = [(a == label, b == label) for a, b in pairs]
        _, kl = kappa(binary, [True, False])
        print(f"| {label} | {sum(a for a, _ in binary)} | {sum(b for _, b in binary)} | {kl:.3f} |")
    print_confusion(pairs, labels, "first reading", "second")


if __name__ == "__main__":
    main()
