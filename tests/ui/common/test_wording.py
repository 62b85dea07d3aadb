"""Counts and dates in the window's words, through QLocale."""

import datetime

import pytest
from PySide6.QtCore import QLocale

from netdesk.core.dashboard import HabitWeek
from netdesk.db.models import Person
from netdesk.ui.common.wording import agree, long_date, number, plural, short_date

DAY = datetime.date(2024, 12, 8)


def test_plural_and_agreement():
    assert plural(1, "follow-up") == "1 follow-up"
    assert plural(3, "follow-up") == "3 follow-ups"
    assert plural(1, "person", "people") == "1 person"
    assert plural(12480, "person", "people") == "12,480 people"
    assert plural(0, "week") == "0 weeks"
    assert agree(1, "matches", "match") == "matches" and agree(2, "matches", "match") == "match"


def test_one_date_format_without_leading_zeros():
    today = datetime.date(2024, 12, 20)
    assert short_date(DAY, today=today) == "8 Dec"
    assert short_date(DAY, weekday=True, today=today) == "Sun 8 Dec"
    assert short_date(DAY, today=datetime.date(2025, 1, 2)) == "8 Dec 2024"
    assert short_date(datetime.datetime(2024, 12, 8, 9, 30), year=True) == "8 Dec 2024"
    assert long_date(DAY) == "Sunday, 8 December 2024"


@pytest.mark.parametrize(("language", "territory", "expected", "count"), [
    (QLocale.Language.English, QLocale.Country.UnitedStates, "Sun, Dec 8, 2024", "10,000"),
    (QLocale.Language.German, QLocale.Country.Germany, "Sun 8 Dec 2024", "10.000"),
    (QLocale.Language.French, QLocale.Country.France, "Sun 8 Dec 2024", "10\u202f000"),
])
def test_the_territory_orders_the_date_and_groups_digits_in_english(language, territory,
                                                                    expected, count):
    QLocale.setDefault(QLocale(language, territory))
    assert short_date(DAY, weekday=True, year=True) == expected
    assert number(10000) == count


def test_the_window_counts_in_words(window, qtbot):
    Person.create(first_name="Ana", last_name="Ruiz")
    Person.create(first_name="Bo", last_name="Lin")
    tree = window.contact_tree
    tree.reload()
    qtbot.keyClicks(tree.filter, "Ana")
    qtbot.waitUntil(lambda: "matches the filter" in tree.summary.text())
    assert tree.summary.text() == "1 person matches the filter"
    week = HabitWeek(iso_year=2024, iso_week=49, monday=datetime.date(2024, 12, 2),
                     outreach=2, follow_ups_done=1, goal=3)
    window.dashboard._show_habit([week])
    assert "1 follow-up done" in window.dashboard.habit_summary.text()
    assert "follow-ups done" not in window.dashboard.habit_summary.text()
