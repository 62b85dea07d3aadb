"""Export Everything About… one person: their vCard and a JSON of every row that names them,
as a folder or a zip; the card reads back as the same person, record source and consent
included, and no row of anyone else's comes with it."""

from __future__ import annotations

import base64
import json
import zipfile

import pytest

from netdesk.db.models import Person
from netdesk.formats.subject_access import default_name, export_about, person_data
from netdesk.formats.vcard import read_vcards
from tests.core.privacy_people import EMAIL, MORE_EMAIL, PNG, populate


def test_every_row_that_names_them_is_in_the_json(db):
    ids = populate()
    data = person_data(ids["Zenobia"])
    tables = data["tables"]

    def rows(table):
        columns = tables[table]["columns"]
        return [dict(zip(columns, row, strict=True)) for row in tables[table]["rows"]]

    person = rows("person")[0]
    assert (person["email"], person["record_source"], person["consent"],
            person["consent_date"]) == (EMAIL, "Student intake form", "Notes kept for a year",
                                        "2026-09-01")
    assert [e["value"] for e in rows("person_entry")] == [MORE_EMAIL, "Blue"]
    assert rows("postal_address")[0]["street"] == "7 Quay Street"
    assert base64.b64decode(rows("person_photo")[0]["image"]["base64"]) == PNG
    assert [c["name"] for c in rows("career_field")] == ["Data science"]
    assert rows("interview")[0]["notes"] == "Zenobia: talk about data teams"
    assert rows("interview_question")[0]["notes"] == "Zenobia started in physics"
    assert rows("interaction")[0]["summary"] == "Coffee with Zenobia"
    assert rows("follow_up")[0]["note"] == "Thank Zenobia"
    assert {(r["referrer_id"], r["referred_id"]) for r in rows("referral")} == {
        (ids["Bea"], ids["Zenobia"]), (ids["Zenobia"], ids["Cai"]),
        (ids["Zenobia"], ids["Dee"])}
    assert len(rows("introduction")) == 2
    assert rows("lamp_entry")[0]["motivation"] == 3
    assert rows("organization") == [{"id": ids["Acme"], "name": "Acme Analytics",
                                     "sector": "private", "website": ""}]
    assert {p["name"] for p in data["other_people"]} == {
        "Bea Hollis", "Cai Moreno", "Dee Santos", "Eve Tanaka"}
    text = json.dumps(data)
    assert "Knows lots of people" not in text  # Bea's own notes are not theirs to see


@pytest.mark.parametrize("as_zip", [False, True])
def test_the_export_is_a_folder_or_a_zip_with_card_json_and_readme(db, tmp_path, as_zip):
    ids = populate()
    target = tmp_path / default_name(ids["Zenobia"], as_zip)
    written = export_about(ids["Zenobia"], target)
    assert written.counts["interview"] == 1 and written.counts["referral"] == 3
    if as_zip:
        with zipfile.ZipFile(target) as archive:
            names = sorted(archive.namelist())
            folder = tmp_path / "unzipped"
            archive.extractall(folder)
        root = folder / target.stem
        assert names == sorted(f"{target.stem}/{n}" for n in (
            "Zenobia Quartermaine.vcf", "Zenobia Quartermaine.json", "README.txt"))
    else:
        root = target
    card = read_vcards(root / "Zenobia Quartermaine.vcf")
    record = card.records[0]
    assert (record.email, record.record_source, record.consent, record.consent_date) == (
        EMAIL, "Student intake form", "Notes kept for a year", "2026-09-01")
    assert record.photo == PNG and record.referred_by == "Bea Hollis"
    data = json.loads((root / "Zenobia Quartermaine.json").read_text(encoding="utf-8"))
    assert data["person_id"] == ids["Zenobia"]
    assert "every row" in (root / "README.txt").read_text(encoding="utf-8")
    assert Person.select().count() == 5  # nothing written to the database


def test_a_name_with_characters_files_refuse_still_makes_a_file_name(db):
    person = Person.create(first_name='Ana/Mar:ia', last_name='"Q"')
    assert default_name(person.id, True).startswith("Ana Mar ia Q - netdesk data ")
