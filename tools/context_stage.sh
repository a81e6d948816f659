#!/usr/bin/env bash
# Does the article-context stage help? Grouped 5-fold cross-validation of `stance train` with the
# stage (--context-folds 5, the default) and without it (--context-folds 0), on labels/ and on
# BASIL (sentences of 300 whole news articles, bias vs none, grouped by article).
#   tools/context_stage.sh [STANCE_BIN]     (default: builds .build/release/stance)
# Environment: STANCE_SHARED (default ../shared). Prints a Markdown table; writes nothing else
# but temporary files.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(tools/release_binary.sh "${1:-}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
STANCE_SHARED=${STANCE_SHARED:-$PWD/../shared} tools/datasets.sh "$tmp/data" 2>/dev/null
echo "| data | context stage | accuracy | macro-F1 | per-label F1 | train seconds |"
echo "|---|---|---|---|---|---|"
for set in labels basil; do
  input=labels/
  [ "$set" = basil ] && input=$tmp/data/basil.tsv
  for folds in 0 5; do
    "$bin" train "$input" -o "$tmp/m.model" --context-folds "$folds" --format json > "$tmp/r.json"
    python3 - "$set" "$folds" "$tmp/r.json" <<'PY'
import json, sys
name, folds, path = sys.argv[1], sys.argv[2], sys.argv[3]
r = json.load(open(path))
per = ", ".join(f"{k} {v['f1']['mean']:.3f}" for k, v in sorted(r["labels"].items()))
stage = "off" if folds == "0" else f"on ({folds} folds)"
print(f"| {name} | {stage} | {r['accuracy']['mean']:.3f} | {r['macro_f1']['mean']:.3f} ± {r['macro_f1']['std']:.3f} | {per} | {r['seconds']['total']:.1f} |")
PY
  done
done
