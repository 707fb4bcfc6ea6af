"""How a new package continues what the bureau holds of its station: the decision the
intake records with each package (docs/package-format.md, section 12).

Packages are accepted whatever this says (the signature proves the station made them);
a skipped package is marked yellow, a forked or rewritten history red, for the office to
look into. Only a replayed or older sequence is refused, by the verifier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gwgk_desktop.domain.audit_chain import ChainHead
from gwgk_desktop.domain.enums import LabelledEnum


class Continuity(LabelledEnum):
    FIRST = "first", "首次报送"
    CONTINUES = "continues", "接续"
    LEGACY = "legacy", "旧版格式"
    GAP = "gap", "有漏报"
    FORK = "fork", "分叉"
    REWRITTEN = "rewritten", "历史被改写"

    @property
    def severity(self) -> str:
        """``ok``, ``info``, ``warning`` or ``danger`` (the colour the office sees)."""
        return {
            Continuity.FIRST: "info",
            Continuity.CONTINUES: "ok",
            Continuity.LEGACY: "info",
            Continuity.GAP: "warning",
            Continuity.FORK: "danger",
            Continuity.REWRITTEN: "danger",
        }[self]


@dataclass(frozen=True)
class Offered:
    """What the new package says about where it comes from."""

    sequence: int
    previous_package_id: str | None
    head: ChainHead | None
    start: ChainHead | None
    #: Problems the verifier found in the audit records the package carries.
    chain_problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Held:
    """What the bureau already holds of the station."""

    #: package id → sequence, of every accepted package of the station.
    packages: dict[str, int]
    last_package_id: str | None
    last_sequence: int
    #: The newest audit-chain head any of its packages carried (None: none did).
    last_head: ChainHead | None


@dataclass(frozen=True)
class Verdict:
    continuity: Continuity
    note: str


def extends(
    offered: Offered, last: ChainHead, record_hash: Callable[[int], str | None]
) -> bool | None:
    """Whether the offered chain contains ``last`` (True), cannot (False), or cannot be
    told from what the package carries (None). ``record_hash(n)`` is the hash of record
    ``n`` among the package's audit records, if it carries that record."""
    head, start = offered.head, offered.start
    assert head is not None
    if head.count < last.count:
        return False
    if head.count == last.count:
        return head.head == last.head
    if start is None or start.count > last.count:
        return None
    if start.count == last.count:
        return start.head == last.head
    return record_hash(last.count) == last.head


def judge(offered: Offered, held: Held, record_hash: Callable[[int], str | None]) -> Verdict:
    """Place the offered package in the station's history."""
    if held.last_package_id is None:
        return Verdict(Continuity.FIRST, "市局首次收到该单位的报送包")
    if offered.chain_problems:
        return Verdict(
            Continuity.REWRITTEN,
            f"随包的审计记录前后不衔接（{offered.chain_problems[0]}），单位的操作记录可能被改动",
        )
    if offered.head is None:
        return Verdict(Continuity.LEGACY, "1.2 版之前格式的报送包，不带审计记录链，无法核对连续性")
    previous = offered.previous_package_id
    chained = extends(offered, held.last_head, record_hash) if held.last_head else None
    if previous is not None and previous == held.last_package_id:
        if held.last_head is None or chained:
            return Verdict(Continuity.CONTINUES, f"接续第{held.last_sequence}号报送")
        if chained is False:
            return Verdict(
                Continuity.REWRITTEN,
                f"本包声称接续第{held.last_sequence}号报送，但单位的操作记录与那时不符"
                "（被删除或改写过）",
            )
        return Verdict(
            Continuity.GAP,
            f"本包声称接续第{held.last_sequence}号报送，但没有带上核对所需的操作记录",
        )
    if previous is not None and previous in held.packages:
        return Verdict(
            Continuity.FORK,
            f"本包接在第{held.packages[previous]}号之后，而市局已收到更新的第{held.last_sequence}号："
            "单位的数据库可能被恢复到旧的备份或被复制到另一台电脑",
        )
    if previous is None:
        return Verdict(
            Continuity.REWRITTEN,
            "本包是该单位数据库的第一次报送，但市局此前已收到过该单位的报送包：单位的数据库可能被重建",
        )
    if chained is False:
        return Verdict(
            Continuity.REWRITTEN,
            f"第{held.last_sequence}号之后有未收到的报送包，且单位的操作记录与市局所见不符"
            "（被删除或改写过）",
        )
    missing = offered.sequence - held.last_sequence - 1
    between = f"（第{held.last_sequence + 1}至{offered.sequence - 1}号）" if missing > 0 else ""
    checked = "，操作记录接续" if chained else "，操作记录无法核对"
    return Verdict(Continuity.GAP, f"有{max(missing, 1)}个报送包未送达市局{between}{checked}")
