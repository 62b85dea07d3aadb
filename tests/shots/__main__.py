"""``python -m tests.shots OUTDIR``: write a PNG of each window and dialog into OUTDIR.

Every ``shots_*.py`` module here defines ``shots(window)``, a generator of
``(name, widget)`` pairs; ``window`` is the main window over the sample network.
Set ``NETDESK_SHOTS_DARK=1`` to render with a dark palette as well. Then
``tests/shots/screens.py`` shoots the main windows, light and dark, on a screen
of 1280×800 at 100 %, 1440×900 at 150 % and 1024×600, into OUTDIR/screens/.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_home = Path(tempfile.mkdtemp(prefix="netdesk-shots-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(_home / _variable.lower())

_SCREEN_SCRIPTS = ("shots_keep_in_touch", "shots_method", "shots_sync", "shots_privacy",
                   "shots_server")
"""Scripts run like ``screens.py``, once per screen, rather than imported for ``shots()``."""


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from netdesk.core.demo import write_sample_database
    from netdesk.db import open_database
    from netdesk.ui.common.theme import dark_palette, fusion_style
    from netdesk.ui.shell.main_window import MainWindow

    outdir = Path(argv[0] if argv else "build/screenshots")
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle(fusion_style())
    db_path = _home / "sample.sqlite3"
    write_sample_database(db_path)
    open_database(db_path)
    palettes = [("", app.palette())]
    if os.environ.get("NETDESK_SHOTS_DARK"):
        palettes.append(("-dark", dark_palette()))
    # The main window first, before other modules add their own test data.
    modules = sorted((p.stem for p in Path(__file__).parent.glob("shots_*.py")
                      if p.stem not in _SCREEN_SCRIPTS),
                     key=lambda name: (name != "shots_main", name))
    for suffix, palette in palettes:
        app.setPalette(palette)
        window = MainWindow(db_path)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        for module_name in modules:
            module = importlib.import_module(f"tests.shots.{module_name}")
            for name, widget in module.shots(window):
                widget.show()
                for _ in range(3):
                    app.processEvents()
                target = outdir / f"{name}{suffix}.png"
                widget.grab().save(str(target))
                print(target)
                if widget is not window:
                    widget.close()
        window.close()
    from tests.shots.screens import SCREENS

    for folder, (screen, scale) in SCREENS.items():
        subprocess.run([sys.executable, "-m", "tests.shots.screens",
                        str(outdir / "screens" / folder), screen, scale], check=True)
        for script in ("person_editor_screens", *_SCREEN_SCRIPTS):
            subprocess.run([sys.executable, "-m", f"tests.shots.{script}",
                            str(outdir / "screens" / folder), screen, scale], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
