"""What a version-1 package contains: entry names, limits, and the manifest's fields.

``docs/package-format.md`` is the prose form of this module; a change here is a change of
the specification.
"""

from __future__ import annotations

import re
from typing import Any

from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.zipfmt import DEFLATE, STORE, Limits

PACKAGE_FORMAT = "gwgk-submission-package"
FORMAT_MAJOR = 1
#: 1.1 added the optional ``data/annual_reports.jsonl`` (the annual reports); 1.2 the
#: station's audit-chain head, the records since its previous package
#: (``data/audit.jsonl``) and that package's id; 1.3 the guide's ``legal_limit_immediate``
#: and ``promised_limit_immediate`` (即时办结). Older packages still verify.
FORMAT_MINOR = 3
FORMAT_VERSION = f"{FORMAT_MAJOR}.{FORMAT_MINOR}"
SIGNATURE_FORMAT = "gwgk-package-signature"
#: ``signature.json`` has exactly these members (section 5 of the spec).
SIGNATURE_MEMBERS = frozenset({"format", "algorithm", "key_id", "signature"})
ALGORITHM = "ed25519"
SUFFIX = ".gwgk"

MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
STATION_FILE = "data/station.json"
REFERENCE_FILE = "data/reference.json"
#: One JSON Lines file per item kind; the keys are the ``kind`` codes of the records.
ITEM_FILES = {
    "catalogue": "data/catalogue.jsonl",
    "licensing": "data/licensing.jsonl",
    "fee": "data/fee.jsonl",
}
#: The station's annual reports (年度报告), one canonical JSON report per line in the
#: national format's labels; optional (since 1.1), with ``counts.annual_reports``.
ANNUAL_REPORTS_FILE = "data/annual_reports.jsonl"
ANNUAL_REPORTS_COUNT = "annual_reports"
ATTACHMENT_DIR = "attachments/"
#: The station's audit records since its previous package (format 1.2 and later).
AUDIT_FILE = "data/audit.jsonl"

MIB = 1 << 20
LIMITS = Limits(
    package_size=2048 * MIB,
    entry_size=512 * MIB,
    total_size=3072 * MIB,
    entries=65535,
    ratio=200,
    ratio_floor=MIB,
)
MAX_MANIFEST = 64 * MIB
MAX_SIGNATURE = 4096

COUNT_KEYS = (
    "catalogue",
    "licensing",
    "fee",
    "flowcharts",
    "attachments",
    "categories",
    "channels",
    "stages",
    "warnings",
)

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_PAYLOAD_NAME = re.compile(r"^(data/[a-z][a-z0-9_-]{0,63}\.(json|jsonl)|attachments/[0-9a-f]{64})$")


def method_for(path: str) -> int:
    """Attachments (PDFs, images: already compressed) are stored; JSON is deflated."""
    return STORE if path.startswith(ATTACHMENT_DIR) else DEFLATE


def attachment_path(sha256: str) -> str:
    return f"{ATTACHMENT_DIR}{sha256}"


def is_payload_name(name: str) -> bool:
    return bool(_PAYLOAD_NAME.match(name))


def is_hex64(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX64.match(value))


def is_key_id(value: object) -> bool:
    return isinstance(value, str) and bool(_KEY_ID.match(value))


def invalid(detail: str, english: str) -> PackageError:
    return PackageError(
        Failure.MANIFEST_INVALID, f"报送包清单（manifest.json）内容不合规范：{detail}", english
    )


def minor_version(manifest: dict[str, Any]) -> int:
    """The MINOR of a manifest that passed ``check_version``."""
    return int(str(manifest["format_version"]).split(".")[1])


def check_version(manifest: Any) -> None:
    """Refuse anything that is not a package manifest of major version 1 (a newer minor
    version is accepted: it only adds fields)."""
    if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
        raise invalid("不是政务公开报送包的清单", "not a package manifest")
    version = manifest.get("format_version")
    match = re.fullmatch(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})", str(version))
    if not isinstance(version, str) or match is None:
        raise invalid("格式版本号无法识别", f"bad format_version {version!r}")
    if int(match[1]) != FORMAT_MAJOR:
        raise PackageError(
            Failure.UNKNOWN_VERSION,
            f"报送包格式版本 {version} 不受本程序支持（支持 {FORMAT_MAJOR}.x），请升级程序后再校验",
            f"unknown major format version {version}",
        )


def _require(mapping: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = mapping.get(key)
    # bool is an int in Python; a count or sequence must not be true/false.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise invalid(f"字段“{key}”缺失或类型不对", f"field {key!r} missing or mistyped")
    return value


def check_manifest(manifest: dict[str, Any]) -> None:
    """Field-by-field check of a (version-checked, canonical) manifest."""
    station = _require(manifest, "station", dict)
    for key in ("org_code", "name"):
        _require(station, key, str)
    if not is_key_id(manifest.get("key_id")):
        raise invalid("签名密钥标识（key_id）格式不对", "bad key_id")
    sequence = _require(manifest, "sequence", int)
    if sequence < 1:
        raise invalid("报送序号应为正整数", "sequence must be >= 1")
    for key in ("package_id", "created_at", "app_version", "schema_version"):
        _require(manifest, key, str)
    previous = manifest.get("previous_package_sha256")
    if previous is not None and not is_hex64(previous):
        raise invalid("上一报送包校验值格式不对", "bad previous_package_sha256")
    counts = _require(manifest, "counts", dict)
    for key in COUNT_KEYS:
        value = _require(counts, key, int)
        if value < 0:
            raise invalid(f"数量“{key}”为负数", f"negative count {key}")
    if ANNUAL_REPORTS_COUNT in counts:
        value = _require(counts, ANNUAL_REPORTS_COUNT, int)
        if value < 0:
            raise invalid("年度报告数量为负数", "negative count annual_reports")
    _require(manifest, "warnings", list)
    files = _require(manifest, "files", dict)
    for path, entry in files.items():
        if not is_payload_name(path):
            raise invalid(f"清单中的文件名“{path}”不合规范", f"bad payload name {path!r}")
        if not isinstance(entry, dict):
            raise invalid(f"文件“{path}”的记录不对", f"bad file entry {path!r}")
        for key in ("size", "zip_size"):
            value = _require(entry, key, int)
            if value < 0:
                raise invalid(f"文件“{path}”的大小为负数", f"negative size for {path!r}")
        for key in ("sha256", "zip_sha256"):
            if not is_hex64(entry.get(key)):
                raise invalid(f"文件“{path}”的校验值格式不对", f"bad {key} for {path!r}")
        method = entry.get("method")
        if method not in ("store", "deflate") or method != (
            "store" if method_for(path) == STORE else "deflate"
        ):
            raise invalid(f"文件“{path}”的压缩方式不对", f"bad method for {path!r}")
    for path in (STATION_FILE, REFERENCE_FILE, *ITEM_FILES.values()):
        if path not in files:
            raise invalid(f"清单中缺少必备文件“{path}”", f"manifest lacks {path}")
    if minor_version(manifest) >= 2:
        _check_continuity(manifest, counts, files)


def _check_continuity(
    manifest: dict[str, Any], counts: dict[str, Any], files: dict[str, Any]
) -> None:
    """The 1.2 fields: the previous package's id and the audit chain with its segment."""
    previous = manifest.get("previous_package_id", "absent")
    if previous is not None and (not isinstance(previous, str) or not _UUID.match(previous)):
        raise invalid("上一报送包标识（previous_package_id）格式不对", "bad previous_package_id")
    chain = _require(manifest, "audit_chain", dict)
    count = _require(chain, "count", int)
    if count < 0 or not is_hex64(chain.get("head")):
        raise invalid("审计记录链头（audit_chain）格式不对", "bad audit_chain head")
    start, start_head = chain.get("from_count", "absent"), chain.get("from_head", "absent")
    if start is None and start_head is None:
        segment = 0
    elif (
        isinstance(start, int)
        and not isinstance(start, bool)
        and 0 <= start <= count
        and is_hex64(start_head)
    ):
        segment = count - start
    else:
        raise invalid("审计记录起点（audit_chain.from_*）格式不对", "bad audit_chain start")
    if _require(counts, "audit", int) != segment:
        raise invalid("审计记录数量与链头、起点不符", "counts.audit does not match audit_chain")
    if AUDIT_FILE not in files:
        raise invalid(f"清单中缺少必备文件“{AUDIT_FILE}”", f"manifest lacks {AUDIT_FILE}")
