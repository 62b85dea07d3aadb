"""CommitWizard: the base of wizards that write nothing until Finish, then all in one go.

A subclass says what its pages hold (:meth:`CommitWizard.state`, a value that compares
equal when nothing was entered) and how to write it (:meth:`CommitWizard.write`, a core
write that returns the Changes it made, or raises ValueError with a message for the
user). The base keeps the snapshot of the state the wizard opened with, asks before Cancel
throws away what was entered, saves on Finish (a failed save keeps the wizard open on its
page), and publishes what the write returned, with the wizard as the initiator.
:class:`SentOnRow` is the "I have sent it, on…" row the wizards' message pages share.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from netdesk.core.changes import Changes
from netdesk.ui.common.changes import publish
from netdesk.ui.common.line_edits import no_auto_default
from netdesk.ui.common.plain_messages import confirm, warn
from netdesk.ui.common.wording import date_field_format


def _accepted(result: int) -> bool:
    return result in (QDialog.DialogCode.Accepted, QDialog.DialogCode.Accepted.value)


class CommitWizard(QWizard):
    """A wizard whose pages are written in one transaction on Finish (or ``save_and_close``).

    Attributes:
        discard_title / discard_text: the question asked before Cancel discards input.
        error_title: the title of the message that says why a save was refused.
    """

    saved = Signal(object)
    """The Changes the wizard wrote (after its pages show what was written)."""

    discard_title = "Discard what you entered?"
    discard_text = "Close without saving? Nothing you entered here will be kept."
    error_title = "Cannot save"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._initial: object = None
        self._closing_after_save = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)

    def set_pages(self, pages: Iterable[QWizardPage]) -> None:
        """Add ``pages`` in order, their ids 0, 1, 2…"""
        for page_id, page in enumerate(pages):
            self.setPage(page_id, page)
            no_auto_default(page)

    # For subclasses ------------------------------------------------------------------------

    def state(self) -> object:
        """What the pages hold now (nothing is written)."""
        raise NotImplementedError

    def write(self, **options) -> Changes:
        """Write :meth:`state`; return the Changes, or raise ValueError naming the problem."""
        raise NotImplementedError

    def written(self, changes: Changes) -> None:
        """Show what was written on the pages (after a save that leaves the wizard open)."""

    # The snapshot --------------------------------------------------------------------------

    def remember_state(self) -> None:
        """Take what the pages hold now as the state with nothing to lose."""
        self._initial = self.state()

    def is_dirty(self) -> bool:
        return self.state() != self._initial

    # Saving and closing --------------------------------------------------------------------

    def save(self, **options) -> bool:
        """Write the pages in one transaction; on a problem say so and write nothing."""
        try:
            changes = self.write(**options)
        except ValueError as error:
            warn(self, self.error_title, str(error))
            return False
        publish(changes, self)
        self.written(changes)
        self.remember_state()
        self.saved.emit(changes)
        return True

    def save_and_close(self, **options) -> bool:
        """Save without validating the current page (e.g. "Save for later"), then close."""
        if not self.save(**options):
            return False
        self._closing_after_save = True
        self.done(QDialog.DialogCode.Accepted)
        return True

    def done(self, result: int) -> None:
        """Finish validates the current page, then saves, then closes; a failed save stays."""
        if not _accepted(result):
            super().done(result)
            return
        if not self._closing_after_save:
            if not self.validateCurrentPage() or not self.save():
                return
        self._closing_after_save = False
        QDialog.done(self, result)  # QWizard.done would validate the page a second time

    def reject(self) -> None:
        if self.is_dirty() and not confirm(self, self.discard_title, self.discard_text,
                                           "&Discard"):
            return
        super().reject()


class SentOnRow(QWidget):
    """A page's "I have sent it" check box with the date it was sent (today by default).

    Attributes:
        sent: the check box; the date is editable only while it is checked.
        sent_on: the date edit.
    """

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.sent = QCheckBox(text)
        self.sent_on = QDateEdit(QDate.currentDate())
        self.sent_on.setCalendarPopup(True)
        self.sent_on.setDisplayFormat(date_field_format(weekday=True))
        self.sent_on.setAccessibleName("Date sent")
        self.sent_on.setEnabled(False)
        self.sent.toggled.connect(self.sent_on.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sent)
        row.addWidget(self.sent_on)
        row.addStretch(1)

    def sent_date(self) -> datetime.date | None:
        """The date sent, or None while the box is not checked."""
        return self.sent_on.date().toPython() if self.sent.isChecked() else None
