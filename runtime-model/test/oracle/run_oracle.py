#!/usr/bin/env python3
"""The corpus oracle: compiles every program of a corpus folder against the
runtime, explores it under many seeds with golife-run, and checks it against
the folder's INDEX.tsv: a leaking program must, under some seed, print a
report naming one of its BUG lines; a clean one must never fail.

Prints one line per file and the totals; exits 1 on any disagreement."""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

SITE = re.compile(r"(\S+?):(\d+):(\d+)")


def read_index(corpus):
    """Maps file name -> set of BUG lines (empty set: clean).

    Two shapes: seeds (file, leak|clean, lines, source) and goker
    (kernel, category, subtype, lines), where <kernel>.cpp leaks and
    <kernel>_fixed.cpp is clean."""
    expected = {}
    with open(os.path.join(corpus, "INDEX.tsv"), encoding="utf-8") as index:
        for row in index:
            fields = row.rstrip("\n").split("\t")
            if len(fields) < 3 or not fields[0]:
                continue
            if fields[1] in ("leak", "clean"):
                lines = set() if fields[1] == "clean" else parse_lines(fields[2])
                expected[fields[0]] = lines
            else:
                expected[fields[0] + ".cpp"] = parse_lines(fields[3])
                expected[fields[0] + "_fixed.cpp"] = set()
    return expected


def parse_lines(text):
    return {int(n) for n in text.split(",") if n.strip().isdigit()}


def reported_lines(output, file_name):
    return {int(m.group(2)) for m in SITE.finditer(output)
            if os.path.basename(m.group(1)) == file_name}


def check(args, workdir, file_name, bug_lines):
    """Returns (agrees, summary line, details on disagreement)."""
    source = os.path.join(args.corpus, file_name)
    binary = os.path.join(workdir, file_name[:-4])
    compile_cmd = [args.cxx, "-std=c++20", "-O1", "-I", args.include, source,
                   args.runtime_lib] + args.link.split() + ["-o", binary]
    built = subprocess.run(compile_cmd, capture_output=True, text=True)
    if built.returncode != 0:
        return False, f"FAIL  {file_name}: does not compile", built.stderr
    run_cmd = [args.golife_run, "--seeds", str(args.seeds), "--timeout-ms",
               str(args.timeout_ms), "--keep-going", binary]
    explored = subprocess.run(run_cmd, capture_output=True, text=True)
    output = explored.stdout + explored.stderr
    failing = len(re.findall(r"^golife-run: seed \d+:", output, re.M))
    if explored.returncode not in (0, 1):
        return False, f"FAIL  {file_name}: golife-run error", output
    if not bug_lines:
        if explored.returncode == 0:
            return True, f"ok    {file_name}: clean under {args.seeds} seeds", ""
        return False, (f"FAIL  {file_name}: clean file failed under "
                       f"{failing} seed(s)"), output
    named = reported_lines(output, file_name) & bug_lines
    if named:
        lines = ",".join(str(n) for n in sorted(named))
        return True, (f"ok    {file_name}: leak at BUG line(s) {lines} "
                      f"({failing}/{args.seeds} seeds fail)"), ""
    return False, (f"FAIL  {file_name}: no report names a BUG line "
                   f"{sorted(bug_lines)} ({failing} seeds fail)"), output


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--runtime-lib", required=True)
    parser.add_argument("--link", default="", help="further linker arguments")
    parser.add_argument("--golife-run", required=True)
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--timeout-ms", type=int, default=20000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    expected = read_index(args.corpus)
    on_disk = sorted(f for f in os.listdir(args.corpus) if f.endswith(".cpp"))
    unindexed = [f for f in on_disk if f not in expected]
    missing = sorted(f for f in expected if f not in on_disk)

    with tempfile.TemporaryDirectory(prefix="golife-oracle-") as workdir:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = {f: pool.submit(check, args, workdir, f, expected[f])
                       for f in on_disk if f in expected}
            results = {f: fut.result() for f, fut in futures.items()}

    disagreements = 0
    for file_name in sorted(results):
        agrees, summary, details = results[file_name]
        print(summary)
        if not agrees:
            disagreements += 1
            print("      " + details.strip().replace("\n", "\n      "))
    for file_name in unindexed:
        print(f"FAIL  {file_name}: not in INDEX.tsv")
    for file_name in missing:
        print(f"FAIL  {file_name}: in INDEX.tsv but missing")
    leaks = sum(1 for f in results if expected[f])
    total = len(results)
    bad = disagreements + len(unindexed) + len(missing)
    print(f"oracle {os.path.basename(os.path.normpath(args.corpus))}: "
          f"{total - disagreements}/{total} agree ({leaks} leaking, "
          f"{total - leaks} clean, {args.seeds} seeds each), "
          f"{bad} disagreement(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
