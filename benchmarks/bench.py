"""Throughput benchmark: sakiplint against markdown-it-py tokenising alone.

    python benchmarks/bench.py [--repeat N] [--scale K] [REPORT ...]

In one process, lints every report (default: ../shared/corpus/*.md) N times and prints MB/s,
then the same for markdown-it-py parsing alone (the reference). With --scale K each report is
also concatenated K times, to check that time grows linearly with size. A second part times
whole processes (`sakiplint check` vs `python -c 'tokenize with markdown-it'`) as the
product's target is stated that way: check <= 2x the tokenizer process. Processes are timed
by wall clock and by CPU time (user + system: steadier on a busy machine); best of --runs.
``benchmarks/phases.py`` breaks one run down by phase.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _reports(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    corpus = ROOT.parent / "shared" / "corpus"
    return sorted(p for p in corpus.glob("*.md") if p.name.lower() != "readme.md")


def _in_process(texts: list[str], repeat: int) -> tuple[float, float]:
    from markdown_it import MarkdownIt

    from sakiplint.engine.lint import lint_text

    size = sum(len(t.encode("utf-8")) for t in texts) * repeat / 1e6
    lint_text(texts[0])  # warm up: grammar compilation, rule loading
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            lint_text(t)
    lint_s = time.perf_counter() - t0
    md = MarkdownIt("commonmark").enable("table")
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            md.parse(t)
    md_s = time.perf_counter() - t0
    return size / lint_s, size / md_s


def _process_time(cmd: list[str], runs: int) -> tuple[float, float]:
    """Best wall-clock and best CPU time (user + system) of a process, over ``runs``."""
    # as an installed package runs: with its bytecode cached (a wheel install compiles it;
    # an editable install under PYTHONDONTWRITEBYTECODE would recompile every module at
    # every start), and after one warm-up run (grammar and rule-pack caches)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env)
    best = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env=env)
        best = min(best, time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu = min(best_cpu, cpu)
    return best, best_cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5, help="process runs (best of)")
    ap.add_argument("reports", nargs="*")
    a = ap.parse_args()
    paths = _reports(a.reports)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    lint_mbs, md_mbs = _in_process(texts, a.repeat)
    print(f"in-process: sakiplint {lint_mbs:.2f} MB/s, markdown-it-py {md_mbs:.2f} MB/s "
          f"(ratio {md_mbs / lint_mbs:.2f}x)")
    biggest = max(paths, key=lambda p: p.stat().st_size)
    tok = ("import sys; from markdown_it import MarkdownIt; "
           "MarkdownIt('commonmark').enable('table')"
           ".parse(open(sys.argv[1], encoding='utf-8').read())")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "scaled.md"
        big.write_text(biggest.read_text(encoding="utf-8") * a.scale, encoding="utf-8")
        for label, path in ((biggest.name, biggest), (f"{biggest.name} x{a.scale}", big)):
            kb = path.stat().st_size / 1024
            check, check_cpu = _process_time(
                [sys.executable, "-m", "sakiplint", "check", str(path)], a.runs)
            ref, ref_cpu = _process_time([sys.executable, "-c", tok, str(path)], a.runs)
            print(f"process {label} ({kb:.0f} KB): sakiplint check {check:.3f}s, "
                  f"markdown-it tokenize {ref:.3f}s, ratio {check / ref:.2f}x "
                  f"(CPU {check_cpu:.3f}s / {ref_cpu:.3f}s = {check_cpu / ref_cpu:.2f}x)")


if __name__ == "__main__":
    main()
