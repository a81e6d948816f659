#!/usr/bin/env bash
# Converts the public labelled sets in ../shared/data into stance's label format
# (label<TAB>text<TAB>source, with a header), for cross-validation and benchmarks.
# Usage: tools/datasets.sh OUTDIR   (writes OUTDIR/{babe,basil,ag_news,20ng_train,20ng_test,...}.tsv)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${STANCE_SHARED:-$here/../shared}/data
out=${1:?usage: tools/datasets.sh OUTDIR}
mkdir -p "$out"
[ -d "$data" ] || { echo "datasets: $data not found (set STANCE_SHARED)" >&2; exit 1; }

header() { printf 'label\ttext\tsource\n'; }
# babe sg2: id label outlet outlet_type text; grouped by outlet would leave few groups, so by row.
{ header; awk -F'\t' 'NR>1 && $5!="" {print $2"\t"$5"\t"$1}' "$data/babe/sg2.tsv"; } >"$out/babe.tsv"
# basil: id label article_id source text; the bias label collapsed to biased/none, grouped by article.
{ header; awk -F'\t' 'NR>1 && $5!="" {l=($2=="none")?"none":"biased"; print l"\t"$5"\t"$3}' "$data/basil/sentences.tsv"; } >"$out/basil.tsv"
# ag_news test: id label text.
{ header; awk -F'\t' 'NR>1 && $3!="" {print $2"\t"$3"\t"$1}' "$data/ag_news_test/test.tsv"; } >"$out/ag_news.tsv"
# 20 newsgroups, with and without headers: id label text.
for f in train test train_stripped test_stripped; do
  { header; awk -F'\t' 'NR>1 && $3!="" {print $2"\t"$3"\t"$1}' "$data/20newsgroups/$f.tsv"; } >"$out/20ng_$f.tsv"
done
wc -l "$out"/*.tsv >&2
