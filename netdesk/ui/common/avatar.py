"""Avatars: a person as their photo, or as their initials on a colour of their own."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap

_COLOURS = ("#1f6f8b", "#8a4b08", "#2e7d32", "#6a3fa0", "#b0306a", "#35618f",
            "#7a5c00", "#a23b2a", "#00796b", "#5b4a9e")


def initials(name: str) -> str:
    """Up to two capital letters from ``name``: first and last word ('Ann Lee' → 'AL')."""
    words = [w for w in name.replace(",", " ").split() if any(c.isalnum() for c in w)]
    if not words:
        return "?"
    letters = [next(c for c in w if c.isalnum()) for w in (words[0], words[-1])]
    return "".join(letters[:1] if len(words) == 1 else letters).upper()


def avatar_pixmap(name: str, key: int, size: int, photo: bytes | None = None,
                  device_pixel_ratio: float = 1.0) -> QPixmap:
    """A round avatar ``size`` logical pixels wide: ``photo`` when it decodes, else the
    initials of ``name`` on a colour picked by ``key`` (a person's id)."""
    side = max(1, round(size * device_pixel_ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, side, side))
    image = QImage.fromData(bytes(photo)) if photo else QImage()
    if not image.isNull():
        image = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                             Qt.TransformationMode.SmoothTransformation)
        painter.setClipPath(circle)
        painter.drawImage((side - image.width()) // 2, (side - image.height()) // 2, image)
    else:
        digest = hashlib.blake2b(str(int(key)).encode(), digest_size=4).digest()
        painter.fillPath(circle, QColor(_COLOURS[int.from_bytes(digest, "big") % len(_COLOURS)]))
        font = QFont()
        font.setPixelSize(max(1, round(side * 0.4)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap
