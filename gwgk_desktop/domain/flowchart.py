"""Graph rules for approval-procedure flowcharts (审批程序流程图).

A chart is valid when it has exactly one start, at least one end, every node is reachable
from the start and can reach an end, every decision has at least two labelled outgoing
edges, and every edge has both ends. Each problem names the node or edge it is about so
the editor can mark it on the chart.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from gwgk_desktop.domain.enums import NodeKind, Severity
from gwgk_desktop.domain.models import Flowchart

#: Bounds of one chart (a licensing procedure has a few dozen steps): they keep layout,
#: drawing and the quick-entry parser quick and their stacks shallow.
MAX_NODES = 300
MAX_EDGES = 600
MAX_NODE_TEXT = 500
MAX_LABEL = 100


@dataclass(frozen=True)
class ChartProblem:
    message: str
    node: str | None = None
    edge: str | None = None
    severity: Severity = Severity.ERROR


def _reachable(start: Iterable[str], adjacency: dict[str, list[str]]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for nxt in adjacency.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _node_name(text: str, key: str) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if text else f"节点{key}"


def validate_flowchart(chart: Flowchart) -> list[ChartProblem]:
    problems: list[ChartProblem] = []
    keys = [n.key for n in chart.nodes]
    known = set(keys)
    if len(known) != len(keys):
        problems.append(ChartProblem("流程图中有重复的节点编号"))
    if not chart.nodes:
        return [ChartProblem("流程图是空的，请添加开始、办理环节和结束")]
    names = {n.key: _node_name(n.text, n.key) for n in chart.nodes}

    forward: dict[str, list[str]] = defaultdict(list)
    backward: dict[str, list[str]] = defaultdict(list)
    for edge in chart.edges:
        if edge.source is None or edge.target is None:
            problems.append(ChartProblem("有一条连线缺少起点或终点，请删除或连好", edge=edge.key))
            continue
        missing = [k for k in (edge.source, edge.target) if k not in known]
        if missing:
            problems.append(ChartProblem("有一条连线连接到不存在的节点", edge=edge.key))
            continue
        if edge.source == edge.target:
            problems.append(ChartProblem(f"{names[edge.source]}的连线指向自己", edge=edge.key))
        forward[edge.source].append(edge.target)
        backward[edge.target].append(edge.source)

    starts = [n for n in chart.nodes if n.kind is NodeKind.START]
    ends = [n for n in chart.nodes if n.kind is NodeKind.END]
    if not starts:
        problems.append(ChartProblem("流程图必须有一个“开始”节点"))
    for extra in starts[1:]:
        problems.append(ChartProblem("流程图只能有一个“开始”节点", node=extra.key))
    if not ends:
        problems.append(ChartProblem("流程图至少需要一个“结束”节点"))
    for start in starts:
        if backward.get(start.key):
            problems.append(
                ChartProblem(
                    "“开始”节点不应有指向它的连线", node=start.key, severity=Severity.WARNING
                )
            )
    for end in ends:
        if forward.get(end.key):
            problems.append(
                ChartProblem(
                    "“结束”节点不应再有向外的连线", node=end.key, severity=Severity.WARNING
                )
            )

    if starts:
        from_start = _reachable([starts[0].key], forward)
        for node in chart.nodes:
            if node.key not in from_start:
                problems.append(ChartProblem(f"{names[node.key]}无法从“开始”到达", node=node.key))
    if ends:
        to_end = _reachable([e.key for e in ends], backward)
        for node in chart.nodes:
            if node.key not in to_end:
                problems.append(ChartProblem(f"{names[node.key]}无法到达“结束”", node=node.key))

    outgoing_edges: dict[str, list[str]] = defaultdict(list)
    for edge in chart.edges:
        if edge.source is not None:
            outgoing_edges[edge.source].append(edge.key)
    edge_by_key = {e.key: e for e in chart.edges}
    for node in chart.nodes:
        if node.kind is not NodeKind.DECISION:
            continue
        out = outgoing_edges.get(node.key, [])
        if len(out) < 2:
            problems.append(
                ChartProblem(f"判断{names[node.key]}至少需要两条向外的连线", node=node.key)
            )
        for edge_key in out:
            if not edge_by_key[edge_key].label.strip():
                problems.append(
                    ChartProblem(
                        f"判断{names[node.key]}的每条向外连线都要标注条件（如“是”“否”）",
                        edge=edge_key,
                    )
                )
    for node in chart.nodes:
        if not node.text.strip() and node.kind not in (NodeKind.START, NodeKind.END):
            problems.append(
                ChartProblem("有节点没有文字", node=node.key, severity=Severity.WARNING)
            )
    return problems


def is_valid(chart: Flowchart) -> bool:
    return not any(p.severity is Severity.ERROR for p in validate_flowchart(chart))
