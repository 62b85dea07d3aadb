"""The drawing plan: nodes and edge pieces sorted into cells and measured (safe in a thread)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from netdesk.core.graph import GROUP_RELATIONSHIPS, ME, Forest, PersonNode, ReferralGraph
from netdesk.core.graph_layout import Layout
from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.ui.graph.graph_items import NODE_SIZE
from netdesk.ui.graph.scene_measures import (
    CELL,
    CLUSTER_KIND,
    CROSS,
    CURVE,
    FAINT,
    GROUP_KIND,
    KIND_OF_RELATIONSHIP,
    ME_KIND,
    NODE_REACH,
    TREE,
)


def cross_path(start: tuple[float, float], end: tuple[float, float]) -> QPainterPath:
    """A gentle curve from referrer to referred, with an arrowhead at the referred end (a
    QPainterPath is a plain value: it may be made in any thread)."""
    (x1, y1), (x2, y2) = start, end
    cx, cy = _cross_control(x1, y1, x2, y2)
    path = QPainterPath(QPointF(x1, y1))
    path.quadTo(QPointF(cx, cy), QPointF(x2, y2))
    head = _curve_pieces(x1, y1, x2, y2, 0, 0)[-1]
    path.moveTo(head[0], head[1])
    path.lineTo(head[2], head[3])
    path.lineTo(head[7], head[8])
    return path


def _cross_control(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bend = min(80.0, length * 0.2)
    return ((x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend)


PIECE = CELL / 2
"""Edges longer than this are cut into pieces, each kept by the cell it lies in: a long
edge kept whole would widen its cell's bounds till every frame painted that cell."""


CURVE_PIECE = CELL
"""A cross-link longer than this is drawn as one path item of its own (painted by Qt alone,
found by the scene's index by its outline); shorter ones are kept by a cell."""


def _line_pieces(x1: float, y1: float, x2: float, y2: float, kind: int, referral: int | None,
                 child: int) -> list[tuple]:
    """The line as pieces no longer than PIECE."""
    count = max(1, math.ceil(max(abs(x2 - x1), abs(y2 - y1)) / PIECE))
    if count == 1:
        return [(x1, y1, x2, y2, kind, referral, child)]
    dx, dy = (x2 - x1) / count, (y2 - y1) / count
    return [(x1 + i * dx, y1 + i * dy, x1 + (i + 1) * dx, y1 + (i + 1) * dy, kind, referral,
             child) for i in range(count)]


def _curve_at(x1: float, y1: float, x2: float, y2: float, t: float) -> tuple[float, float]:
    cx, cy = _cross_control(x1, y1, x2, y2)
    u = 1 - t
    return (u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2)


def piece_points(piece: tuple) -> tuple[float, ...]:
    """The polyline (x, y, x, y, ...) a piece of an edge draws.

    A piece is (x1, y1, x2, y2, kind, referral id or None, index of the node the edge leads
    to, *more): a line from (x1, y1) to (x2, y2); for a CURVE piece, a part of the curve
    between them (``more`` is the part's number and how many parts there are); for an
    arrowhead (CROSS), the line on to the point in ``more``.
    """
    kind = piece[4]
    if kind == CURVE:
        x1, y1, x2, y2 = piece[:4]
        t0, t1 = piece[7] / piece[8], (piece[7] + 1) / piece[8]
        steps = max(2, math.ceil(math.hypot(x2 - x1, y2 - y1) * (t1 - t0) / 40))
        return tuple(v for i in range(steps + 1)
                     for v in _curve_at(x1, y1, x2, y2, t0 + (t1 - t0) * i / steps))
    if kind == CROSS:
        return (*piece[:4], *piece[7:9])
    return piece[:4]


def _curve_pieces(x1: float, y1: float, x2: float, y2: float, referral: int,
                  child: int) -> list[tuple]:
    """A short cross-link: a gentle curve from referrer to referred as a CURVE piece (made
    into points when drawn), and its arrowhead at the referred end."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    pieces = [(x1, y1, x2, y2, CURVE, referral, child, 0, 1)]
    # Arrowhead where the curve meets the node's edge.
    cx, cy = _cross_control(x1, y1, x2, y2)
    t = max(0.0, 1 - (NODE_SIZE / 2 + 2) / length)
    tip_x, tip_y = _curve_at(x1, y1, x2, y2, t)
    angle = math.atan2(2 * (1 - t) * (cy - y1) + 2 * t * (y2 - cy),
                       2 * (1 - t) * (cx - x1) + 2 * t * (x2 - cx))
    head = []
    for side in (-1, 1):
        a = angle + math.pi + side * 0.45
        head.append((tip_x + 10 * math.cos(a), tip_y + 10 * math.sin(a)))
    pieces.append((*head[0], tip_x, tip_y, CROSS, referral, child, *head[1]))
    return pieces


def is_long_link(x1: float, y1: float, x2: float, y2: float) -> bool:
    """A cross-link drawn as a path item of its own (see CURVE_PIECE)."""
    return abs(x2 - x1) > CURVE_PIECE or abs(y2 - y1) > CURVE_PIECE


def edge_pieces(x1: float, y1: float, x2: float, y2: float, kind: int, referral: int | None,
                child: int) -> list[tuple]:
    """The pieces one edge is drawn as (a cross-link: a curve and its arrowhead)."""
    if kind == CROSS:
        return _curve_pieces(x1, y1, x2, y2, referral, child)
    return _line_pieces(x1, y1, x2, y2, kind, referral, child)


def piece_box(piece: tuple) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of what a piece draws."""
    kind = piece[4]
    if kind == FAINT or kind == TREE:
        return (min(piece[0], piece[2]), min(piece[1], piece[3]), max(piece[0], piece[2]),
                max(piece[1], piece[3]))
    if kind == CURVE:
        # A part of a gentle curve keeps within a few units of the line through its ends and
        # middle.
        x1, y1, x2, y2 = piece[:4]
        cx, cy = _cross_control(x1, y1, x2, y2)
        px, py = [], []
        for t in (piece[7] / piece[8], (piece[7] + 0.5) / piece[8], (piece[7] + 1) / piece[8]):
            u = 1 - t
            px.append(u * u * x1 + 2 * u * t * cx + t * t * x2)
            py.append(u * u * y1 + 2 * u * t * cy + t * t * y2)
        return (min(px) - 8, min(py) - 8, max(px) + 8, max(py) + 8)
    drawn = piece_points(piece)
    px, py = drawn[0::2], drawn[1::2]
    return (min(px), min(py), max(px), max(py))


# Planning (plain Python: may run away from the window's thread) -----------------------------


@dataclass
class Plan:
    """What to draw, as arrays: node ``index`` → id, place, kind and stage; the names of the
    nodes that are not people (people's come from the graph); which cell holds which nodes
    and edges; each cell's bounds.

    ``edges`` per cell are pieces of edges (see :func:`piece_points`); ``long_links`` are
    the long cross-links as whole paths (path, referral id, index of the node referred);
    ``referral_cells`` gives each referral drawn the cell of (one piece of) its edge.
    """

    ids: list[int]
    xs: list[float]
    ys: list[float]
    kinds: list[int]
    stages: list[str]
    names: dict[int, str]
    faded: set[int]
    node_cells: dict[tuple[int, int], list[int]]
    edge_cells: dict[tuple[int, int], list[tuple]]
    node_bounds: dict[tuple[int, int], list[float]]
    edge_bounds: dict[tuple[int, int], list[float]]
    index: dict[int, int] = field(default_factory=dict)
    referral_cells: dict[int, tuple] = field(default_factory=dict)
    long_links: list[tuple[QPainterPath, int, int]] = field(default_factory=list)
    bounds: tuple[float, float, float, float] | None = None
    """Left, top, right and bottom of the node centres as planned (as ``Layout.bounds``)."""


def node_name(graph: ReferralGraph, forest: Forest, node: int) -> str:
    """What a node's label says (a person's name, "Me", a group and its size, a cluster)."""
    if node > 0:
        return graph.people[node].name
    if node == ME:
        return "Me"
    if node in GROUP_RELATIONSHIPS:
        return f"{RELATIONSHIP_LABELS[GROUP_RELATIONSHIPS[node]]} " \
               f"({forest.group_sizes[node]:,})"
    return forest.clusters[node].label


def _add_to_cell(cells: dict[tuple[int, int], list], bounds: dict[tuple[int, int], list[float]],
                 key: tuple[int, int], item, low_x: float, low_y: float, high_x: float,
                 high_y: float) -> None:
    """Put ``item`` in cell ``key`` and widen the cell's bounds to hold its box."""
    found = cells.get(key)
    if found is None:
        cells[key] = [item]
        bounds[key] = [low_x, low_y, high_x, high_y]
        return
    found.append(item)
    box = bounds[key]
    if low_x < box[0]:
        box[0] = low_x
    if low_y < box[1]:
        box[1] = low_y
    if high_x > box[2]:
        box[2] = high_x
    if high_y > box[3]:
        box[3] = high_y


_NOBODY = PersonNode(0, "", "", "", "", None, "", "")
"""Stands for a node that is not a person while the people's columns are made."""


def plan_drawing(graph: ReferralGraph, forest: Forest, layout: Layout,
                 matches: set[int] | None = None) -> Plan:
    """Sort nodes and edges into cells and measure each cell (no Qt: safe in a thread).

    The loops over every node and every tree edge are written out (no call per node or
    edge): at a hundred thousand people, the calls would be most of the time."""
    people = graph.people
    positions = layout.positions
    ids = list(positions)
    places = list(positions.values())
    xs = list(map(itemgetter(0), places))
    ys = list(map(itemgetter(1), places))
    index = dict(zip(ids, range(len(ids)), strict=True))
    # Everyone as a person first (column by column), then the few other nodes put right.
    held = list(map(people.get, ids, repeat(_NOBODY)))
    kinds = list(map(KIND_OF_RELATIONSHIP.get, map(itemgetter(4), held)))
    stages = list(map(itemgetter(3), held))
    names = {}
    for node in (node for node in ids if node <= 0):
        n = index[node]
        kinds[n] = (ME_KIND if node == ME else GROUP_KIND if node in GROUP_RELATIONSHIPS
                    else CLUSTER_KIND)
        names[n] = node_name(graph, forest, node)
    faded = ({index[n] for n in forest.parent if n not in matches}  # groups too, as context
             if matches is not None else set())
    node_cells: dict[tuple[int, int], list[int]] = {}
    node_bounds: dict[tuple[int, int], list[float]] = {}
    for n, x, y in zip(index.values(), xs, ys, strict=True):  # the ints of ``index``
        key = (int(x // CELL), int(y // CELL))
        found = node_cells.get(key)
        if found is None:
            node_cells[key] = [n]
            node_bounds[key] = [x, y, x, y]
            continue
        found.append(n)
        box = node_bounds[key]
        if x < box[0]:
            box[0] = x
        if y < box[1]:
            box[1] = y
        if x > box[2]:
            box[2] = x
        if y > box[3]:
            box[3] = y
    left, up, right, down = NODE_REACH
    for box in node_bounds.values():
        box[0] -= left
        box[1] -= up
        box[2] += right
        box[3] += down

    edge_cells: dict[tuple[int, int], list[tuple]] = {}
    edge_bounds: dict[tuple[int, int], list[float]] = {}
    shelved = set()
    for block in layout.blocks:
        if block.parent < 0:  # a group's (Me keeps a line to each of its groups)
            shelved.update(block.members)  # a person's referrals keep their own edges
    tree_edge = forest.tree_edge
    referral_cells: dict[int, tuple[int, int]] = {}
    cells: dict[tuple[int, int], tuple[int, int]] = {}  # one key per cell, shared
    long_links = []

    def add(x1, y1, x2, y2, kind, referral, child):
        """One edge (any kind, any length) as its pieces."""
        if kind == CROSS and is_long_link(x1, y1, x2, y2):
            long_links.append((cross_path((x1, y1), (x2, y2)), referral, child))
            referral_cells[referral] = ("long", len(long_links) - 1)
            return
        for piece in edge_pieces(x1, y1, x2, y2, kind, referral, child):
            low_x, low_y, high_x, high_y = piece_box(piece)
            key = (int((low_x + high_x) / 2 // CELL), int((low_y + high_y) / 2 // CELL))
            key = cells.setdefault(key, key)  # not a tuple (and two ints) for each referral
            if referral is not None:
                referral_cells[referral] = key
            _add_to_cell(edge_cells, edge_bounds, key, piece, low_x, low_y, high_x, high_y)

    # In the order of the positions (as they lie in memory, quicker to go through than in
    # the forest's order): the line to each node from its parent.
    parent_of = forest.parent.get
    for n, child, (x2, y2) in zip(range(len(ids)), ids, places, strict=True):
        parent = parent_of(child)
        if parent is None or child in shelved:
            continue  # Me, or in a group's shelves
        edge = tree_edge.get(child)
        x1, y1 = positions[parent]
        kind, referral = (FAINT, None) if edge is None else (TREE, edge[0])
        if abs(x2 - x1) > PIECE or abs(y2 - y1) > PIECE:
            add(x1, y1, x2, y2, kind, referral, n)
            continue
        # A line short enough to be one piece (most are), as :func:`add` keeps it.
        piece = (x1, y1, x2, y2, kind, referral, n)
        low_x, high_x = (x1, x2) if x1 <= x2 else (x2, x1)
        low_y, high_y = (y1, y2) if y1 <= y2 else (y2, y1)
        key = (int((low_x + high_x) / 2 // CELL), int((low_y + high_y) / 2 // CELL))
        key = cells.setdefault(key, key)
        if referral is not None:
            referral_cells[referral] = key
        found = edge_cells.get(key)
        if found is None:
            edge_cells[key] = [piece]
            edge_bounds[key] = [low_x, low_y, high_x, high_y]
            continue
        found.append(piece)
        box = edge_bounds[key]
        if low_x < box[0]:
            box[0] = low_x
        if low_y < box[1]:
            box[1] = low_y
        if high_x > box[2]:
            box[2] = high_x
        if high_y > box[3]:
            box[3] = high_y
    for edge in forest.cross_edges:
        add(*positions[edge[1]], *positions[edge[2]], CROSS, edge[0], index[edge[2]])
    for box in edge_bounds.values():  # room for the pen
        box[0] -= 4
        box[1] -= 4
        box[2] += 4
        box[3] += 4
    bounds = (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)
    return Plan(ids, xs, ys, kinds, stages, names, faded, node_cells, edge_cells, node_bounds,
                edge_bounds, index, referral_cells, long_links, bounds)
