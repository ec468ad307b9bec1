"""The HTML review page in a real browser: headless Chromium (the Debian ``chromium`` package,
driven over the DevTools protocol by ``cdp.py``). Every finding has a visible mark holding its
value, clicking a list entry scrolls to it and outlines the cells it used, hover and click show
the details, filters hide, print keeps the marks and the numbered list, report markup stays
text, and no script error is logged. Skipped, with a message, when Chromium is not installed
(``.ci/run`` installs it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cdp import Browser, find_chromium
from conftest import FIXTURES, corpus_reports
from sakiplint.cli import main
from test_html import HOSTILE

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found (apt-get install chromium; .ci/run installs it): "
           "browser tests skipped")

EXAMPLE = FIXTURES / "examples" / "lkjip-sukamaju-2024.md"
_TAGS = re.compile(r"<[^>]*>|\*\*")


def render(report: Path, out: Path, *args: str) -> tuple[Path, list[dict]]:
    res = CliRunner().invoke(main, ["check", str(report), "--format", "html", "-o", str(out),
                                    *args], catch_exceptions=False)
    assert res.exit_code in (0, 1), res.output
    res = CliRunner().invoke(main, ["check", str(report), "--format", "json", *args])
    findings = [f for file in json.loads(res.output)["files"] for f in file["findings"]]
    return out, findings


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM, width=1280, height=800) as b:
        yield b


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    return render(EXAMPLE, tmp_path_factory.mktemp("html") / "reviu.html")


#: the example, the fixture reports (every table style) and the corpus when present
REPORTS = [EXAMPLE, *sorted((FIXTURES / "reports").glob("*.md")), *corpus_reports()]


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: p.stem)
def any_report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Path, Path, list[dict]]:
    report: Path = request.param
    page, findings = render(report, tmp_path_factory.mktemp("html") / f"{report.stem}.html")
    return report, page, findings


def load(b: Browser, page: Path) -> None:
    b.open(page.as_uri())
    b.drain(0.1)
    assert b.errors == [], b.errors


def test_every_finding_is_highlighted_at_its_value(browser: Browser, any_report) -> None:
    report, page, findings = any_report
    load(browser, page)
    lines = report.read_text("utf-8").split("\n")
    marks = browser.eval("""Array.from(document.querySelectorAll('.doc .m[id]')).map(e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {id: e.id, n: +e.dataset.f, text: e.textContent, w: r.width, h: r.height,
                bg: s.backgroundColor, cls: e.className,
                cell: e.closest('td,th') ? e.closest('td,th').textContent : null};
    })""")
    assert [m["n"] for m in sorted(marks, key=lambda m: m["n"])] == list(
        range(1, len(findings) + 1))
    by_n = {m["n"]: m for m in marks}
    for n, f in enumerate(findings, 1):
        m = by_n[n]
        assert m["w"] > 0 and m["h"] > 0, (n, f["rule"])
        assert m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), (n, m)
        sev = {"error": "e", "warning": "w", "info": "i"}[f["severity"]]
        assert sev in m["cls"].split()
        raw = lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
        want = " ".join(_TAGS.sub("", raw).split())
        text = " ".join(m["text"].split())
        if m["cell"] is not None:
            # the mark fills the cell that holds the value
            assert want in text or text in want, (n, f["rule"], want, text)
        else:
            assert want == text, (n, f["rule"], want, text)


def test_clicking_a_list_entry_scrolls_to_its_mark(browser: Browser, any_report) -> None:
    _, page, findings = any_report
    load(browser, page)
    for n, f in enumerate(findings, 1):
        state = browser.eval(f"""(() => {{
            window.scrollTo(0, 0);
            document.querySelector('#panel a[data-n="{n}"]').click();
            const m = document.getElementById('f{n}'), r = m.getBoundingClientRect();
            const pop = document.getElementById('pop');
            return {{top: r.top, bottom: r.bottom, vh: innerHeight,
                     sel: m.classList.contains('sel'),
                     used: Array.from(document.querySelectorAll('.doc .used')).map(
                         e => (e.dataset.rk || '').split(' ')),
                     pop: pop.hidden ? null : pop.textContent, hash: location.hash,
                     cur: document.querySelector('#panel a.cur[data-n="{n}"]') !== null}};
        }})()""")
        assert state["top"] >= 0 and state["bottom"] <= state["vh"], (n, f["rule"], state)
        assert state["sel"] and state["cur"] and state["hash"] == f"#f{n}"
        # the cells it used are outlined: one element at least per related entry
        keys = {k for ks in state["used"] for k in ks}
        assert {f"{n}.{k}" for k in range(len(f["related"]))} <= keys, (n, f["rule"])
        pop = " ".join(state["pop"].split())
        assert f["rule"] in pop and " ".join(f["message"].split()) in pop
        if f["expected"] is not None:
            assert f["expected"] in pop
    browser.drain(0.1)
    assert browser.errors == []


def test_hover_and_click_on_a_mark_show_the_finding(browser: Browser, example) -> None:
    page, findings = example
    load(browser, page)
    n = next(i for i, f in enumerate(findings, 1) if f["rule"] == "AR001")
    shown = browser.eval(f"""(() => {{
        const m = document.getElementById('f{n}');
        m.scrollIntoView({{block: 'center'}});
        m.dispatchEvent(new MouseEvent('mouseover', {{bubbles: true}}));
        const hover = document.getElementById('pop').hidden ? null
            : document.getElementById('pop').textContent;
        m.dispatchEvent(new MouseEvent('mouseout', {{bubbles: true}}));
        const gone = document.getElementById('pop').hidden;
        m.click();
        const click = document.getElementById('pop').textContent;
        document.body.click();
        return {{hover, gone, click, after: document.getElementById('pop').hidden,
                 sel: document.querySelectorAll('.sel').length}};
    }})()""")
    f = findings[n - 1]
    assert shown["hover"] and f["rule"] in shown["hover"] and f["expected"] in shown["hover"]
    assert shown["gone"] and f["message"] in " ".join(shown["click"].split())
    assert shown["after"] and shown["sel"] == 0   # a click elsewhere unselects


def test_a_related_entry_scrolls_to_the_cell_used(browser: Browser, example) -> None:
    page, findings = example
    load(browser, page)
    n, f = next((i, f) for i, f in enumerate(findings, 1) if f["rule"] == "AR002")
    k = len(f["related"]) - 1
    state = browser.eval(f"""(() => {{
        window.scrollTo(0, document.body.scrollHeight);
        document.querySelector('#d{n} a[data-rk="{n}.{k}"]').click();
        const t = document.querySelector('.doc [data-rk~="{n}.{k}"]');
        const r = t.getBoundingClientRect();
        return {{top: r.top, bottom: r.bottom, vh: innerHeight, tag: t.tagName,
                 used: t.classList.contains('used')}};
    }})()""")
    assert state["top"] >= 0 and state["bottom"] <= state["vh"] and state["used"], state
    assert state["tag"] == "TD"


def test_filters_hide_a_severity_and_a_category(browser: Browser, example) -> None:
    page, findings = example
    load(browser, page)
    state = browser.eval("""(() => {
        const bg = sel => getComputedStyle(document.querySelector(sel)).backgroundColor;
        const vis = sel => Array.from(document.querySelectorAll(sel)).filter(
            e => e.offsetParent !== null).length;
        const before = {w: bg('.doc .m.w'), e: bg('.doc .m.e'), list: vis('#panel li.w')};
        document.querySelector('input[data-hide="w"]').click();
        const after = {w: bg('.doc .m.w'), e: bg('.doc .m.e'), list: vis('#panel li.w'),
                       errs: vis('#panel li.e')};
        document.querySelector('input[data-hide="w"]').click();
        document.querySelector('input[data-hide="c-budget"]').click();
        const budget = {list: vis('#panel li.c-budget'), other: vis('#panel li.c-arithmetic'),
                        bg: bg('.doc .m.c-budget')};
        document.querySelector('input[data-hide="c-budget"]').click();
        return {before, after, budget, back: vis('#panel li.c-budget')};
    })()""")
    clear = "rgba(0, 0, 0, 0)"
    n_w = sum(f["severity"] == "warning" for f in findings)
    assert state["before"]["list"] == n_w and state["before"]["w"] != clear
    assert state["after"]["list"] == 0 and state["after"]["w"] == clear
    assert state["after"]["e"] != clear and state["after"]["errs"] > 0
    assert state["budget"]["list"] == 0 and state["budget"]["bg"] == clear
    assert state["budget"]["other"] > 0
    assert state["back"] == sum(f["category"] == "budget" for f in findings)


def test_print_keeps_marks_and_the_numbered_list(browser: Browser, example) -> None:
    page, findings = example
    load(browser, page)
    browser.call("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        state = browser.eval("""(() => {
            const m = document.querySelector('.doc .m.e');
            return {panel: getComputedStyle(document.getElementById('panel')).display,
                    bg: getComputedStyle(m).backgroundColor,
                    num: getComputedStyle(m, '::after').content,
                    list: Array.from(document.querySelectorAll('ol.flist > li')).filter(
                        e => e.offsetParent !== null).map(e => e.value),
                    sign: getComputedStyle(document.querySelector('.sign')).display};
        })()""")
        pdf = browser.pdf()
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""})
    assert state["panel"] == "none" and state["sign"] == "block"
    assert state["bg"] != "rgba(0, 0, 0, 0)" and re.fullmatch(r'"\d+"', state["num"])
    assert state["list"] == list(range(1, len(findings) + 1))
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 3


def test_hostile_report_stays_text_in_the_dom(browser: Browser, tmp_path: Path) -> None:
    report = tmp_path / "hostile.md"
    report.write_text(HOSTILE, "utf-8")
    page, findings = render(report, tmp_path / "hostile.html")
    load(browser, page)
    state = browser.eval("""(() => ({
        pwned: window.__pwned === undefined ? null : window.__pwned,
        scripts: document.scripts.length, styles: document.styleSheets.length,
        bad: document.querySelectorAll('img, svg, iframe, object, embed, base, form').length,
        js: Array.from(document.querySelectorAll('[href],[src]')).filter(
            e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src'))).length,
        on: Array.from(document.querySelectorAll('*')).filter(
            e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
        display: getComputedStyle(document.body).display,
        text: document.querySelector('.doc').textContent,
    }))()""")
    assert state["pwned"] is None
    assert state["scripts"] == 1 and state["styles"] == 1
    assert state["bad"] == 0 and state["js"] == 0 and state["on"] == 0
    assert state["display"] != "none"
    for shown in ("<script>window.__pwned = 1</script>", "<img src=x onerror=",
                  "javascript:window.__pwned=3", "</style><style>body{display:none}</style>"):
        assert shown in state["text"], shown
    # a mark in the hostile table works like any other
    n = next(i for i, f in enumerate(findings, 1) if f["rule"] == "AR001")
    browser.eval(f"document.querySelector('#panel a[data-n=\"{n}\"]').click()")
    assert "AR001" in browser.eval("document.getElementById('pop').textContent")
    browser.drain(0.1)
    assert browser.errors == []


def test_script_errors_would_be_seen(browser: Browser, tmp_path: Path) -> None:
    """The error collection the other tests rely on catches a thrown error."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>undefinedFunction()</script>")
    browser.open(page.as_uri())
    browser.drain(0.1)
    assert any("undefinedFunction" in e for e in browser.errors)
    browser.errors.clear()
