"""Whether the method mode is on (Preferences → Method), kept in QSettings, and its page."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from netdesk.ui.common.plain_text import note_label

ENABLED_KEY = "method/enabled"


def method_enabled(settings: QSettings | None = None) -> bool:
    value = (settings if settings is not None else QSettings()).value(ENABLED_KEY, False)
    return value in (True, "true", "1", 1)


class MethodPage(QWidget):
    """The Method tab of the preferences: one switch and what it turns on."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.enabled = QCheckBox("&Guide me through the method")
        self.enabled.setAccessibleName("Guide me through the method")
        self.enabled.setChecked(method_enabled(settings))
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(note_label(
            "Turns on the routines career coaches teach: while you write an outreach "
            "message, netdesk checks it against what gets answered (short, asking for "
            "insight rather than a job, saying first how you came to them, ending with a "
            "question, about them more than about you)."))
        layout.addStretch(1)

    def restore_defaults(self) -> None:
        self.enabled.setChecked(False)

    def save(self) -> None:
        self._settings.setValue(ENABLED_KEY, self.enabled.isChecked())


def add_method_page(dialog) -> MethodPage:
    """Add the Method tab to a :class:`PreferencesDialog`; it saves with the dialog."""
    page = MethodPage(dialog._settings, dialog)
    dialog.add_page(page, "&Method")
    dialog.saved.connect(page.save)
    dialog.saved.connect(dialog._settings.sync)
    return page
