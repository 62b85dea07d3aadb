"""Wizard prompts in tests: answer the discard question, fail on an unexpected warning."""

from __future__ import annotations

import pytest


@pytest.fixture
def discard_answer(monkeypatch):
    """Answer the wizards' "Discard …?" question: set ``.value`` to False to keep editing.

    ``.asked`` lists the titles of the questions asked.
    """
    import netdesk.ui.common.wizard as wizard

    class Answer:
        value = True
        asked: list[str] = []

    answer = Answer()
    answer.asked = []

    def confirm(_parent, title, *_args, **_kwargs):
        answer.asked.append(title)
        return answer.value

    monkeypatch.setattr(wizard, "confirm", confirm)
    monkeypatch.setattr(wizard, "warn", lambda _parent, title, text, *_: pytest.fail(
        f"unexpected warning: {title}: {text}"))
    return answer
