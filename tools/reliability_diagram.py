"""Draws the reliability diagram of a model's sentence probabilities (docs/reliability.png).

  $(bench/venv.sh) tools/reliability_diagram.py [--stance .build/release/stance] [--model FILE] [--out FILE]

Reads the reliability bins that `stance train` stored in the model (`stance inspect --format json`,
metadata.calibration.reliability: the out-of-fold predictions of its cross-validation, top label, 10 bins,
before and after the temperature fitted without each fold) and plots accuracy against confidence, with the
diagonal of perfect calibration and the share of predictions per bin. Needs matplotlib (bench/venv.sh).
"""

import argparse
import json
import os
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", default=os.path.join(ROOT, ".build", "release", "stance"))
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "stance.model"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "reliability.png"))
    args = ap.parse_args()
    out = subprocess.run([args.stance, "inspect", "--model", args.model, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    metadata = json.loads(out)["metadata"]
    bins = metadata["calibration"]["reliability"]
    temperature = metadata["calibration"]["temperature"]
    ece = metadata.get("calibrationError", {})
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7), gridspec_kw={"height_ratios": [3, 1]}, sharex=True)
    top.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="perfect calibration")
    for prefix, name, colour, marker in (("", "model", "#E69F00", "o"), ("calibrated", "calibrated", "#0072B2", "s")):
        key = (lambda k: prefix + k[0].upper() + k[1:]) if prefix else (lambda k: k)
        pts = [(b[key("confidence")], b[key("accuracy")]) for b in bins if b[key("count")] > 0]
        e = ece.get("calibrated" if prefix else "uncalibrated", {}).get("mean")
        label = f"{name}" + (f" (ECE {e:.3f})" if e is not None else "")
        top.plot([p[0] for p in pts], [p[1] for p in pts], marker=marker, color=colour, label=label)
    top.set_ylabel("accuracy (share right)")
    top.set_xlim(0, 1)
    top.set_ylim(0, 1)
    top.set_title(f"Reliability of the top label, out of fold (temperature {temperature:.3f})")
    top.legend(loc="upper left")
    top.grid(alpha=0.3)
    total = sum(b["count"] for b in bins)
    bottom.bar([b["lower"] + 0.05 for b in bins], [b["count"] / total for b in bins], width=0.09, color="#E69F00")
    bottom.set_xlabel("confidence (top-label probability)")
    bottom.set_ylabel("share of\nsentences")
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"wrote {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
