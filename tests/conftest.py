from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "fixtures"
EXPECTATIONS = Path(__file__).resolve().parent / "expectations"


def corpus_reports() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*.md") if p.name.lower() != "readme.md")


needs_corpus = pytest.mark.skipif(not corpus_reports(), reason="../shared/corpus not present")


#: a capaian table with one wrong capaian: 90 / 80 x 100 = 112,50%, printed 120,00% (AR001,
#: line 4); shared by the CLI and pre-commit tests
BAD_CAPAIAN = (
    "Tabel 3.1 Capaian Kinerja Tahun 2024\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase dokumen tepat waktu\t80\t90\t120,00%\n"
)
#: a budget table whose total is wrong: 300 + 200 million printed as 600 (BU002, its line 6)
BAD_BUDGET = (
    "Tabel 2.4 Pagu Anggaran per Program\n"
    "\n"
    "Program\tAnggaran (Rp)\n"
    "Program Pelayanan Administrasi\t300.000.000,00\n"
    "Program Peningkatan Sarana\t200.000.000,00\n"
    "<b>Total Anggaran</b>\t<b>600.000.000,00</b>\n"
)
