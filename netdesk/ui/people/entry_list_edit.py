"""EntryListEdit: a list of a person's further emails, phones, links, dates, names or fields.

Each row has a kind (when the list holds several), a label, the value and buttons to
move it, make it the preferred one (emails and phones) and remove it. The rows are
named for assistive technology as the editor counts them: the preferred email is
"Email 1", so the first row of kind email is "Email 2".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.people import entry_problems
from netdesk.core.person_details import Entry
from netdesk.core.vocabulary import ENTRY_KIND_LABELS
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.plain_text import tooltip
from netdesk.ui.common.theme import icon, set_themed_style
from netdesk.ui.people.contact_edits import COMMON_LABELS, LabelCombo, PhoneEdit

SUGGESTIONS = {
    "email": COMMON_LABELS,
    "phone": COMMON_LABELS,
    "web": ["Work", "Home", "Blog", "Portfolio", "Other"],
    "social": ["Mastodon", "Bluesky", "GitHub", "X", "Facebook", "Instagram"],
    "im": ["Signal", "WhatsApp", "Telegram", "Matrix", "Skype", "Teams", "Slack"],
    "event": ["Anniversary", "Other"],
    "related": ["Spouse", "Partner", "Child", "Parent", "Sibling", "Assistant", "Manager",
                "Friend", "Other"],
    "custom": [],
}
"""The labels offered for each kind of entry; any other word may be typed."""

PLACEHOLDERS = {
    "email": "name@example.org", "phone": "e.g. +1 555 0100 ext. 12",
    "web": "https://…", "social": "Profile address or @handle", "im": "Handle or number",
    "event": "YYYY-MM-DD, or --MM-DD without a year", "related": "Their name",
    "custom": "Value",
}
PREFERRED_KINDS = ("email", "phone")
"""Kinds with a preferred value of their own in the form (the Email and Phone fields)."""


class _Row(QWidget):
    """One entry: kind, label, value and the row's buttons."""

    def __init__(self, owner: EntryListEdit, kind: str):
        super().__init__()
        self.owner = owner
        self.kind = kind
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.kind_combo = None
        if len(owner.kinds) > 1:
            self.kind_combo = QComboBox()
            for key in owner.kinds:
                self.kind_combo.addItem(ENTRY_KIND_LABELS[key], key)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
            self.kind_combo.activated.connect(self._kind_chosen)
            layout.addWidget(self.kind_combo)
        self.label = LabelCombo("Label", SUGGESTIONS[kind])
        self.label.edited.connect(owner.edited)
        if kind in ("custom", "related", "event"):  # a label of a few words: "Best time to call"
            self.label.setMinimumContentsLength(14)
        layout.addWidget(self.label)
        self.value = PhoneEdit()
        self.value.setMinimumWidth(self.value.fontMetrics().averageCharWidth() * 14)
        self.value.textEdited.connect(lambda _text: owner.edited.emit())
        layout.addWidget(self.value, 1)
        self.up = self._button("move-up", lambda: owner.move_row(self, -1))
        self.down = self._button("move-down", lambda: owner.move_row(self, 1))
        self.preferred = self._button("make-preferred",
                                      lambda: owner.make_preferred_requested.emit(
                                          owner.rows.index(self)))
        self.remove = self._button("remove-row", lambda: owner.remove_row(self))
        policy = self.preferred.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the values of every row line up
        self.preferred.setSizePolicy(policy)
        for button in (self.up, self.down, self.preferred, self.remove):
            layout.addWidget(button)
        self._show_kind()

    def _button(self, icon_name: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _kind_chosen(self, _index: int) -> None:
        self.kind = self.kind_combo.currentData()
        self._show_kind()
        self.owner.rename()
        self.owner.edited.emit()

    def _show_kind(self) -> None:
        self.label.set_suggestions(SUGGESTIONS[self.kind])
        self.value.setPlaceholderText(PLACEHOLDERS[self.kind])
        self.value.formats = self.kind == "phone"
        self.preferred.setVisible(self.owner.offers_preferred and self.kind in PREFERRED_KINDS)

    def entry(self) -> Entry:
        return Entry(self.kind, self.value.value().strip(), self.label.value().strip())

    def set_entry(self, entry: Entry) -> None:
        self.kind = entry.kind
        if self.kind_combo is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(entry.kind))
        self._show_kind()
        self.label.set_value(entry.label)
        self.value.set_value(entry.value)

    def name(self, number: int) -> None:
        """Name the row's controls for assistive technology: "Email 2"."""
        what = f"{ENTRY_KIND_LABELS[self.kind]} {number}"
        self.what = what
        if self.kind_combo is not None:
            self.kind_combo.setAccessibleName(f"Kind of {what}")
        self.label.setAccessibleName(f"Label of {what}")
        self.value.setAccessibleName(what)
        for button, text in ((self.up, f"Move {what} up"), (self.down, f"Move {what} down"),
                             (self.preferred, f"Make {what} the preferred one"),
                             (self.remove, f"Remove {what}")):
            button.setAccessibleName(text)
            button.setToolTip(text)


class EntryListEdit(QWidget):
    """Edits the entries of ``kinds`` (one list for one or several kinds).

    :meth:`value` is the entries in order, blank values left out; :meth:`set_value`
    shows a list. ``edited`` says the user changed something; ``make_preferred_requested``
    gives the index of a row the user wants as the preferred email or phone.
    """

    edited = Signal()
    make_preferred_requested = Signal(int)

    def __init__(self, kinds: tuple[str, ...], name: str, offers_preferred: bool = False,
                 parent=None):
        super().__init__(parent)
        self.kinds = kinds
        self.offers_preferred = offers_preferred
        self.rows: list[_Row] = []
        self.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(2)
        layout.addLayout(self.rows_layout)
        single = len(kinds) == 1
        self.add_button = QPushButton(
            f"Add {ENTRY_KIND_LABELS[kinds[0]].lower()}" if single else "Add…")
        self.add_button.setAccessibleName(
            self.add_button.text() if single else f"Add to {name.lower()}")
        self.add_button.setAutoDefault(False)
        if single:
            self.add_button.clicked.connect(lambda: self.add_row(kinds[0]))
        else:
            menu = QMenu(self.add_button)
            for kind in kinds:
                menu.addAction(make_action(menu, ENTRY_KIND_LABELS[kind],
                                           lambda kind=kind: self.add_row(kind),
                                           tip=f"Add a row for {ENTRY_KIND_LABELS[kind].lower()}"))
            self.add_button.setMenu(menu)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        self.setFocusProxy(self.add_button)
        self._problem_row: _Row | None = None

    # Values ----------------------------------------------------------------------------------

    def value(self) -> list[Entry]:
        return [entry for entry in (row.entry() for row in self.rows) if entry.value]

    def set_value(self, entries: list[Entry]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for entry in entries:
            if entry.kind in self.kinds:
                self._append(entry.kind).set_entry(entry)
        self.rename()

    def row_entry(self, index: int) -> Entry:
        return self.rows[index].entry()

    def set_row(self, index: int, entry: Entry | None) -> None:
        """Put ``entry`` in row ``index`` (None: remove the row)."""
        if entry is None:
            self._drop(self.rows[index])
        else:
            self.rows[index].set_entry(entry)
        self.rename()

    # Rows ------------------------------------------------------------------------------------

    def add_row(self, kind: str) -> None:
        row = self._append(kind)
        self.rename()
        row.value.setFocus()

    def _append(self, kind: str) -> _Row:
        row = _Row(self, kind)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        return row

    def move_row(self, row: _Row, step: int) -> None:
        index = self.rows.index(row)
        other = index + step
        if not 0 <= other < len(self.rows):
            return
        mine, theirs = row.entry(), self.rows[other].entry()
        row.set_entry(theirs)
        self.rows[other].set_entry(mine)
        self.rename()
        target = self.rows[other]
        (target.up if step < 0 else target.down).setFocus()
        self.edited.emit()

    def remove_row(self, row: _Row) -> None:
        index = self.rows.index(row)
        self._drop(row)
        self.rename()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].value.setFocus()
        else:
            self.add_button.setFocus()
        self.edited.emit()

    def _drop(self, row: _Row) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()

    def rename(self) -> None:
        counts: dict[str, int] = {}
        for position, row in enumerate(self.rows):
            counts[row.kind] = counts.get(row.kind, 1 if row.kind in PREFERRED_KINDS else 0) + 1
            row.name(counts[row.kind])
            row.up.setEnabled(position > 0)
            row.down.setEnabled(position < len(self.rows) - 1)

    # Problems --------------------------------------------------------------------------------

    def show_problem(self, _message: str) -> None:
        """Mark the rows whose email or phone is wrong (the message is the editor's)."""
        filled = [row for row in self.rows if row.entry().value]
        problems = entry_problems([row.entry() for row in filled])
        self._problem_row = None
        for position, row in enumerate(filled):
            problem = problems.get(position, "")
            if problem and self._problem_row is None:
                self._problem_row = row
            _mark(row.value, problem)
        for row in self.rows:
            if row not in filled:
                _mark(row.value, "")

    def focus_problem(self) -> None:
        (self._problem_row.value if self._problem_row else self.add_button).setFocus()


def _mark(widget: QWidget, problem: str) -> None:
    if widget.property("invalid") != bool(problem):
        widget.setProperty("invalid", bool(problem))
        set_themed_style(widget, "border: 1px solid {error};" if problem else "")
    widget.setToolTip(tooltip(problem))
    widget.setAccessibleDescription(problem)
