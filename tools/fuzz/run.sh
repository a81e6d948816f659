#!/bin/sh
# Builds the libFuzzer harness (ModelFileFuzz.swift) with address sanitizer and runs it.
# Usage: tools/fuzz/run.sh [SECONDS]   (default 180). Corpus and crashes go to /tmp/stance-fuzz.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-180}
out=/tmp/stance-fuzz
mkdir -p "$out/build" "$out/corpus"
flags="-sanitize=fuzzer,address -parse-as-library -O -g -I $out/build"
swiftc $flags -enable-testing -emit-module -emit-library -static -module-name Features \
  -emit-module-path "$out/build/Features.swiftmodule" -o "$out/build/libFeatures.a" Sources/Features/*.swift
swiftc $flags -enable-testing -emit-module -emit-library -static -module-name Classifier -I Sources/CBLAS \
  -emit-module-path "$out/build/Classifier.swiftmodule" -o "$out/build/libClassifier.a" Sources/Classifier/*.swift
swiftc $flags -I Sources/CBLAS tools/fuzz/ModelFileFuzz.swift -L "$out/build" -lClassifier -lFeatures \
  -lblas -llapack -o "$out/model-fuzz"
# Seeds: a tiny trained model and small labels files.
if [ ! -f "$out/corpus/seed.model" ]; then
  printf 'a\tapple pie\na\tapple tart\nb\tzebra one\nb\tzebra two\n' > "$out/seed.tsv"
  stance=${STANCE:-.build/debug/stance}  # any built stance binary (swift build first)
  "$stance" train "$out/seed.tsv" -o "$out/corpus/seed.model" --folds 0 --char-ngrams 2-3 2>/dev/null >/dev/null
  cp "$out/seed.tsv" "$out/corpus/seed.tsv"
  printf '{"text": "a b", "label": ["x"], "source": "s1"}\n{"text": "c", "label": "y", "answer": "accept"}\n' \
    > "$out/corpus/seed.jsonl"
fi
"$out/model-fuzz" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 "$out/corpus"
