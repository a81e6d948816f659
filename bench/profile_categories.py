"""Sums `perf script` samples of `stance` into the parts of scoring, for bench/profile_score.sh.

    perf script -i perf.data | python3 bench/profile_categories.py hot|cold

hot: each sample goes to the part its innermost frame (the function running) belongs to.
cold: each sample goes to the first phase of a cold `stance score` found on its stack
(model load, scorer setup, scoring, argument parsing, ...), else to the loader or process start.
Prints a markdown table of shares of the samples.
"""

import collections
import sys

HOT = [
    ("character n-grams (countCharacters, word caches)", ["countCharacters", "WordColumnCache", "SharedWordColumns"]),
    ("TF-IDF weighting while the column tally drains (TfidfRows.withRow)", ["TfidfRows", "TermWeighting"]),
    ("word n-grams and the column tally (countIntoTally)", ["countIntoTally", "ColumnTally", "WordGramTable", "IntPairTable"]),
    ("classifier: both stages, softmax, article classifier", ["ContextRowScorer", "Softmax", "exp", "LogisticRegression",
                                                              "ArticleClassifier", "ArticleContext", "Calibration"]),
    ("boilerplate detector (SpanShape)", ["SpanShape", "Boilerplate", "stableSort", "_merge"]),
    ("tokenizer, normalizer, word split, term lookups", ["scanNews", "TokenScanner", "splitWords", "NGramAnalyzer",
                                                         "TermTable", "LatinNormalizer", "Tokenizer", "TextNormalizer",
                                                         "CFString", "memcmp"]),
    ("sentence splitter", ["SentenceScanner", "SentenceSplitter"]),
    ("JSONL input", ["JSONRecord", "ScoreInput", "RecordMetadata", "fromUTF8"]),
    ("output formatting", ["ScoreFormatter", "JSONText", "Float32ToASCII", "OutputWriter"]),
    ("model load", ["ModelFile", "Vocabulary", "laneChecksum"]),
    ("Swift runtime, malloc, memcpy", ["swift_", "malloc", "free", "memmove", "memcpy", "memset", "_int_",
                                       "ContiguousArrayStorage", "Sa6append"]),
]
COLD = [
    ("model load (ModelFile.read: read, checksum, checks, copies)", ["ModelFileO4read"]),
    ("scorer setup (Scorer.init)", ["ScorerV5model"]),
    ("scoring and formatting the article", ["ScoreCommandV7process"]),
    ("argument parsing", ["parseAsRoot"]),
    ("rest of ScoreCommand.run (read(2) and copies inlined from ModelFile.read)", ["ScoreCommandV3run"]),
    ("rest of main", ["StanceV4main"]),
]


def stacks(lines):
    stack = []
    for line in lines:
        if not line.strip() or line[0] not in " \t":
            if stack:
                yield stack
            stack = []
            continue
        stack.append(line.strip())
    if stack:
        yield stack


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "hot"
    counts = collections.Counter()
    total = 0
    for stack in stacks(sys.stdin):
        total += 1
        if mode == "hot":
            leaf = stack[0]
            if "[kernel" in leaf:
                counts["kernel (page faults, reads, writes)"] += 1
                continue
            for name, keys in HOT:
                if any(k in leaf for k in keys):
                    counts[name] += 1
                    break
            else:
                counts["other"] += 1
        else:
            text = " ".join(stack)
            for name, keys in COLD:
                if any(k in text for k in keys):
                    counts[name] += 1
                    break
            else:
                if "ld-linux" in text or "_dl_" in text:
                    counts["dynamic loader"] += 1
                else:
                    counts["exec, runtime start, exit"] += 1
    print("| part | share of samples |")
    print("|---|---|")
    for name, n in counts.most_common():
        print(f"| {name} | {100 * n / max(total, 1):.1f}% |")
    print(f"\n{total} samples.")


main()
