"""The sync's place in the status bar: progress and Cancel while it runs, then what moved,
with the conflicts and an error's details one click away (never a popup in the way)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.common.forms import close_buttons
from netdesk.ui.common.plain_text import note_label, plain_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.wording import number

MESSAGE_COLUMNS = 70
"""The most of the status bar the sync's message takes, in average characters."""


def progress_text(server: str, step: str, done: int, total: int) -> str:
    """The status bar's words while a sync runs: 'Syncing with server… 120 of 5,000' (the
    engine's step, 'Sending people…', shows in the tooltip)."""
    if total > 0:
        return f"Syncing with {server}… {number(done)} of {number(total)}"
    return f"Syncing with {server}…"


class SyncStatus(QWidget):
    """Status-bar widget: a message, a progress bar and Cancel while a sync runs, and
    Conflicts… / Details… buttons after one that has something to show."""

    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.message = plain_label()
        self.message.setAccessibleName("Sync status")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Sync progress")
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(text_size(self, 16, 1).width())
        self.bar.setMaximumHeight(self.fontMetrics().height())
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAccessibleName("Cancel the sync")
        self.cancel_button.setToolTip("Stop syncing; what was already sent stays sent")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.conflicts_button = QToolButton()
        self.conflicts_button.setAccessibleName("Show the sync conflicts")
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.details_button = QToolButton()
        self.details_button.setText("Details…")
        self.details_button.setAccessibleName("Details of the sync problem")
        self.details_button.clicked.connect(self.show_details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.message, self.bar, self.cancel_button, self.conflicts_button,
                       self.details_button):
            layout.addWidget(widget)
        self.conflicts: list[str] = []
        self.details = ""
        self.dialog: QDialog | None = None
        self.clear()

    def clear(self) -> None:
        self.text = ""
        self.message.clear()
        self.message.setToolTip("")
        for widget in (self.bar, self.cancel_button, self.conflicts_button, self.details_button):
            widget.hide()
        self.conflicts, self.details = [], ""
        self.hide()

    def running(self, text: str, done: int = 0, total: int = 0, step: str = "") -> None:
        self.show()
        self._say(text)
        if step:
            self.message.setToolTip(tooltip(step))
        self.bar.setRange(0, max(total, 0))  # 0, 0: busy, until the engine knows how many
        self.bar.setValue(min(done, total) if total else 0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.conflicts_button.hide()
        self.details_button.hide()

    def cancelling(self) -> None:
        self._say("Cancelling the sync…")
        self.cancel_button.setEnabled(False)

    def finished(self, text: str, conflicts: list[str] | None = None,
                 details: str = "") -> None:
        """A sync ended: ``text`` (its first line shows; the conflicts have their button),
        and ``details`` behind Details… when there are any."""
        self.show()
        self._say(text)
        self.bar.hide()
        self.cancel_button.hide()
        self.details = details
        self.details_button.setVisible(bool(details))
        self.conflicts = list(conflicts or ())
        count = len(self.conflicts)
        self.conflicts_button.setText(
            f"{count} conflict{'s' if count != 1 else ''}…" if count else "")
        self.conflicts_button.setVisible(bool(count))

    def failed(self, text: str, details: str) -> None:
        self.finished(text, details=details)

    def _say(self, text: str) -> None:
        """Show ``text``, cut to :data:`MESSAGE_COLUMNS` with an ellipsis so the status bar
        never widens the window (the whole of it in the tooltip and the accessible text)."""
        self.text = text
        room = text_size(self, MESSAGE_COLUMNS, 1).width()
        first = text.strip().splitlines()[0] if text.strip() else ""
        self.message.setText(self.fontMetrics().elidedText(first, Qt.TextElideMode.ElideRight,
                                                           room))
        self.message.setToolTip(tooltip(text))
        self.message.setAccessibleDescription(text)

    def show_conflicts(self) -> QDialog:
        return self._open("Sync conflicts",
                          "The same field was changed here and on the server. netdesk kept "
                          "the newer value; the other is in the person's timeline.",
                          "\n".join(self.conflicts))

    def show_details(self) -> QDialog:
        return self._open("Sync details", "What netdesk could not do:", self.details)

    def _open(self, title: str, intro: str, text: str) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = TextDialog(title, intro, text, self.window())
        dialog.show()
        return dialog


class TextDialog(QDialog):
    """A small window with a line of explanation and plain text to read or copy."""

    def __init__(self, title: str, intro: str, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = note_label(intro)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        self.text.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(close_buttons(self))
        fit_to_screen(self, text_size(self, 80, 16))
