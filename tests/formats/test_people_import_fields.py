"""Imports store every field of a person: on insert, on merge, and undo takes them back."""

from netdesk.core.people import PersonForm, addresses_of, entries_of, photo_of
from netdesk.core.person_details import Address, Entry
from netdesk.db.dialect import search_filter, search_terms
from netdesk.db.models import Person, PersonEntry, PersonPhoto, PostalAddress
from netdesk.formats.import_undo import redo_import, undo_import
from netdesk.formats.people_import import MERGE, apply_plan, plan_import
from netdesk.formats.records import ParseResult, PersonRecord
from tests.formats.conftest import table_dump

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _full(line: int = 2, **more) -> PersonRecord:
    values = dict(
        first_name="Ada", last_name="Lovelace", name_prefix="Lady", middle_name="Augusta",
        name_suffix="FRS", nickname="Ada", department="Mathematics", birthday="1815-12-10",
        email="ada@example.org", email_label="work", phone="+44 20 7946 0000",
        phone_label="mobile", organization="Analytical Engines", job_title="Analyst",
        entries=[Entry("email", "ada@home.example", "home"), Entry("web", "https://ada.example"),
                 Entry("event", "1835-07-08", "anniversary"), Entry("custom", "Poetry", "Likes")],
        addresses=[Address("home", "12 St James's Square", "London", "", "SW1Y", "UK")],
        photo=PNG, notes="Met at a salon.", tags="math")
    values.update(more)
    return PersonRecord(line=line, **values)


def test_an_added_person_has_every_field(db):
    summary = apply_plan(plan_import(ParseResult(records=[_full()])))
    assert summary.added == 1
    form = PersonForm.from_person(Person.get())
    for name in ("name_prefix", "middle_name", "name_suffix", "nickname", "department",
                 "birthday", "email_label", "phone_label", "entries", "addresses", "photo"):
        assert getattr(form, name) == getattr(_full(), name), name
    assert form.organization == "Analytical Engines"


def test_a_merge_adds_what_is_new_and_keeps_the_rest(db):
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ADA@example.org",
                        phone="555 0100", notes="Met at a salon.")
    PersonEntry.create(person=ada, kind="web", value="https://ada.example", position=0)
    plan = plan_import(ParseResult(records=[_full(notes="met at a   SALON.")]))
    (row,) = plan.rows
    assert row.action == MERGE
    apply_plan(plan)
    ada = Person.get_by_id(ada.id)
    assert ada.phone == "555 0100" and ada.email == "ADA@example.org"
    assert ada.notes == "Met at a salon."  # the same note, normalised: nothing appended
    assert (ada.middle_name, ada.department, ada.birthday) == (
        "Augusta", "Mathematics", "1815-12-10")
    assert [(e.kind, e.value, e.label) for e in entries_of(ada.id)] == [
        ("web", "https://ada.example", ""), ("phone", "+44 20 7946 0000", "mobile"),
        ("email", "ada@home.example", "home"), ("event", "1835-07-08", "anniversary"),
        ("custom", "Poetry", "Likes")]
    assert addresses_of(ada.id) == _full().addresses
    assert photo_of(ada.id) == PNG
    again = plan_import(ParseResult(records=[_full()]))
    assert again.rows[0].changes == []
    summary = apply_plan(again)
    assert (summary.merged, summary.unchanged) == (1, 1)


def test_undo_takes_back_entries_addresses_and_photo_of_added_and_merged_people(db):
    Person.create(first_name="Grace", last_name="Hopper", email="grace@navy.example")
    before = table_dump(db)
    summary = apply_plan(plan_import(ParseResult(records=[
        _full(), _full(3, first_name="Grace", last_name="Hopper", email="grace@navy.example",
              entries=[Entry("im", "grace", "Skype")],
              addresses=[Address("work", "The Pentagon")])])))
    assert (summary.added, summary.merged) == (1, 1)
    after = table_dump(db)
    assert PersonPhoto.select().count() == 2 and PostalAddress.select().count() == 2
    undo_import(summary.record)
    assert table_dump(db) == before
    redo_import(summary.record)
    assert table_dump(db) == after
    undo_import(summary.record)
    assert table_dump(db) == before


def test_the_search_index_knows_the_imported_and_merged_people(db):
    Person.create(first_name="Grace", last_name="Hopper", email="grace@navy.example")
    apply_plan(plan_import(ParseResult(records=[
        _full(), _full(3, first_name="Grace", last_name="Hopper", email="grace@navy.example",
                       job_title="Rear admiral", entries=[])])))
    def found(*words: str) -> list[int]:
        return [row[0] for row in db.execute_sql(
            f"SELECT id FROM person WHERE {search_filter('id')} ORDER BY id",
            (search_terms(list(words)),))]

    assert found("analytical", "engines") == [1, 2]
    assert found("rear", "admiral") == [1] and found("grace", "hopper") == [1]
    assert found("ada", "analyst") == [2]
    # the triggers are back: a later change is indexed too
    Person.update(job_title="Commodore").where(Person.id == 1).execute()
    assert found("commodore") == [1] and found("admiral") == []
