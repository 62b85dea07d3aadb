"""netdesk → vCard → netdesk is lossless: generated people with every field filled, and the
export of a database read back field by field."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.core.contact_values import email_problem, phone_problem
from netdesk.core.people import PersonForm, save_person
from netdesk.core.person_details import Address, Entry, PersonDetails
from netdesk.core.referrals import add_referral
from netdesk.db.models import RELATIONSHIPS, STAGES, Person
from netdesk.formats.exporting import export_text
from netdesk.formats.records import PersonRecord
from netdesk.formats.vcard import format_vcards, parse_vcards
from netdesk.formats.vcard.reading import _APPLE_LABEL

TRICKY = ['"', "'", ",", ";", "\\", ":", "=", "^", "é", "日本語", "Ελένη", "עברית", "😀",
          "👩🏽‍💻", "\u2028", "\\n", "\\,", "item1.", "BEGIN:VCARD", "END:VCARD", "a", "b", " "]
_char = st.characters(blacklist_categories=("Cs", "Cc"))
line_text = st.lists(st.one_of(st.sampled_from(TRICKY), _char), min_size=1, max_size=10)\
    .map("".join).map(str.strip).filter(bool)
"""A one-line value as netdesk stores it (stripped, never empty)."""
long_text = st.lists(st.one_of(st.sampled_from(TRICKY + ["\n", "\n\n"]), _char,
                               st.text(_char, min_size=60, max_size=200)),
                     min_size=1, max_size=12).map("".join).filter(str.strip)
"""Notes: several lines, long enough to fold, white space kept as typed."""
label = line_text.filter(lambda t: not _APPLE_LABEL.fullmatch(t)) | st.sampled_from(
    ["", "work", "home", "mobile", "other", "fax", "WORK", "voice", "pref", "iPhone",
     "anniversary", "spouse", "referred by", "quoted-printable"])
email = st.builds(lambda local, domain: f"{local}@{domain}",
                  st.from_regex(r"[a-z0-9](?:[a-z0-9._+'-]{0,10}[a-z0-9])?", fullmatch=True)
                  .filter(lambda t: ".." not in t),
                  st.sampled_from(["example.org", "exämple.de", "例子.中国", "mail.example.com"]))\
    .filter(lambda e: email_problem(e) is None)
phone = st.sampled_from(["+44 20 7946 0000", "(425) 555-0100", "+1 415 555 2671 ext. 12",
                         "+1 (415) 555-2671;ext=102", "020 7946 0000 p 1234", "+33 1 23 45 67 89",
                         "+81 3-1234-5678", "555 0123", "+49 30 901820,,12"])\
    .filter(lambda p: phone_problem(p) is None)
day = st.dates(min_value=__import__("datetime").date(1900, 1, 1),
               max_value=__import__("datetime").date(2200, 12, 31))
date_text = day.map(lambda d: d.isoformat()) | day.map(lambda d: d.strftime("--%m-%d"))
past_day = st.dates(min_value=__import__("datetime").date(1900, 1, 1),
                    max_value=__import__("datetime").date.today())
birthday_text = past_day.map(lambda d: d.isoformat()) | day.map(lambda d: d.strftime("--%m-%d"))
"""A birthday is never in the future (the editor refuses one)."""
photo = st.builds(lambda head, body: head + body,
                  st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0"]),
                  st.binary(min_size=0, max_size=300))


def _entry(kind: str) -> st.SearchStrategy[Entry]:
    values = {"email": email, "phone": phone, "event": date_text}.get(kind, line_text)
    return st.builds(Entry, st.just(kind), values, label)


entries = st.lists(st.sampled_from(["email", "phone", "web", "social", "im", "event",
                                    "related", "custom"]).flatmap(_entry),
                   min_size=8, max_size=14)
addresses = st.lists(st.builds(
    Address, label, st.lists(line_text, min_size=1, max_size=3).map("\n".join), line_text,
    line_text, line_text, line_text), min_size=1, max_size=3)
tags = st.lists(line_text.map(lambda t: " ".join(t.replace(",", " ").split())).filter(bool),
                min_size=1, max_size=4, unique_by=str.casefold).map(", ".join)
people = st.builds(
    PersonRecord,
    line=st.just(1),
    first_name=line_text, last_name=line_text, job_title=line_text, organization=line_text,
    email=email, phone=phone,
    linkedin_url=line_text.map(lambda t: "https://www.linkedin.com/in/" + t.replace(" ", "-")),
    relationship=st.sampled_from(RELATIONSHIPS), source=line_text, stage=st.sampled_from(STAGES),
    career_fields=st.lists(line_text, min_size=1, max_size=4),
    tags=tags, notes=long_text, research_notes=long_text,
    name_prefix=line_text, middle_name=line_text, name_suffix=line_text, nickname=line_text,
    department=line_text, birthday=birthday_text, email_label=label, phone_label=label,
    entries=entries, addresses=addresses, photo=photo,
    uid=line_text, referred_by=line_text, referred_by_uid=line_text,
)
_COMPARED = [f.name for f in dataclasses.fields(PersonDetails)] + [
    "uid", "referred_by", "referred_by_uid"]


def _fields(record) -> dict:
    return {name: getattr(record, name) for name in _COMPARED}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people, min_size=1, max_size=3))
def test_every_field_comes_back_identical(persons):
    text = format_vcards(persons)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    result = parse_vcards(text)
    assert result.problems == []
    assert [_fields(r) for r in result.records] == [_fields(p) for p in persons]


def test_folding_never_splits_a_character():
    person = PersonDetails(first_name="Ада", last_name="😀" * 40 + "日本" * 30,
                           notes="é" * 200)
    text = format_vcards([person])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75  # each physical line decodes on its own
    (back,) = parse_vcards(text).records
    assert (back.last_name, back.notes) == (person.last_name, person.notes)


def test_the_export_of_a_database_reads_back_as_the_editor_shows_it(db):
    full = PersonForm(
        first_name="Zoë", last_name="O'Brien, Jr.", name_prefix="Dr.", middle_name="Ann",
        name_suffix="PhD", nickname="Zo; Z", job_title="Planner", organization="Acme, Inc.",
        department="R&D; Labs", email="zoe@example.org", email_label="work",
        phone="+44 20 7946 0000", phone_label="mobile", birthday="--03-15",
        linkedin_url="https://www.linkedin.com/in/zoe", relationship="friend",
        source="Meetup", stage="contacted", career_fields=["Urban planning", "Data, maps"],
        tags="mentor, 東京", notes="Line one\nLine two, with; all \\ of it 😀",
        research_notes="Read her paper.", entries=[
            Entry("email", "z@home.example", "home"), Entry("phone", "555 0123", "Desk"),
            Entry("web", "https://zoe.example", "blog"), Entry("social", "@zoe", "Mastodon"),
            Entry("im", "zoe.o", "Skype"), Entry("event", "2001-06-09", "anniversary"),
            Entry("related", "Sam", "spouse"), Entry("custom", "Blue", "Favourite colour")],
        addresses=[Address("home", "1 High St\nFlat 2", "Leeds", "West Yorkshire", "LS1 1AA",
                           "UK")],
        photo=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    referrer_changes = save_person(None, PersonForm(first_name="Ravi", last_name="Iyer"))
    changes = save_person(None, full)
    (referrer_id,), (person_id,) = referrer_changes.people_added, changes.people_added
    add_referral(referrer_id, person_id)
    text, count, _ = export_text("vcard")
    assert count == 2
    records = {r.first_name: r for r in parse_vcards(text).records}
    zoe = records["Zoë"]
    shown = PersonForm.from_person(Person.get_by_id(person_id))
    for name in (f.name for f in dataclasses.fields(PersonDetails)):
        assert getattr(zoe, name) == getattr(shown, name), name
    assert (zoe.referred_by, zoe.referred_by_uid) == ("Ravi Iyer", records["Ravi"].uid)
    assert "X-ABRELATEDNAMES;X-NETDESK=REFERRED-BY:Ravi Iyer" in text
