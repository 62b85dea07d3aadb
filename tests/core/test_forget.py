"""Forgetting a person deletes every row that names them, in one transaction, for good: no
text column of any table, no full-text shadow table, no free page of the file still holds
their name, email or phone; the people they referred are re-linked as the user chose; the
file passes its integrity and foreign-key checks."""

from __future__ import annotations

import datetime

import pytest
from peewee import SQL

from netdesk.core.forget import (
    TO_ME,
    TO_REFERRER,
    backups_holding,
    forget_person,
    mentions_elsewhere,
    preview,
    rows_naming,
)
from netdesk.db import dialect
from netdesk.db.backup import backup_now, delete_backups, list_backups
from netdesk.db.models import Introduction, LampEntry, Person, Referral, Template
from tests.core.privacy_people import EMAIL, NEEDLES, PHONE, populate


def _referrer(person_id):
    return [r.referrer_id for r in Referral.select().where(Referral.referred == person_id)]


@pytest.mark.sqlite_only  # SQLite's secure_delete, FTS5 shadow tables and the file's bytes
def test_forgetting_leaves_no_row_and_no_index_entry_naming_them(db, db_path):
    ids = populate()
    assert rows_naming(NEEDLES)  # the search finds her before
    assert any(t.startswith("person_search") for t, _c, _r in rows_naming(["zenobia"]))
    seen = preview(ids["Zenobia"])
    assert seen.name == "Zenobia Quartermaine"
    assert seen.referrer == (ids["Bea"], "Bea Hollis")
    assert [name for _id, name in seen.referred] == ["Cai Moreno", "Dee Santos"]
    assert seen.counts == {"interviews": 1, "timeline entries": 1, "follow-ups": 1,
                           "referrals": 3, "introduction requests": 2}

    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # her rows in the file itself
    db.execute_sql("PRAGMA secure_delete = OFF")  # SQLite's usual default (Debian's is ON)

    forgotten = forget_person(ids["Zenobia"], TO_REFERRER)

    assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 0  # put back as it was
    assert rows_naming(NEEDLES) == []
    assert rows_naming(["zenobia", "quartermaine"]) == []  # FTS terms too, lower-cased
    assert Person.get_or_none(Person.id == ids["Zenobia"]) is None
    assert _referrer(ids["Cai"]) == [ids["Bea"]] and _referrer(ids["Dee"]) == [ids["Bea"]]
    assert forgotten.relinked == {ids["Cai"]: ids["Bea"], ids["Dee"]: ids["Bea"]}
    assert Introduction.select().count() == 0
    assert LampEntry.select().count() == 1  # the organization's, which names no one
    changes = forgotten.changes
    assert changes.people_removed == {ids["Zenobia"]} and changes.referrals
    assert ids["interview"] in changes.interviews
    assert changes.touches_person(ids["Cai"]) and changes.touches_person(ids["Eve"])
    assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    found = db.execute_sql("SELECT rowid FROM person_search WHERE person_search MATCH 'cai'")
    assert [row[0] for row in found] == [ids["Cai"]]  # the index still works for the rest

    db.close()
    raw = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for needle in (EMAIL, PHONE, "Quartermaine", "zenobia-photo-bytes"):
        assert needle.encode() not in raw, needle


def _found(word: str) -> list[int]:
    """The people the search index finds for ``word``."""
    return [i for (i,) in Person.select(Person.id).where(SQL(
        dialect.in_peewee(dialect.search_filter('"t1"."id"')),
        [dialect.search_terms([word])])).tuples()]


def test_no_table_still_names_them_and_the_search_works_for_the_rest(db):
    """On either database: every table read (the search index too), nothing names her."""
    ids = populate()
    assert any(t.startswith("person_search") for t, _c, _r in rows_naming(["zenobia"]))
    assert {t for t, _c, _r in rows_naming(NEEDLES)} >= {"person", "person_entry",
                                                          "interview", "person_photo"}
    assert _found("zenobia") == [ids["Zenobia"]]

    forgotten = forget_person(ids["Zenobia"], TO_REFERRER)

    assert rows_naming(NEEDLES) == []
    assert rows_naming(["zenobia", "quartermaine", "zenobia-photo-bytes"]) == []
    assert _found("zenobia") == []
    assert _found("cai") == [ids["Cai"]]  # the index still works for the rest
    assert Person.get_or_none(Person.id == ids["Zenobia"]) is None
    assert forgotten.relinked == {ids["Cai"]: ids["Bea"], ids["Dee"]: ids["Bea"]}
    if dialect.is_server():  # no claim of wiping what the server keeps
        assert "server" in forgotten.note and "cannot wipe" in forgotten.note
        assert backups_holding(None, preview(ids["Bea"])) == []
    else:
        assert "free space" in forgotten.note


def test_the_people_they_referred_can_hang_from_me_instead(db):
    ids = populate()
    forgotten = forget_person(ids["Zenobia"], TO_ME)
    assert _referrer(ids["Cai"]) == [] and _referrer(ids["Dee"]) == []
    assert forgotten.relinked == {ids["Cai"]: None, ids["Dee"]: None}
    assert rows_naming(NEEDLES) == []


def test_a_relink_loop_is_refused_and_the_person_hangs_from_me(db):
    ids = populate()
    # Cai referred Bea, who referred Zenobia, who referred Cai: re-linking Cai to Bea would
    # make Bea → Cai → Bea.
    Referral.delete().where(Referral.referred == ids["Zenobia"]).execute()
    Referral.create(referrer=ids["Cai"], referred=ids["Bea"])
    Referral.create(referrer=ids["Bea"], referred=ids["Zenobia"])
    forgotten = forget_person(ids["Zenobia"], TO_REFERRER)
    assert forgotten.relinked == {ids["Cai"]: None, ids["Dee"]: ids["Bea"]}
    assert _referrer(ids["Bea"]) == [ids["Cai"]]


def test_mentions_in_rows_that_stay_are_listed_for_the_user(db):
    ids = populate()
    Person.update(notes="Ask Zenobia Quartermaine about Bea").where(
        Person.id == ids["Eve"]).execute()
    Template.create(name="Note", kind="outreach", body=f"Write to {EMAIL}")
    places = mentions_elsewhere(preview(ids["Zenobia"]))
    assert "notes of Eve Tanaka" in places
    assert any("template" in p for p in places)
    assert not any("Bea suggested" in p for p in places)  # her own referral goes with her


@pytest.mark.sqlite_only  # backups are copies of the file
def test_older_backups_that_hold_them_are_listed_and_can_be_deleted(db, db_path, tmp_path):
    root = tmp_path / "backups"
    before = backup_now(db, "manual", db_path=db_path, root=root,
                        now=datetime.datetime(2026, 11, 30, 9, 0))
    ids = populate()
    holding = backup_now(db, "manual", db_path=db_path, root=root,
                         now=datetime.datetime(2026, 11, 30, 10, 0))
    seen = preview(ids["Zenobia"])
    assert [b.path for b in backups_holding(db_path, seen, root)] == [holding.path]
    forget_person(ids["Zenobia"])
    assert delete_backups(backups_holding(db_path, seen, root)) == [holding.path]
    assert [b.path for b in list_backups(db_path, root)] == [before.path]


def test_forgetting_someone_gone_already_writes_nothing(db):
    with pytest.raises(Person.DoesNotExist):
        forget_person(12345)
