"""Chooses stance's training defaults by cross-validation on several data sets.

For every setting in the grid (word n-grams, char n-grams, C, class weights) it runs
`stance train DATA --folds 5 --format json` on each data set and records the mean macro-F1 over
the folds. Settings are ranked on each data set; the default is the setting with the best mean
rank across data sets, so that no single data set decides. Writes a markdown report.

usage: python3 tools/choose_defaults.py --stance BIN --data DIR [--sets babe,basil,ag_news,labels]
       [--out docs/defaults.md]
DIR holds the label files of tools/datasets.sh; the set `labels` means the project's labels/.
No third-party Python packages are needed.
"""

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile

GRID = {
    "word": ["1-1", "1-2"],
    "char": ["off", "2-5"],
    "c": ["1", "3", "10", "30"],
    "class_weight": ["balanced", "none"],
}


def run(stance, path, setting, seed):
    with tempfile.TemporaryDirectory() as d:
        cmd = [stance, "train", path, "-o", os.path.join(d, "m.model"), "--folds", "5", "--seed", str(seed),
               "--format", "json", "--word-ngrams", setting["word"], "--char-ngrams", setting["char"],
               "--c", setting["c"], "--class-weight", setting["class_weight"],
               # The sentence classifier's defaults, judged one-stage as when they were chosen
               # (docs/defaults.md); the context stage is measured by tools/context_stage.sh.
               "--context-folds", "0"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"choose_defaults: {' '.join(cmd)} failed: {proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    # train's JSON is the eval object of the cross-validation, each figure a {mean, std} pair.
    cv = report.get("cross_validation", report)
    return cv["macro_f1"]["mean"], cv["macro_f1"]["std"], cv["accuracy"]["mean"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--sets", default="babe,basil,ag_news,labels")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="docs/defaults.md")
    ap.add_argument("--cache", help="JSON file of finished runs, read and extended")
    for key in GRID:
        ap.add_argument(f"--{key.replace('_', '-')}", help=f"comma-separated values of {key} (default: "
                        f"{','.join(GRID[key])})")
    args = ap.parse_args()
    sets = args.sets.split(",")
    # A narrower grid (e.g. class weights alone, the rest at the defaults) answers one question at a
    # time on a shared machine; the report names the grid it ran.
    grid = {k: (getattr(args, k).split(",") if getattr(args, k) else v) for k, v in GRID.items()}
    settings = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    # Each run takes minutes on 2 cores: with --cache, finished runs are kept and reused, so a grid can
    # be widened or its report redone without training again (same binary, data and seed assumed).
    cache = {}
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as f:
            cache = json.load(f)
    scores = {}  # (setting index, set) -> (macro_f1, std, accuracy)
    for name in sets:
        path = "labels" if name == "labels" else os.path.join(args.data, f"{name}.tsv")
        for i, s in enumerate(settings):
            key = f"{name} {json.dumps(s, sort_keys=True)} seed {args.seed}"
            if key not in cache:
                cache[key] = run(args.stance, path, s, args.seed)
                if args.cache:
                    with open(args.cache, "w") as f:
                        json.dump(cache, f, indent=1, sort_keys=True)
            scores[(i, name)] = tuple(cache[key])
            print(f"{name} {s}: macro-F1 {scores[(i, name)][0]:.4f}", file=sys.stderr, flush=True)
    ranks = {i: [] for i in range(len(settings))}
    for name in sets:
        # Equal scores share their mean rank (a data set on which every setting ties, as balanced
        # classes make the class weights, then favours none of them).
        values = [round(scores[(i, name)][0], 4) for i in range(len(settings))]
        for i in range(len(settings)):
            above = sum(1 for v in values if v > values[i])
            equal = sum(1 for v in values if v == values[i])
            ranks[i].append(above + (equal + 1) / 2)
    mean_f1 = {i: statistics.mean(scores[(i, n)][0] for n in sets) for i in range(len(settings))}
    # Ties on mean rank go to the higher mean macro-F1 across data sets.
    best = sorted(range(len(settings)), key=lambda i: (statistics.mean(ranks[i]), -mean_f1[i], i))
    grid_flags = "".join(f" --{k.replace('_', '-')} {getattr(args, k)}" for k in GRID if getattr(args, k))
    lines = ["# How the training defaults were chosen", "",
             f"Command: `python3 tools/choose_defaults.py --stance .build/release/stance --data bench/out/data "
             f"--sets {args.sets}{grid_flags}` (data from `tools/datasets.sh bench/out/data`).", "",
             "Each setting was cross-validated (5 folds, grouped by source where the data has sources, "
             f"seed {args.seed}) on every data set; the table gives mean macro-F1 and the setting's mean rank "
             "across data sets. The default is the best mean rank (ties: the higher mean macro-F1).", "",
             "| word | char | C | class weight | " + " | ".join(sets) + " | mean rank |",
             "|---|---|---|---|" + "---|" * len(sets) + "---|"]
    for i in best:
        s = settings[i]
        cells = " | ".join(f"{scores[(i, n)][0]:.4f} ± {scores[(i, n)][1]:.4f}" for n in sets)
        lines.append(f"| {s['word']} | {s['char']} | {s['c']} | {s['class_weight']} | {cells} | "
                     f"{statistics.mean(ranks[i]):.2f} |")
    lines += ["", f"Chosen: `{json.dumps(settings[best[0]])}`", ""]
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print(json.dumps(settings[best[0]]))


if __name__ == "__main__":
    main()
