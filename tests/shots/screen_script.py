"""The runner shared by the per-feature screen scripts: a sample database in a fresh home on
a virtual screen, an in-memory keyring, message boxes opened rather than run, and each
``(name, widget)`` a script yields shot alone and as the screen shows it, light and dark."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.shots.screens import _on_screen
from tests.ui.screen_fit import use_virtual_screen


def run(argv: list[str], prefix: str, windows: Callable[[object, Path], Iterator],
        prepare: Callable[[], None] | None = None, *,
        hide_after: Callable[[str], bool] | None = None,
        finish: Callable[[Path], None] | None = None) -> int:
    """``argv`` is ``OUTDIR WIDTHxHEIGHT SCALE``; ``prepare`` fills the sample database before
    the windows open; ``windows(window, db_path)`` yields what to shoot; ``hide_after(name)``
    says whether that shot's window goes as soon as it is taken (otherwise at the end of its
    mode); ``finish(outdir)`` runs last, with the application still there."""
    outdir = Path(argv[0])
    width, height = (int(n) for n in argv[1].split("x"))
    home = Path(tempfile.mkdtemp(prefix=prefix))
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
    if prepare is not None:
        prepare()
    outdir.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen()
    for mode in ("light", "dark"):
        appearance().set_mode(mode, save=False)
        window = MainWindow(db_path)
        window.show()
        window.finish_start()
        window.sync_actions.stop()  # no sample account's server exists
        for name, widget in windows(window, db_path):
            widget.show()
            for _ in range(8):
                app.processEvents()
            widget.grab().save(str(outdir / f"{name}-{mode}.png"))
            _on_screen(window, widget, screen).save(str(outdir / f"{name}-{mode}-screen.png"))
            print(outdir / f"{name}-{mode}.png")
            if widget is not window and hide_after is not None and hide_after(name):
                widget.hide()
                widget.deleteLater()
        for widget in app.topLevelWidgets():
            if widget is not window:
                widget.hide()
                widget.deleteLater()
        window.close()
        window.deleteLater()
        app.processEvents()
    if finish is not None:
        finish(outdir)
    return 0
