"""Simulated annotation: does `stance suggest` reach a model's quality with fewer labels than
labelling at random?

usage: python3 bench/suggest_sim.py [--bin STANCE] [--datasets ag_news,20ng_test_stripped,labels] [--seeds 1,2,3]
                                    [--variants 'margin=;clusters=--cluster-pool 10'] [--reuse OLD.json]
                                    [--jobs N] [--out bench/results/suggest]

For each data set, a fifth of the examples (by source group, seeded) is held out as the test
set; the rest is the pool. Each seed starts from the same random START labels for both
strategies, then adds BATCH labels a round, up to END:
  - random: BATCH pool examples drawn at random;
  - suggest: `stance suggest` over the unlabelled pool (JSONL records with their source), the
    pool examples holding the BATCH sentences it proposes get their gold labels (`--unit
    document` for the data sets labelled by document: AG News items, newsgroup posts).
After each round a model is trained on the labels (`stance train --folds 0 --context-folds 0`)
and its macro-F1 measured on the test set (`stance eval`). The curves are averaged over seeds;
"labels to match" is the number of labels at which the mean suggest curve first reaches the
mean random curve's final macro-F1 (linear between rounds), as a share of random's final count.
--variants compares several suggest settings (NAME=OPTIONS, ';'-separated; default one variant,
"suggest", with --suggest-args) against the same random curve; each has its own column.
--jobs runs that many (data set, seed, strategy) simulations at once (each in its own folder; the
results do not depend on it). --reuse takes the curves of a (data set, seed, strategy) from an
earlier OUT.json instead of simulating them again: only valid for the same build, data and
settings (the random curve does not depend on the variants).

Data: tools/datasets.sh writes ag_news.tsv, babe.tsv, basil.tsv and 20ng_test_stripped.tsv (the
20 Newsgroups test posts without headers) from ../shared/data; `labels` is the project's
labels/*.tsv grouped by source. Writes OUT.md (table), OUT.json (curves) and, with
matplotlib (bench/venv.sh), OUT.png; each curve is also appended to OUT.curves.jsonl as soon as it
is done, so that a run cut short can go on with --reuse. Standard library otherwise.
"""

import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
from labels_io import read_label_rows  # noqa: E402

# start, batch, end (labels; kept small for a shared 2-core machine), and suggest's --unit. AG News
# items and newsgroup posts are labelled as a whole, but suggesting their most uncertain sentence
# did better than ranking whole documents in a first run (seed 1: AG News reached random's final
# macro-F1 with 47% of the labels by sentence, 63% by document; 20 Newsgroups with 80% and 99%),
# so every data set here uses sentences; pass --unit document through --suggest-args to compare.
SETTINGS = {
    "ag_news": (200, 200, 2000, "sentence"),
    "babe": (200, 150, 1700, "sentence"),
    "basil": (300, 200, 2300, "sentence"),
    "20ng_test_stripped": (400, 300, 3400, "sentence"),
    "labels": (300, 300, 3300, "sentence"),
}


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if n == 0 and parts[0] == "label":
                continue
            if len(parts) >= 2 and parts[1].strip():
                rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 and parts[2] else "row%d" % n))
    return rows


def load(name, data_dir):
    if name == "labels":
        return [(r.label, r.text, r.group) for r in read_label_rows(ROOT)]
    return read_tsv(os.path.join(data_dir, name + ".tsv"))


def clean(text):
    return " ".join(text.replace("\t", " ").split())


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("label\ttext\tsource\n")
        for label, text, source in rows:
            f.write("%s\t%s\t%s\n" % (label, clean(text), clean(source)))


def run(args, **kw):
    result = subprocess.run(args, capture_output=True, text=True, **kw)
    if result.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(args), result.stderr))
    return result


def split(rows, seed):
    """Test set: a fifth of the source groups (seeded); pool: the rest."""
    groups = sorted({r[2] for r in rows})
    random.Random(seed * 7919).shuffle(groups)
    test_groups = set(groups[: max(1, len(groups) // 5)])
    test = [r for r in rows if r[2] in test_groups]
    pool = [r for r in rows if r[2] not in test_groups]
    return pool, test


def macro_f1(stance, work, labelled, test_path):
    train_path = os.path.join(work, "train.tsv")
    model = os.path.join(work, "m.model")
    write_tsv(train_path, labelled)
    run([stance, "train", train_path, "-o", model, "--folds", "0", "--context-folds", "0", "--force",
         "--format", "json"])
    out = run([stance, "eval", test_path, "--model", model, "--format", "json"]).stdout
    return json.loads(out)["macro_f1"], model


def suggest(stance, work, model, pool, unlabelled, count, unit, extra):
    """Pool indices holding the sentences `stance suggest` proposes, best first."""
    pool_path = os.path.join(work, "pool.jsonl")
    with open(pool_path, "w", encoding="utf-8") as f:
        for i in unlabelled:
            label, text, source = pool[i]
            f.write(json.dumps({"id": i, "source": source, "text": text}, ensure_ascii=False) + "\n")
    picked = []
    asked = count
    while True:
        out = os.path.join(work, "next.tsv")
        run([stance, "suggest", pool_path, "--model", model, "--count", str(asked), "-o", out, "--force",
             "--unit", unit] + extra)
        suggestions = []
        with open(out, encoding="utf-8") as f:
            next(f)
            for line in f:
                label, text, source = line.rstrip("\n").split("\t")
                suggestions.append((text, source))
        # A suggestion is a sentence of a pool example (an example may hold several sentences):
        # the example from that source whose text contains it gets its gold label.
        by_source = {}
        for i in unlabelled:
            by_source.setdefault(pool[i][2], []).append(i)
        picked, seen = [], set()
        for text, source in suggestions:
            for i in by_source.get(source, []):
                if i not in seen and clean(text) in clean(pool[i][1]):
                    picked.append(i)
                    seen.add(i)
                    break
            if len(picked) == count:
                return picked
        if len(suggestions) < asked or asked >= 4 * count:
            return picked
        asked *= 2


def simulate(stance, name, rows, seed, work, strategy, extra):
    """One curve: `strategy` is "random" or a suggest variant run with the options `extra`."""
    work = tempfile.mkdtemp(prefix="%s-%d-%s-" % (name, seed, strategy), dir=work)
    start, batch, end, unit = SETTINGS[name]
    pool, test = split(rows, seed)
    test_path = os.path.join(work, "test.tsv")
    write_tsv(test_path, test)
    rng = random.Random(seed)
    order = list(range(len(pool)))
    rng.shuffle(order)
    labelled = order[:start]  # the same random start for every strategy
    in_set = set(labelled)
    random_rest = order[start:]  # the same draw order for each seed
    curve = []
    while True:
        f1, model = macro_f1(stance, work, [pool[i] for i in labelled], test_path)
        curve.append((len(labelled), f1))
        print("%s seed %d %s: %d labels, macro-F1 %.3f" % (name, seed, strategy, len(labelled), f1),
              file=sys.stderr, flush=True)
        if len(labelled) >= end:
            break
        want = min(batch, end - len(labelled))
        if strategy == "random":
            new = random_rest[:want]
            random_rest = random_rest[want:]
        else:
            unlabelled = [i for i in range(len(pool)) if i not in in_set]
            new = suggest(stance, work, model, pool, unlabelled, want, unit, extra)
        if not new:
            break
        labelled += new
        in_set.update(new)
    return {"pool": len(pool), "test": len(test), "curve": curve}


def reused_curves(paths):
    """(data set, seed, strategy) -> curve, from earlier OUT.json or OUT.curves.jsonl files."""
    found = {}
    for path in paths:
        with open(path) as f:
            if path.endswith(".jsonl"):
                for line in f:
                    c = json.loads(line)
                    found[(c["dataset"], c["seed"], c["strategy"])] = {
                        "pool": c["pool"], "test": c["test"], "curve": [tuple(p) for p in c["curve"]]}
                continue
            old = json.load(f)
        for name, r in old.items():
            for i, run_ in enumerate(r["runs"]):
                seed = run_.get("seed", r["seeds"][i])
                for strategy, curve in run_["curves"].items():
                    found[(name, seed, strategy)] = {"pool": r["pool"], "test": r["test"],
                                                     "curve": [tuple(p) for p in curve]}
    return found


def mean_curve(runs, strategy):
    points = {}
    for r in runs:
        for n, f1 in r["curves"][strategy]:
            points.setdefault(n, []).append(f1)
    return [(n, sum(v) / len(v), len(v)) for n, v in sorted(points.items())]


def labels_to_reach(curve, target):
    """The first (interpolated) number of labels at which `curve` reaches `target`."""
    previous = None
    for n, f1, _ in curve:
        if f1 >= target:
            if previous is None:
                return n
            n0, f0 = previous
            return n0 + (target - f0) / (f1 - f0) * (n - n0) if f1 > f0 else n
        previous = (n, f1)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "stance"))
    ap.add_argument("--datasets", default="ag_news,20ng_test_stripped,labels",
                    help="also babe, basil (tools/datasets.sh)")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--data", default=None, help="folder of tools/datasets.sh output (made if missing)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "suggest"))
    ap.add_argument("--suggest-args", default="", help="extra options for stance suggest, space-separated")
    ap.add_argument("--variants", default=None,
                    help="NAME=OPTIONS;... suggest settings to compare (default: suggest=--suggest-args)")
    ap.add_argument("--reuse", action="append", default=[], help="earlier OUT.json whose curves are kept")
    ap.add_argument("--jobs", type=int, default=1, help="simulations run at once")
    args = ap.parse_args()
    if args.variants:
        variants = {}
        for item in args.variants.split(";"):
            vname, _, options = item.partition("=")
            if not vname.strip() or vname.strip() == "random":
                sys.exit("--variants: bad item %r (NAME=OPTIONS, NAME not 'random')" % item)
            variants[vname.strip()] = options.split()
    else:
        variants = {"suggest": args.suggest_args.split()}
    seeds = [int(s) for s in args.seeds.split(",")]
    names = args.datasets.split(",")
    reused = reused_curves(args.reuse)
    work = tempfile.mkdtemp(prefix="suggest-sim-")
    data_dir = args.data or os.path.join(work, "data")
    if any(n != "labels" for n in names) and not os.path.exists(os.path.join(data_dir, "ag_news.tsv")):
        run([os.path.join(ROOT, "tools", "datasets.sh"), data_dir])
    rows = {name: load(name, data_dir) for name in names}
    strategies = ["random"] + list(variants)
    # Strategy by strategy, so that a run cut short has whole comparisons for the first ones; each
    # finished curve is appended to OUT.curves.jsonl at once (--reuse takes it back).
    tasks = [(name, seed, strategy) for strategy in strategies for name in names for seed in seeds]
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    done = {task: reused[task] for task in tasks if task in reused}
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as executor:
        futures = {executor.submit(simulate, args.bin, task[0], rows[task[0]], task[1], work, task[2],
                                   variants.get(task[2], [])): task
                   for task in tasks if task not in reused}
        for future in concurrent.futures.as_completed(futures):
            task = futures[future]
            done[task] = future.result()
            with open(args.out + ".curves.jsonl", "a") as log:
                log.write(json.dumps(dict(dataset=task[0], seed=task[1], strategy=task[2], **done[task])) + "\n")
    results = {}
    for name in names:
        runs = [{"seed": seed, "curves": {s: done[(name, seed, s)]["curve"] for s in strategies}}
                for seed in seeds]
        random_curve = mean_curve(runs, "random")
        final_n, final_f1, _ = random_curve[-1]
        entry = {
            "examples": len(rows[name]), "pool": done[(name, seeds[0], "random")]["pool"],
            "test": done[(name, seeds[0], "random")]["test"], "seeds": seeds, "random": random_curve,
            "random_final_f1": final_f1, "random_final_labels": final_n, "variants": {}, "runs": runs,
        }
        for vname, options in variants.items():
            curve = mean_curve(runs, vname)
            reach = labels_to_reach(curve, final_f1)
            entry["variants"][vname] = {
                "options": " ".join(options), "curve": curve, "labels_to_match": reach,
                "share": None if reach is None else reach / final_n,
            }
        results[name] = entry
    write_atomically(args.out + ".json", json.dumps(results, indent=1) + "\n")
    command = "python3 bench/suggest_sim.py --datasets %s --seeds %s" % (",".join(names), ",".join(map(str, seeds)))
    if args.variants:
        command += " --variants '%s'" % args.variants
    elif args.suggest_args:
        command += " --suggest-args '%s'" % args.suggest_args
    lines = [
        "# Simulated annotation: `stance suggest` against random labelling",
        "",
        "`%s` (see the script's header). Macro-F1 on a held-out fifth of each data set (by source), mean "
        "over %d seeds; models trained with `--folds 0 --context-folds 0`. The share is the labels a "
        "variant needs to reach random's final macro-F1, as a share of random's labels (target: at most "
        "70%%)." % (command, len(seeds)),
        "",
        "Variants: " + "; ".join("**%s**: `stance suggest %s`" % (v, " ".join(o) or "(defaults)")
                                 for v, o in variants.items()) + ".",
        "",
        "| data set | examples | pool / test | random: labels, macro-F1 | "
        + " | ".join("%s: macro-F1 at the same labels, labels to match (share)" % v for v in variants) + " |",
        "|---|---|---|---|" + "---|" * len(variants),
    ]
    for name, r in results.items():
        cells = []
        for v in variants:
            var = r["variants"][v]
            reach = "not reached" if var["labels_to_match"] is None else "%.0f (%.0f%%)" % (
                var["labels_to_match"], 100 * var["share"])
            cells.append("%.3f, %s" % (var["curve"][-1][1], reach))
        lines.append("| %s | %d | %d / %d | %d, %.3f | %s |" % (
            name, r["examples"], r["pool"], r["test"], r["random_final_labels"], r["random_final_f1"],
            " | ".join(cells)))
    lines += ["", "Curves (labels: random / %s macro-F1):" % " / ".join(variants), ""]
    for name, r in results.items():
        points = []
        for i, (n, f1, _) in enumerate(r["random"]):
            others = [r["variants"][v]["curve"][i][1] if i < len(r["variants"][v]["curve"]) else float("nan")
                      for v in variants]
            points.append("%d: %s" % (n, " / ".join("%.3f" % x for x in [f1] + others)))
        lines.append("- %s: " % name + ", ".join(points))
    write_atomically(args.out + ".md", "\n".join(lines) + "\n")
    print("\n".join(lines))
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no matplotlib: no plot (run with bench/venv.sh's python)", file=sys.stderr)
        return
    fig, axes = plt.subplots(1, len(results), figsize=(4.2 * len(results), 3.6), squeeze=False)
    styles = ["s-", "^-", "v-", "d-", "x-"]
    for ax, (name, r) in zip(axes[0], results.items()):
        ax.plot([p[0] for p in r["random"]], [p[1] for p in r["random"]], "o--", label="random", markersize=3)
        for k, (v, var) in enumerate(r["variants"].items()):
            ax.plot([p[0] for p in var["curve"]], [p[1] for p in var["curve"]], styles[k % len(styles)], label=v,
                    markersize=3)
        ax.axhline(r["random_final_f1"], color="grey", linewidth=0.6)
        ax.set_title(name)
        ax.set_xlabel("labels")
        ax.set_ylabel("macro-F1 (test)")
        ax.legend(loc="lower right", fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out + ".tmp.png", dpi=110)
    os.replace(args.out + ".tmp.png", args.out + ".png")


def write_atomically(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
