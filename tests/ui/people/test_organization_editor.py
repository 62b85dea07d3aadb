"""The organization editor: a rename reaches an open person editor and survives its next save;
a name another organization has offers a merge instead of a second organization."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from netdesk.db.models import Organization, Person
from netdesk.ui.people import organization_editor
from netdesk.ui.people.organization_editor import OrganizationEditor


@pytest.fixture
def acme(db):
    acme = Organization.create(name="Acme", sector="private")
    ada = Person.create(first_name="Ada", last_name="Lee", organization=acme)
    bo = Person.create(first_name="Bo", last_name="Park", organization=acme)
    return {"acme": acme, "ada": ada, "bo": bo}


def _open_editor(window, qtbot, organization_id):
    window.edit_organization(organization_id)
    dialog = window.findChild(OrganizationEditor)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_rename_shows_in_the_open_person_editor_and_survives_its_next_save(
        make_window, qtbot, acme):
    window = make_window()
    window.contact_tree.set_grouping("organization")
    window.select_person(acme["ada"].id)
    editor = window.editor
    assert editor.organization.text() == "Acme"

    dialog = _open_editor(window, qtbot, acme["acme"].id)
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Acme Research")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    assert editor.organization.text() == "Acme Research"  # at once, in the open editor
    assert editor.subheading.text() == "Acme Research"
    qtbot.keyClicks(editor.job_title, "Analyst")  # a later edit there
    assert editor.save_now()
    ada = Person.get_by_id(acme["ada"].id)
    assert (ada.organization.name, ada.job_title) == ("Acme Research", "Analyst")
    assert [o.name for o in Organization.select()] == ["Acme Research"]  # no second "Acme"
    model = window.contact_tree.model
    labels = [model.group_at(model.index(r, 0)).label for r in range(model.rowCount())]
    assert labels == ["Acme Research"]


def test_rename_while_the_person_editor_has_unsaved_typing_elsewhere(make_window, qtbot, acme):
    window = make_window()
    window.select_person(acme["bo"].id)
    editor = window.editor
    qtbot.keyClicks(editor.notes, "Coffee on Friday")  # not saved yet
    dialog = OrganizationEditor(acme["acme"].id, window)  # saved first when opened from the
    qtbot.addWidget(dialog)                               # window; here it is not
    dialog.name.setText("Acme Labs")
    dialog.save()
    assert editor.organization.text() == "Acme Labs"
    assert editor.notes.toPlainText() == "Coffee on Friday"  # the typing is kept
    assert editor.save_now()
    bo = Person.get_by_id(acme["bo"].id)
    assert (bo.organization.name, bo.notes) == ("Acme Labs", "Coffee on Friday")
    assert Organization.select().count() == 1


def test_a_name_taken_by_another_organization_offers_a_merge(make_window, qtbot, acme,
                                                             monkeypatch):
    stray = Organization.create(name="Acme Inc", website="https://acme.example")
    cy = Person.create(first_name="Cy", organization=stray)
    window = make_window()
    window.select_person(cy.id)
    asked = []
    answers = [False, True]
    monkeypatch.setattr(organization_editor, "confirm",
                        lambda _p, _title, text, _yes, details="": asked.append(text)
                        or answers.pop(0))
    dialog = _open_editor(window, qtbot, stray.id)
    dialog.name.setText("  acme ")
    dialog.save()  # declined: stays open, nothing written
    assert "Merge Acme Inc into Acme?" in asked[0]
    assert dialog.isVisible()
    assert dialog.problem.text() == "Another organization is already called Acme."
    assert Organization.get_by_id(stray.id).name == "Acme Inc"

    dialog.save()  # accepted: merged
    assert not dialog.isVisible()
    assert Organization.get_or_none(Organization.id == stray.id) is None
    assert Person.get_by_id(cy.id).organization_id == acme["acme"].id
    assert Organization.get_by_id(acme["acme"].id).website == "https://acme.example"
    assert window.editor.organization.text() == "Acme"


def test_a_new_organization_with_a_taken_name_is_refused(make_window, qtbot, acme):
    window = make_window()
    dialog = window.edit_organization(None, name="ACME")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Another organization is already called Acme."
    assert Organization.select().count() == 1
