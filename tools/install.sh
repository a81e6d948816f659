#!/usr/bin/env bash
# Installs stance under PREFIX (default /usr/local):
#   PREFIX/bin/stance                               release build, Swift runtime linked statically
#   PREFIX/share/stance/stance.model                the shipped model (the default model of that binary)
#   PREFIX/share/man/man1/stance.1                  man page (swift-argument-parser's generate-manual)
#   PREFIX/share/bash-completion/completions/stance, PREFIX/share/zsh/site-functions/_stance,
#   PREFIX/share/fish/vendor_completions.d/stance.fish
# Usage: tools/install.sh [PREFIX]     Environment: SCRATCH (swift build scratch path, default .build).
# The binary needs only the C libraries of the system it was built on (libc, libm, BLAS, LAPACK:
# libblas3 and liblapack3 on Debian), not the Swift toolchain: the script checks that ldd lists no
# libswift. Run it again to update; it replaces the files it installed and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
scratch=${SCRATCH:-.build}
case "$prefix" in /*) ;; *) prefix=$PWD/$prefix ;; esac

echo "building stance (release, static Swift runtime)..." >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product stance >&2
# The man page comes from the tool's own --help texts, through swift-argument-parser's
# generate-manual (the tool behind its GenerateManual plugin), built with the same settings.
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product generate-manual >&2
bin=$scratch/release/stance

if ldd "$bin" | grep -q libswift; then
  echo "install: $bin links the Swift runtime dynamically; refusing to install it" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/man"
"$scratch/release/generate-manual" "$bin" --output-directory "$work/man" >&2
[ -f "$work/man/stance.1" ] || { echo "install: generate-manual wrote no stance.1" >&2; exit 1; }
for shell in bash zsh fish; do
  "$bin" --generate-completion-script "$shell" > "$work/completion.$shell"
done

install -d "$prefix/bin" "$prefix/share/stance" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
  "$prefix/share/fish/vendor_completions.d"
install -m 755 "$bin" "$prefix/bin/stance"
install -m 644 models/stance.model "$prefix/share/stance/stance.model"
install -m 644 "$work/man/stance.1" "$prefix/share/man/man1/stance.1"
install -m 644 "$work/completion.bash" "$prefix/share/bash-completion/completions/stance"
install -m 644 "$work/completion.zsh" "$prefix/share/zsh/site-functions/_stance"
install -m 644 "$work/completion.fish" "$prefix/share/fish/vendor_completions.d/stance.fish"

# The installed tool must find its model from anywhere (not only inside this checkout).
check=$(cd / && env -u STANCE_MODEL "$prefix/bin/stance" inspect --top 0 | sed -n 's/^model: *//p')
if [ "$check" != "$prefix/share/stance/stance.model" ]; then
  echo "install: the installed stance uses '$check', not $prefix/share/stance/stance.model" >&2
  exit 1
fi
echo "installed stance $("$prefix/bin/stance" --version) in $prefix (model: $check)" >&2
