"""Writes the Features golden files: a fixed set of real corpus sentences and what
scikit-learn's TfidfVectorizer makes of them. Run through tools/make-golden-features.sh.

usage: golden_features.py CORPUS_DIR FIXTURES_DIR
"""
import json
import re
import sys
from pathlib import Path

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

PER_SOURCE = 45
MIN_CHARS, MAX_CHARS = 40, 320
# Characters that would break "one sentence per line" (Python's splitlines set) or the TSV-free format.
BAD = re.compile("[\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")


def pick_sentences(corpus: Path) -> list:
    picked = []
    for source in sorted(p for p in corpus.iterdir() if p.is_dir()):
        files = sorted(source.glob("*.jsonl"))
        files = [f for f in files if f.name in ("articles.jsonl", "passages.jsonl")]
        candidates = []
        for f in files:
            with f.open(encoding="utf-8") as fh:
                for line in fh:
                    record = json.loads(line)
                    text = record.get("text") or ""
                    for s in SPLIT.split(text):
                        s = " ".join(s.split(" ")).strip()
                        if MIN_CHARS <= len(s) <= MAX_CHARS and not BAD.search(s):
                            candidates.append(s)
        # Spread the picks over the whole source, deterministically.
        step = max(1, len(candidates) // PER_SOURCE)
        chosen = candidates[::step][:PER_SOURCE]
        picked.extend(chosen)
    seen = set()
    unique = []
    for s in picked:
        if s not in seen:
            seen.add(s)
            unique.append(s)
    return unique


def csr(matrix):
    m = matrix.tocsr()
    m.sort_indices()
    return {"indptr": m.indptr.tolist(), "indices": m.indices.tolist(), "data": m.data.tolist()}


def main():
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    sentences = pick_sentences(corpus)
    (out / "golden_sentences.txt").write_text("".join(s + "\n" for s in sentences), encoding="utf-8")

    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    xw = word.fit_transform(sentences)
    golden_word = {
        "sklearn": sklearn.__version__,
        "settings": "TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)",
        "documents": len(sentences),
        "vocabulary": word.get_feature_names_out().tolist(),
        "idf": word.idf_.tolist(),
        "rows": csr(xw),
    }
    (out / "golden_tfidf_word.json").write_text(json.dumps(golden_word, ensure_ascii=False), encoding="utf-8")

    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    xc = char.fit_transform(sentences)
    golden_char = {
        "sklearn": sklearn.__version__,
        "settings": 'TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)',
        "documents": len(sentences),
        "vocabulary": char.get_feature_names_out().tolist(),
        "idf": char.idf_.tolist(),
        "rowsOfFirst100": csr(xc[:100]),
    }
    (out / "golden_tfidf_char.json").write_text(json.dumps(golden_char, ensure_ascii=False), encoding="utf-8")

    # Tokens and char_wb n-grams of tricky strings: marks, other scripts, numbers, underscores, spaces.
    tricky = [
        "Café CAFÉ cafe\u0301 naïve façade",
        "U.S.-China ties; the U.K. and U.N. don't agree",
        "x² + y₂ = ½ and ⅓, Ⅻ, ٣٤ and ۵ and 10,000.5",
        "snake_case __init__ a_b _ __",
        "北京 東京 서울 Москва Ελλάδα",
        "tabs\tand\u00a0nbsp\u2003em-space\u3000ideographic",
        "İstanbul ΣΟΦΟΣ straße ǅemal ﬁne",
        "emoji 🇺🇸🇨🇳 👍🏽 end",
        "“Quoted” ‘single’ — dash – en",
    ]
    analyze_word = TfidfVectorizer().build_analyzer()
    analyze_char = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4)).build_analyzer()
    cases = [{"text": t, "tokens": analyze_word(t), "charWB1to4": analyze_char(t)} for t in tricky]
    cases += [{"text": s, "tokens": analyze_word(s)} for s in sentences]
    (out / "golden_tokens.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    print(f"{len(sentences)} sentences; word vocabulary {len(golden_word['vocabulary'])}; "
          f"char vocabulary {len(golden_char['vocabulary'])}")


if __name__ == "__main__":
    main()
