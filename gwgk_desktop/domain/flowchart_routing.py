"""Orthogonal routes for flowchart edges and where their labels go, computed from the
model alone so the editor and the PDF draw the same lines.

Each edge leaves its source from the middle of one side of the shape and enters its target
the same way (see ``flowchart_geometry.port``). For every edge a handful of candidate
routes is generated (straight, L-, Z-shaped, and detours around the nodes), each is scored
(bends and length; a side that goes against the flow; passing through a node; crossing or
running along an edge routed before; sharing a port with an edge going the other way), and
the cheapest wins. Candidates are scored cheapest-first and scoring stops as soon as no
remaining candidate can beat the best one, so a typical edge costs one or two checks.
Edges are routed in a fixed order (downward flow first, back-edges last) so the result
depends only on the chart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import (
    SMALL_FONT_SIZE,
    Bounds,
    Point,
    node_bounds,
    port,
    text_width,
)
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode

STUB = 16.0  # shortest straight run out of (or into) a port before a bend
LANE = 26.0  # distance of a detour from the nodes it goes around
_CELL = 120.0

_OUTWARD: dict[str, Point] = {"T": (0, -1), "B": (0, 1), "L": (-1, 0), "R": (1, 0)}
_SIDES = ("T", "B", "L", "R")

# Costs. A candidate's base cost (bends, length, sides) is known before it is checked
# against the rest of the chart; penalties are added by that check.
_BEND = 6.0
_LENGTH = 0.02
_HIT_NODE = 1000.0
_CROSS = 60.0
_OVERLAP = 150.0
_MERGE = 8.0
_PORT_BOTH_WAYS = 90.0
_PORT_SHARED_OUT = 45.0
_PORT_SHARED_IN = 12.0


@dataclass(frozen=True)
class LabelBox:
    """An edge label's text and the box it is drawn in (centre, size)."""

    text: str
    x: float
    y: float
    width: float
    height: float

    @property
    def bounds(self) -> Bounds:
        return Bounds(
            self.x - self.width / 2,
            self.y - self.height / 2,
            self.x + self.width / 2,
            self.y + self.height / 2,
        )


@dataclass(frozen=True)
class EdgeRoute:
    """The polyline of one edge, from the source's port to the target's, and its label."""

    key: str
    points: tuple[Point, ...]
    label: LabelBox | None = None
    source_side: str = "B"
    target_side: str = "T"

    def segments(self) -> Iterator[tuple[Point, Point]]:
        return pairwise(self.points)


@dataclass
class _Segment:
    a: Point
    b: Point
    edge: str
    end: Point  # the route's final point, to tell a merge from an overlap

    @property
    def horizontal(self) -> bool:
        return abs(self.a[1] - self.b[1]) < 0.5


class _Grid:
    """A uniform grid of cells, each listing the objects whose boxes touch it."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[object]] = defaultdict(list)

    @staticmethod
    def _span(left: float, top: float, right: float, bottom: float) -> Iterator[tuple[int, int]]:
        for cx in range(int(left // _CELL), int(right // _CELL) + 1):
            for cy in range(int(top // _CELL), int(bottom // _CELL) + 1):
                yield cx, cy

    def add(self, obj: object, left: float, top: float, right: float, bottom: float) -> None:
        for cell in self._span(left, top, right, bottom):
            self.cells[cell].append(obj)

    def query(self, left: float, top: float, right: float, bottom: float) -> list[object]:
        found: dict[int, object] = {}
        for cell in self._span(left, top, right, bottom):
            for obj in self.cells.get(cell, ()):
                found[id(obj)] = obj
        return list(found.values())


def _seg_box(a: Point, b: Point) -> tuple[float, float, float, float]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _hits_box(a: Point, b: Point, box: Bounds) -> bool:
    left, top, right, bottom = _seg_box(a, b)
    shrink = 1.0
    return (
        left < box.right - shrink
        and right > box.left + shrink
        and top < box.bottom - shrink
        and bottom > box.top + shrink
    )


def _simplify(points: Sequence[Point]) -> list[Point] | None:
    """Drop repeated and collinear points; None if the path doubles back on itself or
    is not made of horizontal and vertical runs."""
    out: list[Point] = [points[0]]
    for p in points[1:]:
        last = out[-1]
        dx, dy = p[0] - last[0], p[1] - last[1]
        if abs(dx) < 1e-6 and abs(dy) < 1e-6:
            continue
        if abs(dx) > 1e-6 and abs(dy) > 1e-6:
            return None
        if len(out) >= 2:
            prev = out[-2]
            px, py = last[0] - prev[0], last[1] - prev[1]
            if (abs(px) < 1e-6 and abs(dx) < 1e-6) or (abs(py) < 1e-6 and abs(dy) < 1e-6):
                if px * dx < 0 or py * dy < 0:
                    return None
                out[-1] = p
                continue
        out.append(p)
    return out if len(out) >= 2 else None


def _direction(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    return (
        0 if abs(dx) < 1e-6 else (1 if dx > 0 else -1),
        0 if abs(dy) < 1e-6 else (1 if dy > 0 else -1),
    )


def _length(points: Sequence[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in pairwise(points))


@dataclass
class _Candidate:
    points: list[Point]
    source_side: str
    target_side: str
    base: float


def _side_cost(source: FlowNode, target: FlowNode, s_side: str, t_side: str) -> float:
    sb, tb = node_bounds(source), node_bounds(target)
    if tb.top >= sb.bottom:  # downward flow
        s_cost = {"B": 0.0, "L": 10.0, "R": 10.0, "T": 40.0}[s_side]
        if source.kind is NodeKind.DECISION and s_side in "LR":
            s_cost = 2.0
        t_cost = {"T": 0.0, "L": 8.0, "R": 8.0, "B": 40.0}[t_side]
    elif tb.bottom <= sb.top:  # back-edge, upward
        s_cost = {"L": 0.0, "R": 0.0, "T": 6.0, "B": 20.0}[s_side]
        t_cost = {"L": 0.0, "R": 0.0, "T": 4.0, "B": 25.0}[t_side]
    else:  # side by side
        toward = "R" if target.x >= source.x else "L"
        away = "L" if toward == "R" else "R"
        s_cost = 0.0 if s_side == toward else 12.0
        t_cost = 0.0 if t_side == away else 12.0
    return s_cost + t_cost


class Router:
    """Routes the edges of one chart, each against the nodes and the edges routed before."""

    def __init__(self, chart: Flowchart) -> None:
        self.nodes: dict[str, FlowNode] = {n.key: n for n in chart.nodes}
        self.bounds: dict[str, Bounds] = {k: node_bounds(n) for k, n in self.nodes.items()}
        self._node_grid = _Grid()
        for key, box in self.bounds.items():
            self._node_grid.add(key, box.left, box.top, box.right, box.bottom)
        self._seg_grid = _Grid()
        self._ports: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._labels = _Grid()

    # -- candidates --------------------------------------------------------------------

    def _connect(
        self, source: FlowNode, target: FlowNode, s_side: str, t_side: str, far: bool
    ) -> Iterator[list[Point]]:
        ps, pt = port(source, s_side), port(target, t_side)
        ds, dt = _OUTWARD[s_side], _OUTWARD[t_side]
        a = (ps[0] + ds[0] * STUB, ps[1] + ds[1] * STUB)
        b = (pt[0] + dt[0] * STUB, pt[1] + dt[1] * STUB)
        if not far:
            yield [ps, pt]
            yield [ps, (ps[0], pt[1]), pt]
            yield [ps, (pt[0], ps[1]), pt]
            yield [ps, a, (a[0], b[1]), b, pt]
            yield [ps, a, (b[0], a[1]), b, pt]
            mid_x, mid_y = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            yield [ps, a, (mid_x, a[1]), (mid_x, b[1]), b, pt]
            yield [ps, a, (a[0], mid_y), (b[0], mid_y), b, pt]
        sb, tb = self.bounds[source.key], self.bounds[target.key]
        if far:
            lo, hi = min(sb.top, tb.top), max(sb.bottom, tb.bottom)
            left, right = self._clear_x(lo, hi)
            lo_x, hi_x = min(sb.left, tb.left), max(sb.right, tb.right)
            top, bottom = self._clear_y(lo_x, hi_x)
        else:
            left, right = min(sb.left, tb.left) - LANE, max(sb.right, tb.right) + LANE
            top, bottom = min(sb.top, tb.top) - LANE, max(sb.bottom, tb.bottom) + LANE
        for lane_x in (left, right):
            yield [ps, a, (lane_x, a[1]), (lane_x, b[1]), b, pt]
        for lane_y in (top, bottom):
            yield [ps, a, (a[0], lane_y), (b[0], lane_y), b, pt]

    def _clear_x(self, top: float, bottom: float) -> tuple[float, float]:
        boxes = [b for b in self.bounds.values() if b.top < bottom and b.bottom > top]
        return min(b.left for b in boxes) - LANE, max(b.right for b in boxes) + LANE

    def _clear_y(self, left: float, right: float) -> tuple[float, float]:
        boxes = [b for b in self.bounds.values() if b.left < right and b.right > left]
        return min(b.top for b in boxes) - LANE, max(b.bottom for b in boxes) + LANE

    def _side_pairs(self, source: FlowNode, target: FlowNode) -> list[tuple[float, str, str]]:
        return sorted(
            (_side_cost(source, target, s_side, t_side), s_side, t_side)
            for s_side in _SIDES
            for t_side in _SIDES
        )

    def _candidates(
        self, source: FlowNode, target: FlowNode, s_side: str, t_side: str, sides: float, far: bool
    ) -> list[_Candidate]:
        out: list[_Candidate] = []
        seen: set[tuple[Point, ...]] = set()
        outward, inward = _OUTWARD[s_side], _OUTWARD[t_side]
        for raw in self._connect(source, target, s_side, t_side, far):
            points = _simplify(raw)
            if points is None:
                continue
            if _direction(points[0], points[1]) != outward:
                continue
            if _direction(points[-2], points[-1]) != (-inward[0], -inward[1]):
                continue
            key = tuple(points)
            if key in seen:
                continue
            seen.add(key)
            base = sides + _BEND * (len(points) - 2) + _LENGTH * _length(points)
            out.append(_Candidate(points, s_side, t_side, base))
        out.sort(key=lambda c: c.base)
        return out

    # -- scoring -----------------------------------------------------------------------

    def _penalty(self, edge: FlowEdge, cand: _Candidate, limit: float) -> float:
        assert edge.source is not None and edge.target is not None
        penalty = 0.0
        outs = self._ports.get((edge.source, cand.source_side), [])
        if "in" in outs:
            penalty += _PORT_BOTH_WAYS
        if "out" in outs:
            penalty += _PORT_SHARED_OUT
        ins = self._ports.get((edge.target, cand.target_side), [])
        if "out" in ins:
            penalty += _PORT_BOTH_WAYS
        if "in" in ins:
            penalty += _PORT_SHARED_IN
        end = cand.points[-1]
        last = len(cand.points) - 2
        for i, (a, b) in enumerate(pairwise(cand.points)):
            if penalty >= limit:
                return penalty
            left, top, right, bottom = _seg_box(a, b)
            for key in self._node_grid.query(left, top, right, bottom):
                # The first run leaves the source outward and the last enters the target:
                # they touch their own node's box only where the shape is not (a
                # document's wave), so those two are not counted.
                if (i == 0 and key == edge.source) or (i == last and key == edge.target):
                    continue
                if _hits_box(a, b, self.bounds[str(key)]):
                    penalty += _HIT_NODE
            horizontal = abs(a[1] - b[1]) < 0.5
            for obj in self._seg_grid.query(left - 1, top - 1, right + 1, bottom + 1):
                assert isinstance(obj, _Segment)
                penalty += _seg_cost(a, b, horizontal, end, obj)
        return penalty

    def route(self, edge: FlowEdge) -> EdgeRoute | None:
        """The best route for ``edge`` given what is routed already, or None if an end of
        the edge is missing. Call ``add`` to make later edges avoid it."""
        source = self.nodes.get(edge.source or "")
        target = self.nodes.get(edge.target or "")
        if source is None or target is None:
            return None
        if source is target:
            return self._self_loop(edge, source)
        best: _Candidate | None = None
        best_cost = float("inf")
        pairs = self._side_pairs(source, target)
        for far in (False, True):
            for sides, s_side, t_side in pairs:
                if sides >= best_cost:
                    break  # every later pair costs at least this much before any check
                for cand in self._candidates(source, target, s_side, t_side, sides, far):
                    if cand.base >= best_cost:
                        break
                    cost = cand.base + self._penalty(edge, cand, best_cost - cand.base)
                    if cost < best_cost:
                        best, best_cost = cand, cost
            if best_cost < _CROSS:  # nothing in the way: no need for detours
                break
        assert best is not None
        return EdgeRoute(
            edge.key,
            tuple(best.points),
            self._label(edge, best.points),
            best.source_side,
            best.target_side,
        )

    def _self_loop(self, edge: FlowEdge, node: FlowNode) -> EdgeRoute:
        box = self.bounds[node.key]
        r, t = port(node, "R"), port(node, "T")
        points = (
            r,
            (box.right + STUB, r[1]),
            (box.right + STUB, box.top - STUB),
            (t[0], box.top - STUB),
            t,
        )
        return EdgeRoute(edge.key, points, self._label(edge, list(points)), "R", "T")

    def add(self, route: EdgeRoute, edge: FlowEdge) -> None:
        assert edge.source is not None and edge.target is not None
        self._ports[(edge.source, route.source_side)].append("out")
        self._ports[(edge.target, route.target_side)].append("in")
        for a, b in route.segments():
            seg = _Segment(a, b, route.key, route.points[-1])
            left, top, right, bottom = _seg_box(a, b)
            self._seg_grid.add(seg, left, top, right, bottom)
        if route.label is not None:
            box = route.label.bounds
            self._labels.add(box, box.left, box.top, box.right, box.bottom)

    # -- labels ------------------------------------------------------------------------

    def _label(self, edge: FlowEdge, points: Sequence[Point]) -> LabelBox | None:
        """Where the label goes: beside the first run of the line, just past the port (as
        a 是/否 is written at a decision's corner), else beside the second run; the first
        spot clear of nodes, other labels and lines wins."""
        text = " ".join(edge.label.split())
        if not text:
            return None
        width = text_width(text, SMALL_FONT_SIZE) + 4
        height = SMALL_FONT_SIZE * 1.4
        gap = 3.0
        spots: list[Point] = []
        for (x0, y0), (x1, y1) in list(pairwise(points))[:2]:
            dx, dy = _direction((x0, y0), (x1, y1))
            if dy:  # a vertical run: left or right of it
                cy = y0 + dy * (height / 2 + gap)
                spots += [(x0 + gap + width / 2, cy), (x0 - gap - width / 2, cy)]
            else:  # a horizontal run: above or below it
                cx = x0 + dx * (width / 2 + gap + 2)
                spots += [(cx, y0 - gap - height / 2), (cx, y0 + gap + height / 2)]
        own = list(pairwise(points))
        for x, y in spots:
            box = LabelBox(text, x, y, width, height)
            if not self._label_blocked(box.bounds, own):
                return box
        x, y = spots[0]
        return LabelBox(text, x, y, width, height)

    def _label_blocked(self, box: Bounds, own: Sequence[tuple[Point, Point]]) -> bool:
        for key in self._node_grid.query(box.left, box.top, box.right, box.bottom):
            if self.bounds[str(key)].intersects(box):
                return True
        for other in self._labels.query(box.left, box.top, box.right, box.bottom):
            assert isinstance(other, Bounds)
            if other.intersects(box):
                return True
        segments = [
            (s.a, s.b)
            for s in self._seg_grid.query(box.left, box.top, box.right, box.bottom)
            if isinstance(s, _Segment)
        ]
        return any(_hits_box(a, b, box) for a, b in [*segments, *own])


def _seg_cost(a: Point, b: Point, horizontal: bool, end: Point, other: _Segment) -> float:
    if horizontal == other.horizontal:
        axis = 1 if horizontal else 0
        if abs(a[axis] - other.a[axis]) >= 0.5:
            return 0.0
        along = 0 if horizontal else 1
        lo = max(min(a[along], b[along]), min(other.a[along], other.b[along]))
        hi = min(max(a[along], b[along]), max(other.a[along], other.b[along]))
        if hi - lo <= 0.5:
            return 0.0
        same_end = abs(end[0] - other.end[0]) < 0.5 and abs(end[1] - other.end[1]) < 0.5
        return _MERGE if same_end else _OVERLAP
    h0, h1, v0, v1 = (a, b, other.a, other.b) if horizontal else (other.a, other.b, a, b)
    x, y = v0[0], h0[1]
    if not (
        min(h0[0], h1[0]) - 0.5 <= x <= max(h0[0], h1[0]) + 0.5
        and min(v0[1], v1[1]) - 0.5 <= y <= max(v0[1], v1[1]) + 0.5
    ):
        return 0.0
    if abs(end[0] - other.end[0]) < 0.5 and abs(end[1] - other.end[1]) < 0.5:
        return 0.0  # both lead into the same port: a junction where the flows merge
    ends = [(a, b), (other.a, other.b)]
    at_end = [any(abs(p[0] - x) < 0.5 and abs(p[1] - y) < 0.5 for p in pair) for pair in ends]
    if all(at_end):
        return _CROSS / 2  # meeting at a corner or a shared port
    return _CROSS


def _order(chart: Flowchart) -> list[FlowEdge]:
    """Downward edges first (top to bottom), then sideways ones, then back-edges, so the
    main flow gets the straight lines and the loops go around it."""
    nodes = {n.key: n for n in chart.nodes}

    def rank(item: tuple[int, FlowEdge]) -> tuple[int, float, int, int]:
        index, edge = item
        s, t = nodes.get(edge.source or ""), nodes.get(edge.target or "")
        if s is None or t is None:
            return (3, 0.0, 0, index)
        group = 0 if t.y > s.y + 1 else (1 if abs(t.y - s.y) <= 1 else 2)
        straight = 0 if abs(t.x - s.x) < 0.5 else 1
        return (group, s.y, straight, index)

    return [e for _, e in sorted(enumerate(chart.edges), key=rank)]


#: What a chart's routes depend on: every node (its size follows from its kind and texts)
#: and every edge, in order; not the title.
_NodeKey = tuple[str, NodeKind, str, str, int | None, float, float]
_ChartKey = tuple[tuple[_NodeKey, ...], tuple[tuple[str, str | None, str | None, str], ...]]


def chart_key(chart: Flowchart) -> _ChartKey:
    """What ``route_chart`` (and anything drawn from the routes) depends on, hashable."""
    nodes = tuple((n.key, n.kind, n.text, n.post, n.time_limit_days, n.x, n.y) for n in chart.nodes)
    edges = tuple((e.key, e.source, e.target, e.label) for e in chart.edges)
    return nodes, edges


@lru_cache(maxsize=256)
def _routes_of(key: _ChartKey) -> tuple[tuple[str, EdgeRoute], ...]:
    """The routes of the chart ``key`` describes. Charts with the same nodes and edges
    (the procedure of several windows, the same chart printed again, undo in the editor)
    are routed once per process; routes are immutable, so sharing them is safe."""
    nodes, edges = key
    chart = Flowchart(
        nodes=[
            FlowNode(k, kind, text, post, days, x, y) for k, kind, text, post, days, x, y in nodes
        ],
        edges=[FlowEdge(k, source, target, label) for k, source, target, label in edges],
    )
    router = Router(chart)
    routes: list[tuple[str, EdgeRoute]] = []
    for edge in _order(chart):
        route = router.route(edge)
        if route is not None:
            router.add(route, edge)
            routes.append((edge.key, route))
    return tuple(routes)


def route_chart(chart: Flowchart) -> dict[str, EdgeRoute]:
    """Routes for every edge that has both ends, keyed by edge key."""
    return dict(_routes_of(chart_key(chart)))


# -- checks used by tests and the benchmark ----------------------------------------------


def crossings(routes: Iterable[EdgeRoute]) -> list[tuple[str, str]]:
    """Pairs of edges whose lines cross or run along each other (edges merging into the
    same port at the end, and edges meeting only at a shared node, do not count)."""
    routes = list(routes)
    found: list[tuple[str, str]] = []
    for i, first in enumerate(routes):
        for second in routes[i + 1 :]:
            if _routes_conflict(first, second):
                found.append((first.key, second.key))
    return found


def _routes_conflict(first: EdgeRoute, second: EdgeRoute) -> bool:
    end = first.points[-1]
    for a, b in first.segments():
        horizontal = abs(a[1] - b[1]) < 0.5
        for c, d in second.segments():
            seg = _Segment(c, d, second.key, second.points[-1])
            cost = _seg_cost(a, b, horizontal, end, seg)
            if cost > _MERGE:
                return True
    return False


def routes_through_nodes(chart: Flowchart, routes: dict[str, EdgeRoute]) -> list[str]:
    """Keys of edges whose line passes through a node's shape (other than leaving its own
    source and entering its own target)."""
    boxes = {n.key: node_bounds(n) for n in chart.nodes}
    found = []
    for edge in chart.edges:
        route = routes.get(edge.key)
        if route is None:
            continue
        segments = list(route.segments())
        for i, (a, b) in enumerate(segments):
            skip = {edge.source} if i == 0 else set()
            if i == len(segments) - 1:
                skip.add(edge.target)
            if any(_hits_box(a, b, box) for key, box in boxes.items() if key not in skip):
                found.append(edge.key)
                break
    return found
