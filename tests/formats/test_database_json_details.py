"""The JSON export carries every address-book field (entries, addresses, the photo as
base64) and reads back identical; a photo that is not one is refused by table and row."""

from __future__ import annotations

import base64
import dataclasses
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from netdesk.core.people import PersonForm, save_person
from netdesk.core.person_details import Address, Entry
from netdesk.db import open_database
from netdesk.db.models import Person
from netdesk.formats.database_json import export_database, import_database
from netdesk.formats.records import FormatError
from tests.formats.conftest import table_dump
from tests.formats.test_vcard_round_trip import people

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3


def _full_person() -> PersonForm:
    return PersonForm(
        first_name="Zoë", last_name="O'Brien", name_prefix="Dr.", middle_name="Ann",
        name_suffix="PhD", nickname="Zo", department="Labs", birthday="--03-15",
        email="zoe@example.org", email_label="work", phone="+44 20 7946 0000",
        phone_label="mobile", entries=[Entry("email", "z@home.example", "home"),
                                       Entry("event", "2001-06-09", "anniversary"),
                                       Entry("custom", "Blue", "Favourite colour")],
        addresses=[Address("home", "1 High St\nFlat 2", "Leeds", "", "LS1 1AA", "UK")],
        photo=PHOTO)


def test_new_tables_go_out_and_come_back_identical(db, tmp_path, fresh_database):
    save_person(None, _full_person())
    export_database(tmp_path / "all.json")
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    photo = data["tables"]["person_photo"]
    assert photo["columns"] == ["person_id", "image"]
    assert photo["rows"] == [[1, {"base64": base64.b64encode(PHOTO).decode()}]]
    assert len(data["tables"]["person_entry"]["rows"]) == 3
    before = table_dump(db)
    db.close()
    target = fresh_database()
    counts = import_database(tmp_path / "all.json")
    assert (counts["person_photo"], counts["postal_address"]) == (1, 1)
    after = table_dump(target)
    for table in set(before) - {"schema_migration"}:
        assert after[table] == before[table], table
    target.close()


def _change_photo(path: Path, value) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"]["person_photo"]["rows"][0][1] = value
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("value, message", [
    ({"base64": "not base64!"}, "is not bytes written as"),
    ({"base64": base64.b64encode(b"GIF89a....").decode()}, "is not a PNG or JPEG image"),
    ({"base64": base64.b64encode(b"\xff\xd8\xff" + bytes(300_000)).decode()},
     "holds 300,003 bytes; netdesk keeps at most 256,000"),
    ("iVBORw0KGgo=", "is not bytes written as"),
    (None, "is empty (null)"),
])
def test_a_bad_photo_is_refused_naming_table_and_row(db, tmp_path, value, message):
    save_person(None, _full_person())
    export_database(tmp_path / "all.json")
    db.close()
    _change_photo(tmp_path / "all.json", value)
    target = open_database(tmp_path / "new.sqlite3")
    with pytest.raises(FormatError) as caught:
        import_database(tmp_path / "all.json")
    assert str(caught.value).startswith("table 'person_photo', row 1, column 'image': ")
    assert message in str(caught.value)
    assert Person.select().count() == 0  # nothing was written
    target.close()


def test_bytes_in_a_text_column_are_refused(db, tmp_path):
    save_person(None, _full_person())
    export_database(tmp_path / "all.json")
    db.close()
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    person = data["tables"]["person"]
    person["rows"][0][person["columns"].index("nickname")] = {"base64": "AAAA"}
    (tmp_path / "all.json").write_text(json.dumps(data), encoding="utf-8")
    target = open_database(tmp_path / "new.sqlite3")
    with pytest.raises(FormatError, match="table 'person', row 1 .*column 'nickname'"):
        import_database(tmp_path / "all.json")
    target.close()


def test_two_photos_for_one_person_are_refused(db, tmp_path):
    save_person(None, _full_person())
    export_database(tmp_path / "all.json")
    db.close()
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    rows = data["tables"]["person_photo"]["rows"]
    rows.append(list(rows[0]))
    (tmp_path / "all.json").write_text(json.dumps(data), encoding="utf-8")
    target = open_database(tmp_path / "new.sqlite3")
    with pytest.raises(FormatError, match="table 'person_photo', row 2.*person_id"):
        import_database(tmp_path / "all.json")
    target.close()


_FORM_FIELDS = [f.name for f in dataclasses.fields(PersonForm)
                if f.name not in ("referred_by", "sharing", "version")]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(people)
def test_every_field_of_a_generated_person_survives_json(person):
    form = PersonForm(**{name: getattr(person, name) for name in _FORM_FIELDS})
    with tempfile.TemporaryDirectory() as folder:
        source = open_database(Path(folder) / "source.sqlite3")
        (person_id,) = save_person(None, form).people_added
        saved = PersonForm.from_person(Person.get_by_id(person_id))
        export_database(Path(folder) / "all.json")
        source.close()
        target = open_database(Path(folder) / "target.sqlite3")
        import_database(Path(folder) / "all.json")
        back = PersonForm.from_person(Person.get_by_id(person_id))
        target.close()
    assert back == saved
    assert (back.entries, back.addresses, back.photo) == (
        person.entries, person.addresses, person.photo)
