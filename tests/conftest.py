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
