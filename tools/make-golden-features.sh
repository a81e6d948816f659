#!/usr/bin/env bash
# Regenerates the Features golden files (Tests/FeaturesTests/Fixtures/golden_*) with scikit-learn,
# in tools/.venv (created here if missing; shared with make-golden-classifier.sh).
# Needs the corpus at ../shared/corpus (or $STANCE_SHARED/corpus). Tests read the committed files only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
venv=$here/.venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c "import sklearn, numpy, scipy" 2>/dev/null; then
  "$venv/bin/pip" install -q "scikit-learn>=1.5" numpy scipy
fi
corpus=${STANCE_SHARED:-$repo/../shared}/corpus
"$venv/bin/python" "$here/golden_features.py" "$corpus" "$repo/Tests/FeaturesTests/Fixtures"
ls -l "$repo"/Tests/FeaturesTests/Fixtures/golden_*
