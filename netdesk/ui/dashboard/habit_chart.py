"""The weekly-habit bar chart: outreach and follow-ups done per week against the goal, QPainter.

Each week is labelled with the date its Monday falls on ("12 Oct"); when the bars
are too narrow for every label, every second (or third) week is labelled, always
counting back from this week, which is labelled in bold.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from netdesk.ui.common import theme
from netdesk.ui.common.wording import plural, short_date

if TYPE_CHECKING:
    from netdesk.core.dashboard import HabitWeek


class Swatch(QWidget):
    """A small square of one of the chart's colours (``"outreach"`` or ``"follow_up"``), for a
    legend; it follows the theme like the chart."""

    def __init__(self, colour: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.colour = colour
        side = self.fontMetrics().height() * 3 // 4
        self.setFixedSize(QSize(side, side))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(getattr(theme.colours(self.palette()), self.colour)))
        painter.end()


class HabitChart(QWidget):
    """Stacked bars (outreach below, follow-ups done above) with a dashed goal line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._weeks: list[HabitWeek] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Weekly habit chart")
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().lineSpacing()
        return QSize(30 * line, 12 * line)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().lineSpacing()
        return QSize(18 * line, 12 * line)

    def set_weeks(self, weeks: list[HabitWeek]) -> None:
        self._weeks = list(weeks)
        if weeks:
            last = weeks[-1]
            self.setAccessibleDescription(
                f"This week {last.total} of {last.goal}: {last.outreach} outreach, "
                f"{plural(last.follow_ups_done, 'follow-up')} done")
        self.update()

    def weeks(self) -> list[HabitWeek]:
        return list(self._weeks)

    def week_label(self, index: int) -> str:
        """The label under bar ``index``: the day its week starts on, "12 Oct"."""
        return short_date(self._weeks[index].monday, year=False)

    def label_step(self) -> int:
        """Label every week (1), or every second or third when the bars are narrow."""
        if not self._weeks:
            return 1
        bold = QFont(self.font())
        bold.setBold(True)
        widest = QFontMetrics(bold).horizontalAdvance("00 MMM") + 8
        slot = self._plot().width() / len(self._weeks)
        return max(1, math.ceil(widest / max(slot, 1.0)))

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("00") + 10
        return QRectF(left, 8, self.width() - left - 8,
                      self.height() - 8 - metrics.height() * 2 - 8)

    def _bar_rect(self, index: int, plot: QRectF) -> QRectF:
        slot = plot.width() / max(1, len(self._weeks))
        width = min(36.0, max(4.0, slot * 0.62))
        return QRectF(plot.left() + slot * index + (slot - width) / 2, plot.top(),
                      width, plot.height())

    def week_at(self, x: float) -> int | None:
        plot = self._plot()
        if not self._weeks or not plot.left() <= x <= plot.right():
            return None
        slot = plot.width() / len(self._weeks)
        return min(len(self._weeks) - 1, int((x - plot.left()) // slot))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.week_at(event.position().x() if hasattr(event, "position")
                                 else event.pos().x())
            if index is None:
                QToolTip.hideText()
            else:
                w = self._weeks[index]
                QToolTip.showText(
                    event.globalPos(),
                    f"Week of {short_date(w.monday, year=True)}: "
                    f"{w.outreach} outreach + {plural(w.follow_ups_done, 'follow-up')} = "
                    f"{w.total} of {w.goal}", self)
            return True
        return super().event(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colours = theme.colours(palette)
        outreach, follow_up = QColor(colours.outreach), QColor(colours.follow_up)
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(50)
        plot = self._plot()
        if not self._weeks:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No weeks to show")
            return
        goal = self._weeks[-1].goal
        top_value = max([goal + 1] + [w.total for w in self._weeks])

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / top_value

        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        metrics = self.fontMetrics()
        slot = plot.width() / len(self._weeks)
        every = self.label_step()
        for index, week in enumerate(self._weeks):
            bar = self._bar_rect(index, plot)
            base = plot.bottom()
            for value, colour in ((week.outreach, outreach),
                                  (week.follow_ups_done, follow_up)):
                if value:
                    height = plot.height() * value / top_value
                    rect = QRectF(bar.left(), base - height, bar.width(), height)
                    painter.fillRect(rect, colour)
                    base -= height
            label_font = QFont(self.font())
            is_current = index == len(self._weeks) - 1
            label_font.setBold(is_current)
            painter.setFont(label_font)
            painter.setPen(text)
            if (len(self._weeks) - 1 - index) % every == 0:
                width = slot * every
                label_rect = QRectF(bar.center().x() - width / 2, plot.bottom() + 3, width,
                                    metrics.height())
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, self.week_label(index))
            if week.met:
                mark = QRectF(bar.center().x() - 20, plot.bottom() + 3 + metrics.height(), 40,
                              metrics.height())
                painter.setPen(follow_up)
                painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "✓")
        painter.setFont(self.font())
        goal_y = y_of(goal)
        pen = QPen(QColor(colours.goal), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), goal_y), QPointF(plot.right(), goal_y))
        painter.setPen(text)
        painter.drawText(QRectF(0, goal_y - metrics.height() / 2, plot.left() - 4,
                                metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(goal))
        painter.end()
