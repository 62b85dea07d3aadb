"""The question bank: the defaults shipped in ``resources/questions.json`` and their seeding."""

from __future__ import annotations

import json
from pathlib import Path

from netdesk.db.models import Question, database_proxy
from netdesk.paths import resource_path

CATEGORY_LABELS = {
    "career_path": "Career path",
    "environment": "Work environment",
    "organization": "The organization",
    "advice": "Advice",
    "own": "My own",
}


def default_questions(path: Path | None = None) -> list[dict]:
    """The shipped questions as dicts with ``text``, ``category`` and ``minutes``."""
    path = path or resource_path("questions.json")
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


def ensure_default_questions() -> int:
    """Add the shipped questions when the bank has no default ones yet; return how many."""
    if Question.select().where(Question.is_default).exists():
        return 0
    rows = [
        {**q, "position": position, "is_default": True}
        for position, q in enumerate(default_questions())
    ]
    with database_proxy.atomic():
        Question.insert_many(rows).execute()
    return len(rows)
