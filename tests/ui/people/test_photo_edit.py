"""How a photo is kept: scaled down to PHOTO_PIXELS, encoded within PHOTO_BYTES."""

from __future__ import annotations

import random

from PySide6.QtGui import QColor, QImage

from netdesk.core.limits import PHOTO_BYTES, PHOTO_PIXELS
from netdesk.ui.people.photo_edit import encode_photo


def _noise(width, height, alpha):
    """Random pixels: the worst case for any encoder."""
    rng = random.Random(13)
    image = QImage(width, height,
                   QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32)
    for y in range(height):
        for x in range(width):
            image.setPixelColor(x, y, QColor(rng.randrange(256), rng.randrange(256),
                                             rng.randrange(256), rng.randrange(256)))
    return image


def test_a_large_noisy_photo_is_scaled_and_fits(qapp):
    for alpha in (False, True):
        data = encode_photo(_noise(600, 300, alpha))
        image = QImage.fromData(data)
        assert len(data) <= PHOTO_BYTES
        assert (image.width(), image.height()) == (PHOTO_PIXELS, PHOTO_PIXELS // 2)


def test_a_small_drawing_with_transparency_stays_png_at_its_size(qapp):
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor(200, 80, 40, 128))
    data = encode_photo(image)
    assert data.startswith(b"\x89PNG")
    assert QImage.fromData(data).size() == image.size()


def test_no_image_is_no_photo(qapp):
    assert encode_photo(QImage()) == b""
