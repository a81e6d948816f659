#!/usr/bin/env bash
# How much does the fold split move the cross-validation figures? Grouped 5-fold CV of
# `stance train labels/` (default settings, two stages) under fold seeds 1..N.
#   tools/cv_seeds.sh [N] [STANCE_BIN]     (default N 5; default binary: builds .build/release/stance)
# Prints a Markdown table (sentence macro-F1, per-label F1 and, with judged articles, the article
# macro-F1 as shipped and with whole folders left out, per seed; then min, mean and max). The seed
# moves both the sentence folds and the out-of-fold sentence probabilities the article classifier
# learns from, so the article columns show how much of an article figure is the split. Writes
# nothing else but temporary files. Takes about a minute per seed on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
bin=$(tools/release_binary.sh "${2:-}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for seed in $(seq 1 "$n"); do
  "$bin" train labels/ --seed "$seed" -o "$tmp/m.model" --format json > "$tmp/$seed.json"
done
python3 - "$tmp" "$n" <<'PY'
import json, os, sys
tmp, n = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(os.path.join(tmp, f"{s}.json"))) for s in range(1, n + 1)]
labels = sorted(runs[0]["labels"])
articles = all("articles" in r for r in runs)
extra = ["articles", "articles, folders out"] if articles else []
print("| seed | macro-F1 | " + " | ".join(labels + extra) + " |")
print("|---|---|" + "---|" * len(labels + extra))
rows = []
for s, r in enumerate(runs, 1):
    row = [r["macro_f1"]["mean"]] + [r["labels"][l]["f1"]["mean"] for l in labels]
    if articles:
        row += [r["articles"]["macro_f1"]["mean"], r["articles"]["leave_folder_out_macro_f1"]]
    rows.append(row)
    print(f"| {s} | " + " | ".join(f"{v:.3f}" for v in row) + " |")
for name, f in (("min", min), ("mean", lambda v: sum(v) / len(v)), ("max", max)):
    print(f"| {name} | " + " | ".join(f"{f(col):.3f}" for col in zip(*rows)) + " |")
PY
