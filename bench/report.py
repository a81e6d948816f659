"""Turns bench/results/compare.json into markdown tables (stdout) and the scale plot (PNG).

usage: report.py RESULTS_DIR
"""

import json
import os
import sys


def fmt(v, digits=2):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def ratio(a, b):
    if a is None or b is None or a == 0:
        return "–"
    return f"{b / a:.1f}x"


def table(task):
    s = task["summary"]
    lines = [f"### {task['task']}", "",
             "| tool | vectorize s | fit s | train s (vec+fit) | predict s | peak MB | accuracy | macro-F1 | runs |",
             "|---|---|---|---|---|---|---|---|---|"]
    for tool, r in s.items():
        if "error" in r:
            lines.append(f"| {tool} | error: {r['error']} | | | | | | | |")
            continue
        train = (r.get("vectorize_s") or 0) + (r.get("fit_s") or 0)
        lines.append(f"| {tool} | {fmt(r['vectorize_s'])} | {fmt(r['fit_s'])} | {fmt(train)} | {fmt(r['predict_s'])} | "
                     f"{fmt(r['peak_mb'], 0)} | {fmt(r['accuracy'], 4)} | {fmt(r['macro_f1'], 4)} | {r['runs']} |")
    st, sk = s.get("stance", {}), s.get("sklearn", {})
    if "error" not in st and "error" not in sk and st and sk:
        train_st = (st.get("vectorize_s") or 0) + (st.get("fit_s") or 0)
        train_sk = (sk.get("vectorize_s") or 0) + (sk.get("fit_s") or 0)
        mb = st.get("train_mb")
        # `stance train` times vectorizing and fitting together: then only "train" compares.
        vectorize = (f" vectorize {ratio(st['vectorize_s'], sk['vectorize_s'])} faster"
                     f" ({fmt(mb / st['vectorize_s'] if mb and st['vectorize_s'] else None, 1)} vs"
                     f" {fmt(mb / sk['vectorize_s'] if mb and sk['vectorize_s'] else None, 1)} MB/s),"
                     f" fit {ratio(st['fit_s'], sk['fit_s'])}," if st.get("vectorize_s") else "")
        lines += ["", f"stance vs scikit-learn:{vectorize} train (vectorize + fit) {ratio(train_st, train_sk)} faster,"
                  f" predict {ratio(st['predict_s'], sk['predict_s'])}, peak memory"
                  f" {fmt(st['peak_mb'] / sk['peak_mb'] if sk['peak_mb'] else None)} of scikit-learn's,"
                  f" accuracy {fmt((st['accuracy'] - sk['accuracy']) * 100 if st['accuracy'] is not None else None)} points."]
    return "\n".join(lines) + "\n"


def plot(tasks, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scale = sorted((t for t in tasks if t["task"].startswith("scale")),
                   key=lambda t: int(t["task"].split("_")[1].rstrip("k")))
    if not scale:
        return False
    sizes = [int(t["task"].split("_")[1].rstrip("k")) * 1000 for t in scale]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for tool in scale[0]["summary"]:
        # A tool not run (or failed) at some size is plotted over the sizes it has.
        have = [(n, t["summary"][tool]) for n, t in zip(sizes, scale)
                if tool in t["summary"] and "error" not in t["summary"][tool]]
        xs = [n for n, _ in have]
        secs = [(r.get("vectorize_s") or 0) + (r.get("fit_s") or 0) for _, r in have]
        mem = [r.get("peak_mb") for _, r in have]
        a.plot(xs, secs, marker="o", label=tool)
        b.plot(xs, mem, marker="o", label=tool)
    for ax, title in ((a, "train seconds (vectorize + fit)"), (b, "peak memory MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("sentences")
        ax.set_title(title)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return True


def main():
    d = sys.argv[1]
    with open(os.path.join(d, "compare.json")) as f:
        tasks = json.load(f)
    print("# stance beside scikit-learn, LIBLINEAR and fastText\n")
    print("Tables made by `bench/report.py` from `bench/results/compare.json`; the settings, the commands and "
          "the machine are in `bench/RESULTS.md`. Medians over repetitions (and folds, for BABE and AG News).\n")
    order = ["20ng", "20ng_stripped", "babe", "ag_news", "scale_10k", "scale_100k", "scale_1000k"]
    tasks = sorted(tasks, key=lambda t: order.index(t["task"]) if t["task"] in order else len(order))
    for t in tasks:
        print(table(t))
    if plot(tasks, os.path.join(d, "scale.png")):
        print("![time and memory against data size](results/scale.png)\n")


if __name__ == "__main__":
    main()
