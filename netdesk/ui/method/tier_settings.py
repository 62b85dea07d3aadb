"""Keep-in-touch settings (Preferences → Method): each tier's ideal and maximum interval,
and when the weekly review was last done, kept in QSettings; the box that edits the
intervals on the Method page."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from netdesk.core.keep_in_touch import DEFAULT_INTERVALS, MOST_DAYS, Intervals
from netdesk.core.vocabulary import TIER_LABELS
from netdesk.db.models import TIERS
from netdesk.ui.common.plain_text import note_label, plain_label

LAST_REVIEW_KEY = "method/weekly_review/last"


def _key(tier: str, which: str) -> str:
    return f"method/tiers/{tier}/{which}"


def _days(settings: QSettings, key: str, default: int) -> int:
    try:
        value = int(settings.value(key, default))
    except (TypeError, ValueError):
        return default
    return value if 1 <= value <= MOST_DAYS else default


def tier_intervals(settings: QSettings | None = None) -> Intervals:
    """Each tier's (ideal, maximum) in days; defaults fill a gap, a bad value or an ideal
    longer than the maximum."""
    settings = settings if settings is not None else QSettings()
    result = {}
    for tier, (ideal, maximum) in DEFAULT_INTERVALS.items():
        pair = (_days(settings, _key(tier, "ideal"), ideal),
                _days(settings, _key(tier, "maximum"), maximum))
        result[tier] = pair if pair[0] <= pair[1] else (ideal, maximum)
    return result


def last_review(settings: QSettings | None = None) -> datetime.date | None:
    """The day the weekly review was last finished, or None."""
    value = str((settings if settings is not None else QSettings()).value(LAST_REVIEW_KEY, ""))
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def set_last_review(day: datetime.date, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.setValue(LAST_REVIEW_KEY, day.isoformat())
    settings.sync()


class TierIntervalsBox(QGroupBox):
    """Ideal and maximum days per tier; an ideal longer than the maximum is raised with it."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__("Keeping in touch", parent)
        self._settings = settings
        self.ideal: dict[str, QSpinBox] = {}
        self.maximum: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        grid.addWidget(plain_label("Ideally every"), 0, 1)
        grid.addWidget(plain_label("At most every"), 0, 2)
        for row, tier in enumerate(TIERS, start=1):
            label = QLabel(f"Tier &{tier}:")
            for which, boxes in (("ideal", self.ideal), ("maximum", self.maximum)):
                box = QSpinBox()
                box.setRange(1, MOST_DAYS)
                box.setSuffix(" days")
                box.setAccessibleName(f"{TIER_LABELS[tier]}: "
                                      f"{'ideal' if which == 'ideal' else 'maximum'} interval")
                boxes[tier] = box
                grid.addWidget(box, row, 1 if which == "ideal" else 2)
            label.setBuddy(self.ideal[tier])
            grid.addWidget(label, row, 0)
            # Once a value is typed (not on each keystroke): the ideal never exceeds the maximum.
            self.ideal[tier].editingFinished.connect(lambda t=tier: self._keep_order(t, "ideal"))
            self.maximum[tier].editingFinished.connect(
                lambda t=tier: self._keep_order(t, "maximum"))
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note_label(
            "Give people a tier in their details. Past the ideal they are marked “Due for a "
            "catch-up”, past the maximum “Going cold”. Anything logged on their timeline "
            "starts the count again."))
        self.show_intervals(tier_intervals(settings))

    def _keep_order(self, tier: str, edited: str) -> None:
        ideal, maximum = self.ideal[tier], self.maximum[tier]
        if ideal.value() > maximum.value():
            if edited == "ideal":
                maximum.setValue(ideal.value())
            else:
                ideal.setValue(maximum.value())

    def show_intervals(self, intervals: Intervals) -> None:
        for tier, (ideal, maximum) in intervals.items():
            self.maximum[tier].setValue(maximum)
            self.ideal[tier].setValue(ideal)

    def intervals(self) -> Intervals:
        return {tier: (min(self.ideal[tier].value(), self.maximum[tier].value()),
                       self.maximum[tier].value()) for tier in TIERS}

    def restore_defaults(self) -> None:
        self.show_intervals(DEFAULT_INTERVALS)

    def save(self) -> None:
        for tier, (ideal, maximum) in self.intervals().items():
            self._settings.setValue(_key(tier, "ideal"), ideal)
            self._settings.setValue(_key(tier, "maximum"), maximum)
