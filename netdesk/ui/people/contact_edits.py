"""Small fields of the person editor: a phone shown formatted, a label chooser."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit

from netdesk.core.contact_values import format_phone, phone_problem
from netdesk.core.limits import LINE_CHARS
from netdesk.core.vocabulary import ENTRY_LABEL_LABELS

COMMON_LABELS = list(ENTRY_LABEL_LABELS.values())
"""What the label chooser of an email, phone or address offers; any other word may be typed."""


class PhoneEdit(QLineEdit):
    """A line for a phone number, kept as typed and shown formatted once the user leaves it.

    :meth:`value` is what the user typed (an import's ``+1 555 0100;ext=102`` stays as it
    was), the text shown is :func:`~netdesk.core.contact_values.format_phone` of it
    outside editing. ``formats`` False makes it a plain line (an entry that is no phone).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.formats = True
        self.setMaxLength(LINE_CHARS)
        self._typed = ""
        self._shown = ""

    def value(self) -> str:
        return self._typed if self.text() == self._shown else self.text()

    def set_value(self, value: str) -> None:
        fit_length(self, value)
        self._typed = value
        self._shown = value if self.hasFocus() else self._formatted(value)
        self.setText(self._shown)

    def _formatted(self, value: str) -> str:
        if not self.formats or not value.strip() or phone_problem(value):
            return value
        return format_phone(value)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        typed = self.value()
        shown = self._formatted(typed)
        self._typed = typed
        if shown != self.text():
            self.setText(shown)
        self._shown = shown


class LabelCombo(QComboBox):
    """Work, home, mobile or other, or the address book's own word, typed.

    :meth:`value` is the stored word: the key of a common label ("work"), otherwise
    what was typed; ``edited`` says the user changed it.
    """

    edited = Signal()

    def __init__(self, accessible_name: str, suggestions: list[str] | None = None,
                 parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self._stored = self._shown = ""
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(accessible_name)
        self.lineEdit().setPlaceholderText("Label")
        self.lineEdit().setMaxLength(LINE_CHARS)
        self.setMinimumContentsLength(7)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setToolTip(f"{accessible_name}: pick one or type your own")
        self.set_suggestions(COMMON_LABELS if suggestions is None else suggestions)
        self.lineEdit().textEdited.connect(lambda _text: self.edited.emit())
        self.activated.connect(lambda _index: self.edited.emit())

    def set_suggestions(self, suggestions: list[str]) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems(suggestions)
        self.setEditText(text)
        self.blockSignals(False)

    def value(self) -> str:
        text = self.currentText().strip()
        if text == self._shown.strip():
            return self._stored  # as stored, even when spelt "WORK"
        keys = {label.casefold(): key for key, label in ENTRY_LABEL_LABELS.items()}
        return keys.get(text.casefold(), text)

    def set_value(self, value: str) -> None:
        fit_length(self.lineEdit(), value)
        self._stored = value
        self._shown = label_text(value)
        self.setEditText(self._shown)


def fit_length(line: QLineEdit, value: str) -> None:
    """Let ``line`` hold ``value`` whole: Qt would cut a stored value longer than the line's
    maximum, and the cut would then be saved as an edit."""
    if len(value) > line.maxLength():
        line.setMaxLength(len(value))


def label_text(value: str) -> str:
    """A stored label as shown ("work" → "Work")."""
    return ENTRY_LABEL_LABELS.get(value, value)
