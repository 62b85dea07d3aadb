"""BirthdayEdit: a day and month, and the year only when it is known."""

from __future__ import annotations

import datetime
import re

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QToolButton, QWidget

from netdesk.core.limits import EARLIEST_YEAR
from netdesk.ui.common.wording import ui_locale

NO_YEAR = EARLIEST_YEAR - 1
"""The year box's lowest value, shown as "No year"."""


class BirthdayEdit(QWidget):
    """Day, month and an optional year; :meth:`value` is ISO (1990-05-17), ``--05-17``
    without a year, or "" when nothing is chosen.

    Half a date (a month without a day) gives a value the validator names, so it is
    marked rather than dropped. A stored value the boxes cannot show (an import's
    "1990") is kept as it is until the user changes the boxes.
    """

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Birthday")
        self._raw: str | None = None
        self.day = QSpinBox()
        self.day.setRange(0, 31)
        self.day.setSpecialValueText("Day")
        self.day.setAccessibleName("Birthday: day")
        self.month = QComboBox()
        self.month.setAccessibleName("Birthday: month")
        self.month.addItem("Month", 0)
        locale = ui_locale()
        for number in range(1, 13):
            self.month.addItem(locale.monthName(number, QLocale.FormatType.LongFormat), number)
        self.year = QSpinBox()
        self.year.setRange(NO_YEAR, datetime.date.today().year)
        self.year.setSpecialValueText("No year")
        self.year.setAccessibleName("Birthday: year (optional)")
        self.year.setToolTip("Leave at “No year” when you know only the day")
        self.year.setGroupSeparatorShown(False)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName("Clear the birthday")
        self.clear_button.setToolTip("Clear the birthday")
        self.clear_button.clicked.connect(self._clear)
        for spin in (self.day, self.year):
            width = spin.fontMetrics().horizontalAdvance(spin.specialValueText() + "0000")
            spin.setMinimumWidth(width)
        self.day.valueChanged.connect(self._changed)
        self.year.valueChanged.connect(self._changed)
        self.month.activated.connect(self._changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        month_first = _month_first(locale)
        for widget in ((self.month, self.day) if month_first else (self.day, self.month)):
            layout.addWidget(widget)
        layout.addWidget(self.year)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.month if month_first else self.day)
        self._setting = False

    def value(self) -> str:
        if self._raw is not None:
            return self._raw
        day, month, year = self.day.value(), self.month.currentData(), self.year.value()
        if not (day or month or year != NO_YEAR):
            return ""
        if year == NO_YEAR:
            return f"--{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}"

    def set_value(self, text: str) -> None:
        self._setting = True
        try:
            text = text.strip()
            self._raw = None
            year, month, day = NO_YEAR, 0, 0
            if match := re.fullmatch(r"--(\d\d)-?(\d\d)", text):
                month, day = int(match.group(1)), int(match.group(2))
            elif match := re.fullmatch(r"(\d{4})-?(\d\d)-?(\d\d)", text):
                year, month, day = (int(g) for g in match.groups())
            elif text:
                self._raw = text
            if not (0 <= month <= 12 and 0 <= day <= 31
                    and NO_YEAR <= year <= self.year.maximum()):
                self._raw, year, month, day = text, NO_YEAR, 0, 0
            self.day.setValue(day)
            self.month.setCurrentIndex(month)
            self.year.setValue(year)
            self.setToolTip(f"Stored as “{text}”, which these boxes cannot show"
                            if self._raw else "")
        finally:
            self._setting = False

    def _changed(self, *_args) -> None:
        if self._setting:
            return
        self._raw = None
        self.edited.emit()

    def _clear(self) -> None:
        self.set_value("")
        self.edited.emit()


def _month_first(locale: QLocale) -> bool:
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "")
    return 0 <= pattern.find("M") < pattern.find("d")
