#!/usr/bin/env python3
"""The corpus scorer: runs the golife tool on every program a corpus folder's
INDEX.tsv lists and scores its warnings against the index's BUG lines.

A leaking program is found when a golife warning lands on one of its BUG
lines; a clean program must get no warning; warnings on other lines of a
leaking program are extra findings, false alarms like those on clean ones.
Prints one line per file in index order, then the totals. Exits 0, or with
--gate 1 on any miss, false positive, extra finding or error; 2 when the
scorer itself cannot run."""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field

WARNING = re.compile(
    r"^(.*):(\d+):(\d+): warning: (.*) \[(golife-[a-z-]+)\]$")


class ScorerError(Exception):
    """The scorer cannot run: bad arguments or an unreadable index."""


@dataclass
class Entry:
    """One program of the index and what golife made of it."""
    file: str
    expected: str  # "leak" or "clean"
    bug_lines: list
    findings: list = field(default_factory=list)
    verdict: str = ""
    error: str = ""
    seconds: float = 0.0

    def hits(self):
        return [f for f in self.findings if f["line"] in self.bug_lines]

    def extras(self):
        return [f for f in self.findings if f["line"] not in self.bug_lines]


def parse_lines(text):
    """Returns the BUG lines of a `9,14` or `-` column, None if it is
    neither (a header row, or a broken one)."""
    text = text.strip()
    if text == "-":
        return []
    numbers = [n.strip() for n in text.split(",")]
    if not all(n.isdigit() for n in numbers):
        return None
    return sorted({int(n) for n in numbers})


def entries_of_row(fields):
    """Returns the entries one index row lists, None if it cannot be read.

    Two shapes: seeds (file, leak|clean, lines, source) and kernels
    (kernel, category, subtype, lines), where <kernel>.cpp leaks at the
    lines and <kernel>_fixed.cpp is clean."""
    if len(fields) >= 3 and fields[1] in ("leak", "clean"):
        lines = parse_lines(fields[2])
        # A leak needs lines to be found at; a clean file has none.
        if lines is None or bool(lines) != (fields[1] == "leak"):
            return None
        return [Entry(fields[0], fields[1], lines)]
    if len(fields) >= 4:
        lines = parse_lines(fields[3])
        if not lines:
            return None
        return [Entry(fields[0] + ".cpp", "leak", lines),
                Entry(fields[0] + "_fixed.cpp", "clean", [])]
    return None


def read_index(corpus):
    path = os.path.join(corpus, "INDEX.tsv")
    try:
        with open(path, encoding="utf-8") as index:
            rows = index.read().splitlines()
    except OSError as err:
        raise ScorerError(f"cannot read {path}: {err.strerror}") from err
    entries = []
    seen_content = False
    for number, row in enumerate(rows, start=1):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in row.split("\t")]
        listed = entries_of_row(fields)
        if listed is None:
            # Only the first row may be a header; later ones are broken.
            if seen_content:
                raise ScorerError(f"{path}:{number}: cannot read row {row!r}")
            seen_content = True
            continue
        seen_content = True
        entries.extend(listed)
    if not entries:
        raise ScorerError(f"{path} lists no files")
    return entries


def error_line(stderr):
    """The line that says what went wrong: the first naming an error (the
    tool's own message comes after clang's "N errors generated.")."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if "error:" in line:
            return line
    return lines[0] if lines else "no message"


def analyse(entry, args):
    """Runs golife on one entry and fills in its findings and verdict."""
    source = os.path.join(args.corpus, entry.file)
    if not os.path.isfile(source):
        entry.verdict, entry.error = "error", "listed in INDEX.tsv but missing"
        return entry
    command = [args.golife, source, "--", "-std=c++20", "-I" + args.include,
               *args.extra_arg]
    start = time.monotonic()
    try:
        run = subprocess.run(command, capture_output=True, text=True)
    except OSError as err:
        entry.verdict, entry.error = "error", f"cannot run golife: {err}"
        return entry
    finally:
        entry.seconds = time.monotonic() - start
    if run.returncode not in (0, 1):
        entry.verdict = "error"
        entry.error = (f"exit status {run.returncode}: "
                       f"{error_line(run.stderr)}")
        return entry
    name = os.path.basename(source)
    for line in run.stdout.splitlines():
        match = WARNING.match(line)
        if match and os.path.basename(match.group(1)) == name:
            entry.findings.append({"line": int(match.group(2)),
                                   "column": int(match.group(3)),
                                   "check": match.group(5),
                                   "message": match.group(4)})
    if entry.expected == "leak":
        entry.verdict = "found" if entry.hits() else "missed"
    else:
        entry.verdict = "FP" if entry.findings else "clean"
    return entry


def describe(findings):
    return ", ".join(f"{f['line']} [{f['check']}]"
                     for f in sorted(findings, key=lambda f: f["line"]))


def report_line(entry):
    head = f"{entry.verdict:<8} {entry.file}"
    if entry.verdict == "error":
        return f"{head}: {entry.error}"
    if entry.verdict == "FP":
        return f"{head}: {describe(entry.findings)}"
    if entry.verdict == "found":
        text = f"{head}: {describe(entry.hits())}"
        extras = entry.extras()
        return text + (f"; extra {describe(extras)}" if extras else "")
    if entry.verdict == "missed":
        bug_lines = ",".join(str(n) for n in entry.bug_lines)
        reported = describe(entry.findings) or "nothing"
        return f"{head}: BUG lines {bug_lines}; golife reported {reported}"
    return head


def totals_of(entries):
    leaks = [e for e in entries if e.expected == "leak"]
    cleans = [e for e in entries if e.expected == "clean"]
    return {
        "leaks": len(leaks),
        "found": sum(e.verdict == "found" for e in leaks),
        "missed": sum(e.verdict == "missed" for e in leaks),
        "clean_files": len(cleans),
        "false_positives": sum(e.verdict == "FP" for e in cleans),
        "extra": sum(len(e.extras()) for e in leaks),
        "errors": sum(e.verdict == "error" for e in entries),
        "analysis_seconds": round(sum(e.seconds for e in entries), 3),
    }


def write_json(path, corpus_name, entries, totals):
    results = {
        "corpus": corpus_name,
        "files": [{"file": e.file, "expected": e.expected,
                   "bug_lines": e.bug_lines, "findings": e.findings,
                   "verdict": e.verdict, "error": e.error or None}
                  for e in entries],
        "totals": totals,
    }
    try:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)
            out.write("\n")
    except OSError as err:
        raise ScorerError(f"cannot write {path}: {err.strerror}") from err


def check_arguments(args):
    if not os.path.isdir(args.corpus):
        raise ScorerError(f"corpus folder {args.corpus} does not exist")
    if not (os.path.isfile(args.golife) and os.access(args.golife, os.X_OK)):
        raise ScorerError(f"golife binary {args.golife} is missing or "
                          "not executable")
    if not os.path.isdir(args.include):
        raise ScorerError(f"include folder {args.include} does not exist")
    if args.jobs < 1:
        raise ScorerError("--jobs must be at least 1")
    # Fail now rather than after a run of minutes.
    if args.json and not os.path.isdir(os.path.dirname(args.json) or "."):
        raise ScorerError(f"cannot write {args.json}: no such folder")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True,
                        help="corpus folder holding INDEX.tsv")
    parser.add_argument("--golife", required=True,
                        help="the golife standalone tool")
    parser.add_argument("--include", required=True,
                        help="the runtime's include folder")
    parser.add_argument("--extra-arg", action="append", default=[],
                        help="further compiler argument (repeatable; "
                             "write --extra-arg=-DX)")
    parser.add_argument("--jobs", "-j", type=int, default=2,
                        help="files analysed in parallel (default 2)")
    parser.add_argument("--gate", action="store_true",
                        help="exit 1 on any miss, false positive, extra "
                             "finding or error")
    parser.add_argument("--json", metavar="FILE",
                        help="also write the results as JSON to FILE")
    args = parser.parse_args()

    try:
        check_arguments(args)
        # Absolute paths, so golife's diagnostics name the files as we do.
        args.corpus = os.path.abspath(args.corpus)
        args.golife = os.path.abspath(args.golife)
        args.include = os.path.abspath(args.include)
        entries = read_index(args.corpus)
    except ScorerError as err:
        print(f"score_corpus: error: {err}", file=sys.stderr)
        return 2

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        # map() yields in index order, as each result becomes available.
        for entry in pool.map(lambda e: analyse(e, args), entries):
            print(report_line(entry), flush=True)

    corpus_name = os.path.basename(args.corpus)
    totals = totals_of(entries)
    print(f"{corpus_name}: found {totals['found']}/{totals['leaks']} leaks, "
          f"missed {totals['missed']}, false positives "
          f"{totals['false_positives']} (in {totals['clean_files']} clean "
          f"files), extra {totals['extra']}, errors {totals['errors']}; "
          f"analysis time {totals['analysis_seconds']:.1f}s")
    if args.json:
        try:
            write_json(args.json, corpus_name, entries, totals)
        except ScorerError as err:
            print(f"score_corpus: error: {err}", file=sys.stderr)
            return 2

    failures = (totals["missed"] + totals["false_positives"]
                + totals["extra"] + totals["errors"])
    return 1 if args.gate and failures else 0


if __name__ == "__main__":
    sys.exit(main())
