"""The formats CI systems read, through the command line, each checked against its published
structure: GitLab Code Quality (the report format GitLab documents for
``artifacts:reports:codequality``) and JUnit XML (the Jenkins / Surefire ``junit-10.xsd``
structure that GitLab, Jenkins, Azure Pipelines and CircleCI read)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import BAD_BUDGET, BAD_CAPAIAN
from sakiplint.cli import main

GOOD = BAD_CAPAIAN.replace("120,00%", "112,50%")

#: GitLab's Code Quality report: an array of issues; description, check_name, fingerprint
#: (unique), severity (one of five) and location.path with location.lines.begin are required
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "type": {"const": "issue"},
            "categories": {"type": "array", "items": {"type": "string"}},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(/|\\./)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1},
                                       "end": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}

#: junit-10.xsd: the attributes each element requires and the ones it may have
JUNIT_REQUIRED = {
    "testsuites": set(),
    "testsuite": {"name", "tests", "failures", "errors"},
    "testcase": {"name"},
    "failure": set(),
}
JUNIT_ALLOWED = {
    "testsuites": {"name", "time", "tests", "failures", "errors"},
    "testsuite": {"name", "tests", "failures", "errors", "group", "time", "skipped",
                  "timestamp", "hostname", "id", "package", "file", "log", "url", "version"},
    # file and line: the extension GitLab and Jenkins read to link a test case to its file
    "testcase": {"name", "time", "classname", "group", "file", "line"},
    "failure": {"type", "message"},
}
JUNIT_CHILDREN = {
    "testsuites": {"testsuite"},
    "testsuite": {"testsuite", "properties", "testcase", "system-out", "system-err"},
    "testcase": {"skipped", "errors", "failure", "system-out", "system-err"},
    "failure": set(),
}
SUREFIRE_TIME = re.compile(r"(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?")


def run(*args: str, cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    (tmp_path / "laporan").mkdir()
    # the same wrong row twice: two findings alike but for their line
    (tmp_path / "laporan" / "capaian.md").write_text(
        BAD_CAPAIAN + BAD_CAPAIAN.splitlines(keepends=True)[-1], "utf-8")
    (tmp_path / "laporan" / "anggaran.md").write_text(BAD_BUDGET, "utf-8")
    (tmp_path / "laporan" / "baik.md").write_text(GOOD, "utf-8")
    return tmp_path


def test_gitlab_code_quality(reports: Path) -> None:
    r = run("check", "--isolated", "--format", "gitlab", "--select", "AR001,BU002", "laporan",
            cwd=reports)
    assert r.exit_code == 1
    issues = json.loads(r.stdout)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len(issues) == 3
    # fingerprints are unique (the same finding twice in a file too) and stable
    assert len({i["fingerprint"] for i in issues}) == 3
    again = json.loads(run("check", "--isolated", "--format", "gitlab", "--select",
                           "AR001,BU002", "laporan", cwd=reports).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]
    by_path = {(i["location"]["path"], i["location"]["lines"]["begin"]): i for i in issues}
    assert set(by_path) == {("laporan/anggaran.md", 6), ("laporan/capaian.md", 4),
                            ("laporan/capaian.md", 5)}
    ar = by_path[("laporan/capaian.md", 4)]
    assert ar["check_name"] == "sakiplint/AR001" and ar["severity"] == "major"
    assert ar["description"].startswith("AR001 Capaian 120,00%")
    # absolute paths given are made relative to the project (the working directory)
    r = run("check", "--isolated", "--format", "gitlab", str(reports / "laporan" / "anggaran.md"),
            cwd=reports)
    assert json.loads(r.stdout)[0]["location"]["path"] == "laporan/anggaran.md"
    # no findings: an empty array, as GitLab expects
    r = run("check", "--isolated", "--format", "gitlab", "laporan/baik.md", cwd=reports)
    assert r.exit_code == 0 and json.loads(r.stdout) == []


def test_gitlab_severities(reports: Path) -> None:
    (reports / ".sakiplint.toml").write_text(
        '[severity]\nAR001 = "warning"\nBU002 = "info"\n', "utf-8")
    issues = json.loads(run("check", "--format", "gitlab", "--select", "AR001,BU002",
                            "laporan", cwd=reports).stdout)
    assert {i["check_name"]: i["severity"] for i in issues} == {
        "sakiplint/AR001": "minor", "sakiplint/BU002": "info"}


def _check_junit_element(el: ET.Element) -> None:
    assert el.tag in JUNIT_REQUIRED, el.tag
    attrs = set(el.attrib)
    assert JUNIT_REQUIRED[el.tag] <= attrs, (el.tag, attrs)
    assert attrs <= JUNIT_ALLOWED[el.tag], (el.tag, attrs - JUNIT_ALLOWED[el.tag])
    if "time" in el.attrib and el.tag in ("testsuites", "testsuite"):
        assert SUREFIRE_TIME.fullmatch(el.attrib["time"])
    for child in el:
        assert child.tag in JUNIT_CHILDREN[el.tag], (el.tag, child.tag)
        _check_junit_element(child)


def test_junit(reports: Path) -> None:
    r = run("check", "--isolated", "--format", "junit", "--select", "AR001,BU002", "laporan",
            cwd=reports)
    assert r.exit_code == 1
    assert r.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    _check_junit_element(root)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "laporan/anggaran.md", "laporan/baik.md", "laporan/capaian.md"]
    for s in suites:   # the counts agree with the content
        cases = s.findall("testcase")
        assert int(s.get("tests", "")) == len(cases)
        assert int(s.get("failures", "")) == len(s.findall("testcase/failure"))
        assert s.get("errors") == "0"
    assert int(root.get("tests", "")) == sum(int(s.get("tests", "")) for s in suites)
    assert int(root.get("failures", "")) == 3
    clean = suites[1]
    assert len(clean.findall("testcase")) == 1 and not clean.findall("testcase/failure")
    fail = suites[2].find("testcase/failure")
    assert fail is not None
    assert fail.get("type") == "error" and fail.get("message", "").startswith("Capaian 120,00%")
    assert (fail.text or "").startswith("laporan/capaian.md:4:38: AR001 [error]")
    assert "seharusnya: 112,50%" in (fail.text or "")


def test_junit_stays_xml_with_control_characters(tmp_path: Path) -> None:
    text = BAD_CAPAIAN.replace("Persentase dokumen", "Persentase\x01dokumen")
    (tmp_path / "LKjIP.md").write_text(text, "utf-8")
    r = run("check", "--isolated", "--select", "AR001", "--format", "junit", "LKjIP.md",
            cwd=tmp_path)
    assert r.exit_code == 1
    root = ET.fromstring(r.stdout.encode("utf-8"))
    _check_junit_element(root)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_every_format_in_english(reports: Path, fmt: str) -> None:
    r = run("check", "--isolated", "--format", fmt, "--lang", "en", "--select", "AR001",
            "laporan/capaian.md", cwd=reports)
    assert r.exit_code == 1
    assert "is not realisasi / target x 100" in r.stdout
    assert "tidak sama" not in r.stdout and "seharusnya" not in r.stdout


def test_long_text_output_is_written_in_pieces_and_equals_the_whole(tmp_path: Path) -> None:
    """More than 2,000 lines of findings are written a few thousand lines at a time (never
    one string), to stdout and to -o alike, and read exactly as render_text's whole text."""
    from sakiplint.cli import _render
    from sakiplint.engine.api import check_path
    from sakiplint.report.text import render_text

    tables = []
    for k in range(700):
        tables.append(BAD_CAPAIAN.replace("Tabel 3.1", f"Tabel 3.{k + 1}")
                      .replace("dokumen", f"dokumen {k}"))
    report = tmp_path / "lkjip-panjang-2024.md"
    report.write_text("# LKjIP Kecamatan Panjang Tahun 2024\n\n" + "\n".join(tables), "utf-8")
    (result,) = check_path(str(report))
    pieces = list(_render("text", [result], [result], "id", False, False, False, 0))
    assert len(pieces) >= 2
    whole = render_text([(result.document, result.path, result.findings)], "id")
    assert "\n".join(pieces) == whole
    out = CliRunner().invoke(main, ["check", "--lang", "id", str(report)])
    assert out.output == whole + "\n"
    target = tmp_path / "hasil.txt"
    CliRunner().invoke(main, ["check", "--lang", "id", "-o", str(target), str(report)])
    assert target.read_text("utf-8") == whole + "\n"
