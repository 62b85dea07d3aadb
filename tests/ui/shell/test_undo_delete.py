"""Undo a delete after SQLite gave the deleted person's id (and their rows' ids) to new rows."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from netdesk.core import followups, timeline
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.core.referrals import add_referral
from netdesk.db.models import (
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Person,
    Referral,
)
from tests.ui.tree import tree_names

TODAY = datetime.date(2026, 11, 25)


def owned(person_id: int) -> dict[str, int]:
    """How many rows of each kind belong to ``person_id``."""
    return {
        "interviews": Interview.select().where(Interview.person == person_id).count(),
        "questions": InterviewQuestion.select().join(Interview)
        .where(Interview.person == person_id).count(),
        "interactions": Interaction.select().where(Interaction.person == person_id).count(),
        "follow_ups": FollowUp.select().where(FollowUp.person == person_id).count(),
        "referrals": Referral.select().where((Referral.referrer == person_id)
                                             | (Referral.referred == person_id)).count(),
    }


def give_rows(person_id: int, referrer_id: int) -> None:
    """An interview with a question, a log entry, a follow-up and a referral: each the newest
    of its table, so the next row added to the table takes its id once it is deleted."""
    save_plan(None, InterviewPlan(person_id=person_id, questions=[PlannedQuestion("Why?")]))
    timeline.log(person_id, "note", TODAY, "A note", TODAY)
    followups.create(person_id, "keep_in_touch", TODAY)
    add_referral(referrer_id, person_id)




@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Yes)


@pytest.mark.sqlite_only  # SQLite gives a deleted row's id again; PostgreSQL never does
def test_undo_after_the_id_was_reused_restores_under_a_new_id_and_redo_deletes_only_it(
        sample_window, qtbot, yes):
    window = sample_window
    referrer = Person.get(Person.first_name == "Fatima")
    last = Person.create(first_name="Zelda", last_name="Last", stage="contacted")
    give_rows(last.id, referrer.id)
    before = owned(last.id)
    assert all(before.values())
    old_ids = {model: model.select().order_by(model.id.desc()).first().id
               for model in (Interview, InterviewQuestion, Interaction, FollowUp, Referral)}

    window.select_person(last.id)
    window.delete_action.trigger()
    assert Person.get_or_none(Person.id == last.id) is None

    # A new person, typed in: SQLite hands them the deleted person's id, and their rows the
    # ids of the deleted rows.
    window.new_person_action.trigger()
    qtbot.keyClicks(window.editor.first_name, "Nina")
    qtbot.keyClicks(window.editor.last_name, "New")
    window.save_action.trigger()
    nina = Person.get(Person.first_name == "Nina")
    assert nina.id == last.id
    give_rows(nina.id, referrer.id)
    assert {model: model.select().order_by(model.id.desc()).first().id
            for model in old_ids} == old_ids
    nina_rows = owned(nina.id)

    window.undo_action.trigger()  # Ctrl+Z
    zelda = Person.get(Person.first_name == "Zelda")
    assert zelda.id != nina.id
    assert (zelda.last_name, zelda.stage) == ("Last", "contacted")
    assert owned(zelda.id) == before
    assert owned(nina.id) == nina_rows  # nothing of Nina's was touched or taken
    question = InterviewQuestion.select().join(Interview).where(Interview.person == zelda).get()
    assert question.text == "Why?"
    assert Referral.get(Referral.referred == zelda).referrer_id == referrer.id
    assert {"Zelda Last", "Nina New"} <= set(tree_names(window))
    assert window.contact_tree.selected_person_id() == zelda.id

    window.redo_action.trigger()  # deletes exactly the person undo brought back
    assert Person.get_or_none(Person.id == zelda.id) is None
    assert Person.get_by_id(nina.id).full_name == "Nina New"
    assert owned(nina.id) == nina_rows
    assert "Nina New" in tree_names(window) and "Zelda Last" not in tree_names(window)

    window.undo_action.trigger()
    zelda = Person.get(Person.first_name == "Zelda")
    assert owned(zelda.id) == before and owned(nina.id) == nina_rows


def test_undo_when_no_id_was_taken_keeps_every_id(sample_window, yes):
    window = sample_window
    fatima = Person.get(Person.first_name == "Fatima")
    interview_ids = {i.id for i in fatima.interviews}
    window.select_person(fatima.id)
    window.delete_action.trigger()
    window.undo_action.trigger()
    assert Person.get_by_id(fatima.id).full_name == "Fatima Noor"
    assert {i.id for i in Person.get_by_id(fatima.id).interviews} == interview_ids
    window.redo_action.trigger()
    assert Person.get_or_none(Person.id == fatima.id) is None
