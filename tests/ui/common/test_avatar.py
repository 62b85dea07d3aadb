"""Avatars: initials readable on every colour, light and dark; a stable colour per person;
a photo when it decodes, initials when it does not; one pixmap per look, cached."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from netdesk.ui.common import avatar
from netdesk.ui.common.avatar import (
    AVATAR_COLOURS,
    INITIALS_COLOUR,
    avatar_colour,
    avatar_pixmap,
    initials,
)
from netdesk.ui.common.theme import contrast, dark_palette, light_palette


def _png(colour: str, width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _centre(pixmap) -> QColor:
    image = pixmap.toImage()
    return image.pixelColor(image.width() // 2, image.height() // 4)


def test_initials_read_at_4_5_to_1_on_every_colour_in_light_and_dark():
    for variant, colours in AVATAR_COLOURS.items():
        assert len(colours) == len(AVATAR_COLOURS["light"])
        for colour in colours:
            assert contrast(INITIALS_COLOUR[variant], colour) >= 4.5, (variant, colour)


def test_a_person_keeps_one_colour_and_people_get_different_ones(qapp):
    assert avatar_colour(7, light_palette()) == avatar_colour(7, light_palette())
    assert len({avatar_colour(i, light_palette()).name() for i in range(1, 60)}) >= 8
    light = AVATAR_COLOURS["light"].index(avatar_colour(7, light_palette()).name())
    dark = AVATAR_COLOURS["dark"].index(avatar_colour(7, dark_palette()).name())
    assert light == dark  # the same hue in both appearances


def test_initials_of_names():
    assert initials("Ann Lee") == "AL"
    assert initials("Priya van der Berg") == "PB"
    assert initials("Cher") == "C"
    assert initials("  ") == "?"
    assert initials("élodie ñúñez") == "ÉÑ"


def test_avatar_draws_the_photo_or_falls_back_to_initials(qapp):
    avatar.clear_cache()
    photo = avatar_pixmap("Ann Lee", 3, 32, _png("#00ff00"), palette=light_palette())
    assert _centre(photo).name() == "#00ff00"
    broken = avatar_pixmap("Ann Lee", 3, 32, b"not an image", palette=light_palette())
    assert _centre(broken).name() == avatar_colour(3, light_palette()).name()
    empty = avatar_pixmap("Ann Lee", 3, 32, b"", palette=light_palette())
    assert empty.toImage() == broken.toImage()
    corner = photo.toImage().pixelColor(0, 0)
    assert corner.alpha() == 0  # round


def test_avatar_size_pixel_ratio_and_cache(qapp):
    avatar.clear_cache()
    sharp = avatar_pixmap("Ann Lee", 3, 24, device_pixel_ratio=2.0)
    assert (sharp.width(), sharp.height()) == (48, 48)
    assert sharp.devicePixelRatio() == 2.0
    assert avatar_pixmap("Ann Lee", 3, 24, device_pixel_ratio=2.0) is sharp
    assert avatar_pixmap("Ann Lee", 3, 24, palette=dark_palette()) is not sharp
