"""Shared by golife's benchmarks: run one command under a memory cap and a
timeout and measure it, read golife's --trace lines, summarise ratios.

What a measurement is:
  seconds   wall time from just before the child is started to its exit
            (time.perf_counter around fork/exec and os.wait4)
  cpu       user + system CPU seconds of the child (os.wait4's rusage): less
            sensitive than wall time to other load on the machine
  peak_kb   ru_maxrss of the child as os.wait4 returns it (KiB on Linux):
            the peak resident set of the child, and of any descendant it
            waited for
The cap is RLIMIT_AS (address space) set in the child before exec; a child
that runs out of it, or that the kernel kills (SIGKILL we did not send), is
reported as "killed (memory)", one that exits normally with a peak RSS of
90% of the cap or more as "out of memory (exit N, silent)"; never as a Python
exception.
"""

import math
import os
import re
import resource
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

GIB = 1024 ** 3

# Printed by golife --trace once per analysed function (lib/explore); the
# format before issue 10 ("gave up: ..."), the one after its first part
# (bytes per state, "not fully explored (reason), silent") and the one after
# the reductions (states expanded by one goroutine alone, "not fully explored
# (reason): only what the states reached prove").
TRACE = re.compile(r"^golife: (?P<function>.*): (?P<states>\d+) states"
                   r"(?:, (?P<bytes>\d+) bytes per state)?"
                   r"(?:, (?P<alone>\d+) expanded by one goroutine alone)?"
                   r"(?P<given_up> \(reduction given up\))?"
                   r"(?:, gave up: (?P<reason>.*?))?"
                   r"(?:, not fully explored \((?P<incomplete>[^)]*)\)"
                   r"(?:: only what the states reached prove)?)?"
                   r"(?P<silent>, silent)?"
                   r", (?P<problems>\d+) problems$")

# A run whose peak RSS reaches this fraction of its RLIMIT_AS cap ran out of
# memory, whatever its exit status says (RSS stays below the address space).
SILENT_OOM = 0.9

# What a child that ran out of address space prints before it dies.
OUT_OF_MEMORY = re.compile(r"out of memory|bad_alloc|Cannot allocate memory|"
                           r"Allocation failed|std::length_error",
                           re.IGNORECASE)


@dataclass
class Run:
    """One measured run of a command."""
    status: str        # "ok", "error", "timeout", "killed (memory)", "crash (...)"
    exit_code: int     # the exit status, or -signal
    seconds: float
    cpu: float
    peak_kb: int
    stdout: str
    stderr: str

    @property
    def completed(self):
        """The command ran to its end (its numbers are not lower bounds)."""
        return self.status in ("ok", "error")

    def first_error(self):
        """The stderr line that says what went wrong, for a report row."""
        lines = [l.strip() for l in self.stderr.splitlines() if l.strip()]
        for line in lines:
            if "error" in line.lower():
                return line[:160]
        return lines[0][:160] if lines else ""


def _limit_memory(cap_bytes):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))
    return apply


def run_capped(command, cap_bytes, timeout, ok_codes=(0,), cwd=None):
    """Runs command once with RLIMIT_AS = cap_bytes (None: no cap) and a
    wall-clock timeout
    (seconds, None for none) and returns a Run. ok_codes are the exit codes
    that mean the command did its work (golife: 0 clean, 1 findings)."""
    env = dict(os.environ, LLVM_DISABLE_SYMBOLIZATION="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd,
                                     env=env, start_new_session=True,
                                     preexec_fn=(_limit_memory(cap_bytes)
                                                 if cap_bytes else None))
        except OSError as error:
            return Run("error", -1, 0.0, 0.0, 0, "", f"cannot run: {error}")
        lock = threading.Lock()
        state = {"exited": False, "timed_out": False}

        def expire():
            with lock:
                if not state["exited"]:
                    state["timed_out"] = True
                    os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, expire) if timeout else None
        if timer:
            timer.start()
        # Wait without reaping, so that the timer can never signal a
        # recycled process group; then reap and read the child's rusage.
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
        seconds = time.perf_counter() - start
        with lock:
            state["exited"] = True
        if timer:
            timer.cancel()
        _, wait_status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    code = child.returncode
    if state["timed_out"]:
        status = "timeout"
    elif (code in ok_codes and cap_bytes
          and usage.ru_maxrss * 1024 >= SILENT_OOM * cap_bytes):
        # golife as of 2ba33ad exits 0 with no finding, no trace and no
        # message when its allocations fail under the cap: a resident set
        # this close to the address-space cap means they did.
        status = f"out of memory (exit {code}, silent)"
    elif code in ok_codes:
        status = "ok"
    elif OUT_OF_MEMORY.search(stderr) or code == -signal.SIGKILL:
        # SIGKILL we did not send: the kernel's OOM killer.
        status = "killed (memory)"
    elif code < 0:
        status = f"crash ({signal.Signals(-code).name})"
    else:
        status = "error"
    return Run(status, code, seconds, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss, stdout, stderr)


# What cachegrind prints on stderr: the instructions the program executed.
INSTRUCTIONS = re.compile(r"==\d+== I\s+refs:\s+([\d,]+)")


def instructions(command, valgrind, timeout, ok_codes=(0,)):
    """The instructions command executes (user space, its own process and
    the clang -cc1 it runs in-process), counted by valgrind's cachegrind:
    the same on every run, whatever else loads the machine, where time on a
    shared virtual machine moves by 20%. None when the run does not
    complete. No memory cap: valgrind reserves address space of its own."""
    run = run_capped([valgrind, "--tool=cachegrind", "--cache-sim=no",
                      "--cachegrind-out-file=/dev/null", *command],
                     None, timeout, ok_codes)
    found = INSTRUCTIONS.search(run.stderr)
    if run.status != "ok" or not found:
        return None
    return int(found.group(1).replace(",", ""))


def best_of(command, repeat, cap_bytes, timeout, ok_codes=(0,)):
    """The fastest of repeat runs (its own peak memory with it); stops at the
    first run that does not complete, and returns that one."""
    best = None
    for _ in range(max(1, repeat)):
        run = run_capped(command, cap_bytes, timeout, ok_codes)
        if not run.completed or run.status != "ok":
            return run
        if best is None or run.seconds < best.seconds:
            best = run
    return best


@dataclass
class Trace:
    """What golife --trace said about one translation unit."""
    functions: int = 0
    states: int = 0           # summed over the analysed functions
    max_states: int = 0       # the largest single function
    max_function: str = ""
    over_budget: tuple = ()   # the functions not fully explored


def parse_trace(stderr):
    trace = Trace()
    dropped = []
    for line in stderr.splitlines():
        match = TRACE.match(line.strip())
        if not match:
            continue
        states = int(match["states"])
        trace.functions += 1
        trace.states += states
        if states > trace.max_states:
            trace.max_states, trace.max_function = states, match["function"]
        if match["silent"] or match["incomplete"] or match["reason"]:
            dropped.append(match["function"])
    trace.over_budget = tuple(dropped)
    return trace


def percentile(values, fraction):
    """Nearest-rank percentile: the smallest value with at least fraction of
    the values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(name, ratios):
    """'name: median 1.20x, p95 3.10x, max 9.00x (n files)' from a list of
    (ratio, is_lower_bound) pairs. When a ratio is only a lower bound (the
    run was stopped), every order statistic at or above it is marked '>=':
    the true values can only be larger."""
    if not ratios:
        return f"{name}: no data"
    values = [r for r, _ in ratios]
    bounded = any(lower for _, lower in ratios)
    mark = ">=" if bounded else ""
    parts = [f"{label} {mark}{stat:.2f}x" for label, stat in
             (("median", percentile(values, 0.5)),
              ("p95", percentile(values, 0.95)), ("max", max(values)))]
    note = (f"; {sum(l for _, l in ratios)} stopped runs count with their "
            "lower bound") if bounded else ""
    return f"{name}: {', '.join(parts)} ({len(ratios)} runs{note})"


def mib(kb):
    return kb / 1024.0
