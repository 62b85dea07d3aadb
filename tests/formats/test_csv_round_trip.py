"""netdesk → CSV → netdesk: generated people with every field filled come back identical."""

from __future__ import annotations

import datetime
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.core.person_details import Address, Entry
from netdesk.db.models import ENTRY_KINDS, RELATIONSHIPS, STAGES
from netdesk.formats.table import guess_mapping, parse_table, people_csv, recognised, table_records

# Latin, Greek, Cyrillic, CJK, Arabic, emoji; quotes, commas, semicolons, formula openings
ALPHABET = st.sampled_from(list("aZ09 ,;\"'=+-@ éßøŁΩЖж漢字かなعرب😀🦉—…"))
WORDS = st.text(ALPHABET, min_size=1, max_size=12).map(
    lambda s: " ".join(s.split())).filter(bool)
TEXT = st.text(st.one_of(ALPHABET, st.just("\n")), min_size=1, max_size=40).map(
    str.strip).filter(bool)
LABELS = st.one_of(st.sampled_from(["work", "home", "mobile", "other"]), WORDS)
EMAILS = st.builds(lambda a, b: f"{a}@{b}.example",
                   st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8),
                   st.text(string.ascii_lowercase, min_size=1, max_size=8))
PHONES = st.builds(lambda n, ext: f"+44 20 7946 {n:04d}" + (f" ext. {ext}" if ext else ""),
                   st.integers(0, 9999), st.one_of(st.none(), st.integers(1, 999)))
DATES = st.one_of(st.dates().map(lambda d: d.isoformat()).filter(lambda d: d[0] != "0"),
                  st.dates().map(lambda d: d.strftime("--%m-%d")))
BIRTHDAYS = st.one_of(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today())
    .map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("--%m-%d")))
"""A birthday is never in the future (the editor refuses one)."""
VALUES = {"email": EMAILS, "phone": PHONES, "web": WORDS.map(lambda w: "https://x.example/" + w),
          "social": WORDS, "im": WORDS, "event": DATES, "related": WORDS, "custom": TEXT}


@st.composite
def people(draw):
    entries = []
    for kind in ENTRY_KINDS:
        for value in draw(st.lists(VALUES[kind], max_size=2, unique=True)):
            entries.append(Entry(kind, value, draw(LABELS)))
    addresses = draw(st.lists(st.builds(Address, LABELS, TEXT, WORDS, WORDS, WORDS, WORDS),
                              max_size=2))
    email, phone = draw(EMAILS), draw(PHONES)
    entries = [e for e in entries if e.value not in (email, phone)]
    return {
        "first_name": draw(WORDS), "last_name": draw(WORDS), "email": email, "phone": phone,
        "linkedin_url": "https://www.linkedin.com/in/" + draw(st.text(
            string.ascii_lowercase, min_size=1, max_size=10)),
        "organization": draw(WORDS), "job_title": draw(WORDS),
        "relationship": draw(st.sampled_from(RELATIONSHIPS)),
        "source": draw(WORDS), "stage": draw(st.sampled_from(STAGES)),
        "tags": draw(WORDS.filter(lambda w: "," not in w and w == w.strip())),
        "notes": draw(TEXT), "research_notes": draw(TEXT),
        "career_fields": draw(WORDS.filter(lambda w: not set(w) & set(",;"))),
        "name_prefix": draw(WORDS), "middle_name": draw(WORDS), "name_suffix": draw(WORDS),
        "nickname": draw(WORDS), "department": draw(WORDS), "birthday": draw(BIRTHDAYS),
        "email_label": draw(LABELS), "phone_label": draw(LABELS),
        "entries": entries, "addresses": addresses,
    }


SCALARS = ("first_name", "last_name", "email", "phone", "linkedin_url", "organization",
           "job_title", "relationship", "source", "stage", "tags", "notes", "research_notes",
           "name_prefix", "middle_name", "name_suffix", "nickname", "department", "birthday",
           "email_label", "phone_label")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people(), min_size=1, max_size=4))
def test_every_field_comes_back(generated):
    text = people_csv(generated)
    table = parse_table(text)
    assert recognised(table.header) == "netdesk"
    result = table_records(table, guess_mapping(table.header))
    assert not result.problems, result.problems
    assert len(result.records) == len(generated)
    for person, record in zip(generated, result.records, strict=True):
        assert {k: getattr(record, k) for k in SCALARS} == {k: person[k] for k in SCALARS}
        assert record.career_fields == [person["career_fields"]]
        by_kind = sorted(person["entries"], key=lambda e: ENTRY_KINDS.index(e.kind))
        assert record.entries == by_kind  # in order within each kind
        assert record.addresses == person["addresses"]


def test_the_export_holds_every_field_of_the_database(db):
    from netdesk.core.people import PersonForm, save_person
    from netdesk.formats.exporting import export_text

    form = PersonForm(
        first_name="Åsa", last_name="Öberg", name_prefix="Dr.", middle_name="Maja",
        name_suffix="PhD", nickname="Åsi", department="Design", birthday="--02-29",
        organization="Nordljus AB", job_title="Art director", email="asa@hem.example",
        email_label="home", phone="+46 70 123 45 67", phone_label="mobile",
        notes='She said "hej", then left;\nback at 5',
        entries=[Entry("email", "asa@work.example", "work"),
                 Entry("phone", "+46 8 123 456", "work"), Entry("web", "https://asa.example"),
                 Entry("event", "2015-08-08", "anniversary"),
                 Entry("custom", "🦉", "Favourite bird")],
        addresses=[Address("home", "Storgatan 1\nLgh 1102", "Uppsala", "", "753 20",
                           "Sweden")],
        photo=b"")
    save_person(None, form)
    text, count, _ = export_text("csv")
    table = parse_table(text)
    (record,) = table_records(table, guess_mapping(table.header)).records
    for name in ("name_prefix", "middle_name", "name_suffix", "nickname", "department",
                 "birthday", "email", "email_label", "phone", "phone_label", "notes",
                 "entries", "addresses", "organization"):
        assert getattr(record, name) == getattr(form, name), name
    assert "Photo" not in table.header  # said so in the export dialog


def test_an_export_with_quotes_anywhere_reimports_the_same_people(db, tmp_path):
    from netdesk.db.models import Person
    from netdesk.formats.exporting import export_file
    from netdesk.formats.importing import import_people
    from netdesk.formats.people_rows import people_rows

    for number in range(400):
        note = 'plain' if number % 97 else f'She said "no", then "yes", {number}\n"quoted" line'
        Person.create(first_name=f"P{number}", last_name='O"Neil' if number == 350 else "Q",
                      notes=note, tags="a, b", email=f"p{number}@example.org",
                      record_source="Intake form")
    before = [{k: v for k, v in r.items() if k != "id"} for r in people_rows()]
    export_file("csv", tmp_path / "people.csv")
    Person.delete().execute()
    _, summary = import_people("csv", tmp_path / "people.csv")
    assert summary.added == 400
    after = [{k: v for k, v in r.items() if k != "id"} for r in people_rows()]
    assert after == before
