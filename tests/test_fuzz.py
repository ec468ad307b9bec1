"""Fuzzing in the suite (issue 17): inputs derived from the corpus (or the fixtures), every
rule, every output format; no crash and no input over 2 s of CPU. About half a minute (a
minute on a busy machine); the long run of 100,000 inputs is ``python benchmarks/fuzz.py``."""

from __future__ import annotations

import io
import random
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import GENERATORS, check

LIMIT = 2.0        # CPU seconds an input may take
HANG = 30          # wall seconds after which an input is aborted (a hang fails, fast)
MEMORY = 3 << 30   # bytes of address space an input may add (a runaway fails, fast)


class Hang(BaseException):  # not caught by the check's "except Exception"
    pass


@pytest.fixture(scope="module", autouse=True)
def _bounded() -> Iterator[None]:
    """A hang or a runaway allocation fails the test instead of taking the machine down."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return
    import resource

    def alarm(_signum: int, _frame: object) -> None:
        raise Hang

    old_handler = signal.signal(signal.SIGALRM, alarm)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") if Path("/proc/self/statm").exists() else _empty() as f:
        used = int(f.read().split()[0] or 0) * resource.getpagesize()
    limit = used + MEMORY
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.signal(signal.SIGALRM, old_handler)


def _empty() -> io.StringIO:
    return io.StringIO("0")


def check_one(data: str | bytes) -> None:
    alarm = hasattr(signal, "SIGALRM")
    if alarm:
        signal.alarm(HANG)
    try:
        took = check(data)
    except Hang:
        pytest.fail(f"no answer after {HANG} s: {data[:300]!r}")
    finally:
        if alarm:
            signal.alarm(0)
    assert took <= LIMIT, f"{took:.2f} s CPU: {data[:300]!r}"


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@settings(deadline=None, max_examples=120, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2 ** 64))
def test_generated_inputs(kind: str, seed: int) -> None:
    """The generators of the long run, seeded by hypothesis (a seed is the whole input:
    ``GENERATORS[kind](random.Random(seed))`` makes it again)."""
    check_one(GENERATORS[kind](random.Random(seed)))


#: characters and words of report tables, markup and suppression comments
PIECES = [*"0123456789.,%-|\t <>/!#:;()[]*\\$\n", "Jumlah", "Target", "Capaian", "td", "tr",
          "colspan=9", "sakiplint-disable", "-->", "<!--", "Tabel 3.1", "Rp", "tahun 2024"]


@settings(deadline=None, max_examples=150, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=300).map("".join))
def test_arbitrary_text_of_report_pieces(text: str) -> None:
    check_one(text)
