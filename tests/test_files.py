"""Which files ``sakiplint check`` lints, and where its output goes: through the command line
(click's CliRunner, in the directory of the test), with the discovery rules unit-tested too."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BAD_BUDGET, BAD_CAPAIAN
from sakiplint.cli import main
from sakiplint.engine.files import (
    DEFAULT_EXCLUDE,
    compile_exclude,
    compile_gitignore_line,
    looks_like_report,
)

BAD = BAD_CAPAIAN
GOOD = BAD.replace("120,00%", "112,50%")


def run(*args: str, cwd: Path, stdin: bytes | str | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)


def files_of(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def write(path: Path, text: str = BAD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A report repository: reports, a README, a notes file, build output, a virtualenv,
    node_modules, a hidden folder."""
    write(tmp_path / "laporan" / "LKjIP-2024.md")
    write(tmp_path / "laporan" / "2023" / "lkj-2023.txt")
    write(tmp_path / "laporan" / "draft" / "revisi.md")
    write(tmp_path / "README.md", "# Laporan Kinerja Kecamatan\n\nRepositori laporan.\n")
    write(tmp_path / "CHANGELOG.md", "# Changelog\n\nTabel 3.1 diperbaiki.\n")
    write(tmp_path / "catatan.md", "# Catatan rapat\n\nRapat tanggal 3 Maret.\n")
    for skipped in ("build", "dist", "node_modules", ".venv", "__pycache__", ".git", "venv"):
        write(tmp_path / skipped / "copy.md")
    write(tmp_path / ".hidden" / "copy.md")
    return tmp_path


# --------------------------------------------------------------------------- discovery

def test_default_path_is_the_current_folder(tree: Path) -> None:
    r = run("check", "--isolated", "--format", "json", cwd=tree)
    assert r.exit_code == 1
    paths = [f["path"] for f in json.loads(r.stdout)["files"]]
    assert paths == ["laporan/2023/lkj-2023.txt", "laporan/LKjIP-2024.md",
                     "laporan/draft/revisi.md"]


def test_ruff_default_exclusions_and_non_reports(tree: Path) -> None:
    r = run("check", "--isolated", "--show-files", "-v", ".", cwd=tree)
    assert files_of(r) == ["laporan/2023/lkj-2023.txt", "laporan/LKjIP-2024.md",
                           "laporan/draft/revisi.md"]
    # --verbose says what was left out and why
    assert "README.md: not a report" in r.stderr
    assert "catatan.md: not a report" in r.stderr
    assert "node_modules: excluded (node_modules)" in r.stderr
    for name in ("build", "dist", "venv", "__pycache__", ".venv"):
        assert name in DEFAULT_EXCLUDE


def test_a_file_named_is_always_linted(tree: Path) -> None:
    r = run("check", "--isolated", "--show-files", "README.md", "build/copy.md", cwd=tree)
    assert files_of(r) == ["README.md", "build/copy.md"]
    r = run("check", "--isolated", "--select", "AR001", "README.md", cwd=tree)
    assert r.exit_code == 0 and "Tidak ada temuan" in r.stdout


def test_exclude_and_extend_exclude_options(tree: Path) -> None:
    r = run("check", "--isolated", "--show-files", "--extend-exclude", "draft,*.txt", cwd=tree)
    assert files_of(r) == ["laporan/LKjIP-2024.md"]
    # an anchored pattern is relative to the working directory
    r = run("check", "--isolated", "--show-files", "--extend-exclude", "laporan/2023", cwd=tree)
    assert files_of(r) == ["laporan/LKjIP-2024.md", "laporan/draft/revisi.md"]
    # --exclude replaces the defaults: build/ and node_modules/ are linted again
    r = run("check", "--isolated", "--show-files", "--exclude", "draft", cwd=tree)
    got = files_of(r)
    assert "build/copy.md" in got and "node_modules/copy.md" in got
    assert "laporan/draft/revisi.md" not in got
    assert ".hidden/copy.md" not in got  # hidden folders are never walked


def test_exclude_in_configuration(tree: Path) -> None:
    (tree / "laporan" / ".sakiplint.toml").write_text(
        'extend-exclude = ["2023", "draft/*.md"]\n', "utf-8")
    r = run("check", "--show-files", cwd=tree)
    assert files_of(r) == ["laporan/LKjIP-2024.md"]
    # patterns with "/" are relative to the configuration file's folder
    (tree / "laporan" / ".sakiplint.toml").write_text(
        'exclude = ["laporan/draft"]\n', "utf-8")
    r = run("check", "--show-files", cwd=tree)
    assert "laporan/draft/revisi.md" in files_of(r)
    (tree / "laporan" / ".sakiplint.toml").write_text('exclude = ["draft/"]\n', "utf-8")
    assert "laporan/draft/revisi.md" not in files_of(run("check", "--show-files", cwd=tree))
    # the key is validated
    (tree / "laporan" / ".sakiplint.toml").write_text('extend-exclude = "draft"\n', "utf-8")
    r = run("check", cwd=tree)
    assert r.exit_code == 2 and "extend-exclude" in r.stderr


def test_gitignore_is_respected(tree: Path) -> None:
    (tree / ".git").mkdir(exist_ok=True)
    (tree / ".gitignore").write_text("# drafts\ndraft/\n*.txt\n", "utf-8")
    write(tree / "laporan" / "keep.txt")
    (tree / "laporan" / ".gitignore").write_text("!keep.txt\n/LKjIP-2024.md\n", "utf-8")
    r = run("check", "--isolated", "--show-files", cwd=tree)
    assert files_of(r) == ["laporan/keep.txt"]
    # a .gitignore above the folder given, up to the repository root, applies too
    r = run("check", "--isolated", "--show-files", "laporan", cwd=tree)
    assert files_of(r) == ["laporan/keep.txt"]
    r = run("check", "--isolated", "--show-files", "--no-respect-gitignore", cwd=tree)
    assert len(files_of(r)) == 4
    (tree / ".sakiplint.toml").write_text("respect-gitignore = false\n", "utf-8")
    assert len(files_of(run("check", "--show-files", cwd=tree))) == 4


@pytest.mark.parametrize(("pattern", "path", "is_dir", "ignored"), [
    ("*.md", ("a", "b.md"), False, True),
    ("*.md", ("a", "b.txt"), False, False),
    ("draft/", ("x", "draft"), True, True),
    ("draft/", ("x", "draft"), False, False),
    ("/top.md", ("top.md",), False, True),
    ("/top.md", ("a", "top.md"), False, False),
    ("a/**/b.md", ("a", "b.md"), False, True),
    ("a/**/b.md", ("a", "x", "y", "b.md"), False, True),
    ("a/*.md", ("a", "x", "b.md"), False, False),
    ("**/arsip", ("x", "y", "arsip"), True, True),
    ("laporan-201?.md", ("laporan-2019.md",), False, True),
    ("[ab].md", ("c.md",), False, False),
    ("\\#x.md", ("#x.md",), False, True),
])
def test_gitignore_patterns(pattern: str, path: tuple[str, ...], is_dir: bool,
                            ignored: bool) -> None:
    p = compile_gitignore_line(pattern)
    assert p is not None
    assert p.matches(path, is_dir) is ignored


def test_gitignore_comments_blanks_and_negation() -> None:
    assert compile_gitignore_line("# comment") is None
    assert compile_gitignore_line("   ") is None
    neg = compile_gitignore_line("!keep.md")
    assert neg is not None and neg.negate
    assert compile_exclude("laporan/2019").anchored
    assert not compile_exclude("draft").anchored


def test_glob_matching_is_linear() -> None:
    """No backtracking: a pattern of many stars against a long name that almost matches."""
    import time

    p = compile_gitignore_line("*a*a*a*a*a*a*a*a*a*a*a*a*b")
    assert p is not None
    start = time.perf_counter()
    assert not p.matches(("a" * 5000,), False)
    assert time.perf_counter() - start < 0.5


def test_what_looks_like_a_report(tmp_path: Path) -> None:
    cases = {
        "LKjIP-Kecamatan.md": ("# Bab I\n", True),            # the name says so
        "laporan.md": ("x\n", True),
        "bab3.md": ("Tabel 3.1 Capaian Kinerja\n", True),       # a caption
        "bab2.md": ("Indikator\tTarget\tRealisasi\n1\t2\t3\n", True),  # a table header
        "pk.md": ("PERJANJIAN KINERJA TAHUN 2024\n", True),
        "README.md": ("Laporan Kinerja\n", False),             # a project file
        "CHANGELOG.md": ("Tabel 3.1\n", False),
        "notes.md": ("# Notes\n\nNothing here.\n", False),
    }
    for name, (text, expected) in cases.items():
        assert looks_like_report(write(tmp_path / name, text)) is expected, name


def _remove_deep(top: Path) -> None:
    """Remove a deep chain of folders bottom-up (shutil.rmtree, and so pytest's clean-up of
    old temporary folders, recurse once per level)."""
    chain = [top]
    while True:
        subs = [p for p in chain[-1].iterdir() if p.is_dir()]
        if not subs:
            break
        chain.append(subs[0])
    for d in reversed(chain):
        for f in d.iterdir():
            if not f.is_dir():
                f.unlink()
        d.rmdir()


def test_deep_folders_do_not_recurse() -> None:
    import tempfile

    # outside pytest's temporary folders, whose clean-up would recurse 1,000 levels
    d = top = Path(tempfile.mkdtemp(prefix="sakiplint-deep-"))
    try:
        for _ in range(1000):   # os.makedirs itself recurses
            d = d / "d"
            d.mkdir()
        (d / "LKjIP.md").write_text(BAD, "utf-8")
        r = run("check", "--isolated", "--show-files", ".", cwd=top)
        got = files_of(r)
        assert len(got) == 1 and got[0].count("d/") == 1000
        r = run("check", "--isolated", "--select", "AR001", cwd=top)
        assert r.exit_code == 1 and "/LKjIP.md:4:38: AR001" in r.stdout
    finally:
        _remove_deep(top)


def test_no_report_files_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# Project\n")
    r = run("check", "--isolated", cwd=tmp_path)
    assert r.exit_code == 0
    assert "no report files found" in r.stderr
    r = run("check", "--isolated", "--lang", "id", cwd=tmp_path)
    assert "tidak ada berkas laporan" in r.stderr


# --------------------------------------------------------------------------- unreadable

def test_unreadable_folder_is_said_and_the_rest_kept(tree: Path, monkeypatch) -> None:
    locked = tree / "laporan" / "2023"
    real = os.scandir

    def scandir(path):  # what a folder without read permission gives (also as root)
        if Path(path) == locked.absolute():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run("check", "--isolated", "--format", "json", cwd=tree)
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == ["sakiplint: laporan/2023: permission denied"]
    data = json.loads(r.stdout)
    assert [f["path"] for f in data["files"]] == ["laporan/LKjIP-2024.md",
                                                  "laporan/draft/revisi.md"]
    assert all(f["findings"] for f in data["files"])


def test_unreadable_file_is_said_and_the_rest_kept(tmp_path: Path, monkeypatch) -> None:
    a = write(tmp_path / "a.md")
    b = write(tmp_path / "b.md")
    write(tmp_path / "c.md", "")           # empty: an input error too
    if os.geteuid() != 0:
        b.chmod(0)
    else:  # root reads everything: refuse the file as the system would
        real = os.open

        def refusing(file, *args, **kwargs):  # the reader opens a descriptor (no FIFO waits)
            if Path(os.fsdecode(file)).name == "b.md":
                raise PermissionError(13, "Permission denied", str(file))
            return real(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    r = run("check", "--isolated", "a.md", "b.md", "c.md", cwd=tmp_path)
    assert r.exit_code == 2
    err = r.stderr.strip().splitlines()
    assert err == ["sakiplint: b.md: permission denied", "sakiplint: c.md: file is empty"]
    assert "a.md:4:" in r.stdout and "AR001" in r.stdout
    assert r.stdout.strip().endswith("(2 tidak dapat dibaca)")
    assert a.read_text("utf-8") == BAD
    r = run("check", "--isolated", "--lang", "id", "c.md", cwd=tmp_path)
    assert r.stderr.strip() == "sakiplint: c.md: berkas kosong"


# --------------------------------------------------------------------------- stdin, output

def test_stdin_with_filename_uses_its_configuration(tmp_path: Path) -> None:
    write(tmp_path / "en" / ".sakiplint.toml", 'lang = "en"\n')
    r = run("check", "-", "--stdin-filename", "en/LKjIP.md", cwd=tmp_path, stdin=BAD)
    assert r.exit_code == 1
    assert r.stdout.startswith("en/LKjIP.md:4:38: AR001 [error] Capaian 120,00% for ")
    r = run("check", "--isolated", "-", cwd=tmp_path, stdin=GOOD.encode("utf-16"))
    assert r.exit_code == 0 and "Tidak ada temuan" in r.stdout
    r = run("check", "--isolated", "-", cwd=tmp_path, stdin=BAD)
    assert r.stdout.startswith("-:4:38: AR001")
    r = run("check", "--isolated", "-", cwd=tmp_path, stdin="")
    assert r.exit_code == 2 and r.stderr.strip() == "sakiplint: -: file is empty"
    r = run("check", "--isolated", "-", "x.md", cwd=tmp_path, stdin=BAD)
    assert r.exit_code == 2 and "standard input" in r.stderr


def test_output_file(tmp_path: Path) -> None:
    write(tmp_path / "LKjIP.md")
    r = run("check", "--isolated", "-o", "out.json", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 1 and r.stdout == ""
    data = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert data["summary"]["findings"] == 1
    r = run("check", "--isolated", "--output-file", "out.txt", cwd=tmp_path)
    assert "AR001 [error]" in (tmp_path / "out.txt").read_text("utf-8")
    # never written over a file that is linted
    r = run("check", "--isolated", "-o", "LKjIP.md", "LKjIP.md", cwd=tmp_path)
    assert r.exit_code == 2 and "one of the files linted" in r.stderr
    assert (tmp_path / "LKjIP.md").read_text("utf-8") == BAD


def test_color(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "LKjIP.md")
    monkeypatch.delenv("NO_COLOR", raising=False)
    always = run("check", "--isolated", "--color", "always", "LKjIP.md", cwd=tmp_path)
    assert "\x1b[31;1mAR001\x1b[0m" in always.stdout
    never = run("check", "--isolated", "--color", "never", "LKjIP.md", cwd=tmp_path)
    auto = run("check", "--isolated", "LKjIP.md", cwd=tmp_path)   # not a terminal
    assert "\x1b[" not in never.stdout and "\x1b[" not in auto.stdout
    run("check", "--isolated", "--color", "always", "-o", "o.txt", "LKjIP.md", cwd=tmp_path)
    assert "\x1b[" in (tmp_path / "o.txt").read_text("utf-8")
    r = run("check", "--isolated", "--color", "sometimes", "LKjIP.md", cwd=tmp_path)
    assert r.exit_code == 2


def test_show_settings(tmp_path: Path) -> None:
    write(tmp_path / "laporan" / "LKjIP.md")
    write(tmp_path / "laporan" / ".sakiplint.toml",
          'lang = "en"\nignore = ["DQ"]\nextend-exclude = ["arsip"]\nreport-year = 2024\n'
          '[severity]\nAR001 = "warning"\n')
    r = run("check", "--show-settings", "laporan/LKjIP.md", cwd=tmp_path)
    assert r.exit_code == 0
    text = r.stdout
    assert "# laporan/LKjIP.md" in text
    assert str(tmp_path / "laporan" / ".sakiplint.toml") in text
    assert 'lang = "en"' in text and "report-year = 2024" in text
    assert 'AR001 = "warning"' in text and "DQ101" not in text
    assert '"arsip"' in text and '"node_modules"' in text
    r = run("check", "--show-settings", "--format", "json", "--select", "AR001",
            "laporan", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert data["select"] == ["AR001"] and data["severity"] == {"AR001": "warning"}
    assert data["respect-gitignore"] is True and data["config-file"].endswith(".sakiplint.toml")


# --------------------------------------------------------------------------- severity

WARNING_ONLY = (
    "Tabel 2.2 Indikator Kinerja Utama\n\n"
    "Sasaran\tIndikator\tSatuan\n"
    "Meningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\tIndeks\n"
    "\tIndeks Kepuasan Masyarakat\tIndeks\n"
)


def test_severity_is_named_and_counted(tmp_path: Path) -> None:
    write(tmp_path / "a.md")
    write(tmp_path / "b.md", WARNING_ONLY)
    r = run("check", "--isolated", "--select", "AR001,DU001", "a.md", "b.md", cwd=tmp_path)
    assert r.exit_code == 1
    assert "a.md:4:38: AR001 [error] " in r.stdout
    assert "b.md:5:2: DU001 [warning] " in r.stdout
    assert r.stdout.splitlines()[-1] == "2 temuan (1 error, 1 warning, 0 info) dalam 2 berkas"
    r = run("check", "--isolated", "--lang", "en", "--select", "AR001,DU001", "a.md", "b.md",
            cwd=tmp_path)
    assert r.stdout.splitlines()[-1] == "2 findings (1 error, 1 warning, 0 info) in 2 files"
    # --fail-on error: a warning alone does not fail the run; an error does
    r = run("check", "--isolated", "--select", "DU001", "--fail-on", "error", "b.md",
            cwd=tmp_path)
    assert r.exit_code == 0 and "DU001 [warning]" in r.stdout
    r = run("check", "--isolated", "--select", "AR001,DU001", "--fail-on", "error", "a.md",
            "b.md", cwd=tmp_path)
    assert r.exit_code == 1


def test_budget_report_in_a_folder_is_found(tmp_path: Path) -> None:
    write(tmp_path / "anggaran.md", BAD_BUDGET)
    r = run("check", "--isolated", "--show-files", cwd=tmp_path)
    assert files_of(r) == ["anggaran.md"]


def test_force_exclude_applies_to_files_named(tree: Path) -> None:
    (tree / ".gitignore").write_text("draft/\n", "utf-8")
    named = ["README.md", "laporan/LKjIP-2024.md", "laporan/draft/revisi.md",
             "node_modules/copy.md", "laporan/2023/lkj-2023.txt"]
    r = run("check", "--isolated", "--show-files", *named, cwd=tree)
    assert files_of(r) == named
    r = run("check", "--isolated", "--show-files", "--force-exclude", "-v", *named, cwd=tree)
    assert files_of(r) == ["laporan/LKjIP-2024.md", "laporan/2023/lkj-2023.txt"]
    assert "README.md: not a report" in r.stderr
    assert "laporan/draft/revisi.md: excluded (.gitignore)" in r.stderr
    assert "node_modules/copy.md: excluded (node_modules)" in r.stderr
