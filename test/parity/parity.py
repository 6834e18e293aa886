#!/usr/bin/env python3
"""The parity test: every front end reports the same findings.

Runs the standalone tool, the clang-tidy plugin and the analyzer plugin (via
clang --analyze) on every .cpp file of a folder (its headers found with
-I<folder>) and compares the sets of (file, line, check) they report,
findings located in headers included: the tool and clang-tidy get
--header-filter, since the analyzer has no such filter. Prints one line per
file that differs and the totals; exits 1 when any file differs or a front end fails to run, 0
otherwise."""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

WARNING = re.compile(r"^(.*?):(\d+):\d+: warning: .* \[(golife[-.][A-Za-z-]+)\]$")


def check_key(name):
    """golife.WaitGroup and golife-waitgroup name the same check."""
    return name[len("golife") + 1:].replace("-", "").lower()


def findings(command, name):
    """The (file, line, check) set a front end prints; a string on failure.
    Exit status 1 means findings for the tool; clang-tidy and clang exit 0."""
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        return f"{name} exited {run.returncode}: {run.stderr.strip()[:300]}"
    found = set()
    for line in (run.stdout + run.stderr).splitlines():
        match = WARNING.match(line)
        if match:
            found.add((os.path.basename(match.group(1)), int(match.group(2)),
                       check_key(match.group(3))))
    return found


def compare(path, args):
    flags = ["-std=c++20", "-I" + args.include, "-I" + args.folder]
    headers = "--header-filter=" + args.header_filter
    runs = {
        "golife": findings([args.golife, headers, path, "--", *flags],
                           "golife"),
        "clang-tidy": findings(
            [args.clang_tidy, "--load=" + args.tidy_plugin,
             "--checks=-*,golife-*", headers, path, "--", *flags],
            "clang-tidy"),
        "clang --analyze": findings(
            [args.clang, "--analyze", "-fplugin=" + args.analyzer_plugin,
             "-Xanalyzer", "-analyzer-checker=golife", *flags, path,
             "-o", os.devnull], "clang --analyze"),
    }
    errors = [r for r in runs.values() if isinstance(r, str)]
    if errors:
        return "error", "; ".join(errors)
    sets = list(runs.values())
    if all(s == sets[0] for s in sets):
        return "same", f"{len(sets[0])} finding(s)"
    text = "; ".join(
        f"{name}: {sorted((line, check) for _, line, check in found)}"
        for name, found in runs.items())
    return "differ", text


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--golife", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--analyzer-plugin", required=True)
    parser.add_argument("--tidy-plugin", required=True)
    parser.add_argument("--header-filter", default=".*",
                        help="the tool's and clang-tidy's (default: every "
                        "header, as the analyzer)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    files = sorted(f for f in os.listdir(args.folder) if f.endswith(".cpp"))
    if not files:
        print(f"parity: error: no .cpp file in {args.folder}", file=sys.stderr)
        return 2
    paths = [os.path.join(args.folder, f) for f in files]
    counts = {"same": 0, "differ": 0, "error": 0}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, (verdict, detail) in zip(
                files, pool.map(lambda p: compare(p, args), paths)):
            counts[verdict] += 1
            if verdict != "same":
                print(f"{verdict:<7} {name}: {detail}")
    print(f"parity over {len(files)} files: {counts['same']} agree, "
          f"{counts['differ']} differ, {counts['error']} errors")
    return 0 if counts["same"] == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
