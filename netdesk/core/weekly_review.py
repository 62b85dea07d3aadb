"""The weekly review: what a fifteen-minute look back over the week goes through, and the
two writes it offers on someone going cold (log a catch-up, plan one).

Steps, in order (:data:`STEPS`): the follow-ups due, the people going cold (past their
tier's maximum) or due for a catch-up, the LAMP list's top five organizations, the
habit chart, and next week's goal.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from netdesk.core import dashboard, followups, keep_in_touch, timeline
from netdesk.core.changes import Changes
from netdesk.core.followups import DueItem
from netdesk.core.keep_in_touch import Intervals, Touch

MINUTES = 15
STEPS = ("follow_ups", "going_cold", "lamp", "habit", "goal")
STEP_TITLES = {
    "follow_ups": "Follow-ups due",
    "going_cold": "People going cold",
    "lamp": "Your LAMP top 5",
    "habit": "The habit",
    "goal": "Next week's goal",
}
CATCH_UP_KIND = "update"
"""What a catch-up logged from the review is on the timeline."""
PLAN_IN_DAYS = 7
"""A catch-up planned from the review falls due this many days on."""


@dataclass(frozen=True)
class Focus:
    """One of the LAMP list's top organizations."""

    organization_id: int
    name: str
    note: str = ""


@dataclass(frozen=True)
class Review:
    """Everything the review shows, read at once."""

    today: datetime.date
    due: list[DueItem]
    catch_ups: list[Touch]
    """Going cold first, then due for a catch-up."""
    lamp: list[Focus]
    habit: list[dashboard.HabitWeek]


def lamp_top_five() -> list[Focus]:
    """The LAMP list's five top organizations: this week's focus ([] without a list)."""
    from netdesk.core.lamp import FOCUS_SIZE, lamp_rows

    return [Focus(row.organization_id, row.name) for row in lamp_rows()[:FOCUS_SIZE]]


def gather(today: datetime.date, *, intervals: Intervals | None = None, goal: int = 5,
           limit: int = 30, tags: keep_in_touch.TagIntervals | None = None) -> Review:
    """What the review goes through on ``today``."""
    return Review(
        today=today,
        due=followups.due_by(today),
        catch_ups=keep_in_touch.overdue(today, intervals, tags=tags, which="due", limit=limit),
        lamp=lamp_top_five(),
        habit=dashboard.weekly_habit(today, goal=goal),
    )


def log_catch_up(person_id: int, today: datetime.date, note: str = "", *,
                 rules: dict[str, tuple[int, str]] | None = None) -> Changes:
    """Record that the user got back in touch with ``person_id`` today, which resets their
    keep-in-touch clock. A keep-in-touch follow-up of theirs that is due is marked done
    instead (it logs the catch-up itself and schedules the next one by ``rules``)."""
    summary = note.strip() or "Caught up"
    for item in followups.due_by(today):
        if item.person_id == person_id and item.kind == "keep_in_touch":
            return followups.mark_done(item.id, today, note=summary, rules=rules)
    return timeline.log(person_id, CATCH_UP_KIND, today, summary, today,
                        automatic=False).changes


def plan_catch_up(person_id: int, today: datetime.date, days: int = PLAN_IN_DAYS) -> Changes:
    """Put a keep-in-touch follow-up for ``person_id`` ``days`` from today."""
    return followups.create(person_id, "keep_in_touch",
                            today + datetime.timedelta(days=days),
                            note="Planned in the weekly review")
