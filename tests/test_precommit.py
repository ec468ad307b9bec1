"""The pre-commit hook, run for real: pre-commit installs sakiplint from a git repository that
holds a copy of this project (its hook definition included) and runs it on a report repository.

Needs git, pre-commit and network access to PyPI (pre-commit pip-installs the project into its
own environment); skipped when git or pre-commit is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BAD_CAPAIAN

ROOT = Path(__file__).resolve().parents[1]
COPY = ("src", "grammar", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")

BAD = BAD_CAPAIAN
GOOD = BAD.replace("120,00%", "112,50%")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="git and pre-commit are needed",
)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    })
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True)
    return proc.stdout.strip()


def _hook_repo(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A committed copy of the project (the working tree may have uncommitted changes)."""
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=ignore)
        else:
            shutil.copy2(src, repo / name)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "--no-gpg-sign", "-m", "sakiplint")
    return repo, _git(repo, env, "rev-parse", "HEAD")


def _pre_commit(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                          check=False)


def test_pre_commit_hook(tmp_path: Path) -> None:
    env = _env(tmp_path)
    hook_repo, sha = _hook_repo(tmp_path, env)
    work = tmp_path / "laporan"
    work.mkdir()
    _git(work, env, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo.as_posix()}\n"
        f"    rev: {sha}\n"
        "    hooks:\n"
        "      - id: sakiplint\n",
        "utf-8",
    )
    (work / "LKjIP-2024.md").write_text(BAD, "utf-8")
    (work / "catatan.rst").write_text("not a report: the hook must not look at it\n", "utf-8")
    _git(work, env, "add", "-A")

    proc = _pre_commit(work, env)
    out = proc.stdout + proc.stderr
    if proc.returncode not in (0, 1) or "sakiplint" not in out:
        pytest.fail(f"pre-commit did not run the hook (exit {proc.returncode}):\n{out}")
    assert proc.returncode == 1, out
    assert "LKjIP-2024.md:4:" in out and "AR001" in out, out
    assert "catatan.rst" not in out

    (work / "LKjIP-2024.md").write_text(GOOD, "utf-8")
    _git(work, env, "add", "-A")
    proc = _pre_commit(work, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
