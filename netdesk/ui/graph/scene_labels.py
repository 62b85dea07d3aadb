"""Names over a small graph: kept at a readable size on screen, placed so that none covers
another name or a node (moved beside, above or down a line, shortened, or left out when there
is no room), each on a plate of the background colour so that edges pass under it; and the soft
named backgrounds behind people of one organization."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem

from netdesk.ui.graph.graph_items import NODE_SIZE

if TYPE_CHECKING:
    from netdesk.ui.graph.scene import GraphDrawing

LABEL_MAX_PX = 150
"""The widest a name is drawn on screen (longer ones are elided)."""
PAD = 1.0
"""Room round a name's plate, on screen."""
ORG_REACH = NODE_SIZE * 1.9
"""How far an organization's background reaches round each of its people (scene units)."""
BUCKET = 64.0


@dataclass
class Label:
    """A name to place: under (or over) node index ``n`` at (x, y) in scene units, reaching
    ``radius`` pixels round it on screen; ``texts`` from the longest to the shortest."""

    n: int
    x: float
    y: float
    texts: list[str]
    org: bool = False
    on_node: bool = False  # drawn over its node (a group's name is its node)


@dataclass
class Placed:
    n: int
    text: str
    rect: QRectF  # scene units
    org: bool = False


def short_names(name: str) -> list[str]:
    """A name and shorter ways of writing it: "Isabel Costa", "Isabel C.", "Isabel", "Isa…"."""
    words = name.split()
    found = [name]
    if len(words) > 1:
        found += [f"{words[0]} {words[-1][0]}.", words[0]]
    if words and len(words[0]) > 4:
        found.append(f"{words[0][:3]}…")
    return found


def group_names(name: str) -> list[str]:
    """A group's name with and without its count: "Coworker (2)", "Coworker"."""
    bare = name.rsplit(" (", 1)[0] if name.endswith(")") else name
    return [name, bare] if bare and bare != name else [name]


class _Grid:
    """Rectangles (on screen) in buckets, to ask quickly whether a new one touches any."""

    def __init__(self):
        self.buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, r):
        for i in range(int(r[0] // BUCKET), int(r[2] // BUCKET) + 1):
            for j in range(int(r[1] // BUCKET), int(r[3] // BUCKET) + 1):
                yield (i, j)

    def hits(self, r, ignore=None) -> bool:
        for key in self._keys(r):
            for other in self.buckets.get(key, ()):
                if other is not ignore and r[0] < other[2] and other[0] < r[2] \
                        and r[1] < other[3] and other[1] < r[3]:
                    return True
        return False

    def add(self, r) -> None:
        for key in self._keys(r):
            self.buckets.setdefault(key, []).append(r)


def place_labels(labels: list[Label], zoom: float, metrics: QFontMetricsF,
                 node_px: dict[int, tuple[float, float, float]]) -> list[Placed]:
    """Place ``labels`` in order (the first are the most wanted) at ``zoom``; ``node_px``
    gives each node index its centre and radius on screen, which no name may cover."""
    grid, names = _Grid(), _Grid()  # the nodes and names, then the names alone
    discs = {}
    for n, (x, y, r) in node_px.items():
        box = (x - r, y - r, x + r, y + r)
        discs[n] = box
        grid.add(box)
    height = metrics.height()
    placed = []
    for label in labels:
        x, y = label.x * zoom, label.y * zoom
        radius = node_px[label.n][2] if label.n in node_px else 0.0
        # (where across, how far down) for the text's top-left corner: None centres the
        # text on its node, 1 puts it right of the node and -1 left of it.
        if label.on_node:  # on the node; else above, below, beside
            offsets = ((None, -height / 2), (None, -radius - 1 - height), (None, radius + 1),
                       (1, -height / 2), (-1, -height / 2), (1, -radius - 1 - height),
                       (-1, -radius - 1 - height), (1, radius + 1), (-1, radius + 1))
        elif label.org:
            offsets = ((None, 0.0), (None, -height))
        else:  # below, to the right, to the left, above, a line lower, then askew
            offsets = ((None, radius + 1), (1, -height / 2), (-1, -height / 2),
                       (None, -radius - 1 - height), (None, radius + 1 + height),
                       (1, radius / 2), (-1, radius / 2), (1, -radius / 2 - height),
                       (-1, -radius / 2 - height))
        # A group's name is never left out: when nothing else is free it may cover a face.
        tries = ((grid, label.texts), (names, label.texts[-1:])) if label.on_node \
            else ((grid, label.texts),)
        done = False
        for against, texts in tries:
            for text in texts:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, LABEL_MAX_PX)
                width = metrics.horizontalAdvance(text)
                for dx, dy in offsets:
                    left = x - width / 2 if dx is None else x + radius + PAD + 1 if dx > 0 \
                        else x - radius - PAD - 1 - width
                    r = (left - PAD, y + dy - PAD, left + width + PAD, y + dy + height + PAD)
                    if not against.hits(r, discs.get(label.n) if label.on_node else None):
                        grid.add(r)
                        names.add(r)
                        placed.append(Placed(label.n, text, QRectF(
                            r[0] / zoom, r[1] / zoom, (r[2] - r[0]) / zoom,
                            (r[3] - r[1]) / zoom), label.org))
                        done = True
                        break
                if done:
                    break
            if done:
                break
    return placed


def place_all(labels: list[Label], zoom: float, metrics: QFontMetricsF,
              node_px: dict[int, tuple[float, float, float]]) -> list[Placed]:
    """Place ``labels`` as :func:`place_labels` does; when some people's names find no room,
    again with every name shortened a step (first names only, say), as long as that leaves
    out fewer of them: every name shown short reads better than some left out."""
    wanted = sum(not label.org for label in labels)
    best: list[Placed] = []
    best_missing = wanted + 1
    longest = max((len(label.texts) for label in labels if not label.org), default=1)
    for step in range(longest):
        shortened = [label if label.org or label.on_node else Label(
            label.n, label.x, label.y, label.texts[min(step, len(label.texts) - 1):])
            for label in labels]
        placed = place_labels(shortened, zoom, metrics, node_px)
        missing = wanted - sum(not p.org for p in placed)
        if missing < best_missing:
            best, best_missing = placed, missing
        if missing == 0:
            break
    return best


class LabelLayer(QGraphicsItem):
    """Every name of a small graph, placed afresh for each zoom (see :func:`place_labels`)."""

    def __init__(self, drawing: GraphDrawing, rect: QRectF):
        super().__init__()
        self.drawing, self.rect = drawing, QRectF(rect)
        self.placed: list[Placed] = []
        self._zoom: float | None = None
        self.labels: list[Label] = []

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.rect

    def forget(self) -> None:
        """Place the names again (a name, a node or the drawing changed)."""
        self._zoom = None
        self.update()

    def place(self, zoom: float) -> list[Placed]:
        if zoom != self._zoom:
            d = self.drawing
            self._zoom = zoom
            radius = d.node_radius_px(zoom)
            node_px = {n: (d.xs[n] * zoom, d.ys[n] * zoom, radius(n)) for n in d.nodes.values()}
            self.placed = place_all(d.labels_to_place(), zoom, d.metrics, node_px)
        return self.placed

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        d = self.drawing
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        placed = self.place(zoom)
        plate = d.palette.color(QPalette.ColorRole.Base)
        plate.setAlpha(215)
        org_text = d.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.save()
        painter.scale(1 / zoom, 1 / zoom)
        painter.setFont(d.label_font)
        ascent = d.metrics.ascent()
        for label in placed:
            r = label.rect
            box = QRectF(r.x() * zoom, r.y() * zoom, r.width() * zoom, r.height() * zoom)
            painter.setOpacity(0.5 if label.n in d.faded and not label.org else 1.0)
            if not label.org:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(plate)
                painter.drawRoundedRect(box, 3, 3)
            painter.setPen(org_text if label.org else d.text_colour)
            painter.drawText(QPointF(box.x() + PAD, box.y() + PAD + ascent), label.text)
        painter.restore()


def organization_colour(organization_id: int, palette: QPalette) -> QColor:
    """A soft background colour for an organization, the same on every start."""
    hue = zlib.crc32(f"org{organization_id}".encode()) % 360
    colour = QColor.fromHsl(hue, 120, 150)
    colour.setAlpha(46 if palette.color(QPalette.ColorRole.Base).lightness() > 128 else 60)
    return colour


def organization_areas(drawing: GraphDrawing) -> list[tuple[int, str, QPainterPath, QPointF]]:
    """One soft area per organization with people drawn: the union of discs round its people
    (so people far apart make separate patches), its name and where the name goes (over its
    topmost person)."""
    members: dict[int, list[int]] = {}
    people = drawing.graph.people
    for node, n in drawing.nodes.items():
        if node > 0 and people[node].organization_id is not None:
            members.setdefault(people[node].organization_id, []).append(n)
    areas = []
    for organization_id, indices in members.items():
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for n in indices:
            path.addEllipse(QPointF(drawing.xs[n], drawing.ys[n]), ORG_REACH, ORG_REACH)
        top = min(indices, key=lambda n: (drawing.ys[n], drawing.xs[n]))
        name = drawing.graph.organizations.get(organization_id) \
            or people[drawing.ids[top]].organization
        areas.append((organization_id, name, path.simplified(),
                      QPointF(drawing.xs[top], drawing.ys[top] - ORG_REACH)))
    return areas


def organization_items(drawing: GraphDrawing) -> list[QGraphicsPathItem]:
    items = []
    for organization_id, _name, path, _point in organization_areas(drawing):
        item = QGraphicsPathItem(path)
        item.setPen(Qt.PenStyle.NoPen)
        item.setBrush(organization_colour(organization_id, drawing.palette))
        item.setData(0, organization_id)
        items.append(item)
    return items
