"""Keep-in-touch settings (Preferences → Method): each tier's ideal and maximum interval,
the tags with intervals of their own, and when the weekly review was last done, kept in
QSettings; the box that edits the intervals on the Method page."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.keep_in_touch import (
    DEFAULT_INTERVALS,
    MOST_DAYS,
    Intervals,
    KeepInTouchError,
    TagIntervals,
    with_tag_interval,
)
from netdesk.core.vocabulary import TIER_LABELS
from netdesk.db.models import TIERS
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label

LAST_REVIEW_KEY = "method/weekly_review/last"
TAGS_KEY = "method/tiers/tags"
NEW_TAG_INTERVALS = (30, 60)


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


def tag_intervals(settings: QSettings | None = None) -> TagIntervals:
    """The tags with intervals of their own, in the order the user gave them; a bad entry
    (no name, the same tag again, days out of range or out of order) is left out."""
    settings = settings if settings is not None else QSettings()
    result: TagIntervals = {}
    count = settings.beginReadArray(TAGS_KEY)
    try:
        for index in range(count):
            settings.setArrayIndex(index)
            try:
                result = with_tag_interval(result, str(settings.value("tag", "")),
                                           int(settings.value("ideal", 0)),
                                           int(settings.value("maximum", 0)))
            except (TypeError, ValueError):  # KeepInTouchError is a ValueError
                continue
    finally:
        settings.endArray()
    return result


def save_tag_intervals(tags: TagIntervals, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.remove(TAGS_KEY)
    settings.beginWriteArray(TAGS_KEY, len(tags))
    for index, (tag, (ideal, maximum)) in enumerate(tags.items()):
        settings.setArrayIndex(index)
        settings.setValue("tag", tag)
        settings.setValue("ideal", ideal)
        settings.setValue("maximum", maximum)
    settings.endArray()


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
        # Per tag: for people without a tier (the shortest interval when several apply).
        self.tag_rows: list[TagRow] = []
        self.tag_grid = QGridLayout()
        self.tag_grid.addWidget(plain_label("Tag"), 0, 0)
        self.tag_grid.addWidget(plain_label("Ideally every"), 0, 1)
        self.tag_grid.addWidget(plain_label("At most every"), 0, 2)
        self.tag_grid.setColumnStretch(0, 1)
        self.tag_header = [self.tag_grid.itemAtPosition(0, c).widget() for c in range(3)]
        self.add_tag = QPushButton("Add a &tag")
        self.add_tag.setAccessibleName("Add a tag with its own intervals")
        self.add_tag.clicked.connect(self._add_clicked)
        self.tag_problem = problem_label()
        self.tag_problem.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_tag)
        buttons.addStretch(1)
        layout.addWidget(note_label(
            "Someone without a tier who carries one of these tags is kept in touch with by "
            "the tag’s intervals (the shortest, when they carry several)."))
        layout.addLayout(self.tag_grid)
        layout.addLayout(buttons)
        layout.addWidget(self.tag_problem)
        self.show_intervals(tier_intervals(settings))
        self.show_tags(tag_intervals(settings))

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

    # Per tag ------------------------------------------------------------------------------

    def show_tags(self, tags: TagIntervals) -> None:
        for row in list(self.tag_rows):
            self._remove(row)
        for tag, (ideal, maximum) in tags.items():
            self.add_tag_row(tag, ideal, maximum)
        self._check_tags()

    def add_tag_row(self, tag: str = "", ideal: int = NEW_TAG_INTERVALS[0],
                    maximum: int = NEW_TAG_INTERVALS[1]) -> TagRow:
        row = TagRow(tag, ideal, maximum, self)
        self.tag_rows.append(row)
        line = len(self.tag_rows)
        for column, widget in enumerate((row.tag, row.ideal, row.maximum, row.remove)):
            self.tag_grid.addWidget(widget, line, column)
        row.tag.textChanged.connect(self._check_tags)
        row.ideal.valueChanged.connect(self._check_tags)
        row.maximum.valueChanged.connect(self._check_tags)
        row.remove.clicked.connect(lambda _checked=False, r=row: self._remove_clicked(r))
        self._show_header()
        return row

    def _add_clicked(self) -> None:
        row = self.add_tag_row()
        for widget in (row.tag, row.ideal, row.maximum, row.remove):
            widget.show()  # now, so that the focus can go to the new tag
        row.tag.setFocus()

    def _remove_clicked(self, row: TagRow) -> None:
        self._remove(row)
        self._check_tags()
        self.add_tag.setFocus()

    def _remove(self, row: TagRow) -> None:
        self.tag_rows.remove(row)
        for widget in (row.tag, row.ideal, row.maximum, row.remove):
            self.tag_grid.removeWidget(widget)
            widget.deleteLater()
        self._show_header()

    def _show_header(self) -> None:
        for label in self.tag_header:
            label.setVisible(bool(self.tag_rows))

    def _tags_and_problem(self) -> tuple[TagIntervals, str]:
        """The rows that stand (a row without a name is skipped), and the first problem."""
        kept: TagIntervals = {}
        problem = ""
        for row in self.tag_rows:
            if not row.tag.text().strip():
                continue
            try:
                kept = with_tag_interval(kept, row.tag.text(), row.ideal.value(),
                                         row.maximum.value())
            except KeepInTouchError as error:
                problem = problem or f"{error.field}: {error.message}; it is not kept."
        return kept, problem

    def _check_tags(self) -> None:
        problem = self._tags_and_problem()[1]
        self.tag_problem.setText(problem)
        self.tag_problem.setVisible(bool(problem))

    def tag_intervals(self) -> TagIntervals:
        return self._tags_and_problem()[0]

    def restore_defaults(self) -> None:
        self.show_intervals(DEFAULT_INTERVALS)
        self.show_tags({})

    def save(self) -> None:
        for tier, (ideal, maximum) in self.intervals().items():
            self._settings.setValue(_key(tier, "ideal"), ideal)
            self._settings.setValue(_key(tier, "maximum"), maximum)
        save_tag_intervals(self.tag_intervals(), self._settings)


class TagRow:
    """One tag with its ideal and maximum interval, and a button that removes it."""

    def __init__(self, tag: str, ideal: int, maximum: int, parent: QWidget):
        self.tag = QLineEdit(tag, parent)
        self.tag.setAccessibleName("Tag with its own intervals")
        self.tag.setPlaceholderText("mentor")
        self.ideal = self._days(ideal, parent)
        self.maximum = self._days(maximum, parent)
        self.ideal.setAccessibleName("Tag: ideal interval")
        self.maximum.setAccessibleName("Tag: maximum interval")
        # As for the tiers: once typed, the ideal never exceeds the maximum.
        self.ideal.editingFinished.connect(
            lambda: self.maximum.setValue(max(self.maximum.value(), self.ideal.value())))
        self.maximum.editingFinished.connect(
            lambda: self.ideal.setValue(min(self.maximum.value(), self.ideal.value())))
        self.remove = QToolButton(parent)
        self.remove.setText("Remove")
        self.remove.setAccessibleName("Remove this tag's intervals")

    @staticmethod
    def _days(value: int, parent: QWidget) -> QSpinBox:
        box = QSpinBox(parent)
        box.setRange(1, MOST_DAYS)
        box.setSuffix(" days")
        box.setValue(value)
        return box
