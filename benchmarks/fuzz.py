"""The long fuzz run: >= 100,000 inputs derived from the corpus, 0 crashes, none over 2 s.

    python benchmarks/fuzz.py                    # 100,000 inputs, seed 1
    python benchmarks/fuzz.py -n 2000 --seed 7   # a quick one
    python benchmarks/fuzz.py --out fuzz-out     # where crashing and slow inputs are saved

Inputs (``tests/fuzzing.py``): windows of corpus lines mutated, generated tables of every
style, sentences, random bytes; each is linted with every rule, its suppression comments are
applied and every output format is rendered, in this process. A crash or an input over the
limit is saved to ``--out`` with its traceback; the run prints progress, the count, the crashes,
the inputs over the limit and the slowest input. Exit 1 when anything crashed or was slow.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import GENERATORS, Failure, check


class Hang(BaseException):  # not caught by the check's "except Exception"
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=2.0,
                    help="CPU seconds an input may take")
    ap.add_argument("--hang", type=int, default=20, help="seconds before an input is aborted")
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"))
    ap.add_argument("--only", choices=sorted(GENERATORS), action="append",
                    help="only these generators (repeatable)")
    args = ap.parse_args()

    names = args.only or sorted(GENERATORS)
    weights = {"lines": 5, "table": 2, "document": 2, "bytes": 1}
    population = [n for n in names for _ in range(weights[n])]
    use_alarm = hasattr(signal, "SIGALRM")
    if use_alarm:
        signal.signal(signal.SIGALRM, _alarm)
    check(GENERATORS["table"](random.Random(0)))  # imports and first compiles: not timed
    crashes = slow = 0
    slowest = (0.0, "", b"")
    per_kind: dict[str, int] = {}
    start = time.perf_counter()
    for i in range(args.count):
        rng = random.Random(f"{args.seed}:{i}")
        kind = rng.choice(population)
        data = GENERATORS[kind](rng)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        problem = None
        if use_alarm:
            signal.alarm(args.hang)
        try:
            took = check(data)
        except Failure as exc:
            took, problem = 0.0, f"crash\n{exc}"
            crashes += 1
        except Hang:
            took, problem = float(args.hang), f"hang: aborted after {args.hang} s (wall)"
            slow += 1
        finally:
            if use_alarm:
                signal.alarm(0)
        if problem is None and took > args.limit:
            problem = f"slow: {took:.2f} s CPU"
            slow += 1
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        if took > slowest[0]:
            slowest = (took, f"#{i} ({kind}, {len(raw)} bytes)", raw)
        if problem is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"input-{args.seed}-{i}.md").write_bytes(raw)
            (args.out / f"input-{args.seed}-{i}.txt").write_text(f"{kind}\n{problem}\n", "utf-8")
            print(f"#{i} {kind}: {problem.splitlines()[0]} -> {args.out}/input-{args.seed}-{i}.md",
                  flush=True)
        if (i + 1) % 5000 == 0:
            print(f"{i + 1} inputs, {crashes} crashes, {slow} slow, "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
    if slowest[2]:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "slowest.md").write_bytes(slowest[2])
    total = time.perf_counter() - start
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(per_kind.items()))
    print(f"{args.count} inputs ({kinds}) in {total:.0f} s: {crashes} crashes, {slow} over "
          f"{args.limit:g} s CPU; slowest {slowest[0]:.3f} s: input {slowest[1]} "
          f"(saved as {args.out}/slowest.md)")
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
