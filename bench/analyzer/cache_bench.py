#!/usr/bin/env python3
"""golife's result cache (--cache-dir): a corpus analysed without the cache,
then cold (an empty cache) and warm (the same cache, nothing changed), with
the wall and CPU time of each run and whether the three outputs agree.

cache_bench.py --golife BIN --include RUNTIME_INCLUDE --corpus DIR... [-j N]

Each corpus's *.cpp files become one compilation database (in a temporary
folder); every run is `golife -p DB -jN --quiet --format=json`. Timing is
measured here, never by a test (docs/bench.md). Python 3 standard library
only."""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def database(corpus, include, folder):
    """compile_commands.json over the corpus's .cpp files, in `folder`."""
    entries = [
        {
            "directory": corpus,
            "file": name,
            "command": f"clang++ -std=c++20 -I{include} -c {name}",
        }
        for name in sorted(os.listdir(corpus))
        if name.endswith(".cpp")
    ]
    with open(os.path.join(folder, "compile_commands.json"), "w") as f:
        json.dump(entries, f)
    return len(entries)


def run(command):
    """(wall seconds, CPU seconds of the child, stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"cache_bench: {' '.join(command)} exited "
                 f"{done.returncode}:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--golife", required=True)
    parser.add_argument("--include", required=True,
                        help="the runtime's include folder")
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    version = subprocess.run([args.golife, "--version"], capture_output=True,
                             text=True).stdout.strip()
    print(f"cache_bench, {time.strftime('%Y-%m-%dT%H:%M:%S')}")
    print(f"golife: {args.golife} ({version}); -j{args.jobs}; "
          f"host: {os.cpu_count()} cores")
    print(f"{'corpus':<12} {'units':>5} {'run':<9} {'wall s':>8} {'cpu s':>8} "
          f"{'vs cold':>8}  output")
    for corpus in args.corpus:
        corpus = os.path.abspath(corpus)
        with tempfile.TemporaryDirectory() as folder:
            units = database(corpus, os.path.abspath(args.include), folder)
            base = [args.golife, "-p", folder, f"-j{args.jobs}", "--quiet",
                    "--format=json"]
            cache = ["--cache-dir", os.path.join(folder, "cache")]
            runs = [("no cache", base), ("cold", base + cache),
                    ("warm", base + cache)]
            results = {name: run(command) for name, command in runs}
            cold_wall = results["cold"][0]
            for name, (wall, cpu, output) in results.items():
                same = ("reference" if name == "no cache" else
                        "same" if output == results["no cache"][2] else
                        "DIFFERENT")
                print(f"{os.path.basename(corpus):<12} {units:>5} {name:<9} "
                      f"{wall:>8.2f} {cpu:>8.2f} {cold_wall / wall:>7.1f}x  "
                      f"{same}")


if __name__ == "__main__":
    main()
