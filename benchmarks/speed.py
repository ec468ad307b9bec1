"""The speed targets of issue 17, as ratios measured in one run.

    python benchmarks/speed.py [--runs N] [--files N] [--skip-files] [REPORT ...]

1. **Floor**: a whole ``sakiplint check`` process per report against a process that only
   tokenizes the same file with markdown-it-py (target <= 2.0x). CPU time (user + system) is
   the steadier figure on a shared machine; wall clock is printed too.
2. **Linear**: one report of distinct content 10x and 100x the largest report (each copy
   changed: its digits rotated and a word of each line renamed, so that no cache answers a
   repeated line and every copy has its own indicators), and the same with plain repetition;
   target: the 100x run <= 10.5x the 10x run. Peak memory (max RSS of the process) <= 30x the
   input size.
3. **Many files**: N distinct reports (default 1,000) linted with ``--jobs 1`` and
   ``--jobs 2``; target: jobs 2 >= 1.8x the throughput of jobs 1, and both linear in the
   number of files (N/4 files against N).

Reports default to ``../shared/corpus/*.md`` (else ``fixtures/**/*.md``). Every timed process
runs once first (bytecode, grammar and rule-pack caches), as an installed sakiplint runs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKENIZE = ("import sys; from markdown_it import MarkdownIt; "
            "MarkdownIt('commonmark').enable('table')"
            ".parse(open(sys.argv[1], encoding='utf-8').read())")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(r"[A-Za-z]{5,}")


def reports(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    corpus = ROOT.parent / "shared" / "corpus"
    found = sorted(p for p in corpus.glob("*.md") if p.name.lower() != "readme.md")
    return found or sorted((ROOT / "fixtures").rglob("*.md"))


def _tag(k: int) -> str:
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out = chr(97 + r) + out
    return out


def distinct(text: str, k: int) -> str:
    """Copy ``k`` of a report: digits outside years rotated by k, and the first long word of
    every line given a suffix of its own (new indicator and program names per copy)."""
    if k == 0:
        return text
    rot = str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
    tag = _tag(k)
    out = []
    for line in text.split("\n"):
        years = [(m.start(), m.end()) for m in _YEAR.finditer(line)]
        if years:
            pieces, pos = [], 0
            for a, b in years:
                pieces.append(line[pos:a].translate(rot))
                pieces.append(line[a:b])
                pos = b
            pieces.append(line[pos:].translate(rot))
            line = "".join(pieces)
        else:
            line = line.translate(rot)
        line = _WORD.sub(lambda m: m.group(0) + tag, line, count=1)
        out.append(line)
    return "\n".join(out)


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in bytes of one process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def best(cmd: list[str], runs: int) -> tuple[float, float, int]:
    run(cmd)  # warm-up
    results = [run(cmd) for _ in range(runs)]
    return (min(r[0] for r in results), min(r[1] for r in results),
            max(r[2] for r in results))


SAKIPLINT = [sys.executable, "-m", "sakiplint", "check", "--exit-zero", "--quiet"]


def floor(paths: list[Path], runs: int) -> float:
    worst = 0.0
    print("1. floor: sakiplint check / markdown-it tokenize, per report (target <= 2.0x)")
    for p in paths:
        wall, cpu, _ = best([*SAKIPLINT, str(p)], runs)
        rwall, rcpu, _ = best([sys.executable, "-c", TOKENIZE, str(p)], runs)
        ratio = cpu / rcpu
        worst = max(worst, ratio)
        print(f"   {p.name:<32} {p.stat().st_size / 1024:6.0f} KB  check {cpu:.3f}s CPU "
              f"({wall:.3f}s wall)  tokenize {rcpu:.3f}s ({rwall:.3f}s)  ratio {ratio:.2f}x "
              f"(wall {wall / rwall:.2f}x)")
    print(f"   worst ratio {worst:.2f}x")
    return worst


def linear(paths: list[Path], runs: int, tmp: Path) -> float:
    base = max(paths, key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    print(f"2. linear: 100x against 10x of the largest report "
          f"({len(base.encode()) / 1024:.0f} KB; target <= 10.5x, peak memory <= 30x input)")
    worst = 0.0
    for label, make in (("distinct copies", lambda k: distinct(base, k)),
                        ("repeated copies", lambda k: base)):
        times = {}
        for scale in (10, 100):
            path = tmp / f"scaled-{scale}.md"
            path.write_text("\n".join(make(k) for k in range(scale)), encoding="utf-8")
            size = path.stat().st_size
            wall, cpu, rss = best([*SAKIPLINT, str(path)], max(1, runs // 2))
            times[scale] = cpu
            print(f"   {label:<16} x{scale:<3} {size / 1e6:6.1f} MB  {cpu:7.2f}s CPU "
                  f"({wall:.2f}s wall)  peak {rss / 1e6:7.0f} MB = {rss / size:5.1f}x input")
        ratio = times[100] / times[10]
        worst = max(worst, ratio)
        print(f"   {label:<16} 100x / 10x = {ratio:.2f}x")
    return worst


def many(paths: list[Path], files: int, tmp: Path) -> tuple[float, float]:
    print(f"3. many files: {files} distinct reports, --jobs 2 against --jobs 1 "
          f"(target >= 1.8x; linear in files)")
    folder = tmp / "many"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    names = []
    for i in range(files):
        name = folder / f"lkjip-{i:04d}.md"
        name.write_text(distinct(texts[i % len(texts)], i // len(texts) + 1), encoding="utf-8")
        names.append(str(name))
    out = {}
    for jobs in (1, 2):
        for n in (files // 4, files):
            wall, cpu, _ = run([*SAKIPLINT, "--jobs", str(jobs), *names[:n]])
            out[jobs, n] = wall
            print(f"   --jobs {jobs} {n:5d} files: {wall:7.2f}s wall ({n / wall:5.1f} files/s, "
                  f"CPU {cpu:.1f}s)")
    speedup = out[1, files] / out[2, files]
    growth = max(out[j, files] / out[j, files // 4] for j in (1, 2))
    print(f"   jobs 2 / jobs 1 throughput {speedup:.2f}x; {files} / {files // 4} files "
          f"took at most {growth:.2f}x the time (4.0x is linear)")
    return speedup, growth


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="timed runs per process (best of)")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--skip-files", action="store_true", help="skip the many-files part")
    ap.add_argument("--skip-linear", action="store_true", help="skip the linear part")
    ap.add_argument("reports", nargs="*")
    a = ap.parse_args()
    paths = reports(a.reports)
    f = floor(paths, a.runs)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        lin = None if a.skip_linear else linear(paths, a.runs, tmp)
        mf = None if a.skip_files else many(paths, a.files, tmp)
    summary = [f"floor {f:.2f}x (<= 2.0)"]
    if lin is not None:
        summary.append(f"100x/10x {lin:.2f}x (<= 10.5)")
    if mf is not None:
        summary.append(f"jobs 2 {mf[0]:.2f}x (>= 1.8)")
    print("speed: " + ", ".join(summary))


if __name__ == "__main__":
    main()
