"""The second, independent labelling pass: draw the sample, then measure agreement.

  python3 tools/second_pass.py sample [--fraction 0.1] [--seed 2026]
      writes audit/second_pass.tsv: a seeded random 10% of labels/*.tsv with the label column
      empty and the rows shuffled, for a second reader who does not see the first pass.
  python3 tools/second_pass.py agreement
      reads audit/second_pass.tsv (filled in) and labels/*.tsv and prints the agreement, Cohen's
      kappa overall and per label (one label against the rest), and the confusion between passes,
      as markdown (docs/agreement.md is this output).
No third-party packages are needed.
"""

import argparse
import os
import random
import sys

from agreement_tables import kappa, print_confusion
from labels_io import read_label_rows

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "audit", "second_pass.tsv")


def first_pass():
    return read_label_rows()


def sample(args):
    rows = first_pass()
    rng = random.Random(args.seed)
    picked = rng.sample(rows, round(len(rows) * args.fraction))
    os.makedirs(os.path.dirname(SAMPLE), exist_ok=True)
    with open(SAMPLE, "w", encoding="utf-8") as f:
        f.write("label\ttext\tsource\n")
        for row in picked:
            f.write(f"\t{row.text}\t{row.source or ''}\n")
    print(f"{len(picked)} of {len(rows)} sentences written to {os.path.relpath(SAMPLE, ROOT)}")


def agreement(args):
    first = {row.text: row.label for row in first_pass()}
    pairs = []
    with open(SAMPLE, encoding="utf-8") as f:
        next(f)
        for n, line in enumerate(f, start=2):
            label, text, _ = line.rstrip("\n").split("\t")
            if not label:
                sys.exit(f"second_pass: {os.path.relpath(SAMPLE, ROOT)}:{n}: no label")
            if text not in first:
                sys.exit(f"second_pass: {os.path.relpath(SAMPLE, ROOT)}:{n}: text not in labels/")
            pairs.append((first[text], label))
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    observed, k = kappa(pairs, labels)
    print(f"Sentences compared: {len(pairs)}. Agreement {observed:.3f}, Cohen's kappa {k:.3f}.\n")
    print("| label | first pass | second pass | agreement (label vs rest) | kappa (label vs rest) |")
    print("|---|---|---|---|---|")
    for l in labels:
        binary = [(a == l, b == l) for a, b in pairs]
        o, kl = kappa(binary, [True, False])
        print(f"| {l} | {sum(a for a, _ in binary)} | {sum(b for _, b in binary)} | {o:.3f} | {kl:.3f} |")
    print_confusion(pairs, labels, "first pass", "second pass")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["sample", "agreement"])
    ap.add_argument("--fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    (sample if args.command == "sample" else agreement)(args)


if __name__ == "__main__":
    main()
