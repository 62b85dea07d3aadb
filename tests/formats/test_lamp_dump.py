"""The LAMP list and introduction requests go through the whole-database JSON losslessly."""

import datetime

from netdesk.core.introductions import introductions, mark_introduced, record_asked
from netdesk.core.lamp import add_organization, lamp_rows, set_scores
from netdesk.db import open_database
from netdesk.db.models import Person
from netdesk.formats.database_json import export_database, import_database
from tests.formats.conftest import table_dump


def test_lamp_entries_and_introductions_round_trip(sample_db, tmp_path):
    day = datetime.date.today()
    add_organization("Harbor Health", "dream")
    set_scores(add_organization("Civic Data Lab", "trending").id, motivation=3, posting=2,
               advocacy=False)
    first, second, third = (p.id for p in Person.select().order_by(Person.id).limit(3))
    record_asked(first, second, "a message", day, today=day)
    record_asked(second, third, "", day, today=day)
    mark_introduced(introductions()[0].id, day, today=day)
    export_database(tmp_path / "all.json")
    before = table_dump(sample_db)
    rows, requests = lamp_rows(), introductions()
    sample_db.close()
    target = open_database(tmp_path / "new.sqlite3")
    import_database(tmp_path / "all.json")
    after = table_dump(target)
    for table in ("lamp_entry", "introduction", "referral", "interaction"):
        assert after[table] == before[table], table
    assert lamp_rows() == rows and introductions() == requests
    target.close()
