"""Quick entry (快速录入): a flowchart typed or pasted as a numbered list, and back.

The syntax is documented for clerks in ``docs/flowchart-quick-entry.md``. In short::

    标题：行政许可审批程序流程图
    1. 申请人提出申请
    2. 受理审查？（受理民警，1个工作日）
       - 材料不全 → 一次性告知需补正的全部材料 → 2
       - 不符合条件 → [文书]出具不予受理凭证 → 结束
       - 予以受理 → 3
    3. 审查申请材料（审核民警，10个工作日）
    4. 办结

One step per line; a step goes on to the next line unless it has branch lines (indented or
starting with “-”) or its own “→ 去向”. Targets are step numbers, “结束”/“办结” (a new end
node) or the text of a new step. The first step is the start (开始); a step with “？” at the
end or two or more branches is a decision (判断); ``[文书]`` marks a document; trailing
parentheses hold the responsible post and the time limit. Positions are left at zero: lay
the chart out afterwards (``flowchart_layout.auto_layout``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart import MAX_NODES
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode

END_WORDS = ("结束", "办结", "完成", "终止", "流程结束")
NO_TARGET = "无"
_KIND_MARKS = {
    "开始": NodeKind.START,
    "结束": NodeKind.END,
    "环节": NodeKind.STEP,
    "步骤": NodeKind.STEP,
    "判断": NodeKind.DECISION,
    "文书": NodeKind.DOCUMENT,
    "材料": NodeKind.DOCUMENT,
}
_MARK_FOR_KIND = {
    NodeKind.START: "开始",
    NodeKind.END: "结束",
    NodeKind.STEP: "环节",
    NodeKind.DECISION: "判断",
    NodeKind.DOCUMENT: "文书",
}
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|⟶|——>|－>)\s*")
_NUMBERED = re.compile(r"^\s*(?:(\d+)\s*[.、．)）:：]|[（(](\d+)[)）])\s*(.*)$")
_BULLET = re.compile(r"^\s*[-*·•—+]\s*(.*)$")
_TITLE = re.compile(r"^\s*标题\s*[:：]\s*(.*)$")
_MARK = re.compile(r"^\s*[\[【]\s*([^\]】]+?)\s*[\]】]\s*(.*)$")
_DETAILS = re.compile(r"^(.*?)\s*[（(]([^（）()]*)[)）]\s*$")
_DAYS = re.compile(r"^(\d{1,4})\s*个?\s*(?:工作日|日|天)$")
_STEP_REF = re.compile(r"^(?:第\s*)?(\d{1,4})(?:\s*步)?$")


@dataclass(frozen=True)
class QuickEntryProblem:
    line: int  # 1-based line of the text; 0 for the text as a whole
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message


class QuickEntryError(ValueError):
    """The text could not be turned into a chart; ``problems`` says where and why."""

    def __init__(self, problems: list[QuickEntryProblem]) -> None:
        self.problems = problems
        super().__init__("；".join(str(p) for p in problems))


@dataclass
class _Step:
    number: int
    line: int
    text: str
    branches: list[tuple[int, str, list[str]]] = field(default_factory=list)
    arrows: list[str] | None = None


@dataclass
class _NodeSpec:
    kind: NodeKind | None
    text: str
    post: str
    days: int | None


def _spec(raw: str) -> _NodeSpec:
    """Kind mark, text, and the post and time limit in trailing parentheses."""
    kind = None
    text = raw.strip()
    mark = _MARK.match(text)
    if mark and mark.group(1) in _KIND_MARKS:
        kind, text = _KIND_MARKS[mark.group(1)], mark.group(2).strip()
    post, days = "", None
    details = _DETAILS.match(text)
    if details:
        parts = [p.strip() for p in re.split(r"[，,、;；]", details.group(2)) if p.strip()]
        posts = []
        for part in parts:
            limit = _DAYS.match(part)
            if limit:
                days = int(limit.group(1))
            else:
                posts.append(part)
        text, post = details.group(1).strip(), "，".join(posts)
    return _NodeSpec(kind, text, post, days)


def _is_end_text(text: str) -> bool:
    return text in END_WORDS


def parse_quick_entry(text: str) -> Flowchart:
    """The chart the text describes (positions all zero). Raises QuickEntryError."""
    problems: list[QuickEntryProblem] = []
    title = ""
    steps: list[_Step] = []
    numbers: set[int] = set()
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if len(steps) >= MAX_NODES:
            raise QuickEntryError(
                [QuickEntryProblem(line_no, f"步骤太多：一幅流程图最多{MAX_NODES}步")]
            )
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        heading = _TITLE.match(line)
        if heading and not steps:
            title = heading.group(1).strip()
            continue
        numbered = _NUMBERED.match(line)
        bullet = None if numbered else _BULLET.match(line)
        indented = line[:1].isspace() and bool(_ARROW.search(line))
        if bullet or (not numbered and indented):
            body = bullet.group(1) if bullet else line.strip()
            if not steps:
                problems.append(QuickEntryProblem(line_no, "分支要写在它所属的步骤下面"))
                continue
            parts = _ARROW.split(body)
            if len(parts) < 2:
                problems.append(QuickEntryProblem(line_no, "分支要用“→”写出去向，如“- 否 → 3”"))
                continue
            label, targets = parts[0].strip(), [p.strip() for p in parts[1:]]
            steps[-1].branches.append((line_no, label, targets))
            continue
        if numbered:
            digits = numbered.group(1) or numbered.group(2)
            if len(digits) > 4:
                problems.append(QuickEntryProblem(line_no, f"步骤编号{digits[:8]}…太大"))
                continue
            number = int(digits)
            body = numbered.group(3)
        else:
            number = steps[-1].number + 1 if steps else 1
            body = line.strip()
        if number in numbers:
            problems.append(QuickEntryProblem(line_no, f"步骤编号{number}重复"))
            continue
        numbers.add(number)
        parts = _ARROW.split(body)
        step = _Step(number, line_no, parts[0].strip())
        if len(parts) > 1:
            step.arrows = [p.strip() for p in parts[1:]]
        if not step.text:
            problems.append(QuickEntryProblem(line_no, "步骤没有文字"))
            continue
        steps.append(step)
    if not steps and not problems:
        problems.append(QuickEntryProblem(0, "没有可识别的步骤：请每行写一步，如“1. 申请”"))
    if problems:
        raise QuickEntryError(problems)
    return _build(title, steps)


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[FlowNode] = []
        self.edges: list[FlowEdge] = []

    def node(self, spec: _NodeSpec, default: NodeKind) -> FlowNode:
        kind = spec.kind or (NodeKind.END if _is_end_text(spec.text) else default)
        node = FlowNode(f"n{len(self.nodes) + 1}", kind, spec.text, spec.post, spec.days)
        self.nodes.append(node)
        return node

    def edge(self, source: str, target: str, label: str = "") -> None:
        self.edges.append(FlowEdge(f"e{len(self.edges) + 1}", source, target, label))


def _build(title: str, steps: list[_Step]) -> Flowchart:
    builder = _Builder()
    problems: list[QuickEntryProblem] = []
    by_number: dict[int, FlowNode] = {}
    specs = {s.number: _spec(s.text) for s in steps}
    for i, step in enumerate(steps):
        spec = specs[step.number]
        labelled = sum(1 for _, label, _ in step.branches if label)
        if spec.kind is None and not _is_end_text(spec.text):
            if i == 0:
                spec.kind = NodeKind.START
            elif spec.text.endswith(("？", "?")) or labelled >= 2:
                spec.kind = NodeKind.DECISION
        by_number[step.number] = builder.node(spec, NodeKind.STEP)

    def target(line: int, word: str) -> FlowNode | None:
        ref = _STEP_REF.match(word)
        if ref:
            found = by_number.get(int(ref.group(1)))
            if found is None:
                problems.append(QuickEntryProblem(line, f"没有第{ref.group(1)}步"))
            return found
        spec = _spec(word)
        if not spec.text:
            problems.append(QuickEntryProblem(line, "“→”后面缺少去向"))
            return None
        return builder.node(spec, NodeKind.STEP)

    def chain(line: int, source: FlowNode, label: str, words: list[str]) -> None:
        current, first = source, True
        for word in words:
            if word == NO_TARGET:
                return
            nxt = target(line, word)
            if nxt is None:
                return
            builder.edge(current.key, nxt.key, label if first else "")
            current, first = nxt, False
        if current is not source and current.kind is not NodeKind.END and not _is_ref(words[-1]):
            # A branch that ends on a new step ends there: give it its end.
            end = builder.node(_NodeSpec(NodeKind.END, "结束", "", None), NodeKind.END)
            builder.edge(current.key, end.key)

    for i, step in enumerate(steps):
        node = by_number[step.number]
        if step.arrows is not None:
            chain(step.line, node, "", step.arrows)
        for line, label, words in step.branches:
            chain(line, node, label, words)
        if step.arrows is None and not step.branches and node.kind is not NodeKind.END:
            if i + 1 < len(steps):
                builder.edge(node.key, by_number[steps[i + 1].number].key)
            else:
                end = builder.node(_NodeSpec(NodeKind.END, "结束", "", None), NodeKind.END)
                builder.edge(node.key, end.key)
    if problems:
        raise QuickEntryError(problems)
    return Flowchart(title, builder.nodes, builder.edges)


def _is_ref(word: str) -> bool:
    return bool(_STEP_REF.match(word)) or word == NO_TARGET


def format_quick_entry(chart: Flowchart) -> str:
    """The chart as quick-entry text: parsing it gives back the same nodes, kinds, texts,
    posts, time limits and edges (in a canonical order; positions are not kept)."""
    order = _line_order(chart)
    number = {node.key: i + 1 for i, node in enumerate(order)}
    outgoing: dict[str, list[FlowEdge]] = {n.key: [] for n in chart.nodes}
    for edge in chart.edges:
        if edge.source in outgoing and edge.target in number:
            outgoing[edge.source].append(edge)
    lines = [f"标题：{chart.title}"] if chart.title.strip() else []
    for i, node in enumerate(order):
        out = outgoing[node.key]
        labelled = sum(1 for e in out if _flat(e.label))
        head = f"{i + 1}. {_mark(node, i == 0, labelled)}{_flat(node.text)}{_detail(node)}"
        nxt = order[i + 1].key if i + 1 < len(order) else None
        if not out:
            lines.append(head if node.kind is NodeKind.END else f"{head} → {NO_TARGET}")
        elif (
            len(out) == 1
            and not out[0].label
            and out[0].target == nxt
            and node.kind is not NodeKind.END
        ):
            lines.append(head)  # goes on to the next line
        elif len(out) == 1 and not out[0].label:
            lines.append(f"{head} → {number[out[0].target or '']}")
        else:
            lines.append(head)
            for edge in out:
                label = _flat(edge.label)
                lines.append(f"   - {label}{' ' if label else ''}→ {number[edge.target or '']}")
    return "\n".join(lines) + "\n"


def _line_order(chart: Flowchart) -> list[FlowNode]:
    starts = [n for n in chart.nodes if n.kind is NodeKind.START]
    first = starts[:1]
    return first + [n for n in chart.nodes if n not in first]


def _mark(node: FlowNode, first: bool, labelled: int) -> str:
    text = _flat(node.text)
    implied: NodeKind
    if first:
        implied = NodeKind.END if _is_end_text(text) else NodeKind.START
    elif _is_end_text(text):
        implied = NodeKind.END
    elif text.endswith(("？", "?")) or labelled >= 2:
        implied = NodeKind.DECISION
    else:
        implied = NodeKind.STEP
    if text and node.kind is implied and not _looks_marked(text):
        return ""
    return f"[{_MARK_FOR_KIND[node.kind]}]"


def _looks_marked(text: str) -> bool:
    mark = _MARK.match(text)
    return bool(mark and mark.group(1) in _KIND_MARKS)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _detail(node: FlowNode) -> str:
    parts = [p for p in (_flat(node.post),) if p]
    if node.time_limit_days:
        parts.append(f"{node.time_limit_days}个工作日")
    return "（" + "，".join(parts) + "）" if parts else ""
