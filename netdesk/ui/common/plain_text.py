"""Showing user text exactly as typed: never interpreted as HTML, links only for safe schemes."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from netdesk.ui.common.theme import set_themed_style

SAFE_SCHEMES = ("http", "https", "mailto")


def plain_label(text: str = "", parent=None) -> QLabel:
    """A QLabel that shows ``text`` literally (``<b>Ann</b>`` stays as typed)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def note_label(text: str = "", parent=None) -> QLabel:
    """A wrapping plain-text label for explanations beside a form."""
    label = plain_label(text, parent)
    label.setWordWrap(True)
    return label


def problem_label(parent=None) -> QLabel:
    """A wrapping label, in red, that says what is wrong with the input."""
    label = note_label("", parent)
    set_themed_style(label, "color: {error};")
    return label


def tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally (Qt guesses rich text otherwise)."""
    return f"<span>{html.escape(text)}</span>".replace("\n", "<br>") if text else ""


def open_link(url: str) -> bool:
    """Open ``url`` in the user's own program, only for http, https and mailto."""
    link = QUrl(url.strip())
    if link.scheme().lower() not in SAFE_SCHEMES:
        return False
    return QDesktopServices.openUrl(link)
