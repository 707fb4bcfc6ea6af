"""Extract the GUI's strings into the zh_CN translation and build the .qm the app loads.

    python tools/update_translations.py          # rewrite the .ts and the .qm
    python tools/update_translations.py --check  # fail if either is out of date

Our strings are written in Chinese, the shipped language, so the zh_CN translation of
each message is its source text (a translator for another language starts from the same
.ts). ``pyside6-lupdate`` reads every ``self.tr(...)`` / ``QCoreApplication.translate(...)``
in ``gwgk_desktop/gui`` and every string of ``ui/*.ui``; ``pyside6-lrelease`` compiles.
It also compiles ``qt_extra_zh_CN.ts``, Qt's own strings that Qt's translation lacks.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
TS = ROOT / "resources" / "translations" / f"gwgk_{LANGUAGE}.ts"
QM = TS.with_suffix(".qm")
#: Qt's own strings that Qt's translation leaves in English: written by hand, compiled here.
QT_EXTRA_TS = TS.with_name(f"qt_extra_{LANGUAGE}.ts")
QT_EXTRA_QM = QT_EXTRA_TS.with_suffix(".qm")


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[Path]:
    # The compiled forms in gui/designer repeat the .ui files' strings: read the .ui files.
    gui = sorted(
        p for p in (ROOT / "gwgk_desktop" / "gui").rglob("*.py") if "designer" not in p.parts
    )
    forms = sorted((ROOT / "ui").glob("*.ui"))
    return gui + forms


def extract(target: Path) -> None:
    """Run lupdate into ``target`` and fill every translation with its source text."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            LANGUAGE,
            "-target-language",
            LANGUAGE,
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tree = ET.parse(target)  # noqa: S314 - lupdate's output from our own sources
    for message in tree.getroot().iter("message"):
        source = message.find("source")
        translation = message.find("translation")
        if source is None or translation is None:
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            # Chinese has one plural form: the source text serves every count.
            for form in list(translation):
                translation.remove(form)
            translation.text = None
            ET.SubElement(translation, "numerusform").text = source.text
        else:
            translation.text = source.text
    ET.indent(tree, space="    ")
    with target.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        fresh_ts = Path(folder) / TS.name
        fresh_qm = Path(folder) / QM.name
        fresh_extra = Path(folder) / QT_EXTRA_QM.name
        extract(fresh_ts)
        compile_qm(fresh_ts, fresh_qm)
        compile_qm(QT_EXTRA_TS, fresh_extra)
        if args.check:
            stale = [
                p.name
                for p, fresh in ((TS, fresh_ts), (QM, fresh_qm), (QT_EXTRA_QM, fresh_extra))
                if not p.exists() or p.read_bytes() != fresh.read_bytes()
            ]
            if stale:
                print(f"out of date: {', '.join(stale)}; run tools/update_translations.py")
                return 1
            return 0
        TS.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fresh_ts, TS)
        shutil.copyfile(fresh_qm, QM)
        shutil.copyfile(fresh_extra, QT_EXTRA_QM)
    count = sum(1 for _ in ET.parse(TS).getroot().iter("message"))  # noqa: S314
    print(f"{TS.relative_to(ROOT)}: {count} messages; {QM.relative_to(ROOT)} rebuilt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
