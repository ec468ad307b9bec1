"""``python -m sakiplint``: the command line, run as a whole process.

A lint run is a short-lived process that builds a lot of objects and keeps most of them to
the end, so (as mypy does) it skips what only costs time there: the cyclic garbage collector
is off (``sakiplint.cli.lint_all`` collects between files, so that linting many files does
not accumulate garbage) and the interpreter's teardown (freeing every object one by one) is
skipped once the output is flushed (not under a profiler or tracer: they report at exit).
Compiled regular expressions are kept between runs (:mod:`sakiplint.read.rxcache`).
"""

from __future__ import annotations

import os
import sys

# ``python -m sakiplint`` puts the current directory first on the import path: run inside a
# report repository, its ``click.py`` (or a ``*.dist-info`` declaring sakiplint rules) would be
# imported as code. sakiplint itself is imported by now; the rest comes from the installation.
if __name__ == "__main__" and sys.path and not sys.flags.safe_path and os.path.abspath(
        sys.path[0] or os.curdir) == os.getcwd():
    del sys.path[0]

import contextlib
import gc
from typing import NoReturn


def run() -> NoReturn:
    gc.disable()
    cached = "--isolated" not in sys.argv[1:] and _regex_cache()
    from sakiplint.cli import main

    try:
        main(prog_name="sakiplint")
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    if cached:
        from sakiplint.read.rxcache import save

        with contextlib.suppress(Exception):
            save()
    hard_exit(status)


def _regex_cache() -> bool:
    """Compiled regular expressions from the previous runs (see ``read.rxcache``); not with
    ``--isolated``, which reads and writes no cache."""
    try:
        from sakiplint.read.rxcache import install, install_dataclasses

        return install_dataclasses() | install()
    except Exception:  # the cache only saves time
        return False


def hard_exit(status: object) -> NoReturn:
    """Exit like ``sys.exit(status)`` after flushing the output, without the teardown; under a
    profiler or tracer (cProfile, coverage), which report at exit, exit normally."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("message")
        print(status, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a broken pipe
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
