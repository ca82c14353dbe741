"""The PDF report, printed by headless Chromium and checked page by page with poppler-utils.

Page 1 is saved as artifacts/report/laporan-page1.png (ignored by git) for a person to look at.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from kenali.errors import KenaliError
from kenali.report import build_report, render_pdf
from kenali.report.model import Report

from .conftest import ROOT
from .test_report import con, march, store  # noqa: F401  (module fixtures shared with these tests)

ARTIFACTS = ROOT / "artifacts" / "report"
DPI = 50
A4_POINTS = (595, 842)


def _need(program: str) -> str:
    found = shutil.which(program)
    if not found:
        pytest.skip(f"{program} is not installed (Debian: apt-get install "
                    f"{'chromium' if program == 'chromium' else 'poppler-utils'})")
    return found


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _dark_share(pgm: Path) -> float:
    """Share of pixels darker than near-white in a binary PGM (P5) page image."""
    data = pgm.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:        # magic, width, height, maxval (comments are not written)
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pixels = data[pos + 1:]
    assert fields[0] == b"P5" and len(pixels) == int(fields[1]) * int(fields[2])
    return sum(1 for p in pixels if p < 200) / len(pixels)


@pytest.fixture(scope="module")
def pdf(march: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    _need("chromium")
    return render_pdf(march, tmp_path_factory.mktemp("pdf") / "laporan-2026-03.pdf")


def test_pdf_pages_render_with_content(pdf: Path, tmp_path: Path) -> None:
    pdftoppm = _need("pdftoppm")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run([pdftoppm, "-r", str(DPI), "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 1
    for page in pages:   # A4 portrait at DPI dots per inch (72 points an inch)
        width, height = _png_size(page)
        assert abs(width - A4_POINTS[0] * DPI / 72) <= 2 and abs(height - A4_POINTS[1] * DPI / 72) <= 2
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pages[0], ARTIFACTS / "laporan-page1.png")
    subprocess.run([pdftoppm, "-r", str(DPI), "-gray", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "gray")], check=True, timeout=120)
    (gray,) = tmp_path.glob("gray-*.pgm")
    share = _dark_share(gray)
    assert 0.01 < share < 0.5, share     # text and a table on white, not blank, not a black page


def test_pdf_text_holds_the_figures(pdf: Path) -> None:
    pdftotext = _need("pdftotext")
    first = subprocess.run([pdftotext, "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True, timeout=120).stdout
    assert "Laporan Kinerja Media Sosial · Maret 2026" in first
    assert "48.210" in first                                  # the summary table
    everything = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                                text=True, check=True, timeout=120).stdout
    assert "7.908" in everything and "Relevansi audiens" in everything
    assert "<script>alert('caption')</script> Banjir surut" in everything  # shown as text


def test_pdf_without_chromium_is_a_clear_error(march: Report, tmp_path: Path,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kenali.report.pdf.shutil.which", lambda name: None)
    with pytest.raises(KenaliError, match="Chromium"):
        render_pdf(march, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_report_for_a_missing_account_is_a_clear_error(con: object) -> None:  # noqa: F811
    with pytest.raises(KenaliError):
        build_report(con, "2026-03", "tidak.ada")  # type: ignore[arg-type]
