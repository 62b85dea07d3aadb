"""ConflictBar: a field the user is typing in was changed elsewhere; keep mine or take theirs.

Shown inside the editor, above the form, instead of a modal box: the user can
finish the sentence they are typing and answer when ready. Until then the field
is not saved, so neither value is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

from netdesk.ui.common.plain_text import plain_label, tooltip

SHOWN_CHARACTERS = 120


def shown_value(text: str) -> str:
    """A value for the sentence: quoted, on one line, shortened when long."""
    text = " ".join(text.split())
    if not text:
        return "nothing (empty)"
    if len(text) > SHOWN_CHARACTERS:
        text = text[:SHOWN_CHARACTERS - 1].rstrip() + "…"
    return f"“{text}”"


class ConflictBar(QFrame):
    """One field's conflict: a sentence naming the field and both values, two buttons."""

    keep_mine = Signal(str)
    take_theirs = Signal(str)
    """The field name."""

    def __init__(self, field: str, label: str, parent=None):
        super().__init__(parent)
        self.field = field
        self.label = label
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"{field}_conflict")
        self.setAccessibleName(f"{label} was changed elsewhere")
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.keep_button = QPushButton("Keep mine")
        self.take_button = QPushButton("Take theirs")
        self.keep_button.clicked.connect(lambda: self.keep_mine.emit(self.field))
        self.take_button.clicked.connect(lambda: self.take_theirs.emit(self.field))
        for button in (self.keep_button, self.take_button):
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.take_button)

    def set_values(self, mine: str, theirs: str) -> None:
        text = (f"{self.label} was changed elsewhere while you were editing it. "
                f"Yours: {shown_value(mine)}. Theirs: {shown_value(theirs)}.")
        self.message.setText(text)
        self.setAccessibleDescription(text)
        self.keep_button.setToolTip(tooltip(f"Save yours: {shown_value(mine)}"))
        self.take_button.setToolTip(tooltip(f"Show and keep theirs: {shown_value(theirs)}"))

    def text(self) -> str:
        return self.message.text()
