"""The command line keeps compiled regular expressions and dataclass methods between runs
(sakiplint.read.rxcache): a pattern answered from the cache behaves as a fresh one, a damaged
cache is ignored, --isolated writes none, and the output never depends on the cache."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES
from sakiplint.read import rxcache

PATTERNS = [
    (r"(?P<year>(?:19|20)\d\d)\s*-\s*(?P<end>(?:19|20)\d\d)", 0),
    (r"\b(?:capaian|realisasi)\b", re.IGNORECASE),
    (r"^\s*Tabel\s+(\d+(?:\.\d+)*)", re.MULTILINE),
    (r"[\d.,]+\s*%?", 0),
    (r"(a|b)*?c(?=d)", re.DOTALL),
]
TEXTS = ["Renstra 2019 - 2023", "CAPAIAN kinerja", "x\n  Tabel 3.1 Capaian", "12,5 %",
         "ababcd", "tidak ada"]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    yield tmp_path / "sakiplint"
    rxcache.uninstall()


def _behaviour(flags_patterns):
    out = []
    for pattern, flags in flags_patterns:
        rx = re.compile(pattern, flags)
        out.append((rx.groups, dict(rx.groupindex), rx.flags,
                    [(m.span(), m.groups()) for t in TEXTS for m in rx.finditer(t)]))
    return out


def test_a_pattern_from_the_cache_behaves_as_a_fresh_one(cache_home):
    fresh = _behaviour(PATTERNS)
    re.purge()
    assert rxcache.install()
    _behaviour(PATTERNS)          # compiled and recorded
    rxcache.save()
    files = list(cache_home.glob("re-*.marshal"))
    assert len(files) == 1 and files[0].stat().st_mode & 0o777 == 0o600
    rxcache.uninstall()
    re.purge()
    assert rxcache.install()
    assert all((p, f) in rxcache._state.entries for p, f in PATTERNS)
    assert _behaviour(PATTERNS) == fresh   # answered from the file
    assert rxcache._state.new == 0


def test_a_damaged_cache_is_ignored(cache_home):
    re.purge()
    assert rxcache.install()
    _behaviour(PATTERNS)
    rxcache.save()
    rxcache.uninstall()
    path = next(cache_home.glob("re-*.marshal"))
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    re.purge()
    assert rxcache.install()
    assert rxcache._state.entries == {}    # the hash does not match: nothing read
    assert _behaviour(PATTERNS) == _fresh_behaviour()


def _fresh_behaviour():
    rxcache.uninstall()
    re.purge()
    return _behaviour(PATTERNS)


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["XDG_CACHE_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "sakiplint", "check", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_output_does_not_depend_on_the_cache(tmp_path):
    report = str(FIXTURES / "reports" / "kaliwangi-2023.md")
    cold = _run(["--format", "json", report], tmp_path)
    folder = tmp_path / "sakiplint"
    assert {p.name.split("-")[0] for p in folder.glob("*.marshal")} >= {"re", "dataclasses"}
    warm = _run(["--format", "json", report], tmp_path)
    assert cold.returncode == warm.returncode == 1
    assert cold.stdout == warm.stdout and '"rule"' in cold.stdout
    for path in folder.glob("*.marshal"):   # damaged files: ignored, rewritten
        path.write_bytes(b"\0" * 64)
    damaged = _run(["--format", "json", report], tmp_path)
    assert damaged.stdout == cold.stdout


def test_isolated_writes_no_cache(tmp_path):
    report = str(FIXTURES / "reports" / "kaliwangi-2023.md")
    r = _run(["--isolated", "-q", report], tmp_path)
    assert r.returncode == 1
    assert not list(tmp_path.rglob("*.marshal"))
