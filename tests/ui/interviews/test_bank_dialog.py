import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netdesk.core.question_bank import default_questions
from netdesk.core.templates import default_templates
from netdesk.db.models import Question, Template

Yes = QMessageBox.StandardButton.Yes


@pytest.fixture
def dialog(qtbot, db, monkeypatch):
    from netdesk.ui.interviews.bank_dialog import BankDialog

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: Yes)
    dialog = BankDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_opening_seeds_the_defaults(dialog):
    assert Question.select().count() == len(default_questions())
    assert Template.select().count() == len(default_templates())
    assert len(dialog.questions.items()) == len(default_questions())


def test_add_edit_recategorize_hide_restore(qtbot, dialog, events):
    tab = dialog.questions
    click(qtbot, tab.new_button)
    click(qtbot, tab.save_button)  # empty text is refused
    assert "no text" in tab.problem.text()
    qtbot.keyClicks(tab.text, "What surprised you in your first year?")
    tab.minutes.setValue(4)
    with qtbot.waitSignal(events.changed):
        click(qtbot, tab.save_button)
    mine = Question.get(Question.text == "What surprised you in your first year?")
    assert (mine.category, mine.minutes, mine.is_default) == ("own", 4, False)
    assert tab.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == mine.id

    first = tab.items()[0]
    tab.tree.setCurrentItem(first)
    question_id = first.data(0, Qt.ItemDataRole.UserRole)
    tab.text.selectAll()
    qtbot.keyClicks(tab.text, "Edited question?")
    tab.category.setCurrentIndex(tab.category.findData("advice"))
    click(qtbot, tab.save_button)
    edited = Question.get_by_id(question_id)
    assert (edited.text, edited.category) == ("Edited question?", "advice")
    assert not tab.delete_button.isEnabled()  # shipped questions are hidden, not deleted

    click(qtbot, tab.hide_button)
    assert Question.get_by_id(question_id).hidden
    assert question_id not in [i.data(0, Qt.ItemDataRole.UserRole) for i in tab.items()]
    tab.show_hidden.click()
    assert question_id in [i.data(0, Qt.ItemDataRole.UserRole) for i in tab.items()]

    tab.category_filter.setCurrentIndex(tab.category_filter.findData("own"))
    assert [i.text(0) for i in tab.items()] == ["What surprised you in your first year?"]
    click(qtbot, tab.delete_button)
    assert not Question.select().where(Question.id == mine.id).exists()

    tab.category_filter.setCurrentIndex(0)
    click(qtbot, tab.restore_button)
    restored = Question.get_by_id(question_id)
    assert (restored.text, restored.hidden) == (default_questions()[0]["text"], False)


def test_switching_questions_keeps_edits(qtbot, dialog):
    tab = dialog.questions
    tab.tree.setCurrentItem(tab.items()[0])
    question_id = tab.question_id
    tab.minutes.setValue(9)
    tab.tree.setCurrentItem(tab.items()[1])
    assert Question.get_by_id(question_id).minutes == 9


def test_templates_with_chips_preview_and_restore(qtbot, dialog):
    tab = dialog.templates
    dialog.tabs.setCurrentWidget(tab)
    assert tab.template_id is not None
    assert "Alex" in tab.preview.toPlainText()
    click(qtbot, tab.new_button)
    qtbot.keyClicks(tab.name, "Short thanks")
    tab.kind.setCurrentIndex(tab.kind.findData("thank_you"))
    tab.body.setFocus()
    qtbot.keyClicks(tab.body, "Dear ")
    click(qtbot, tab.chips.buttons["person_first_name"])
    qtbot.keyClicks(tab.body, ", thank you. {my_nme}")
    assert tab.body.toPlainText() == "Dear {person_first_name}, thank you. {my_nme}"
    assert tab.preview.toPlainText().startswith("Dear Alex, thank you.")
    assert "{my_nme}" in tab.warning.text()
    tab.subject.setFocus()
    click(qtbot, tab.chips.buttons["career_field"])
    assert tab.subject.text() == "{career_field}"
    click(qtbot, tab.save_button)
    template = Template.get(Template.name == "Short thanks")
    assert (template.kind, template.subject, template.is_default) == (
        "thank_you", "{career_field}", False)

    click(qtbot, tab.duplicate_button)
    assert Template.select().where(Template.name == "Short thanks (copy)").exists()
    click(qtbot, tab.delete_button)
    assert not Template.select().where(Template.name == "Short thanks (copy)").exists()

    tab.name.clear()
    click(qtbot, tab.save_button)
    assert "name" in tab.warning.text()

    Template.update(body="broken").where(Template.is_default).execute()
    click(qtbot, tab.restore_button)
    assert not Template.select().where(Template.body == "broken").exists()
    assert Template.select().where(Template.name == "Short thanks").exists()
