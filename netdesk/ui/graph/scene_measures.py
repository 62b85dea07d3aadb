"""Measures, zoom thresholds, stacking order and node and edge kinds of the graph drawing."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from netdesk.core.graph_layout import NODE_SPACING, Layout
from netdesk.db.models import RELATIONSHIPS
from netdesk.ui.graph.graph_items import ME_SIZE, NODE_SIZE

LABEL_LOD = 0.42
"""Below this zoom factor names are not drawn (they would be a few pixels high)."""
SHAPE_LOD = 0.2
"""Below this zoom factor nodes are drawn as round dots (their shapes would be a few pixels)."""
OVERVIEW_LOD = 0.16
"""Below this zoom factor a large graph is shown as one picture (nodes are dots)."""
OVERVIEW_MIN_NODES = 600
OVERVIEW_MAX_SIDE = 3072
LABEL_WIDTH = NODE_SPACING - 14
MARGIN = 60.0
SCROLL_ROOM = 1500.0
CELL = 2048.0
"""Side of the square cell one tile item paints (scene units)."""
NODE_REACH = (NODE_SPACING / 2 + 8, ME_SIZE / 2 + 4, NODE_SPACING / 2 + 8, NODE_SIZE / 2 + 44)
"""How far a node and its name reach from its centre: left, up, right, down."""
CLUSTER_SIZE = 30.0
BUILT_TILES = 400
"""How many cells keep what they paint built; the ones shown longest ago build it again."""
MAX_TARGET_RINGS = 500
SMALL_GRAPH = 150
"""Up to this many nodes the graph is drawn to be read whole: names kept on screen at a
readable size (placed so that none covers another), people as initials on their colour,
organizations as named backgrounds."""
MIN_FACE_PX = 18.0
"""In a small graph, the least a person's face measures across on screen."""
MAX_NODE_SCALE = 4.0
SMALL_BLOCK = 5
"""In a small graph, a node with more children than this gets them packed into shelves."""
# Stacking order.
Z_FRAMES, Z_EDGES, Z_HIGHLIGHT, Z_NODES, Z_LABELS, Z_OVERLAY = -1, 0, 1, 2, 3, 4
# What a node is drawn as: the person shapes in RELATIONSHIPS order, then these.
ME_KIND, GROUP_KIND, CLUSTER_KIND = len(RELATIONSHIPS), len(RELATIONSHIPS) + 1, \
    len(RELATIONSHIPS) + 2
KIND_OF_RELATIONSHIP = {r: i for i, r in enumerate(RELATIONSHIPS)}
# Edge kinds.
FAINT, TREE, CROSS, CURVE = 0, 1, 2, 3
"""Edge pieces: faint lines under groups, referrals, and cross-links (a CROSS piece is an
arrowhead, a CURVE piece a part of the curve; both are drawn with the cross-link pen)."""


def cell_of(x: float, y: float) -> tuple[int, int]:
    return (int(x // CELL), int(y // CELL))


def content_rect_of(layout: Layout,
                    bounds: tuple[float, float, float, float] | None = None) -> QRectF:
    """The drawing's extent: the node centres' ``bounds`` (measured from ``layout`` when
    not given) with room for the shapes and names."""
    left, top, right, bottom = bounds if bounds is not None else layout.bounds()
    return QRectF(left, top, right - left, bottom - top).adjusted(
        -NODE_SPACING / 2 - MARGIN, -ME_SIZE - MARGIN, NODE_SPACING / 2 + MARGIN,
        NODE_SIZE + 40 + MARGIN)
