"""The Windows installer script cannot be compiled here (no Inno Setup, no Windows); these
checks keep it in step with the spec and the repository so it does not rot unseen."""

from __future__ import annotations

import re

from tests.packaging.helpers import PACKAGING, ROOT

ISS = PACKAGING / "windows" / "gwgk-desktop.iss"
SPEC = PACKAGING / "gwgk-desktop.spec"


def test_script_is_utf8_with_bom_and_crlf() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup reads UTF-8 only with a BOM
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_script_names_what_the_spec_builds() -> None:
    script = ISS.read_text(encoding="utf-8-sig")
    spec = SPEC.read_text(encoding="utf-8")
    assert 'name="gwgk-desktop",' in spec  # the COLLECT folder the installer copies
    assert r'Source: "{#Root}\dist\gwgk-desktop\*"' in script
    assert (
        '_exe("gwgk-desktop", console=False' in spec
        and '#define AppExe "gwgk-desktop.exe"' in script
    )
    assert '_exe("gwgk", console=True' in spec and r"{app}\gwgk.exe" in script


def test_files_the_script_refers_to_exist() -> None:
    script = ISS.read_text(encoding="utf-8-sig")
    for relative in re.findall(r"\{#Root\}\\([^\"\s]+\.ico)", script):
        assert (ROOT / relative.replace("\\", "/")).is_file(), relative


def test_app_id_is_a_fixed_guid() -> None:
    script = ISS.read_text(encoding="utf-8-sig")
    match = re.search(r"^AppId=\{\{([0-9A-F-]{36})\}$", script, re.MULTILINE)
    assert match is not None
