"""Hostile and unlucky input: no crash, no hang, no lost output (issue 17).

Each test here failed on the code before the fix it guards."""

from __future__ import annotations

import json
import os
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BAD_BUDGET, BAD_CAPAIAN
from sakiplint.cli import main
from sakiplint.engine import rules as engine
from sakiplint.engine.lint import lint_text
from sakiplint.engine.rules import RuleCrash, RuleCrashed, all_rules, run_rules
from sakiplint.read.numfmt import fmt, quantize
from sakiplint.read.parse import parse_text
from sakiplint.read.source import InputError, read_source

RULES = {r.code: r for r in all_rules()}


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --------------------------------------------------------------------------- numbers

BIG = "1" * 40


def test_more_than_28_digits_in_a_copy_paste_row() -> None:
    """DU003 took ``n % 1000`` of a 40-digit number in the default 28-digit context."""
    report = next(e["report"] for e in RULES["DU003"].examples if e["kind"] == "fail")
    report = report.replace("12.345.678", "12.345.678" + ".345" * 12)
    assert report.count("12.345.678.345.345.345.345") == 2
    _, found = lint_text(report, [RULES["DU003"]])
    assert [f.rule for f in found] == ["DU003"]


def test_capaian_of_a_tiny_target_is_formatted() -> None:
    """90 / 10^-31 x 100 = 9 x 10^34 %, quantized to 2 decimals: 37 digits."""
    report = BAD_CAPAIAN.replace("\t80\t90\t", "\t0," + "0" * 30 + "1\t90\t")
    _, found = lint_text(report, [RULES["AR001"]])
    assert [(f.rule, f.expected) for f in found] == [
        ("AR001", "90" + ".000" * 11 + ",00%")]


@pytest.mark.parametrize("digits", [29, 60, 400])
def test_quantize_and_fmt_keep_every_digit(digits: int) -> None:
    value = Decimal("9" * digits + ".125")
    assert quantize(value, 2) == Decimal("9" * digits + ".13")
    text = fmt(value.copy_negate(), 2)
    assert text.startswith("-9") and ".999.999." in text and text.endswith(",13")
    assert text.replace(".", "").replace(",", "").lstrip("-") == "9" * digits + "13"


def test_astronomical_against_small_value() -> None:
    """XT003 compared the scale of two values through a float: inf past 1e308, and round(inf)
    raised. Every rule, on the same indicator with 10^400 in one table and 0,5 in another."""
    xt = next(e["report"] for e in RULES["XT003"].examples if e["kind"] == "fail")
    for big, small in (("1" + "0" * 400, "0,5"), ("0,5", "1" + "0" * 400),
                       ("9" * 320 + ",5", "0," + "0" * 300 + "1")):
        report = xt.replace("84,00", big).replace("86,00", small)
        lint_text(report, list(RULES.values()))  # RuleCrashed if any rule raised


def test_efficiency_with_spending_zero() -> None:
    """AR008 divided by the spending (realisasi anggaran) when it was 0."""
    ok = next(e["report"] for e in RULES["AR008"].examples if e["kind"] == "pass")
    report = ok.replace("\t100.000.000\t75.000.000\t", "\t100.000.000\t0\t")
    assert report != ok
    _, found = lint_text(report, [RULES["AR008"]])
    assert [f.rule for f in found] == []


# --------------------------------------------------------------------------- one crash only

def _boom(_ctx: object, _node: object) -> list[object]:
    raise ValueError("boom\nsecond line")


def test_a_crashing_rule_keeps_the_other_findings() -> None:
    doc = parse_text(BAD_CAPAIAN, path="r.md")
    bad = engine.Rule(**{**_fields(RULES["DQ001"]), "code": "ZZ001", "check": _boom})
    crashes: list[RuleCrash] = []
    found = run_rules(doc, [RULES["AR001"], bad], crashes=crashes)
    assert [f.rule for f in found] == ["AR001"]
    assert [str(c) for c in crashes] == [
        "r.md: internal error in rule ZZ001: ValueError: boom second line (please report)"]
    # without a list to collect them, the crash is raised after the walk, with the findings
    with pytest.raises(RuleCrashed) as info:
        run_rules(doc, [RULES["AR001"], bad])
    assert [f.rule for f in info.value.findings] == ["AR001"]


def _fields(rule: engine.Rule) -> dict[str, object]:
    return {k: getattr(rule, k) for k in engine.Rule.__slots__}


def test_cli_reports_a_crash_in_one_line_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(BAD_CAPAIAN, "utf-8")
    b.write_text(BAD_BUDGET, "utf-8")
    real = engine.LazyCheck.__call__

    def call(self: engine.LazyCheck, *args: object) -> object:
        if self.ref.endswith(":capaian") and args[0].document.path == str(a):  # type: ignore
            raise ZeroDivisionError("simulated")
        return real(self, *args)

    monkeypatch.setattr(engine.LazyCheck, "__call__", call)
    r = _run("check", "--isolated", "--format", "json", "--select", "AR001,BU002",
             str(a), str(b))
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"sakiplint: {a}: internal error in rule AR001: ZeroDivisionError: simulated "
        "(please report)"]
    data = json.loads(r.stdout)
    assert [[f["rule"] for f in e["findings"]] for e in data["files"]] == [[], ["BU002"]]
    # the same rule on the other file is not affected
    b.write_text(BAD_CAPAIAN, "utf-8")
    r = _run("check", "--isolated", "--select", "AR001", str(a), str(b))
    assert r.exit_code == 2 and f"{b}:4:" in r.stdout and f"{a}:4:" not in r.stdout


def test_cli_reports_a_reader_crash_and_keeps_the_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sakiplint.read import load

    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(BAD_CAPAIAN, "utf-8")
    b.write_text(BAD_BUDGET, "utf-8")
    real = load.parse_document

    def parse(source):  # type: ignore[no-untyped-def]
        if source.path.endswith("a.md"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(source)

    monkeypatch.setattr(load, "parse_document", parse)
    r = _run("check", "--isolated", "--select", "AR001,BU002", str(a), str(b))
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"sakiplint: {a}: internal error while reading: RecursionError: maximum recursion "
        "depth exceeded (please report)"]
    assert f"{b}:6:" in r.stdout and "BU002" in r.stdout


# --------------------------------------------------------------------------- files

def _in_time(target, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Run ``target`` in a thread; fail (instead of hanging the suite) when it blocks."""
    box: list[BaseException] = []

    def run() -> None:
        try:
            target()
        except BaseException as exc:  # pragma: no cover - shown by the assertion
            box.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "blocked"
    if box:
        raise box[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "laporan.md"
    os.mkfifo(fifo)
    good = tmp_path / "b.md"
    good.write_text(BAD_BUDGET, "utf-8")

    def check() -> None:
        r = _run("check", "--isolated", "--select", "BU002", str(fifo), str(good))
        assert r.exit_code == 2
        assert r.stderr.strip() == (f"sakiplint: {fifo}: is a named pipe (FIFO), not a regular "
                                    "file: not read")
        assert "BU002" in r.stdout

    _in_time(check)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused() -> None:
    def read() -> None:
        with pytest.raises(InputError, match="character device, not a regular file"):
            read_source("/dev/zero")

    _in_time(read)


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.md"
    p.write_text(BAD_CAPAIAN + "x" * (2 << 20), "utf-8")
    with pytest.raises(InputError, match=r"file too large \(2 MB; the limit is 1 MB"):
        read_source(p, 1 << 20)
    assert read_source(p).text.startswith("Tabel")
    r = _run("check", "--isolated", "--max-file-size", "1", str(p))
    assert r.exit_code == 2 and "--max-file-size" in r.stderr
    assert _run("check", "--isolated", "--max-file-size", "3", "--select", "AR001",
                str(p)).exit_code == 1


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_an_unreadable_file_is_said_and_the_rest_kept(tmp_path: Path) -> None:
    locked = tmp_path / "a.md"
    locked.write_text(BAD_CAPAIAN, "utf-8")
    locked.chmod(0)
    good = tmp_path / "b.md"
    good.write_text(BAD_BUDGET, "utf-8")
    r = _run("check", "--isolated", "--select", "BU002", str(locked), str(good))
    assert r.exit_code == 2
    assert r.stderr.strip() == f"sakiplint: {locked}: permission denied"
    assert "BU002" in r.stdout


def test_an_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above where the tests run as root: the open fails."""
    locked = tmp_path / "a.md"
    locked.write_text(BAD_CAPAIAN, "utf-8")
    good = tmp_path / "b.md"
    good.write_text(BAD_BUDGET, "utf-8")
    real = os.open

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    r = _run("check", "--isolated", "--select", "BU002", str(locked), str(good))
    assert r.exit_code == 2
    assert r.stderr.strip() == f"sakiplint: {locked}: permission denied"
    assert "BU002" in r.stdout


# --------------------------------------------------------------------------- output injection

#: a row label carrying terminal escapes (set the title, clear the screen), a bidi override
#: and a legacy workflow command
HOSTILE = BAD_CAPAIAN.replace(
    "Persentase dokumen tepat waktu",
    "Persentase \x1b]0;pwned\x07dokumen \x1b[2Jtepat\u202e waktu ##[add-mask]x")


def _no_raw_controls(text: str) -> None:
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) < 0xA0
           or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]
    assert bad == [], bad
    assert "##[" not in text and not any(line.lstrip().startswith("::")
                                         for line in text.splitlines())


def test_text_output_escapes_document_text(tmp_path: Path) -> None:
    p = tmp_path / "r.md"
    p.write_text(HOSTILE, "utf-8")
    r = _run("check", "--isolated", "--select", "AR001", str(p))
    assert r.exit_code == 1
    _no_raw_controls(r.stdout)
    assert "␛]0;pwned␇" in r.stdout and "␛[2J" in r.stdout and "#\u200b#[add-mask]" in r.stdout
    # the marker still points at the wrong value
    lines = r.stdout.splitlines()
    snippet, marker = lines[1], lines[2]
    col = marker.index("^") - marker.index("|") + snippet.index("|")
    assert snippet[col:].startswith("120,00%")
    # and the views of the tables and the time frame
    for command in ("tables", "timeframe"):
        r = _run(command, str(p))
        assert r.exit_code == 0
        _no_raw_controls(r.stdout)


def test_file_names_cannot_start_workflow_commands(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "::error title=pwned::x.md"
    if sys.platform == "win32":
        pytest.skip("no such file name on Windows")
    (tmp_path / name).write_text(BAD_CAPAIAN, "utf-8")
    r = _run("check", "--isolated", "--select", "AR001", name)
    assert r.exit_code == 1
    _no_raw_controls(r.stdout)
    assert r.stdout.startswith("./::error title=pwned::x.md:4:38: AR001")
    r = _run("check", "--isolated", "--select", "AR001", "--format", "github", name)
    assert r.stdout.startswith("::error file=::error title=pwned::x.md".replace(
        "::error title=pwned::", "./%3A%3Aerror title=pwned%3A%3A"))
    assert len(r.stdout.splitlines()) == 1


def test_github_output_escapes_document_text(tmp_path: Path) -> None:
    p = tmp_path / "r\n::warning::pwned.md"
    if sys.platform == "win32":
        pytest.skip("no such file name on Windows")
    p.write_text(HOSTILE, "utf-8")
    r = _run("check", "--isolated", "--select", "AR001", "--format", "github", str(p))
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=")
    assert "r␊%3A%3Awarning%3A%3Apwned.md," in lines[0]
    _no_raw_controls(lines[0].split("::", 2)[2])
    # errors on stderr too
    r = _run("check", "--isolated", str(tmp_path / "no\x1b[2Jsuch.md"))
    assert r.exit_code == 2 and "\x1b" not in r.stderr and "␛[2J" in r.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes: Linux")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    import subprocess

    folder = os.fsencode(tmp_path)
    for name in (b"lap\xffor.md", b"sub/r\xe9.md"):
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(BAD_CAPAIAN.encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "sakiplint", "check", "--isolated", "--select", "AR001",
         "--format", fmt, b"lap\xffor.md", b"sub"], cwd=folder, capture_output=True,
        check=False)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode("utf-8")  # valid UTF-8
    if fmt == "json":
        assert [f["path"] for f in json.loads(out)["files"]] == ["lap\\xffor.md",
                                                                 "sub/r\\xe9.md"]
    elif fmt == "sarif":
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"]]
        assert uris == ["lap%FFor.md", "sub/r%E9.md"]
    else:
        assert "lap\\xffor.md" in out and "sub/r\\xe9.md" in out


def test_a_number_cell_with_a_long_blank_run_is_linear() -> None:
    """The bare-number pattern of rating scales (facts/scales.py) had two adjacent \\s* around
    an optional %: 16,000 blanks and a letter took 12 s."""
    import time

    from sakiplint.facts.scales import parse_interval

    start = time.process_time()
    assert parse_interval("1" + " " * 50_000 + "x") is None
    assert parse_interval(" 75 % ") is None
    assert time.process_time() - start < 1


def test_a_numeral_of_100000_digits() -> None:
    """Found by the fuzz: the precision followed the longest numeral (three times it), so
    every division of a document with a 100,000-digit numeral was 300,000 digits long, and
    Decimal.log10 at that precision (XT003) never finished."""
    import time

    from sakiplint.read.numfmt import MAX_PRECISION, multiple_of_power_of_ten, number_context

    huge = "9" * 100_000
    assert number_context(huge).prec == MAX_PRECISION
    assert multiple_of_power_of_ten(Decimal("1e400"), 3)
    assert not multiple_of_power_of_ten(Decimal("1" + "0" * 400 + "1"), 3)
    xt = next(e["report"] for e in RULES["XT003"].examples if e["kind"] == "fail")
    report = xt.replace("86,00", huge) + "\n" + BAD_CAPAIAN.replace("\t90\t", f"\t{huge}\t")
    start = time.process_time()
    lint_text(report, list(RULES.values()))
    assert time.process_time() - start < 10


def test_one_row_of_thousands_of_cells_does_not_widen_every_row() -> None:
    """Found by the fuzz: rows were padded to the widest row, so one damaged row of 2,000 cells
    in a table of 800 rows made 1.6 million cells (3 s to parse a 20 KB text, quadratic)."""
    import time

    lines = ["Tabel 1 Capaian", "", "| No | Indikator | Target |", "|---|---|---|"]
    lines += ["| 1 | Persentase dokumen | 80 |"] * 800
    lines.insert(6, "| 1 " * 2000 + "|")
    start = time.process_time()
    doc = parse_text("\n".join(lines) + "\n")
    assert time.process_time() - start < 2
    assert sum(len(r.cells) for t in doc.tables for r in t.rows) < 10_000


def test_lines_of_table_tags_without_cells_are_linear() -> None:
    """Found by the fuzz: every line starting an HTML table re-read the rest of the region
    (nested, never closed) and found no cell: 4,000 ``<table>`` tags took 2 s, quadratic."""
    import time

    start = time.process_time()
    for unit in ("<table>", "<tr><table>"):
        doc = parse_text((unit * 20 + "\n") * 1000)
        assert doc.tables == []
    assert time.process_time() - start < 3


def test_safe_fast_path_covers_every_replaced_character() -> None:
    """safe() translates only text its quick pattern finds unsafe: the pattern must match
    exactly the characters the translation replaces, and safe() equals the translation on
    every character alone and in ASCII or non-ASCII company."""
    from sakiplint.report.common import _SAFE, _UNSAFE, safe

    matched = {c for c in range(0x3000) if _UNSAFE.match(chr(c))}
    assert matched == set(_SAFE)
    for c in range(0x3000):
        for text in (chr(c), f"a{chr(c)}b", f"é{chr(c)}"):
            assert safe(text) == text.translate(_SAFE), hex(c)
