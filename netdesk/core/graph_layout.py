"""Tidy tree and radial layouts for the referral forest: deterministic, near-linear, no overlaps.

The tree layout places each node on the row of its depth and packs sibling
subtrees as close as their outlines (contours) allow, with each parent centred
over its children (after Reingold and Tilford). Contours are merged along the
shorter of two outlines only, so the whole layout takes time linear in the
number of nodes. A node with many children gets their subtrees packed into
shelves (rows of subtrees stacked downwards) instead of one very wide row, which
keeps a group of thousands of imported contacts roughly as wide as it is tall.

The radial layout keeps the tree's left-to-right order as the angle and the
depth as the ring, with each ring's radius grown until its nodes keep the same
spacing as in the tree.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field

NODE_SPACING = 120.0
"""Least distance between the centres of two nodes on one row (room for a name)."""
ROW_SPACING = 84.0
"""Distance between rows (tree) or rings (radial)."""
BLOCK_THRESHOLD = 12
"""A node with more children than this gets them packed into shelves, one below another."""


@dataclass
class Block:
    """The children of ``parent`` packed into shelves, and the box they fill (scene units)."""

    parent: int
    members: list[int]
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, top, right, bottom


class Rows(MutableMapping):
    """Each node's row, two bytes a person: people (ids from 1) in an array indexed by id,
    -1 where there is none; Me, groups and clusters (ids from 0 down) in a small dict.
    Made from a dict once a layout is done (a dict of 100,000 rows holds 5 MB)."""

    __slots__ = ("_people", "_others", "_count")

    def __init__(self, rows: Mapping[int, int] | None = None):
        rows = rows or {}
        highest = max((n for n in rows if n > 0), default=0)
        self._people = array("h", [-1]) * (highest + 1)
        self._others: dict[int, int] = {}
        self._count = 0
        people, others = self._people, self._others
        for node, row in rows.items():
            if node > 0 and row < 32767:
                people[node] = row
            else:
                others[node] = row
        self._count = len(rows)

    def __getitem__(self, node: int) -> int:
        if node > 0 and node < len(self._people):
            row = self._people[node]
            if row >= 0:
                return row
        return self._others[node]

    def __setitem__(self, node: int, row: int) -> None:
        if node not in self:
            self._count += 1
        if node > 0 and 0 <= row < 32767:
            people = self._people
            if node >= len(people):
                people.extend(array("h", [-1]) * (node + 1 - len(people)))
            people[node] = row
            self._others.pop(node, None)
        else:
            if node > 0 and node < len(self._people):
                self._people[node] = -1
            self._others[node] = row

    def __delitem__(self, node: int) -> None:
        if node not in self:
            raise KeyError(node)
        if node > 0 and node < len(self._people):
            self._people[node] = -1
        self._others.pop(node, None)
        self._count -= 1

    def __contains__(self, node: object) -> bool:
        if isinstance(node, int) and 0 < node < len(self._people) and self._people[node] >= 0:
            return True
        return node in self._others

    def __iter__(self) -> Iterator[int]:
        yield from self._others
        for node, row in enumerate(self._people):
            if row >= 0:
                yield node

    def __len__(self) -> int:
        return self._count


@dataclass
class Layout:
    """Node centres in scene units; ``rows`` is each node's row (tree depth, or ring)."""

    kind: str
    positions: dict[int, tuple[float, float]]
    rows: MutableMapping[int, int]
    blocks: list[Block] = field(default_factory=list)

    def bounds(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom of the node centres."""
        if not self.positions:
            return (0.0, 0.0, 0.0, 0.0)
        xs = [p[0] for p in self.positions.values()]
        ys = [p[1] for p in self.positions.values()]
        return (min(xs), min(ys), max(xs), max(ys))


class _Contour:
    """Left and right outline of a subtree, one pair per row, the top row last.

    Stored values plus ``shift`` are positions relative to the subtree's root.
    """

    __slots__ = ("lefts", "rights", "shift")

    def __init__(self, lefts: list[float], rights: list[float], shift: float = 0.0):
        self.lefts = lefts
        self.rights = rights
        self.shift = shift


SHELF_ASPECT = 2.5
"""Width over height aimed at when a node's children are packed into shelves."""


def _shelves(kids: Sequence[int], contours: list[_Contour], sep: float, row_spacing: float,
             threshold: int) -> tuple[list[float], list[int], _Contour, float, float]:
    """Pack subtrees left to right into shelves stacked downwards (each below the deepest
    row of the one above). Returns each kid's x and extra rows, the block's contour, and
    the block's left and right edge, all relative to the block's centre."""
    extents = []
    area = 0.0
    for c in contours:
        left = min(c.lefts) + c.shift
        right = max(c.rights) + c.shift
        extents.append((left, right))
        area += (right - left + sep) * len(c.lefts) * row_spacing
    widest = max(right - left for left, right in extents)
    width = max(widest, threshold * sep, math.sqrt(area * SHELF_ASPECT))
    xs: list[float] = []
    levels: list[int] = []
    cursor, top, height = 0.0, 0, 0
    for c, (left, right) in zip(contours, extents, strict=True):
        if cursor > 0 and cursor + right - left > width:
            cursor, top, height = 0.0, top + height, 0
        xs.append(cursor - left)
        levels.append(top)
        cursor += right - left + sep
        height = max(height, len(c.lefts))
    total = top + height
    lefts = [math.inf] * total
    rights = [-math.inf] * total
    for c, x, level in zip(contours, xs, levels, strict=True):
        n = len(c.lefts)
        for j in range(n):
            row = level + j
            left = c.lefts[n - 1 - j] + c.shift + x
            right = c.rights[n - 1 - j] + c.shift + x
            if left < lefts[row]:
                lefts[row] = left
            if right > rights[row]:
                rights[row] = right
    low, high = min(lefts), max(rights)
    centre = (low + high) / 2
    contour = _Contour([v - centre for v in reversed(lefts)],
                       [v - centre for v in reversed(rights)])
    return [x - centre for x in xs], levels, contour, low - centre, high - centre


def tree_layout(
    children: Mapping[int, Sequence[int]],
    root: int,
    *,
    node_spacing: float = NODE_SPACING,
    row_spacing: float = ROW_SPACING,
    block_threshold: int = BLOCK_THRESHOLD,
) -> Layout:
    """Lay out the tree below ``root``: parents above their children, siblings in order."""
    sep = node_spacing
    offset: dict[int, float] = {}  # a child's x relative to its parent
    extra_rows: dict[int, int] = {}  # rows a shelved child sits below its parent's next row
    blocks: dict[int, tuple[Block, float, float, int]] = {}
    contour: dict[int, _Contour] = {}

    # Post-order without recursion (referral chains may be long).
    order: list[int] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, ()))
    pop = contour.pop
    for node in reversed(order):
        kids = children.get(node)
        if not kids:
            continue  # a leaf: its outline is one point, made when needed
        parts = [pop(k, None) for k in kids]
        if len(kids) <= block_threshold and not any(parts):
            # Only leaves below: evenly spaced, centred (most nodes of a large forest).
            half = (len(kids) - 1) * sep / 2
            for i, kid in enumerate(kids):
                offset[kid] = i * sep - half
            contour[node] = _Contour([-half, 0.0], [half, 0.0])
            continue
        parts = [part or _Contour([0.0], [0.0]) for part in parts]
        if len(kids) > block_threshold:
            xs, levels, acc, low, high = _shelves(kids, parts, sep, row_spacing,
                                                  block_threshold)
            for kid, x, level in zip(kids, xs, levels, strict=True):
                offset[kid] = x
                if level:
                    extra_rows[kid] = level
            blocks[node] = (Block(node, list(kids)), low, high, len(acc.lefts))
        else:
            acc = parts[0]
            placed = [0.0]
            for right in parts[1:]:
                # Smallest offset that keeps every shared row ``sep`` apart.
                m = min(len(acc.lefts), len(right.lefts))
                ar, rl = acc.rights, right.lefts
                need = max(ar[-1 - j] + acc.shift - rl[-1 - j] - right.shift
                           for j in range(m)) + sep
                placed.append(need)
                right.shift += need
                if len(right.lefts) > len(acc.lefts):
                    for j in range(m):
                        right.lefts[-1 - j] = acc.lefts[-1 - j] + acc.shift - right.shift
                    acc = right
                else:
                    for j in range(m):
                        acc.rights[-1 - j] = right.rights[-1 - j] + right.shift - acc.shift
            middle = (placed[0] + placed[-1]) / 2
            for kid, x in zip(kids, placed, strict=True):
                offset[kid] = x - middle
            acc.shift -= middle
        acc.lefts.append(-acc.shift)
        acc.rights.append(-acc.shift)
        contour[node] = acc

    positions: dict[int, tuple[float, float]] = {root: (0.0, 0.0)}
    rows: dict[int, int] = {root: 0}
    heights: dict[int, float] = {}  # one float per row, not one per node
    for node in order:  # pre-order: parents first
        kids = children.get(node)
        if not kids:
            continue  # a leaf (most nodes): nothing to place below
        x, _ = positions[node]
        row = rows[node]
        shelved = node in blocks
        for kid in kids:
            kid_row = row + 1 + extra_rows.get(kid, 0) if shelved else row + 1
            y = heights.get(kid_row)
            if y is None:
                y = heights[kid_row] = kid_row * row_spacing
            positions[kid] = (x + offset[kid], y)
            rows[kid] = kid_row
    result = []
    for node, (block, low, high, depth) in blocks.items():
        x = positions[node][0]
        block.box = (x + low, (rows[node] + 1) * row_spacing, x + high,
                     (rows[node] + depth) * row_spacing)
        result.append(block)
    return Layout("tree", positions, Rows(rows), result)


def radial_layout(
    children: Mapping[int, Sequence[int]],
    root: int,
    *,
    node_spacing: float = NODE_SPACING,
    row_spacing: float = ROW_SPACING,
    block_threshold: int = BLOCK_THRESHOLD,
) -> Layout:
    """The tree layout bent round ``root``: order becomes angle, row becomes ring."""
    tree = tree_layout(children, root, node_spacing=node_spacing, row_spacing=row_spacing,
                       block_threshold=block_threshold)
    if len(tree.positions) == 1:
        return Layout("radial", {root: (0.0, 0.0)}, tree.rows, tree.blocks)
    xs = [p[0] for p in tree.positions.values()]
    left = min(xs)
    span = max(xs) - left + node_spacing  # a gap of one spacing where the circle closes
    by_row: dict[int, list[float]] = {}
    # A tree layout puts row r at y = r * row_spacing: the row is read from there, quicker
    # than from ``rows``.
    for x, y in tree.positions.values():
        by_row.setdefault(round(y / row_spacing), []).append(x)
    radius = {0: 0.0}
    for row in range(1, max(by_row) + 1):
        row_xs = sorted(by_row.get(row, ()))
        smallest = min((b - a for a, b in zip(row_xs, row_xs[1:], strict=False)), default=span)
        smallest = min(smallest, span - (row_xs[-1] - row_xs[0])) if row_xs else span
        # The chord between the closest neighbours must stay node_spacing long.
        angle = min(2 * math.pi * smallest / span, math.pi)
        needed = node_spacing / (2 * math.sin(angle / 2)) if angle > 0 else 0.0
        radius[row] = max(radius[row - 1] + row_spacing, needed)
    positions = {}
    for node, (x, y) in tree.positions.items():
        r = radius[round(y / row_spacing)]
        angle = 2 * math.pi * (x - left) / span - math.pi / 2
        positions[node] = (r * math.cos(angle), r * math.sin(angle))
    positions[root] = (0.0, 0.0)
    return Layout("radial", positions, tree.rows, tree.blocks)


def place_near(layout: Layout, parent: int, last_child: int | None,
               is_free: Callable[[float, float], bool], *,
               node_spacing: float = NODE_SPACING, row_spacing: float = ROW_SPACING,
               tries: int = 64) -> tuple[float, float]:
    """A free place for a new leaf below ``parent`` without moving anyone: beside its last
    child when it has one (the end of its row or shelf), else one row below it (outwards in a
    radial layout); then further along, alternately right and left, and a row further down.
    ``is_free(x, y)`` says whether a node may go there. The new node's row is not recorded:
    the caller adds the position."""
    px, py = layout.positions[parent]
    if layout.kind == "radial":
        length = math.hypot(px, py)
        ux, uy = (px / length, py / length) if length else (0.0, 1.0)
    else:
        ux, uy = 0.0, 1.0
    # Along the row: perpendicular to the way out.
    ax, ay = -uy, ux
    if last_child is not None and last_child in layout.positions:
        sx, sy = layout.positions[last_child]
        sx, sy = sx + ax * node_spacing, sy + ay * node_spacing
    else:
        sx, sy = px + ux * row_spacing, py + uy * row_spacing
    for i in range(tries):
        row, step = divmod(i, 16)
        along = (step + 1) // 2 * (1 if step % 2 == 0 else -1)
        x = sx + ax * along * node_spacing + ux * row * row_spacing
        y = sy + ay * along * node_spacing + uy * row * row_spacing
        if is_free(x, y):
            return (x, y)
    return (sx + ux * (tries // 16 + 1) * row_spacing, sy + uy * (tries // 16 + 1) * row_spacing)


LAYOUTS = {"tree": tree_layout, "radial": radial_layout}


def layout(kind: str, children: Mapping[int, Sequence[int]], root: int, **options) -> Layout:
    """Run the layout called ``kind`` ("tree" or "radial")."""
    try:
        function = LAYOUTS[kind]
    except KeyError:
        raise ValueError(f"unknown layout {kind!r}; choose tree or radial") from None
    return function(children, root, **options)
