"""Whom to contact there: the hints about the chosen person on the plan wizard's research
page (method mode), each a mark, a short line and why it matters."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from netdesk.core.whom_to_contact import ContactHint, contact_hints
from netdesk.ui.common.plain_text import note_label, tooltip
from netdesk.ui.common.theme import set_themed_style

MARKS = {True: "✓", False: "!", None: "?"}
WORDS = {True: "Yes: ", False: "Not quite: ", None: "To research: "}


class ContactHints(QGroupBox):
    """The four hints for one person; hidden when there is no person yet."""

    def __init__(self, parent=None):
        super().__init__("Whom to contact there", parent)
        self.setAccessibleName("Whom to contact there")
        self.rows: dict[str, QLabel] = {}
        self.hints: list[ContactHint] = []
        self._layout = QVBoxLayout(self)

    def show_for(self, person_id: int | None, career_field: str = "") -> None:
        self.hints = contact_hints(person_id, career_field) if person_id else []
        for hint in self.hints:
            row = self.rows.get(hint.key)
            if row is None:
                row = self.rows[hint.key] = note_label()
                self._layout.addWidget(row)
            row.setText(f"{MARKS[hint.met]}  {hint.headline}. {hint.why}")
            row.setToolTip(tooltip(hint.why))
            row.setAccessibleName(WORDS[hint.met] + hint.headline)
            set_themed_style(row, "color: {warning};" if hint.met is False else "")
        self.setVisible(bool(self.hints))
