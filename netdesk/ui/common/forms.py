"""Pieces every form dialog needs: a label that moves focus to its field, the Save and Cancel
(or Close) buttons, and the first problem shown under the form with its field focused."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic (``&Name``) focuses ``buddy``, for a row whose field is a
    layout (``QFormLayout.addRow(str, layout)`` sets no buddy)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def save_cancel_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """Save (runs ``save``, which closes the dialog when it succeeds) and Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A lone Close button (and Escape) that closes ``dialog``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


def show_first_problem(owner: QWidget, label: QLabel, problems: Mapping[str, str]) -> bool:
    """Say the first of ``problems`` (field name → message) in ``label`` and focus that field,
    ``owner``'s attribute of the same name; False when there is none."""
    if not problems:
        return False
    field, message = next(iter(problems.items()))
    label.setText(message)
    getattr(owner, field).setFocus()
    return True
