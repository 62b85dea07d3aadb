"""The outreach checker beside the message: each check as a mark, a word and a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout

from netdesk.core.outreach_check import check
from netdesk.ui.common.plain_text import note_label, tooltip
from netdesk.ui.common.theme import set_themed_style

PASSED, TO_DO = "✓", "!"


class OutreachHints(QGroupBox):
    """Live hints for the message in ``body``; ``connections`` gives the words that state
    the connection for this reader (the referrer's name, a shared organization)."""

    def __init__(self, body: QPlainTextEdit, connections: Callable[[], tuple[str, ...]],
                 parent=None):
        super().__init__("Will it be answered?", parent)
        self.setAccessibleName("Outreach checker")
        self._body = body
        self._connections = connections
        self.rows: dict[str, QLabel] = {}
        self._layout = QVBoxLayout(self)
        body.textChanged.connect(self.refresh)

    def refresh(self) -> None:
        for hint in check(self._body.toPlainText(), self._connections()):
            row = self.rows.get(hint.key)
            if row is None:
                row = self.rows[hint.key] = note_label()
                self._layout.addWidget(row)
            # A passed check needs no reason on screen; one to improve says why it matters.
            row.setText(f"{PASSED}  {hint.headline}" if hint.ok
                        else f"{TO_DO}  {hint.headline}. {hint.why}")
            row.setToolTip(tooltip(hint.why))
            row.setAccessibleName(("Passed: " if hint.ok else "To improve: ") + hint.headline)
            row.setProperty("passed", hint.ok)
            set_themed_style(row, "" if hint.ok else "color: {warning};")

    def to_improve(self) -> list[str]:
        """The headlines of the checks not passed, as shown."""
        return [row.accessibleName().removeprefix("To improve: ")
                for row in self.rows.values() if not row.property("passed")]
