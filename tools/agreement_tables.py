"""Agreement between two readings of the same items, for the agreement scripts under tools/
(second_pass.py, blind_agreement.py, article_agreement.py). Standard library only."""

import collections


def kappa(pairs, labels):
    """Observed agreement and Cohen's kappa of (first, second) label pairs over `labels`."""
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    ca = collections.Counter(a for a, _ in pairs)
    cb = collections.Counter(b for _, b in pairs)
    expected = sum(ca[l] * cb[l] for l in labels) / (n * n)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def print_confusion(pairs, labels, rows, columns):
    """Prints the confusion of the pairs as a markdown table: `rows` names the first reading,
    `columns` the second."""
    print(f"\nConfusion (rows: {rows}, columns: {columns}):\n")
    print("| | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    counts = collections.Counter(pairs)
    for a in labels:
        print(f"| {a} | " + " | ".join(str(counts[(a, b)]) for b in labels) + " |")
