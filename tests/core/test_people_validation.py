"""core.people.validate for the fields of issue 13: every further email and phone, named by
its row, and the birthday (with or without a year)."""

from __future__ import annotations

import pytest

from netdesk.core.people import PersonForm, birthday_problem, entry_problems, save_person, validate
from netdesk.core.person_details import Entry


@pytest.mark.parametrize("text", ["", "1990-05-17", "--05-17", "--02-29", "19900517", "--0517"])
def test_birthdays_with_and_without_a_year_are_accepted(text):
    assert birthday_problem(text) is None


@pytest.mark.parametrize("text, words", [
    ("1990-02-30", "not a day"), ("--13-01", "not a day"), ("--05-00", "not a day"),
    ("May 17", "not a date"), ("1850-01-01", "1850"), ("2999-01-01", "2999"),
])
def test_wrong_birthdays_are_named(text, words):
    assert words in birthday_problem(text)


def test_further_emails_and_phones_are_checked_and_named_by_row():
    entries = [Entry("phone", "+1 206 555 0100;ext=102"), Entry("email", "ok@example.org"),
               Entry("web", "not checked"), Entry("email", "wrong@@"),
               Entry("phone", "call me"), Entry("phone", "555-0100p123"),
               Entry("email", '"Omega" <omega@example.org>')]
    problems = entry_problems(entries)
    assert set(problems) == {3, 4}
    assert problems[3].startswith("Email 3: ")
    assert problems[4].startswith("Phone 3: ")
    form = PersonForm(first_name="Ada", entries=entries, birthday="--02-30")
    assert validate(form)["entries"] == problems[3]
    assert "birthday" in validate(form)


def test_a_wrong_row_stops_only_the_entries(db):
    form = PersonForm(first_name="Ada", nickname="Addie",
                      entries=[Entry("email", "wrong@@")])
    changes = save_person(None, form, only={"nickname"})
    with pytest.raises(ValueError, match="Email 2"):
        save_person(changes.id, form, only={"entries"})
