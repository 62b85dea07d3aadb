"""Reading a graph drawing back: where a node is and how it looks, and what is under a point."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor

from netdesk.ui.graph.graph_items import ME_SIZE, NODE_SIZE
from netdesk.ui.graph.scene_measures import LABEL_WIDTH, ME_KIND, cell_of
from netdesk.ui.graph.scene_tiles import EdgeTile


class ReadingMixin:
    """Hit tests and read-backs of a :class:`~netdesk.ui.graph.scene.GraphDrawing`."""

    def node_pos(self, node: int) -> QPointF:
        n = self.nodes[node]
        return QPointF(self.xs[n], self.ys[n])

    def node_colour(self, node: int) -> QColor:
        n = self.nodes[node]
        return self.node_brush(self.kinds[n], self.stages[n]).color()

    def node_opacity(self, node: int) -> float:
        return 0.35 if self.nodes[node] in self.faded else 1.0

    def label_text(self, node: int) -> str:
        return " ".join(self.label_lines(self.nodes[node]))

    def node_near(self, point: QPointF, reach: float, with_labels: bool = False) -> int | None:
        """The node drawn nearest to ``point`` within ``reach`` of its centre, or whose name
        is under it (``with_labels``)."""
        px, py = point.x(), point.y()
        cx, cy = cell_of(px, py)
        best, best_distance = None, reach
        xs, ys = self.xs, self.ys
        for key in ((cx + i, cy + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
            tile = self.node_tiles.get(key)
            if tile is None:
                continue
            for n in tile.indices:
                dx, dy = xs[n] - px, ys[n] - py
                size = (NODE_SIZE if self.kinds[n] < ME_KIND else ME_SIZE) * self.node_scale
                distance = math.hypot(dx, dy) - max(0.0, size / 2 - NODE_SIZE / 2)
                if distance <= best_distance:
                    best, best_distance = self.ids[n], distance
                elif with_labels and best is None and abs(dx) <= LABEL_WIDTH / 2 \
                        and 0 <= -dy - self.label_offset(n) <= self.line_height * 2:
                    best = self.ids[n]
        if best is None and with_labels and self.label_layer is not None:
            for label in self.label_layer.placed:  # a small graph's names, where placed
                if not label.org and label.rect.contains(point):
                    return self.ids[label.n]
        return best

    def referral_near(self, point: QPointF, reach: float) -> int | None:
        """The referral whose edge passes within ``reach`` of ``point``."""
        area = QRectF(point.x() - reach, point.y() - reach, 2 * reach, 2 * reach)
        for item in self.scene.items(area):  # long cross-links by their outline
            if isinstance(item, EdgeTile):
                found = item.referral_near(point.x(), point.y(), reach)
                if found is not None:
                    return found
            elif item in self._long_set:
                return item.data(0)
        return None

    def nearest_node(self, point: QPointF, reach: float) -> int | None:
        """The node drawn nearest to ``point``, within ``reach``."""
        return self.node_near(point, reach)
