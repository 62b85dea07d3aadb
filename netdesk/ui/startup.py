"""Starting the desktop program: the application object, the database file, the main window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from netdesk import APP_NAME, __version__
from netdesk.db import DatabaseFileError, open_database
from netdesk.paths import resource_path


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("netdesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "netdesk.svg"))))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return app


def sample_database_path() -> Path:
    """A new temporary file holding the sample network (never the user's own file)."""
    from netdesk.core.demo import write_sample_database

    path = Path(tempfile.mkdtemp(prefix="netdesk-sample-")) / "sample-network.sqlite3"
    write_sample_database(path)
    return path


def run_gui(db_path: Path, *, demo: bool = False, argv: list[str] | None = None) -> int:
    app = create_application(argv or sys.argv[:1])
    if demo:
        db_path = sample_database_path()
    while True:
        lock = QLockFile(str(db_path) + ".lock")
        if not lock.tryLock(200):
            choice = _ask_other_file(
                db_path, "This database is already open in another netdesk window."
            )
        else:
            try:
                open_database(db_path)
                break
            except DatabaseFileError as error:
                lock.unlock()
                choice = _ask_other_file(db_path, error.reason)
        if choice is None:
            return 1
        db_path = choice

    from netdesk.ui.main_window import MainWindow

    window = MainWindow(db_path, sample=demo)
    window.show()
    window.lock = lock
    return app.exec()


def _ask_other_file(path: Path, reason: str) -> Path | None:
    """Tell the user why ``path`` cannot be opened; return another file they pick, or None."""
    box = QMessageBox(QMessageBox.Icon.Critical, "netdesk", "")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"netdesk cannot open {path}.")
    box.setInformativeText(f"{reason}\n\nThe file has not been changed.")
    other = box.addButton("Open Another File…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not other:
        return None
    name, _ = QFileDialog.getOpenFileName(
        None, "Open netdesk database", str(path.parent),
        "netdesk databases (*.sqlite3);;All files (*)",
    )
    return Path(name) if name else None
