"""The HTML review page (``check --format html``), read back with ``html.parser``: well formed,
every finding marked at its cell or words, the cells it used tagged, report markup escaped.
The same page in a real browser: ``test_html_browser.py``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, corpus_reports, needs_corpus
from htmltree import El, Malformed, parse_page
from sakiplint.cli import main

EXAMPLE = FIXTURES / "examples" / "lkjip-sukamaju-2024.md"
_TAGS = re.compile(r"<[^>]*>|\*\*")

#: a report whose text, headings and cells carry markup and script; its capaian table has one
#: wrong capaian (AR001) in the row whose label holds an image tag
HOSTILE = """\
# Laporan <script>window.__pwned = 1</script> Kinerja 2024

Paragraf dengan <img src=x onerror="window.__pwned = 2"> gambar dan
[tautan](javascript:window.__pwned=3) serta <a href="javascript:window.__pwned=4">klik</a>.

Penutup gaya </style><style>body{display:none}</style> dan <svg onload="window.__pwned=5"></svg>
juga <iframe src="javascript:1"></iframe>.

Tabel 3.1 Capaian Kinerja Tahun 2024

Indikator\tTarget\tRealisasi\tCapaian
Persentase <img src=x onerror="window.__pwned=6"> dokumen\t80\t90\t120,00%
Persentase </td></tr></table><script>window.__pwned=7</script>\t50\t50\t100,00%

<!-- komentar --><script>window.__pwned = 8</script>
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def page_for(tmp_path: Path, *args: str, name: str = "reviu.html") -> tuple[str, El]:
    out = tmp_path / name
    res = run("check", *args, "--format", "html", "-o", str(out))
    assert res.exit_code in (0, 1), res.output
    assert res.output == ""   # the page went to the file
    page = out.read_text("utf-8")
    return page, parse_page(page)


def findings_of(*args: str) -> list[dict]:
    res = run("check", *args, "--format", "json")
    return [f for file in json.loads(res.output)["files"] for f in file["findings"]]


def by_id(root: El) -> dict[str, El]:
    return {e.attrs["id"]: e for e in root.iter() if "id" in e.attrs}


def source_text(lines: list[str], line: int, column: int, end: int | None) -> str:
    raw = lines[line - 1]
    return _TAGS.sub("", raw[column - 1:(end - 1) if end else None]).strip()


def check_marks(page: str, root: El, report: Path, findings: list[dict]) -> None:
    """Every finding has its mark (id f{n}) with its severity, in a table cell when its line
    holds cells, and the mark's text is the value the finding points at; every cell it used
    is tagged."""
    lines = report.read_text("utf-8").split("\n")
    ids = by_id(root)
    doc = next(e for e in root.iter() if e.tag == "article")
    used: dict[str, list[El]] = {}
    for e in doc.iter():
        for key in e.attrs.get("data-rk", "").split():
            used.setdefault(key, []).append(e)
    for n, f in enumerate(findings, 1):
        mark = ids.get(f"f{n}")
        assert mark is not None, f"finding {n} ({f['rule']} line {f['line']}) has no mark"
        assert {"m", {"error": "e", "warning": "w", "info": "i"}[f["severity"]]} <= \
            mark.classes(), (n, mark.attrs)
        assert mark.attrs["data-f"] == str(n)
        assert any(a is doc for a in mark.ancestors())
        want = source_text(lines, f["line"], f["column"],
                           f["end_column"] if f["end_line"] == f["line"] else None)
        got = " ".join(mark.text().split())
        cell = next((a for a in mark.ancestors() if a.tag in ("td", "th")), None)
        in_src_row = cell is not None and "src" in (cell.parent.classes() if cell.parent else ())
        if cell is not None and not in_src_row:
            # the whole cell is marked: it holds the value the finding points at
            assert want and (want in got or got in want), (n, f["rule"], want, got)
        else:
            assert " ".join(want.split()) == got, (n, f["rule"], want, got)
        entry = ids[f"d{n}"]
        assert f["rule"] in entry.text() and f["message"] in " ".join(entry.text().split())
        if f["expected"] is not None:
            assert f["expected"] in entry.text()
        for k, r in enumerate(f["related"]):
            targets = used.get(f"{n}.{k}")
            assert targets, f"finding {n} ({f['rule']}): related {k} {r} not in the page"
            if r["column"]:
                rest = lines[r["line"] - 1][r["column"] - 1:]
                token = re.match(r"[^\s|<]*", rest.lstrip("*")).group(0).strip("*.,;:)")
                assert any(token[:3] in t.text() for t in targets), (n, k, token)


def test_example_page_is_well_formed_and_marks_every_finding(tmp_path: Path) -> None:
    page, root = page_for(tmp_path, str(EXAMPLE))
    findings = findings_of(str(EXAMPLE))
    assert len(findings) >= 40
    check_marks(page, root, EXAMPLE, findings)
    # self-contained: one inline style and script, nothing fetched
    assert [e.tag for e in root.iter() if e.tag in ("style", "script", "link")] == [
        "style", "script"]
    assert all(e.attrs[k].startswith("#") for e in root.iter() for k in ("src", "href")
               if k in e.attrs)
    assert "@page" in page and "A4" in page and "@media print" in page


def test_panel_lists_findings_by_category_and_rule(tmp_path: Path) -> None:
    _, root = page_for(tmp_path, str(EXAMPLE))
    findings = findings_of(str(EXAMPLE))
    panel = next(e for e in root.iter() if e.attrs.get("id") == "panel")
    links = [e for e in panel.iter() if e.tag == "a" and "data-n" in e.attrs]
    assert sorted(int(a.attrs["data-n"]) for a in links) == list(range(1, len(findings) + 1))
    assert all(a.attrs["href"] == f"#f{a.attrs['data-n']}" for a in links)
    cats = [e for e in panel.iter() if e.tag == "details"]
    counts = {}
    for d in cats:
        summary = next(c for c in d.children if isinstance(c, El) and c.tag == "summary")
        n = int(next(e for e in summary.iter() if "cnt" in e.classes()).text())
        assert n == sum(1 for e in d.iter() if e.tag == "a" and "data-n" in e.attrs)
        counts[n] = counts.get(n, 0) + 1
    assert sum(k * v for k, v in counts.items()) == len(findings)
    assert len(cats) == len({f["category"] for f in findings})
    # filters: one per severity and category present
    hides = {e.attrs["data-hide"] for e in panel.iter() if "data-hide" in e.attrs}
    assert {"e", "w"} <= hides and "c-arithmetic" in hides


def test_header_names_file_agency_year_version_date(tmp_path: Path) -> None:
    from sakiplint import __version__

    _, root = page_for(tmp_path, str(EXAMPLE))
    header = next(e for e in root.iter() if e.tag == "header")
    text = " ".join(header.text().split())
    for want in (str(EXAMPLE), "Kecamatan Sukamaju", "2024", __version__, "Tanggal"):
        assert want in text, want
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", text)


def test_languages(tmp_path: Path) -> None:
    _, en = page_for(tmp_path, str(EXAMPLE), "--lang", "en", name="en.html")
    _, id_ = page_for(tmp_path, str(EXAMPLE), "--lang", "id", name="id.html")
    en_text, id_text = en.text(), id_.text()
    assert "List of findings" in en_text and "Expected" in en_text
    assert "Daftar temuan" not in en_text and "Seharusnya" not in en_text
    assert "Daftar temuan" in id_text and "Seharusnya" in id_text
    assert next(e for e in en.iter() if e.tag == "html").attrs["lang"] == "en"
    msg_en = findings_of(str(EXAMPLE), "--lang", "en")[0]["message"]
    assert msg_en in " ".join(en_text.split())


def test_hostile_report_is_shown_as_text(tmp_path: Path) -> None:
    report = tmp_path / "hostile.md"
    report.write_text(HOSTILE, "utf-8")
    page, root = page_for(tmp_path, str(report))
    tags = [e.tag for e in root.iter()]
    assert tags.count("script") == 1 and tags.count("style") == 1
    assert not {"img", "svg", "iframe", "object", "embed", "base", "form"} & set(tags)
    for e in root.iter():
        assert not any(k.startswith("on") for k in e.attrs), (e.tag, e.attrs)
        for k in ("href", "src", "action"):
            assert not e.attrs.get(k, "#").lower().lstrip().startswith("javascript"), e.attrs
    script = next(e for e in root.iter() if e.tag == "script")
    style = next(e for e in root.iter() if e.tag == "style")
    assert "__pwned" not in script.text() and "body{display:none}" not in style.text()
    doc = next(e for e in root.iter() if e.tag == "article").text()
    for shown in ("<script>window.__pwned = 1</script>", 'onerror="window.__pwned = 2"',
                  "javascript:window.__pwned=3", "</style><style>body{display:none}</style>",
                  '<svg onload="window.__pwned=5">', "<script>window.__pwned = 8</script>"):
        assert shown in doc, shown
    findings = findings_of(str(report))
    assert any(f["rule"] == "AR001" for f in findings)
    check_marks(page, root, report, findings)


def test_output_file_and_stdout(tmp_path: Path) -> None:
    res = run("check", str(EXAMPLE), "--format", "html")
    assert res.exit_code == 1 and res.output.startswith("<!DOCTYPE html>")
    parse_page(res.output)
    # -o for the other formats too: the text written to the file
    out = tmp_path / "out.json"
    res = run("check", str(EXAMPLE), "--format", "json", "-o", str(out))
    assert res.exit_code == 1 and res.output == ""
    assert json.loads(out.read_text("utf-8"))["summary"]["findings"] >= 40


def test_output_file_never_overwrites_a_report(tmp_path: Path) -> None:
    report = tmp_path / "laporan.md"
    report.write_text(HOSTILE, "utf-8")
    res = CliRunner().invoke(main, ["check", str(report), "--format", "html", "-o",
                                    str(report)])
    assert res.exit_code == 2 and str(report) in res.output
    assert report.read_text("utf-8") == HOSTILE
    res = CliRunner().invoke(main, ["check", str(report), "--format", "html", "-o",
                                    str(tmp_path / "no" / "such" / "dir.html")])
    assert res.exit_code == 2 and "cannot write" in res.output


def test_several_reports_on_one_page(tmp_path: Path) -> None:
    other = tmp_path / "hostile.md"
    other.write_text(HOSTILE, "utf-8")
    _page, root = page_for(tmp_path, str(EXAMPLE), str(other), "--jobs", "2")
    first = findings_of(str(EXAMPLE))
    second = findings_of(str(other))
    ids = by_id(root)
    assert {"F1", "F2"} <= set(ids)
    total = len(first) + len(second)
    assert all(f"f{n}" in ids and f"d{n}" in ids for n in range(1, total + 1))
    assert f"f{total + 1}" not in ids
    # the second file's findings are numbered after the first's, inside its section
    last = ids[f"f{total}"]
    assert any(a is ids["F2"] for a in last.ancestors())


def test_empty_findings_page(tmp_path: Path) -> None:
    clean = tmp_path / "bersih.md"
    clean.write_text("# Laporan Kinerja 2024\n\nTidak ada tabel.\n", "utf-8")
    _, root = page_for(tmp_path, str(clean))
    assert "Tidak ada temuan." in root.text()
    assert not [e for e in root.iter() if "m" in e.classes()]


def test_malformed_pages_are_caught() -> None:
    """The well-formedness check itself fails where it should."""
    ok = "<!DOCTYPE html><html><body><p>a <b>b</b></p></body></html>"
    parse_page(ok)
    for bad in ("<!DOCTYPE html><html><body><p>a <b>b</p></b></body></html>",
                "<!DOCTYPE html><html><body><p>a<div>b</div></p></body></html>",
                "<!DOCTYPE html><html><body><span id=x></span><i id=x></i></body></html>",
                "<!DOCTYPE html><html><body><div>",
                "<html><body></body></html>"):
        with pytest.raises(Malformed):
            parse_page(bad)


def test_html_renderer_is_imported_only_for_html() -> None:
    code = ("import sys; from click.testing import CliRunner; from sakiplint.cli import main; "
            f"CliRunner().invoke(main, ['check', {str(EXAMPLE)!r}, '--format', '{{}}']); "
            "print('sakiplint.report.html' in sys.modules)")
    for fmt, want in (("text", "False"), ("json", "False"), ("html", "True")):
        out = subprocess.run([sys.executable, "-c", code.format(fmt)], capture_output=True,
                             text=True, check=True).stdout.strip()
        assert out == want, fmt


@pytest.mark.parametrize("report", sorted((FIXTURES / "reports").glob("*.md")),
                         ids=lambda p: p.stem)
def test_fixture_report_pages(tmp_path: Path, report: Path) -> None:
    """The fixture reports in every table style (TAB, damaged pipes, HTML tables)."""
    page, root = page_for(tmp_path, str(report))
    findings = findings_of(str(report))
    check_marks(page, root, report, findings)


@needs_corpus
@pytest.mark.parametrize("report", corpus_reports(), ids=lambda p: p.stem)
def test_corpus_pages(tmp_path: Path, report: Path) -> None:
    page, root = page_for(tmp_path, str(report))
    assert len(page.encode()) < 2_000_000
    check_marks(page, root, report, findings_of(str(report)))


# --------------------------------------------------------------------------- generated lines

_ALPHABET = "ab <>&\"'*/#x1,%"
_PIECES = ["**", "<b>", "</b>", "<br>", "<p>", "<i>", "<script>", "&amp;", "<img src=x>", "__"]


def _expected(raw: str, lo: int, hi: int, marks) -> tuple[str, dict[tuple[int, int | None], str]]:
    """The visible text of ``raw[lo:hi]`` and of each mark, computed unit by unit: a character,
    or a dropped tag's replacement, carried by the marks live where it starts."""
    from sakiplint.report.html import _DROP

    drops = {m.start(): (m.end(), " " if m.group(2) else "") for m in _DROP.finditer(raw, lo, hi)}
    clamped = []
    for m in marks:
        s = min(max(m.start, lo), hi - 1)
        clamped.append(((m.n, m.k), s, min(max(m.end, s + 1), hi)))
    text, per = [], {key: "" for key, _, _ in clamped}
    p = lo
    while p < hi:
        end, unit = drops.get(p, (p + 1, raw[p]))
        text.append(unit)
        for key, s, e in clamped:
            if s <= p < e:
                per[key] += unit
        p = end
    return "".join(text), per


def test_generated_lines_keep_text_and_marks() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sakiplint.engine.findings import Finding
    from sakiplint.report.html import _Mark, _Page

    piece = st.one_of(st.sampled_from(_PIECES), st.text(_ALPHABET, min_size=1, max_size=4))
    mark = st.tuples(st.integers(-2, 40), st.integers(0, 12), st.integers(1, 4),
                     st.one_of(st.none(), st.integers(0, 2)))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(piece, max_size=12), st.lists(mark, max_size=6), st.integers(0, 3))
    def check(pieces: list[str], specs: list[tuple[int, int, int, int | None]], cut: int) -> None:
        raw = "".join(pieces)
        lo, hi = min(cut, len(raw)), len(raw)
        # one mark per finding, one per related entry (as the placing gives them)
        marks = list({(n, k): _Mark(s, s + w, n, k) for s, w, n, k in specs}.values())
        page = _Page()
        page.findings = {n: Finding("AR001", "x", "arithmetic", "error", 1, 1, 1, 2,
                                    {"id": "m"}) for n in range(1, 5)}
        html = page.text(raw, lo, hi, marks)
        root = parse_page(f"<!DOCTYPE html><div>{html}</div>")
        text, per = _expected(raw, lo, hi, marks)
        if hi <= lo:
            assert (root.text() == "\u00b6") if marks else root.text() == ""
            return
        got = {}
        for e in root.iter():
            key = ((int(e.attrs["data-f"]), None) if "data-f" in e.attrs else
                   (int(e.attrs["data-rk"].split(".")[0]), int(e.attrs["data-rk"].split(".")[1]))
                   if "data-rk" in e.attrs else None)
            if key is not None:
                got[key] = got.get(key, "") + e.text()
        placeholder = root.text().endswith("\u00b6") and not text.endswith("\u00b6")
        assert root.text() == text + ("\u00b6" if placeholder else "")
        for key, want in per.items():
            if want:
                assert got.get(key) == want, (key, want, got)
            elif key[1] is None:
                assert got.get(key) == "\u00b6", (key, got)
        ids = [e for e in root.iter() if "id" in e.attrs]
        assert sorted(e.attrs["id"] for e in ids) == sorted(
            {f"f{m.n}" for m in marks if m.k is None})
        assert all(e.text() for e in ids)   # the anchor of a finding is never empty

    check()
