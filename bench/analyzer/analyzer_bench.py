#!/usr/bin/env python3
"""The analyzer's cost, as ratios against baselines measured in the same run.

For every .cpp file of a folder (a corpus), times, best of --repeat runs:
  syntax   clang -fsyntax-only                      (parsing: the baseline)
  analyze  clang --analyze, core checkers only       (the Static Analyzer)
  plugin   clang --analyze with golife's checkers only (the analyzer plugin)
  tool     golife FILE -- flags                      (the standalone tool)
and prints per file and in total the ratios plugin/syntax, tool/syntax and
plugin/analyze. design.md's target: at most 1.3x clang -fsyntax-only."""

import argparse
import os
import subprocess
import sys
import time


def best_time(command, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode not in (0, 1):
            raise RuntimeError(f"{command[0]} failed ({run.returncode}): "
                               f"{run.stderr.strip()[:300]}")
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--golife", required=True)
    parser.add_argument("--analyzer-plugin", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(f for f in os.listdir(args.folder) if f.endswith(".cpp"))
    if not files:
        print(f"analyzer_bench: error: no .cpp file in {args.folder}",
              file=sys.stderr)
        return 2
    flags = ["-std=c++20", "-I" + args.include]
    totals = {"syntax": 0.0, "analyze": 0.0, "plugin": 0.0, "tool": 0.0}
    print(f"{'file':<44} {'syntax s':>9} {'plugin/syn':>10} "
          f"{'tool/syn':>9} {'plugin/an':>9}")
    for name in files:
        path = os.path.join(args.folder, name)
        times = {
            "syntax": best_time([args.clang, "-fsyntax-only", *flags, path],
                                args.repeat),
            "analyze": best_time([args.clang, "--analyze", *flags, path,
                                  "-o", os.devnull], args.repeat),
            "plugin": best_time(
                [args.clang, "--analyze", "-fplugin=" + args.analyzer_plugin,
                 "-Xanalyzer", "-analyzer-checker=golife",
                 "-Xanalyzer", "-analyzer-disable-checker=core,cplusplus,"
                 "deadcode,unix,nullability,security,apiModeling",
                 *flags, path, "-o", os.devnull], args.repeat),
            "tool": best_time([args.golife, "--quiet", path, "--", *flags],
                              args.repeat),
        }
        for key, value in times.items():
            totals[key] += value
        print(f"{name:<44} {times['syntax']:>9.3f} "
              f"{times['plugin'] / times['syntax']:>10.2f} "
              f"{times['tool'] / times['syntax']:>9.2f} "
              f"{times['plugin'] / times['analyze']:>9.2f}")
    print(f"{'total (' + str(len(files)) + ' files)':<44} "
          f"{totals['syntax']:>9.3f} "
          f"{totals['plugin'] / totals['syntax']:>10.2f} "
          f"{totals['tool'] / totals['syntax']:>9.2f} "
          f"{totals['plugin'] / totals['analyze']:>9.2f}")
    print(f"seconds: syntax {totals['syntax']:.2f}, clang --analyze "
          f"{totals['analyze']:.2f}, golife plugin {totals['plugin']:.2f}, "
          f"golife tool {totals['tool']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
