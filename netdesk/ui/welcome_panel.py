"""WelcomePanel: what an empty network shows instead of a blank pane."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from netdesk.ui.plain_text import plain_label

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
        text = plain_label(INVITATION)
        text.setWordWrap(True)
        text.setMaximumWidth(520)
        add = QPushButton("Add a person I know")
        add.setDefault(True)
        add.setToolTip("Ctrl+N")
        add.clicked.connect(self.add_person_requested)
        sample = QPushButton("Look around the sample network")
        sample.clicked.connect(self.sample_requested)
        self.extra_buttons = QVBoxLayout()  # e.g. importing LinkedIn connections
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, text):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        for button in (add, sample):
            button.setMinimumWidth(280)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self.extra_buttons)
        layout.addStretch(2)
