"""Copy a drafted message, or open it in the mail program: the two ways a message the user
wrote in netdesk leaves it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from netdesk.core.templates import full_text, mailto_link
from netdesk.ui.common.plain_text import open_link


class SendsMessage:
    """For a widget with ``subject`` (QLineEdit), ``body`` (QPlainTextEdit), ``recipient``
    (an address, or "") and ``hint`` (a label saying what happened)."""

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(full_text(self.subject.text(),
                                                      self.body.toPlainText()))
        self.hint.setText("Copied to the clipboard.")

    def mailto(self) -> str:
        return mailto_link(self.recipient, self.subject.text(), self.body.toPlainText())

    def open_in_mail(self) -> bool:
        opened = open_link(self.mailto())
        self.hint.setText("Opened in your mail program." if opened else
                          "Could not start a mail program; use Copy and paste it instead.")
        return opened
