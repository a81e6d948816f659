#!/usr/bin/env bash
# Renders the two reports of the README (the five seeds; ../shared/corpus by outlet over date)
# with headless Chromium and saves PNG screenshots under docs/.
#
#   tools/report_screenshots.sh [STANCE_BINARY]     (default: .build/release/stance, built if missing)
#
# Installs Debian's chromium (apt-get) when it is missing; swift test never needs it.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
stance=${1:-.build/release/stance}
if [ ! -x "$stance" ]; then swift build -c release; fi
if ! command -v chromium >/dev/null || ! command -v pngquant >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium pngquant
fi
out=$(mktemp -d)  # the reports, corpus.jsonl and raw screenshots; removed at exit
trap 'rm -rf "$out"' EXIT
python3 tools/corpus_jsonl.py "$shared/corpus" > "$out/corpus.jsonl"
"$stance" report "$shared/seeds" -o "$out/seeds.html"
"$stance" report --input jsonl --by outlet --over date -o "$out/corpus.html" < "$out/corpus.jsonl"

# shot NAME HTML WIDTH HEIGHT [ANCHOR]: a WIDTH x HEIGHT screenshot of HTML scrolled to #ANCHOR.
# Headless Chromium's --screenshot ignores a URL's fragment, so the report is framed in a page
# of this script's (never committed) whose iframe scrolls to it.
shot() {
  local name=$1 html=$2 width=$3 height=$4 anchor=${5:-}
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="%s" style="border:0;width:%spx;height:%spx"></iframe></body></html>' \
    "$(basename "$html")${anchor:+#$anchor}" "$width" "$height" > "$out/frame-$name.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$height" --virtual-time-budget=5000 --screenshot="$out/$name.png" \
    "file://$out/frame-$name.html" >/dev/null 2>&1
  # 8-bit palette PNGs keep each screenshot well under 500 KB.
  pngquant --force --quality 60-90 --output "docs/$name.png" "$out/$name.png"
  echo "docs/$name.png: $(stat -c %s "docs/$name.png") bytes"
}
shot report-seeds "$out/seeds.html" 1000 1500 a1
shot report-corpus "$out/corpus.html" 1000 1500 corpus
shot report-corpus-time "$out/corpus.html" 1000 1500 corpus-time
shot report-model "$out/seeds.html" 1000 1100 model
