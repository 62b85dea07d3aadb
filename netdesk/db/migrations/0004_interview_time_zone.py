"""Interview times get their time zone: ``starts_at`` (the moment, in UTC) and ``time_zone``.

``interview.scheduled_at`` held a wall-clock time with no zone. It stays as the
wall time the user chose; beside it go the same moment in UTC (indexed: what
queries order and compare by) and the IANA name of the zone it is in. Existing
times are read in the system zone at migration time: a repeated time (the night
clocks go back) is taken as its first occurrence, and a time that never happened
(the night clocks go forward) is moved on by the gap, as the clocks were.

Columns are added in place: rebuilding ``interview`` would delete its questions
(ON DELETE CASCADE) with foreign keys on.
"""

import datetime

from peewee import SQL, DateTimeField

from netdesk.db import ddl
from netdesk.db.zones import UTC, resolve, system_zone


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("interview", "starts_at", DateTimeField(null=True, index=True)),
        migrator.add_column("interview", "time_zone",
                            ddl.text_column(db, default="", constraints=[SQL("DEFAULT ''")]),
                            allow_not_null=True),
    )
    zone = system_zone()
    rows = db.execute_sql(
        "SELECT id, scheduled_at FROM interview WHERE scheduled_at IS NOT NULL").fetchall()
    for interview_id, value in rows:
        wall = _wall_time(value)
        if wall is None:
            continue
        moment = resolve(wall, zone)
        db.execute_sql(
            "UPDATE interview SET scheduled_at = ?, starts_at = ?, time_zone = ? WHERE id = ?",
            (_text(moment.replace(tzinfo=None, fold=0)) if moment.replace(tzinfo=None) != wall
             else value, _text(moment.astimezone(UTC)), zone.key, interview_id))


def _wall_time(value) -> datetime.datetime | None:
    """A stored naive time ('2026-12-02 15:00:00', with or without seconds or fraction)."""
    text = str(value).strip().replace("T", " ")
    for layout in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, layout)
        except ValueError:
            continue
    return None


def _text(value: datetime.datetime) -> str:
    return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S")
