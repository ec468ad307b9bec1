"""The Python API: the same configuration lookup, discovery and inline suppressions as the
command line, which runs on it; findings as objects with ``to_dict()``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import sakiplint
from conftest import BAD_BUDGET, BAD_CAPAIAN
from sakiplint.cli import main
from sakiplint.engine.config import ConfigError


def cli_json(*args: str, cwd: Path) -> dict:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, ["check", "--format", "json", *args],
                               catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(r.stdout)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """Two folders, one configured in English without BU rules, one with a suppression."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / ".sakiplint.toml").write_text('lang = "en"\nignore = ["BU"]\n', "utf-8")
    (tmp_path / "en" / "LKjIP.md").write_text(BAD_CAPAIAN + "\n" + BAD_BUDGET, "utf-8")
    (tmp_path / "id").mkdir()
    silenced = BAD_CAPAIAN.replace("120,00%", "120,00% <!-- sakiplint-disable-line AR001 -->")
    (tmp_path / "id" / "LKj.md").write_text(silenced + "\n" + BAD_BUDGET, "utf-8")
    (tmp_path / "README.md").write_text("# Repositori\n", "utf-8")
    return tmp_path


def test_check_path_is_what_the_cli_does(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    results = sakiplint.check_path(".")
    assert [r.path for r in results] == ["en/LKjIP.md", "id/LKj.md"]
    en, idn = results
    assert [f.rule for f in en.findings] == ["AR001"] and en.lang == "en"
    assert [f.rule for f in idn.findings] == ["BU002"] and idn.suppressed == 1
    # the same dicts as the command line's JSON output
    data = cli_json(cwd=repo)
    assert [r.to_dict() for r in results] == data["files"]
    assert en.findings[0].to_dict("en") == data["files"][0]["findings"][0]
    assert en.findings[0].to_dict("en")["message"].startswith("Capaian 120,00% for ")


def test_check_path_options(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    only = sakiplint.check_path(["en", "id"], select=["BU002"], lang="id")
    assert [[f.rule for f in r.findings] for r in only] == [["BU002"], ["BU002"]]
    assert only[0].lang == "id"
    isolated = sakiplint.check_path("en", isolated=True)
    assert sorted(f.rule for f in isolated[0].findings) == ["AR001", "BU002"]
    assert sakiplint.check_path(".", extend_exclude=["id"])[0].path == "en/LKjIP.md"
    assert len(sakiplint.check_path(".", extend_exclude=["id"])) == 1
    missing = sakiplint.check_path("nope.md")
    assert missing[0].error == "nope.md: no such file or directory"
    assert missing[0].to_dict()["error"] == missing[0].error
    with pytest.raises(ConfigError):
        sakiplint.check_path(".", select=["ZZ9"])


def test_check_text(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    # the configuration of the folder the text says it comes from
    res = sakiplint.check_text(BAD_CAPAIAN + "\n" + BAD_BUDGET, path="en/draft.md")
    assert [f.rule for f in res.findings] == ["AR001"] and res.lang == "en"
    res = sakiplint.check_text(BAD_CAPAIAN, isolated=True)
    assert res.path == "<text>" and res.findings[0].line == 4
    assert res.findings[0].expected_text("en") == "112,50%"
    res = sakiplint.check_text(
        BAD_CAPAIAN.replace("120,00%", "120,00% <!-- sakiplint-disable-line -->"),
        isolated=True)
    assert res.findings == [] and res.suppressed == 1
    assert sakiplint.check_text(BAD_CAPAIAN.encode("utf-16"), isolated=True).findings
    assert sakiplint.check_text("   ", isolated=True).error == "<text>: file is empty"


def test_lower_level_entry_points_still_work() -> None:
    doc, findings = sakiplint.lint_text(BAD_CAPAIAN)
    assert doc.tables and [f.rule for f in findings] == ["AR001"]
    assert sakiplint.Finding is type(findings[0])
    with pytest.raises(AttributeError):
        sakiplint.no_such_name  # noqa: B018


def test_to_dict_follows_the_output_schema(repo: Path, monkeypatch) -> None:
    import jsonschema

    from sakiplint.report.jsonout import output_schema

    monkeypatch.chdir(repo)
    files = [r.to_dict() for r in sakiplint.check_path([".", "nope.md"])]
    doc = {"files": files, "summary": {"files": 3, "findings": 2, "by_severity": {},
                                       "by_rule": {}}}
    jsonschema.validate(doc, output_schema())
    assert files[0]["findings"][0]["column_header"] == "Capaian"
