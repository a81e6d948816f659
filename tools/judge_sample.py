"""Draws the whole articles for a round of article judgments (issue 13), seeded, across every corpus folder.

  python3 tools/judge_sample.py [--shared ../shared] [--seed 13] [--quota FOLDER=N,...] [--blind-share 0.4] --out DIR

Writes DIR/judge_A.jsonl and DIR/judge_B.jsonl (two readers' shares: id, folder, title, text) and
DIR/judge_blind.jsonl (a fifth of each share, shuffled, for a second reader who does not see the first
judgments). Articles already judged in audit/articles.tsv or labels/articles.tsv are left out. The quota
per folder favours the scraped Southeast Asian pages and the two folders that argue (guardian, allsides).
Standard library only; no model is run: judging is reading.
"""

import argparse
import glob
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

QUOTA = {
    "sea_media_china_2011-2024q3": 56,
    "guardian_asia_alliances_2007-2016": 20,
    "allsides_us_media_asia_alliances_2012-2020": 20,
    "us_outlets_china_apr2023": 12,
    "chinadaily_columnists_2012-2018": 10,
    "rt_english_thesis_scrape": 10,
    "peoplesdaily_tradewar_2018": 8,
    "whitehouse_briefing_room_2021-2026": 8,
    "cn_state_media_headlines_2022": 8,
    "singapore_mfa_statements": 4,
    "peoplesdaily_2020-11-19": 2,
    "globaltimes_sample_2023": 2,
}


def judged_ids():
    ids = set()
    for path in (os.path.join(ROOT, "audit", "articles.tsv"), os.path.join(ROOT, "labels", "articles.tsv")):
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) > 1:
                        ids.add(parts[1])
    return ids


def records(shared, folder):
    out = []
    for path in sorted(glob.glob(os.path.join(shared, "corpus", folder, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("text"):
                    out.append({"id": r["id"], "folder": folder, "title": r.get("title") or "", "text": r["text"]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quota", help="FOLDER=N,... instead of the standard quota (QUOTA)")
    ap.add_argument("--blind-share", type=float, default=0.4, help="share of each reader's part read blind")
    args = ap.parse_args()
    quota = QUOTA
    if args.quota:
        quota = {k: int(v) for k, v in (item.split("=") for item in args.quota.split(","))}
    rng = random.Random(args.seed)
    skip = judged_ids()
    shares = {"A": [], "B": []}
    blind = []
    for folder, n in quota.items():
        pool = sorted((r for r in records(args.shared, folder) if r["id"] not in skip), key=lambda r: r["id"])
        picked = rng.sample(pool, min(n, len(pool)))
        half = len(picked) // 2 + len(picked) % 2
        for name, part in (("A", picked[:half]), ("B", picked[half:])):
            shares[name].extend(part)
            blind.extend(rng.sample(part, max(1, round(len(part) * args.blind_share))) if part else [])
    rng.shuffle(blind)
    os.makedirs(args.out, exist_ok=True)
    for name, rows in (("judge_A", shares["A"]), ("judge_B", shares["B"]), ("judge_blind", blind)):
        with open(os.path.join(args.out, name + ".jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} articles")


if __name__ == "__main__":
    main()
