import datetime

from netdesk.core.followups import add_working_days, due_date

FRIDAY = datetime.date(2026, 11, 27)


def test_working_days_skip_the_weekend():
    assert add_working_days(FRIDAY, 1) == datetime.date(2026, 11, 30)
    assert add_working_days(FRIDAY, 3) == datetime.date(2026, 12, 2)
    assert add_working_days(FRIDAY, 0) == FRIDAY


def test_default_rules():
    assert due_date("reply_check", FRIDAY) == datetime.date(2026, 12, 2)
    assert due_date("thank_you", FRIDAY) == datetime.date(2026, 11, 28)
    assert due_date("keep_in_touch", FRIDAY, {"keep_in_touch": (2, "days")}) == datetime.date(
        2026, 11, 29
    )
