"""``python -m tests.shots.shots_privacy OUTDIR WIDTHxHEIGHT SCALE``: the privacy windows —
File → Encrypt This Database…, the passphrase asked at start, Preferences → Privacy, the
locked window, People → Export Everything About… and Forget Person… — in light and dark,
alone (``NAME-MODE.png``) and as the screen shows them (``NAME-MODE-screen.png``)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.shots.screen_script import run


def _windows(window, db_path: Path):
    from netdesk.db.models import Person
    from netdesk.ui.backup.encryption_dialog import EncryptionDialog
    from netdesk.ui.backup.passphrase_dialog import PassphraseDialog
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog
    from netdesk.ui.people.export_about_dialog import ExportAboutDialog
    from netdesk.ui.people.forget_dialog import ForgetDialog
    from netdesk.ui.shell.app_lock import app_lock, set_passphrase

    person = Person.select().order_by(Person.id).offset(1).get()
    yield "encrypt-database", EncryptionDialog(db_path, window)
    yield "passphrase-at-start", PassphraseDialog(db_path, window)
    preferences = PreferencesDialog(window)
    preferences.tabs.setCurrentWidget(preferences.privacy)
    yield "preferences-privacy", preferences
    preferences.hide()
    yield "export-everything-about", ExportAboutDialog(person.id, window)
    yield "forget-person", ForgetDialog(person.id, db_path, None, window)
    for widget in window.findChildren(ForgetDialog) + window.findChildren(ExportAboutDialog):
        widget.hide()
    set_passphrase("correct horse")
    window.select_person(person.id)
    app_lock().lock()
    yield "locked", window
    app_lock().unlock("correct horse")


def main(argv: list[str]) -> int:
    return run(argv, "netdesk-shots-privacy-", _windows)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
