"""The theme: text reads (WCAG contrast) in light and dark; the appearance switches and follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from netdesk.db.models import STAGES
from netdesk.ui.common import theme

ENOUGH = 4.5  # WCAG AA for body text
ROLES = QPalette.ColorRole
TEXT_ON = [("window text", ROLES.WindowText, ROLES.Window), ("base text", ROLES.Text, ROLES.Base),
           ("button text", ROLES.ButtonText, ROLES.Button),
           ("placeholder text", ROLES.PlaceholderText, ROLES.Base),
           ("highlighted text", ROLES.HighlightedText, ROLES.Highlight),
           ("tooltip text", ROLES.ToolTipText, ROLES.ToolTipBase)]
VARIANTS = {"light": (theme.light_palette, theme.LIGHT), "dark": (theme.dark_palette, theme.DARK)}


@pytest.fixture
def restore_look(qapp):
    """Put the application's style, palette and colour scheme back after the test."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    qapp.setStyle(style)
    qapp.setPalette(palette)
    theme._appearance = None


def test_contrast_is_the_wcag_ratio():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_palette_text_reads(variant):
    palette = VARIANTS[variant][0]()
    low = [f"{name}: {theme.contrast(palette.color(fg), palette.color(bg)):.2f}"
           for name, fg, bg in TEXT_ON
           if theme.contrast(palette.color(fg), palette.color(bg)) < ENOUGH]
    assert not low, f"{variant}: {low}"


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_error_and_warning_text_read_on_windows_and_fields(variant):
    make_palette, colours = VARIANTS[variant]
    palette = make_palette()
    assert theme.colours(palette) is colours
    for name in ("error", "warning", "late"):
        for role in (ROLES.Window, ROLES.Base):
            ratio = theme.contrast(getattr(colours, name), palette.color(role))
            assert ratio >= ENOUGH, f"{variant} {name} on {role.name}: {ratio:.2f}"


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_stage_chip_text_reads_on_every_stage_colour(variant):
    colours = VARIANTS[variant][1]
    for stage in STAGES:
        fill = colours.stage(stage)
        ratio = theme.contrast(theme.text_on(fill), fill)
        assert ratio >= ENOUGH, f"{variant} {stage} ({fill.name()}): {ratio:.2f}"


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_chart_marks_stand_out_from_the_background(variant):
    """The bars and the weekly-goal line are graphics: 3:1 against the window (WCAG 1.4.11)."""
    make_palette, colours = VARIANTS[variant]
    window = make_palette().color(ROLES.Window)
    for name in ("outreach", "follow_up", "goal"):
        ratio = theme.contrast(getattr(colours, name), window)
        assert ratio >= 3.0, f"{variant} {name}: {ratio:.2f}"


def test_dark_is_told_from_the_palette():
    assert theme.is_dark(theme.dark_palette())
    assert not theme.is_dark(theme.light_palette())


def test_themed_style_follows_the_appearance(qtbot, restore_look):
    label = QLabel("Name is required")
    qtbot.addWidget(label)
    theme.set_themed_style(label, "color: {error};")
    theme.appearance().set_mode("light", save=False)
    assert theme.LIGHT.error in label.styleSheet()
    theme.appearance().set_mode("dark", save=False)
    assert theme.DARK.error in label.styleSheet()
    theme.set_themed_style(label, "")
    assert label.styleSheet() == ""


def test_appearance_dark_and_light_switch_the_palette_and_are_saved(qapp, restore_look):
    appearance = theme.appearance()
    appearance.set_mode("dark")
    assert theme.is_dark(qapp.palette())
    assert QSettings().value(theme.APPEARANCE_KEY) == "dark"
    appearance.set_mode("light")
    assert not theme.is_dark(qapp.palette())
    assert QSettings().value(theme.APPEARANCE_KEY) == "light"
    theme._appearance = None
    theme.appearance().load()
    assert theme.appearance().mode() == "light"
    QSettings().remove(theme.APPEARANCE_KEY)


def test_system_appearance_follows_the_scheme_live(qapp, restore_look, monkeypatch):
    appearance = theme.appearance()
    appearance.set_mode("system", save=False)
    monkeypatch.setattr(theme.Appearance, "system_scheme", lambda self: Qt.ColorScheme.Dark)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark(qapp.palette())
    assert appearance.overridden  # the offscreen platform cannot go dark: Fusion stands in
    monkeypatch.setattr(theme.Appearance, "system_scheme", lambda self: Qt.ColorScheme.Light)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark(qapp.palette())


def test_view_menu_appearance_is_a_radio_group(window, restore_look):
    actions = window.appearance_actions
    assert set(actions) == {"system", "light", "dark"}
    assert actions["system"].actionGroup().isExclusive()
    actions["dark"].trigger()
    assert theme.is_dark(QApplication.palette())
    assert actions["dark"].isChecked() and not actions["system"].isChecked()
    actions["system"].trigger()
    assert actions["system"].isChecked()
    QSettings().remove(theme.APPEARANCE_KEY)


def test_icons_are_drawn_in_the_text_colour():
    for palette in (theme.light_palette(), theme.dark_palette()):
        image = theme.icon("print", palette).pixmap(32, 32).toImage()
        pixels = [QColor.fromRgba(image.pixel(x, y)) for x in range(32) for y in range(32)]
        inked = [c for c in pixels if c.alpha() > 230]
        assert inked, "the icon draws nothing"
        text = palette.color(ROLES.ButtonText)
        assert all(abs(c.lightness() - text.lightness()) < 40 for c in inked)
