"""The HTML review page: its size, how long it takes to render, and to open in Chromium.

    python benchmarks/html_page.py [REPORT ...] [--runs N] [--scale K] [--screenshot PNG]

For each report (default: the largest report of ../shared/corpus), runs
``sakiplint check --format html -o`` (wall clock), then opens the page N times in headless
Chromium (the Debian package, driven by ``tests/cdp.py``) and prints the page size and the
median time from navigation to the load event, as the browser reports it
(``performance.getEntriesByType('navigation')``: loadEventEnd) and as seen from outside.
With ``--scale K`` the report is also concatenated K times, to see that rendering stays
linear. ``--screenshot PNG`` saves the first report's page (a finding selected) as shown in
a 1280x860 window, for the README.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from cdp import Browser, find_chromium  # noqa: E402


def _largest() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    reports = sorted((p for p in corpus.glob("*.md") if p.name.lower() != "readme.md"),
                     key=lambda p: p.stat().st_size)
    return reports[-1:]


def _render(report: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sakiplint", "check", str(report), "--format", "html",
                    "-o", str(out), "--exit-zero"], check=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument("--screenshot", type=Path, default=None)
    args = ap.parse_args()
    reports = args.reports or _largest()
    if not reports:
        sys.exit("no report given and ../shared/corpus not found")
    chromium = find_chromium()
    tmp = Path(tempfile.mkdtemp(prefix="sakiplint-html-"))
    pages: list[tuple[Path, Path]] = []
    for report in reports:
        page = tmp / (report.stem + ".html")
        secs = _render(report, page)
        size = page.stat().st_size
        print(f"{report}: {report.stat().st_size / 1e3:.0f} KB report -> "
              f"{size / 1e6:.2f} MB page, rendered by the CLI in {secs:.2f} s")
        pages.append((report, page))
        if args.scale > 1:
            big = tmp / f"{report.stem}-x{args.scale}.md"
            big.write_text("\n".join([report.read_text("utf-8")] * args.scale), "utf-8")
            big_page = tmp / f"{report.stem}-x{args.scale}.html"
            big_secs = _render(big, big_page)
            print(f"  x{args.scale}: {big_page.stat().st_size / 1e6:.2f} MB page in "
                  f"{big_secs:.2f} s ({big_secs / secs:.1f}x the time for {args.scale}x the "
                  "text, start-up included)")
    if chromium is None:
        print("Chromium not found: load times not measured")
        return
    with Browser(chromium, width=1280, height=860) as b:
        for report, page in pages:
            inside, outside = [], []
            for _ in range(args.runs):
                b.open("about:blank")
                outside.append(b.open(page.as_uri()))
                inside.append(b.eval(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
            b.drain(0.1)
            marks = b.eval("document.querySelectorAll('.doc .m[id]').length")
            print(f"{report.name}: load event after {statistics.median(inside):.3f} s "
                  f"(browser), {statistics.median(outside):.3f} s (seen from the driver), "
                  f"median of {args.runs}; {marks} findings marked; script errors: "
                  f"{len(b.errors)}")
        if args.screenshot:
            report, page = pages[0]
            b.open(page.as_uri())
            b.eval("""(() => {
                // a total row: the wrong total, the rows it sums outlined, its details
                const links = Array.from(document.querySelectorAll('#panel a[data-n]'));
                const pick = links.find(e => e.closest('ul').previousElementSibling
                    .textContent.includes('total-row-sum')) || links[0];
                pick.click();
            })()""")
            b.drain(0.2)
            b.screenshot(args.screenshot)
            print(f"screenshot: {args.screenshot}")


if __name__ == "__main__":
    main()
