"""Record source and consent: checked, saved field by field, filled on import as "Imported
from FILE on DATE" unless the file says, and carried through CSV, JSON and vCard."""

from __future__ import annotations

import datetime

import pytest

from netdesk.core.people import PersonForm, consent_date_problem, save_person, validate
from netdesk.db.models import Person
from netdesk.formats.exporting import export_file, export_text
from netdesk.formats.importing import import_people
from netdesk.formats.people_rows import people_rows

FIELDS = ("record_source", "consent", "consent_date")


def _person(**values) -> int:
    form = PersonForm(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                      **values)
    return save_person(None, form).id


def test_the_consent_date_is_a_day_of_the_past_or_blank():
    assert consent_date_problem("") is None
    assert consent_date_problem("2026-09-01") is None
    assert "not a date" in consent_date_problem("1 Sept")
    assert "future" in consent_date_problem(
        (datetime.date.today() + datetime.timedelta(days=1)).isoformat())
    form = PersonForm(first_name="Ada", consent_date="soon")
    assert "consent_date" in validate(form)


def test_a_wrong_consent_date_does_not_stop_the_other_fields_saving(db):
    person_id = _person()
    form = PersonForm.from_person(Person.get_by_id(person_id))
    form.record_source, form.consent_date = "Student intake form", "tomorrow"
    save_person(person_id, form, only={"record_source"})
    assert Person.get_by_id(person_id).record_source == "Student intake form"
    with pytest.raises(ValueError, match="not a date"):
        save_person(person_id, form, only={"consent_date"})
    assert Person.get_by_id(person_id).consent_date == ""


@pytest.mark.parametrize("kind, name", [("csv", "people.csv"), ("vcard", "people.vcf")])
def test_an_import_says_where_new_people_came_from_unless_the_file_does(db, tmp_path, kind,
                                                                        name):
    _person(record_source="Student intake form", consent="Email me", consent_date="2026-09-01")
    Person.create(first_name="Bea", last_name="Quill")
    export_file(kind, tmp_path / name)
    Person.delete().execute()
    import_people(kind, tmp_path / name)
    by_name = {p.first_name: p for p in Person.select()}
    ada, bea = by_name["Ada"], by_name["Bea"]
    assert (ada.record_source, ada.consent, ada.consent_date) == (
        "Student intake form", "Email me", "2026-09-01")
    assert bea.record_source == f"Imported from {name} on {datetime.date.today().isoformat()}"
    assert (bea.consent, bea.consent_date) == ("", "")


def test_the_exports_carry_record_source_and_consent(db):
    _person(record_source="Student intake form", consent="Notes kept;\nno calls",
            consent_date="2026-09-01")
    vcard = export_text("vcard")[0]
    assert "X-NETDESK-RECORD-SOURCE:Student intake form" in vcard
    assert "X-NETDESK-CONSENT:Notes kept\\;\\nno calls" in vcard
    assert "X-NETDESK-CONSENT-DATE:2026-09-01" in vcard
    csv_text = export_text("csv")[0]
    assert "Record source,Consent,Consent given on" in csv_text.splitlines()[0]
    assert "Student intake form" in csv_text
    json_text = export_text("json")[0]
    assert '"record_source"' in json_text and "Student intake form" in json_text
    assert {k: people_rows()[0][k] for k in FIELDS} == {
        "record_source": "Student intake form", "consent": "Notes kept;\nno calls",
        "consent_date": "2026-09-01"}


def test_a_merge_fills_a_missing_record_source(db, tmp_path):
    person_id = _person()
    (tmp_path / "intake.csv").write_text(
        "First name,Last name,Email,Record source,Consent\r\n"
        "Ada,Lovelace,ada@example.org,Career fair sign-up,Newsletter\r\n", encoding="utf-8")
    _plan, summary = import_people("csv", tmp_path / "intake.csv")
    assert summary.merged == 1
    ada = Person.get_by_id(person_id)
    assert (ada.record_source, ada.consent) == ("Career fair sign-up", "Newsletter")


def test_the_whole_database_json_brings_them_back(db, tmp_path):
    from netdesk.db import open_database
    from netdesk.formats.database_json import import_database

    _person(record_source="Student intake form", consent="Notes kept", consent_date="2026-09-01")
    export_file("json", tmp_path / "all.json")
    db.close()
    other = open_database(tmp_path / "other.sqlite3")
    try:
        import_database(tmp_path / "all.json")
        ada = Person.get()
        assert (ada.record_source, ada.consent, ada.consent_date) == (
            "Student intake form", "Notes kept", "2026-09-01")
    finally:
        other.close()


def test_a_different_consent_is_kept_beside_the_persons_own_when_merging(db):
    from netdesk.core.duplicates import merge_people
    from netdesk.core.people import entries_of

    keep = _person(consent="Email only", consent_date="2026-09-01")
    other = save_person(None, PersonForm(first_name="Ada", last_name="Lovelace",
                                         consent="Phone and email",
                                         record_source="Career fair sign-up")).id
    merge_people(keep, other)
    ada = Person.get_by_id(keep)
    assert (ada.consent, ada.consent_date, ada.record_source) == (
        "Email only", "2026-09-01", "Career fair sign-up")
    assert [(e.label, e.value) for e in entries_of(keep) if e.kind == "custom"] == [
        ("Consent (merged)", "Phone and email")]
