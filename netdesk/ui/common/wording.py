"""Counts and dates in the window's words: '1 follow-up', '2 people match', one date format.

Numbers and dates go through :class:`QLocale`, in English (the language of the
window) with the user's own territory: '10,000 people' or '10.000 people', 'Dec 8'
in the United States and '8 Dec' in most other places, the year shown only when
it is not this year's (or when asked for).
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, QLocale


def ui_locale() -> QLocale:
    """English, as the window speaks, with the territory of the default locale."""
    territory = QLocale().territory()
    if territory == QLocale.Country.AnyTerritory:
        territory = QLocale.Country.UnitedStates
    return QLocale(QLocale.Language.English, territory)


def number(count: int) -> str:
    """``count`` with the territory's digit grouping ('12,480')."""
    return ui_locale().toString(int(count))


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 follow-up', '3 follow-ups', '1 person', '2 people' (``many`` when not ``one`` + s)."""
    return f"{number(count)} {one if count == 1 else (many or one + 's')}"


def agree(count: int, one: str, many: str) -> str:
    """The verb that goes with ``count``: ``agree(1, 'matches', 'match')`` → 'matches'."""
    return one if count == 1 else many


def _month_first(locale: QLocale) -> bool:
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "").replace(
        "ddd", "")
    month, day = pattern.find("M"), pattern.find("d")
    return 0 <= month < day


def short_date(day: datetime.date | datetime.datetime, *, weekday: bool = False,
               year: bool | None = None, today: datetime.date | None = None) -> str:
    """``day`` as the window shows dates: '8 Dec', 'Mon 8 Dec', '8 Dec 2024' (US: 'Dec 8').

    ``year`` None shows the year only when it is not the current one.
    """
    if isinstance(day, datetime.datetime):
        day = day.date()
    today = today or datetime.date.today()
    show_year = day.year != today.year if year is None else year
    locale = ui_locale()
    if _month_first(locale):
        pattern = "MMM d" + (", yyyy" if show_year else "")
        pattern = ("ddd, " if weekday else "") + pattern
    else:
        pattern = ("ddd " if weekday else "") + "d MMM" + (" yyyy" if show_year else "")
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def date_field_format(*, weekday: bool = False, time: bool = False) -> str:
    """The display format of a date field, in the order short dates use: 'ddd d MMM yyyy'
    (UK), 'ddd, MMM d, yyyy' (US); with ``time``, the hours and minutes after it."""
    if _month_first(ui_locale()):
        pattern = ("ddd, " if weekday else "") + "MMM d, yyyy"
    else:
        pattern = ("ddd " if weekday else "") + "d MMM yyyy"
    return pattern + ("  HH:mm" if time else "")


def long_date(day: datetime.date | datetime.datetime) -> str:
    """``day`` in full, as the territory writes it: 'Tuesday 1 December 2026' (UK),
    'Tuesday, December 1, 2026' (US)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    return ui_locale().toString(QDate(day.year, day.month, day.day),
                                QLocale.FormatType.LongFormat)
