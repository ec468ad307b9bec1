"""Word (.docx) and PDF reports: the same findings as the markdown they were made from, where
each finding is in the file (page, table, row, column, box), comments written into a Word
copy, and one clear line (exit 2) for files that cannot be read.

The .docx files are built here from every fixture report (``fixtures/make_office.py``); the
PDFs are LibreOffice's renderings of them, committed under ``fixtures/office/``."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from sakiplint.cli import main
from sakiplint.engine.lint import lint_file
from sakiplint.read.load import load_document
from sakiplint.read.source import InputError
from sakiplint.report.jsonout import output_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from make_office import OFFICE, build_docx, fixture_reports, md_digest

REPORTS = fixture_reports()
EXAMPLE = next(p for p in REPORTS if p.name == "lkjip-sukamaju-2024.md")
PDFS = sorted(OFFICE.glob("*.pdf"))
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / (
    "sarif-schema-2.1.0.json")


def signature(path: Path) -> Counter[tuple[str, str | None, str | None]]:
    """The rules and values found: what must not depend on the file format."""
    _, findings = lint_file(path)
    return Counter((f.rule, f.actual, f.expected) for f in findings)


@pytest.fixture(scope="session")
def docx_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    for md in REPORTS:
        build_docx(md, out / f"{md.stem}.docx")
    return out


def _md_of(pdf: Path) -> Path:
    stem = pdf.stem.removesuffix("-borderless")
    return next(p for p in REPORTS if p.stem == stem)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sakiplint", *args], capture_output=True,
                          text=True, timeout=300)


# --------------------------------------------------------------------------- same findings

@pytest.mark.parametrize("md", REPORTS, ids=lambda p: p.stem)
def test_docx_gives_the_findings_of_the_markdown(md: Path, docx_dir: Path) -> None:
    docx = docx_dir / f"{md.stem}.docx"
    expected = signature(md)
    assert expected, f"{md}: a fixture report with no finding tests nothing"
    assert signature(docx) == expected


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdf_gives_the_findings_of_the_markdown(pdf: Path) -> None:
    md = _md_of(pdf)
    import pypdfium2

    keywords = pypdfium2.PdfDocument(str(pdf)).get_metadata_dict().get("Keywords", "")
    digest = md_digest(md).rsplit(":", 1)[1]
    if digest not in keywords:
        pytest.fail(f"{pdf} was made from another version of {md}: "
                    "run python fixtures/make_office.py (needs LibreOffice)")
    assert signature(pdf) == signature(md)


def test_every_fixture_report_has_a_pdf() -> None:
    missing = [md.name for md in REPORTS if not (OFFICE / f"{md.stem}.pdf").exists()]
    if missing:
        pytest.skip(f"no PDF yet for {missing}: python fixtures/make_office.py makes them")
    assert any(p.stem.endswith("-borderless") for p in PDFS), "no PDF with tables by alignment"


def test_docx_and_pdf_read_as_the_same_text(docx_dir: Path) -> None:
    """The two readers agree on the example's text, headings aside (a PDF shows a heading
    only by its font)."""
    def text(p: Path) -> list[str]:
        return [re.sub(r"^#+ ", "", ln) for ln in load_document(p).lines if ln.strip()]

    docx = text(docx_dir / f"{EXAMPLE.stem}.docx")
    assert text(OFFICE / f"{EXAMPLE.stem}.pdf") == docx
    assert text(OFFICE / f"{EXAMPLE.stem}-borderless.pdf") == docx


# --------------------------------------------------------------------------- the Word reader

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(tmp_path: Path, body: str, name: str = "x.docx") -> Path:
    """A Word file whose body is the given WordprocessingML (python-docx's template)."""
    import docx

    path = tmp_path / name
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "KOP SURAT RUNNING HEADER"
    d.sections[0].footer.paragraphs[0].text = "Halaman 1"
    d.save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    xml = re.sub(r"<w:body>.*?(<w:sectPr)", lambda m: f"<w:body>{body}{m.group(1)}", xml,
                 flags=re.S)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def _p(text: str, style: str | None = None, extra: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r>{extra}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text) if text else '<w:p/>'}</w:tc>"


def test_docx_grid_merges_nested_tables_and_tracked_changes(tmp_path: Path) -> None:
    table = (
        "<w:tbl><w:tblGrid>" + '<w:gridCol w:w="1000"/>' * 4 + "</w:tblGrid>"
        # a header: "Indikator" over two rows, "Target" over two year columns
        "<w:tr>" + _tc("Indikator", '<w:vMerge w:val="restart"/>')
        + _tc("Target", '<w:gridSpan w:val="2"/>') + _tc("Ket") + "</w:tr>"
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("2023") + _tc("2024") + _tc("") + "</w:tr>"
        # a row that starts one grid column in (gridBefore), and a deleted row
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("80") + _tc("85")
        + _tc("naik") + "</w:tr>"
        "<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"x\"/></w:trPr>" + _tc("hapus") + _tc("1")
        + _tc("2") + _tc("3") + "</w:tr>"
        # accepted changes inside a cell; a nested table in the last cell
        "<w:tr>" + _tc("IKM") + _tc("8") + "<w:tc><w:p>"
        '<w:ins w:id="2" w:author="x"><w:r><w:t>9</w:t></w:r></w:ins>'
        '<w:del w:id="3" w:author="x"><w:r><w:delText>7</w:delText></w:r></w:del>'
        "</w:p></w:tc>"
        "<w:tc><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>" + _tc("dalam") + _tc("1") + "</w:tr></w:tbl><w:p/></w:tc></w:tr>"
        "</w:tbl>"
    )
    body = (
        _p("BAB I PENDAHULUAN", "Heading1")
        + _p("Teks terlihat", extra="")
        + '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>teks tersembunyi</w:t></w:r></w:p>'
        + _p("Tabel 1.1 Contoh")
        + table
    )
    doc = load_document(_docx(tmp_path, body))
    lines = [ln for ln in doc.lines if ln.strip()]
    assert lines[:3] == ["# BAB I PENDAHULUAN", "Teks terlihat", "Tabel 1.1 Contoh"]
    assert lines[3:7] == [
        "Indikator\tTarget\t\tKet",
        "\t2023\t2024\t",
        "\t80\t85\tnaik",
        "IKM\t8\t9\t",
    ]
    assert lines[7:] == ["dalam\t1"]            # the nested table, after its outer table
    assert "tersembunyi" not in doc.text and "KOP SURAT" not in doc.text
    assert "hapus" not in doc.text and "Halaman" not in doc.text
    smap = doc.source_map
    assert smap is not None and smap.kind == "docx"
    row = doc.lines.index("IKM\t8\t9\t") + 1
    nine = smap.at(row, 7)   # "9", the accepted insertion
    assert nine is not None and (nine.table, nine.row, nine.column) == (1, 4, 3)
    assert smap.at(doc.lines.index("dalam\t1") + 1, 1).table == 2
    # the merged header cell: the continuation points at its first row
    assert smap.at(doc.lines.index("\t2023\t2024\t") + 1, 1).row == 1
    assert doc.tables[0].columns[1].header == "Target 2023"


def test_suppression_comments_typed_in_word(tmp_path: Path) -> None:
    """A suppression comment typed as text of the Word file works as in markdown: a
    paragraph of its own, or at the end of a table row's last cell."""
    def table(last: str) -> str:
        return ("<w:tbl><w:tblGrid>" + '<w:gridCol w:w="1000"/>' * 4 + "</w:tblGrid>"
                "<w:tr>" + _tc("Indikator") + _tc("Target") + _tc("Realisasi") + _tc("Capaian")
                + "</w:tr><w:tr>" + _tc("Persentase dokumen") + _tc("80") + _tc("90")
                + _tc(last) + "</w:tr></w:tbl>")

    plain = _p("Tabel 3.1 Capaian Kinerja Tahun 2024") + table("120,00%")
    _, found = lint_file(_docx(tmp_path, plain, "a.docx"))
    assert [f.rule for f in found if f.rule == "AR001"] == ["AR001"]
    for body in (_p("&lt;!-- sakiplint-disable AR001 --&gt;") + plain,
                 _p("Tabel 3.1 Capaian Kinerja Tahun 2024")
                 + table("120,00% &lt;!-- sakiplint-disable-line AR001 --&gt;")):
        res = run("check", str(_docx(tmp_path, body, "b.docx")), "--select", "AR001")
        assert res.returncode == 0, res.stdout


def test_docx_pages_from_rendered_or_explicit_breaks(tmp_path: Path) -> None:
    page_break = '<w:r><w:br w:type="page"/></w:r>'
    body = (_p("satu") + f"<w:p>{page_break}</w:p>" + _p("dua")
            + f"<w:p>{page_break}</w:p>" + _p("tiga"))
    doc = load_document(_docx(tmp_path, body))
    assert doc.source_map is not None
    pages = [doc.source_map.at(doc.lines.index(t) + 1).page for t in ("satu", "dua", "tiga")]
    assert pages == [1, 2, 3]
    # Word's own marks win: an explicit break it rendered is counted once
    rendered = '<w:lastRenderedPageBreak/>'
    body = (_p("satu") + f"<w:p>{page_break}</w:p>" + _p("dua", extra=rendered)
            + _p("masih dua"))
    doc = load_document(_docx(tmp_path, body, "r.docx"))
    assert doc.source_map is not None
    assert [doc.source_map.at(doc.lines.index(t) + 1).page
            for t in ("satu", "dua", "masih dua")] == [1, 2, 2]
    # no break at all: the page is unknown, not "1"
    doc = load_document(_docx(tmp_path, _p("satu") + _p("dua"), "n.docx"))
    assert doc.source_map is not None and doc.source_map.at(1).page is None


def test_docx_page_break_inside_a_table(docx_dir: Path) -> None:
    """The fixture's Tabel 3.9 is one Word table over two pages: findings below the break
    are on the next page."""
    _, findings = lint_file(docx_dir / f"{EXAMPLE.stem}.docx")
    bu001 = [f for f in findings if f.rule == "BU001"]
    dq001 = next(f for f in findings if f.rule == "DQ001")
    assert bu001 and dq001.location and all(f.location for f in bu001)
    assert dq001.location.table == bu001[0].location.table  # type: ignore[union-attr]
    assert all(f.location.page == dq001.location.page + 1 for f in bu001)  # type: ignore[union-attr]
    assert all(f.location.caption == "3.9" for f in bu001)  # type: ignore[union-attr]


@pytest.mark.parametrize("rotation", [90, 270])
def test_pdf_landscape_pages_read_as_shown(rotation: int, tmp_path: Path) -> None:
    """A page kept in landscape by /Rotate, its content drawn turned (inside a form XObject,
    as PDF tools do): read as a reader sees it, the same text as upright."""
    import pypdfium2

    src = pypdfium2.PdfDocument(str(OFFICE / f"{EXAMPLE.stem}.pdf"))
    dst = pypdfium2.PdfDocument.new()
    for i in range(len(src)):
        w, h = src[i].get_size()
        page = dst.new_page(h, w)
        form = src.page_as_xobject(i, dst).as_pageobject()
        turn = pypdfium2.PdfMatrix().rotate(90, ccw=rotation == 90)
        form.transform(turn.translate(h, 0) if rotation == 90 else turn.translate(0, w))
        page.insert_obj(form)
        page.gen_content()
        page.set_rotation(rotation)
    out = tmp_path / f"landscape{rotation}.pdf"
    dst.save(str(out))
    assert load_document(out).lines == load_document(OFFICE / f"{EXAMPLE.stem}.pdf").lines


# --------------------------------------------------------------------------- locations

def test_text_output_names_table_row_and_column(docx_dir: Path) -> None:
    res = run("check", str(docx_dir / f"{EXAMPLE.stem}.docx"), "--select", "AR001")
    assert res.returncode == 1
    head = res.stdout.splitlines()[0]
    assert re.match(r".*\.docx:\d+: Tabel 3\.1, baris 3, kolom Capaian 2024: AR001 ", head), head
    en = run("check", str(OFFICE / f"{EXAMPLE.stem}.pdf"), "--select", "AR001", "--lang", "en")
    assert re.match(r".*\.pdf:\d+: Table 3\.1, row 3, column Capaian 2024: AR001 ",
                    en.stdout.splitlines()[0]), en.stdout
    para = run("check", str(docx_dir / f"{EXAMPLE.stem}.docx"), "--select", "NA001")
    assert re.match(r".*\.docx:\d+: paragraf \d+: NA001 ", para.stdout.splitlines()[0])


def test_json_locations_validate(docx_dir: Path) -> None:
    for path in (docx_dir / f"{EXAMPLE.stem}.docx", OFFICE / f"{EXAMPLE.stem}.pdf"):
        res = run("check", str(path), "--format", "json")
        data = json.loads(res.stdout)
        jsonschema.Draft202012Validator(output_schema()).validate(data)
        findings = data["files"][0]["findings"]
        assert all("location" in f for f in findings)
        cells = [f["location"] for f in findings if "table" in f["location"]]
        assert cells and all({"page", "table", "row", "column"} <= set(c) for c in cells)
        assert all(("bbox" in c) == (path.suffix == ".pdf") for c in cells)
    md = json.loads(run("check", str(EXAMPLE), "--format", "json").stdout)
    assert not any("location" in f for f in md["files"][0]["findings"])


def test_github_annotations_name_the_place() -> None:
    res = run("check", str(OFFICE / f"{EXAMPLE.stem}.pdf"), "--format", "github")
    ar004 = next(ln for ln in res.stdout.splitlines() if "AR004" in ln)
    assert ",line=" not in ar004   # the report text's lines are not the PDF's
    assert "title=AR004 halaman 4%2C Tabel 1.1%2C baris 5%2C kolom Jumlah::" in ar004


def test_pdf_boxes_hold_the_values() -> None:
    """Every box a PDF finding gives holds the value it names, on its page."""
    import pypdfium2

    pdf_path = OFFICE / f"{EXAMPLE.stem}.pdf"
    _, findings = lint_file(pdf_path)
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    checked = 0
    for f in findings:
        loc = f.location
        if loc is None or loc.bbox is None or not f.actual or not re.search(r"\d", f.actual):
            continue
        page = pdf[loc.page - 1]  # type: ignore[operator]
        height = page.get_height()
        x0, top, x1, bottom = loc.bbox
        text = page.get_textpage().get_text_bounded(x0 - 1, height - bottom - 1, x1 + 1,
                                                    height - top + 1)
        digits = re.sub(r"\D", "", f.actual)
        assert digits in re.sub(r"\D", "", text), (f.rule, f.actual, text)
        checked += 1
    assert checked >= 20


def test_sarif_for_office_files_validates(docx_dir: Path) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip("SARIF schema not present")
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for path in (docx_dir / f"{EXAMPLE.stem}.docx", OFFICE / f"{EXAMPLE.stem}.pdf"):
        log = json.loads(run("check", str(path), "--format", "sarif").stdout)
        validator.validate(log)
        loc = log["runs"][0]["results"][1]["locations"][0]
        assert "region" not in loc["physicalLocation"]
        assert loc["logicalLocations"][0]["fullyQualifiedName"]
        assert loc["properties"]["page"] >= 1


# --------------------------------------------------------------------------- --annotate

def test_annotate_writes_one_comment_per_finding(docx_dir: Path, tmp_path: Path) -> None:
    import docx

    src = docx_dir / f"{EXAMPLE.stem}.docx"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    res = run("check", str(src), "--annotate", str(out), "--lang", "en", "-q")
    assert res.returncode == 1, res.stderr
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before   # input never written
    _, findings = lint_file(src)
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == len(findings)
    texts = [c.text for c in comments]
    for f in findings:
        assert any(t.startswith(f"{f.rule} {f.slug}: ") for t in texts)
    assert any("expected: 95,00%" in t for t in texts)
    # each comment marks the wrong value: the text between its range marks holds it
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    anchored = {int(m.group(1)): re.sub(r"<[^>]+>", "", m.group(2))
                for m in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>(.*?)'
                                     r'<w:commentRangeEnd w:id="\1"/>', xml, re.S)}
    assert len(anchored) == len(findings)
    for c, f in zip(comments, sorted(findings, key=lambda f: f.sort_key()), strict=True):
        assert c.text.startswith(f.rule)
        if f.actual and re.fullmatch(r"[\d.,%]+", f.actual):
            digits = re.sub(r"\D", "", f.actual)
            assert digits in re.sub(r"\D", "", anchored[c.comment_id]), (f.rule, f.actual)
    # the annotated copy reads as the report did
    assert signature(out) == signature(src)


def test_annotate_refuses(docx_dir: Path, tmp_path: Path) -> None:
    src = docx_dir / f"{EXAMPLE.stem}.docx"
    for args, needle in [
        ((str(src), "--annotate", str(src)), "never writes its input"),
        ((str(OFFICE / f"{EXAMPLE.stem}.pdf"), "--annotate", str(tmp_path / "a.docx")),
         "Word (.docx)"),
        ((str(src), str(EXAMPLE), "--annotate", str(tmp_path / "b.docx")), "exactly one"),
        ((str(src), "--annotate", str(tmp_path / "c.txt")), ".docx copy"),
    ]:
        res = run("check", *args)
        assert res.returncode == 2 and needle in res.stderr, (args, res.stderr)
        assert len(res.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- bad files

def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def scanned_pdf() -> bytes:
    """A one-page PDF holding only an image: a scan without a text layer."""
    content = b"q 200 0 0 200 0 0 cm /Im0 Do Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
        b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 64 >>\nstream\n" + b"\x80" * 64 + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ])


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    files = {
        "scan": ("scan.pdf", scanned_pdf(), "no text layer: the PDF is a scan; OCR it first"),
        "damaged pdf": ("rusak.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, "damaged PDF"),
        "not a pdf": ("palsu.pdf", b"ini bukan PDF\n", "damaged .pdf"),
        "old doc": ("lama.doc", ole2 + b"WordDocument".decode().encode("utf-16-le"),
                    "old binary Word"),
        "encrypted docx": ("kunci.docx", ole2 + "EncryptedPackage".encode("utf-16-le"),
                           "encrypted Word file"),
        "damaged docx": ("rusak.docx", b"PK\x03\x04" + b"\x00" * 200, "damaged .docx"),
        "not word": ("data.docx", b"", "not a Word document"),
    }
    out: dict[str, tuple[Path, str]] = {}
    for key, (name, data, message) in files.items():
        p = tmp_path / name
        if key == "not word":
            with zipfile.ZipFile(p, "w") as z:
                z.writestr("xl/workbook.xml", "<workbook/>")
        else:
            p.write_bytes(data)
        out[key] = (p, message)
    out["encrypted pdf"] = (OFFICE / "bad" / "encrypted.pdf", "encrypted PDF")
    return out


def test_bad_files_end_in_one_line_and_exit_2(tmp_path: Path) -> None:
    for key, (path, message) in _bad_files(tmp_path).items():
        with pytest.raises(InputError, match=re.escape(message)):
            load_document(path)
        res = run("check", str(path))
        assert res.returncode == 2, (key, res.stdout, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("sakiplint: ") and message in lines[0], (
            key, res.stderr)
        assert "Traceback" not in res.stderr


# --------------------------------------------------------------------------- the rest

def test_markdown_runs_import_no_office_parser() -> None:
    code = (
        "import sys\n"
        "from sakiplint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(EXAMPLE)!r}, '-q'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('docx', 'pypdfium2', 'lxml', 'pdfplumber', 'pdfminer')\n"
        "         if m in sys.modules]\n"
        "print(heavy)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert res.stdout.strip().splitlines()[-1] == "[]", res.stdout + res.stderr


def test_directories_include_word_and_pdf(tmp_path: Path, docx_dir: Path) -> None:
    (tmp_path / "a.docx").write_bytes((docx_dir / f"{EXAMPLE.stem}.docx").read_bytes())
    (tmp_path / "b.pdf").write_bytes((OFFICE / f"{EXAMPLE.stem}.pdf").read_bytes())
    res = run("check", str(tmp_path), "--statistics", "--format", "json")
    assert res.returncode == 1
    stats = {s["code"]: s["count"] for s in json.loads(res.stdout)}
    assert stats["AR001"] == 2


def test_tables_command_reads_pdf() -> None:
    res = run("tables", str(OFFICE / f"{EXAMPLE.stem}.pdf"), "--format", "json")
    data = json.loads(res.stdout)
    captions = [t["caption"] for t in data["tables"]]
    assert "Tabel 3.9 Realisasi Anggaran per Sub Kegiatan Tahun 2024" in captions


def test_progress_bar_after_a_second(capsys: pytest.CaptureFixture[str]) -> None:
    from sakiplint.cli import PageProgress

    quick = PageProgress("laporan.pdf")
    quick(1, 100)
    assert capsys.readouterr().err == ""
    slow = PageProgress("laporan.pdf")
    slow.start -= 2
    slow(50, 100)
    assert "[##########          ] 50/100 laporan.pdf" in capsys.readouterr().err


def test_cli_runner_reads_docx(docx_dir: Path) -> None:
    res = CliRunner().invoke(main, ["check", str(docx_dir / f"{EXAMPLE.stem}.docx"),
                                    "--select", "BU002", "-q"])
    assert res.exit_code == 1
    assert "Tabel 2.6, baris 4, kolom Anggaran Perubahan (Rp): BU002" in res.output
