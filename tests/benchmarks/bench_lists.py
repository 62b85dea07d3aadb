"""The Interviews and Follow-ups lists at 10,000 interviews and 10,000 open follow-ups (50,000
people): the query behind each list (against reading the same rows as peewee objects), a
filter keystroke, a sort, and opening the list window."""

from __future__ import annotations

import datetime
import random

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report, timed


def orm_interviews() -> list[str]:
    """The naive way: every interview as a peewee object, described one by one."""
    from netdesk.core.interviews import describe
    from netdesk.db.models import Interview, Person

    return [describe(i) for i in Interview.select(Interview, Person).join(Person)]


def orm_follow_ups() -> list:
    from netdesk.core.followups import _open_query, _row_to_item

    return [_row_to_item(r) for r in _open_query()]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from netdesk.core.follow_up_list import follow_up_rows
    from netdesk.core.interview_list import interview_rows
    from netdesk.db.database import open_database
    from netdesk.db.models import FollowUp, Interview, database_proxy
    from netdesk.db.zones import as_instant, system_zone

    app = QApplication.instance() or QApplication([])
    open_database(build_big_database())
    rng = random.Random(5)
    now = datetime.datetime.now()
    zone = system_zone()
    with database_proxy.atomic():
        walls = [now + datetime.timedelta(days=rng.randint(-400, 90)) for _ in range(10_000)]
        rows = [{"person": rng.randint(1, 50_000), "career_field": rng.randint(1, 40),
                 "status": rng.choice(["planning", "scheduled", "done", "cancelled"]),
                 "duration_minutes": 30, "scheduled_at": wall,
                 "starts_at": as_instant(wall, zone), "time_zone": zone.key} for wall in walls]
        for start in range(0, len(rows), 2000):
            Interview.insert_many(rows[start:start + 2000]).execute()
        today = datetime.date.today()
        rows = [{"person": rng.randint(1, 50_000), "kind": "keep_in_touch",
                 "due_on": today + datetime.timedelta(days=rng.randint(-60, 200))}
                for _ in range(10_000)]
        for start in range(0, len(rows), 2000):
            FollowUp.insert_many(rows[start:start + 2000]).execute()

    report("all 10,000 interviews as list rows",
           timed(interview_rows, repeat=7), "ms", baseline=timed(orm_interviews, repeat=3),
           goal="< 100 ms")
    report("interviews filtered by 'organization 00' (a keystroke)",
           timed(lambda: interview_rows("organization 00"), repeat=7), "ms")
    report("interviews sorted by person, descending",
           timed(lambda: interview_rows(sort="person", descending=True), repeat=7), "ms")
    report("interviews awaiting a debrief only",
           timed(lambda: interview_rows(standing="awaiting"), repeat=7), "ms")
    report("all 10,000 open follow-ups as list rows",
           timed(lambda: follow_up_rows(today), repeat=7), "ms",
           baseline=timed(orm_follow_ups, repeat=3), goal="< 100 ms")

    from netdesk.ui.dashboard.follow_up_list import FollowUpList
    from netdesk.ui.interviews.interview_list import InterviewList

    def open_window(kind):
        window = kind()
        window.show()
        app.processEvents()
        window.hide()
        window.deleteLater()
        app.processEvents()

    report("open the Interviews list window", timed(lambda: open_window(InterviewList),
                                                    repeat=5), "ms", goal="< 300 ms")
    report("open the Follow-ups list window", timed(lambda: open_window(FollowUpList),
                                                    repeat=5), "ms", goal="< 300 ms")
