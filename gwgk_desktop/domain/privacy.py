"""Finding personal data in what is about to be published: 18-digit resident ID numbers
(with their check digit), 15-digit old ones, bank card numbers (Luhn), mobile numbers and
the like, and masking them (``110105********1234``).

The rules (pattern, check, block or warn, how much to keep when masking) are data: they come
with the reference template (its ``privacy`` section), so the city bureau can adjust them;
``parse_rules`` reads and checks them. A pattern finds candidates; a named ``check`` (a
closed set: ``id18``, ``id15``, ``luhn``) confirms them, so a random 18-digit number is not
taken for an ID number. A candidate counts only as a whole token: the characters right
before and after it are not ASCII letters or digits (so patterns need no look-arounds, and
a pattern that starts with a character class lets the regex engine skip ahead quickly:
scanning 20,000 items stays well under a second). Full-width digits (what a Chinese input
method types) are found too. Pure functions; no Qt, no database.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gwgk_desktop.domain.models import ItemContent
from gwgk_desktop.domain.validation import FIELD_LABELS
from gwgk_desktop.domain.workflow import Action

#: The review steps before which an item is checked (print and export check too).
CHECKED_ACTIONS = frozenset({Action.SUBMIT, Action.APPROVE})


class PrivacyLevel(StrEnum):
    """What a finding does: ``block`` stops submit/approve/print/export, ``warn`` asks."""

    BLOCK = "block"
    WARN = "warn"

    @property
    def label(self) -> str:
        return "禁止公开" if self is PrivacyLevel.BLOCK else "提醒"


class RuleError(ValueError):
    """A privacy rule of a template is malformed; the message is Chinese."""


# ------------------------------------------------------------------------ checks
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"


def id18_check_char(first17: str) -> str:
    """The check character (ISO 7064 MOD 11-2, GB 11643) of an ID number's first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def valid_id18(number: str) -> bool:
    """An 18-character resident ID number: a real birth date and the right check digit."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or number[0] == "0":
        return False
    if not _is_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return id18_check_char(number[:17]) == number[17]


def valid_id15(number: str) -> bool:
    """A 15-digit ID number of the first generation (birth year 19YY, no check digit)."""
    if len(number) != 15 or not number.isdigit() or number[0] == "0":
        return False
    return _is_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check that bank card numbers carry in their last digit."""
    if not number.isdigit() or len(number) < 2:
        return False
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


#: The checks a rule may name (a template can choose among them, not add code).
CHECKS: dict[str, Callable[[str], bool]] = {
    "id18": valid_id18,
    "id15": valid_id15,
    "luhn": luhn_valid,
}


# ------------------------------------------------------------------------ rules
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_AFTER = "(?![0-9A-Za-z])"


@dataclass(frozen=True)
class Rule:
    """One kind of personal data: how to find it, what to do, how to mask it."""

    code: str
    name: str
    pattern: re.Pattern[str]
    level: PrivacyLevel
    #: A name from ``CHECKS`` run on the match's letters and digits; "" for none.
    check: str = ""
    #: Letters and digits kept at the start and the end when masking.
    keep: tuple[int, int] = (3, 4)
    #: Field paths not scanned for this rule (e.g. the station's own phone fields).
    ignore_fields: frozenset[str] = frozenset()

    def confirms(self, candidate: str) -> bool:
        if not self.check:
            return True
        return CHECKS[self.check]("".join(c for c in candidate if c.isalnum()))


_RULE_KEYS = {"code", "name", "pattern", "level", "check", "keep", "ignore_fields"}
_REQUIRED_KEYS = {"code", "name", "pattern", "level"}


def _rule(data: Any, position: int) -> Rule:
    where = f"个人信息规则第{position}条"
    if not isinstance(data, dict):
        raise RuleError(f"{where}不是对象")
    missing = _REQUIRED_KEYS - data.keys()
    if missing:
        raise RuleError(f"{where}缺少{'、'.join(sorted(missing))}")
    unknown = data.keys() - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}有不认识的项：{'、'.join(sorted(unknown))}")
    code, name, pattern = data["code"], data["name"], data["pattern"]
    if not all(isinstance(v, str) and v for v in (code, name, pattern)):
        raise RuleError(f"{where}的 code、name、pattern 须为非空文字")
    try:
        level = PrivacyLevel(data["level"])
    except ValueError as error:
        raise RuleError(f"{where}的 level 须为 block 或 warn") from error
    check = data.get("check", "")
    if check != "" and check not in CHECKS:
        raise RuleError(f"{where}的 check 须为 {'、'.join(CHECKS)} 之一")
    keep = data.get("keep", [3, 4])
    if (
        not isinstance(keep, list)
        or len(keep) != 2
        or not all(isinstance(k, int) and not isinstance(k, bool) and 0 <= k <= 8 for k in keep)
    ):
        raise RuleError(f"{where}的 keep 须为两个0到8的整数，如 [6, 4]")
    ignore = data.get("ignore_fields", [])
    if not isinstance(ignore, list) or not all(isinstance(f, str) for f in ignore):
        raise RuleError(f"{where}的 ignore_fields 须为字段名列表")
    try:
        # ASCII: \d and \w mean 0-9 and A-Za-z0-9_ (full-width digits are translated first).
        # The end of a token is part of the pattern; its start is checked in ``_tokens``.
        # The pattern alone first: wrapped, "[0-9" would pair with the wrapper's brackets.
        re.compile(pattern, re.ASCII)
        compiled = re.compile(f"(?:{pattern}){_NOT_AFTER}", re.ASCII)
    except re.error as error:
        raise RuleError(f"{where}（{name}）的正则表达式有误：{error}") from error
    return Rule(code, name, compiled, level, check, (keep[0], keep[1]), frozenset(ignore))


def parse_rules(section: Any) -> tuple[Rule, ...]:
    """The rules of a template's ``privacy`` section (``{"rules": [...]}``), checked."""
    if not isinstance(section, dict) or set(section) != {"rules"}:
        raise RuleError("个人信息规则（privacy）须为只含 rules 的对象")
    items = section["rules"]
    if not isinstance(items, list):
        raise RuleError("个人信息规则（privacy.rules）须为列表")
    rules = tuple(_rule(data, n) for n, data in enumerate(items, start=1))
    codes = [r.code for r in rules]
    if len(set(codes)) != len(codes):
        raise RuleError("个人信息规则的 code 有重复")
    return rules


# ------------------------------------------------------------------------ finding
#: Full-width digits and X (what Chinese input methods type) read as ASCII; one character
#: for one, so positions in the translated text are positions in the original.
_HALF_WIDTH = str.maketrans({**{chr(0xFF10 + n): str(n) for n in range(10)}, "Ｘ": "X", "ｘ": "x"})
_FULL_WIDTH = re.compile("[０-９Ｘｘ]")


def _half_width(text: str) -> str:
    # Searching first is far cheaper than translate() on text that has none (most text).
    return text.translate(_HALF_WIDTH) if _FULL_WIDTH.search(text) else text


@dataclass(frozen=True)
class Hit:
    """One confirmed match in a text."""

    rule: Rule
    start: int
    end: int
    text: str

    @property
    def masked(self) -> str:
        return mask_span(self.text, *self.rule.keep)


def mask_span(text: str, keep_start: int, keep_end: int) -> str:
    """``text`` with its letters and digits replaced by ``*``, except the first
    ``keep_start`` and the last ``keep_end`` of them; separators stay."""
    positions = [i for i, c in enumerate(text) if c.isalnum()]
    if len(positions) <= keep_start + keep_end:
        # Too short to keep that much: hide all but the last one.
        keep_start, keep_end = 0, min(1, len(positions))
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


def find(text: str, rules: Sequence[Rule], path: str = "") -> list[Hit]:
    """Every confirmed match in ``text``, in order. Rules are tried in their order and a
    later rule never claims characters an earlier one matched (an ID number is not also
    reported as a bank card)."""
    if not text:
        return []
    plain = _half_width(text)
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for rule in rules:
        if path and path in rule.ignore_fields:
            continue
        for match in _tokens(rule.pattern, plain):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if rule.confirms(match.group()):
                hits.append(Hit(rule, start, end, text[start:end]))
                taken.append((start, end))
    hits.sort(key=lambda h: h.start)
    return hits


def _tokens(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches that start a token (not right after an ASCII letter or
    digit), like ``finditer`` with a leading look-behind, but letting the regex engine
    skip to candidate characters."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start, end = match.span()
        if end == start or (start > 0 and text[start - 1] in _ALNUM):
            pos = start + 1
            continue
        yield match
        pos = end


def could_match(text: str, rules: Sequence[Rule]) -> bool:
    """False when no rule can find anything in ``text`` (one search per rule over, say,
    all of an item's fields joined by NUL: a quick test before the field-by-field scan)."""
    plain = _half_width(text)
    return any(any(True for _ in _tokens(rule.pattern, plain)) for rule in rules)


def mask_text(text: str, hits: Sequence[Hit]) -> str:
    """``text`` with every hit masked."""
    out = text
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        out = out[: hit.start] + hit.masked + out[hit.end :]
    return out


# ------------------------------------------------------------------------ items
@dataclass(frozen=True)
class Finding:
    """Personal data found in one field of an item."""

    field: str
    where: str
    rule_code: str
    rule_name: str
    level: PrivacyLevel
    masked: str

    @property
    def blocks(self) -> bool:
        return self.level is PrivacyLevel.BLOCK

    def line(self) -> str:
        return f"{self.where}有{self.rule_name} {self.masked}"


@dataclass(frozen=True)
class _Slot:
    path: str
    where: str
    owner: Any
    attr: str


_MATERIAL_PARTS = {"name": "名称", "note": "备注", "sample_filename": "申报范本文件名"}
_NODE_PARTS = {"text": "文字", "post": "岗位"}
_ATTACHMENT_PARTS = {"filename": "文件名", "note": "说明"}
_SKIPPED = {"kind", "category_id", "channels", "audience", "mode", "level", "validity"}


def _slots(content: ItemContent) -> Iterator[_Slot]:
    """Every free-text field of an item: names, texts, the guide, materials, flowchart
    node texts and edge labels, attachment names."""
    for name, value in vars(content).items():
        if isinstance(value, str) and name not in _SKIPPED:
            yield _Slot(name, FIELD_LABELS.get(name, name), content, name)
    if content.guide is not None:
        for name, value in vars(content.guide).items():
            if isinstance(value, str):
                path = f"guide.{name}"
                where = f"办事指南的{FIELD_LABELS.get(path, name)}"
                yield _Slot(path, where, content.guide, name)
    for n, material in enumerate(content.materials, start=1):
        for attr, part in _MATERIAL_PARTS.items():
            yield _Slot(f"materials[{n - 1}].{attr}", f"第{n}项申请材料的{part}", material, attr)
    chart = content.flowchart
    if chart is not None:
        yield _Slot("flowchart.title", "流程图标题", chart, "title")
        for n, node in enumerate(chart.nodes, start=1):
            for attr, part in _NODE_PARTS.items():
                where = f"流程图第{n}个框的{part}"
                yield _Slot(f"flowchart.nodes[{n - 1}].{attr}", where, node, attr)
        for n, edge in enumerate(chart.edges, start=1):
            where = f"流程图第{n}条连线的标注"
            yield _Slot(f"flowchart.edges[{n - 1}].label", where, edge, "label")
    for n, attachment in enumerate(content.attachments, start=1):
        for attr, part in _ATTACHMENT_PARTS.items():
            where = f"第{n}个附件的{part}"
            yield _Slot(f"attachments[{n - 1}].{attr}", where, attachment, attr)


@dataclass(frozen=True)
class Scan:
    """What the scan of one item found."""

    findings: tuple[Finding, ...]

    @property
    def blocked(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocks]

    def __bool__(self) -> bool:
        return bool(self.findings)


def _joined(content: ItemContent) -> str:
    """Every text ``_slots`` yields (and maybe more), joined by NUL; built without the
    slots' bookkeeping, since most items have nothing to find."""
    parts = [v for v in vars(content).values() if type(v) is str]
    if content.guide is not None:
        parts += [v for v in vars(content.guide).values() if type(v) is str]
    for material in content.materials:
        parts += (material.name, material.note, material.sample_filename)
    if content.flowchart is not None:
        parts.append(content.flowchart.title)
        for node in content.flowchart.nodes:
            parts += (node.text, node.post)
        parts += [edge.label for edge in content.flowchart.edges]
    for attachment in content.attachments:
        parts += (attachment.filename, attachment.note)
    return "\x00".join(parts)


def scan(content: ItemContent, rules: Sequence[Rule]) -> Scan:
    """Personal data in any free-text field of ``content``."""
    if not could_match(_joined(content), rules):
        return Scan(())
    findings = []
    for slot in _slots(content):
        for hit in find(getattr(slot.owner, slot.attr), rules, slot.path):
            findings.append(
                Finding(
                    slot.path, slot.where, hit.rule.code, hit.rule.name, hit.rule.level, hit.masked
                )
            )
    return Scan(tuple(findings))


def masked(content: ItemContent, rules: Sequence[Rule]) -> ItemContent:
    """A copy of ``content`` with everything the rules find masked (block and warn)."""
    copied = copy.deepcopy(content)
    for slot in _slots(copied):
        text = getattr(slot.owner, slot.attr)
        hits = find(text, rules, slot.path)
        if hits:
            setattr(slot.owner, slot.attr, mask_text(text, hits))
    return copied
