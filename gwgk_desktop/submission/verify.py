"""Verifying a package, step by step as ``docs/package-format.md`` lists them; the first
failed step raises a ``PackageError`` naming exactly what failed.

Nothing is extracted and nothing outside the package is read except the key registry and
the state file; the state file is written only after every check passed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from gwgk_desktop.domain.audit_chain import ChainHead, segment_problems
from gwgk_desktop.domain.digests import grouped
from gwgk_desktop.errors import ReadFailed
from gwgk_desktop.files import open_regular, sha256_beside
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.format import (
    ALGORITHM,
    ANNUAL_REPORTS_COUNT,
    ANNUAL_REPORTS_FILE,
    ATTACHMENT_DIR,
    AUDIT_FILE,
    ITEM_FILES,
    LIMITS,
    MANIFEST,
    MAX_MANIFEST,
    MAX_SIGNATURE,
    SIGNATURE,
    SIGNATURE_FORMAT,
    SIGNATURE_MEMBERS,
    check_manifest,
    check_version,
    is_key_id,
    is_payload_name,
    minor_version,
)
from gwgk_desktop.submission.keys import load_public, verify
from gwgk_desktop.submission.reader import json_lines
from gwgk_desktop.submission.registry import STATION, Registry, now_text
from gwgk_desktop.submission.state import Accepted, State, locked_state
from gwgk_desktop.submission.zipfmt import STORE, Entry, EntryStream, read_directory, read_entry


@dataclass(frozen=True)
class Verified:
    """A package that passed every check."""

    manifest: dict[str, Any]
    package_sha256: str
    size: int
    #: The sequence the state file had accepted for this station before, if any.
    previous: Accepted | None
    #: Why the audit records the package carries do not lead from its stated start to its
    #: stated head (format 1.2; empty when they do or when there are none). Reported, not
    #: refused: the package is authentic, the station's history is what is in question.
    chain_problems: tuple[str, ...] = ()

    @property
    def previous_package_id(self) -> str | None:
        value = self.manifest.get("previous_package_id")
        return str(value) if value is not None else None

    @property
    def chain_head(self) -> ChainHead | None:
        """The station's audit-chain head when it made the package (None before 1.2)."""
        chain = self.manifest.get("audit_chain")
        if not isinstance(chain, dict):
            return None
        return ChainHead(int(chain["count"]), str(chain["head"]))

    @property
    def chain_start(self) -> ChainHead | None:
        """Where the package's audit records start (None: it carries none)."""
        chain = self.manifest.get("audit_chain")
        if not isinstance(chain, dict) or chain.get("from_count") is None:
            return None
        return ChainHead(int(chain["from_count"]), str(chain["from_head"]))

    @property
    def org_code(self) -> str:
        return str(self.manifest["station"]["org_code"])

    @property
    def station_name(self) -> str:
        return str(self.manifest["station"]["name"])

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def key_id(self) -> str:
        return str(self.manifest["key_id"])

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.manifest["counts"])

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return list(self.manifest["warnings"])

    @property
    def continues_chain(self) -> bool | None:
        """True if this package names the previously accepted one as its predecessor,
        False if it names another, None if there was none to compare."""
        if self.previous is None:
            return None
        return self.manifest.get("previous_package_sha256") == self.previous.package_sha256

    def summary(self) -> str:
        c = self.counts
        chain = {
            None: "",
            True: "，接续上次接收的报送包",
            False: "，与上次接收的报送包之间有未收到的报送",
        }[self.continues_chain]
        return (
            f"报送包有效：{self.station_name}（{self.org_code}）第{self.sequence}号报送，"
            f"签名密钥 {self.key_id}；目录事项{c['catalogue']}项、许可审批事项{c['licensing']}项、"
            f"收费事项{c['fee']}项、流程图{c['flowcharts']}幅、附件{c['attachments']}个，"
            f"提醒{c['warnings']}条{chain}{self._audit_summary()}；"
            f"SHA-256 {grouped(self.package_sha256)}"
        )

    def _audit_summary(self) -> str:
        head, start = self.chain_head, self.chain_start
        if head is None:
            return ""
        if self.chain_problems:
            return f"；审计记录有问题：{self.chain_problems[0]}"
        if start is None:
            return f"；单位审计记录共{head.count}条"
        return (
            f"；单位审计记录共{head.count}条，其中第{start.count + 1}至{head.count}条随包核对无误"
        )


def _read_small(handle: BinaryIO, entry: Entry) -> bytes:
    parts: list[bytes] = []
    read_entry(handle, entry, parts.append)
    return b"".join(parts)


def _signature(data: bytes) -> tuple[str, bytes]:
    try:
        document = canonical.parse_canonical(data)
    except (canonical.NotJson, canonical.NotCanonical) as error:
        raise PackageError(
            Failure.SIGNATURE_INVALID,
            "签名文件（signature.json）格式不对或不是规范形式",
            f"signature.json: {error}",
        ) from error
    kid = document.get("key_id")
    text = document.get("signature")
    if set(document) != SIGNATURE_MEMBERS:
        # Nothing covers bytes outside the signed manifest: the spec allows exactly these.
        raise PackageError(
            Failure.SIGNATURE_INVALID,
            "签名文件（signature.json）的字段与规范不符（多出或缺少字段）",
            f"signature.json members: {sorted(document)}",
        )
    if (
        document.get("format") != SIGNATURE_FORMAT
        or document.get("algorithm") != ALGORITHM
        or not is_key_id(kid)
        or not isinstance(text, str)
        or len(text) != 128
        or text != text.lower()
    ):
        raise PackageError(
            Failure.SIGNATURE_INVALID,
            "签名文件（signature.json）的字段不对",
            "signature.json fields",
        )
    try:
        return str(kid), bytes.fromhex(text)
    except ValueError as error:
        raise PackageError(
            Failure.SIGNATURE_INVALID, "签名值不是十六进制", "signature is not hex"
        ) from error


def _manifest(data: bytes) -> dict[str, Any]:
    try:
        value = canonical.parse(data)
    except canonical.NotJson as error:
        raise PackageError(
            Failure.MANIFEST_INVALID,
            "报送包清单（manifest.json）不是有效的JSON",
            f"manifest.json: {error}",
        ) from error
    check_version(value)
    try:
        manifest = canonical.parse_canonical(data)
    except canonical.NotCanonical as error:
        raise PackageError(
            Failure.MANIFEST_NOT_CANONICAL,
            "报送包清单（manifest.json）不是规范JSON形式（被重新编排过），签名无从核对",
            "manifest.json is not canonical JSON",
        ) from error
    except canonical.NotJson as error:
        raise PackageError(
            Failure.MANIFEST_INVALID, "报送包清单内容无法编码", f"manifest.json: {error}"
        ) from error
    check_manifest(manifest)
    return manifest


def _check_files(handle: BinaryIO, manifest: dict[str, Any], payload: dict[str, Entry]) -> None:
    listed: dict[str, dict[str, Any]] = manifest["files"]
    missing = sorted(listed.keys() - payload.keys())
    extra = sorted(payload.keys() - listed.keys())
    if missing:
        more = f"；另有清单外的文件“{'、'.join(extra[:3])}”（可能被改名）" if extra else ""
        raise PackageError(
            Failure.MISSING_FILE,
            f"报送包缺少清单中列出的文件“{'、'.join(missing[:3])}”{more}",
            f"missing payload file(s): {', '.join(missing[:3])}",
        )
    if extra:
        raise PackageError(
            Failure.EXTRA_FILE,
            f"报送包中有清单未列出的文件“{'、'.join(extra[:3])}”（被添加）",
            f"payload file(s) not in the manifest: {', '.join(extra[:3])}",
        )
    counts = manifest["counts"]
    lines: dict[str, int] = {}
    for path in sorted(listed):
        entry, wanted = payload[path], listed[path]

        def altered(what: str, path: str = path) -> PackageError:
            return PackageError(
                Failure.ALTERED_FILE,
                f"报送包中的“{path}”与清单不符（{what}），文件在途中被改动或损坏",
                f"{path} does not match the manifest ({what})",
            )

        method = "store" if entry.method == STORE else "deflate"
        if method != wanted["method"] or entry.zip_size != wanted["zip_size"]:
            raise altered("压缩方式或压缩后大小")
        if entry.size != wanted["size"]:
            raise altered("大小")
        newline_count = 0

        def count_lines(chunk: bytes) -> None:
            nonlocal newline_count
            newline_count += chunk.count(b"\n")

        is_lines = path.endswith(".jsonl")
        digest = read_entry(handle, entry, count_lines if is_lines else None)
        if digest.sha256 != wanted["sha256"] or digest.zip_sha256 != wanted["zip_sha256"]:
            raise altered("SHA-256")
        if is_lines:
            lines[path] = newline_count
    expected = {path: counts[kind] for kind, path in ITEM_FILES.items()}
    if minor_version(manifest) >= 2:
        expected[AUDIT_FILE] = counts["audit"]
    for path, wanted_lines in expected.items():
        kind = path.removeprefix("data/").removesuffix(".jsonl")
        if lines.get(path) != wanted_lines:
            raise PackageError(
                Failure.COUNTS_MISMATCH,
                f"清单中的{kind}数量（{wanted_lines}）与“{path}”的记录数（{lines.get(path)}）不符",
                f"count of {kind} does not match {path}",
            )
    if ANNUAL_REPORTS_FILE in listed or counts.get(ANNUAL_REPORTS_COUNT, 0):
        reports = counts.get(ANNUAL_REPORTS_COUNT)
        if lines.get(ANNUAL_REPORTS_FILE) != reports:
            raise PackageError(
                Failure.COUNTS_MISMATCH,
                f"清单中的年度报告数量（{reports}）与“{ANNUAL_REPORTS_FILE}”的记录数"
                f"（{lines.get(ANNUAL_REPORTS_FILE)}）不符",
                "count of annual reports does not match",
            )
    attachments = sum(1 for p in listed if p.startswith(ATTACHMENT_DIR))
    if attachments != counts["attachments"]:
        raise PackageError(
            Failure.COUNTS_MISMATCH,
            f"清单中的附件数量（{counts['attachments']}）与实际附件文件数（{attachments}）不符",
            "attachment count mismatch",
        )


def replay_problem(
    manifest: dict[str, Any], previous: Accepted | None, package_sha256: str | None = None
) -> PackageError | None:
    """The ``replay`` failure when the manifest's sequence is not above the one accepted
    before for its station (step 14), else None. With the package's ``package_sha256``
    the same package again is told from a different one with the same sequence."""
    if previous is None or manifest["sequence"] > previous.sequence:
        return None
    if manifest["sequence"] < previous.sequence:
        kind = "旧的报送包（回退）"
    elif package_sha256 is None:
        kind = "重复报送（重放）"
    elif package_sha256 == previous.package_sha256:
        kind = "重复报送（重放，这个报送包已经接收过）"
    else:
        kind = "同一序号的另一个报送包（已接收过内容不同的同号报送包，请与报送单位核实）"
    return PackageError(
        Failure.REPLAY,
        f"{kind}：报送序号 {manifest['sequence']} 不大于已接收的第 {previous.sequence} 号",
        f"sequence {manifest['sequence']} is not above the accepted {previous.sequence}",
    )


def verify_stream(
    handle: BinaryIO, size: int, registry: Registry, state: State | None = None
) -> Verified:
    """Run every check over an open package file of ``size`` bytes."""
    entries = read_directory(handle, size, LIMITS)
    for entry in entries:
        if entry.name not in (MANIFEST, SIGNATURE) and not is_payload_name(entry.name):
            raise PackageError(
                Failure.BAD_ENTRY_NAME,
                f"报送包中的文件名“{entry.name}”不是本格式允许的名称",
                f"entry name {entry.name!r} is not allowed by the format",
            )
    by_name = {e.name: e for e in entries}
    if MANIFEST not in by_name:
        raise PackageError(
            Failure.MISSING_MANIFEST, "报送包中没有清单文件 manifest.json", "no manifest"
        )
    if SIGNATURE not in by_name:
        raise PackageError(
            Failure.MISSING_SIGNATURE, "报送包中没有签名文件 signature.json", "no signature"
        )
    manifest_entry, signature_entry = by_name[MANIFEST], by_name[SIGNATURE]
    if manifest_entry.size > MAX_MANIFEST or signature_entry.size > MAX_SIGNATURE:
        raise PackageError(
            Failure.TOO_LARGE, "清单或签名文件超过大小上限", "manifest/signature too large"
        )
    if manifest_entry.method != STORE or signature_entry.method != STORE:
        raise PackageError(
            Failure.ZIP_STRUCTURE,
            "清单和签名文件必须以不压缩方式存放",
            "manifest.json and signature.json must be stored",
        )

    manifest_bytes = _read_small(handle, manifest_entry)
    manifest = _manifest(manifest_bytes)
    kid, signature = _signature(_read_small(handle, signature_entry))

    record = registry.get(kid)
    if record is None:
        raise PackageError(
            Failure.UNKNOWN_KEY,
            f"签名密钥 {kid} 不在密钥登记册中（未登记的单位或密钥）",
            f"unknown key {kid}",
        )
    if record.revoked:
        raise PackageError(
            Failure.REVOKED_KEY,
            f"签名密钥 {kid}（{record.name}）已被吊销"
            f"（{record.revoked_at or '日期不详'}），不予接收",
            f"key {kid} is revoked",
        )
    if not verify(load_public(record.public_key), signature, manifest_bytes):
        raise PackageError(
            Failure.BAD_SIGNATURE,
            f"签名无效：清单不是由密钥 {kid} 签署的，或签署后被改动",
            "bad signature",
        )
    if manifest["key_id"] != kid:
        raise PackageError(
            Failure.BAD_SIGNATURE,
            f"清单注明的签名密钥（{manifest['key_id']}）与实际签名密钥（{kid}）不一致",
            "manifest key_id differs from the signing key",
        )
    org_code = manifest["station"]["org_code"]
    if record.owner != STATION or record.org_code != org_code:
        raise PackageError(
            Failure.KEY_NOT_FOR_STATION,
            f"签名密钥 {kid} 登记在“{record.name}”（{record.org_code or '市局'}）名下，"
            f"不是报送单位 {org_code} 的密钥",
            f"key {kid} is not registered for station {org_code}",
        )
    previous = state.last(org_code) if state is not None else None
    payload = {e.name: e for e in entries if e.name not in (MANIFEST, SIGNATURE)}
    # The whole file's SHA-256 (100 MB of attachments is 0.07 s a pass) is hashed on the
    # second core while the entries are checked on this one (``sha256_beside``); a
    # replayed package is still named as such before any damage found.
    hashed = sha256_beside(handle)
    try:
        _check_files(handle, manifest, payload)
    except PackageError:
        _refuse_replay(manifest, previous, hashed.result())
        raise
    finally:
        hashed.wait()  # never left reading a file the caller closes
    package_sha256 = hashed.result()
    _refuse_replay(manifest, previous, package_sha256)
    problems = _chain_problems(handle, manifest, payload)
    return Verified(manifest, package_sha256, size, previous, problems)


def _refuse_replay(
    manifest: dict[str, Any], previous: Accepted | None, package_sha256: str
) -> None:
    problem = replay_problem(manifest, previous, package_sha256)
    if problem is not None:
        raise problem


def _chain_problems(
    handle: BinaryIO, manifest: dict[str, Any], payload: dict[str, Entry]
) -> tuple[str, ...]:
    """Check the audit records of a 1.2 package against the head and start it states."""
    chain = manifest.get("audit_chain")
    if minor_version(manifest) < 2 or not isinstance(chain, dict):
        return ()
    if chain["from_count"] is None:
        return ()
    start = ChainHead(chain["from_count"], chain["from_head"])
    end = ChainHead(chain["count"], chain["head"])
    records = json_lines(EntryStream(handle, payload[AUDIT_FILE]), AUDIT_FILE)
    try:
        return tuple(segment_problems(records, start, end))
    except (canonical.NotJson, ValueError):
        return ("随包的审计记录无法解析",)


def verify_package(path: Path, registry: Registry, state_path: Path | None = None) -> Verified:
    """Verify the package at ``path``; on success record it in the state file (if given).

    The state file is locked from reading it to writing it back (``state.locked_state``):
    two verifications at once take turns, so neither loses the other's record and two
    different packages with one sequence number are never both accepted."""
    if state_path is None:
        return _verify_file(path, registry, None)
    with locked_state(state_path):
        state = State.load(state_path)
        result = _verify_file(path, registry, state)
        state.stations[result.org_code] = Accepted(
            result.sequence, result.package_sha256, result.key_id, now_text()
        )
        state.save(state_path)
    return result


def _verify_file(path: Path, registry: Registry, state: State | None) -> Verified:
    try:
        handle = open_regular(path, "报送包")
    except ReadFailed as error:
        raise PackageError(Failure.NOT_A_PACKAGE, error.message, error.english) from error
    with handle:
        return verify_stream(handle, os.fstat(handle.fileno()).st_size, registry, state)
