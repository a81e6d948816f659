"""Re-runs the `$ stance ...` examples of README.md and docs/cli.md and writes their output back.

  python3 tools/refresh_examples.py [--stance BIN] [--skip-train]

Run it after retraining models/stance.model, so that every example shows what the current build
prints with the shipped model. Each example is a fenced block whose first line is `$ stance ...`
(or, for the README's quick start, the block after "The first command prints:"); the lines after
it, up to the closing fence, are replaced by the command's output (cut to the
first lines and a `...` line where the docs show an excerpt). The commands run from the
repository root, the `article.txt` examples in a temporary directory holding a copy of the seed
article 004 (from $STANCE_SHARED, default ../shared). `stance train labels/` runs first and
rewrites models/stance.model (byte-identical when the model is current: training is
deterministic); --skip-train leaves the train examples as they are. The wrapped JSON line of
docs/cli.md's `--format json` paragraph is not a `$` example, and docs/cli.md's `$ echo ... | stance score`
example is not refreshed here: update both by hand (Tests/StanceCLITests/DocsExamplesTests.swift checks
every `$` example, the echo one included).
Standard library only.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from labels_io import COMPANIONS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = "004_7d4c0a3551aecea8.txt"


def examples(noseeds):
    """(file, the command as shown, argv, in the article directory, lines kept or None, tail lines)."""
    train = ["train", "labels/"]
    inspect = ["inspect", "--top", "3"]
    return [
        ("README.md", "The first command prints:",
         ["score", "--format", "text", "examples/readout-biden-xi-2021.txt"], False, None, 0),
        ("README.md", "$ stance score examples/readout-biden-xi-2021.txt --format jsonl",
         ["score", "examples/readout-biden-xi-2021.txt", "--format", "jsonl"], False, None, 0),
        ("README.md", "$ stance score --sentences --explain 3 examples/readout-biden-xi-2021.txt",
         ["score", "--format", "text", "--sentences", "--explain", "3", "examples/readout-biden-xi-2021.txt"],
         False, 8, 0),
        ("README.md", "$ stance train labels/", train, False, None, 0),
        ("README.md", "$ stance eval labels/seeds.tsv --model /tmp/noseeds.model",
         ["eval", "labels/seeds.tsv", "--model", noseeds], False, 7, 0),
        ("README.md", "$ stance inspect --top 3", inspect, False, 8, 0),
        ("docs/cli.md", "$ stance train labels/ -o models/stance.model", train, False, None, 0),
        ("docs/cli.md", "$ stance score article.txt", ["score", "--format", "text", "article.txt"], True, None, 0),
        ("docs/cli.md", "$ stance score --format csv article.txt", ["score", "--format", "csv", "article.txt"],
         True, None, 0),
        ("docs/cli.md", "$ stance score --format csv --sentences article.txt",
         ["score", "--format", "csv", "--sentences", "article.txt"], True, 4, 0),
        ("docs/cli.md", "$ stance score --sentences --explain 2 article.txt",
         ["score", "--format", "text", "--sentences", "--explain", "2", "article.txt"], True, 10, 0),
        ("docs/cli.md", "$ stance suggest --count 3 examples/readout-biden-xi-2021.txt",
         ["suggest", "--count", "3", "examples/readout-biden-xi-2021.txt"], False, None, 0),
        ("docs/cli.md", "$ stance eval labels/seeds.tsv", ["eval", "labels/seeds.tsv"], False, 1, 0),
        ("docs/cli.md", "$ stance inspect --top 3", inspect, False, 10, 4),
    ]


def run(stance, argv, cwd):
    # The default model lookup must find the repository's models/stance.model, not $STANCE_MODEL.
    env = {k: v for k, v in os.environ.items() if k != "STANCE_MODEL"}
    result = subprocess.run([stance] + argv, cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"refresh_examples: `stance {' '.join(argv)}` failed: {result.stderr.strip()}")
    # `train` reports what it read on stderr, the results on stdout; the docs show both, in order.
    text = result.stderr + result.stdout if argv[0] == "train" else result.stdout
    lines = text.rstrip("\n").split("\n")
    # Found by the default lookup the model prints as an absolute path; the docs name it as the
    # package does.
    if argv[0] == "inspect":
        lines[0] = "model:      models/stance.model"
    if argv[0] == "eval" and "--model" not in argv:
        lines[0] = lines[0].replace(os.path.join(ROOT, "models", "stance.model"), "models/stance.model")
    return lines


def excerpt(lines, keep, tail):
    if keep is None:
        return lines
    if tail:
        # The last `tail` lines of the output: the top features of the last label.
        return lines[:keep] + ["..."] + lines[-tail:]
    return lines[:keep] + ["..."]


def replace(path, shown, output):
    """Replaces the output lines of the example `shown`: a `$ stance ...` line inside a fenced
    block, or a line of prose right before a block that holds only output."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = lines.index(shown)
    if not shown.startswith("$ "):
        while not lines[start].startswith("```"):
            start += 1  # to the block's opening fence
    end = start + 1
    while not lines[end].startswith("```"):
        end += 1
    lines[start + 1:end] = output
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stance", default=os.path.join(ROOT, ".build", "release", "stance"),
                        help="a stance binary of this checkout (it must find models/stance.model)")
    parser.add_argument("--skip-train", action="store_true")
    args = parser.parse_args()
    stance = os.path.abspath(args.stance)
    with tempfile.TemporaryDirectory() as tmp:
        articles = os.path.join(tmp, "articles")
        os.mkdir(articles)
        shared = os.environ.get("STANCE_SHARED", os.path.join(ROOT, "..", "shared"))
        shutil.copy(os.path.join(shared, "seeds", SEED), os.path.join(articles, "article.txt"))
        noseeds = os.path.join(tmp, "noseeds.model")
        # The README's held-out model: every label file but the seeds (its text gives the command).
        files = sorted(f"labels/{n}" for n in os.listdir(os.path.join(ROOT, "labels"))
                       if n.endswith(".tsv") and "seeds" not in n and n not in COMPANIONS)
        run(stance, ["train", *files, "--folds", "0", "-o", noseeds], ROOT)
        outputs = {}
        # The train examples first: they rewrite models/stance.model, which every other example uses.
        ordered = sorted(examples(noseeds), key=lambda e: e[2][0] != "train")
        for path, shown, argv, in_articles, keep, tail in ordered:
            if argv[0] == "train" and args.skip_train:
                continue
            key = tuple(argv) + (in_articles,)
            if key not in outputs:
                outputs[key] = run(stance, argv, articles if in_articles else ROOT)
            lines = [line.replace(noseeds, "/tmp/noseeds.model") for line in outputs[key]]
            replace(os.path.join(ROOT, path), shown, excerpt(lines, keep, tail))
            print(f"{path}: {shown}")


if __name__ == "__main__":
    main()
