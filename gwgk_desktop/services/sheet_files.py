"""Reading a clerk's Excel/WPS workbook into ``Grid``s (cell texts and merged ranges):
.xlsx with openpyxl, .xls (Excel 97–2003, what WPS often saves) with xlrd.

What the file is, is decided from its first bytes before any reader sees it, and every
file we cannot read gets one line in Chinese saying what to do: a WPS .et file, a
password-protected workbook (encrypted .xlsx is an OLE container; an encrypted .xls says
so to xlrd), a .xlsx renamed .xls or the other way round, a web page saved as .xls, a
corrupt or truncated file, and a zip whose parts would unpack to more than we accept.
"""

from __future__ import annotations

import datetime as dt
import logging
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gwgk_desktop.domain.sheet_detect import Grid, Merge
from gwgk_desktop.errors import UserError

log = logging.getLogger(__name__)

#: Files larger than this are not a station's catalogue (a 5,000-row sheet is 0.5 MB).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: What the parts of a .xlsx may unpack to, checked before anything is unpacked.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
#: Columns read (a row formatted to the sheet's edge has 16,384 of them).
MAX_COLUMNS = 200
#: Reading stops after this many blank rows in a row (formatting down to row 1,048,576).
MAX_BLANK_RUN = 2000

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
XLS_SUFFIXES = (".xls", ".xlt")
SUFFIXES = XLSX_SUFFIXES + XLS_SUFFIXES
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_SAVE_AS = "请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入"


class SheetFileError(UserError):
    """A file that cannot be read as a catalogue workbook; the message says what to do."""

    exit_code = 10


@dataclass(frozen=True)
class Workbook:
    path: Path
    #: "xlsx" or "xls".
    format: str
    sheets: list[Grid]

    def sheet(self, name: str) -> Grid:
        for grid in self.sheets:
            if grid.name == name:
                return grid
        names = "、".join(g.name for g in self.sheets)
        raise SheetFileError(
            f"工作簿中没有名为“{name}”的工作表（有：{names}）", f"no sheet named {name!r}"
        )

    @property
    def names(self) -> list[str]:
        return [g.name for g in self.sheets]


def read_workbook(path: Path) -> Workbook:
    """Every worksheet of the workbook at ``path``; raises ``SheetFileError``."""
    kind = sniff(path)
    if kind == "xlsx":
        return Workbook(path, kind, _read_xlsx(path))
    return Workbook(path, kind, _read_xls(path))


def sniff(path: Path) -> str:
    """ "xlsx" or "xls" from the file's first bytes, or the reason it is neither."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".et", ".ett"):
        raise SheetFileError(
            f"“{name}”是 WPS 表格专用格式（.et），不能直接导入。请在 WPS 中打开它，"
            "“另存为” Excel 工作簿（.xlsx）后再导入",
            "WPS .et files are not supported: save as .xlsx in WPS",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(512)
    except FileNotFoundError as error:
        raise SheetFileError(f"找不到文件：{path}", f"no such file: {path}") from error
    except IsADirectoryError as error:
        raise SheetFileError(f"“{name}”是文件夹，不是表格文件", "a folder") from error
    except OSError as error:
        raise SheetFileError(
            f"无法读取“{name}”（{error.strerror or error}）", f"cannot read {path}: {error}"
        ) from error
    if size == 0:
        raise SheetFileError(f"“{name}”是空文件，里面没有表格", "empty file")
    if size > MAX_FILE_BYTES:
        raise SheetFileError(
            f"“{name}”有 {size // (1024 * 1024)} MB，太大了，不像是政务公开目录表。"
            "请只保留目录所在的工作表后再导入",
            "file too large",
        )
    if head.startswith(_OLE):
        return _sniff_ole(path, suffix)
    if head.startswith(_ZIP):
        if suffix in XLS_SUFFIXES:
            raise SheetFileError(
                f"“{name}”的扩展名是 {suffix}，但内容其实是新版 Excel 工作簿（.xlsx）。"
                f"请把文件名的扩展名改为 .xlsx（或在 Excel/WPS 中另存为 .xlsx）后再导入",
                "a .xlsx file renamed .xls: rename it to .xlsx",
            )
        if suffix not in XLSX_SUFFIXES:
            raise SheetFileError(
                f"“{name}”不是 Excel 工作簿（.xlsx/.xls）。{_SAVE_AS}", "not an Excel workbook"
            )
        return "xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype", b"<?xml", b"<table", b"mime-version")):
        raise SheetFileError(
            f"“{name}”其实是网页格式（常见于从网上系统“导出Excel”的文件），不是真正的 Excel "
            f"文件。{_SAVE_AS}",
            "an HTML/XML file named like a workbook",
        )
    raise SheetFileError(
        f"“{name}”不是 Excel 或 WPS 表格文件，或文件已损坏。{_SAVE_AS}",
        "not an Excel workbook (unknown content)",
    )


def _sniff_ole(path: Path, suffix: str) -> str:
    """An OLE compound file is an .xls, or an encrypted (password-protected) .xlsx."""
    from xlrd.compdoc import CompDoc, CompDocError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            names = {d.name for d in CompDoc(path.read_bytes(), logfile=_Quiet()).dirlist}
    except (CompDocError, IndexError, ValueError, OSError) as error:
        raise _corrupt(path) from error
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise _password(path)
    if not names & {"Workbook", "Book"}:
        raise SheetFileError(
            f"“{path.name}”不是 Excel 表格（可能是 Word 文档等其他 Office 文件）。{_SAVE_AS}",
            "an OLE file without a workbook",
        )
    if suffix in XLSX_SUFFIXES:
        raise SheetFileError(
            f"“{path.name}”的扩展名是 {suffix}，但内容其实是旧版 Excel 97-2003 工作簿（.xls）。"
            "请把文件名的扩展名改为 .xls（或在 Excel/WPS 中另存为 .xlsx）后再导入",
            "a .xls file renamed .xlsx: rename it to .xls",
        )
    return "xls"


def _password(path: Path) -> SheetFileError:
    return SheetFileError(
        f"“{path.name}”设置了打开密码，无法读取。请在 Excel 或 WPS 中用密码打开，"
        "取消密码（文件→信息→保护工作簿/文档加密）后另存，再导入",
        "the workbook is password-protected: remove the password and save again",
    )


def _corrupt(path: Path) -> SheetFileError:
    return SheetFileError(
        f"“{path.name}”已损坏或不完整（可能复制时中断），无法读取。"
        "请用 Excel 或 WPS 打开检查，另存为 .xlsx 后再导入，或重新拷贝原文件",
        "the workbook is corrupt or truncated",
    )


class _Quiet:
    """xlrd's log goes here instead of standard output."""

    def write(self, _text: str) -> int:
        return 0


# ---------------------------------------------------------------- .xlsx


def _read_xlsx(path: Path) -> list[Grid]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise SheetFileError(
                    f"“{path.name}”解压后超过 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB，"
                    "不像是政务公开目录表，未导入",
                    "unpacks to too much",
                )
            # A copy cut short or a damaged stick: every part's checksum, before parsing.
            broken = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise _corrupt(path) from error
    if broken is not None:
        raise _corrupt(path)
    try:
        with warnings.catch_warnings():
            # "Data Validation extension is not supported" and the like: nothing we read.
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                return [_xlsx_sheet(book, sheet) for sheet in book.worksheets]
            except (AttributeError, ImportError):
                # The sheet parser below is openpyxl's own but not its public interface: a
                # version that moved it still reads the file, the slower public way.
                log.warning("openpyxl's sheet parser not found; reading %s the slow way", path)
                return _xlsx_sheets_public(path)
            finally:
                book.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise _corrupt(path) from error
    except Exception as error:  # a malformed part makes the XML parser raise anything
        if type(error).__module__.split(".")[0] in ("lxml", "xml", "openpyxl", "et_xmlfile"):
            raise _corrupt(path) from error
        raise


def _xlsx_sheets_public(path: Path) -> list[Grid]:
    """Every worksheet through openpyxl's public interface (a normal load)."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    grids = []
    for sheet in book.worksheets:
        merges = [
            Merge(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
            for r in sheet.merged_cells.ranges
        ]
        width = min(sheet.max_column, MAX_COLUMNS)
        rows = _trimmed(sheet.iter_rows(max_col=width, values_only=True))
        grids.append(Grid(sheet.title, rows, merges))
    book.close()
    return grids


def _xlsx_sheet(book: Any, sheet: Any) -> Grid:
    """One worksheet's values and merged ranges in one pass of openpyxl's own sheet
    parser. (A normal, not read-only, load binds a cell object to every cell and formats
    the borders of every merged range: five times slower on a 5,000-row sheet; a
    read-only worksheet parses the merged ranges but does not keep them.)"""
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.worksheet.cell_range import CellRange

    rows: list[list[Any]] = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            while len(rows) < number - 1:
                rows.append([])
            values: list[Any] = []
            for cell in cells:
                column = cell["column"]
                if column > MAX_COLUMNS:
                    break
                values.extend([None] * (column - 1 - len(values)))
                values.append(cell["value"])
            rows.append(values)
    merges = []
    for merged in parser.merged_cells.mergeCell if parser.merged_cells else ():
        cells = CellRange(merged.ref)
        merges.append(
            Merge(cells.min_row - 1, cells.min_col - 1, cells.max_row - 1, cells.max_col - 1)
        )
    return Grid(sheet.title, _trimmed(rows), merges)


# ---------------------------------------------------------------- .xls


def _read_xls(path: Path) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=_Quiet(), on_demand=True)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise _password(path) from error
        raise _corrupt(path) from error
    except (xlrd.compdoc.CompDocError, AssertionError, IndexError, ValueError, KeyError) as error:
        raise _corrupt(path) from error
    except Exception as error:  # struct.error and the like from a truncated stream
        if type(error).__module__ in ("struct", "xlrd") or isinstance(error, EOFError):
            raise _corrupt(path) from error
        raise
    grids = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            width = min(sheet.ncols, MAX_COLUMNS)
            rows = _trimmed(
                _xls_row(book, sheet.row_types(r, 0, width), sheet.row_values(r, 0, width))
                for r in range(sheet.nrows)
            )
            merges = [Merge(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
            grids.append(Grid(sheet.name, rows, merges))
            book.unload_sheet(index)
    except (xlrd.XLRDError, IndexError, ValueError, AssertionError) as error:
        raise _corrupt(path) from error
    finally:
        book.release_resources()
    return grids


def _xls_row(book: Any, types: Sequence[int], values: Sequence[Any]) -> list[Any]:
    import xlrd

    row: list[Any] = []
    for kind, value in zip(types, values, strict=True):
        if kind == xlrd.XL_CELL_DATE:
            try:
                row.append(xlrd.xldate_as_datetime(value, book.datemode))
            except (ValueError, OverflowError):
                row.append(value)
        elif kind == xlrd.XL_CELL_BOOLEAN:
            row.append(bool(value))
        elif kind in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            row.append(None)
        else:
            row.append(value)
    return row


# ---------------------------------------------------------------- both


def cell_text(value: Any) -> str:
    """A cell's value as the text a clerk sees: 3.0 → "3", a date → "2024-05-01"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _trimmed(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """Rows as texts without trailing empty cells, and without the blank rows at the end
    (stopping at a long run of them: formatting that reaches the sheet's last row)."""
    out: list[list[str]] = []
    last = 0
    for row in rows:
        texts = [cell_text(v) for v in row]
        while texts and not texts[-1]:
            texts.pop()
        out.append(texts)
        if texts:
            last = len(out)
        elif len(out) - last > MAX_BLANK_RUN:
            break
    del out[last:]
    return out
