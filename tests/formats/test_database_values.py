"""Whole-database JSON with wrong values: refused with the place named, or opens and exports.

"A file that imports always opens and exports": each example takes the
sample network's export, puts one wrongly typed or ranged value into one
column of one row, and imports it. Either the import is refused, naming the
table and the column, and the database is untouched; or everything that
reads the database (the models as the views read them, the dashboard, the
question sheet, the referral graph, and every exporter, read back) works.
"""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField

from netdesk.core import limits
from netdesk.db.models import ALL_MODELS
from netdesk.formats.database_json import export_database, load_dump, read_dump
from netdesk.formats.records import FormatError
from tests.conftest import examples
from tests.formats.conftest import table_dump

VALUES = settings(max_examples=examples(200), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])
_sample: dict[str, dict] = {}


def sample_dump(db) -> dict:
    """The sample network's export (made once, in a transaction rolled back)."""
    if "dump" not in _sample:
        from netdesk.core.demo import populate_sample
        from netdesk.formats.database_json import dump_database

        with db.atomic() as transaction:
            populate_sample()
            _sample["dump"] = json.loads(json.dumps(dump_database()))
            transaction.rollback()
    return json.loads(json.dumps(_sample["dump"]))


WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, -7, 12345, 2**31, 2**63, -(2**63), 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([
        "garbage", "abc", "", " ", "12345", "0", "-1", "1e400", "null", "true",
        "9999-12-31", "9999-12-31 23:59:59", "0001-01-01", "1899-12-31", "2201-01-01",
        "1900-01-01", "2200-12-31 23:59:59", "2024-02-30", "2024-13-01 10:00:00",
        "2024-03-05T10:00:00", "2024-03-05 10:00:00+01:00", "2024-03-05 25:00:00",
        "2024-03-05", "2024-03-05 10:00:00.123456", "05/03/2024", "\ud800", "a\x00b",
        "video", "phone", "done", "open", "friend", "to_contact", "advice", "outreach",
    ]),
    st.sampled_from([2_001, limits.LIST_CHARS + 1, limits.TEXT_CHARS + 1]).map(
        lambda n: "x" * n),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=2),
    st.just({"base64": "AAE="}),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
)


@st.composite
def corruption(draw, tables):
    names = sorted(t for t, c in tables.items() if c["rows"])
    table = draw(st.sampled_from(names))
    columns = tables[table]["columns"]
    column = draw(st.integers(0, len(columns) - 1))
    row = draw(st.integers(0, len(tables[table]["rows"]) - 1))
    return table, row, column, draw(WRONG)


def _check_models() -> None:
    """Every row as the views read it: dates are dates, numbers numbers, in range."""
    for model in ALL_MODELS:
        for row in model.select():
            for field in model._meta.sorted_fields:
                value = getattr(row, field.object_id_name if hasattr(field, "object_id_name")
                                else field.name)
                if value is None:
                    assert field.null or field.primary_key, (model, field.name)
                    continue
                where = f"{model._meta.table_name}.{field.name} = {value!r}"
                if isinstance(field, DateTimeField):
                    assert isinstance(value, datetime.datetime), where
                    assert limits.in_date_range(value), where
                elif isinstance(field, DateField):
                    assert isinstance(value, datetime.date), where
                    assert limits.in_date_range(value), where
                elif isinstance(field, BooleanField):
                    assert isinstance(value, bool), where
                elif isinstance(field, IntegerField):
                    assert isinstance(value, int), where
                elif isinstance(field, CharField | TextField):
                    assert isinstance(value, str), where


def everything_opens_and_exports(tmp_path) -> None:
    """Read the bound database the ways netdesk does, and export and read back each format."""
    from icalendar import Calendar

    from netdesk.core import dashboard, graph, sheet, timeline
    from netdesk.core import followups as follow_ups
    from netdesk.core.interviews import describe, ends_at, interviews_awaiting_debrief
    from netdesk.db.models import Interview, Person
    from netdesk.formats.ics import build_calendar
    from netdesk.formats.people_rows import organization_rows, people_rows
    from netdesk.formats.table import (
        ORGANIZATION_HEADER,
        PEOPLE_HEADER,
        format_csv,
        guess_mapping,
        parse_table,
        table_records,
    )
    from netdesk.formats.vcard import format_vcards, parse_vcards

    _check_models()
    today = datetime.date.today()
    dashboard.snapshot(today)
    follow_ups.due_by(today)
    follow_ups.upcoming(today, 30)
    interviews_awaiting_debrief()
    graph.build_forest(graph.load_graph())
    for person in Person.select():
        timeline.entries(person.id)
        follow_ups.for_person(person.id, include_closed=True)
    for interview in Interview.select():
        describe(interview)
        ends_at(interview)
        sheet.interview_sheet(interview.id)
    if sheet_has_questions():
        sheet.blank_sheet()
    export_database(tmp_path / "again.json")
    read_dump(tmp_path / "again.json")
    people = people_rows()
    result = parse_vcards(format_vcards(people))
    assert len(result.records) == len(people)
    keys = ("first_name", "last_name", "email", "phone", "linkedin_url", "organization",
            "job_title", "relationship", "source", "stage", "tags", "notes",
            "research_notes", "career_fields")
    table = parse_table(format_csv(PEOPLE_HEADER, [[r[k] for k in keys] for r in people]))
    assert len(table_records(table, guess_mapping(table.header)).records) == len(people)
    organizations = organization_rows()
    parse_table(format_csv(ORGANIZATION_HEADER, [list(r.values())[1:] for r in organizations]))
    Calendar.from_ical(build_calendar().to_ical())


def sheet_has_questions() -> bool:
    from netdesk.db.models import Question

    return Question.select().where(~Question.hidden).exists()


def _named(error: FormatError, table: str, column: str) -> bool:
    """The refusal names the corrupted table and column, or (a changed id) the row whose
    link it broke."""
    text = str(error)
    if f"table '{table}'" in text and f"column '{column}'" in text:
        return True
    if f"table '{table}'" in text and "must be unique" in text and column in text:
        return True  # columns unique together: the refusal names them all
    return column == "id" and f"points to {table} id" in text


@VALUES
@given(st.data())
def test_one_wrong_value_is_refused_by_name_or_opens_and_exports(db, tmp_path, data):
    dump = sample_dump(db)
    table, row, column, value = data.draw(corruption(dump["tables"]))
    name = dump["tables"][table]["columns"][column]
    dump["tables"][table]["rows"][row][column] = value
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    before = table_dump(db)
    with db.atomic() as transaction:
        try:
            load_dump(read_dump(path))
        except FormatError as error:
            assert _named(error, table, name), f"{table}.{name} = {value!r}: {error}"
            assert table_dump(db) == before
        else:
            everything_opens_and_exports(tmp_path)
        transaction.rollback()
    assert table_dump(db) == before


def _column_of(dump, table, column):
    return dump["tables"][table]["columns"].index(column)


@pytest.mark.parametrize("table, column, value, words", [
    ("follow_up", "due_on", 12345, "not a date"),
    ("interview", "scheduled_at", "garbage", "not a date and time"),
    ("interview", "duration_minutes", "abc", "not a whole number"),
    ("interview", "duration_minutes", 0, "not between 1 and 240"),
    ("person", "id", -3, "not between 1"),
    ("interview", "person_id", -1, "not between 1"),
    ("interview", "scheduled_at", "9999-12-31 23:59:59", "outside 1900–2200"),
    ("interaction", "occurred_on", "1899-12-31", "outside 1900–2200"),
    ("person", "stage", "maybe", "not one of: to_contact"),
    ("organization", "sector", "military", "not one of"),
    ("interview", "mode", "telepathy", "not one of"),
    ("question", "category", "misc", "not one of"),
    ("person", "tags", "t" * (limits.LIST_CHARS + 1), "characters long"),
    ("person", "first_name", "A" * (limits.LINE_CHARS + 1), "characters long"),
    ("person", "notes", 42, "not text"),
    ("interview", "keep_exploring", 7, "not true or false"),
    ("interview", "interest_occupation", 6, "not between 1 and 5"),
    ("referral", "referrer_id", 99999, "not in the file"),
])
def test_the_defects_seen_are_refused_naming_table_row_and_column(
        db, tmp_path, table, column, value, words):
    dump = sample_dump(db)
    rows = dump["tables"][table]["rows"]
    at = _column_of(dump, table, column)
    number = next(i for i, row in enumerate(rows) if row[at] is not None) if \
        any(r[at] is not None for r in rows) else 0
    rows[number][at] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    before = table_dump(db)
    with pytest.raises(FormatError) as caught:
        load_dump(read_dump(path))
    message = str(caught.value)
    assert words in message
    assert f"table '{table}', row {number + 1}" in message
    assert f"column '{column}'" in message
    assert caught.value.field == f"{table}.{column}"
    assert table_dump(db) == before


def test_a_row_that_repeats_an_id_or_a_unique_name_is_refused(db, tmp_path):
    dump = sample_dump(db)
    organizations = dump["tables"]["organization"]
    name = _column_of(dump, "organization", "name")
    organizations["rows"][1][name] = organizations["rows"][0][name].upper()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    with pytest.raises(FormatError, match=r"table 'organization', row 2 .*'name'.*unique"):
        load_dump(read_dump(path))


def test_a_valid_export_still_imports_and_opens(db, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(sample_dump(db)), encoding="utf-8")
    with db.atomic() as transaction:
        counts = load_dump(read_dump(path))
        assert counts["person"] == 44
        everything_opens_and_exports(tmp_path)
        transaction.rollback()


def test_every_choice_column_of_the_models_has_its_words():
    from netdesk.formats.dump_checks import CHOICE, rules

    choices = {(t, c.name): c.choices for t, r in rules().items()
               for c in r.columns.values() if c.kind == CHOICE}
    assert ("person", "stage") in choices and "to_contact" in choices["person", "stage"]
    assert "" in choices["organization", "sector"]
    assert choices["person", "tier"] == ("A", "B", "C", "")  # migration 0011
    assert len(choices) == 20  # 0010: found_in, introduction status; 0011: tier, response
    # 0017: person and interview sharing, member kind
