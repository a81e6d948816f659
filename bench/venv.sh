#!/usr/bin/env bash
# Creates bench/.venv with the tools stance is compared against (PyPI only), once.
# Prints the venv's python path on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$here/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sklearn, fasttext, liblinear" 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --upgrade pip >&2
  "$venv/bin/pip" install -q "scikit-learn>=1.5" numpy scipy threadpoolctl matplotlib fasttext-numpy2 liblinear-official >&2
fi
echo "$venv/bin/python"
