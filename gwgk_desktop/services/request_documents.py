"""Printing a request's documents (登记回执, 补正通知书, 延期答复告知书, 征求第三方意见书,
答复告知书) with the station's details, as official documents in PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.domain.request_info import RequestRecord
from gwgk_desktop.domain.requests import DOCUMENT_STEPS, RequestDocument, documents_for
from gwgk_desktop.services import station
from gwgk_desktop.services.requests import Register, RequestError
from gwgk_desktop.store.database import Database

if TYPE_CHECKING:
    from gwgk_desktop.pdf.request_letters import Written


def check_available(record: RequestRecord, document: RequestDocument) -> None:
    if document not in documents_for(record.steps):
        step = DOCUMENT_STEPS[document]
        raise RequestError(
            f"申请 {record.number} 尚未{step.label}，没有{document.label}可打印",
            f"no {document.value} for this request yet",
        )


def default_filename(record: RequestRecord, document: RequestDocument) -> str:
    return f"{record.number} {document.label}.pdf"


def write_document(db: Database, request_id: int, document: RequestDocument, out: Path) -> Written:
    """Write ``document`` of the request to ``out`` (atomically)."""
    # reportlab only when printing
    from gwgk_desktop.pdf.request_letters import LetterSource, write_letter

    record = Register(db).get(request_id)
    check_available(record, document)
    return write_letter(out, LetterSource(station.get_profile(db), record, document))
