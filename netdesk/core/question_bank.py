"""The question bank: the defaults shipped in ``resources/questions.json`` and their seeding.

Each write returns the :class:`~netdesk.core.changes.Changes` it made (``questions``;
``.id`` is the question), empty when it wrote nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from peewee import fn

from netdesk.core.changes import NOTHING, Changes
from netdesk.db.models import QUESTION_CATEGORIES, Question, database_proxy, now
from netdesk.paths import resource_path


def default_questions(path: Path | None = None) -> list[dict]:
    """The shipped questions as dicts with ``text``, ``category`` and ``minutes``."""
    path = path or resource_path("questions.json")
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


def ensure_default_questions() -> Changes:
    """Add the shipped questions of every category the bank has no default question of
    yet: all of them in a new bank; in an older one, those of categories added since (the
    TIARA steps), after the questions already there."""
    seeded = {c for (c,) in Question.select(Question.category).where(Question.is_default)
              .distinct().tuples()}
    missing = [q for q in default_questions() if q["category"] not in seeded]
    if not missing:
        return NOTHING
    start = (Question.select(fn.MAX(Question.position)).scalar() or 0) + 1 if seeded else 0
    rows = [{**q, "position": start + offset, "is_default": True}
            for offset, q in enumerate(missing)]
    with database_proxy.atomic():
        Question.insert_many(rows).execute()
    return Changes(questions=True)


def bank(include_hidden: bool = False, category: str | None = None) -> list[Question]:
    """The bank's questions in category then bank order (hidden ones only when asked)."""
    query = Question.select()
    if not include_hidden:
        query = query.where(~Question.hidden)
    if category:
        query = query.where(Question.category == category)
    order = {c: i for i, c in enumerate(QUESTION_CATEGORIES)}
    return sorted(query.order_by(Question.position, Question.id),
                  key=lambda q: order.get(q.category, len(order)))


def check_question(text: str, category: str, minutes: int) -> str | None:
    """What is wrong with a question the user typed, or None."""
    if not text.strip():
        return "The question has no text."
    if category not in QUESTION_CATEGORIES:
        return "Choose a category for the question."
    if not 1 <= minutes <= 60:
        return "Estimated minutes must be from 1 to 60."
    return None


def add_question(text: str, category: str = "own", minutes: int = 3) -> Changes:
    """Add the user's own question to the bank (at the end of its category)."""
    problem = check_question(text, category, minutes)
    if problem:
        raise ValueError(problem)
    with database_proxy.atomic():
        last = Question.select(fn.MAX(Question.position)).scalar() or 0
        question = Question.create(text=text.strip(), category=category, minutes=minutes,
                                   position=last + 1)
    return Changes(questions=True, id=question.id)


def update_question(question_id: int, text: str, category: str, minutes: int) -> Changes:
    """Change a question's text, category or minutes (interviews keep their own copy)."""
    problem = check_question(text, category, minutes)
    if problem:
        raise ValueError(problem)
    with database_proxy.atomic():
        Question.update(text=text.strip(), category=category, minutes=minutes,
                        updated=now()).where(Question.id == question_id).execute()
    return Changes(questions=True, id=question_id)


def set_hidden(question_id: int, hidden: bool) -> Changes:
    with database_proxy.atomic():
        Question.update(hidden=hidden).where(Question.id == question_id).execute()
    return Changes(questions=True, id=question_id)


def delete_own_question(question_id: int) -> Changes:
    """Delete one of the user's own questions; shipped ones can only be hidden (and the
    Changes are empty)."""
    with database_proxy.atomic():
        deleted = Question.delete().where((Question.id == question_id)
                                          & ~Question.is_default).execute()
    return Changes(questions=True, id=question_id) if deleted else NOTHING


def restore_default_questions() -> Changes:
    """Put the shipped questions back as shipped: edited ones reset, hidden ones shown,
    missing ones added. The user's own questions stay. Empty when nothing needed it."""
    shipped = default_questions()
    changed = 0
    with database_proxy.atomic():
        existing = {q.position: q for q in Question.select().where(Question.is_default)}
        for position, data in enumerate(shipped):
            question = existing.pop(position, None)
            if question is None:
                Question.create(**data, position=position, is_default=True)
                changed += 1
            elif (question.text, question.category, question.minutes, question.hidden) != (
                    data["text"], data["category"], data["minutes"], False):
                question.text = data["text"]
                question.category = data["category"]
                question.minutes = data["minutes"]
                question.hidden = False
                question.save()
                changed += 1
        for leftover in existing.values():  # shipped by an older release: keep, as the user's
            leftover.is_default = False
            leftover.save()
            changed += 1
    return Changes(questions=True) if changed else NOTHING
