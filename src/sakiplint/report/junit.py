"""JUnit XML, as CI servers (Jenkins, GitLab, Azure Pipelines, CircleCI ...) read test
reports: ``<testsuites>`` holding one ``<testsuite>`` per linted file, one ``<testcase>`` per
finding with a ``<failure>`` (a file without findings has one passing test case)."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from sakiplint.report.common import Lang, Results, labels, lang_of

# characters XML 1.0 cannot hold, even escaped (control characters of report text)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render_junit(results: Results, lang: Lang) -> str:
    root = ET.Element("testsuites", name="sakiplint")
    total = failures = 0
    for _, path, fs in results:
        flang = lang_of(lang, path)
        path = _x(path)
        suite = ET.SubElement(root, "testsuite", name=path, file=path, tests=str(max(len(fs), 1)),
                              failures=str(len(fs)), errors="0", skipped="0", time="0")
        total += max(len(fs), 1)
        failures += len(fs)
        if not fs:
            ET.SubElement(suite, "testcase", name="sakiplint", classname=path, time="0")
            continue
        for f in fs:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}",
                                 classname=path, file=path, line=str(f.line), time="0")
            msg = _x(f.message(flang))
            body = [f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {msg}"]
            expected = f.expected_text(flang)
            if expected is not None:
                body.append(f"{labels(flang)['expected']}: {_x(expected)}")
            body += [f"{labels(flang)['related']} {path}:{r.line}: {_x(r.text(flang))}"
                     for r in f.related]
            failure = ET.SubElement(case, "failure", message=msg, type=f.severity)
            failure.text = "\n".join(body)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
