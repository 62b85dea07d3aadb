"""Duplicate detection: keys, close names, conflicts, and its speed."""

import time

import pytest

from netdesk.core.matching import (
    PersonIndex,
    candidate,
    email_key,
    linkedin_key,
    name_key,
    organization_key,
    phone_key,
)


def test_keys():
    assert organization_key("  Brightleaf \t Software ") == "brightleaf software"
    assert name_key("José  O'Neill-Núñez") == "jose oneillnunez"
    assert email_key(" Ada@Example.ORG ") == "ada@example.org"
    assert phone_key("+1 (555) 010-4477") == phone_key("555.010.4477") == "5550104477"
    assert phone_key("12") == ""
    for url in ("https://www.linkedin.com/in/ada/", "http://linkedin.com/in/ada?trk=x",
                "www.linkedin.com/in/ADA", "https://uk.linkedin.com/in/ada"):
        assert linkedin_key(url) == "linkedin.com/in/ada"


def _index(*people):
    return PersonIndex(candidate(i + 1, *p) for i, p in enumerate(people))


@pytest.mark.parametrize("incoming, reason", [
    (("Augusta", "King", "", "", "https://linkedin.com/in/ada/"), "same LinkedIn URL"),
    (("A.", "Byron", "ADA@example.org"), "same email"),
    (("Ada", "Lovelace", "", "+44 555 0100 200"), "same phone number"),
    (("Ada", "Lovelace", "", "", "", "analytical  ENGINES"), "same name, same organization"),
    (("A", "Lovelace", "", "", "", "Analytical Engines"), "close name"),
    (("Ada", "Lovelance", "", "", "", "Analytical Engines"), "close name"),
])
def test_matches(incoming, reason):
    index = _index(("Ada", "Lovelace", "ada@example.org", "5550100200",
                    "https://www.linkedin.com/in/ada", "Analytical Engines"))
    match = index.find(candidate(-1, *incoming))
    assert match is not None and match.key == 1
    assert match.reason.startswith(reason)


def test_one_letter_slip_in_a_first_name():
    index = _index(("Katherine", "Johnson", "", "", "", "NASA"))
    assert index.find(candidate(-1, "Katharine", "Johnson", organization="nasa")).key == 1


def test_nicknames_at_the_same_organization():
    index = _index(("Robert", "Smith", "", "", "", "Acme"))
    assert index.find(candidate(-1, "Bob", "Smith", organization="ACME")).key == 1
    assert index.find(candidate(-1, "Bob", "Smith", organization="Other")) is None


@pytest.mark.parametrize("incoming", [
    ("Ada", "Lovelace", "", "", "", "Other Company"),  # same name, other organization
    ("A", "Lovelace", "other@example.org", "", "", "Analytical Engines"),  # other email
    ("Bob", "Lovelace", "", "", "", "Analytical Engines"),
    ("Ada", "Lovelace"),  # no organization: only an exact name matches no-organization people
])
def test_non_matches(incoming):
    index = _index(("Ada", "Lovelace", "ada@example.org", "", "", "Analytical Engines"))
    assert index.find(candidate(-1, *incoming)) is None


def test_same_name_at_the_same_organization_despite_another_email():
    index = _index(("Helen", "Marsh", "helen@example.org", "", "", "Riverton University"))
    match = index.find(candidate(-1, "Helen", "Marsh", "h.marsh@riverton.example",
                                 organization="riverton university"))
    assert match.key == 1 and match.reason == "same name, same organization"


def test_two_linkedin_profiles_are_two_people():
    index = _index(("Ada", "Lovelace", "", "", "https://linkedin.com/in/ada", "Engines"))
    assert index.find(candidate(-1, "Ada", "Lovelace", linkedin_url="linkedin.com/in/ada-2",
                                organization="Engines")) is None


def test_same_name_without_organization_matches_exactly_only():
    index = _index(("Tom", "Becker"))
    assert index.find(candidate(-1, "tom", "BECKER")).key == 1
    assert index.find(candidate(-1, "Tim", "Becker")) is None


def test_ten_thousand_lookups_in_ten_thousand_people_are_fast():
    people = [candidate(i + 1, f"First{i}", f"Last{i % 3000}", f"p{i}@example.org",
                        linkedin_url=f"https://www.linkedin.com/in/p{i}",
                        organization=f"Org {i % 500}") for i in range(10_000)]
    index = PersonIndex(people)
    incoming = [candidate(-(i + 1), f"First{i}", f"Last{i % 3000}",
                          organization=f"Org {i % 500}") for i in range(5_000, 15_000)]
    start = time.perf_counter()
    found = sum(index.find(person) is not None for person in incoming)
    assert time.perf_counter() - start < 1.0
    assert found >= 5_000
