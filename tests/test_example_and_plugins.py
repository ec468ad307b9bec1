"""The example report of the README fires every built-in rule; JSON output on it and on the
corpus validates; third-party rules load through the `sakiplint.rules` entry points."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import jsonschema
import pytest

from conftest import FIXTURES, corpus_reports
from sakiplint.engine import Issue, Rule, RulePackError
from sakiplint.engine import rules as engine
from sakiplint.engine.lint import lint_file
from sakiplint.report.jsonout import output_schema

EXAMPLE = FIXTURES / "examples" / "lkjip-sukamaju-2024.md"


def test_example_report_fires_every_builtin_rule():
    _, findings = lint_file(EXAMPLE)
    fired = {f.rule for f in findings}
    builtin = {r.code for r in engine.all_rules() if r.origin == "builtin" and r.enabled_by_default}
    assert fired == builtin
    for f in findings:
        assert f.line >= 1 and f.column >= 1 and f.end_column > f.column


@pytest.mark.parametrize("path", [EXAMPLE, *corpus_reports()], ids=lambda p: p.name)
def test_json_output_validates(path):
    proc = subprocess.run(
        [sys.executable, "-m", "sakiplint", "check", "--format", "json", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(data)
    n = data["summary"]["findings"]
    assert proc.returncode == (1 if n else 0)


def _plugin_check(ctx, table):
    if len(table.rows) > 3:
        yield Issue(at=table.rows[0], args={"n": len(table.rows)})


PLUGIN = Rule(
    code="XP001", slug="long-table", category="data_quality", severity="info", scope="table",
    check=_plugin_check, message={"id": "Tabel {n} baris", "en": "Table of {n} rows"},
    description={"id": "Tabel panjang", "en": "Long table"},
    examples=[{"kind": "fail", "report": "a\tb\n1\t2\n"}, {"kind": "pass", "report": "a\tb\n"}],
)


class _EP:
    def __init__(self, name, obj):
        self.name, self._obj = name, obj

    def load(self):
        return self._obj


def _with_entry_points(monkeypatch, eps):
    monkeypatch.setattr(engine, "_plugin_entry_points", lambda: eps)
    engine.all_rules.cache_clear()


def test_plugin_entry_points_are_remembered_per_import_path_state(tmp_path, monkeypatch):
    import importlib.metadata

    site = tmp_path / "site"
    meta = site / "demo_plugin-1.0.dist-info"
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-plugin\nVersion: 1.0\n")
    (meta / "entry_points.txt").write_text(
        "[sakiplint.rules]\ndemo = sakiplint.checks.arithmetic:capaian\n", "utf-8")
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = engine._plugin_entry_points()
    assert [(e.name, e.value) for e in first] == [("demo", "sakiplint.checks.arithmetic:capaian")]
    cached = list((tmp_path / "cache" / "sakiplint").glob("entry-points-*.json"))
    assert len(cached) == 1

    def no_scan(**_kw):
        raise AssertionError("scanned again")

    with monkeypatch.context() as m:  # the second start reads the cache
        m.setattr(importlib.metadata, "entry_points", no_scan)
        again = engine._plugin_entry_points()
    assert [(e.name, e.value, e.group) for e in again] == [
        ("demo", "sakiplint.checks.arithmetic:capaian", "sakiplint.rules")]
    # a cached entry that no installed distribution declares (planted, or stale) names a
    # module to import: it is not believed, the distributions are scanned again
    planted = json.loads(cached[0].read_text("utf-8"))
    planted.append(["evil", "os:system", str(meta)])
    cached[0].write_text(json.dumps(planted), "utf-8")
    assert [e.name for e in engine._plugin_entry_points()] == ["demo"]
    cached[0].write_text(json.dumps([["evil", "os:system", str(tmp_path)]]), "utf-8")
    assert [e.name for e in engine._plugin_entry_points()] == ["demo"]


def test_third_party_rule_is_loaded_and_runs(monkeypatch):
    _with_entry_points(monkeypatch, [_EP("demo", lambda: [PLUGIN])])
    try:
        rules = engine.all_rules()
        assert "XP001" in {r.code for r in rules}
        _, findings = lint_file(EXAMPLE, rules=[r for r in rules if r.code == "XP001"])
        assert findings and all(f.rule == "XP001" for f in findings)
        assert findings[0].message("en").startswith("Table of")
    finally:
        engine.all_rules.cache_clear()


def test_invalid_third_party_rule_is_rejected(monkeypatch):
    bad = dataclasses.replace(PLUGIN, category="style")
    _with_entry_points(monkeypatch, [_EP("bad", bad)])
    try:
        with pytest.raises(RulePackError, match="category"):
            engine.all_rules()
    finally:
        engine.all_rules.cache_clear()


def test_readme_lists_every_rule():
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    for rule in engine.all_rules():
        if rule.origin == "builtin":
            assert f"| {rule.code} | {rule.slug} |" in readme, rule.code


def test_readme_sample_finding_is_what_the_cli_prints():
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("A text finding looks like this:")
    block = readme[readme.index("```\n", start) + 4:]
    block = block[: block.index("```")].rstrip("\n")
    proc = subprocess.run(
        [sys.executable, "-m", "sakiplint", "check", "--select", "AR001",
         "fixtures/examples/lkjip-sukamaju-2024.md"],
        capture_output=True, text=True, check=False, cwd=FIXTURES.parent,
    )
    printed = "\n".join(proc.stdout.splitlines()[: len(block.splitlines())])
    assert printed == block
