"""The whole database as JSON: a lossless round trip, refusals, and an empty target only."""

import json

import pytest

from netdesk.db import open_database
from netdesk.db.models import Person, Question
from netdesk.formats.database_json import (
    export_database,
    foreign_key_problem,
    import_database,
    is_empty,
)
from netdesk.formats.records import FormatError
from tests.formats.conftest import BAD, column_names, table_dump


def test_round_trip_of_the_sample_network_is_lossless(sample_db, tmp_path, fresh_database):
    export_database(tmp_path / "all.json")
    before = table_dump(sample_db)
    columns = {t: column_names(sample_db, t) for t in before}
    sample_db.close()
    target = fresh_database()
    counts = import_database(tmp_path / "all.json")
    after = table_dump(target)
    assert counts["person"] == 44 and counts["interview_question"] == 48
    # every table, every column, every id and link; the search index rebuilt by its triggers
    assert {t: column_names(target, t) for t in after} == columns
    for table in before:
        if table == "schema_migration":
            continue
        assert after[table] == before[table], table
    assert foreign_key_problem(target) is None
    target.close()


def test_json_is_readable_and_names_its_format(sample_db, tmp_path):
    export_database(tmp_path / "all.json")
    text = (tmp_path / "all.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text.count("\n") > 44  # one row per line
    assert "\n    [1, " in text
    assert data["format"] == "netdesk-database" and data["version"] == 1
    assert data["schema"].startswith("0002") or data["schema"] > "0002"
    assert "person_search" not in data["tables"]
    person = data["tables"]["person"]
    assert "first_name" in person["columns"]
    assert any("García" in str(row) for row in person["rows"])  # UTF-8, not escaped


def test_shipped_questions_do_not_count_as_data(tmp_path, sample_db):
    export_database(tmp_path / "all.json")
    sample_db.close()
    target = open_database(tmp_path / "new.sqlite3")
    from netdesk.core.question_bank import default_questions, ensure_default_questions

    ensure_default_questions()
    assert is_empty()
    import_database(tmp_path / "all.json")
    assert Question.select().count() == len(default_questions())
    target.close()


def test_into_a_database_with_people_is_refused(sample_db, tmp_path, dump):
    export_database(tmp_path / "all.json")
    before = dump(sample_db)
    with pytest.raises(FormatError, match="empty"):
        import_database(tmp_path / "all.json")
    assert dump(sample_db) == before


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="other"), "not written by netdesk"),
    (lambda d: d.update(version=99), "version"),
    (lambda d: d.update(schema="9999_future"), "newer netdesk"),
    (lambda d: d["tables"].update(recipes={"columns": ["name"], "rows": []}), "recipes"),
    (lambda d: d["tables"]["person"]["columns"].__setitem__(3, "shoe_size"), "shoe_size"),
    (lambda d: d["tables"]["person"]["rows"][0].pop(), "does not have"),
    (lambda d: d["tables"]["person"]["rows"][0].__setitem__(0, {"x": 1}), "not text"),
    (lambda d: d["tables"]["referral"]["rows"][0].__setitem__(
        d["tables"]["referral"]["columns"].index("referrer_id"), 9999), "not in the file"),
    (lambda d: d["tables"]["person"]["rows"][1].__setitem__(0, 1), "earlier row"),
])
def test_damaged_dumps_are_refused_and_write_nothing(sample_db, tmp_path, change, message):
    export_database(tmp_path / "all.json")
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    sample_db.close()
    target = open_database(tmp_path / "new.sqlite3")
    before = table_dump(target)
    with pytest.raises(FormatError, match=message):
        import_database(tmp_path / "bad.json")
    assert table_dump(target) == before
    assert Person.select().count() == 0
    target.close()


@pytest.mark.parametrize("name, message", [
    ("truncated.json", "cut short"),
    ("not_netdesk.json", "not written by netdesk"),
    ("binary.bin", "binary"),
    ("empty.csv", "empty"),
])
def test_bad_json_files(db, name, message):
    with pytest.raises(FormatError, match=message):
        import_database(BAD / name)


def test_a_file_from_before_times_had_a_zone_gets_them_in_the_system_zone(
        sample_db, tmp_path, monkeypatch):
    import datetime

    from netdesk.db.models import Interview

    export_database(tmp_path / "all.json")
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    interviews = data["tables"]["interview"]
    drop = [interviews["columns"].index(c) for c in ("starts_at", "time_zone")]
    interviews["columns"] = [c for n, c in enumerate(interviews["columns"]) if n not in drop]
    interviews["rows"] = [[v for n, v in enumerate(row) if n not in drop]
                          for row in interviews["rows"]]
    data["schema"] = "0003_contact_indexes"
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    walls = {i.id: i.scheduled_at for i in Interview.select()}
    sample_db.close()

    monkeypatch.setenv("NETDESK_TZ", "America/New_York")
    target = open_database(tmp_path / "new.sqlite3")
    import_database(tmp_path / "old.json")
    scheduled = [i for i in Interview.select() if i.scheduled_at is not None]
    assert scheduled and all(i.time_zone == "America/New_York" for i in scheduled)
    for interview in scheduled:
        assert interview.scheduled_at == walls[interview.id]
        assert interview.start.replace(tzinfo=None) == walls[interview.id]
        assert interview.starts_at.tzinfo == datetime.UTC
    target.close()
