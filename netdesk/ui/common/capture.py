"""QuickCapture: a small window, opened from anywhere with Ctrl+Shift+P, to jot down someone.

One line for the name (", organization" optional) and one for a note; Enter saves
the person and the note and closes, Esc closes without saving. It is not modal:
the main window stays usable behind it, and what was being edited there is left
alone (the new person appears in the contact tree, nothing else moves).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QWidget

from netdesk.core.capture import capture_problem, parse_line, quick_add
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_text import note_label, problem_label

SHORTCUT = "Ctrl+Shift+P"


class QuickCapture(QDialog):
    """Name and note; Enter saves, Esc closes."""

    person_added = Signal(int, str)
    """(person id, name) once saved."""

    def __init__(self, parent: QWidget | None = None,
                 today: Callable[[], datetime.date] = datetime.date.today):
        super().__init__(parent, Qt.WindowType.Tool)
        self.setWindowTitle("Quick capture")
        self.setModal(False)
        self._today = today
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name, organization (e.g. Ana Ruiz, Acme Health)")
        self.name.setAccessibleName("Name and organization")
        self.note = QLineEdit()
        self.note.setPlaceholderText("A one-line note (e.g. met at the career fair)")
        self.note.setAccessibleName("Note")
        self.hint = note_label("Enter saves · Esc closes. Fill in the rest later.")
        self.problem = problem_label()
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow("&Who:", self.name)
        form.addRow("N&ote:", self.note)
        form.addRow(self.problem)
        form.addRow(self.hint)
        self.name.textChanged.connect(lambda: self.problem.hide())
        self.resize(460, self.sizeHint().height())

    def open_near(self, window: QWidget) -> None:
        """Show it over the top of ``window``, empty, with the cursor in the name."""
        self.name.clear()
        self.note.clear()
        self.problem.hide()
        top = window.mapToGlobal(QPoint(0, 0))
        self.move(top.x() + (window.width() - self.width()) // 2, top.y() + 80)
        self.show()
        self.raise_()
        self.activateWindow()
        self.name.setFocus()

    def save(self) -> bool:
        """Save the person and the note (True), or say what is missing and stay open."""
        line = self.name.text()
        problem = capture_problem(line)
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.name.setFocus()
            return False
        changes = quick_add(line, self.note.text(), self._today())
        publish(changes, self)
        self.person_added.emit(changes.id, parse_line(line).name)
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in either line (they pass it on to the dialog) saves; Esc is QDialog's reject.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)


def quick_capture_action(window: QWidget, status: Callable[[str], None]) -> QAction:
    """People → Quick Capture… (Ctrl+Shift+P) for ``window``: one popup, opened anew each time."""
    popup: list[QuickCapture] = []

    def open_capture() -> QuickCapture:
        if not popup:
            popup.append(QuickCapture(window))
            popup[0].person_added.connect(
                lambda _id, name: status(f"Added {name}. {SHORTCUT} adds someone else."))
        popup[0].open_near(window)
        return popup[0]

    action = make_action(window, "&Quick Capture…", open_capture, SHORTCUT,
                         "Jot down someone you just met, with a one-line note, from anywhere")
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.popup = popup  # for tests: the one popup, once opened
    return action
