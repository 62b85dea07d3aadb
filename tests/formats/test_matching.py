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
    assert phone_key("+1 555 010 4477;ext=102") == phone_key("555 010 4477 ext. 102")
    assert phone_key("12") == ""
    for url in ("https://www.linkedin.com/in/ada/", "http://linkedin.com/in/ada?trk=x",
                "www.linkedin.com/in/ADA", "https://uk.linkedin.com/in/ada"):
        assert linkedin_key(url) == "linkedin.com/in/ada"


def _index(*people):
    return PersonIndex(candidate(i + 1, *p) for i, p in enumerate(people))


SURE = ("Ada", "Lovelace", "ada@example.org", "5550100200", "https://www.linkedin.com/in/ada",
        "Analytical Engines")


@pytest.mark.parametrize("incoming, reason", [
    (("Augusta", "King", "", "", "https://linkedin.com/in/ada/"), "same LinkedIn URL"),
    (("A.", "Byron", "ADA@example.org"), "same email"),
    (("Ada", "Lovelace", "", "+1 555 0100 200"), "same name and phone"),
    (("Ada", "Lovelace", "", "", "", "analytical  ENGINES"), "same name and organization"),
    (("Ada", "Lovelace", "ada@example.org", "", "", "Other"), "same email"),
])
def test_sure_matches(incoming, reason):
    match = _index(SURE).find(candidate(-1, *incoming))
    assert match is not None and match.key == 1 and match.sure
    assert match.reason == reason


@pytest.mark.parametrize("incoming, reason", [
    (("Grace", "Hopper", "", "555 0100 200"), "same phone number only"),  # a switchboard
    (("Ada", "Lovelace", "", "", "", "Other Company"), "same name"),
    (("Ada", "Lovelace"), "same name"),
    (("A", "Lovelace", "", "", "", "Analytical Engines"), "similar name"),
    (("Ada", "Lovelance", "", "", "", "Analytical Engines"), "similar name"),
    (("A", "Lovelace", "other@example.org", "", "", "Analytical Engines"), "similar name"),
])
def test_possible_duplicates_are_never_sure(incoming, reason):
    match = _index(SURE).find(candidate(-1, *incoming))
    assert match is not None and match.key == 1 and not match.sure
    assert match.reason == reason


def test_every_email_of_a_person_counts():
    index = PersonIndex([candidate(1, "Ada", "Lovelace", ["ada@example.org", "AL@Work.example"])])
    match = index.find(candidate(-1, "Augusta", "King", ["x@example.org", "al@work.example"]))
    assert match.key == 1 and match.sure and match.reason == "same email"


def test_first_name_only_at_different_organizations_is_only_possible():
    index = _index(("Mario", "", "", "", "", "Happy Store"))
    match = index.find(candidate(-1, "Mario", "", organization="Zafniary"))
    assert match is not None and not match.sure and match.reason == "same first name only"


def test_one_letter_slip_in_a_first_name():
    index = _index(("Katherine", "Johnson", "", "", "", "NASA"))
    match = index.find(candidate(-1, "Katharine", "Johnson", organization="nasa"))
    assert match.key == 1 and not match.sure


def test_nicknames_are_possible_duplicates():
    index = _index(("Robert", "Smith", "", "", "", "Acme"))
    assert not index.find(candidate(-1, "Bob", "Smith", organization="ACME")).sure


@pytest.mark.parametrize("incoming", [
    ("Bob", "Lovelace", "", "", "", "Analytical Engines"),
    ("Grace", "Hopper", "grace@example.org"),
])
def test_non_matches(incoming):
    index = _index(("Ada", "Lovelace", "ada@example.org", "", "", "Analytical Engines"))
    assert index.find(candidate(-1, *incoming)) is None


def test_two_linkedin_profiles_are_two_people():
    index = _index(("Ada", "Lovelace", "", "", "https://linkedin.com/in/ada", "Engines"))
    assert index.find(candidate(-1, "Ada", "Lovelace", linkedin_url="linkedin.com/in/ada-2",
                                organization="Engines")) is None


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
