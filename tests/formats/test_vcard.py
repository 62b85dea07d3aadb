"""vCard files as Google, Apple and Outlook write them; vCard 3.0 out, and back in."""

import pytest

from netdesk.core.demo import populate_sample
from netdesk.core.person_details import Entry
from netdesk.db.models import Person
from netdesk.formats.exporting import export_file, export_text
from netdesk.formats.importing import import_people
from netdesk.formats.records import SKIPPED, FormatError
from netdesk.formats.vcard import parse_vcards, read_vcards
from tests.formats.conftest import GOOD


def test_google_contacts():
    result = read_vcards(GOOD / "google.vcf")
    priya, omar, reception = result.records
    assert (priya.first_name, priya.last_name) == ("Priya", "Raman")
    assert (priya.email, priya.email_label) == ("priya.home@example.com", "home")
    assert (priya.phone, priya.phone_label) == ("+1 555 0101", "mobile")
    assert priya.entries == [Entry("email", "priya@brightleaf.example", "work"),
                             Entry("phone", "+1 555 0199", "work")]
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman"
    assert priya.tags == "Family"  # Google's own 'myContacts' group is left out
    assert priya.notes == ("Cousin. Ask about the platform team, and about the mentoring "
                           "scheme.")
    assert omar.notes.endswith("before we talk.")  # a folded line, unfolded
    assert omar.line == 17
    assert reception.organization == "Northwind Analytics"


def test_apple_contacts_with_photos():
    result = read_vcards(GOOD / "apple.vcf")
    helen, tom = result.records
    assert (helen.first_name, helen.last_name) == ("Helen", "Marsh")
    assert helen.organization == "Riverton University"
    assert helen.email == "h.marsh@riverton.example"  # type=pref first
    assert helen.linkedin_url == "https://www.linkedin.com/in/helenmarsh"
    assert (helen.name_prefix, helen.department) == ("Dr.", "School of Public Health")
    assert helen.notes == "Office hours Tuesdays.\nPrefers email."
    assert Entry("web", "https://riverton.example/people/marsh", "home page") in helen.entries
    assert helen.photo.startswith(b"\xff\xd8\xff")  # folded base64, unfolded
    assert tom.notes == "Neighbour, retired teacher."  # its broken photo costs nothing more
    assert tom.photo == b""
    assert [str(p) for p in result.problems] == [
        "line 27: the photo could not be read (it is not base64); left out"]


def test_outlook_vcard_21_quoted_printable():
    (juergen,) = read_vcards(GOOD / "outlook.vcf").records
    assert (juergen.first_name, juergen.last_name) == ("Jürgen", "Müller")
    assert juergen.organization == "Contoso Ltd"
    assert juergen.email == "juergen.mueller@contoso.example"
    assert juergen.notes.startswith(
        "Met at the trade fair in Köln.\nWants an introduction to the planning team.")
    assert juergen.linkedin_url == "http://www.linkedin.com/in/juergen-mueller"


def test_vcard_40():
    (isabel,) = read_vcards(GOOD / "vcard4.vcf").records
    assert (isabel.email, isabel.email_label) == ("isabel.costa@brightleaf.example", "work")
    # 555 numbers are not possible in Portugal: kept as text, and said so on its line
    assert isabel.phone == ""
    assert Entry("custom", "+351-555-0188", "Phone (as written)") in isabel.entries
    assert isabel.photo.startswith(b"\x89PNG")  # a data: URI
    assert isabel.linkedin_url == "https://www.linkedin.com/in/isabel-costa/"
    assert isabel.job_title == "UX researcher"


def test_card_without_a_name_is_skipped_with_its_line():
    text = ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nORG:Acme\nEND:VCARD\n")
    result = parse_vcards(text)
    assert [r.full_name for r in result.records] == ["Ada Lovelace"]
    assert (result.problems[0].line, result.problems[0].severity) == (5, SKIPPED)


@pytest.mark.parametrize("text, message", [
    ("first,last\nAda,Lovelace\n", "does not look like a vCard"),
    ("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "not a vCard"),
    ("BEGIN:VCARD\nFN:Ada\n", "cut short"),
    ("BEGIN:VCARD\nFN:Ada\nBEGIN:VCARD\nFN:Bob\nEND:VCARD\n", "card that begins on line 1"),
])
def test_not_a_vcard(text, message):
    with pytest.raises(FormatError, match=message):
        parse_vcards(text)


def test_export_is_vcard_30_and_reads_back(sample_db, tmp_path):
    count, what = export_file("vcard", tmp_path / "people.vcf")
    text = (tmp_path / "people.vcf").read_text(encoding="utf-8")
    assert (count, what) == (44, "people")
    assert text.count("BEGIN:VCARD") == 44
    assert "VERSION:3.0" in text
    assert all(len(line.encode()) <= 75 for line in text.splitlines())  # folded
    records = read_vcards(tmp_path / "people.vcf").records
    people = {p.email: p for p in Person.select()}
    for record in records:
        person = people[record.email]
        assert (record.first_name, record.last_name, record.job_title, record.linkedin_url) == (
            person.first_name, person.last_name, person.job_title, person.linkedin_url)
        assert record.organization == (person.organization.name if person.organization else "")


def test_export_then_import_into_a_new_database_and_again(tmp_path, db_path):
    from netdesk.db import open_database

    db = open_database(tmp_path / "source.sqlite3")
    populate_sample()
    Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                  notes="Line one\nLine two, with; all")
    text, _, _ = export_text("vcard")
    db.close()
    (tmp_path / "out.vcf").write_text(text, encoding="utf-8")
    db = open_database(db_path)
    _, summary = import_people("vcard", tmp_path / "out.vcf")
    assert summary.added == 45
    assert Person.get(first_name="Ada").notes == "Line one\nLine two, with; all"
    _, again = import_people("vcard", tmp_path / "out.vcf")
    assert (again.added, again.merged, again.unchanged) == (0, 45, 45)
    db.close()


def test_an_import_through_the_command_line_stores_every_field(tmp_path):
    """netdesk → vCard → another netdesk, end to end: what the editor shows comes back."""
    import dataclasses

    from netdesk.app import main
    from netdesk.core.people import PersonForm, save_person
    from netdesk.core.person_details import Address, PersonDetails
    from netdesk.db import open_database

    source = open_database(tmp_path / "source.sqlite3")
    (person_id,) = save_person(None, PersonForm(
        first_name="Zoë", last_name="O'Brien, Jr.", name_prefix="Dr.", middle_name="Ann",
        name_suffix="PhD", nickname="Zo", job_title="Planner", organization="Acme, Inc.",
        department="Labs", email="zoe@example.org", email_label="work",
        phone="+44 20 7946 0000", phone_label="mobile", birthday="1984-03-15",
        relationship="friend", source="Meetup", stage="contacted",
        career_fields=["Urban planning"], tags="mentor, 東京", notes="Line one\nLine two; ok",
        research_notes="Read her paper.", record_source="Student intake form",
        consent="Contact by email;\nkeep notes", consent_date="2026-09-01",
        entries=[Entry("email", "z@home.example", "home"), Entry("web", "https://zoe.example",
                                                                "blog"),
                 Entry("event", "2001-06-09", "anniversary"), Entry("related", "Sam", "spouse"),
                 Entry("custom", "Blue", "Favourite colour")],
        addresses=[Address("home", "1 High St\nFlat 2", "Leeds", "", "LS1 1AA", "UK")],
        photo=b"\xff\xd8\xff\xe0" + bytes(500))).people_added
    shown = PersonForm.from_person(Person.get_by_id(person_id))
    source.close()
    assert main(["export", "vcard", "-o", str(tmp_path / "out.vcf"),
                 "--db", str(tmp_path / "source.sqlite3")]) == 0
    assert main(["import", "vcard", str(tmp_path / "out.vcf"),
                 "--db", str(tmp_path / "target.sqlite3")]) == 0
    target = open_database(tmp_path / "target.sqlite3")
    back = PersonForm.from_person(Person.get())
    target.close()
    for name in (f.name for f in dataclasses.fields(PersonDetails)):
        assert getattr(back, name) == getattr(shown, name), name
