"""The trust model (issue 17): configuration is data, code runs only when the user says so,
configuration is looked up within the repository or home, caches are private and checked."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BAD_CAPAIAN
from sakiplint.cli import main
from sakiplint.engine.config import find_config, rule_registry, user_config_path
from sakiplint.read import grammars, resources

#: a rule of a local pack whose check module is the pack's own ``{module}.py``
PACK_RULE = '''code = "{code}"
slug = "local-{code_lower}"
category = "data_quality"
severity = "warning"
scope = "document"
check = "{module}:check"

[message]
id = "Aturan lokal"
en = "Local rule"

[description]
id = "Aturan lokal."
en = "A local rule."

[[examples]]
kind = "fail"
report = "Laporan\\n"

[[examples]]
kind = "pass"
report = "Laporan\\n"
'''
#: a check module that leaves a mark when it is imported, and reports one finding
MODULE = '''import pathlib
pathlib.Path({mark!r}).write_text("imported")

def check(ctx, doc):
    from sakiplint.engine import Issue
    yield Issue(at=(1, 1, 1, 2))
'''


def _pack(folder: Path, *rules: tuple[str, str]) -> Path:
    """A pack in ``folder`` with (code, module) rules; each module marks ``folder/<m>.mark``."""
    folder.mkdir(parents=True)
    for code, module in rules:
        (folder / f"{code}.toml").write_text(
            PACK_RULE.format(code=code, code_lower=code.lower(), module=module), "utf-8")
        (folder / f"{module}.py").write_text(
            MODULE.format(mark=str(folder / f"{module}.mark")), "utf-8")
    return folder


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A report repository whose configuration names a rule pack with code in it."""
    root = tmp_path / "repo"
    _pack(root / "aturan", ("XR001", f"xr_{tmp_path.name[-12:].replace('-', '_')}_a"),
          ("XR002", f"xr_{tmp_path.name[-12:].replace('-', '_')}_b"))
    (root / ".git").mkdir()
    (root / ".sakiplint.toml").write_text('rule-packs = ["aturan"]\n', "utf-8")
    (root / "laporan.md").write_text(BAD_CAPAIAN, "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    return root


def _marks(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "aturan").glob("*.mark"))


def _check(*args: str):
    return CliRunner().invoke(main, ["check", "--format", "json", *args],
                              catch_exceptions=False)


def _rules(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]


# --------------------------------------------------------------------------- rule packs

def test_a_repository_rule_pack_is_not_loaded(repo: Path) -> None:
    """The configuration a repository holds named a folder that went first on sys.path and
    whose module was imported, even for rules that were not run."""
    r = _check(str(repo / "laporan.md"))
    assert r.exit_code == 1
    assert "XR001" not in _rules(r) and _marks(repo) == []
    lines = r.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"sakiplint: warning: {repo / '.sakiplint.toml'}: rule pack "
                               f"{repo / 'aturan'} not loaded")
    assert f"--rule-pack {repo / 'aturan'}" in lines[0]
    assert str(user_config_path()) in lines[0] and "trusted-rule-packs" in lines[0]
    assert str(repo / "aturan") not in sys.path


def test_a_pack_named_on_the_command_line_runs_only_its_selected_rules(repo: Path) -> None:
    r = _check("--rule-pack", str(repo / "aturan"), "--select", "XR001",
               str(repo / "laporan.md"))
    assert r.exit_code == 1 and r.stderr == ""
    assert _rules(r) == ["XR001"]
    # the module of XR002 (loaded, not selected) was not imported
    assert len(_marks(repo)) == 1 and _marks(repo)[0].endswith("_a.mark")
    # the pack's folder comes after everything else on the import path
    assert sys.path[-1] == str(repo / "aturan")


def test_a_pack_trusted_in_the_user_configuration(repo: Path, tmp_path: Path) -> None:
    user = user_config_path()
    user.parent.mkdir(parents=True)
    user.write_text(f"trusted-rule-packs = [{json.dumps(str(repo / 'aturan'))}]\n", "utf-8")
    r = _check(str(repo / "laporan.md"))
    assert r.stderr == "" and {"XR001", "XR002"} <= set(_rules(r))
    # --isolated ignores the user's configuration too
    r = _check("--isolated", str(repo / "laporan.md"))
    assert "XR001" not in _rules(r)
    # and the user configuration holds nothing else
    user.write_text('trusted-rule-packs = []\nselect = ["AR"]\n', "utf-8")
    r = CliRunner().invoke(main, ["check", str(repo / "laporan.md")])
    assert r.exit_code == 2 and "unknown key 'select'" in r.stderr


def test_a_pack_cannot_stand_in_for_another_module(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    pack = _pack(tmp_path / "pack", ("XR003", "xr_shadow_probe"))
    (pack / "tomllib.py").write_text("raise SystemExit('shadowed')\n", "utf-8")
    sys.modules.pop("tomllib", None)
    rule_registry((str(pack),))
    import tomllib

    assert tomllib.__file__ is not None and not tomllib.__file__.startswith(str(pack))
    assert sys.path[-1] == str(pack) and list(pack.glob("*.mark")) == []


def test_a_dotted_check_is_found_without_running_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sakiplint.engine.rules import _module_exists

    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    pkg = tmp_path / "xr_dotted_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n")
    (pkg / "checks.py").write_text("def check(ctx, doc):\n    return []\n")
    assert _module_exists("xr_dotted_pkg.checks")
    assert not _module_exists("xr_dotted_pkg.nothing")
    assert not (tmp_path / "ran").exists()


def test_python_m_does_not_import_from_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "click.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n")
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "--version"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "ran").exists()


# --------------------------------------------------------------------------- lookup

def test_lookup_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".sakiplint.toml").write_text('select = ["AR"]\n', "utf-8")
    report = tmp_path / "repo" / "laporan" / "r.md"
    report.parent.mkdir(parents=True)
    report.write_text(BAD_CAPAIAN, "utf-8")
    found = find_config(report)
    assert found is not None and found.path == (tmp_path / ".sakiplint.toml").resolve()
    (tmp_path / "repo" / ".git").write_text("gitdir: elsewhere\n")  # a worktree: a file
    assert find_config(report, {}) is None
    (tmp_path / "repo" / "pyproject.toml").write_text("[tool.sakiplint]\nselect = ['BU']\n")
    found = find_config(report, {})
    assert found is not None and found.select == ("BU",)


def test_lookup_stops_at_the_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".sakiplint.toml").write_text('select = ["AR"]\n', "utf-8")
    home = tmp_path / "home"
    report = home / "laporan" / "r.md"
    report.parent.mkdir(parents=True)
    report.write_text(BAD_CAPAIAN, "utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    assert find_config(report) is None
    (home / ".sakiplint.toml").write_text('select = ["DQ"]\n', "utf-8")
    found = find_config(report)
    assert found is not None and found.select == ("DQ",)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_folder_anyone_may_write_to_is_not_read(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "laporan").mkdir(parents=True)
    shared.chmod(0o777)
    (shared / ".sakiplint.toml").write_text('ignore = ["ALL"]\n', "utf-8")
    report = shared / "laporan" / "r.md"
    report.write_text(BAD_CAPAIAN, "utf-8")
    said: list[str] = []
    assert find_config(report, {}, said.append) is None
    assert said == [f"{shared}: configuration not read: anyone may write to this folder"]
    r = CliRunner().invoke(main, ["check", str(report)])
    assert r.exit_code == 1 and "AR001" in r.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_unreadable_configuration_is_said_once_and_passed_over(tmp_path: Path) -> None:
    """A configuration that cannot be read (here a FIFO, which also hung) stopped every run."""
    (tmp_path / ".sakiplint.toml").write_text('select = ["DQ"]\n', "utf-8")
    folder = tmp_path / "laporan"
    folder.mkdir()
    os.mkfifo(folder / ".sakiplint.toml")
    for name in ("a.md", "b.md"):
        (folder / name).write_text(BAD_CAPAIAN.replace("120,00%", "#DIV/0!"), "utf-8")
    r = CliRunner().invoke(main, ["check", str(folder / "a.md"), str(folder / "b.md")])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"sakiplint: warning: {folder / '.sakiplint.toml'}: cannot read: is a named pipe "
        "(FIFO), not a regular file: not read; going on without it"]
    assert r.stdout.count("DQ001") == 2 and "AR001" not in r.stdout


def test_an_unreadable_configuration_named_explicitly_is_an_error(tmp_path: Path,
                                                                    monkeypatch) -> None:
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('select = ["DQ"]\n', "utf-8")
    real = os.open

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == str(cfg):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    report = tmp_path / "r.md"
    report.write_text(BAD_CAPAIAN, "utf-8")
    r = CliRunner().invoke(main, ["check", "--config", str(cfg), str(report)])
    assert r.exit_code == 2
    assert r.stderr.strip() == f"sakiplint: {cfg}: cannot read: permission denied"


# --------------------------------------------------------------------------- caches

def test_the_cache_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    folder = resources.cache_dir()
    assert folder == tmp_path / "c" / "sakiplint"
    if sys.platform != "win32":
        assert folder.stat().st_mode & 0o777 == 0o700
        old = tmp_path / "old"
        (old / "sakiplint").mkdir(parents=True, mode=0o755)
        (old / "sakiplint").chmod(0o755)
        monkeypatch.setenv("XDG_CACHE_HOME", str(old))
        assert resources.cache_dir() == old / "sakiplint"
        assert (old / "sakiplint").stat().st_mode & 0o777 == 0o700
        # a symbolic link (to a folder someone else controls) is no private folder
        (tmp_path / "link").mkdir()
        (tmp_path / "link" / "sakiplint").symlink_to(old / "sakiplint")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "link"))
        assert resources.cache_dir() is None


def test_no_grammar_cache_in_the_shared_temp_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """With the cache folder unusable, Lark's tables went to a predictable name in /tmp, as a
    pickle that was loaded before it was checked."""
    import tempfile

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    shared = tmp_path / "tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    parser = grammars.load_grammar("dates")
    assert parser.parse("17 Agustus 2024") is not None
    assert list(shared.iterdir()) == []


def test_a_grammar_cache_is_checked_before_it_is_loaded(tmp_path: Path,
                                                        monkeypatch) -> None:
    import pickle

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammars.load_grammar("dates")
    (cached,) = (tmp_path / "sakiplint").glob("lark-dates-*.marshal")
    good = cached.read_bytes()

    class Boom:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (open, (str(tmp_path / "ran"), "w"))

    for planted in (pickle.dumps(Boom()), good[:32] + pickle.dumps(Boom()), good[:-10]):
        cached.write_bytes(planted)
        assert grammars.load_grammar("dates").parse("17 Agustus 2024") is not None
        assert not (tmp_path / "ran").exists()
    data = cached.read_bytes()  # rewritten whole
    assert hashlib.sha256(data[32:]).digest() == data[:32] and len(data) == len(good)
    if sys.platform != "win32":  # a file others may write to is not believed
        cached.chmod(0o666)
        monkeypatch.setattr(grammars, "_store_parser", lambda *_a: None)
        calls: list[int] = []
        import lark

        monkeypatch.setattr(lark.Lark, "_load", lambda *a, **k: calls.append(1))
        grammars.load_grammar("dates")
        assert calls == []


def test_isolated_reads_and_writes_no_cache(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text(BAD_CAPAIAN, "utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "check", "--isolated",
                           str(report)], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 1, proc.stderr
    assert not (tmp_path / "cache").exists()
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "check", str(report)],
                          capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 1, proc.stderr
    assert list((tmp_path / "cache" / "sakiplint").glob("pack-*.marshal"))


def test_isolated_turns_the_caches_off_for_its_command_only() -> None:
    """In a longer process (an editor, the test suite) the next command caches again."""
    assert resources.caches_enabled()
    assert CliRunner().invoke(main, ["rules", "--isolated"]).exit_code == 0
    assert resources.caches_enabled()
