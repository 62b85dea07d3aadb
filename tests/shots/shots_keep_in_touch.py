"""``python -m tests.shots.shots_keep_in_touch OUTDIR WIDTHxHEIGHT SCALE``: keep-in-touch
marks in the tree and the editor, the dashboard card, the weekly review and the Method
page, in light and dark, on a screen of the given size and scale."""

from __future__ import annotations

import datetime
import sys

from tests.shots.screen_script import run


def _prepare() -> None:
    """Method mode on, a tier for everyone, some people last contacted long ago."""
    from PySide6.QtCore import QSettings

    from netdesk.db.models import Interaction, Person
    from netdesk.ui.method.method_settings import ENABLED_KEY

    QSettings().setValue(ENABLED_KEY, True)
    today = datetime.date.today()
    people = list(Person.select().order_by(Person.id))
    for n, person in enumerate(people):
        person.tier = "ABC"[n % 3]
        person.save()
        if n % 4 == 0:
            Interaction.create(person=person, kind="note", occurred_on=today
                               - datetime.timedelta(days=40 + 50 * (n % 5)))
    Person.update(response_label="slow").where(Person.id == people[1].id).execute()


def _shots(window, _db_path):
    from netdesk.db.models import Person
    from netdesk.ui.method.weekly_review import open_weekly_review

    window.contact_tree.view.expandAll()
    review = open_weekly_review(window)
    review.hide()
    window.select_person(Person.select().order_by(Person.id).offset(1).get().id)
    yield "touch-main-window", window
    window.tabs.setCurrentWidget(window.dashboard)
    yield "touch-dashboard", window
    yield "touch-review-follow-ups", review
    for row, name in ((1, "cold"), (2, "lamp"), (4, "goal")):
        review.steps.setCurrentRow(row)
        yield f"touch-review-{name}", review
    review.reject()
    preferences = window.habit.open_preferences()
    preferences.tabs.setCurrentIndex(preferences.tabs.count() - 1)
    yield "touch-method-page", preferences
    preferences.reject()


def main(argv: list[str]) -> int:
    return run(argv, "netdesk-shots-touch-", _shots, _prepare)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
