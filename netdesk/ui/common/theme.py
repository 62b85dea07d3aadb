"""The look, defined once: spacing, type scale, colours (light and dark), icons, appearance.

Every colour a widget draws itself (graph stages and edges, the habit chart,
error text, the dashboard's marks) comes from :func:`colours`, which picks the
light or the dark set to match the palette the widget is shown with. The
appearance (View → Appearance: System, Light, Dark) is kept in QSettings and
applied by :class:`Appearance`; it follows the system's colour scheme live and
falls back to the Fusion style with netdesk's own palette where the platform
style cannot show the scheme asked for.
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QGuiApplication, QIcon, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QWidget

# Spacing and type ------------------------------------------------------------------------------


class Spacing:
    """Gaps between things, in device-independent pixels."""

    TIGHT = 2
    SMALL = 4
    MEDIUM = 8
    LARGE = 12
    SECTION = 16


TYPE_SCALE = {"small": 0.9, "body": 1.0, "subheading": 1.15, "heading": 1.4}
"""Font sizes as multiples of the widget's own (the user's) font size."""


def scaled_font(font: QFont, step: str = "body", bold: bool = False) -> QFont:
    """``font`` at the size ``step`` of :data:`TYPE_SCALE`, bold if asked."""
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * TYPE_SCALE[step])
    else:
        scaled.setPixelSize(round(font.pixelSize() * TYPE_SCALE[step]))
    scaled.setBold(bold)
    return scaled


# Colours ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Colours:
    """The colours netdesk draws with, beyond the palette, in one variant (light or dark)."""

    error: str
    warning: str
    late: str
    flag: str  # a cell background that asks for attention, with alpha (#AARRGGBB)
    outreach: str
    follow_up: str
    goal: str
    graph_highlight: str
    cross_edge: str
    stages: dict[str, str] = field(default_factory=dict)
    stage_fallback: str = "#9aa5b1"

    def stage(self, stage: str) -> QColor:
        return QColor(self.stages.get(stage, self.stage_fallback))


LIGHT = Colours(
    error="#b3261e",
    warning="#8a5300",
    late="#b3261e",
    flag="#50ffaa28",
    outreach="#3d7ad6",
    follow_up="#2e8b5e",
    goal="#c2410c",
    graph_highlight="#ff8c1a",
    cross_edge="#7f8fa6",
    stages={
        "to_contact": "#9aa5b1",
        "contacted": "#4a90d9",
        "meeting_set": "#f0a030",
        "interviewed": "#3cb371",
        "thanked": "#20b2aa",
        "keeping_in_touch": "#8e6bd1",
        "declined": "#d9534f",
    },
)
DARK = Colours(
    error="#ff8a80",
    warning="#ffc266",
    late="#ff8a80",
    flag="#50ffaa28",
    outreach="#6fa3f0",
    follow_up="#4cc38a",
    goal="#ffb74d",
    graph_highlight="#ffa040",
    cross_edge="#a3b1c6",
    stages={
        "to_contact": "#8b96a3",
        "contacted": "#5b9ee6",
        "meeting_set": "#f0a030",
        "interviewed": "#43c27d",
        "thanked": "#2cc3ba",
        "keeping_in_touch": "#a283e0",
        "declined": "#e8645f",
    },
    stage_fallback="#8b96a3",
)

_PALETTES = {
    "light": {
        QPalette.ColorRole.Window: "#efefef",
        QPalette.ColorRole.WindowText: "#1f1f1f",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f5f5f5",
        QPalette.ColorRole.ToolTipBase: "#ffffdc",
        QPalette.ColorRole.ToolTipText: "#1f1f1f",
        QPalette.ColorRole.Text: "#1f1f1f",
        QPalette.ColorRole.Button: "#efefef",
        QPalette.ColorRole.ButtonText: "#1f1f1f",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3063b8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#1b5fc1",
        QPalette.ColorRole.LinkVisited: "#6b3fb5",
        QPalette.ColorRole.PlaceholderText: "#6e6e6e",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e3e3e3",
        QPalette.ColorRole.Mid: "#b8b8b8",
        QPalette.ColorRole.Dark: "#9f9f9f",
        QPalette.ColorRole.Shadow: "#767676",
    },
    "dark": {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3570cc",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4ff",
        QPalette.ColorRole.LinkVisited: "#c0a0ff",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3e3e3e",
        QPalette.ColorRole.Mid: "#5a5a5a",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
    },
}
_DISABLED_TEXT = {"light": "#8c8c8c", "dark": "#858585"}


def _palette(variant: str) -> QPalette:
    palette = QPalette()
    for role, colour in _PALETTES[variant].items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[variant]))
    return palette


class _OutlinedFusion(QProxyStyle):
    """Fusion, with check boxes and radio buttons outlined in the palette's Mid colour on a
    dark palette: Fusion outlines them a shade darker than the window, which on a dark
    window is the colour of the box itself, so an unchecked box could not be seen."""

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                   QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
                   QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def __init__(self):
        super().__init__("Fusion")

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._INDICATORS or not is_dark(option.palette):
            return
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid).lighter(130), 1))
        rect = option.rect.adjusted(1, 1, -1, -1)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect.toRectF().adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            side = min(rect.width(), rect.height())
            rect.setSize(rect.size().boundedTo(rect.size().__class__(side, side)))
            rect.moveCenter(option.rect.adjusted(1, 1, -1, -1).center())
            painter.drawRoundedRect(rect.toRectF().adjusted(0.5, 0.5, -0.5, -0.5), 1.5, 1.5)
        painter.restore()


def fusion_style() -> QStyle:
    """The Fusion style netdesk uses with its own palettes (see :class:`_OutlinedFusion`)."""
    return _OutlinedFusion()


def light_palette() -> QPalette:
    """netdesk's light palette, for the Fusion style when the platform cannot give one."""
    return _palette("light")


def dark_palette() -> QPalette:
    """netdesk's dark palette, for the Fusion style when the platform cannot give one."""
    return _palette("dark")


def _application_palette() -> QPalette:
    app = QGuiApplication.instance()
    return QGuiApplication.palette() if app is not None else light_palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """True when ``palette`` (the application's by default) shows light text on a dark window."""
    palette = palette or _application_palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return luminance(window) < luminance(text)


def colours(palette: QPalette | None = None) -> Colours:
    """The colour set that goes with ``palette`` (the application's by default)."""
    return DARK if is_dark(palette) else LIGHT


def luminance(colour: QColor | str) -> float:
    """WCAG 2 relative luminance of ``colour``, 0 (black) to 1 (white)."""
    colour = QColor(colour)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast(foreground: QColor | str, background: QColor | str) -> float:
    """WCAG 2 contrast ratio between two colours, 1 to 21 (4.5 is enough for body text)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: QColor | str) -> QColor:
    """Black or white, whichever reads better on ``background`` (chips, badges)."""
    background = QColor(background)
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast(black, background) >= contrast(white, background) else white


# Themed widgets: colours that follow a change of palette ---------------------------------------


class _Restyler(QObject):
    """Re-applies a themed style sheet when the application palette changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange):
            _apply_themed_style(watched)
        return False


_restyler: _Restyler | None = None
_themed: weakref.WeakSet[QWidget] = weakref.WeakSet()


def set_themed_style(widget: QWidget, template: str = "") -> None:
    """Give ``widget`` the style sheet ``template`` with colour names filled in, now and
    whenever the palette changes: ``"color: {error};"``. An empty template clears it."""
    global _restyler
    if _restyler is None:
        _restyler = _Restyler(QApplication.instance())
    if widget.property("netdesk_themed_style") is None:
        widget.installEventFilter(_restyler)
        _themed.add(widget)
    widget.setProperty("netdesk_themed_style", template)
    _apply_themed_style(widget)


def restyle_themed_widgets() -> None:
    """Fill the current colours into every themed style sheet (after a change of appearance;
    Qt sends the running application's widgets the palette change too)."""
    for widget in list(_themed):
        if shiboken6.isValid(widget):
            _apply_themed_style(widget)


def _apply_themed_style(widget: QWidget) -> None:
    template = widget.property("netdesk_themed_style") or ""
    values = {name: value for name, value in vars(colours()).items() if isinstance(value, str)}
    sheet = template.format(**values)
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


# Icons -----------------------------------------------------------------------------------------

ICONS = {
    "new-person": "mdi6.account-plus-outline",
    "save": "mdi6.content-save-outline",
    "delete": "mdi6.trash-can-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "plan-interview": "mdi6.calendar-account-outline",
    "print": "mdi6.printer-outline",
    "open": "mdi6.folder-open-outline",
    "move-up": "mdi6.arrow-up", "move-down": "mdi6.arrow-down",
    "make-preferred": "mdi6.star-outline", "remove-row": "mdi6.close",
    "focus": "mdi6.star",  # this week's focus on the LAMP list
    "graph-fit": "mdi6.fit-to-screen-outline", "graph-centre": "mdi6.image-filter-center-focus",
    "zoom-in": "mdi6.magnify-plus-outline", "zoom-out": "mdi6.magnify-minus-outline",
    "graph-introductions": "mdi6.account-arrow-right-outline",
    "graph-list": "mdi6.format-list-bulleted", "graph-legend": "mdi6.map-legend",
    "graph-export": "mdi6.export-variant",
}
"""netdesk's own icons: one family (Material Design, drawn by qtawesome) in the text colour."""


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon ``name`` (a key of :data:`ICONS`) in the button text colour of ``palette``."""
    os.environ.setdefault("QT_API", "pyside6")
    import qtawesome

    palette = palette or _application_palette()
    return qtawesome.icon(
        ICONS[name],
        color=palette.color(QPalette.ColorRole.ButtonText),
        color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText),
        color_active=palette.color(QPalette.ColorRole.ButtonText),
        color_selected=palette.color(QPalette.ColorRole.HighlightedText))


class ThemedIcons(QObject):
    """Gives actions netdesk's icons and draws them anew when the owner's palette changes."""

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self.owner = owner
        self._actions: list[tuple[weakref.ref, str]] = []
        owner.installEventFilter(self)
        appearance().changed.connect(self.refresh)

    def set_icon(self, action: QAction, name: str) -> None:
        self._actions.append((weakref.ref(action), name))
        action.setIcon(icon(name, self.owner.palette()))

    def refresh(self, *_args) -> None:
        palette = self.owner.palette()
        if not self.owner.isVisible():  # an unshown window's palette may not be resolved yet
            palette = QApplication.palette(self.owner)
        for ref, name in self._actions:
            action = ref()
            if action is not None:
                action.setIcon(icon(name, palette))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.owner and event.type() == QEvent.Type.PaletteChange:
            self.refresh()
        return False


# Appearance ------------------------------------------------------------------------------------

APPEARANCES = {"system": "&System", "light": "&Light", "dark": "&Dark"}
"""The appearance choices, with their menu text."""
APPEARANCE_KEY = "appearance/mode"


class Appearance(QObject):
    """The application's appearance: the user's choice, the system's scheme, the fallback.

    ``mode`` is "system" (follow the system colour scheme, live), "light" or
    "dark". Qt is asked for the scheme first (``QStyleHints.setColorScheme``);
    when the palette it then shows does not match, the Fusion style with
    :func:`light_palette` or :func:`dark_palette` takes over.

    Attributes:
        overridden: True while netdesk's own palette (and Fusion) stand in.
    """

    changed = Signal(str)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        self._mode = "system"
        self._style_name = app.style().name()
        self.overridden = False
        self._applying = False
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def mode(self) -> str:
        return self._mode

    def load(self) -> None:
        """Apply the mode saved in the settings."""
        mode = QSettings().value(APPEARANCE_KEY, "system")
        self.set_mode(mode if mode in APPEARANCES else "system", save=False)

    def set_mode(self, mode: str, save: bool = True) -> None:
        if mode not in APPEARANCES:
            raise ValueError(f"unknown appearance {mode!r}")
        self._mode = mode
        if save:
            QSettings().setValue(APPEARANCE_KEY, mode)
        self.apply()
        self.changed.emit(mode)

    def wants_dark(self) -> bool | None:
        """Dark (True), light (False), or whatever the platform shows (None)."""
        if self._mode != "system":
            return self._mode == "dark"
        scheme = self.system_scheme()
        if scheme == Qt.ColorScheme.Unknown:
            return None
        return scheme == Qt.ColorScheme.Dark

    def system_scheme(self) -> Qt.ColorScheme:
        """The colour scheme the system (the platform theme) shows, as far as Qt knows."""
        return QGuiApplication.styleHints().colorScheme()

    def apply(self) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            hints = QGuiApplication.styleHints()
            if self.overridden:
                self.app.setStyle(self._style_name)
                self.app.setPalette(QPalette())
                self.overridden = False
            if self._mode == "system":
                hints.unsetColorScheme()
            else:
                hints.setColorScheme(Qt.ColorScheme.Dark if self._mode == "dark"
                                     else Qt.ColorScheme.Light)
            dark = self.wants_dark()
            if dark is not None and is_dark(self.app.palette()) != dark:
                self.app.setStyle(fusion_style())
                self.app.setPalette(dark_palette() if dark else light_palette())
                self.overridden = True
            restyle_themed_widgets()
        finally:
            self._applying = False

    def _system_changed(self, _scheme) -> None:
        if self._mode == "system":
            self.apply()


_appearance: Appearance | None = None


def appearance() -> Appearance:
    """The application's one :class:`Appearance` (made on first use)."""
    global _appearance
    app = QApplication.instance()
    if _appearance is None or _appearance.app is not app:
        _appearance = Appearance(app)
    return _appearance
