"""Tidy tree and radial layouts for the referral forest: deterministic, near-linear, no overlaps.

The tree layout places each node on the row of its depth and packs sibling
subtrees as close as their outlines (contours) allow, with each parent centred
over its children (after Reingold and Tilford). Contours are merged along the
shorter of two outlines only, so the whole layout takes time linear in the
number of nodes. A node with many childless children gets them in a block of
rows below it instead of one very wide row, which keeps a group of thousands
of imported contacts readable.

The radial layout keeps the tree's left-to-right order as the angle and the
depth as the ring, with each ring's radius grown until its nodes keep the same
spacing as in the tree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

NODE_SPACING = 120.0
"""Least distance between the centres of two nodes on one row (room for a name)."""
ROW_SPACING = 84.0
"""Distance between rows (tree) or rings (radial)."""
BLOCK_THRESHOLD = 12
"""A node with more childless children than this gets them in a block of rows."""


@dataclass
class Block:
    """Childless children of ``parent`` laid out in rows, below it."""

    parent: int
    members: list[int]
    columns: int
    rows: int


@dataclass
class Layout:
    """Node centres in scene units; ``rows`` is each node's row (tree depth, or ring)."""

    kind: str
    positions: dict[int, tuple[float, float]]
    rows: dict[int, int]
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


def _block_shape(count: int, threshold: int) -> tuple[int, int]:
    columns = max(threshold, math.ceil(math.sqrt(count * 2.5)))
    columns = min(columns, count)
    return columns, math.ceil(count / columns)


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
    block_of: dict[int, Block] = {}
    block_offset: dict[int, float] = {}  # a block's centre relative to its parent
    contour: dict[int, _Contour] = {}

    # Post-order without recursion (referral chains may be long).
    order: list[int] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, ()))
    for node in reversed(order):
        kids = children.get(node, ())
        if not kids:
            contour[node] = _Contour([0.0], [0.0])
            continue
        subtrees = [k for k in kids if children.get(k)]
        leaves = [k for k in kids if not children.get(k)]
        parts: list[tuple[object, _Contour]] = []
        if len(leaves) > block_threshold:
            columns, rows = _block_shape(len(leaves), block_threshold)
            half = (columns - 1) * sep / 2
            block = Block(node, leaves, columns, rows)
            block_of[node] = block
            for leaf in leaves:
                contour.pop(leaf, None)
            parts = [(k, contour.pop(k)) for k in subtrees]
            parts.append((block, _Contour([-half] * rows, [half] * rows)))
        else:
            parts = [(k, contour.pop(k)) for k in kids]
        first_key, acc = parts[0]
        placed: list[tuple[object, float]] = [(first_key, 0.0)]
        for key, right in parts[1:]:
            # Smallest offset that keeps every shared row ``sep`` apart.
            m = min(len(acc.lefts), len(right.lefts))
            ar, rl = acc.rights, right.lefts
            need = max(ar[-1 - j] + acc.shift - rl[-1 - j] - right.shift for j in range(m)) + sep
            placed.append((key, need))
            right.shift += need
            if len(right.lefts) > len(acc.lefts):
                for j in range(m):
                    right.lefts[-1 - j] = acc.lefts[-1 - j] + acc.shift - right.shift
                acc = right
            else:
                for j in range(m):
                    acc.rights[-1 - j] = right.rights[-1 - j] + right.shift - acc.shift
        middle = (placed[0][1] + placed[-1][1]) / 2
        for key, x in placed:
            if isinstance(key, Block):
                block_offset[node] = x - middle
            else:
                offset[key] = x - middle
        acc.shift -= middle
        acc.lefts.append(-acc.shift)
        acc.rights.append(-acc.shift)
        contour[node] = acc

    positions: dict[int, tuple[float, float]] = {root: (0.0, 0.0)}
    rows: dict[int, int] = {root: 0}
    for node in order:  # pre-order: parents first
        x, _ = positions[node]
        row = rows[node]
        y = (row + 1) * row_spacing
        for kid in children.get(node, ()):
            if kid in offset:
                positions[kid] = (x + offset[kid], y)
                rows[kid] = row + 1
        block = block_of.get(node)
        if block is not None:
            left = x + block_offset[node] - (block.columns - 1) * sep / 2
            for index, leaf in enumerate(block.members):
                r, c = divmod(index, block.columns)
                positions[leaf] = (left + c * sep, (row + 1 + r) * row_spacing)
                rows[leaf] = row + 1 + r
    return Layout("tree", positions, rows, list(block_of.values()))


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
        return Layout("radial", {root: (0.0, 0.0)}, dict(tree.rows), tree.blocks)
    xs = [p[0] for p in tree.positions.values()]
    left = min(xs)
    span = max(xs) - left + node_spacing  # a gap of one spacing where the circle closes
    by_row: dict[int, list[float]] = {}
    for node, (x, _) in tree.positions.items():
        by_row.setdefault(tree.rows[node], []).append(x)
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
    for node, (x, _) in tree.positions.items():
        r = radius[tree.rows[node]]
        angle = 2 * math.pi * (x - left) / span - math.pi / 2
        positions[node] = (r * math.cos(angle), r * math.sin(angle))
    positions[root] = (0.0, 0.0)
    return Layout("radial", positions, dict(tree.rows), tree.blocks)


LAYOUTS = {"tree": tree_layout, "radial": radial_layout}


def layout(kind: str, children: Mapping[int, Sequence[int]], root: int, **options) -> Layout:
    """Run the layout called ``kind`` ("tree" or "radial")."""
    try:
        function = LAYOUTS[kind]
    except KeyError:
        raise ValueError(f"unknown layout {kind!r}; choose tree or radial") from None
    return function(children, root, **options)
