"""The one validator for phones and emails: what address books hold is accepted."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdesk.core.contact_values import (
    email_address,
    email_problem,
    format_phone,
    phone_key,
    phone_problem,
)


@pytest.mark.parametrize("phone", [
    "+44 20 7946 0000;ext=102", "020 7946 0000 ext. 12", "+1 555 123 4567p123", "555-1234w99",
    "(555) 555-1234", "tel:+33123456789", "+1 (650) 253-0000 x 7", "0171 123 4567,,12", ""])
def test_phones_address_books_hold_are_accepted(phone):
    assert phone_problem(phone, "GB") is None


@pytest.mark.parametrize("phone", ["12", "abc", "call me", "+999 1"])
def test_what_is_no_phone_is_named(phone):
    assert phone in phone_problem(phone, "GB")


def test_phones_are_shown_formatted_and_compared_by_number():
    assert format_phone("02079460000", "GB") == "020 7946 0000"
    assert format_phone("+44 20 7946 0000;ext=102", "GB") == "020 7946 0000 ext. 102"
    assert format_phone("+1 (650) 253-0000 x 7", "GB") == "+1 650-253-0000 ext. 7"
    assert format_phone("(555) 555-1234", "US") == "(555) 555-1234"
    assert phone_key("020 7946 0000", "GB") == phone_key("+44 (0)20 7946-0000", "GB")
    assert phone_key("020 7946 0000 ext. 1", "GB") != phone_key("020 7946 0000", "GB")


def test_emails_by_syntax_only():
    assert email_problem('"Omega" <omega@example.org>') is None
    assert email_address('"Omega" <omega@example.org>') == "omega@example.org"
    assert email_address("mailto:q@x.de") == "q@x.de"
    assert email_problem("ü@bücher.de") is None
    assert "a@b" in email_problem("a@b")
    assert email_problem("") is None


@given(st.from_regex(r"[A-Za-z0-9._%+-]{1,12}@[A-Za-z0-9.-]{1,20}\.[A-Za-z]{1,5}",
                     fullmatch=True))
def test_the_quick_check_never_accepts_what_the_validator_refuses(address):
    import email_validator

    from netdesk.core.contact_values import _plain_email

    if _plain_email(address):
        email_validator.validate_email(address, check_deliverability=False)
