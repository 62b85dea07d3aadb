"""Does every window and dialog fit the screen, with its OK, Next or Finish button in view?

Shared by tests/ui/test_screen_fit.py, which runs :func:`misfits` in the test
process with the available screen replaced, and by ``python -m
tests.ui.screen_fit``, which the test starts with a real offscreen screen of a
given size (``QT_QPA_PLATFORM=offscreen:configfile=...``) and scale
(``QT_SCALE_FACTOR``), and which prints one line per misfit.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.ui.every_dialog import DIALOGS


def _print_preview(window):
    from netdesk.db.models import Interview
    from netdesk.ui.sheets.printing import print_interview_sheet

    return print_interview_sheet(window, Interview.select().order_by(Interview.id).first().id)


def _recovery(window):
    from netdesk.ui.backup.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(window.db_path, "The file is not a netdesk database.", "not_sqlite",
                            parent=window)
    dialog.open()
    return dialog


WINDOWS: dict[str, Callable] = {
    "main window": lambda window: window,
    **DIALOGS,
    "print preview": _print_preview,
    "catalog": lambda window: window.open_catalog(),
    "recovery": _recovery,
}
"""Every window and dialog to check, each opened from the main window."""


def _key_buttons(widget):
    """The buttons a user must reach to finish: the wizard's Next or Finish, the dialog's
    default and accepting buttons."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton, QWizard

    if isinstance(widget, QWizard):
        buttons = [widget.button(QWizard.WizardButton.NextButton),
                   widget.button(QWizard.WizardButton.FinishButton),
                   widget.button(QWizard.WizardButton.CancelButton)]
        return [b for b in buttons if b.isVisibleTo(widget)]
    if isinstance(widget, QMessageBox):
        return list(widget.buttons())
    found = [b for b in widget.findChildren(QPushButton) if b.isDefault()]
    for box in widget.findChildren(QDialogButtonBox):
        found += box.buttons()
    return [b for b in found if b.isVisibleTo(widget)]


def misfits(name: str, widget, area) -> list[str]:
    """What is wrong with ``widget`` on a screen whose available part is ``area``."""
    from PySide6.QtCore import QPoint, QRect

    problems = []
    frame = widget.frameGeometry()
    if not area.contains(frame):
        problems.append(f"{name}: frame {frame.getRect()} is not inside {area.getRect()}")
    inside = widget.rect()
    for button in _key_buttons(widget):
        label = button.text().replace("&", "")
        where = QRect(button.mapTo(widget, QPoint(0, 0)), button.size())
        if not button.isVisible():
            problems.append(f"{name}: button {label!r} is hidden")
        elif not inside.contains(where):
            problems.append(f"{name}: button {label!r} at {where.getRect()} is outside the "
                            f"window {inside.getRect()}")
        elif button.visibleRegion().boundingRect() != button.rect():
            problems.append(f"{name}: button {label!r} is cut off")
    return problems


def check_every_window(window, area, names=None) -> list[str]:
    """Open each window of :data:`WINDOWS` from ``window`` and collect the misfits."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.every_dialog import close

    found = []
    for name in names or WINDOWS:
        widget = WINDOWS[name](window)
        assert widget is not None, f"{name} did not open"
        for _ in range(3):
            QApplication.processEvents()
        found += misfits(name, widget, area)
        if widget is not window:
            close(widget)
    return found



def use_virtual_screen(home: Path, width: int, height: int, scale: str) -> None:
    """Before Qt starts: an offscreen screen of ``width`` × ``height`` at ``scale``, and the
    per-user folders inside ``home`` (never the real ones)."""
    config = home / "screen.json"
    config.write_text(json.dumps({"screens": [
        {"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = scale
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                     "XDG_RUNTIME_DIR"):
        os.environ[variable] = str(home / variable.lower())


def _main(argv: list[str]) -> int:
    """``python -m tests.ui.screen_fit WIDTHxHEIGHT [SCALE [FONT_POINTS]]``: set up the screen
    (and the application font), open every window, print the misfits."""
    width, height = (int(n) for n in argv[0].split("x"))
    scale = argv[1] if len(argv) > 1 else "1"
    points = float(argv[2]) if len(argv) > 2 else None
    home = Path(tempfile.mkdtemp(prefix="netdesk-screen-fit-"))
    use_virtual_screen(home, width, height, scale)

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("netdesk-tests")
    app.setApplicationName("netdesk-tests")
    if points:
        font = app.font()
        font.setPointSizeF(points)
        app.setFont(font)
    import netdesk.ui.common.plain_messages as plain_messages
    from netdesk.core.demo import write_sample_database
    from netdesk.db import open_database
    from netdesk.ui.shell.main_window import MainWindow

    plain_messages.show = lambda box: box.open()
    db_path = home / "sample.sqlite3"
    write_sample_database(db_path)
    open_database(db_path)
    window = MainWindow(db_path)
    window.show()
    area = app.primaryScreen().availableGeometry()
    print(f"available {area.width()}x{area.height()} at scale {scale}, "
          f"font {app.font().pointSizeF()} pt")
    found = check_every_window(window, area)
    for line in found:
        print(line)
    window.close()
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
