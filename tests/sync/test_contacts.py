"""People both ways through a real Radicale: two netdesk databases and a phone that edits the
cards by hand, the same field changed on both sides, deletions and their confirmation, a
server without sync tokens, and the choice of who syncs by tags."""

from __future__ import annotations

import base64

import pytest

from netdesk.core.people import PersonForm, delete_person, referrer_of, save_person
from netdesk.core.person_details import Address, Entry
from netdesk.db.models import Interaction, Person, SyncItem
from netdesk.sync.errors import DeletionsNeedConfirmation
from tests.sync.helpers import Side, add_person, phone_card

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture
def pair(radicale, tmp_path):
    book = radicale.mkcol(f"/{radicale.user}/contacts/")
    a = Side(tmp_path / "a.sqlite3", radicale, book, None)
    b = Side(tmp_path / "b.sqlite3", radicale, book, None)
    return a, b, book


def _person(first: str) -> Person:
    return Person.get(Person.first_name == first)


def _everything(first: str) -> dict:
    person = _person(first)
    form = PersonForm.from_person(person)
    referrer = referrer_of(person.id)
    values = {name: getattr(form, name) for name in (
        "first_name", "last_name", "name_prefix", "middle_name", "name_suffix", "nickname",
        "email", "email_label", "phone", "phone_label", "linkedin_url", "organization",
        "department", "job_title", "birthday", "relationship", "source", "stage", "tags",
        "notes", "research_notes", "career_fields", "entries", "addresses", "photo")}
    values["referred_by"] = Person.get_by_id(referrer).full_name if referrer else None
    return values


def test_every_field_goes_through_the_server_to_another_database_and_nothing_comes_back(pair):
    a, b, book = pair
    with a.open():
        ada = add_person(
            "Ada", "Lovelace", name_prefix="Countess", middle_name="King", nickname="Ada",
            email="ada@example.org", email_label="work", phone="+44 20 7946 0958",
            phone_label="mobile", linkedin_url="https://www.linkedin.com/in/ada",
            organization="Analytical Engines", department="Research", job_title="Analyst",
            birthday="1985-12-10", relationship="friend", source="a lecture",
            stage="interviewed", tags="math, pioneer", career_fields=["Computing", "Math"],
            notes="First line\nsecond; with, punctuation", research_notes="Wrote notes",
            entries=[Entry("email", "ada@home.example", "home"),
                     Entry("web", "https://ada.example", "blog"),
                     Entry("event", "2005-07-08", "anniversary"),
                     Entry("related", "Charles", "friend"),
                     Entry("custom", "Note G", "Known for")],
            addresses=[Address("home", "12 St James's Square", "London", "", "SW1", "UK")],
            photo=PNG)
        add_person("Grace", "Hopper", referred_by=ada, relationship="coworker")
        expected = {first: _everything(first) for first in ("Ada", "Grace")}
    report = a.sync()
    assert report.sent == {"people added": 2}
    assert len(b.server.list(book)) == 2
    report = b.sync()
    assert report.received == {"people added": 2}
    with b.open():
        got = {first: _everything(first) for first in ("Ada", "Grace")}
        for first in got:
            for k in got[first]:
                assert got[first][k] == expected[first][k], (first, k)
    # Nothing changed anywhere: the next syncs move nothing either way.
    for side in (a, b, a):
        report = side.sync()
        assert (report.sent, report.received, report.conflicts) == ({}, {}, [])


def test_a_phone_edit_and_a_local_edit_of_other_fields_both_arrive_everywhere(pair):
    a, b, book = pair
    with a.open():
        add_person("Ada", "Lovelace", phone="+44 20 7946 0958", relationship="friend",
                   stage="contacted", tags="math")
    a.sync()
    b.sync()
    (href,) = b.server.list(book)
    uid = href.rsplit("/", 1)[1].removesuffix(".vcf")
    # The phone rewrites the card its own way: new phone number, keeps the X- properties.
    card = b.server.get(href)
    assert "X-NETDESK-RELATIONSHIP:friend" in card
    b.server.put(href, phone_card(
        uid, "Ada Lovelace", "Lovelace;Ada;;;", "TEL;TYPE=CELL:+44 20 7946 0000",
        "CATEGORIES:math", "X-NETDESK-RELATIONSHIP:friend", "X-NETDESK-STAGE:contacted"))
    with a.open():
        save_person(_person("Ada").id, PersonForm(job_title="Analyst"), only={"job_title"})
    report = a.sync()
    assert report.received == {"people changed": 1} and report.sent == {"people changed": 1}
    assert report.conflicts == []
    with a.open():
        ada = _person("Ada")
        assert (ada.phone, ada.job_title, ada.relationship) == (
            "+44 20 7946 0000", "Analyst", "friend")
    b.sync()
    with b.open():
        ada = _person("Ada")
        assert (ada.phone, ada.job_title, ada.stage) == ("+44 20 7946 0000", "Analyst",
                                                         "contacted")
    assert "TITLE:Analyst" in b.server.get(href)


def test_a_card_a_phone_adds_becomes_a_person(pair):
    a, _, book = pair
    a.server.put(book + "phone-new.vcf", phone_card(
        "phone-new", "Katherine Johnson", "Johnson;Katherine;;;",
        "EMAIL;TYPE=INTERNET:kj@example.org", "ORG:NASA", "NOTE:Met at the museum"))
    report = a.sync()
    assert report.received == {"people added": 1}
    with a.open():
        kj = _person("Katherine")
        assert (kj.email, kj.organization.name, kj.notes, kj.relationship, kj.stage) == (
            "kj@example.org", "NASA", "Met at the museum", "acquaintance", "to_contact")


def test_the_same_field_changed_on_both_sides_keeps_the_newer_and_notes_the_other(pair):
    a, _, book = pair
    with a.open():
        add_person("Ada", "Lovelace", phone="+44 20 7946 0958")
    a.sync()
    (href,) = a.server.list(book)
    uid = href.rsplit("/", 1)[1].removesuffix(".vcf")
    with a.open():
        save_person(_person("Ada").id, PersonForm(phone="+44 20 7946 1111"), only={"phone"})
    # The phone's edit is newer (its REV is in the future of the local edit).
    a.server.put(href, phone_card(uid, "Ada Lovelace", "Lovelace;Ada;;;",
                                  "TEL:+44 20 7946 2222", rev="20990101T000000Z"))
    report = a.sync()
    assert report.conflicts == ['Ada Lovelace: Phone was "+44 20 7946 1111" in netdesk']
    with a.open():
        ada = _person("Ada")
        assert ada.phone == "+44 20 7946 2222"
        notes = [i.summary for i in Interaction.select().where(Interaction.person == ada)]
        assert notes == ['Sync conflict: Phone was "+44 20 7946 1111" in netdesk']
    # An older phone edit loses: the local value stays and goes to the server.
    with a.open():
        save_person(_person("Ada").id, PersonForm(phone="+44 20 7946 3333"), only={"phone"})
    a.server.put(href, phone_card(uid, "Ada Lovelace", "Lovelace;Ada;;;",
                                  "TEL:+44 20 7946 4444", rev="20000101T000000Z"))
    report = a.sync()
    assert report.conflicts == ['Ada Lovelace: Phone was "+44 20 7946 4444" on the server']
    assert "+44 20 7946 3333" in a.server.get(href)
    with a.open():
        assert _person("Ada").phone == "+44 20 7946 3333"


def test_deletions_go_both_ways(pair):
    a, b, book = pair
    with a.open():
        for first in ("Ada", "Grace", "Katherine"):
            add_person(first)
    a.sync()
    b.sync()
    with a.open():
        delete_person(_person("Ada").id)
    report = a.sync()
    assert report.sent == {"deleted": 1}
    assert len(a.server.list(book)) == 2
    report = b.sync()
    assert report.received == {"deleted": 1}
    with b.open():
        assert sorted(p.first_name for p in Person.select()) == ["Grace", "Katherine"]
    # A phone deletes a card: the person goes here too, and their state row.
    href = next(h for h in b.server.list(book) if "Grace" in b.server.get(h))
    b.server.delete(href)
    report = b.sync()
    assert report.received == {"deleted": 1}
    with b.open():
        assert [p.first_name for p in Person.select()] == ["Katherine"]
        assert SyncItem.select().count() == 1


def test_more_than_five_deletions_wait_for_a_confirmation_and_change_nothing_before(pair):
    a, _, book = pair
    with a.open():
        for number in range(7):
            add_person(f"Person{number}")
    a.sync()
    with a.open():
        for person in list(Person.select()):
            delete_person(person.id)
        add_person("Newcomer")
    with pytest.raises(DeletionsNeedConfirmation) as refused:
        a.sync()
    assert (refused.value.local, refused.value.remote) == (0, 7)
    assert len(a.server.list(book)) == 7  # nothing deleted, and nothing else sent either
    asked = []
    with pytest.raises(DeletionsNeedConfirmation):
        a.sync(confirm_deletions=lambda local, remote: asked.append((local, remote)) or False)
    assert asked == [(0, 7)]
    report = a.sync(confirm_deletions=lambda local, remote: True)
    assert report.sent == {"people added": 1, "deleted": 7}
    assert len(a.server.list(book)) == 1


def test_a_server_without_sync_tokens_is_listed_instead(radicale_no_sync_token, tmp_path):
    server = radicale_no_sync_token
    book = server.mkcol(f"/{server.user}/contacts/")
    a = Side(tmp_path / "a.sqlite3", server, book, None)
    b = Side(tmp_path / "b.sqlite3", server, book, None)
    with a.open():
        add_person("Ada", phone="+44 20 7946 0958")
        add_person("Grace")
    assert a.sync().sent == {"people added": 2}
    assert b.sync().received == {"people added": 2}
    with b.open():
        save_person(_person("Ada").id, PersonForm(job_title="Analyst"), only={"job_title"})
        delete_person(_person("Grace").id)
    assert b.sync().sent == {"people changed": 1, "deleted": 1}
    report = a.sync()
    assert report.received == {"people changed": 1, "deleted": 1}
    with a.open():
        assert [(p.first_name, p.job_title) for p in Person.select()] == [("Ada", "Analyst")]
        assert a.sync().received == {}


def test_only_people_with_the_chosen_tags_sync(radicale, tmp_path):
    book = radicale.mkcol(f"/{radicale.user}/contacts/")
    a = Side(tmp_path / "a.sqlite3", radicale, book, None, tags=("work", "mentor"))
    with a.open():
        add_person("Ada", tags="Work")
        add_person("Grace", tags="mentor, family")
        add_person("Katherine", tags="family")
        add_person("Dorothy")
    assert a.sync().sent == {"people added": 2}
    cards = [radicale.get(h) for h in radicale.list(book)]
    assert sorted(c.split("FN:")[1].split("\r\n")[0] for c in cards) == ["Ada", "Grace"]


def test_a_referrer_outside_the_chosen_tags_is_kept_on_both_sides(radicale, tmp_path):
    book = radicale.mkcol(f"/{radicale.user}/contacts/")
    a = Side(tmp_path / "a.sqlite3", radicale, book, None, tags=("work",))
    b = Side(tmp_path / "b.sqlite3", radicale, book, None)
    with a.open():
        ada = add_person("Ada")  # not tagged: stays here
        add_person("Grace", tags="work", referred_by=ada)
    assert a.sync().sent == {"people added": 1}
    assert b.sync().received == {"people added": 1}
    assert b.sync().sent == {}  # the unknown referrer is not sent back as "nobody"
    with b.open():
        save_person(_person("Grace").id, PersonForm(job_title="Admiral"), only={"job_title"})
    b.sync()
    a.sync()
    with a.open():
        grace = _person("Grace")
        assert grace.job_title == "Admiral" and referrer_of(grace.id) == ada


def test_a_forgotten_person_leaves_the_server_even_after_a_phone_edit(pair):
    from netdesk.core.forget import forget_person

    a, _, book = pair
    with a.open():
        add_person("Ada")
        add_person("Grace")
    a.sync()
    href = next(h for h in a.server.list(book) if "Ada" in a.server.get(h))
    with a.open():
        forget_person(_person("Ada").id)
        item = SyncItem.get(SyncItem.kind == "person", SyncItem.local_id.is_null(False),
                            SyncItem.state.contains("forgotten"))
        assert "Ada" not in item.state  # the state row keeps where the card is, not them
    a.server.put(href, a.server.get(href).replace("END:VCARD", "NOTE:met again\r\nEND:VCARD"))
    report = a.sync()
    assert report.sent == {"deleted": 1} and report.received == {}
    assert [h for h in a.server.list(book) if "Ada" in a.server.get(h)] == []
    with a.open():
        assert [p.first_name for p in Person.select()] == ["Grace"]
        assert SyncItem.select().count() == 1


def test_a_card_deleted_on_the_server_but_changed_here_is_sent_back(pair):
    a, _, book = pair
    with a.open():
        add_person("Ada")
    a.sync()
    (href,) = a.server.list(book)
    a.server.delete(href)
    with a.open():
        save_person(_person("Ada").id, PersonForm(job_title="Analyst"), only={"job_title"})
    report = a.sync()
    assert report.received == {} and report.sent == {"people added": 1}
    (href,) = a.server.list(book)
    assert "TITLE:Analyst" in a.server.get(href)


def test_what_a_sync_wrote_is_in_its_changes_for_the_window(pair):
    a, b, book = pair
    with a.open():
        add_person("Ada")
    a.sync()
    report = b.sync()
    with b.open():
        ada = _person("Ada").id
    assert report.changes.people_added == {ada}
    with a.open():
        save_person(_person("Ada").id, PersonForm(job_title="Analyst"), only={"job_title"})
    a.sync()
    report = b.sync()
    assert report.changes.field_changed(ada, "job_title")
    assert report.summary() == "Sent: nothing; received: 1 person changed."


def test_the_local_side_is_backed_up_before_a_sync_writes_to_it(pair):
    from netdesk.db.backup import list_backups

    a, b, _ = pair
    with a.open():
        add_person("Ada")
    a.sync()
    assert [x for x in list_backups(a.path) if x.reason == "sync"] == []  # nothing came in
    b.sync()
    (backup,) = [x for x in list_backups(b.path) if x.reason == "sync"]
    assert backup.description == "before a sync"
