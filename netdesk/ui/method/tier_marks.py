"""Keep-in-touch marks in the contact tree: words, an icon and a colour for people due for
a catch-up or going cold, and how they respond in the tooltip.

:class:`TreeMarks` belongs to a :class:`~netdesk.ui.people.contact_tree_model.
ContactTreeModel`: it reads the marks of each page of people the model reads (two small
queries over the page's ids, only while the method is on), and repaints the rows of
people whose timeline, tier or label changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from netdesk.ui.common import theme
from netdesk.ui.common.changes import publisher

if TYPE_CHECKING:  # imported when marks are first read, after the window's first paint
    from netdesk.core.keep_in_touch import Response, Touch

WATCHED = frozenset({"timeline", "tier", "tags", "response_label", "*"})
_badges: dict[tuple, QPixmap] = {}


def mark_colour(mark: str) -> QColor:
    """The colour of a mark in the current theme."""
    colours = theme.colours()
    return QColor(colours.late if mark == "cold" else colours.warning)


def _draw_glyph(painter: QPainter, rect: QRectF, mark: str) -> None:
    """A clock's hands (due for a catch-up) or a snowflake (going cold) inside ``rect``."""
    centre = rect.center()
    radius = rect.width() / 2
    painter.setBrush(QBrush(mark_colour(mark)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(rect)
    pen = QPen(theme.text_on(mark_colour(mark)), max(1.0, radius / 3.5))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    arm = radius * 0.6
    if mark == "due":
        painter.drawLine(centre, centre + QPointF(0, -arm))
        painter.drawLine(centre, centre + QPointF(arm * 0.8, 0))
    else:
        for dx, dy in ((0, 1), (0.87, 0.5), (0.87, -0.5)):
            painter.drawLine(centre + QPointF(-dx * arm, -dy * arm),
                             centre + QPointF(dx * arm, dy * arm))


def mark_icon(mark: str, size: int = 16, ratio: float = 1.0) -> QIcon:
    """The mark alone, as an icon for lists."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _draw_glyph(painter, QRectF(1, 1, size - 2, size - 2), mark)
    painter.end()
    return QIcon(pixmap)


def with_badge(avatar: QPixmap, mark: str) -> QPixmap:
    """``avatar`` with the mark in its lower right corner (cached)."""
    if not mark or avatar.isNull():
        return avatar
    key = (avatar.cacheKey(), mark, theme.is_dark())
    cached = _badges.get(key)
    if cached is not None:
        return cached
    result = QPixmap(avatar)
    ratio = avatar.devicePixelRatio()
    side = avatar.width() / ratio
    badge = max(7.0, side * 0.55)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ring = QRectF(side - badge - 1, side - badge - 1, badge + 1, badge + 1)
    painter.setBrush(QBrush(QColor("#ffffff") if not theme.is_dark() else QColor("#1e1e1e")))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(ring)
    _draw_glyph(painter, ring.adjusted(1, 1, -1, -1), mark)
    painter.end()
    if len(_badges) > 2000:
        _badges.clear()
    _badges[key] = result
    return result


class TreeMarks(QObject):
    """The keep-in-touch marks of the people a tree model has read."""

    def __init__(self, model, enabled: Callable[[], bool] | None = None,
                 today: Callable[[], datetime.date] = datetime.date.today):
        super().__init__(model)
        self._model = model
        self._enabled = enabled or _method_on
        self._today = today
        self._touch: dict[int, Touch] = {}
        self._response: dict[int, Response] = {}
        self._on = False
        publisher().changed.connect(self._changed)
        from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

        preferences_notifier().changed.connect(self.refresh_all)

    def read(self, members) -> None:
        """Read the marks of a page of members (called as the model reads the page)."""
        self._on = self._enabled()
        if not self._on:
            return
        ids = [m.person_id for m in members]
        self._read(ids)

    def _read(self, ids: list[int]) -> None:
        from netdesk.core import keep_in_touch
        from netdesk.ui.method.method_settings import days_off
        from netdesk.ui.method.tier_settings import tag_intervals, tier_intervals

        today = self._today()
        touches = keep_in_touch.touches_for(ids, today, tier_intervals(), tags=tag_intervals())
        responses = keep_in_touch.responses_for(ids, today, days_off())
        for person_id in ids:
            self._touch.pop(person_id, None)
            self._response.pop(person_id, None)
        self._touch.update(touches)
        self._response.update(responses)

    def mark(self, person_id: int) -> str:
        touch = self._touch.get(person_id) if self._on else None
        return touch.mark if touch else ""

    def data(self, member, role: int):
        """The marked value of ``role`` for ``member``; None leaves the model's own."""
        if not self._on:
            return None
        touch = self._touch.get(member.person_id)
        mark = touch.mark if touch else ""
        if role == Qt.ItemDataRole.DisplayRole and mark:
            return f"{member.name} · {touch.label}"
        if role == Qt.ItemDataRole.AccessibleTextRole and mark:
            return f"{member.name}, {touch.label}"
        if role == Qt.ItemDataRole.ForegroundRole and mark:
            return QBrush(mark_colour(mark))
        if role == Qt.ItemDataRole.ToolTipRole:
            response = self._response.get(member.person_id)
            lines = [member.detail] if member.detail else []
            if touch:
                lines.append(touch.describe())
            if response:
                lines.append(f"Responds: {response.describe()}")
            if touch or response:
                from netdesk.ui.common.plain_text import tooltip

                return tooltip("\n".join(lines))
        return None

    def badge(self, avatar: QPixmap, person_id: int) -> QPixmap:
        return with_badge(avatar, self.mark(person_id))

    # Keeping up --------------------------------------------------------------------------

    def _loaded_rows(self):
        """(group row, row, member) of every member the model holds."""
        from netdesk.ui.people.contact_tree_model import PAGE_SIZE

        for group_row, pages in self._model._pages.items():
            for number, page in pages.items():
                for offset, member in enumerate(page):
                    yield group_row, number * PAGE_SIZE + offset, member

    def _repaint(self, wanted: set[int] | None) -> None:
        rows = [(g, r, m) for g, r, m in self._loaded_rows()
                if wanted is None or m.person_id in wanted]
        if not rows:
            return
        self._on = self._enabled()
        if self._on:
            self._read(sorted({m.person_id for _g, _r, m in rows}))
        for group_row, row, _member in rows:
            parent = self._model.index(group_row, 0)
            index = self._model.index(row, 0, parent)
            if index.isValid():
                self._model.dataChanged.emit(index, index)

    def _changed(self, changes, _initiator=None) -> None:
        if changes.everything:
            return  # the model reloads
        wanted = {pid for pid, names in changes.person_fields.items() if names & WATCHED}
        if wanted:
            self._repaint(wanted)

    def refresh_all(self) -> None:
        """Read every shown mark again (the intervals or the method switch changed)."""
        self._repaint(None)


def _method_on() -> bool:
    from netdesk.ui.method.method_settings import method_enabled

    return method_enabled()
