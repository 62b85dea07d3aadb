"""Find Duplicates: pairs by the import's rules, a merge that moves everything, and its undo."""

import datetime
import time

from netdesk.core.duplicates import find_duplicates, merge_people, unmerge_people
from netdesk.core.people import entries_of
from netdesk.db import dialect
from netdesk.db.models import (
    FollowUp,
    Interaction,
    Interview,
    Organization,
    Person,
    PersonEntry,
    Referral,
)
from tests.formats.conftest import table_dump


def test_sure_and_possible_pairs(db):
    shop, other = Organization.create(name="Happy Store"), Organization.create(name="Zafniary")
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    ada2 = Person.create(first_name="Ada", last_name="Lovelace")
    PersonEntry.create(person=ada2, kind="email", value="ADA@example.org")
    mario = Person.create(first_name="Mario", organization=shop)
    mario2 = Person.create(first_name="Mario", organization=other)
    Person.create(first_name="Grace", last_name="Hopper", phone="555 010 4477")
    Person.create(first_name="Alan", last_name="Turing", phone="+1 555 010 4477")
    Person.create(first_name="Someone", last_name="Else")
    pairs = find_duplicates()
    found = {(p.first, p.second): (p.sure, p.reason) for p in pairs}
    assert found[(ada.id, ada2.id)] == (True, "same email")
    assert found[(mario.id, mario2.id)] == (False, "same first name only")
    assert (False, "same phone number only") in found.values()
    assert len(pairs) == 3 and pairs[0].sure


def _network():
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                        job_title="Countess")
    twin = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                         phone="555 0100", job_title="Programmer")
    grace = Person.create(first_name="Grace", last_name="Hopper")
    Referral.create(referrer=grace, referred=twin)
    Referral.create(referrer=twin, referred=ada)  # would become a self-referral
    interview = Interview.create(person=twin)
    Interaction.create(person=twin, kind="meeting", occurred_on=datetime.date(2024, 1, 2))
    FollowUp.create(person=twin, kind="thank_you", due_on=datetime.date(2024, 1, 3),
                    interview=interview)
    return ada, twin, grace


def test_merge_moves_everything_and_undo_puts_both_back(db):
    ada, twin, grace = _network()
    before = table_dump(db)
    merged = merge_people(ada.id, twin.id)
    assert Person.select().count() == 2
    kept = Person.get_by_id(ada.id)
    assert (kept.job_title, kept.phone) == ("Countess", "555 0100")
    assert [(e.label, e.value) for e in entries_of(ada.id)] == [
        ("Job title (merged)", "Programmer")]
    assert Interview.get().person_id == ada.id and Interaction.get().person_id == ada.id
    assert FollowUp.get().person_id == ada.id
    assert [(r.referrer_id, r.referred_id) for r in Referral.select()] == [(grace.id, ada.id)]
    assert merged.dropped_referrals == 1
    assert merged.changes.people_removed == {twin.id} and merged.changes.referrals
    unmerge_people(merged)
    after = table_dump(db)
    for table in ("person", "referral", "interview", "interaction", "follow_up",
                  "person_entry", "person_search"):
        assert after[table] == before[table], table


def test_finding_duplicates_among_a_hundred_thousand_people_is_blocked_not_all_pairs(db):
    import random

    rng = random.Random(13)
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "an", "or", "el"]

    def word():
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()

    stamp = "2024-01-01 00:00:00"
    blank = ("", "", "", "acquaintance", "", "to_contact", "", "", "")
    rows = [(stamp, stamp, word(), word() + word(), f"p{i}@example.org", *blank)
            for i in range(100_000)] + [(stamp, stamp, "Ada", "Lovelace", "P7@example.org", *blank)]
    columns = ["created", "updated", "first_name", "last_name", "email", "phone", "linkedin_url",
               "job_title", "relationship", "source", "stage", "tags", "notes", "research_notes"]
    with db.atomic():
        if dialect.is_server():  # statistics once some are in, not those of an empty table
            dialect.insert_rows("person", columns, rows[:1000])
            db.execute_sql("ANALYZE person")
            rows = rows[1000:]
        dialect.insert_rows("person", columns, rows)
    start = time.perf_counter()
    pairs = find_duplicates()
    assert time.perf_counter() - start < 20  # all pairs would be 5 billion comparisons
    assert pairs[0].sure and pairs[0].reason == "same email"
