"""Runs stance, scikit-learn, LIBLINEAR and fastText side by side on the same data.

Each measured run is a separate process (bench/run_tool.py) under /usr/bin/time, so peak memory
is measured the same way for every tool. Tools alternate within each repetition, so that the
noise of a shared machine falls on all of them alike; the tables report medians and ratios.

usage: compare.py --stance BIN --data DIR --out DIR [--reps 3] [--tasks 20ng,babe,...]
DIR holds the label files that tools/datasets.sh writes.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = ["stance", "sklearn", "liblinear", "fasttext"]


def measure(tool, train, test, args, extra=()):
    """One run of one tool: its JSON report plus peak RSS (MB) and wall seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        cmd = ["/usr/bin/time", "-f", "%M %e", "-o", t.name, sys.executable,
               os.path.join(HERE, "run_tool.py"), tool, train, test, "--stance", args.stance,
               "--c", str(args.c), *extra]
        env = dict(os.environ)
        # A current numpy is slowed by these (set on some machines for old OpenBLAS builds).
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
        rss_kb, wall = t.read().split()[-2:]
    report = json.loads(proc.stdout)
    report["peak_mb"] = int(rss_kb) / 1024
    report["wall_s"] = float(wall)
    return report


def split_kfold(path, k, seed, outdir):
    """Writes k train/test splits of a label file (stratified by label), returns their paths."""
    with open(path, encoding="utf-8") as f:
        header = next(f)
        rows = [line for line in f if line.strip()]
    rng = random.Random(seed)
    by_label = {}
    for r in rows:
        by_label.setdefault(r.split("\t", 1)[0], []).append(r)
    fold_of = {}
    for label in sorted(by_label):
        items = by_label[label]
        rng.shuffle(items)
        for i, r in enumerate(items):
            fold_of[id(r)] = i % k
    splits = []
    for i in range(k):
        tr = os.path.join(outdir, f"{os.path.basename(path)}.{i}.train.tsv")
        te = os.path.join(outdir, f"{os.path.basename(path)}.{i}.test.tsv")
        with open(tr, "w", encoding="utf-8") as a, open(te, "w", encoding="utf-8") as b:
            a.write(header)
            b.write(header)
            for r in rows:
                (b if fold_of[id(r)] == i else a).write(r)
        splits.append((tr, te))
    return splits


def median_of(runs, key):
    vals = [r[key] for r in runs if key in r and r[key] is not None]
    return statistics.median(vals) if vals else None


def run_task(name, splits, tools, args, extra=()):
    """Runs every tool on every split, args.reps times, alternating tools; returns summaries."""
    runs = {t: [] for t in tools}
    for rep in range(args.reps):
        for tr, te in splits:
            order = tools if rep % 2 == 0 else list(reversed(tools))
            for tool in order:
                r = measure(tool, tr, te, args, extra)
                r["rep"] = rep
                runs[tool].append(r)
                print(f"{name} rep {rep} {tool}: {json.dumps(r)}", file=sys.stderr, flush=True)
    summary = {}
    for tool, rs in runs.items():
        ok = [r for r in rs if "error" not in r]
        if not ok:
            summary[tool] = {"error": rs[0].get("error") if rs else "no runs"}
            continue
        summary[tool] = {k: median_of(ok, k) for k in
                         ["vectorize_s", "fit_s", "predict_s", "wall_s", "peak_mb", "accuracy",
                          "macro_f1", "train_mb", "features"]}
        summary[tool]["runs"] = len(ok)
    return {"task": name, "summary": summary, "runs": runs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--c", type=float, default=10.0)
    ap.add_argument("--tasks", default="20ng,20ng_stripped,babe,ag_news")
    ap.add_argument("--tools", default=",".join(TOOLS))
    args = ap.parse_args()
    tools = args.tools.split(",")
    os.makedirs(args.out, exist_ok=True)
    # Tasks run in several invocations (say, the long ones on a quiet machine) add up in one file:
    # a task measured again replaces its earlier entry.
    path = os.path.join(args.out, "compare.json")
    asked = args.tasks.split(",")
    results = []
    earlier = {}
    if os.path.exists(path):
        with open(path) as f:
            earlier = {r["task"]: r for r in json.load(f)}
        results = [r for r in earlier.values() if r["task"] not in asked]
    with tempfile.TemporaryDirectory() as tmp:
        for task in args.tasks.split(","):
            if task == "20ng":
                splits = [(f"{args.data}/20ng_train.tsv", f"{args.data}/20ng_test.tsv")]
            elif task == "20ng_stripped":
                splits = [(f"{args.data}/20ng_train_stripped.tsv", f"{args.data}/20ng_test_stripped.tsv")]
            elif task in ("babe", "ag_news", "basil"):
                splits = split_kfold(f"{args.data}/{task}.tsv", 5, 0, tmp)
            elif task.startswith("scale"):
                splits = [(f"{args.data}/{task}.train.tsv", f"{args.data}/{task}.test.tsv")]
            else:
                sys.exit(f"compare: unknown task {task}")
            # k-fold tasks run each fold once per repetition; one repetition suffices for accuracy.
            reps = args.reps
            if len(splits) > 1:
                args.reps = 1
            result = run_task(task, splits, tools, args)
            # Tools not run this time keep their earlier measurements of the task.
            before = earlier.get(task)
            if before:
                for tool in before["summary"]:
                    if tool not in tools:
                        result["summary"][tool] = before["summary"][tool]
                        result["runs"][tool] = before["runs"].get(tool, [])
                result["summary"] = {t: result["summary"][t] for t in TOOLS if t in result["summary"]}
            results.append(result)
            args.reps = reps
            with open(path, "w") as f:
                json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
