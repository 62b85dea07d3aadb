"""Privacy at scale: the app lock's idle watch against no watch (every event of the program
passes its filter), and forgetting one person among 50,000 against an ordinary, undoable
delete; opening Forget Person (what goes, mentions elsewhere); exporting everything about one
person. Baselines are measured in the same run."""

from __future__ import annotations

import statistics
import time

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report, timed

EVENTS = 100_000


def _deliver(widget, events) -> None:
    from PySide6.QtWidgets import QApplication

    for event in events:
        QApplication.sendEvent(widget, event)


def _rich_person(number: int) -> int:
    from netdesk.core.people import PersonForm, save_person
    from netdesk.core.person_details import Entry
    from netdesk.db.models import FollowUp, Interaction, Interview, InterviewQuestion, Referral

    form = PersonForm(first_name="Zenobia", last_name=f"Quartermaine{number}",
                      email=f"zq{number}@example.org", phone="+44 20 7946 0999",
                      notes="Likes early calls", organization="Organization 00001",
                      entries=[Entry("email", f"zq{number}@home.example", "home")])
    person_id = save_person(None, form).id
    Referral.create(referrer=1, referred=person_id)
    Referral.create(referrer=person_id, referred=2 + number)
    interview = Interview.create(person=person_id, notes="Data teams")
    InterviewQuestion.create(interview=interview, position=0, text="How did you start?",
                             category="career_path", notes="Physics")
    Interaction.create(person=person_id, kind="meeting", summary="Coffee")
    FollowUp.create(person=person_id, kind="thank_you", due_on="2026-10-04")
    return person_id


def _median_of(runs: int, prepare, act) -> float:
    samples = []
    for number in range(runs):
        subject = prepare(number)
        start = time.perf_counter()
        act(subject)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from netdesk.core.forget import forget_person, mentions_elsewhere, preview
    from netdesk.core.people import delete_person
    from netdesk.db.database import open_database
    from netdesk.formats.subject_access import export_about
    from netdesk.ui.shell.app_lock import AppLock

    app = QApplication.instance() or QApplication([])
    widget = QLineEdit()
    events = [QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                          Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                          Qt.KeyboardModifier.NoModifier) for _ in range(EVENTS)]
    baseline = timed(lambda: _deliver(widget, events), repeat=7)
    lock = AppLock(app)  # off, as by default
    off = timed(lambda: _deliver(widget, events), repeat=7)
    lock.limit_ms = lambda: 60_000  # as with a passphrase set (no settings are written)
    lock.configure()
    watched = timed(lambda: _deliver(widget, events), repeat=7)
    lock.limit_ms = lambda: 0
    lock.configure()
    report(f"{EVENTS:,} mouse moves delivered, the lock off (the default)", off, "ms",
           baseline=baseline, goal="no more")
    report(f"{EVENTS:,} mouse moves delivered, the lock on (idle watch)", watched, "ms",
           baseline=baseline, goal="a few µs an event")

    open_database(build_big_database())
    deleted = _median_of(5, lambda n: _rich_person(100 + n), delete_person)
    forgotten = _median_of(5, _rich_person, forget_person)
    report("forget one person among 50,000 (search index merged, log emptied)", forgotten,
           "ms", baseline=deleted, goal="< 1 s")
    subject = _rich_person(50)
    opening = timed(lambda: mentions_elsewhere(preview(subject)), repeat=3)
    report("open Forget Person: what goes and where else they are named, 50,000 people",
           opening, "ms", goal="< 2 s")
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-about-"))
    exported = timed(lambda: export_about(subject, folder / "about.zip"), repeat=5)
    report("export everything about one person, 50,000 people", exported, "ms",
           goal="< 300 ms")
