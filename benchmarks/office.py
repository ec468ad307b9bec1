"""Word / PDF benchmark: seconds per page of a long PDF report, and a long Word report.

    python benchmarks/office.py [--pages N] [--runs R]

Builds a PDF of at least N pages (default 100) by putting the committed fixture PDFs
(``fixtures/office/*.pdf``) one after another with PDFium, and a Word file of about the same
length from the fixture reports (``fixtures/make_office.py``), then times whole
``sakiplint check`` processes on them (wall clock and CPU time, best of R runs) and, in
process, the reading alone. The target: under 0.25 s per page for the PDF. When a file takes
more than a second, ``check`` shows a progress bar on stderr (when stderr is a terminal; here
it is not, so the bar is shown by the last part, run under a pseudo-terminal).
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "fixtures" / "office"
TARGET = 0.25   # seconds per page


def long_pdf(out: Path, pages: int) -> int:
    import pypdfium2

    sources = [p for p in sorted(OFFICE.glob("*.pdf"))]
    if not sources:
        sys.exit("no fixture PDFs in fixtures/office")
    pdf = pypdfium2.PdfDocument.new()
    k = 0
    while len(pdf) < pages:
        src = pypdfium2.PdfDocument(str(sources[k % len(sources)]))
        pdf.import_pages(src)
        k += 1
    pdf.save(str(out))
    return len(pdf)


def long_docx(out: Path, copies: int) -> None:
    sys.path.insert(0, str(ROOT / "fixtures"))
    from make_office import build_docx, fixture_reports

    reports = fixture_reports()
    text = "\n\n".join(r.read_text("utf-8") for r in reports)
    md = out.with_suffix(".md")
    md.write_text("\n\n".join([text] * copies), "utf-8")
    build_docx(md, out)


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def show_progress_bar(pdf: Path) -> str:
    """The stderr of ``check`` on the long PDF under a pseudo-terminal (the bar's last
    frame)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "sakiplint", "check", str(pdf),
                                  "--statistics"])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    frames = [f for f in out.decode("utf-8", "replace").split("\r") if "/" in f and "[" in f]
    return frames[-1].replace("\x1b[K", "").strip() if frames else "(no bar shown)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from sakiplint.read.load import load_document

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "laporan-panjang.pdf"
        pages = long_pdf(pdf, args.pages)
        t = time.process_time()
        doc = load_document(pdf)
        read = time.process_time() - t
        wall, cpu = timed([sys.executable, "-m", "sakiplint", "check", str(pdf), "-q"],
                          args.runs)
        print(f"PDF  {pages} pages, {len(doc.tables)} tables: read {read:.2f} s CPU in process; "
              f"check {wall:.2f} s wall / {cpu:.2f} s CPU = {wall / pages:.3f} s/page wall, "
              f"{cpu / pages:.3f} s/page CPU (target < {TARGET} s/page)")
        docx = Path(tmp) / "laporan-panjang.docx"
        long_docx(docx, max(1, args.pages // 13))
        t = time.process_time()
        ddoc = load_document(docx)
        dread = time.process_time() - t
        dwall, dcpu = timed([sys.executable, "-m", "sakiplint", "check", str(docx), "-q"],
                            args.runs)
        print(f"DOCX {len(ddoc.lines)} lines, {len(ddoc.tables)} tables: read {dread:.2f} s "
              f"CPU in process; check {dwall:.2f} s wall / {dcpu:.2f} s CPU")
        print(f"progress bar (stderr, terminal): {show_progress_bar(pdf)}")
        verdict = "OK" if cpu / pages < TARGET else "SLOWER THAN TARGET"
        print(f"{verdict}: {cpu / pages:.3f} s/page CPU")


if __name__ == "__main__":
    main()
