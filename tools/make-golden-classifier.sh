#!/usr/bin/env bash
# Regenerates the classifier's golden files (Tests/ClassifierTests/Fixtures/golden_*.json) with
# scikit-learn, in tools/.venv (created here if missing; shared with the features helper).
# Needs /work/shared/data (the repo's ../shared/data). Tests read the committed JSON, never Python.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
venv=$here/.venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c "import sklearn, numpy, scipy" 2>/dev/null; then
  "$venv/bin/pip" install -q "scikit-learn>=1.5" numpy scipy
fi
data=${STANCE_SHARED:-$repo/../shared}/data
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
"$venv/bin/python" "$here/golden_classifier.py" "$data/ag_news_test/test.tsv" "$repo/Tests/ClassifierTests/Fixtures"
