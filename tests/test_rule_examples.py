"""Every rule's documented failing and passing examples, run through the whole pipeline,
and every rule file validated against the rule schema."""

from __future__ import annotations

import tomllib

import pytest

from sakiplint.engine import RulePackError, all_rules, load_pack, validate_rule_meta
from sakiplint.engine.lint import lint_text
from sakiplint.read.resources import data_dir

RULES = all_rules()


def test_builtin_pack_has_the_first_rules():
    codes = {r.code for r in RULES}
    assert {"AR001", "BU001", "BU002", "DQ001"} <= codes


@pytest.mark.parametrize("path", sorted(data_dir("rules").glob("*.toml")), ids=lambda p: p.stem)
def test_rule_file_validates_against_schema(path):
    meta = tomllib.loads(path.read_text(encoding="utf-8"))
    validate_rule_meta(meta, str(path))
    assert meta["code"] == path.stem


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_failing_and_passing_examples(rule):
    kinds = {ex["kind"] for ex in rule.examples}
    assert kinds == {"fail", "pass"}
    assert rule.message["id"] and rule.message["en"]


EXAMPLES = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples)]


@pytest.mark.parametrize(
    ("rule", "i", "example"), EXAMPLES, ids=[f"{r.code}-{ex['kind']}-{i}" for r, i, ex in EXAMPLES]
)
def test_rule_example(rule, i, example):
    _, findings = lint_text(example["report"], rules=[rule])
    got = [f.rule for f in findings]
    if example["kind"] == "fail":
        assert got == example.get("expect", [rule.code])
        if "lines" in example:
            assert [f.line for f in findings] == example["lines"]
        for f in findings:
            assert f.expected is None or f.expected != f.actual
            assert f.message("id") != f.message("en")
            assert "{" not in f.message("id") and "{" not in f.message("en")
    else:
        assert got == []


def test_invalid_rule_file_is_rejected(tmp_path):
    (tmp_path / "XX001.toml").write_text(
        'code = "XX001"\nslug = "Bad Slug"\ncategory = "arithmetic"\nseverity = "error"\n'
        'scope = "table"\ncheck = "sakiplint.checks.arithmetic:capaian"\n'
        '[message]\nid = "a"\nen = "b"\n[description]\nid = "a"\nen = "b"\n'
        '[[examples]]\nkind = "fail"\nreport = "x"\n[[examples]]\nkind = "pass"\nreport = "y"\n',
        encoding="utf-8",
    )
    with pytest.raises(RulePackError, match="slug"):
        load_pack(tmp_path, origin="test")


def test_unknown_category_is_rejected():
    meta = {
        "code": "XX002", "slug": "x", "category": "style", "severity": "error", "scope": "table",
        "check": "a:b", "message": {"id": "a", "en": "b"}, "description": {"id": "a", "en": "b"},
        "examples": [{"kind": "fail", "report": "x"}, {"kind": "pass", "report": "y"}],
    }
    with pytest.raises(RulePackError, match="category"):
        validate_rule_meta(meta, "test")
