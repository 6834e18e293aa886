#!/usr/bin/env python3
"""Generates the scale benchmark's programs: N identical workers written
against golife's runtime (go::spawn, go::Chan, go::WaitGroup), in three
shapes, each with a leak and fixed:

  fanout    N workers each send the same result on an unbuffered channel; the
            leak receives N-1 results (one worker blocks on its send
            forever), the fix receives N.
  pipeline  a source goroutine feeds N stages chained by unbuffered channels
            (each ranges over its input and closes its output); the leak's
            source never closes the first channel, so every stage blocks in
            its range forever; the fix closes it.
  pool      N workers range over a jobs channel and call wg.done() per job;
            the function sends {n} equal jobs, waits for them, and returns; the leak
            never closes jobs (every worker stays blocked in its range), the
            fix closes it after the wait.

Bounds are literals: with a `constexpr int N` global the current engine
does not know the bound and explores the loops without end.
Every program ends `int main() { return go::run(...); }` so that it can run
under the reference runtime. Usage, to look at one:
  scale_programs.py SHAPE N leak|fixed
"""

import sys
from dataclasses import dataclass

SHAPES = ("fanout", "pipeline", "pool")
BUG = "// BUG"  # marks the line where the leak variant's goroutines block


@dataclass
class Program:
    shape: str
    workers: int
    leak: bool
    source: str

    @property
    def name(self):
        return f"{self.shape}_{self.workers}_{'leak' if self.leak else 'fixed'}"

    @property
    def bug_lines(self):
        """1-based lines marked BUG: where the leak variant's goroutines
        block forever (the fixed variant has the same mark, unused)."""
        return [number for number, line in
                enumerate(self.source.splitlines(), start=1) if BUG in line]


def fanout(n, leak):
    received = n - 1 if leak else n
    return f"""\
// Fan-out/fan-in: {n} workers each send one result; the caller receives
// {received} of them{' (one worker leaks)' if leak else ''}.
#include <go/go.h>

void worker(go::Chan<int> results) {{
  results.send(1);  {BUG}
}}

int fanIn() {{
  auto results = go::makeChan<int>();
  for (int i = 0; i < {n}; i++) {{
    go::spawn(worker, results);
  }}
  int sum = 0;
  for (int i = 0; i < {received}; i++) {{
    sum += results.recv();
  }}
  return sum;
}}

int main() {{ return go::run([] {{ fanIn(); }}); }}
"""


def pipeline(n, leak):
    close = ("    // the source never closes first: every stage leaks" if leak
             else "    first.close();")
    return f"""\
// Pipeline: a source and {n} stages chained by unbuffered channels; the
// source {'never closes' if leak else 'closes'} the first channel.
#include <go/go.h>

void stage(go::Chan<int> in, go::Chan<int> out) {{
  for (auto v : in) {{  {BUG}
    out.send(v + 1);
  }}
  out.close();
}}

void runPipeline() {{
  auto first = go::makeChan<int>();
  auto in = first;
  for (int i = 0; i < {n}; i++) {{
    auto out = go::makeChan<int>();
    go::spawn(stage, in, out);
    in = out;
  }}
  go::spawn([first] {{
    for (int k = 0; k < 2; k++) {{
      first.send(k);
    }}
{close}
  }});
  for (int k = 0; k < 2; k++) {{
    in.recv();
  }}
}}

int main() {{ return go::run([] {{ runPipeline(); }}); }}
"""


def pool(n, leak):
    close = ("  // jobs is never closed: every worker leaks" if leak
             else "  jobs.close();")
    return f"""\
// Worker pool: {n} workers range over a jobs channel; the function sends {n}
// jobs, waits for them, and {'returns without closing jobs' if leak else 'closes jobs'}.
#include <go/go.h>

int processed = 0;

void runPool() {{
  auto jobs = go::makeChan<int>();
  go::WaitGroup wg;
  wg.add({n});
  for (int i = 0; i < {n}; i++) {{
    go::spawn([jobs, &wg] {{
      for (auto job : jobs) {{  {BUG}
        processed += job;
        wg.done();
      }}
    }});
  }}
  for (int j = 0; j < {n}; j++) {{
    jobs.send(1);
  }}
  wg.wait();
{close}
}}

int main() {{ return go::run([] {{ runPool(); }}); }}
"""


GENERATORS = {"fanout": fanout, "pipeline": pipeline, "pool": pool}


def program(shape, workers, leak):
    return Program(shape, workers, leak, GENERATORS[shape](workers, leak))


def main(argv):
    if len(argv) != 4 or argv[1] not in SHAPES or argv[3] not in ("leak", "fixed"):
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(program(argv[1], int(argv[2]), argv[3] == "leak").source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
