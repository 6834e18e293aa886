#!/usr/bin/env python3
"""golife's cost and its exploration's growth, as ratios against clang
-fsyntax-only measured in the same run (docs/bench.md). Parts, run in the
order given:

  corpus    (a) every .cpp of each --corpus folder: golife's wall time and
            peak RSS against clang -fsyntax-only on the same file with the
            same flags; per file, then median, p95 and max of the ratios.
            (d) from the same golife runs: states explored (golife --trace),
            and bytes per state = (golife's peak RSS - clang -fsyntax-only's
            peak RSS) / the states of the largest analysed function.
  ordinary  (b) the translation units of a compile_commands.json under the
            --under folders (golife's own lib/ and tools/: C++ without runtime
            calls): `golife -p BUILD FILE` against the database's own command
            with -fsyntax-only; same ratios.
  scale     (c) generated programs (scale_programs.py) with N identical
            workers, three shapes, leaking and fixed: states, time, peak RSS,
            and whether the leak is found / the fixed program is silent. A
            shape stops growing N at its first run that is stopped (timeout,
            memory) or over golife's state budget.
  ctu       a multi-file project (--ctu-project: a folder with
            compile_commands.json, or with the compile_commands.json.in
            template of test/Inputs/ctu-project): per unit, golife -p across
            files (its index built beforehand) against golife -p --no-ctu and
            against -fsyntax-only, with the findings of each; then the whole
            database with the index built in the run (cold) and reused (warm).
  verify    builds a few generated programs against the reference runtime and
            runs them under golife-run: the leaking ones must leak, the fixed
            ones must not.

Every run is capped (RLIMIT_AS --mem-cap-gb, wall --timeout) and runs alone
(golife -j 1, one process at a time). A timeout, a kill for memory or a crash
is a row of the report, never an exception; ratios of such runs are lower
bounds, marked '>='."""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile

import measure
import scale_programs

PARTS = ("corpus", "ordinary", "scale", "ctu", "verify")


def flush_print(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------- commands

def golife_command(args, *rest):
    """golife on one unit, alone (-j 1), with the trace and JSON findings."""
    command = [args.golife, "-j", "1", "--quiet", "--trace", "--format=json"]
    if args.max_states:
        command.append(f"--max-states={args.max_states}")
    return command + list(rest)


def corpus_flags(args):
    return ["-std=c++20", "-I" + args.include]


def findings_of(run):
    """golife's JSON findings, or None when its output is not JSON (a
    stopped or crashed run)."""
    try:
        return json.loads(run.stdout)["findings"]
    except (ValueError, KeyError, TypeError):
        return None


def measure_pair(args, baseline, golife):
    """Runs the baseline and golife, capped; returns both runs."""
    cap = int(args.mem_cap_gb * measure.GIB)
    base = measure.best_of(baseline, args.baseline_repeat, cap, args.timeout)
    tool = measure.best_of(golife, args.repeat, cap, args.timeout,
                           ok_codes=(0, 1))
    return base, tool


class Ratios:
    """Collects time and peak-memory ratios golife/baseline over runs."""

    def __init__(self):
        self.time, self.cpu, self.memory, self.failed = [], [], [], []

    def add(self, name, base, tool):
        if not base.completed or base.status != "ok":
            self.failed.append(f"{name}: baseline {base.status}")
            return None
        lower = not tool.completed
        if tool.status not in ("ok",):
            self.failed.append(f"{name}: golife {tool.status}"
                               + (f" ({tool.first_error()})"
                                  if tool.status == "error" else ""))
        if tool.status == "error":
            return None  # exit 2: it did not analyse, no cost to compare
        time_ratio = tool.seconds / base.seconds
        cpu_ratio = tool.cpu / base.cpu
        memory_ratio = tool.peak_kb / base.peak_kb
        self.time.append((time_ratio, lower))
        self.cpu.append((cpu_ratio, lower))
        self.memory.append((memory_ratio, lower))
        return time_ratio, memory_ratio, lower, cpu_ratio

    def report(self, what):
        flush_print(measure.summary(f"{what} time golife/syntax", self.time))
        flush_print(measure.summary(f"{what} CPU time golife/syntax",
                                    self.cpu))
        flush_print(measure.summary(f"{what} peak memory golife/syntax",
                                    self.memory))
        if self.failed:
            flush_print(f"{what}: {len(self.failed)} runs did not complete "
                        "normally:")
            for line in self.failed:
                flush_print(f"  {line}")


def cost_row(name, base, tool, ratios):
    mark = ">=" if ratios and ratios[2] else ""
    time_ratio = f"{mark}{ratios[0]:.2f}" if ratios else "-"
    memory_ratio = f"{mark}{ratios[1]:.2f}" if ratios else "-"
    cpu_ratio = f"{mark}{ratios[3]:.2f}" if ratios else "-"
    return (f"{name:<44} {base.seconds:>7.2f} {tool.seconds:>8.2f} "
            f"{time_ratio:>8} {cpu_ratio:>7} {measure.mib(base.peak_kb):>7.0f} "
            f"{measure.mib(tool.peak_kb):>8.0f} {memory_ratio:>7} "
            f" {tool.status}")


COST_HEADER = (f"{'file':<44} {'syn s':>7} {'golife s':>8} {'time x':>8} "
               f"{'cpu x':>7} "
               f"{'syn MiB':>7} {'gol MiB':>8} {'mem x':>7}  status")


# ------------------------------------------------------------- (a) and (d)

def states_row(name, base, tool, min_states):
    """One row of (d): the trace's states and the bytes per state, given
    only when the largest function has min_states or more (below, the delta
    is the analysis's fixed overhead and RSS noise, not states)."""
    trace = measure.parse_trace(tool.stderr)
    delta_kb = tool.peak_kb - base.peak_kb
    per_state = (f"{delta_kb * 1024 / trace.max_states:.0f}"
                 if trace.max_states >= max(1, min_states) else "-")
    dropped = ",".join(trace.over_budget) or "-"
    mark = ("" if tool.completed else
            " (stopped: the function in progress is not counted)")
    return (f"{name:<44} {trace.functions:>5} {trace.states:>8} "
            f"{trace.max_states:>8} {measure.mib(delta_kb):>8.0f} "
            f"{per_state:>9}  {dropped}{mark}")


def run_corpus(args):
    """(a) cost per corpus file and (d) states and bytes per state."""
    if not args.corpus or not args.include:
        raise SystemExit("golife_bench: corpus needs --corpus and --include")
    ratios = Ratios()
    rows = []
    flush_print("== (a) corpus files: golife against clang -fsyntax-only ==")
    flush_print(COST_HEADER)
    for folder in args.corpus:
        names = sorted(f for f in os.listdir(folder) if f.endswith(".cpp"))
        for name in names:
            path = os.path.join(folder, name)
            label = f"{os.path.basename(folder.rstrip('/'))}/{name}"
            base, tool = measure_pair(
                args,
                [args.clang, "-fsyntax-only", *corpus_flags(args),
                 "-Wno-everything", path],
                golife_command(args, path, "--", *corpus_flags(args)))
            flush_print(cost_row(label, base, tool,
                                 ratios.add(label, base, tool)))
            rows.append((label, base, tool))
    ratios.report("corpus")
    flush_print()
    flush_print("== (d) corpus files: states explored, bytes per state ==")
    flush_print("states: summed over the functions golife --trace lists; max: "
                "the largest one. bytes/state = (golife peak RSS - "
                "-fsyntax-only peak RSS) / max states: an upper bound on one "
                "state's cost (the delta also holds the analysis's other "
                "memory), for the function that dominates the peak; given "
                f"only from {args.min_states_for_bytes} states up.")
    flush_print(f"{'file':<44} {'funcs':>5} {'states':>8} {'max':>8} "
                f"{'dMiB':>8} {'B/state':>9}  over budget")
    totals = {"states": 0, "dropped": 0, "files_dropped": 0}
    for label, base, tool in rows:
        flush_print(states_row(label, base, tool, args.min_states_for_bytes))
        trace = measure.parse_trace(tool.stderr)
        totals["states"] += trace.states
        totals["dropped"] += len(trace.over_budget)
        totals["files_dropped"] += bool(trace.over_budget)
    flush_print(f"states in all: {totals['states']}; functions over budget: "
                f"{totals['dropped']} in {totals['files_dropped']} files")
    flush_print()


# -------------------------------------------------------------------- (b)

def syntax_only_command(entry, clang):
    """The database's command for entry with clang and -fsyntax-only instead
    of the compiler, -c and -o."""
    words = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [clang], False
    for word in words[1:]:
        if skip:
            skip = False
        elif word == "-o":
            skip = True
        elif word != "-c" and not word.startswith("-o"):
            out.append(word)
    return out + ["-fsyntax-only", "-Wno-everything"]


def run_ordinary(args):
    """(b) golife's own sources (no runtime calls) through the database."""
    if not args.build or not args.under:
        raise SystemExit("golife_bench: ordinary needs -p/--build and --under")
    with open(os.path.join(args.build, "compile_commands.json")) as database:
        entries = json.load(database)
    folders = [os.path.join(os.path.abspath(u), "") for u in args.under]
    chosen = sorted((e for e in entries if any(
        os.path.join(e["directory"], e["file"]).startswith(f)
        for f in folders)), key=lambda e: e["file"])
    flush_print("== (b) ordinary C++ (no runtime calls): golife -p BUILD FILE "
                "against the database's command with -fsyntax-only ==")
    if not chosen:
        flush_print(f"no unit of the database is under {', '.join(folders)}")
        return
    flush_print(COST_HEADER + ("  instructions syn / golife = x"
                               if args.instructions else ""))
    ratios = Ratios()
    counted = []
    cap = int(args.mem_cap_gb * measure.GIB)
    # Names relative to the folders' common parent: lib/x.cpp, tools/y.cpp.
    root = os.path.commonpath([os.path.dirname(os.path.abspath(u))
                               for u in args.under])
    for entry in chosen:
        path = os.path.join(entry["directory"], entry["file"])
        label = os.path.relpath(path, root)
        base = measure.best_of(syntax_only_command(entry, args.clang),
                               args.baseline_repeat, cap, args.timeout)
        tool = measure.best_of(golife_command(args, "-p", args.build, path),
                               args.repeat, cap, args.timeout, ok_codes=(0, 1))
        row = cost_row(label, base, tool, ratios.add(label, base, tool))
        if args.instructions:
            row += "  " + instructions_cell(
                args, syntax_only_command(entry, args.clang),
                golife_command(args, "-p", args.build, path), counted)
        flush_print(row)
    ratios.report("ordinary")
    if args.instructions:
        flush_print(measure.summary(
            "ordinary instructions golife/syntax (cachegrind)", counted))
    flush_print()


def instructions_cell(args, baseline, golife, counted):
    """'syn / golife = ratio' in instructions executed (measure.instructions),
    the ratio added to counted; '-' for a run that did not complete."""
    base = measure.instructions(baseline, args.instructions, args.timeout * 60)
    tool = measure.instructions(golife, args.instructions, args.timeout * 60,
                                ok_codes=(0, 1))
    if not base or not tool:
        return "-"
    counted.append((tool / base, False))
    return f"{base:,} / {tool:,} = {tool / base:.4f}"


# -------------------------------------------------------------------- (c)

def verdict(program, tool):
    """found / missed for a leak, silent / FP for a fixed program."""
    findings = findings_of(tool)
    if findings is None or not tool.completed:
        return tool.status
    on_bug = [f for f in findings if f["line"] in program.bug_lines]
    others = len(findings) - len(on_bug)
    extra = f" +{others} extra" if others else ""
    if program.leak:
        return ("found" if on_bug else "missed") + extra
    return "silent" if not findings else f"FP ({len(findings)})"


def ratio(value, baseline, mark=""):
    """value / baseline for a table cell, '-' when the baseline failed."""
    return f"{mark}{value / baseline:.2f}" if baseline else "-"


def workers_range(args):
    return range(args.min_workers, args.max_workers + 1)


def run_scale(args):
    """(c) N identical workers: states, time, memory, verdict per N."""
    if not args.include:
        raise SystemExit("golife_bench: scale needs --include")
    flush_print("== (c) scale: N identical workers (scale_programs.py) ==")
    flush_print("states: the largest analysed function's (golife --trace); "
                "growth: states(N) / states(previous N); a shape stops at its "
                "first run stopped or over the state budget.")
    cap = int(args.mem_cap_gb * measure.GIB)
    with tempfile.TemporaryDirectory(prefix="golife-scale-") as scratch:
        folder = args.keep or scratch
        os.makedirs(folder, exist_ok=True)
        for shape in args.shapes:
            for leak in (True, False):
                flush_print(f"-- {shape}, {'leak' if leak else 'fixed'}")
                flush_print(f"{'N':>3} {'states':>8} {'growth':>7} "
                            f"{'syn s':>6} {'golife s':>8} {'time x':>7} "
                            f"{'cpu x':>6} "
                            f"{'gol MiB':>8} {'mem x':>6}  verdict")
                previous = None
                for workers in workers_range(args):
                    program = scale_programs.program(shape, workers, leak)
                    path = os.path.join(folder, program.name + ".cpp")
                    with open(path, "w") as out:
                        out.write(program.source)
                    base = measure.best_of(
                        [args.clang, "-fsyntax-only", *corpus_flags(args),
                         "-Wno-everything", path], args.baseline_repeat,
                        cap, args.timeout)
                    tool = measure.best_of(
                        golife_command(args, path, "--", *corpus_flags(args)),
                        args.repeat, cap, args.timeout, ok_codes=(0, 1))
                    trace = measure.parse_trace(tool.stderr)
                    growth = (f"{trace.max_states / previous:.2f}"
                              if previous and tool.completed else "-")
                    over = bool(trace.over_budget)
                    mark = "" if tool.completed else ">="
                    states = f"{mark}{trace.max_states}"
                    what = verdict(program, tool)
                    if over:
                        what += " (over budget: " + ",".join(
                            trace.over_budget) + ")"
                    time_ratio = ratio(tool.seconds, base.seconds, mark)
                    cpu_ratio = ratio(tool.cpu, base.cpu, mark)
                    memory_ratio = ratio(tool.peak_kb, base.peak_kb, mark)
                    flush_print(
                        f"{workers:>3} {states:>8} {growth:>7} "
                        f"{base.seconds:>6.2f} {tool.seconds:>8.2f} "
                        f"{time_ratio:>7} {cpu_ratio:>6} "
                        f"{measure.mib(tool.peak_kb):>8.0f} "
                        f"{memory_ratio:>6}  {what}")
                    if over or not tool.completed or tool.status == "error":
                        break
                    previous = trace.max_states
    flush_print()


def run_verify(args):
    """Builds generated programs against the runtime and runs them under
    golife-run: a leaking program must fail, a fixed one pass."""
    if not (args.cxx and args.runtime_lib and args.golife_run and args.include):
        raise SystemExit("golife_bench: verify needs --cxx, --runtime-lib, "
                         "--golife-run and --include")
    flush_print("== verify: generated programs under the reference runtime "
                f"(golife-run --seeds {args.seeds}) ==")
    bad = 0
    with tempfile.TemporaryDirectory(prefix="golife-verify-") as folder:
        for shape in args.shapes:
            for workers in args.verify_workers:
                for leak in (True, False):
                    program = scale_programs.program(shape, workers, leak)
                    source = os.path.join(folder, program.name + ".cpp")
                    binary = os.path.join(folder, program.name)
                    with open(source, "w") as out:
                        out.write(program.source)
                    try:
                        build = subprocess.run(
                            [args.cxx, "-std=c++20", "-I" + args.include,
                             source, args.runtime_lib, *args.link_arg,
                             "-o", binary],
                            capture_output=True, text=True,
                            timeout=args.timeout)
                        if build.returncode != 0:
                            bad += 1
                            flush_print(f"{program.name:<24} does not build: "
                                        f"{build.stderr.strip()[:200]}")
                            continue
                        # golife-run bounds each seed (10 s) itself.
                        run = subprocess.run(
                            [args.golife_run, "--seeds", str(args.seeds),
                             binary], capture_output=True, text=True,
                            timeout=args.timeout * 10)
                    except subprocess.TimeoutExpired:
                        bad += 1
                        flush_print(f"{program.name:<24} timeout")
                        continue
                    leaked = (run.returncode == 1 and
                              "(leak)" in run.stdout + run.stderr)
                    ok = leaked if leak else run.returncode == 0
                    bad += not ok
                    outcome = ("leaks" if leaked else
                               "clean" if run.returncode == 0 else
                               f"fails (exit {run.returncode})")
                    flush_print(f"{program.name:<24} {outcome:<18} "
                                f"{'as expected' if ok else 'UNEXPECTED'}")
    flush_print(f"verify: {'all as expected' if not bad else f'{bad} unexpected'}")
    flush_print()
    return bad


# -------------------------------------------------------------------- ctu

def ctu_database(args, scratch):
    """The project's folder holding compile_commands.json: the folder itself,
    or a copy of it with its template's DIR and RUNTIME filled in."""
    project = os.path.abspath(args.ctu_project)
    if os.path.exists(os.path.join(project, "compile_commands.json")):
        return project
    template = os.path.join(project, "compile_commands.json.in")
    if not os.path.exists(template) or not args.include:
        raise SystemExit("golife_bench: ctu needs --ctu-project holding "
                         "compile_commands.json, or compile_commands.json.in "
                         "and --include")
    copy = os.path.join(scratch, "project")
    shutil.copytree(project, copy)
    with open(template) as source:
        text = source.read().replace("DIR", copy).replace(
            "RUNTIME", os.path.abspath(args.include))
    with open(os.path.join(copy, "compile_commands.json"), "w") as out:
        out.write(text)
    return copy


def count_findings(run):
    findings = findings_of(run)
    return "-" if findings is None else str(len(findings))


def run_ctu(args):
    """Cross-unit cost: golife -p across files against each unit alone."""
    if not args.ctu_project:
        raise SystemExit("golife_bench: ctu needs --ctu-project")
    cap = int(args.mem_cap_gb * measure.GIB)
    with tempfile.TemporaryDirectory(prefix="golife-ctu-") as scratch:
        build = ctu_database(args, scratch)
        with open(os.path.join(build, "compile_commands.json")) as database:
            entries = sorted(json.load(database), key=lambda e: e["file"])
        index = os.path.join(scratch, "index")
        across = ["-p", build, f"--ctu-dir={index}"]
        alone = ["-p", build, "--no-ctu"]
        paths = [os.path.join(e["directory"], e["file"]) for e in entries]
        flush_print("== ctu: golife -p across files (index built beforehand) "
                    "against golife -p --no-ctu and -fsyntax-only ==")
        # The index, built once before the per-unit runs (a warm cache).
        measure.run_capped(golife_command(args, *across, paths[0]), cap,
                           args.timeout, (0, 1))
        flush_print(f"{'file':<28} {'syn s':>6} {'alone s':>7} "
                    f"{'across s':>8} {'x alone':>7} {'x syn':>6} "
                    f"{'alone MiB':>9} {'across MiB':>10} {'found':>7}  status")
        ratios = Ratios()
        for entry, path in zip(entries, paths):
            base = measure.best_of(syntax_only_command(entry, args.clang),
                                   args.baseline_repeat, cap, args.timeout)
            single = measure.best_of(golife_command(args, *alone, path),
                                     args.repeat, cap, args.timeout,
                                     ok_codes=(0, 1))
            cross = measure.best_of(golife_command(args, *across, path),
                                    args.repeat, cap, args.timeout,
                                    ok_codes=(0, 1))
            ratios.add(os.path.basename(path), single, cross)
            flush_print(
                f"{os.path.basename(path):<28} {base.seconds:>6.2f} "
                f"{single.seconds:>7.2f} {cross.seconds:>8.2f} "
                f"{ratio(cross.seconds, single.seconds):>7} "
                f"{ratio(cross.seconds, base.seconds):>6} "
                f"{measure.mib(single.peak_kb):>9.0f} "
                f"{measure.mib(cross.peak_kb):>10.0f} "
                f"{count_findings(single):>3}/{count_findings(cross):<3}  "
                f"{single.status}/{cross.status}")
        flush_print(measure.summary("ctu time across/alone", ratios.time))
        flush_print(measure.summary("ctu peak memory across/alone",
                                    ratios.memory))
        for line in ratios.failed:
            flush_print(f"  {line}")
        # The whole database in one run: building the index is part of the
        # first run's cost.
        flush_print(f"{'whole database':<28} {'alone s':>7} {'cold s':>7} "
                    f"{'warm s':>7} {'found':>9}")
        shutil.rmtree(index, ignore_errors=True)
        single = measure.run_capped(golife_command(args, *alone, *paths),
                                    cap, args.timeout, (0, 1))
        cold = measure.run_capped(golife_command(args, *across, *paths), cap,
                                  args.timeout, (0, 1))
        warm = measure.run_capped(golife_command(args, *across, *paths), cap,
                                  args.timeout, (0, 1))
        flush_print(f"{len(paths):>3} units{'':<20} {single.seconds:>7.2f} "
                    f"{cold.seconds:>7.2f} {warm.seconds:>7.2f} "
                    f"{count_findings(single):>3}/{count_findings(cold)}/"
                    f"{count_findings(warm)}")
    flush_print()


# ------------------------------------------------------------------- main

def header(args):
    clang = subprocess.run([args.clang, "--version"], capture_output=True,
                           text=True).stdout.splitlines()[:1]
    golife = subprocess.run([args.golife, "--version"], capture_output=True,
                            text=True).stdout.strip()
    try:
        with open("/proc/meminfo") as info:
            memory = info.readline().split(":")[1].strip()
    except OSError:
        memory = "?"
    flush_print(f"golife_bench {' '.join(args.parts)}, "
                f"{datetime.datetime.now().isoformat(timespec='seconds')}")
    flush_print(f"golife: {args.golife} ({golife}); baseline: "
                f"{args.clang} ({clang[0] if clang else '?'})")
    flush_print(f"host: {platform.node()}, {os.cpu_count()} cores, {memory}; "
                f"per run: memory cap {args.mem_cap_gb:g} GiB (RLIMIT_AS), "
                f"timeout {args.timeout:g} s, golife best of {args.repeat}, "
                f"-fsyntax-only best of {args.baseline_repeat}, "
                f"max-states {args.max_states or 'golife default'}")
    flush_print()


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", nargs="+", choices=PARTS + ("all",))
    parser.add_argument("--golife", required=True, help="the golife tool")
    parser.add_argument("--clang", required=True,
                        help="clang for the -fsyntax-only baseline")
    parser.add_argument("--include", help="the runtime's headers "
                        "(runtime-model/include)")
    parser.add_argument("--corpus", action="append", default=[],
                        help="a folder of .cpp programs (repeatable)")
    parser.add_argument("-p", "--build", help="a build directory holding "
                        "compile_commands.json (ordinary)")
    parser.add_argument("--under", action="append", default=[],
                        help="a source folder whose units 'ordinary' "
                        "measures (repeatable)")
    parser.add_argument("--ctu-project", help="a multi-file project (ctu)")
    parser.add_argument("--instructions", metavar="VALGRIND",
                        help="ordinary: also count the instructions each "
                        "side executes, under this valgrind (cachegrind; "
                        "about 30 times slower, the same count on every run)")
    parser.add_argument("--mem-cap-gb", type=float, default=4.0,
                        help="RLIMIT_AS of every run, GiB (default 4)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="wall-clock limit of every run, s (default 60)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per measurement, the fastest kept")
    parser.add_argument("--baseline-repeat", type=int, default=3,
                        help="runs of each -fsyntax-only baseline, the "
                        "fastest kept (default 3: it is cheap)")
    parser.add_argument("--max-states", type=int,
                        help="passed to golife (default: golife's own)")
    parser.add_argument("--min-states-for-bytes", type=int, default=1000,
                        help="(d) gives bytes per state only when the "
                        "largest function has this many states (default 1000)")
    parser.add_argument("--shapes", nargs="+", default=list(scale_programs.SHAPES),
                        choices=scale_programs.SHAPES)
    parser.add_argument("--min-workers", type=int, default=1)
    parser.add_argument("--max-workers", type=int, default=32)
    parser.add_argument("--keep", help="write the scale programs here")
    parser.add_argument("--cxx", help="C++ compiler for verify")
    parser.add_argument("--runtime-lib", help="libgolife_runtime.a (verify)")
    parser.add_argument("--link-arg", action="append", default=[],
                        help="further link argument for verify "
                        "(e.g. -lboost_context)")
    parser.add_argument("--golife-run", help="runtime-model's golife-run")
    parser.add_argument("--seeds", type=int, default=50,
                        help="schedules golife-run tries (verify)")
    parser.add_argument("--verify-workers", type=int, nargs="+",
                        default=[1, 2, 4])
    args = parser.parse_args(argv)
    if "all" in args.parts:
        args.parts = list(PARTS)
    return args


def main(argv):
    args = parse_arguments(argv)
    header(args)
    status = 0
    for part in args.parts:
        if part == "corpus":
            run_corpus(args)
        elif part == "ordinary":
            run_ordinary(args)
        elif part == "scale":
            run_scale(args)
        elif part == "ctu":
            run_ctu(args)
        elif part == "verify":
            status |= 1 if run_verify(args) else 0
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
