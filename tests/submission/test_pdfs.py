"""The key-registration form and the submission receipt: one page each, the facts on
them, the CJK font embedded, and they render."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.services import export, keys
from gwgk_desktop.store.database import open_database
from tests.submission.conftest import Exported


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "".join(page.extract_text() for page in reader.pages)


def _fonts(path: Path) -> set[str]:
    reader = PdfReader(path)
    found = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                found.add(str(font["/BaseFont"]))
    return found


def test_key_form(exported: Exported, tmp_path: Path) -> None:
    out = tmp_path / "form.pdf"
    with open_database(exported.db_path) as db:
        data = keys.write_key_form(db, out)
    pages, text = _text(out)
    assert pages == 1
    for fact in ("政务公开报送签名密钥登记表", data.station_name, data.org_code, data.key_id):
        assert fact in text
    for group in data.fingerprint.split():
        assert group in text
    if cjk_font().embedded:
        assert _fonts(out)


def test_receipt(exported: Exported, tmp_path: Path) -> None:
    out = tmp_path / "receipt.pdf"
    with open_database(exported.db_path) as db:
        data = export.write_receipt(db, 1, out)
    pages, text = _text(out)
    assert pages == 1
    assert "政务公开目录报送回执" in text and "第 1 号" in text
    for i in range(0, 64, 8):
        assert data.sha256[i : i + 8] in text
    assert str(data.counts["catalogue"]) in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_both_render(exported: Exported, tmp_path: Path) -> None:
    with open_database(exported.db_path) as db:
        keys.write_key_form(db, tmp_path / "form.pdf")
        export.write_receipt(db, 1, tmp_path / "receipt.pdf")
    for name in ("form", "receipt"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", tmp_path / f"{name}.pdf", tmp_path / name],
            check=True,
        )
        assert (tmp_path / f"{name}-1.png").stat().st_size > 5000
        assert not (tmp_path / f"{name}-2.png").exists()
