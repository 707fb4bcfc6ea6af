"""Automatic top-to-bottom layout of a flowchart.

The layered (Sugiyama) work is done by grandalf, a pure-Python graph drawing library:
breaking cycles (a 补正 loop back to 受理 is one), assigning every node to a layer, adding
dummy vertices for edges that span several layers and ordering each layer to reduce
crossings. Only the horizontal placement is ours, because an approval procedure reads best
with its main line straight down the middle and the exceptions (补正, 不予受理, 不予许可)
to the side: the longest path from the start is that main line and stays in one column;
every other vertex keeps grandalf's order within its layer and is pulled toward the vertices
it comes from, pushed sideways only as far as needed to keep a gap.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import GRID, size_of, snap
from gwgk_desktop.domain.models import Flowchart

X_GAP = 60.0  # between neighbours in a layer: room for an edge label
Y_GAP = 50.0  # between layers: room for a label under a node
COMPONENT_GAP = 80.0
DUMMY_WIDTH = 30.0
ORDERING_ROUNDS = 4
#: Edge labels that lead away from the main line of a procedure.
REFUSAL_WORDS = ("不", "否", "补正", "退回", "驳回", "告知")


class _View:
    """What grandalf needs of a vertex's drawing: its size, and where it put it."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy: tuple[float, float] = (0.0, 0.0)


def layout_positions(chart: Flowchart) -> dict[str, tuple[float, float]]:
    """New centre positions for every node, keyed by node key (grid-aligned)."""
    if not chart.nodes:
        return {}
    vertices = {n.key: Vertex(n.key) for n in chart.nodes}
    for node in chart.nodes:
        size = size_of(node)
        vertices[node.key].view = _View(size.width, size.height)
    edges = []
    seen_pairs: set[tuple[str, str]] = set()
    for edge in chart.edges:
        if edge.source not in vertices or edge.target not in vertices:
            continue
        if edge.source == edge.target or (edge.source, edge.target) in seen_pairs:
            continue
        seen_pairs.add((edge.source, edge.target))
        edges.append(Edge(vertices[edge.source], vertices[edge.target]))
    graph = Graph(list(vertices.values()), edges)
    order = {n.key: i for i, n in enumerate(chart.nodes)}
    start_keys = {n.key for n in chart.nodes if n.kind is NodeKind.START}
    incoming: dict[str, list[str]] = defaultdict(list)
    for edge in chart.edges:
        if edge.target is not None:
            incoming[edge.target].append(edge.label)
    negative = {
        key
        for key, labels in incoming.items()
        if labels and all(any(w in label for w in REFUSAL_WORDS) for label in labels)
    }

    positions: dict[str, tuple[float, float]] = {}
    offset = 0.0
    components = sorted(graph.C, key=lambda c: min(order[v.data] for v in c.sV))
    # grandalf ranks and searches recursively: a long chain needs a deeper stack.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10000))
    try:
        for component in components:
            placed = _layout_component(component, start_keys, order, negative)
            left = min(x - w / 2 for x, _, w in placed.values())
            right = max(x + w / 2 for x, _, w in placed.values())
            shift = offset - left
            for key, (x, y, _) in placed.items():
                positions[key] = (snap(x + shift), snap(y))
            offset += right - left + COMPONENT_GAP
    finally:
        sys.setrecursionlimit(limit)
    # Centre the whole chart on x = 0, like the template.
    if positions:
        xs = [x for x, _ in positions.values()]
        mid = snap((min(xs) + max(xs)) / 2)
        first = chart.nodes[0].key
        if len(components) == 1:
            mid = positions[first][0]
        positions = {k: (x - mid, y) for k, (x, y) in positions.items()}
    return positions


def _layout_component(
    component: Graph, start_keys: set[str], order: dict[str, int], negative: set[str]
) -> dict[str, tuple[float, float, float]]:
    """(x, y, width) of each node of one connected component."""
    preferred = sorted(
        (v for v in component.sV if v.data in start_keys), key=lambda v: order[v.data]
    )
    if not preferred:
        preferred = sorted(component.sV, key=lambda v: (bool(v.e_in()), order[v.data]))[:1]
    # Edges to turn round so the graph has no cycle (a 补正 loop back to 受理): found by
    # grandalf's depth-first search from the start.
    component.get_scs_with_feedback(preferred)
    inverted = [e for e in component.sE if getattr(e, "feedback", False)]
    flipped = set(inverted)

    def has_inflow(v: Vertex) -> bool:
        ins = [e for e in v.e_in() if e not in flipped]
        outs_flipped = [e for e in v.e_out() if e in flipped]
        return bool(ins or outs_flipped)

    # Roots take the top layer: the start, and anything nothing leads to.
    roots = [v for v in preferred if not has_inflow(v)]
    roots += sorted(
        (v for v in component.sV if v not in roots and not has_inflow(v)),
        key=lambda v: order[v.data],
    )
    sug = SugiyamaLayout(component)
    sug.xspace, sug.yspace = X_GAP, Y_GAP
    sug.init_all(roots=roots, inverted_edges=inverted)

    layers: list[list[Vertex]] = [list(layer) for layer in sug.layers]
    rank = {v: i for i, layer in enumerate(layers) for v in layer}
    upper: dict[Vertex, list[Vertex]] = defaultdict(list)
    lower: dict[Vertex, list[Vertex]] = defaultdict(list)
    for layer in layers:
        for v in layer:
            for u in _upper_neighbours(sug, v):
                if rank.get(u) == rank[v] - 1:
                    upper[v].append(u)
                    lower[u].append(v)
    top = roots[0] if roots else layers[0][0]
    spine = _spine(layers, lower, top, rank, negative)

    # Start grandalf's crossing reduction from an order with the main line in the middle
    # and each branch wholly on one side (alternating between branches); grandalf only
    # reorders layers that still have crossings.
    side: dict[Vertex, int] = dict.fromkeys(spine, 0)

    def side_of_upper(u: Vertex) -> int:
        if _is_real(u):
            return side.get(u, 0)
        top = u.ctrl[min(u.ctrl)]  # a dummy: the real vertex at the top of its edge
        return side.get(top, 0)

    for layer in layers:
        count = {-1: 0, 1: 0}
        for v in layer:
            if v in spine or not _is_real(v):
                continue
            sides = [side_of_upper(u) for u in upper[v]]
            total = sum(sides)
            side[v] = (-1 if total < 0 else 1) if total else (-1 if count[-1] <= count[1] else 1)
            count[side[v]] += 1
    for layer in layers:
        for v in layer:
            if v in spine or _is_real(v):
                continue
            ends = [v.ctrl[max(v.ctrl)], v.ctrl[min(v.ctrl)]]
            side[v] = next((side[e] for e in ends if side.get(e)), 1)
    for grandalf_layer in sug.layers:
        members = list(grandalf_layer)
        grandalf_layer[:] = (
            [v for v in members if side[v] < 0]
            + [v for v in members if side[v] == 0]
            + [v for v in members if side[v] > 0]
        )
    for grandalf_layer in sug.layers:
        grandalf_layer.setup(sug)
    for _ in range(ORDERING_ROUNDS):
        moved = sum(m for _, m in sug.ordering_step())
        if not moved:
            break
    layers = [list(layer) for layer in sug.layers]

    def width(v: Vertex) -> float:
        return float(v.view.w) if _is_real(v) else DUMMY_WIDTH

    xs: dict[Vertex, float] = {}
    for layer in layers:
        wanted = {}
        for v in layer:
            ups = [xs[u] for u in upper[v] if u in xs]
            wanted[v] = sum(ups) / len(ups) if ups else None
        anchor = next((i for i, v in enumerate(layer) if v in spine), None)
        if anchor is not None:
            xs[layer[anchor]] = 0.0
            for i in range(anchor + 1, len(layer)):
                prev, v = layer[i - 1], layer[i]
                least = xs[prev] + (width(prev) + width(v)) / 2 + X_GAP
                want = wanted[v]
                xs[v] = least if want is None else max(least, want)
            for i in range(anchor - 1, -1, -1):
                nxt, v = layer[i + 1], layer[i]
                most = xs[nxt] - (width(nxt) + width(v)) / 2 - X_GAP
                want = wanted[v]
                xs[v] = most if want is None else min(most, want)
        else:
            _place_free(layer, wanted, width, xs)

    placed: dict[str, tuple[float, float, float]] = {}
    y = 0.0
    for layer in layers:
        height = max((float(v.view.h) for v in layer if _is_real(v)), default=GRID * 2)
        for v in layer:
            if _is_real(v):
                placed[v.data] = (xs[v], y + height / 2, width(v))
        y += height + Y_GAP
    return placed


def _is_real(v: Vertex) -> bool:
    return hasattr(v, "data")


def _upper_neighbours(sug: SugiyamaLayout, v: Vertex) -> list[Vertex]:
    """Vertices of the layer above linked to ``v`` by an edge in either direction, with
    grandalf's dummy vertices standing in for the part of a long edge in that layer."""
    r = sug.grx[v].rank
    if getattr(v, "ctrl", None) is not None:  # a dummy vertex: one link up, one down
        up = v.ctrl.get(r - 1)
        return [up] if up is not None else []
    found = []
    for edge in v.e:
        other = edge.v[1] if edge.v[0] is v else edge.v[0]
        if other is v:
            continue
        if sug.grx[other].rank == r - 1:
            found.append(other)
        elif edge in sug.ctrls and sug.ctrls[edge].get(r) is v and r - 1 in sug.ctrls[edge]:
            found.append(sug.ctrls[edge][r - 1])
    return found


def _spine(
    layers: list[list[Vertex]],
    lower: dict[Vertex, list[Vertex]],
    root: Vertex,
    rank: dict[Vertex, int],
    negative: set[str],
) -> set[Vertex]:
    """The chart's main line: the longest downward path from the root (dummies included).
    Among equally long ways on, the one with more nodes below it, then one not reached by
    a refusal (不予、否、补正…), then grandalf's first."""
    depth: dict[Vertex, int] = {}
    size: dict[Vertex, int] = {}
    for layer in reversed(layers):
        for v in layer:
            depth[v] = 1 + max((depth[w] for w in lower[v]), default=0)
            size[v] = 1 + sum(size[w] for w in lower[v])

    def refused(w: Vertex) -> bool:
        real = w if _is_real(w) else w.ctrl[max(w.ctrl)]
        return str(real.data) in negative

    path = {root}
    v = root
    while lower[v]:
        v = max(
            lower[v],
            key=lambda w: (depth[w], size[w], not refused(w), -layers[rank[w]].index(w)),
        )
        path.add(v)
    return path


def _place_free(
    layer: list[Vertex],
    wanted: dict[Vertex, float | None],
    width: Callable[[Vertex], float],
    xs: dict[Vertex, float],
) -> None:
    """A layer with no main-line vertex: in order, as close to where each wants to be."""
    x = None
    for v in layer:
        want = wanted[v]
        if x is None:
            x = 0.0 if want is None else want
        else:
            least = x + X_GAP
            x = least if want is None else max(least, want)
        xs[v] = x + width(v) / 2
        x = xs[v] + width(v) / 2


def auto_layout(chart: Flowchart) -> Flowchart:
    """A copy of ``chart`` with every node moved to its laid-out position."""
    positions = layout_positions(chart)
    nodes = [replace(n, x=positions[n.key][0], y=positions[n.key][1]) for n in chart.nodes]
    return Flowchart(chart.title, nodes, [replace(e) for e in chart.edges])
