"""WelcomePanel: what an empty network shows instead of a blank pane."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from netdesk.ui.common.plain_text import plain_label

INVITATION = (
    "Your network is bigger than you think. Start with the people you already know: "
    "family, friends, neighbours, classmates, coworkers, professors, even people you "
    "have met only once. Each of them knows people in fields you may want to explore."
)


class WelcomePanel(QWidget):
    add_person_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = plain_label("Welcome to netdesk")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = plain_label(INVITATION)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        add = QPushButton("Add a person I know")
        add.setDefault(True)
        add.setToolTip("Ctrl+N")
        add.clicked.connect(self.add_person_requested)
        sample = QPushButton("Look around the sample network")
        sample.clicked.connect(self.sample_requested)

        card = QWidget()
        card.setMaximumWidth(540)
        column = QVBoxLayout(card)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(16)
        column.addWidget(add)
        column.addWidget(sample)
        self.extra_buttons = column  # more ways in (e.g. importing LinkedIn connections)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
