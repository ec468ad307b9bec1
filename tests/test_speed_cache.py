"""Start-up caches and process shortcuts: invalidated by content, harmless when unwritable."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sakiplint
from conftest import FIXTURES
from sakiplint.cli import lint_all
from sakiplint.engine import RulePackError, load_pack
from sakiplint.engine import rules as engine
from sakiplint.engine.config import Effective

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = FIXTURES / "examples" / "lkjip-sukamaju-2024.md"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    d = tmp_path / "pack"
    d.mkdir()
    for code in ("AR001", "BU003"):
        shutil.copy(ROOT / "rules" / f"{code}.toml", d / f"{code}.toml")
    return d


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "sakiplint"


def _no_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_a: object, **_k: object) -> None:
        raise AssertionError("the rule pack was parsed again")

    monkeypatch.setattr(tomllib, "loads", fail)


def _codes(rules: list[engine.Rule]) -> list[tuple[str, str]]:
    return [(r.code, r.message["en"]) for r in rules]


def test_pack_is_parsed_once_then_read_from_the_cache(
    pack: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_pack(pack, origin="test")
    assert len(list(cache_home.glob("pack-*.marshal"))) == 1
    _no_toml(monkeypatch)
    again = load_pack(pack, origin="test")
    assert _codes(again) == _codes(first)
    assert [r.meta()["check"] for r in again] == [r.meta()["check"] for r in first]


def test_pack_cache_is_invalidated_by_a_changed_rule_file(
    pack: Path, cache_home: Path
) -> None:
    load_pack(pack, origin="test")
    f = pack / "AR001.toml"
    f.write_text(f.read_text("utf-8").replace("Capaian {actual}", "CAPAIAN {actual}", 1), "utf-8")
    changed = {r.code: r for r in load_pack(pack, origin="test")}
    assert changed["AR001"].message["id"].startswith("CAPAIAN")
    assert len(list(cache_home.glob("pack-*.marshal"))) == 2
    # an invalid edit is reported although a validated version of the pack is cached
    f.write_text(f.read_text("utf-8").replace('slug = "capaian-mismatch"', 'slug = "Bad Slug"'),
                 "utf-8")
    with pytest.raises(RulePackError, match="slug"):
        load_pack(pack, origin="test")


def test_pack_cache_is_invalidated_by_added_and_removed_files(
    pack: Path, cache_home: Path
) -> None:
    assert [r.code for r in load_pack(pack)] == ["AR001", "BU003"]
    shutil.copy(ROOT / "rules" / "AR003.toml", pack / "AR003.toml")
    assert [r.code for r in load_pack(pack)] == ["AR001", "AR003", "BU003"]
    (pack / "AR001.toml").unlink()
    assert [r.code for r in load_pack(pack)] == ["AR003", "BU003"]


def test_pack_cache_is_keyed_by_version(
    pack: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(pack)
    monkeypatch.setattr(engine, "__version__", "999.0")
    load_pack(pack)
    assert len(list(cache_home.glob("pack-*.marshal"))) == 2


def test_corrupt_pack_cache_is_ignored(pack: Path, cache_home: Path) -> None:
    first = load_pack(pack)
    for f in cache_home.glob("pack-*.marshal"):
        f.write_bytes(b"\x00garbage")
    assert _codes(load_pack(pack)) == _codes(first)


def test_unwritable_cache_dir_does_not_break_linting(
    tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert [r.code for r in load_pack(pack)] == ["AR001", "BU003"]
    env = {**_env(), "XDG_CACHE_HOME": str(blocker)}
    proc = subprocess.run(
        [sys.executable, "-m", "sakiplint", "check", "--isolated", "--format", "json",
         str(EXAMPLE)], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["findings"] > 0


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def test_cli_import_is_light() -> None:
    """Start-up imports only what every run needs: no JSON Schema validation (cached), no
    TOML reader (cached pack, no configuration file), no Lark (cell shortcuts)."""
    code = ("import sys, sakiplint.cli; "
            "print(sorted(m for m in ('jsonschema', 'lark', 'tomllib', 'markdown_it') "
            "if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"


def test_parsing_tables_needs_no_lark_for_common_cells() -> None:
    code = ("import sys; from sakiplint.read.parse import parse_text; "
            f"parse_text(open({str(EXAMPLE)!r}, encoding='utf-8').read()); "
            "print('lark' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "False"


def test_process_exit_flushes_everything(tmp_path: Path) -> None:
    """``python -m sakiplint`` skips the interpreter's teardown: the output must be whole and
    the exit code kept."""
    reports = []
    for i in range(3):
        p = tmp_path / f"r{i}.md"
        p.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        reports.append(str(p))
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "check", "--isolated",
                           "--format", "json", *reports], capture_output=True, text=True,
                          env=_env(), check=False)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["summary"]["files"] == 3
    ok = subprocess.run([sys.executable, "-m", "sakiplint", "--version"],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and sakiplint.__version__ in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "sakiplint", "check", str(tmp_path / "no.md")],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "no such file" in bad.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_lint_all_with_the_collector_off(jobs: int) -> None:
    eff = Effective(codes=("AR001", "BU003", "NA001"), severity=())
    files = [str(EXAMPLE)] * 3
    expected = lint_all(files, [eff] * 3)
    was = gc.isenabled()
    gc.disable()
    try:
        got = lint_all(files, [eff] * 3, jobs=jobs)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
    assert [[(f.rule, f.line, f.column) for f in r.findings] for r in got] == [
        [(f.rule, f.line, f.column) for f in r.findings] for r in expected]


def test_worker_batch_collects_after_each_file_with_the_collector_off() -> None:
    """A --jobs worker lints as one process does: the collector off, the garbage of each
    file collected after it (a reference cycle left by one file is gone before the next),
    what survives frozen, and the same findings as linting in this process."""
    code = f"""
import gc, json, weakref
from sakiplint.engine import api
from sakiplint.engine.config import Effective
api._worker_start(False)
assert not gc.isenabled()
class Node: pass
made = []
real = api.lint_one
def lint_one(*args, **kw):
    a, b = Node(), Node()
    a.other, b.other = b, a            # a cycle only the collector frees
    made.append(weakref.ref(a))
    return real(*args, **kw)
api.lint_one = lint_one
frozen = gc.get_freeze_count()
eff = Effective(codes=("AR001", "BU003", "NA001"), severity=())
out = api._lint_batch([{str(EXAMPLE)!r}] * 2, [eff] * 2, False, False, 10**8)
print(json.dumps({{"enabled": gc.isenabled(), "alive": [r() is not None for r in made],
                  "frozen": gc.get_freeze_count() > frozen,
                  "found": [[(f.rule, f.line) for f in r.findings] for r in out]}}))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    got = json.loads(proc.stdout)
    assert got["enabled"] is False and got["frozen"] is True
    assert got["alive"] == [False, False]
    eff = Effective(codes=("AR001", "BU003", "NA001"), severity=())
    (expected,) = lint_all([str(EXAMPLE)], [eff])
    assert got["found"] == [[[f.rule, f.line] for f in expected.findings]] * 2


def test_entry_point_cache_key_ignores_cwd_churn_but_not_distributions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "reports"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(sys, "path", ["", *sys.path])
    before = engine._path_stamp("")
    (work / "laporan.md").write_text("x", "utf-8")
    (work / ".laporan.md.swp").write_text("x", "utf-8")
    assert engine._path_stamp("") == before
    (work / "demo_plugin-1.0.dist-info").mkdir()
    assert engine._path_stamp("") != before
    assert engine._path_stamp(str(tmp_path / "missing")) is None


def test_check_modules_are_imported_when_a_rule_first_runs() -> None:
    code = (
        "import sys\n"
        "from sakiplint.engine import all_rules\n"
        "from sakiplint.engine.lint import lint_file\n"
        "rules = {r.code: r for r in all_rules()}\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith('sakiplint.checks.'))\n"
        "print(loaded())\n"
        f"lint_file({str(EXAMPLE)!r}, rules=[rules['AR001']])\n"
        "print(loaded())\n"
        "print(rules['AR001'].meta()['check'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    before, after, ref = proc.stdout.splitlines()
    assert before == "[]"
    assert "'sakiplint.checks.arithmetic'" in after and "sakiplint.checks.years" not in after
    assert ref == "sakiplint.checks.arithmetic:capaian"


def test_a_missing_check_is_reported(pack: Path, cache_home: Path) -> None:
    f = pack / "AR001.toml"
    text = f.read_text("utf-8")
    f.write_text(text.replace("sakiplint.checks.arithmetic:capaian", "no_such_module:capaian"),
                 "utf-8")
    with pytest.raises(RulePackError, match="cannot load check 'no_such_module:capaian'"):
        load_pack(pack)
    f.write_text(text.replace("sakiplint.checks.arithmetic:capaian",
                              "sakiplint.checks.arithmetic:no_such_check"), "utf-8")
    rule = next(r for r in load_pack(pack) if r.code == "AR001")
    with pytest.raises(RulePackError, match=r"cannot load check .*no_such_check"):
        rule.check(None, None)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3000), st.integers(1, 8))
def test_worker_batches_cover_the_files_in_order(total: int, workers: int) -> None:
    from sakiplint.engine.api import _batches

    got = _batches(total, workers)
    assert [i for b in got for i in b] == list(range(total))
    assert all(1 <= len(b) <= 32 for b in got)
    # the last batches are small: the end of the run is shared between the workers
    if total >= 64 * workers:
        assert len(got[-1]) <= 4
