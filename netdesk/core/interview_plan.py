"""Planning the questions: their total time against the time offered, and a balanced set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

WRAP_MINUTES = 5
"""Time for hellos, your pitch and thanks that no question uses."""
CONVERSATION_ORDER = ("career_path", "environment", "organization", "trends", "insights",
                      "own", "advice", "resources", "assignments")
"""The order a conversation flows in: their path first, advice and referrals last (the
TIARA steps keep their order within it)."""
TIARA_ORDER = ("trends", "insights", "advice", "resources", "assignments")
"""Trends, Insights, Advice, Resources, Assignments: the order of a TIARA conversation."""
PICK_ORDER = ("career_path", "advice", "environment", "organization", "own")
"""The order categories take turns in a suggestion: advice early so it is never crowded out."""


class QuestionLike(Protocol):
    category: str
    minutes: int


Q = TypeVar("Q", bound=QuestionLike)


@dataclass(frozen=True)
class TimeBudget:
    """Minutes of chosen questions against the minutes the person offered."""

    total: int
    offered: int

    @property
    def over(self) -> bool:
        return self.total > self.offered

    @property
    def tight(self) -> bool:
        """Fits, but leaves less than :data:`WRAP_MINUTES` for hellos and thanks."""
        return not self.over and self.total > self.offered - WRAP_MINUTES

    @property
    def spare(self) -> int:
        return self.offered - self.total

    def summary(self) -> str:
        head = f"Questions: {self.total} min of the {self.offered} min offered"
        if self.over:
            return f"{head} — {self.total - self.offered} min over. Drop a question or two, " \
                   "or ask whether they have more time."
        if self.tight:
            return f"{head} — tight: leave about {WRAP_MINUTES} min for introductions and thanks."
        if self.total == 0:
            return f"{head} — choose a few questions."
        return f"{head} — {self.spare} min to spare."


def time_budget(minutes: Sequence[int], offered: int) -> TimeBudget:
    """The budget for questions taking ``minutes`` each in an interview of ``offered`` minutes."""
    return TimeBudget(sum(max(0, int(m)) for m in minutes), max(0, int(offered)))


def suggest_balanced(bank: Sequence[Q], minutes: int) -> list[Q]:
    """A set of questions from ``bank`` that fits ``minutes``, drawn evenly from each category.

    Takes one question from each category in turn (:data:`PICK_ORDER`, each in
    bank order), skipping any that no longer fits, until nothing more fits; the result is in
    :data:`CONVERSATION_ORDER`, so the conversation ends with advice.
    """
    return _round_robin(bank, minutes, PICK_ORDER, CONVERSATION_ORDER)


def suggest_tiara(bank: Sequence[Q], minutes: int) -> list[Q]:
    """A TIARA set from ``bank`` that fits ``minutes``: one question of each step in turn
    (Trends, Insights, Advice, Resources, Assignments), in that order."""
    return _round_robin(bank, minutes, TIARA_ORDER, TIARA_ORDER)


def _round_robin(bank: Sequence[Q], minutes: int, turns: Sequence[str],
                 order: Sequence[str]) -> list[Q]:
    """Questions of the categories ``turns``, one of each in turn (each in bank order),
    skipping any that no longer fits, until nothing more fits; sorted by ``order``."""
    queues: dict[str, list[Q]] = {category: [] for category in turns}
    for question in bank:
        if question.category in queues:
            queues[question.category].append(question)
    remaining = minutes
    chosen: list[Q] = []
    progress = True
    while progress:
        progress = False
        for queue in queues.values():
            while queue:
                question = queue.pop(0)
                if question.minutes <= remaining:
                    chosen.append(question)
                    remaining -= question.minutes
                    progress = True
                    break
    rank = {category: index for index, category in enumerate(order)}
    position = {id(q): index for index, q in enumerate(bank)}
    chosen.sort(key=lambda q: (rank.get(q.category, len(rank)), position[id(q)]))
    return chosen


def question_minutes_for(offered: int) -> int:
    """Minutes of questions to suggest for an interview of ``offered`` minutes."""
    return max(offered - WRAP_MINUTES, min(offered, 5))

