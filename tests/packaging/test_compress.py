"""``compress.deflate_zip``: the bundle's base_library.zip deflated, still importable."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from gwgk_pack import compress


def test_deflated_archive_keeps_every_member_and_python_imports_from_it(tmp_path: Path) -> None:
    archive = tmp_path / "base_library.zip"
    source = "WORDS = " + repr(["政务公开"] * 200) + "\n"
    with zipfile.ZipFile(archive, "w") as stored:  # as PyInstaller writes it: stored
        stored.writestr(zipfile.ZipInfo("pkg/__init__.py", (2026, 1, 2, 3, 4, 6)), "")
        stored.writestr(zipfile.ZipInfo("pkg/words.py", (2026, 1, 2, 3, 4, 6)), source)
    before, after = compress.deflate_zip(archive)
    assert after < before / 3 and archive.stat().st_size == after

    with zipfile.ZipFile(archive) as deflated:
        infos = deflated.infolist()
        assert [i.filename for i in infos] == ["pkg/__init__.py", "pkg/words.py"]
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
        assert infos[1].date_time == (2026, 1, 2, 3, 4, 6)
        assert deflated.read("pkg/words.py").decode() == source
    assert not list(tmp_path.glob("*.part"))

    done = subprocess.run(
        [sys.executable, "-c", "import sys; from pkg.words import WORDS; print(len(WORDS))"],
        env={"PYTHONPATH": str(archive)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "200", done.stderr
