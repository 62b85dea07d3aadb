"""Interview planning at 50,000 people: the person search of the Whom page (FTS against a
LIKE scan), opening the wizard, saving a plan, recording a debrief, finding debriefs due."""

from __future__ import annotations

import datetime
import random

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report, timed


def like_search(text: str, limit: int = 100) -> list:
    """The naive way: LIKE over name, organization, title and email on every keystroke."""
    from peewee import JOIN

    from netdesk.db.models import Organization, Person

    pattern = f"%{text}%"
    query = (Person.select(Person.id).join(Organization, on=Person.organization == Organization.id,
                                          join_type=JOIN.LEFT_OUTER)
             .where(Person.first_name.contains(text) | Person.last_name.contains(text)
                    | Organization.name ** pattern | Person.job_title ** pattern
                    | Person.email ** pattern)
             .order_by(Person.last_name, Person.first_name).limit(limit))
    return list(query.tuples())


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from netdesk.core.debrief import Debrief, SuggestedPerson, record_debrief
    from netdesk.core.interviews import (
        InterviewPlan,
        PlannedQuestion,
        count_awaiting_debrief,
        find_people,
        interviews_awaiting_debrief,
        save_plan,
    )
    from netdesk.core.question_bank import ensure_default_questions
    from netdesk.core.templates import ensure_default_templates
    from netdesk.db.database import open_database
    from netdesk.db.models import Interview, Person, database_proxy
    from netdesk.db.zones import as_instant, system_zone

    app = QApplication.instance() or QApplication([])
    path = build_big_database()
    open_database(path)
    ensure_default_questions()
    ensure_default_templates()

    for text in ("okafor", "okafor123", "analyst organization 0042"):
        fts = timed(lambda t=text: find_people(t), repeat=7)
        like = timed(lambda t=text: like_search(t), repeat=7)
        report(f"person search '{text}' at 50,000 people", fts, "ms", baseline=like,
               goal="< 50 ms per keystroke")
    report("person list with an empty filter", timed(lambda: find_people(""), repeat=7), "ms")

    from netdesk.ui.interviews.interview_wizard import InterviewWizard

    def open_wizard():
        wizard = InterviewWizard(person_id=1234)
        wizard.show()
        app.processEvents()
        wizard._initial = wizard.plan()
        wizard.done(0)
        wizard.deleteLater()

    report("open the Plan-an-interview wizard", timed(open_wizard, repeat=5), "ms",
           goal="< 300 ms")

    questions = [PlannedQuestion(f"Question {i}?", "career_path", 3) for i in range(10)]
    person_ids = iter(range(100, 50_000, 7))

    def plan_once():
        save_plan(None, InterviewPlan(person_id=next(person_ids), career_field="Field 3",
                                      questions=list(questions),
                                      outreach_sent_on=datetime.date.today()))

    report("save a plan with 10 questions, outreach sent", timed(plan_once, repeat=20), "ms")

    rng = random.Random(3)
    now = datetime.datetime.now()
    with database_proxy.atomic():
        people = [p for (p,) in Person.select(Person.id).limit(5000).tuples()]
        zone = system_zone()
        walls = [now + datetime.timedelta(days=rng.randint(-200, 60)) for _ in people]
        Interview.insert_many([
            {"person": p, "status": "scheduled", "duration_minutes": 30,
             "scheduled_at": wall, "starts_at": as_instant(wall, zone), "time_zone": zone.key}
            for p, wall in zip(people, walls, strict=True)]).execute()
    report("list all interviews awaiting a debrief among 5,000",
           timed(interviews_awaiting_debrief, repeat=7), "ms")
    report("start-up check: count and oldest awaiting a debrief among 5,000",
           timed(lambda: (count_awaiting_debrief(), interviews_awaiting_debrief(limit=1)),
                 repeat=7), "ms", goal="< 50 ms at start-up")
    waiting = iter(i.id for i in interviews_awaiting_debrief())

    def debrief_once():
        record_debrief(next(waiting), Debrief(
            interest_occupation=4, thank_you_sent_on=datetime.date.today(),
            keep_in_touch_on=datetime.date.today() + datetime.timedelta(days=90),
            suggested=[SuggestedPerson("New", f"Person {i}", "Organization 00001")
                       for i in range(3)]))

    report("record a debrief with 3 suggested people", timed(debrief_once, repeat=20), "ms")
