"""The long fuzz run: >= 100,000 inputs derived from the corpus, 0 crashes, none over 2 s.

    python benchmarks/fuzz.py                       # 100,000 inputs, seed 1, one process
    python benchmarks/fuzz.py -n 2000 --seed 7      # a quick one
    python benchmarks/fuzz.py --jobs 2              # two processes (the same inputs)
    python benchmarks/fuzz.py --out fuzz-out        # where crashing and slow inputs are saved

Inputs (``tests/fuzzing.py``): windows of corpus lines mutated, generated tables of every
style, sentences and documents, random bytes. Input ``i`` of a seed is always the same (made
from ``random.Random(f"{seed}:{i}")``), so any input can be made again from its number. Each
is linted with every rule, its suppression comments are applied and every output format is
rendered; its CPU time is measured (on a shared machine the wall clock measures the
neighbours), and an input still running after ``--hang`` seconds of wall time is aborted. A
crash or an input over the limit is saved to ``--out`` with its traceback. The run prints
progress, the count, the crashes, the inputs over the limit and the slowest input, and exits
with 1 when anything crashed or was slow.
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

#: how often each generator is picked
WEIGHTS = {"lines": 5, "table": 2, "document": 2, "bytes": 1}


class Hang(BaseException):  # not caught by the check's "except Exception"
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


def make(seed: int, i: int, names: list[str]) -> tuple[str, str | bytes]:
    """Input ``i`` of ``seed``: (generator name, data)."""
    rng = random.Random(f"{seed}:{i}")
    kind = rng.choice([n for n in names for _ in range(WEIGHTS[n])])
    return kind, GENERATORS[kind](rng)


def _raw(data: str | bytes) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


_SETTINGS: dict[str, object] = {}


def _init(settings: dict[str, object]) -> None:
    _SETTINGS.update(settings)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _alarm)
        import resource  # a runaway allocation is a crash (MemoryError), not the machine's end

        memory = int(settings["memory"]) << 20  # type: ignore[call-overload]
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard == resource.RLIM_INFINITY or hard > memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    check(GENERATORS["table"](random.Random(0)))  # imports and first compiles: not timed


def run_one(i: int) -> tuple[int, str, int, float, str | None]:
    """(index, generator, size in bytes, CPU seconds, problem or None) of one input."""
    seed, names, hang, limit = (_SETTINGS[k] for k in ("seed", "names", "hang", "limit"))
    kind, data = make(seed, i, names)  # type: ignore[arg-type]
    problem = None
    alarm = hasattr(signal, "SIGALRM")
    if alarm:
        signal.alarm(hang)  # type: ignore[arg-type]
    try:
        took = check(data)
    except Failure as exc:
        took, problem = 0.0, f"crash\n{exc}"
    except Hang:
        took, problem = float(hang), f"hang: aborted after {hang} s (wall)"  # type: ignore
    finally:
        if alarm:
            signal.alarm(0)
    if problem is None and took > limit:  # type: ignore[operator]
        problem = f"slow: {took:.2f} s CPU"
    return i, kind, len(_raw(data)), took, problem


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first input number")
    ap.add_argument("--limit", type=float, default=2.0, help="CPU seconds an input may take")
    ap.add_argument("--hang", type=int, default=20, help="wall seconds before an input is aborted")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--memory", type=int, default=3072, help="MB of address space a process "
                    "may use (POSIX)")
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"))
    ap.add_argument("--only", choices=sorted(GENERATORS), action="append",
                    help="only these generators (repeatable)")
    args = ap.parse_args()

    names = args.only or sorted(GENERATORS)
    settings = {"seed": args.seed, "names": names, "hang": args.hang, "limit": args.limit,
                "memory": args.memory}
    indices = range(args.start, args.start + args.count)
    if args.jobs > 1:
        from multiprocessing import Pool

        pool = Pool(args.jobs, initializer=_init, initargs=(settings,))
        results = pool.imap_unordered(run_one, indices, chunksize=20)
    else:
        _init(settings)
        results = map(run_one, indices)
    crashes = slow = done = 0
    slowest = (0.0, -1, "", 0)
    per_kind: dict[str, int] = {}
    start = time.perf_counter()
    for i, kind, size, took, problem in results:
        done += 1
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if took > slowest[0]:
            slowest = (took, i, kind, size)
        if problem is not None:
            crashes += problem.startswith("crash")
            slow += not problem.startswith("crash")
            args.out.mkdir(parents=True, exist_ok=True)
            stem = args.out / f"input-{args.seed}-{i}"
            stem.with_suffix(".md").write_bytes(_raw(make(args.seed, i, names)[1]))
            stem.with_suffix(".txt").write_text(f"{kind}\n{problem}\n", "utf-8")
            print(f"#{i} {kind}: {problem.splitlines()[0]} -> {stem}.md", flush=True)
        if done % 1000 == 0:
            print(f"{done} inputs, {crashes} crashes, {slow} slow, slowest {slowest[0]:.3f} s "
                  f"(#{slowest[1]}), {time.perf_counter() - start:.0f} s", flush=True)
    if slowest[1] >= 0:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "slowest.md").write_bytes(_raw(make(args.seed, slowest[1], names)[1]))
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(per_kind.items()))
    print(f"{done} inputs ({kinds}) in {time.perf_counter() - start:.0f} s: {crashes} crashes, "
          f"{slow} over {args.limit:g} s CPU; slowest {slowest[0]:.3f} s CPU: input "
          f"#{slowest[1]} of seed {args.seed} ({slowest[2]}, {slowest[3]} bytes; saved as "
          f"{args.out}/slowest.md)")
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
