"""Releases: one version everywhere, a changelog entry for it, and the README's pre-commit
configuration run for real against a tagged copy of the project (the tag the README names),
with ``pre-commit run`` and ``pre-commit try-repo``, on a wrong report: the hook fails it.

The pre-commit part needs git, pre-commit and PyPI (pre-commit pip-installs the project);
it is skipped without git or pre-commit."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import sakiplint
from conftest import BAD_CAPAIAN, ROOT
from sakiplint.cli import main

README = (ROOT / "README.md").read_text("utf-8")


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_one_version_everywhere() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == sakiplint.__version__ == "0.2.0"
    out = CliRunner().invoke(main, ["--version"]).stdout
    assert sakiplint.__version__ in out


def test_changelog_has_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert text.startswith("# Changelog")
    versions = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert versions[:2] == ["Unreleased", sakiplint.__version__]
    section = text.split(f"## [{sakiplint.__version__}]", 1)[1].split("\n## [", 1)[0]
    assert "### Added" in section and "### Changed" in section
    for needle in ("gitlab", "junit", "check_path", "exclude", ".gitignore", "--stdin-filename"):
        assert needle in section, needle
    assert f"[{sakiplint.__version__}]: " in text   # the link of the heading


def precommit_config() -> str:
    found = [b for b in yaml_blocks(README) if "id: sakiplint" in b]
    assert len(found) == 1
    return found[0]


def test_readme_pre_commit_points_at_this_release() -> None:
    config = precommit_config()
    assert re.search(rf"^\s+rev: v{re.escape(sakiplint.__version__)}$", config, re.M)


def test_readme_github_actions_step() -> None:
    yaml = pytest.importorskip("yaml")
    flows = [yaml.safe_load(b) for b in yaml_blocks(README) if "upload-sarif" in b]
    assert len(flows) == 1
    flow = flows[0]
    assert flow["permissions"]["security-events"] == "write"
    steps = next(iter(flow["jobs"].values()))["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert any("sakiplint check" in r and "--format github" in r for r in runs)
    sarif = next(r for r in runs if "--format sarif" in r)
    target = re.search(r"-o (\S+)", sarif)
    assert target is not None
    upload = next(s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == target.group(1)
    assert upload.get("if") == "always()"
    # the options the step uses exist
    for r in runs:
        if r.startswith("sakiplint"):
            args = [*r.split()[1:], "--show-files"]
            assert CliRunner().invoke(main, args).exit_code in (0, 1), r


# --------------------------------------------------------------------------- pre-commit

needs_pre_commit = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="git and pre-commit are needed",
)


@needs_pre_commit
def test_readme_pre_commit_configuration_fails_a_wrong_report(tmp_path: Path) -> None:
    from test_precommit import _env, _git, _hook_repo

    env = _env(tmp_path)
    hook_repo, _ = _hook_repo(tmp_path, env)
    tag = f"v{sakiplint.__version__}"
    _git(hook_repo, env, "tag", tag)   # the lead tags the real repository at the release

    work = tmp_path / "laporan"
    work.mkdir()
    _git(work, env, "init", "-q")
    config = precommit_config()
    config = re.sub(r"repo: \S+.*", f"repo: {hook_repo.as_posix()}", config)
    (work / ".pre-commit-config.yaml").write_text(config, "utf-8")
    (work / "LKjIP-2024.md").write_text(BAD_CAPAIAN, "utf-8")
    (work / "README.md").write_text("# Laporan Kinerja\n\nTidak ada tabel di sini.\n", "utf-8")
    _git(work, env, "add", "-A")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=900, check=False)

    proc = run("run", "--all-files")
    out = proc.stdout + proc.stderr
    if proc.returncode not in (0, 1) or "sakiplint" not in out:
        pytest.fail(f"pre-commit did not run the hook (exit {proc.returncode}):\n{out}")
    assert proc.returncode == 1, out
    # the README's args: messages in English
    assert "LKjIP-2024.md:4:38: AR001 [error] Capaian 120,00% for " in out, out
    assert "README.md" not in out   # --force-exclude: not a report

    proc = run("try-repo", str(hook_repo), "sakiplint", "--ref", tag, "--all-files")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "LKjIP-2024.md:4:38: AR001 [error]" in out, out

    (work / "LKjIP-2024.md").write_text(BAD_CAPAIAN.replace("120,00%", "112,50%"), "utf-8")
    _git(work, env, "add", "-A")
    proc = run("run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
