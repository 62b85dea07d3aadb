"""The keep-in-touch line of the person editor: their tier, where their clock stands, and
how they respond (worked out from reply times, or set by the user). Shown while the method
is on; each choice is saved at once and published."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from netdesk.core import keep_in_touch
from netdesk.core.changes import Changes
from netdesk.core.keep_in_touch import KeepInTouchError
from netdesk.core.vocabulary import RESPONSE_LABELS, TIER_LABELS
from netdesk.db.models import Person
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.method.tier_marks import mark_icon

WATCHED = frozenset({"timeline", "tier", "tags", "response_label", "*"})


class TierPanel(QWidget):
    """Tier chooser, clock and response label for one person (:meth:`show_person`)."""

    def __init__(self, parent: QWidget | None = None,
                 today: Callable[[], datetime.date] = datetime.date.today):
        super().__init__(parent)
        self._today = today
        self._person_id: int | None = None
        self.setAccessibleName("Keeping in touch")
        self.tier = QComboBox()
        self.tier.setAccessibleName("Keep-in-touch tier")
        self.tier.setToolTip("How often you mean to be in touch (intervals in Preferences → "
                             "Method)")
        for key, label in TIER_LABELS.items():
            self.tier.addItem(label, key)
        self.tier.activated.connect(self._tier_chosen)
        self.icon = QLabel()
        self.clock = plain_label()
        self.clock.setAccessibleName("Keep-in-touch clock")
        self.response = QComboBox()
        self.response.setAccessibleName("Responds")
        self.response.setToolTip("Worked out from how long they take to reply; pick one to "
                                 "set it yourself")
        self.response.activated.connect(self._response_chosen)
        tier_label = QLabel("Keep in &touch:")
        tier_label.setBuddy(self.tier)
        response_label = QLabel("&Responds:")
        response_label.setBuddy(self.response)
        self.clock.setWordWrap(True)
        self.clock.setMinimumWidth(self.fontMetrics().averageCharWidth() * 20)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tier_label, 0, 0)
        layout.addWidget(self.tier, 0, 1)
        clock = QHBoxLayout()
        clock.addWidget(self.icon)
        clock.addWidget(self.clock, 1)
        layout.addLayout(clock, 0, 2)
        layout.addWidget(response_label, 1, 0)
        layout.addWidget(self.response, 1, 1)
        layout.setColumnStretch(2, 1)
        publisher().changed.connect(self._changed)
        from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

        preferences_notifier().changed.connect(self.refresh)
        self.hide()

    def show_person(self, person_id: int | None) -> None:
        self._person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        from netdesk.ui.method.method_settings import days_off, method_enabled
        from netdesk.ui.method.tier_settings import tag_intervals, tier_intervals

        person = Person.get_or_none(Person.id == self._person_id) if self._person_id else None
        shown = person is not None and method_enabled()
        self.setVisible(shown)
        if not shown:
            return
        today = self._today()
        self.tier.setCurrentIndex(self.tier.findData(person.tier))
        touch = keep_in_touch.touch_of(person.id, today, tier_intervals(), tags=tag_intervals())
        mark = touch.mark if touch else ""
        self.clock.setText(touch.describe() if touch else "No tier: no catch-ups counted.")
        set_themed_style(self.clock, {"due": "color: {warning};", "cold": "color: {late};"}
                         .get(mark, ""))
        size = self.clock.fontMetrics().height()
        self.icon.setPixmap(mark_icon(mark, size).pixmap(size, size) if mark else QPixmap())
        self.icon.setVisible(bool(mark))
        response = keep_in_touch.response_of(person.id, today, days_off())
        self.response.clear()
        computed = RESPONSE_LABELS.get(response.computed, "not known yet")
        self.response.addItem(f"From replies: {computed}", "")
        for key, label in RESPONSE_LABELS.items():
            self.response.addItem(f"{label} (set by you)", key)
        self.response.setCurrentIndex(self.response.findData(
            response.label if response.set_by_user else ""))
        self.response.setToolTip(response.describe() or "No message sent and answered yet")

    def _write(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except KeepInTouchError as error:
            warn(self, "Keeping in touch", str(error))
            return
        publish(changes, self)
        self.refresh()

    def _tier_chosen(self, _index: int) -> None:
        if self._person_id is not None:
            tier = self.tier.currentData()
            self._write(lambda: keep_in_touch.set_tier(self._person_id, tier))

    def _response_chosen(self, _index: int) -> None:
        if self._person_id is not None:
            label = self.response.currentData()
            self._write(lambda: keep_in_touch.set_response_label(self._person_id, label))

    def _changed(self, changes: Changes, initiator=None) -> None:
        if initiator is self or self._person_id is None:
            return
        if changes.everything or changes.fields_of(self._person_id) & WATCHED:
            self.refresh()
