#!/usr/bin/env python3
"""Runs golife on the lines a unified diff changes, as clang-tidy-diff.py
runs clang-tidy:

  git diff -U0 origin/main... | golife-diff -p1 -path build [golife options]

reads the diff on stdin, analyses the changed files that are translation
units of the database (-path; with flags after '--' instead, the changed
files that are not headers) and keeps, through golife's --line-filter, the
findings located on a changed line or with a note there. Options it does not
know, and '--' with what follows, go to golife unchanged; its exit status is
golife's (0 clean, 1 findings, 2 errors), 0 when the diff changes no line it
checks. docs/tool.md describes it."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HEADER = re.compile(r".*\.(h|hh|hpp|hxx|inc|ipp)$", re.IGNORECASE)


def changed_lines(diff, strip, selects):
    """{file: [[first, last], ...]} of the lines the diff adds or changes in
    the files `selects` accepts (a hunk that only deletes adds no line)."""
    lines = {}
    name = None
    for line in diff:
        match = re.search(r'^\+\+\+ "?(.*?/){%d}([^ \t\n"]*)' % strip, line)
        if match:
            name = match.group(2) if selects(match.group(2)) else None
            continue
        match = re.search(r"^@@.*\+(\d+)(,(\d+))?", line)
        if name and match:
            first = int(match.group(1))
            count = int(match.group(3)) if match.group(3) else 1
            if count:
                lines.setdefault(name, []).append([first, first + count - 1])
    return lines


def database_files(build_path):
    """The absolute paths of the files a compilation database lists."""
    path = build_path
    if os.path.isdir(path):
        path = os.path.join(path, "compile_commands.json")
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    return {
        os.path.normpath(os.path.join(e["directory"], e["file"])) for e in entries
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "-p",
        metavar="NUM",
        type=int,
        default=0,
        help="strip the smallest prefix containing NUM slashes from the "
        "diff's file names (-p1 for git's a/ and b/)",
    )
    parser.add_argument(
        "-regex",
        metavar="PATTERN",
        help="the files whose changed lines count (case sensitive, "
        "overrides -iregex)",
    )
    parser.add_argument(
        "-iregex",
        metavar="PATTERN",
        default=r".*\.(cpp|cc|c\+\+|cxx|c|h|hh|hpp|hxx|inc|ipp)",
        help="the files whose changed lines count (case insensitive; "
        "default: C and C++ sources and headers)",
    )
    parser.add_argument(
        "-path",
        metavar="DIR",
        help="the build directory holding compile_commands.json, or the "
        "database file (golife's -p)",
    )
    parser.add_argument(
        "-all-units",
        action="store_true",
        help="analyse every unit of the database, not only the changed "
        "ones: finds what a changed header does to the units that include "
        "it (with --cache-dir, unchanged units cost next to nothing)",
    )
    parser.add_argument(
        "-golife-binary",
        metavar="PATH",
        help="the golife to run (default: the one beside this script, else "
        "golife on PATH)",
    )
    argv = sys.argv[1:]
    compiler = argv[argv.index("--") :] if "--" in argv else []
    argv = argv[: len(argv) - len(compiler)]
    args, golife_options = parser.parse_known_args(argv)
    if not args.path and not compiler:
        parser.error("give -path <build dir>, or compiler flags after '--'")
    if args.all_units and not args.path:
        parser.error("-all-units needs -path")

    if args.regex is not None:
        selects = lambda name: re.match("^%s$" % args.regex, name)
    else:
        selects = lambda name: re.match("^%s$" % args.iregex, name, re.IGNORECASE)
    lines = {
        os.path.abspath(name): ranges
        for name, ranges in changed_lines(sys.stdin, args.p, selects).items()
    }
    if not lines:
        print("golife-diff: the diff changes no line of a file it checks",
              file=sys.stderr)
        return 0

    if args.path:
        try:
            units = database_files(args.path)
        except (OSError, ValueError, KeyError, TypeError) as err:
            print(f"golife-diff: error: cannot read the compilation database "
                  f"'{args.path}': {err}", file=sys.stderr)
            return 2
        files = [] if args.all_units else sorted(set(lines) & units)
    else:
        files = sorted(name for name in lines if not HEADER.match(name))
    if not files and not args.all_units:
        print("golife-diff: no changed translation unit to analyse",
              file=sys.stderr)
        return 0

    golife = args.golife_binary or os.path.join(
        os.path.dirname(os.path.realpath(__file__)), "golife")
    if not os.path.exists(golife):
        golife = shutil.which("golife") or "golife"
    line_filter = json.dumps(
        [{"name": name, "lines": ranges} for name, ranges in lines.items()],
        separators=(",", ":"),
    )
    command = [golife] + (["-p", args.path] if args.path else [])
    command += golife_options + ["--line-filter=" + line_filter] + files + compiler
    try:
        return subprocess.call(command)
    except OSError as err:
        print(f"golife-diff: error: cannot run '{golife}': {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
