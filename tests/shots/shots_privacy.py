"""``python -m tests.shots.shots_privacy OUTDIR WIDTHxHEIGHT SCALE``: the privacy windows —
File → Encrypt This Database…, the passphrase asked at start, Preferences → Privacy, the
locked window, People → Export Everything About… and Forget Person… — in light and dark,
alone (``NAME-MODE.png``) and as the screen shows them (``NAME-MODE-screen.png``)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.shots.screens import _on_screen
from tests.ui.screen_fit import use_virtual_screen


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
    outdir = Path(argv[0])
    width, height = (int(n) for n in argv[1].split("x"))
    home = Path(tempfile.mkdtemp(prefix="netdesk-shots-privacy-"))
    use_virtual_screen(home, width, height, argv[2])

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("netdesk-shots")
    app.setApplicationName("netdesk-shots")
    import keyring

    import netdesk.ui.common.plain_messages as plain_messages
    from netdesk.core.demo import write_sample_database
    from netdesk.db import open_database
    from netdesk.ui.common.theme import appearance
    from netdesk.ui.shell.main_window import MainWindow
    from tests.conftest import MemoryKeyring

    ring = MemoryKeyring()
    keyring.get_keyring = lambda: ring  # never the real keyring
    plain_messages.show = lambda box: box.open()
    db_path = home / "sample.sqlite3"
    write_sample_database(db_path)
    open_database(db_path)
    outdir.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen()
    for mode in ("light", "dark"):
        appearance().set_mode(mode, save=False)
        window = MainWindow(db_path)
        window.show()
        window.finish_start()
        window.sync_actions.stop()
        for name, widget in _windows(window, db_path):
            widget.show()
            for _ in range(8):
                app.processEvents()
            widget.grab().save(str(outdir / f"{name}-{mode}.png"))
            _on_screen(window, widget, screen).save(str(outdir / f"{name}-{mode}-screen.png"))
            print(outdir / f"{name}-{mode}.png")
        for widget in app.topLevelWidgets():
            if widget is not window:
                widget.hide()
                widget.deleteLater()
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
