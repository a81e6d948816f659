"""Reads labelled sentences (`*.tsv` labels files, or directories of them) by the rules of stance's
own reader (Sources/Classifier/LabelledData.swift, LabelledDataFormats.swift), for the Python scripts
under tools/, experiments/ and bench/. Standard library only.

The rules, as `stance train` applies them:
- Directories are walked in sorted path order; hidden entries, `stance.json` and the companion files
  (articles.tsv, article_texts.jsonl, boilerplate.jsonl) are not sentences. Only `.tsv` is read here:
  another labels format in a directory is an error rather than a silent loss.
- A line is `label<TAB>text[<TAB>source]`; blank lines and lines starting with `#` are skipped; an
  optional first line naming the columns (`label`, `text`, `source`, in any order) sets which is which.
  Fields lose surrounding blanks. An empty label or text, an unreviewed label (`?...`, from
  `stance suggest`) or too many columns is an error naming the file and line.
- Exact duplicates (same text, same label) keep the first copy; a text found under two labels is
  dropped in every copy (a conflict). `keep_duplicates=True` keeps every row, as `--keep-duplicates`.

`python3 tools/labels_io.py [PATH...]` (default: labels/) prints what was read and the data hash,
which equals the `data hash` of `stance inspect` for a model trained on the same labels.
"""

import collections
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Beside the sentences, not sentences (LabelledDataFiles.companions and .settings in Swift).
COMPANIONS = {"articles.tsv", "article_texts.jsonl", "boilerplate.jsonl"}
SETTINGS = {"stance.json"}
# Labels formats stance reads; this reader takes only .tsv and refuses the others in a folder.
LABEL_EXTENSIONS = {"tsv", "jsonl", "json", "csv", "txt"}



class LabelRow(collections.namedtuple("LabelRow", "label text source file line")):
    """One example: its label, text, source (the article it came from, None when the file gives
    none), the labels file's path as found and the 1-based line."""

    __slots__ = ()

    @property
    def group(self):
        """The cross-validation group: the source, or `file:line` (a group of its own), as
        LabelledData.groups in Swift."""
        return self.source if self.source is not None else f"{self.file}:{self.line}"


class LabelsError(ValueError):
    """A labels file that stance would refuse; the message names the file and line."""


def _blank(c):
    # Swift's CharacterSet.whitespaces: tab and the Unicode space separators (Zs).
    return c == "\t" or unicodedata.category(c) == "Zs"


def _trim(field):
    start, end = 0, len(field)
    while start < end and _blank(field[start]):
        start += 1
    while end > start and _blank(field[end - 1]):
        end -= 1
    return field[start:end]


def _extension(name):
    dot = name.rfind(".")
    return name[dot + 1:].lower() if dot > 0 else ""


def find_files(path):
    """The labels files at `path` (a file, or every `.tsv` under a directory in sorted path order)."""
    if not os.path.isdir(path):
        if _extension(path) != "tsv":
            raise LabelsError(f"{path}: labels_io reads only .tsv labels files")
        return [path]
    found = []
    for name in sorted(os.listdir(path)):
        child = os.path.join(path, name)
        if name.startswith(".") or name in SETTINGS:
            continue
        if os.path.isdir(child):
            found += find_files(child)
        elif _extension(name) in LABEL_EXTENSIONS and name not in COMPANIONS:
            if _extension(name) != "tsv":
                raise LabelsError(f"{child}: labels_io reads only .tsv labels files; use stance for this one")
            found.append(child)
    return found


def read_tsv(path):
    """The examples of one labels file as (label, text, source or None, line) tuples, in line order."""
    label_column, text_column, source_column, most_columns = 0, 1, 2, 3
    first = True
    examples = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines, start=1):
        line = line[:-1] if line.endswith("\r") else line
        if not line.strip() or line.startswith("#"):
            continue
        fields = [_trim(x) for x in line.split("\t")]

        def bad(problem):
            return LabelsError(f"{path}:{number}: {problem}")

        if first:
            first = False
            names = [x.lower() for x in fields]
            if "label" in names and "text" in names:
                label_column, text_column = names.index("label"), names.index("text")
                source_column = names.index("source") if "source" in names else None
                most_columns = len(fields) + 10**9  # a header may name extra columns, which are ignored
                continue
            if {"label", "text", "source"} & set(names):
                raise bad("header must name both a label and a text column, found " + ", ".join(names))
        if len(fields) < 2:
            raise bad("missing label column (expected label<TAB>text[<TAB>source])")
        if len(fields) > most_columns:
            raise bad(f"{len(fields)} columns, expected label<TAB>text[<TAB>source] (a tab inside the text?)")
        label = fields[label_column] if label_column < len(fields) else ""
        text = fields[text_column] if text_column < len(fields) else ""
        if not label:
            raise bad("empty label")
        if label.startswith("?"):
            raise bad(f"unreviewed label '{label}' (a guess of stance suggest): replace it with the label you mean")
        if not text:
            raise bad("empty text")
        source = fields[source_column] if source_column is not None and source_column < len(fields) else ""
        examples.append((label, text, source or None, number))
    return examples


def read_labels(paths, keep_duplicates=False):
    """Every example of the labels files at `paths` (files or directories), as `LabelRow`s in
    reading order, with stance's duplicate and conflict rules; returns (rows, duplicates dropped,
    conflicting texts)."""
    raw = []
    for path in paths:
        for file in find_files(path):
            for label, text, source, line in read_tsv(file):
                raw.append((label, text, source, file, line))
    by_text = collections.defaultdict(list)
    for i, row in enumerate(raw):
        by_text[row[1]].append(i)
    keep = [True] * len(raw)
    duplicates, conflicts = 0, []
    for text, indices in by_text.items():
        if len({raw[i][0] for i in indices}) > 1:
            conflicts.append(text)
            for i in indices:
                keep[i] = False
        else:
            duplicates += len(indices) - 1
            for i in indices[1:]:
                keep[i] = False
    rows = [LabelRow(*row) for i, row in enumerate(raw) if keep_duplicates or keep[i]]
    return rows, (0 if keep_duplicates else duplicates), conflicts


def read_label_rows(root=ROOT):
    """The project's labelled sentences (ROOT/labels) as `stance train labels/` reads them."""
    return read_labels([os.path.join(root, "labels")])[0]


def data_hash(rows):
    """`LabelledData.fingerprint`: FNV-1a 64 over the sorted `label TAB text TAB source LF` lines
    (UTF-8, byte order), as 16 hex digits."""
    lines = [f"{r.label}\t{r.text}\t{r.source or ''}\n".encode("utf-8") for r in rows]
    value = 0xCBF29CE484222325
    for line in sorted(lines):
        for b in line:
            value = ((value ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def write_label_rows(rows, path):
    """Writes `rows` as one labels file (`label<TAB>text<TAB>source`, a header line)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("label\ttext\tsource\n")
        for row in rows:
            f.write(f"{row.label}\t{row.text}\t{row.source or ''}\n")


def main():
    paths = sys.argv[1:] or [os.path.join(ROOT, "labels")]
    try:
        rows, duplicates, conflicts = read_labels(paths)
    except LabelsError as error:
        sys.exit(f"labels_io: {error}")
    counts = collections.Counter(r.label for r in rows)
    print(f"{len(rows)} examples: " + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)))
    print(f"dropped {duplicates} exact duplicates; {len(conflicts)} texts under two labels dropped")
    print(f"data hash: {data_hash(rows)}")


if __name__ == "__main__":
    main()
