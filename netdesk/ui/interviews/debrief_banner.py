"""DebriefBanner: a strip under the toolbar saying which interviews wait for a debrief.

It never takes the keyboard: it appears beside the work ("2 interviews are waiting for
a debrief — Debrief… / Later"), where a message box at start-up would swallow the
first keystroke. It looks again when interviews change and every quarter of an hour.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from netdesk.core.changes import Changes
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.wording import plural, short_date

CHECK_EVERY_MS = 15 * 60_000
FIRST_READ = 2  # interviews read to word the banner; the others are only counted


class DebriefBanner(QFrame):
    """Shown while interviews have ended without a debrief, unless put off with Later.

    It reads a count and the first few interviews waiting, never all of them: with
    thousands waiting, the banner still costs two small queries.

    Attributes:
        waiting: ids of the first interviews waiting (at most ``FIRST_READ``), oldest first,
            as last looked up.
        count: how many are waiting, as last looked up.
        put_off: ids the user said Later to; the banner comes back when another one ends.
    """

    debrief_requested = Signal(int)
    """Debrief this interview (the only one waiting)."""
    choose_requested = Signal()
    """Several are waiting: let the user choose which one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("debriefBanner")
        self.setAccessibleName("Interviews waiting for a debrief")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        tint = palette.color(QPalette.ColorRole.Highlight)
        tint.setAlpha(40)
        palette.setColor(QPalette.ColorRole.Window, tint)
        self.setPalette(palette)
        self.waiting: list[int] = []
        self.count = 0
        self.put_off: set[int] = set()
        self._now: datetime.datetime | None = None
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size, size))
        self.text = plain_label()
        self.text.setWordWrap(True)
        self.debrief_button = QPushButton("De&brief…")
        self.debrief_button.setToolTip("Evaluate the interview, note the advice and the people "
                                       "they suggested, and send your thank-you")
        self.debrief_button.clicked.connect(self._debrief)
        self.later_button = QPushButton("La&ter")
        self.later_button.setToolTip("Hide this until another interview is over")
        self.later_button.clicked.connect(self.put_off_for_now)
        for button in (self.debrief_button, self.later_button):
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.debrief_button)
        layout.addWidget(self.later_button)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        publisher().changed.connect(self._changed)
        self.hide()

    def refresh(self, now: datetime.datetime | None = None) -> bool:
        """Look up the interviews waiting; show or hide. True when shown."""
        from netdesk.core.interviews import (  # at the first look, after the first paint
            awaiting_debrief_ids,
            count_awaiting_debrief,
            interviews_awaiting_debrief,
        )

        self._now = now
        count = count_awaiting_debrief(now)
        first = interviews_awaiting_debrief(now, limit=FIRST_READ) if count else []
        self.count, self.waiting = count, [i.id for i in first]
        if not count or (count <= len(self.put_off)
                         and set(awaiting_debrief_ids(now)) <= self.put_off):
            self.hide()
            return False
        if count == 1:
            from netdesk.db.zones import local

            interview = first[0]
            when = short_date(local(interview.start), weekday=True)
            self.text.setText(f"Your interview with {interview.person.full_name} ({when}) is "
                              "waiting for a debrief: how did it go?")
        else:
            self.text.setText(f"{plural(count, 'interview')} are waiting for a debrief.")
        self.show()
        return True

    def put_off_for_now(self) -> None:
        from netdesk.core.interviews import awaiting_debrief_ids

        self.put_off |= set(awaiting_debrief_ids(self._now)) if self.count else set()
        self.hide()

    def _debrief(self) -> None:
        if self.count == 1 and self.waiting:
            self.debrief_requested.emit(self.waiting[0])
        elif self.count:
            self.choose_requested.emit()

    def _changed(self, changes: Changes, _initiator=None) -> None:
        if changes.everything or changes.interviews or changes.people_removed:
            self.refresh()
