"""SharingEdit: "Shared with" (Only me, My advisor, The whole center) and whose a record is,
for a person or an interview in a shared network on a server; hidden for a file.

A record that is not the connected member's shows its owner ("Owner: Ana Ruiz") and cannot
be changed here: :func:`set_read_only` makes the rest of its window read-only too (the
database refuses such writes anyway).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from netdesk.core.vocabulary import SHARING_LABELS
from netdesk.db.dialect import is_server
from netdesk.db.members import is_mine, name_of
from netdesk.ui.common.plain_text import plain_label


class SharingEdit(QWidget):
    """The choice of who else sees a record, and its owner when that is someone else.

    Signals:
        edited: the user chose another sharing (not emitted by :meth:`set_value`).
    """

    edited = Signal()

    def __init__(self, what: str = "person", parent=None):
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Shared with")
        self.choice.setToolTip(f"Who else in the center sees this {what} and its notes")
        for key, label in SHARING_LABELS.items():
            self.choice.addItem(label, key)
        self.choice.activated.connect(lambda _index: self.edited.emit())
        self.owner = plain_label()
        self.owner.setAccessibleName("Owner")
        self.owner.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.owner, 1)
        self._form = None
        self._made_read_only = False

    def attach(self, form_layout) -> None:
        """Show and hide the row of ``form_layout`` that holds this widget with it."""
        self._form = form_layout

    def value(self) -> str:
        return self.choice.currentData() or "private"

    def set_value(self, sharing: str) -> None:
        self.choice.setCurrentIndex(max(0, self.choice.findData(sharing)))

    def show_owner(self, owner: str | None) -> bool:
        """Show whose the record of ``owner`` is (None: a new record, the member's own);
        shown at all only on a server. True when the member may change it."""
        server = is_server()
        mine = owner is None or is_mine(owner)
        if self._form is not None:
            self._form.setRowVisible(self, server)
        else:
            self.setVisible(server)
        self.choice.setEnabled(mine)
        self.owner.setText("" if mine or not server else f"Owner: {name_of(owner)}")
        self.owner.setVisible(server and not mine)
        return mine


    def keep_to_owner(self, window: QWidget, mine: bool, keep: tuple[QWidget, ...] = ()) -> bool:
        """Make ``window`` read-only for someone else's record, and editable again after;
        a window read-only for another reason (a read-only file) is left as it is. True
        when it changed the window (its caller then sees to its own buttons)."""
        if mine and not self._made_read_only:
            return False
        set_read_only(window, not mine, keep=(self, *keep))
        self._made_read_only = not mine
        return True


def set_read_only(window: QWidget, read_only: bool, keep: tuple[QWidget, ...] = ()) -> None:
    """Make the fields and buttons in ``window`` read-only (text stays selectable and
    copyable) or editable again; the widgets in ``keep`` are left as they are."""
    for widget in window.findChildren(QWidget):
        if any(widget is k or k.isAncestorOf(widget) for k in keep):
            continue
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            if widget.isReadOnly() != read_only:
                widget.setReadOnly(read_only)
        elif isinstance(widget, (QComboBox, QAbstractSpinBox)) and not isinstance(
                widget.parent(), SharingEdit):
            widget.setEnabled(not read_only)
