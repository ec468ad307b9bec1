"""``--format sarif``: SARIF 2.1.0, validated against the OASIS schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from sakiplint.cli import main
from sakiplint.engine import all_rules

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / (
    "sarif-schema-2.1.0.json")

BAD = (
    "Tabel 3.1 Capaian Kinerja Tahun 2024\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase dokumen tepat waktu\t80\t90\t120,00%\n"
)
DQ = (
    "Tabel 3.2 Capaian Kinerja\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase laporan tepat waktu\t0\t100\t#DIV/0!\n"
)
SEL = ("--select", "AR001,BU002,DQ001")


@pytest.fixture(scope="module")
def validator():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sarif(*args: str) -> tuple[int, dict]:
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "sarif", *args],
                           catch_exceptions=False)
    return r.exit_code, json.loads(r.stdout)


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, "utf-8")
    return str(p)


def test_findings_validate(tmp_path: Path, validator) -> None:
    code, log = sarif(*SEL, write(tmp_path, "bad.md", BAD), write(tmp_path, "dq.md", DQ))
    assert code == 1
    validator.validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sakiplint"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["AR001", "BU002", "DQ001"]
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["AR001", "DQ001"]
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        assert r["level"] == "error"
        assert r["message"]["text"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("bad.md")
    region = loc["region"]
    line = BAD.splitlines()[3]
    assert region["startLine"] == region["endLine"] == 4
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "120,00%"
    related = results[0]["relatedLocations"]
    assert {r["message"]["text"].split(":")[0] for r in related} == {"realisasi", "target"}
    assert all(r["physicalLocation"]["region"]["startLine"] == 4 for r in related)
    assert results[0]["properties"]["expected"] == "112,50%"


def test_no_findings_validates(tmp_path: Path, validator) -> None:
    code, log = sarif(write(tmp_path, "ok.md", BAD.replace("120,00%", "112,50%")))
    assert code == 0
    validator.validate(log)
    assert log["runs"][0]["results"] == []
    # every rule that ran is described
    codes = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert codes == {r.code for r in all_rules() if r.enabled_by_default}


def test_levels_follow_configured_severity(tmp_path: Path, validator) -> None:
    cfg = write(tmp_path, "c.toml", '[severity]\nAR001 = "info"\nDQ001 = "warning"\n')
    r = CliRunner().invoke(main, ["check", "--config", cfg, *SEL, "--format", "sarif",
                                  write(tmp_path, "bad.md", BAD), write(tmp_path, "dq.md", DQ)])
    log = json.loads(r.stdout)
    validator.validate(log)
    assert [(x["ruleId"], x["level"]) for x in log["runs"][0]["results"]] == [
        ("AR001", "note"), ("DQ001", "warning")]
    levels = {x["id"]: x["defaultConfiguration"]["level"]
              for x in log["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["AR001"] == "note" and levels["DQ001"] == "warning"


def test_uris_relative_and_absolute(tmp_path: Path, validator, monkeypatch) -> None:
    write(tmp_path, "sub dir/laporan.md", BAD)
    monkeypatch.chdir(tmp_path)
    _, log = sarif(*SEL, "sub dir/laporan.md")
    validator.validate(log)
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "sub%20dir/laporan.md", "uriBaseId": "%SRCROOT%"}
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")
    _, log = sarif(*SEL, str(tmp_path / "sub dir" / "laporan.md"))
    validator.validate(log)
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art["uri"].startswith("file:///") and "uriBaseId" not in art


def test_unused_suppression_rule_is_described(tmp_path: Path, validator) -> None:
    text = "<!-- sakiplint-disable-next-line DQ001 -->\n" + BAD
    _, log = sarif(*SEL, "--report-unused-suppressions", write(tmp_path, "r.md", text))
    validator.validate(log)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "SK001" in ids
    sk = [r for r in run["results"] if r["ruleId"] == "SK001"]
    assert len(sk) == 1 and sk[0]["level"] == "warning"
    assert ids[sk[0]["ruleIndex"]] == "SK001"


def test_english_messages(tmp_path: Path, validator) -> None:
    _, log = sarif(*SEL, "--lang", "en", write(tmp_path, "bad.md", BAD))
    validator.validate(log)
    run = log["runs"][0]
    assert "is not realisasi / target" in run["results"][0]["message"]["text"]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "AR001")
    assert rule["shortDescription"]["text"].startswith("Capaian (achievement percentage)")
