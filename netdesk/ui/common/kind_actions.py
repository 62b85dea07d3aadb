"""A menu of one action per file kind (File → Import ▸, File → Export ▸)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


def kind_actions(parent: QWidget, kinds: dict[str, str], status_tip: str,
                 open_kind: Callable[[str], object]) -> list[QAction]:
    """One action per ``kinds`` entry (key → label); triggering one calls ``open_kind(key)``.

    ``status_tip`` is a format string with ``{what}``, the label in lower case.
    """
    actions = []
    for kind, label in kinds.items():
        action = QAction(f"{label}…", parent)
        action.setStatusTip(status_tip.format(what=f"{label[0].lower()}{label[1:]}"))
        action.triggered.connect(lambda _=False, k=kind: open_kind(k))
        actions.append(action)
    return actions
