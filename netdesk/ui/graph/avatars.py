"""What a person's node shows: their initials on a colour of their own (a photo may follow).

:func:`avatar` is the one place a node's face comes from: the drawing asks it for every
person it draws with a face, so a photo can later be returned here (``Avatar.image``)
without the drawing changing.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QImage

from netdesk.ui.common import theme

# Hues chosen to stay apart from one another; light and dark variants keep the initials
# readable (white or black, whichever contrasts more) and the disc visible on the background.
_LIGHT = ("#3b6fb6", "#c2571a", "#2f8f5b", "#8a4fb8", "#b83b5e", "#1f8a99", "#7a6a1f",
          "#5a5fc8", "#a44a2a", "#3d7f2f", "#9c3f99", "#2d6f7f")
_DARK = ("#7fa8e8", "#f0a060", "#6fcf97", "#c39bf0", "#f08aa8", "#6fd0dc", "#d6c46a",
         "#9fa3f5", "#e89a7a", "#9fd98a", "#e39be0", "#7fc0d0")


@dataclass(frozen=True)
class Avatar:
    """A node's face: ``initials`` on ``colour`` in ``text`` colour; ``image`` when there is
    a photo (None for now)."""

    initials: str
    colour: QColor
    text: QColor
    image: QImage | None = None


def initials(name: str) -> str:
    """Up to two letters: the first of the first and of the last word ("Ana María Ruiz" →
    "AR"); one for a single word; "?" for none."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


def person_colour(person_id: int, dark: bool) -> QColor:
    """The colour of a person, the same on every start and in every view (from their id)."""
    return QColor(_colours(dark)[zlib.crc32(str(person_id).encode()) % len(_LIGHT)])


@cache
def _colours(dark: bool) -> tuple[str, ...]:
    return _DARK if dark else _LIGHT


def avatar(person_id: int, name: str, dark: bool) -> Avatar:
    """The face of a person's node (see the module's docstring)."""
    colour = person_colour(person_id, dark)
    return Avatar(initials(name), colour, theme.text_on(colour))
