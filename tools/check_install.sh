#!/usr/bin/env bash
# Tests tools/install.sh: installs into a fresh temporary prefix, then checks that every file is
# there, that the binary links no Swift runtime (ldd), that it scores from another folder with a
# bare environment (no toolchain on PATH) using the installed model, that the man page renders
# and that the completion scripts parse. Usage: tools/check_install.sh   (exit 0 when all pass)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(mktemp -d)/prefix
elsewhere=$(mktemp -d)
trap 'rm -rf "$(dirname "$prefix")" "$elsewhere"' EXIT
"$here/tools/install.sh" "$prefix"
fail() { echo "check_install: $*" >&2; exit 1; }
for f in bin/stance share/stance/stance.model share/man/man1/stance.1 share/bash-completion/completions/stance \
  share/zsh/site-functions/_stance share/fish/vendor_completions.d/stance.fish; do
  [ -s "$prefix/$f" ] || fail "missing $prefix/$f"
done
! ldd "$prefix/bin/stance" | grep -q libswift || fail "the binary links libswift: $(ldd "$prefix/bin/stance" | grep swift)"
cp "$here/examples/readout-biden-xi-2021.txt" "$elsewhere/article.txt"
out=$(cd "$elsewhere" && env -i PATH=/usr/bin:/bin HOME="$elsewhere" "$prefix/bin/stance" score --format csv article.txt)
expected=$(cd "$here" && .build/release/stance score --format csv --model models/stance.model examples/readout-biden-xi-2021.txt \
  | sed 's|examples/readout-biden-xi-2021.txt|article.txt|')
[ "$out" = "$expected" ] || fail "installed stance scored differently:\n$out\n$expected"
model=$(cd "$elsewhere" && env -i PATH=/usr/bin:/bin "$prefix/bin/stance" inspect --top 0 | sed -n 's/^model: *//p')
[ "$model" = "$prefix/share/stance/stance.model" ] || fail "installed stance uses $model"
if command -v groff > /dev/null; then
  groff -mandoc -Tutf8 "$prefix/share/man/man1/stance.1" 2>/dev/null | grep -q "stance suggest" || fail "man page"
fi
bash -n "$prefix/share/bash-completion/completions/stance" || fail "bash completion does not parse"
if command -v zsh > /dev/null; then zsh -n "$prefix/share/zsh/site-functions/_stance" || fail "zsh completion"; fi
if command -v fish > /dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/stance.fish" || fail "fish completion"; fi
echo "check_install: ok ($prefix: binary without libswift, scores from $elsewhere, man page, completions)"
