"""SARIF 2.1.0 output, for code scanning."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sakiplint import __version__
from sakiplint.engine.findings import Location
from sakiplint.report.common import Lang, Results, lang_of, main_lang
from sakiplint.report.jsonout import location_dict
from sakiplint.report.location import describe

if TYPE_CHECKING:
    from sakiplint.engine.rules import Rule

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict[str, Any]:
    """The file's URI: its bytes percent-encoded (a name that is not valid UTF-8 too)."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(os.fsencode(p.as_posix())), "uriBaseId": "%SRCROOT%"}


def _office_location(art: dict[str, Any], loc: Location, lang: str) -> dict[str, Any]:
    """A place in a Word / PDF file: SARIF's text regions (lines, columns) do not apply, so
    the file, the table / row / column or paragraph as a logical location, and the page and
    box as properties."""
    out: dict[str, Any] = {"physicalLocation": {"artifactLocation": art}}
    where = describe(loc, lang)
    if where:
        out["logicalLocations"] = [{"fullyQualifiedName": where, "kind": "element"}]
    props = location_dict(loc)
    if props:
        out["properties"] = props
    return out


def sarif_log(results: Results, lang: Lang, rules: Iterable[Rule]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run. ``rules``: metadata of the rules that ran (and of any
    pseudo-rule such as SK001 that produced findings)."""
    main = main_lang(lang)
    by_code: dict[str, Rule] = {}
    for r in rules:
        by_code.setdefault(r.code, r)
    rule_list = sorted(by_code.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rule_list)}
    driver_rules = []
    for r in rule_list:
        why = (r.docs.get("why") or {}).get(main)
        entry: dict[str, Any] = {
            "id": r.code,
            "name": r.slug,
            "shortDescription": {"text": r.description.get(main) or r.description["id"]},
            "fullDescription": {
                "text": " ".join((why or r.description.get(main) or "").split())
            },
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"category": r.category, "tags": [r.category]},
        }
        driver_rules.append(entry)
    sarif_results = []
    relative = False
    for _, path, fs in results:
        flang = lang_of(lang, path)
        art = _artifact(path)
        relative = relative or "uriBaseId" in art
        for f in fs:
            res: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message(flang)},
                "locations": [_office_location(art, f.location, flang) if f.location else
                              {"physicalLocation": {
                    "artifactLocation": art,
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
            }
            if f.rule in index:
                res["ruleIndex"] = index[f.rule]
            if f.related:
                res["relatedLocations"] = [
                    {"id": i, "message": {"text": r.text(flang)}}
                    | (_office_location(art, r.location, flang) if r.location else
                       {"physicalLocation": {
                        "artifactLocation": art,
                        "region": {"startLine": r.line}
                        | ({"startColumn": r.column} if r.column else {}),
                    }})
                    for i, r in enumerate(f.related)
                ]
            props = {k: v for k, v in (("actual", f.actual), ("expected", f.expected_text(flang)),
                                       ("table", f.table_text(flang)),
                                       ("column_header", f.header_text(flang)))
                     if v is not None}
            if props:
                res["properties"] = props
            sarif_results.append(res)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "sakiplint", "version": __version__, "semanticVersion": __version__,
            "rules": driver_rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if relative:
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}
        }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(results: Results, lang: Lang, rules: Iterable[Rule]) -> str:
    from sakiplint.report.jsonout import json_text

    return json_text(sarif_log(results, lang, rules))


