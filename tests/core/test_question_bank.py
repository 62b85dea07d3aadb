import pytest

from netdesk.core.changes import Changes
from netdesk.core.question_bank import (
    add_question,
    bank,
    default_questions,
    delete_own_question,
    ensure_default_questions,
    restore_default_questions,
    set_hidden,
    update_question,
)
from netdesk.db.models import QUESTION_CATEGORIES, Question


def test_defaults_cover_the_guide_categories_with_eight_each():
    questions = default_questions()
    for category in ("career_path", "environment", "organization", "advice"):
        assert sum(q["category"] == category for q in questions) >= 8
    assert all(q["category"] in QUESTION_CATEGORIES and q["minutes"] > 0 for q in questions)


def test_edit_hide_restore(db):
    ensure_default_questions()
    total = len(default_questions())
    first = bank()[0]
    update_question(first.id, "Changed?", "own", 5)
    set_hidden(bank()[1].id, True)
    Question.delete().where(Question.id == bank()[2].id).execute()
    mine = Question.get_by_id(add_question("My own question?", "own", 2).id)
    assert len(bank()) == total - 1
    assert len(bank(include_hidden=True)) == total
    assert restore_default_questions().questions
    assert len(bank()) == total + 1
    assert Question.get_by_id(first.id).text == default_questions()[0]["text"]
    assert Question.get_by_id(mine.id).text == "My own question?"
    assert not restore_default_questions()  # nothing left to restore: nothing written


def test_bank_is_in_category_order(db):
    ensure_default_questions()
    add_question("Mine?", "career_path", 2)
    categories = [q.category for q in bank()]
    assert categories == sorted(categories, key=QUESTION_CATEGORIES.index)
    assert [q.text for q in bank(category="career_path")][-1] == "Mine?"


@pytest.mark.parametrize("text, category, minutes, message", [
    ("", "own", 3, "no text"), ("Q?", "nope", 3, "category"), ("Q?", "own", 0, "minutes"),
])
def test_bad_questions_are_refused(db, text, category, minutes, message):
    with pytest.raises(ValueError, match=message):
        add_question(text, category, minutes)
    assert Question.select().count() == 0


def test_only_own_questions_can_be_deleted(db):
    ensure_default_questions()
    assert not delete_own_question(bank()[0].id)
    mine = add_question("Mine?")
    assert delete_own_question(mine.id) == Changes(questions=True, id=mine.id)
