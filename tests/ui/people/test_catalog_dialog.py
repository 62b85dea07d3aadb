"""People → Organizations & Career Fields, driven as a user: rename, merge, delete, and every
other view (the tree, the open person editor, the graph filters, the dashboard) following."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

from netdesk.core.dashboard import coverage_matrix
from netdesk.db.models import (
    CareerField,
    Interview,
    Organization,
    Person,
    PersonCareerField,
    database_proxy,
)
from netdesk.ui.people import catalog_dialog, catalog_merge
from netdesk.ui.people.catalog_dialog import CatalogDialog
from netdesk.ui.people.catalog_merge import MergeDialog
from netdesk.ui.people.catalog_page import NameDialog
from netdesk.ui.people.organization_editor import OrganizationEditor


@pytest.fixture
def strays(sample_db):
    """What typing in the person editor leaves: a second spelling used by two people, one
    nobody uses, and the same for career fields."""
    acme = Organization.create(name="Acme", sector="private")
    stray = Organization.create(name="Acme Inc")
    unused = Organization.create(name="Acm")
    ada = Person.create(first_name="Ada", last_name="Acme", organization=acme)
    bo = Person.create(first_name="Bo", last_name="Stray", organization=stray)
    cy = Person.create(first_name="Cy", last_name="Stray", organization=stray)
    interview = Interview.create(person=bo, status="done")
    health = CareerField.get(CareerField.name == "Public health")
    hlth = CareerField.create(name="Public hlth")
    pub = CareerField.create(name="Pub")
    PersonCareerField.create(person=bo, career_field=hlth)
    PersonCareerField.create(person=ada, career_field=hlth)
    PersonCareerField.create(person=ada, career_field=health)
    gov = Organization.get(Organization.sector == "government")
    dee = Person.create(first_name="Dee", last_name="Gov", organization=gov)
    field_interview = Interview.create(person=dee, career_field=hlth, status="done")
    return {"acme": acme, "stray": stray, "unused": unused, "ada": ada, "bo": bo, "cy": cy,
            "interview": interview, "health": health, "hlth": hlth, "pub": pub,
            "field_interview": field_interview}


@pytest.fixture
def window(make_window, strays):
    window = make_window()
    window.contact_tree.set_grouping("organization")  # remembered from earlier tests otherwise
    yield window
    QSettings().setValue("contact_tree/grouping", "organization")


@pytest.fixture
def dialog(window, qtbot):
    action = next(a for a in window.people_menu.actions()
                  if a.text() == "Organizations && &Career Fields…")
    action.trigger()
    found = window.findChild(CatalogDialog)
    assert found is not None and found.isVisible()
    return found


@pytest.fixture
def messages(monkeypatch):
    """Every message box the dialog would show, answered with ``answers`` (True: yes)."""
    shown = {"warn": [], "confirm": [], "answers": []}

    def warn(_parent, title, text, details=""):
        shown["warn"].append(text)

    def confirm(_parent, title, text, yes_text, details=""):
        shown["confirm"].append(text)
        return shown["answers"].pop(0) if shown["answers"] else True

    for module in (catalog_dialog, catalog_merge):
        monkeypatch.setattr(module, "warn", warn)
    monkeypatch.setattr(catalog_dialog, "confirm", confirm)
    return shown


def _click_row(qtbot, page, name, modifier=Qt.KeyboardModifier.NoModifier):
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == name)
    index = page.model.index(row, 0)
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     page.view.visualRect(index).center())
    return index


def _names(page):
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


def _tree_groups(window, grouping="organization"):
    """The contact tree's group labels and counts, as it shows them now."""
    model = window.contact_tree.model
    assert model.grouping == grouping
    return {model.group_at(model.index(r, 0)).label: model.group_at(model.index(r, 0)).count
            for r in range(model.rowCount())}


def _open_person(window, person):
    window.select_person(person.id)
    assert window.editor.person_id == person.id
    return window.editor


# Opening and looking ---------------------------------------------------------------------------


def test_opens_from_the_people_menu_with_counts(window, dialog, qtmodeltester):
    assert window.catalog_action in window.people_menu.actions()
    page = dialog.current_page()
    assert page is dialog.pages["organization"]
    assert _names(page) == sorted(_names(page), key=str.casefold)
    rows = {r.name: r for r in page.model.rows()}
    assert (rows["Acme Inc"].people, rows["Acme Inc"].interviews) == (2, 1)
    assert rows["Acm"].people == 0
    assert page.summary.text() == f"{Organization.select().count()} organizations"
    fields = {r.name: r for r in dialog.pages["career_field"].model.rows()}
    assert (fields["Public hlth"].people, fields["Public hlth"].interviews) == (2, 1)
    for each in dialog.pages.values():
        qtmodeltester.check(each.model)
    window.catalog_action.trigger()  # a second time: the same window, raised
    assert len(window.findChildren(CatalogDialog)) == 1


def test_mnemonics_are_unique_and_keys_are_set(dialog):
    letters = []
    for button in dialog.findChildren(QAbstractButton):
        letters += re.findall(r"&(\w)", button.text())
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None:
            letters += re.findall(r"&(\w)", label.text())
    tabs = dialog.findChild(QTabWidget)
    for index in range(tabs.count()):
        letters += re.findall(r"&(\w)", tabs.tabText(index))
    letters = [letter.lower() for letter in letters]
    assert len(letters) == len(set(letters)) >= 8, letters
    shortcuts = {a.text(): a.shortcut().toString() for a in dialog.pages["organization"]
                 .view.actions()}
    assert shortcuts["Rename…"] == "F2"
    assert shortcuts["Delete"] == "Del"


def test_filter_sort_and_the_model_contract(dialog, qtbot, qtmodeltester):
    page = dialog.current_page()
    qtbot.keyClicks(page.filter, "acme")
    assert _names(page) == ["Acme", "Acme Inc"]
    assert page.summary.text().startswith("Showing 2 of ")
    qtmodeltester.check(page.model)
    page.filter.clear()
    header = page.view.header()
    people_column = 2
    middle = QPoint(header.sectionViewportPosition(people_column)
                    + header.sectionSize(people_column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    counts = [r.people for r in page.model.rows()]
    assert counts == sorted(counts)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    counts = [r.people for r in page.model.rows()]
    assert counts == sorted(counts, reverse=True)
    qtmodeltester.check(page.model)


def test_fast_with_5000_organizations(make_window, db, qtbot, qtmodeltester):
    Organization.insert_many([{"name": f"Organization {i:05d}"} for i in range(5000)]).execute()
    with database_proxy.atomic():
        Person.insert_many([{"first_name": f"P{i}", "organization": i % 5000 + 1}
                            for i in range(5000)]).execute()
    window = make_window()
    started = time.perf_counter()
    dialog = window.open_catalog()
    page = dialog.current_page()
    qtbot.keyClicks(page.filter, "0042")
    elapsed = time.perf_counter() - started
    assert page.model.rowCount() == 11
    assert elapsed < 3.0
    page.filter.clear()
    assert page.model.rowCount() == 5000
    qtmodeltester.check(page.model)


# Organizations ---------------------------------------------------------------------------------


def test_rename_with_f2_shows_in_the_tree_and_the_open_editor(window, dialog, qtbot, strays):
    editor = _open_person(window, strays["bo"])
    assert editor.organization.text() == "Acme Inc"
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    rename = dialog.findChild(NameDialog)
    assert rename is not None and rename.isVisible()
    rename.name.clear()
    qtbot.keyClicks(rename.name, "Acme  Labs ")
    qtbot.mouseClick(rename.rename_button, Qt.MouseButton.LeftButton)
    assert not rename.isVisible()

    assert Organization.get_by_id(strays["stray"].id).name == "Acme Labs"
    assert "Acme Labs" in _names(page) and "Acme Inc" not in _names(page)
    assert page.selected_rows()[0].name == "Acme Labs"  # still selected
    assert editor.organization.text() == "Acme Labs"
    groups = _tree_groups(window)
    assert groups.get("Acme Labs") == 2 and "Acme Inc" not in groups
    qtbot.keyClicks(editor.notes, "Met at the fair")  # a later edit in the open editor
    assert editor.save_now()
    bo = Person.get_by_id(strays["bo"].id)
    assert (bo.organization.name, bo.notes) == ("Acme Labs", "Met at the fair")
    assert Organization.get_or_none(Organization.name == "Acme Inc") is None


def test_rename_onto_a_taken_name_offers_merge(window, dialog, qtbot, strays, messages):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    rename = dialog.rename_selected()
    rename.name.setText(" ACME ")
    messages["answers"] = [False]
    qtbot.mouseClick(rename.rename_button, Qt.MouseButton.LeftButton)
    assert "already called Acme" in messages["confirm"][0]
    assert rename.isVisible()
    assert rename.problem.text() == "Another organization is already called Acme."
    assert Organization.get_by_id(strays["stray"].id).name == "Acme Inc"  # declined: as it was

    messages["answers"] = [True]
    qtbot.mouseClick(rename.rename_button, Qt.MouseButton.LeftButton)
    assert not rename.isVisible()
    assert Organization.get_or_none(Organization.id == strays["stray"].id) is None
    assert Person.get_by_id(strays["cy"].id).organization_id == strays["acme"].id
    assert page.selected_rows()[0].name == "Acme"


def test_merge_two_organizations(window, dialog, qtbot, strays, messages, qtmodeltester):
    editor = _open_person(window, strays["bo"])
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merge = dialog.findChild(MergeDialog)
    assert merge is not None and merge.isVisible()
    assert "Acme Inc" not in _names(merge)  # not a target of itself
    assert not merge.merge_button.isEnabled()
    qtbot.keyClicks(merge.filter, "acm")
    assert _names(merge) == ["Acm", "Acme"]
    _click_row(qtbot, merge, "Acme")
    assert merge.merge_button.text().replace("&", "") == "Merge Into Acme"
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)

    assert Organization.get_or_none(Organization.id == strays["stray"].id) is None
    staff = {p.id for p in Person.select().where(Person.organization == strays["acme"])}
    assert staff == {strays["ada"].id, strays["bo"].id, strays["cy"].id}
    interview = Interview.get_by_id(strays["interview"].id)
    assert interview.person.organization_id == strays["acme"].id
    assert "Acme Inc" not in _names(page)
    assert page.selected_rows()[0].name == "Acme"
    assert {r.name: r.people for r in page.model.rows()}["Acme"] == 3
    qtmodeltester.check(page.model)
    groups = _tree_groups(window)
    assert groups.get("Acme") == 3 and "Acme Inc" not in groups
    assert editor.organization.text() == "Acme"
    window.tabs.setCurrentWidget(window.graph_panel)
    combo = window.graph_panel.organization_filter
    qtbot.waitUntil(lambda: "Acme Inc" not in [combo.itemText(i) for i in range(combo.count())]
                    and "Acme" in [combo.itemText(i) for i in range(combo.count())])
    assert not messages["warn"]


def test_delete_an_unused_organization_with_the_delete_key(window, dialog, qtbot, strays,
                                                          messages):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acm")
    assert dialog.delete_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert messages["confirm"] == ["Delete the organization Acm?"]
    assert Organization.get_or_none(Organization.id == strays["unused"].id) is None
    assert "Acm" not in _names(page)


def test_deleting_a_used_organization_is_refused_with_a_clear_message(window, dialog, qtbot,
                                                                      strays, messages):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    assert not dialog.delete_button.isEnabled()
    assert "merge it" in dialog.delete_button.toolTip()
    assert "Acme Inc: 2 people, 1 interview." in page.detail.text()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert messages["warn"] == [
        "Acme Inc is the organization of 2 people in your network, so it cannot be deleted. "
        "Merge it into another organization, or change their organization first."]
    assert not messages["confirm"]
    assert Organization.get_or_none(Organization.id == strays["stray"].id) is not None


def test_delete_unused_removes_every_stray(window, dialog, qtbot, strays, messages):
    page = dialog.current_page()
    unused = {o.name for o in Organization.select() if not o.staff.exists()}
    assert "Acm" in unused
    assert dialog.delete_unused_button.text() == f"Delete &Unused ({len(unused)})…"
    qtbot.mouseClick(dialog.delete_unused_button, Qt.MouseButton.LeftButton)
    assert messages["confirm"][0].startswith(f"Delete {len(unused)} organization")
    assert not unused & set(_names(page))
    assert all(o.staff.exists() for o in Organization.select())
    assert not dialog.delete_unused_button.isEnabled()
    assert "Acme Inc" in _names(page)


def test_enter_opens_the_organization_editor_and_its_save_shows_here(window, dialog, qtbot,
                                                                    strays):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not close the dialog
    editor = dialog.findChild(OrganizationEditor)
    assert editor is not None and editor.isVisible()
    editor.sector.setCurrentIndex(editor.sector.findData("nonprofit"))
    editor.save()
    assert {r.name: r.sector for r in page.model.rows()}["Acme Inc"] == "nonprofit"


def test_a_person_editor_typing_a_new_organization_shows_up_here(window, dialog, qtbot,
                                                                 strays):
    editor = _open_person(window, strays["cy"])
    editor.organization.clear()
    qtbot.keyClicks(editor.organization, "Brand New Org")
    assert editor.save_now()
    assert "Brand New Org" in _names(dialog.current_page())


def test_closed_and_opened_again_it_shows_what_was_written_meanwhile(window, dialog, qtbot,
                                                                     strays):
    dialog.close()
    editor = _open_person(window, strays["cy"])
    editor.organization.clear()
    qtbot.keyClicks(editor.organization, "Written While Closed")
    assert editor.save_now()
    window.catalog_action.trigger()
    assert dialog.isVisible()
    assert "Written While Closed" in _names(dialog.current_page())


def test_a_name_with_an_ampersand_shows_as_typed_on_the_merge_button(window, dialog, qtbot):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acm")
    merge = dialog.merge_selected()
    _click_row(qtbot, merge, "Harbor & Finch Architects")
    assert merge.merge_button.text() == "&Merge Into Harbor && Finch Architects"


# Career fields ---------------------------------------------------------------------------------


def test_merge_career_fields_shows_in_the_coverage_matrix(window, dialog, qtbot, strays,
                                                          messages):
    editor = _open_person(window, strays["ada"])
    assert editor.career_fields.text() == "Public health, Public hlth"
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    page = dialog.current_page()
    assert page is dialog.pages["career_field"]
    assert not dialog.edit_button.isEnabled()
    _click_row(qtbot, page, "Public hlth")
    merge = dialog.merge_selected()
    qtbot.keyClicks(merge.filter, "public health")
    assert merge.target().name == "Public health"  # one match: picked
    qtbot.keyClick(merge.filter, Qt.Key.Key_Return)

    assert CareerField.get_or_none(CareerField.id == strays["hlth"].id) is None
    links = PersonCareerField.select().where(PersonCareerField.person == strays["ada"])
    assert [link.career_field.name for link in links] == ["Public health"]  # once
    assert Interview.get_by_id(strays["field_interview"].id).career_field_id == \
        strays["health"].id
    assert editor.career_fields.text() == "Public health"
    assert "Public hlth" not in _names(page)
    assert "Public hlth" not in {r.name for r in coverage_matrix()}
    window.tabs.setCurrentWidget(window.dashboard)
    table = window.dashboard.coverage_table
    qtbot.waitUntil(lambda: "Public hlth" not in [
        table.item(r, 0).text() for r in range(table.rowCount())])
    row = next(r for r in range(table.rowCount())
               if table.item(r, 0).text().startswith("Public health"))
    expected = next(r for r in coverage_matrix() if r.name == "Public health")
    assert strays["field_interview"].id in expected.interview_ids["government"]
    government = next(c for c in range(table.columnCount())
                      if table.horizontalHeaderItem(c).text() == "Government")
    assert table.item(row, government).text() == str(expected.counts["government"])
    field_filter = window.graph_panel.field_filter
    window.tabs.setCurrentWidget(window.graph_panel)
    qtbot.waitUntil(lambda: "Public hlth" not in [
        field_filter.itemText(i) for i in range(field_filter.count())])


def test_rename_a_career_field_with_enter(window, dialog, qtbot, strays):
    window.contact_tree.set_grouping("career_field")
    editor = _open_person(window, strays["bo"])
    page = dialog.show_kind("career_field")
    _click_row(qtbot, page, "Public hlth")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # Enter renames a career field
    rename = dialog.findChild(NameDialog)
    rename.name.selectAll()
    qtbot.keyClicks(rename.name, "Community health")
    qtbot.keyClick(rename.name, Qt.Key.Key_Return)
    assert CareerField.get_by_id(strays["hlth"].id).name == "Community health"
    assert editor.career_fields.text() == "Community health"
    assert _tree_groups(window, "career_field").get("Community health") == 2


def test_career_fields_delete_unused_and_refuse_used(window, dialog, qtbot, strays, messages):
    page = dialog.show_kind("career_field")
    _click_row(qtbot, page, "Public hlth")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert messages["warn"][0].startswith(
        "Public hlth is a career field of 2 people and 1 interview, so it cannot be deleted.")
    _click_row(qtbot, page, "Pub")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert messages["confirm"] == ["Delete the career field Pub?"]
    assert CareerField.get_or_none(CareerField.id == strays["pub"].id) is None
    assert "Pub" not in _names(page)
    assert CareerField.get_or_none(CareerField.id == strays["hlth"].id) is not None


def test_multiple_selection_merges_several_at_once(window, dialog, qtbot, strays):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acm")
    _click_row(qtbot, page, "Acme Inc", Qt.KeyboardModifier.ControlModifier)
    assert [r.name for r in page.selected_rows()] == ["Acm", "Acme Inc"]
    assert not dialog.rename_button.isEnabled()
    assert "2 selected: 2 people, 1 interview." == page.detail.text()
    merge = dialog.merge_selected()
    _click_row(qtbot, merge, "Acme")
    merge.accept()
    assert Organization.select().where(Organization.name.startswith("Acm")).count() == 1


# Undo ----------------------------------------------------------------------------------------


def _undo_text(window) -> str:
    return window.undo_action.text().replace("&", "")


def test_merge_in_the_catalog_is_undone_with_edit_undo(window, dialog, qtbot, strays,
                                                        messages):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merge = dialog.findChild(MergeDialog)
    assert "Edit → Undo" in " ".join(label.text() for label in merge.findChildren(type(
        dialog.pages["organization"].summary)))
    qtbot.keyClicks(merge.filter, "acme")
    _click_row(qtbot, merge, "Acme")
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    assert Organization.get_or_none(Organization.id == strays["stray"].id) is None
    assert _tree_groups(window).get("Acme") == 3
    assert _undo_text(window) == "Undo Merge Acme Inc into Acme"

    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # in the dialog
    back = Organization.get_by_id(strays["stray"].id)
    assert back.name == "Acme Inc"
    staff = {p.id for p in Person.select().where(Person.organization == back)}
    assert staff == {strays["bo"].id, strays["cy"].id}
    assert Interview.get_by_id(strays["interview"].id).person.organization_id == back.id
    assert "Acme Inc" in _names(page)
    groups = _tree_groups(window)
    assert groups.get("Acme") == 1 and groups.get("Acme Inc") == 2

    window.redo_action.trigger()
    assert Organization.get_or_none(Organization.id == strays["stray"].id) is None
    assert "Acme Inc" not in _names(page)
    assert _tree_groups(window).get("Acme") == 3


def test_career_field_merge_undone_from_the_main_window(window, dialog, qtbot, strays,
                                                         messages):
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    page = dialog.current_page()
    _click_row(qtbot, page, "Public hlth")
    merge = dialog.merge_selected()
    qtbot.keyClicks(merge.filter, "public health")
    qtbot.keyClick(merge.filter, Qt.Key.Key_Return)
    assert CareerField.get_or_none(CareerField.id == strays["hlth"].id) is None
    dialog.close()

    window.undo_action.trigger()
    assert CareerField.get_by_id(strays["hlth"].id).name == "Public hlth"
    linked = {link.person_id for link in PersonCareerField.select().where(
        PersonCareerField.career_field == strays["hlth"].id)}
    assert linked == {strays["bo"].id, strays["ada"].id}
    assert Interview.get_by_id(strays["field_interview"].id).career_field_id == \
        strays["hlth"].id
    window.open_catalog()
    found = window.findChild(CatalogDialog)
    assert "Public hlth" in _names(found.pages["career_field"])


def test_a_refused_undo_is_shown_and_leaves_the_data(window, dialog, qtbot, strays, messages):
    page = dialog.current_page()
    _click_row(qtbot, page, "Acme Inc")
    merge = dialog.merge_selected()
    qtbot.keyClicks(merge.filter, "acme")
    _click_row(qtbot, merge, "Acme")
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    Organization.create(name="Acme Inc")  # the name is taken again meanwhile
    count = Organization.select().count()
    window.undo_action.trigger()
    assert messages["warn"] and "cannot be undone" in messages["warn"][-1]
    assert Organization.select().count() == count
