"""Training at scale: stance (sgd, optionally lbfgs) against fastText with its own defaults.

Each run is one process under /usr/bin/time (peak RSS, wall and CPU seconds), tools alternating
within each repetition so that a shared machine's noise falls on all of them. stance's time is
its whole `stance train` process (reading, vectorizing, fitting, writing the model); fastText's
is `train_supervised` alone (reading its file and fitting), after Python has read the data.
fastText runs with its defaults (5 epochs, lr 0.1, dim 100) but word bigrams and 2 threads.

usage: train_scale.py --stance BIN --data DIR --out DIR [--tasks scale_1000k] [--reps 3]
       [--tools stance-sgd,fasttext,stance-lbfgs,stance-sgd-old] [--old-stance BIN] [--name train-scale]
stance-sgd-old is stance-sgd run with the --old-stance binary (an earlier build), in the same rotation.
Writes OUT/NAME.json (every run) and OUT/NAME.md (medians and ratios); progress on stderr.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(tool, train, test, args, extra=(), stance=None):
    """One run under /usr/bin/time: run_tool.py's JSON plus peak MB, wall and CPU seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        cmd = ["/usr/bin/time", "-f", "%M %e %U %S", "-o", t.name, sys.executable,
               os.path.join(HERE, "run_tool.py"), tool, train, test, "--stance", stance or args.stance,
               "--c", str(args.c), *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
        rss_kb, wall, user, system = t.read().split()[-4:]
    report = json.loads(proc.stdout)
    report["peak_mb"] = int(rss_kb) / 1024
    report["wall_s"] = float(wall)
    # CPU of the whole run (Python's reading and predicting included): less noisy under load.
    report["cpu_s"] = float(user) + float(system)
    return report

TOOLS = {
    "stance-sgd": ("stance", ["--stance-solver", "sgd"]),
    "stance-lbfgs": ("stance", ["--stance-solver", "lbfgs"]),
    "stance-sgd-old": ("stance", ["--stance-solver", "sgd"]),
    "fasttext": ("fasttext", ["--fasttext-epochs", "5", "--fasttext-lr", "0.1"]),
}


def train_seconds(tool, run):
    """The whole train process for stance, train_supervised for fastText."""
    return run.get("train_wall_s") if tool.startswith("stance") else run.get("fit_s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tasks", default="scale_1000k")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--tools", default="stance-sgd,fasttext")
    ap.add_argument("--name", default="train-scale")
    ap.add_argument("--old-stance", default=None, help="the binary of the stance-sgd-old tool")
    ap.add_argument("--c", type=float, default=10.0)
    args = ap.parse_args()
    tools = args.tools.split(",")
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "tasks": {}}
    for task in args.tasks.split(","):
        train = os.path.join(args.data, f"{task}.train.tsv")
        test = os.path.join(args.data, f"{task}.test.tsv")
        runs = {t: [] for t in tools}
        for rep in range(args.reps):
            for tool in (tools if rep % 2 == 0 else list(reversed(tools))):
                name, extra = TOOLS[tool]
                load = os.getloadavg()[0]
                r = measure(name, train, test, args, extra, args.old_stance if tool.endswith("-old") else None)
                r["load_before"] = load
                r["train_s"] = train_seconds(tool, r)
                runs[tool].append(r)
                print(f"{task} rep {rep} {tool}: {json.dumps(r)}", file=sys.stderr, flush=True)
        results["tasks"][task] = runs
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, args.name + ".json"), "w") as f:
        json.dump(results, f, indent=1)
    lines = [f"Measured {results['date']}: `bench/train_scale.py --tasks {args.tasks} --reps {args.reps} "
             f"--tools {args.tools}`; medians of {args.reps} runs.", ""]
    for task, runs in results["tasks"].items():
        lines += [f"#### {task}", "",
                  "| tool | train s | process wall s | run CPU s | peak MB | accuracy | macro-F1 | load | runs |",
                  "|---|---|---|---|---|---|---|---|---|"]
        med = {}
        for tool, rs in runs.items():
            ok = [r for r in rs if "error" not in r]
            if not ok:
                lines.append(f"| {tool} | failed: {rs[0].get('error') if rs else '-'} | | | | | | | 0 |")
                continue

            def m(key):
                vals = [r[key] for r in ok if r.get(key) is not None]
                return statistics.median(vals) if vals else float("nan")

            med[tool] = {k: m(k) for k in ["train_s", "wall_s", "cpu_s", "peak_mb", "accuracy", "macro_f1",
                                             "load_before"]}
            d = med[tool]
            lines.append(f"| {tool} | {d['train_s']:.1f} | {d['wall_s']:.1f} | {d['cpu_s']:.1f} | {d['peak_mb']:.0f} | "
                         f"{d['accuracy']:.5f} | {d['macro_f1']:.4f} | {d['load_before']:.1f} | {len(ok)} |")
        if "stance-sgd" in med and "fasttext" in med:
            s, f = med["stance-sgd"], med["fasttext"]
            ratios = [rs["train_s"] / rf["train_s"] for rs, rf in zip(runs["stance-sgd"], runs["fasttext"])
                      if rs.get("train_s") and rf.get("train_s")]
            lines += ["", f"stance-sgd / fastText train time: median of per-repetition ratios "
                      f"{statistics.median(ratios):.2f} ({', '.join(f'{x:.2f}' for x in ratios)}); "
                      f"peak memory {s['peak_mb'] / f['peak_mb']:.2f}; accuracy "
                      f"{(s['accuracy'] - f['accuracy']) * 100:+.3f} points.", ""]
        if "stance-sgd" in med and "stance-sgd-old" in med:
            ratios = [rn["train_s"] / ro["train_s"] for rn, ro in zip(runs["stance-sgd"], runs["stance-sgd-old"])
                      if rn.get("train_s") and ro.get("train_s")]
            lines += [f"stance-sgd / stance-sgd-old (`{args.old_stance}`) train time: median of per-repetition "
                      f"ratios {statistics.median(ratios):.2f} ({', '.join(f'{x:.2f}' for x in ratios)}); CPU "
                      f"{med['stance-sgd']['cpu_s'] / med['stance-sgd-old']['cpu_s']:.2f}; peak memory "
                      f"{med['stance-sgd']['peak_mb'] / med['stance-sgd-old']['peak_mb']:.2f}.", ""]
    with open(os.path.join(args.out, args.name + ".md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
