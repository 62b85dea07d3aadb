"""``python -m tests.shots.readme SHOTS DOCS``: copy the README's screenshots from SHOTS
(what ``python -m tests.shots`` wrote) into DOCS, at most 1024 pixels wide, as PNG with
the strongest compression, so the repository stays small."""

from __future__ import annotations

import os
import sys
from pathlib import Path

README_SHOTS = {
    "main-window.png": "screens/100/touch-main-window-light.png",
    "person-editor.png": "screens/100/person-editor-all-light.png",
    "dashboard-dark.png": "screens/100/touch-dashboard-dark.png",
    "reach-out-checker.png": "screens/100/method-reach-out-light.png",
    "lamp-list.png": "screens/100/lamp-list-light.png",
    "weekly-review.png": "screens/100/touch-review-cold-dark.png",
    "find-duplicates.png": "screens/100/find-duplicates-light.png",
    "import-preview.png": "import-6-csv-preview.png",
    "sheet.png": "screens/100/tiara-sheet-page-1.png",
    "server-window.png": "screens/100/server-window-light-screen.png",
}
"""File in DOCS: the shot it is made from, under SHOTS."""

MAX_WIDTH = 1024
"""Wider shots are scaled down (the shots at 100 % are narrower: scaling blurs text and
makes the file larger)."""


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])
    shots, docs = Path(argv[0]), Path(argv[1])
    docs.mkdir(parents=True, exist_ok=True)
    for name, source in README_SHOTS.items():
        image = QImage(str(shots / source))
        if image.isNull():
            print(f"{shots / source}: missing; run python -m tests.shots first", file=sys.stderr)
            return 1
        if image.width() > MAX_WIDTH:
            image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.convertToFormat(QImage.Format.Format_RGB888).save(str(docs / name), "PNG", 0)
        print(docs / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
