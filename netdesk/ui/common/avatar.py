"""Avatars: a person as their photo, or as their initials on a colour of their own.

The colour is picked by a hash of the person's id, so someone keeps their colour
across runs, views and renames; it comes from the set that goes with the palette:
deep tones with white initials on a light window, soft tones with dark initials
on a dark one (the same hue for the same person in both). Either way the initials
read at a contrast of at least 4.5:1 (tested). A photo
(PNG or JPEG bytes) is cut to a circle; one that does not decode falls back to
the initials. Pixmaps are cached by everything that changes how they look.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPixmap

from netdesk.ui.common.theme import is_dark

AVATAR_COLOURS = {
    # light: deep tones under white initials; dark: the same hues, soft, under dark ones
    "light": ("#1f6f8b", "#8a4b08", "#2e7d32", "#6a3fa0", "#b0306a", "#35618f",
              "#7a5c00", "#a23b2a", "#00796b", "#5b4a9e", "#8e3b8e", "#4b6a2e"),
    "dark": ("#7cc4df", "#e0a66a", "#86c98a", "#b89be0", "#e68bb3", "#8fb3dd",
             "#d4b85a", "#e8937f", "#5cc2b3", "#a9a0e0", "#d494d4", "#a3c47c"),
}
"""Backgrounds for initials, in the same order of hues for each variant."""
INITIALS_COLOUR = {"light": "#ffffff", "dark": "#1e1e1e"}

CACHE_SIZE = 2048
_cache: OrderedDict[tuple, QPixmap] = OrderedDict()


def _variant(palette: QPalette | None) -> str:
    return "dark" if is_dark(palette) else "light"


def avatar_colour(key: int, palette: QPalette | None = None) -> QColor:
    """The stable colour of the person with id ``key``, for ``palette`` (the application's
    by default)."""
    return _colour(key, _variant(palette))


def _colour(key: int, variant: str) -> QColor:
    import hashlib

    digest = hashlib.blake2b(str(int(key)).encode(), digest_size=4).digest()
    choices = AVATAR_COLOURS[variant]
    return QColor(choices[int.from_bytes(digest, "big") % len(choices)])


def initials(name: str) -> str:
    """Up to two capital letters from ``name``: first and last word ('Ann Lee' → 'AL')."""
    words = [w for w in name.replace(",", " ").split() if any(c.isalnum() for c in w)]
    if not words:
        return "?"
    letters = [next(c for c in w if c.isalnum()) for w in (words[0], words[-1])]
    if len(words) == 1:
        letters = letters[:1]
    return "".join(letters).upper()


def avatar_pixmap(initials_source_name: str, key: int, size: int, photo: bytes | None = None,
                  device_pixel_ratio: float = 1.0, palette: QPalette | None = None) -> QPixmap:
    """A round avatar ``size`` logical pixels wide: ``photo`` if it decodes, else the
    initials of ``initials_source_name`` on the colour of ``key`` for ``palette`` (the
    application's by default). Cached."""
    import hashlib

    photo = bytes(photo) if photo else None
    variant = _variant(palette)
    cache_key = (initials_source_name, int(key), int(size), float(device_pixel_ratio),
                 variant, hashlib.blake2b(photo, digest_size=8).digest() if photo else None)
    cached = _cache.get(cache_key)
    if cached is not None:
        _cache.move_to_end(cache_key)
        return cached
    pixmap = _draw(initials_source_name, key, size, photo, device_pixel_ratio, variant)
    _cache[cache_key] = pixmap
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return pixmap


def clear_cache() -> None:
    _cache.clear()


def _draw(name: str, key: int, size: int, photo: bytes | None, ratio: float,
          variant: str) -> QPixmap:
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    pixmap.setDevicePixelRatio(ratio)
    image = _decode(photo)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, size, size))
    if image is not None:
        side = min(image.width(), image.height())
        square = image.copy((image.width() - side) // 2, (image.height() - side) // 2,
                            side, side)
        painter.setClipPath(circle)
        painter.drawImage(QRectF(0, 0, size, size), square)
    else:
        background = _colour(key, variant)
        painter.fillPath(circle, background)
        font = QFont()
        font.setPixelSize(max(1, round(size * (0.42 if len(initials(name)) < 2 else 0.38))))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(INITIALS_COLOUR[variant]))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return pixmap


def _decode(photo: bytes | None) -> QImage | None:
    if not photo:
        return None
    image = QImage()
    if not image.loadFromData(photo) or image.isNull():
        return None
    return image
