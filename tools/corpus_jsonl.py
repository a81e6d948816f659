#!/usr/bin/env python3
"""Builds corpus.jsonl for `stance report --by outlet --over date` from ../shared/corpus.

    python3 tools/corpus_jsonl.py ../shared/corpus > corpus.jsonl

Each corpus folder holds PROVENANCE.md and its records in articles.jsonl (the White House folder:
passages.jsonl, with doc_index.jsonl holding metadata only). Every record with a non-empty text
becomes one line {"id", "outlet", "outlet_type", "date", "title", "text"}, folders in name order,
records in file order. Dates come in a dozen shapes ("12:14, 24-Mar-2022", "Published: Mar 25,
2022 03:23 PM", "Wed, 05 Apr 2023 16:57:41 GMT", "1/3/19"...); they are rewritten as YYYY-MM-DD,
or null when unreadable (the report counts those as undated). Standard library only.
"""
import json
import re
import sys
from datetime import datetime
from pathlib import Path

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def iso_date(value):
    """YYYY-MM-DD for the corpus's date shapes, None when there is no readable date."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    # "Published: ... Updated: ...": the publication date counts.
    text = re.sub(r"^(Published|Updated):\s*", "", text)
    text = re.split(r"\s+Updated:", text)[0]
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return checked(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"(\d{1,2})[- ]([A-Za-z]{3})[A-Za-z]*,?[- ](\d{4})", text)  # 24-Mar-2022, 18 Aug, 2019
    if m and m[2].lower() in MONTHS:
        return checked(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    m = re.search(r"([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}), (\d{4})", text)  # November 16, 2020
    if m and m[1].lower() in MONTHS:
        return checked(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2})", text)  # 1/3/19 (month/day/year, China Daily)
    if m:
        return checked(2000 + int(m[3]), int(m[1]), int(m[2]))
    return None


def checked(year, month, day):
    try:
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    counts = {"records": 0, "undated": 0, "empty": 0}
    out = sys.stdout
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for name in ("articles.jsonl", "passages.jsonl"):
            path = folder / name
            if not path.exists():
                continue
            with path.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        sys.exit(f"{path}:{number}: not JSON: {error}")
                    text = record.get("text") or ""
                    if not text.strip():
                        counts["empty"] += 1
                        continue
                    date = iso_date(record.get("date"))
                    counts["records"] += 1
                    counts["undated"] += date is None
                    out.write(json.dumps({
                        "id": record.get("id") or f"{folder.name}:{number}",
                        "outlet": record.get("outlet"),
                        "outlet_type": record.get("outlet_type"),
                        "date": date,
                        "title": record.get("title"),
                        "text": text,
                    }, ensure_ascii=False) + "\n")
    print(f"corpus_jsonl: {counts['records']} records ({counts['undated']} without a readable date, "
          f"{counts['empty']} without text left out)", file=sys.stderr)


if __name__ == "__main__":
    main()
