"""The dashboard's keep-in-touch card (while the method is on): how many people are due
for a catch-up or going cold, the first of them with their mark, and the weekly review
with the day it was last done."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
)

from netdesk.core.vocabulary import TOUCH_LABELS
from netdesk.ui.common.plain_text import note_label, plain_label, tooltip
from netdesk.ui.common.wording import long_date, plural
from netdesk.ui.dashboard.card import Card
from netdesk.ui.method.tier_marks import mark_icon

SHOWN = 6
ID_ROLE = Qt.ItemDataRole.UserRole


class TouchCard(Card):
    """Emits ``open_person_requested`` when a person is clicked."""

    open_person_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__("Keeping in touch", parent)
        self.setAccessibleName("Keeping in touch")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.people = QListWidget()
        self.people.setAccessibleName("People to catch up with")
        self.people.setUniformItemSizes(True)
        self.people.itemClicked.connect(self._clicked)
        self.people.itemActivated.connect(self._clicked)
        self.review_button = QPushButton("Start the &weekly review…")
        self.review_button.setAccessibleName("Start the weekly review")
        self.review_button.setToolTip("Fifteen minutes: follow-ups, people going cold, your "
                                      "focus, the habit and next week's goal")
        self.review_button.clicked.connect(self.start_review)
        self.last_review = note_label()
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_button)
        review_row.addWidget(self.last_review, 1)
        layout = self.content  # a card like the dashboard's other sections
        layout.addWidget(self.summary)
        layout.addWidget(self.people)
        layout.addLayout(review_row)
        self.review = None
        self.hide()

    def reload(self, today: datetime.date) -> None:
        from netdesk.core import keep_in_touch
        from netdesk.ui.method.method_settings import method_enabled
        from netdesk.ui.method.tier_settings import last_review, tag_intervals, tier_intervals

        shown = method_enabled()
        self.setVisible(shown)
        if not shown:
            return
        intervals, tags = tier_intervals(), tag_intervals()
        due, cold = keep_in_touch.count_overdue(today, intervals, tags=tags)
        self.set_count(str(due + cold) if due or cold else "")
        if due or cold:
            self.summary.setText(f"{TOUCH_LABELS['cold']}: {cold}. "
                                 f"{TOUCH_LABELS['due']}: {due}.")
        else:
            self.summary.setText("Everyone with a tier heard from you within its interval.")
        self.people.clear()
        size = self.fontMetrics().height()
        for touch in keep_in_touch.overdue(today, intervals, tags=tags, limit=SHOWN):
            item = QListWidgetItem(mark_icon(touch.mark, size),
                                   f"{touch.name} · {touch.label} · {plural(touch.days, 'day')}"
                                   f" ({touch.basis})")
            item.setData(ID_ROLE, touch.person_id)
            item.setToolTip(tooltip(touch.describe()))
            self.people.addItem(item)
        rows = self.people.count()
        self.people.setVisible(rows > 0)
        if rows:
            self.people.setFixedHeight(rows * max(self.people.sizeHintForRow(0), 1)
                                       + 2 * self.people.frameWidth() + 2)
        done = last_review()
        self.last_review.setText(f"Last weekly review: {long_date(done)}." if done
                                 else "No weekly review yet.")

    def _clicked(self, item: QListWidgetItem) -> None:
        person_id = item.data(ID_ROLE)
        if person_id is not None:
            self.open_person_requested.emit(int(person_id))

    def start_review(self):
        from netdesk.ui.method.weekly_review import open_weekly_review

        self.review = open_weekly_review(self.window(), self.open_person_requested.emit)
        return self.review
