"""The import preview's conflict control: keep the person's own values, or take the file's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from netdesk.db.models import Person, PersonEntry
from netdesk.formats.people_import import ADD, MERGE
from netdesk.ui.transfer.import_dialog import ImportWizard
from netdesk.ui.transfer.import_plan_model import ImportPlanModel

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n"
    "EMAIL:ada@example.org\r\nTITLE:Analyst\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hopper;Amazing Grace;;;\r\nFN:Amazing Grace Hopper\r\n"
    "TEL:+1 555 0100\r\nTITLE:Rear admiral\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Turing;Alan;;;\r\nFN:Alan Turing\r\n"
    "EMAIL:alan@example.org\r\nTITLE:Codebreaker\r\nEND:VCARD\r\n")


def _select(qtbot, page, row: int) -> None:
    table = page.table
    rect = table.visualRect(page.model.index(row, ImportPlanModel.NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_take_the_imported_values_in_a_conflict_row_and_a_possible_duplicate(
        qtbot, db, events, tmp_path, qtmodeltester):
    Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                  job_title="Countess")
    Person.create(first_name="Grace", last_name="Hopper", phone="+1 555 0100",
                  job_title="Admiral")
    Person.create(first_name="Alan", last_name="Turing", email="alan@example.org",
                  job_title="Mathematician")
    path = tmp_path / "cards.vcf"
    path.write_text(CARDS, encoding="utf-8")
    wizard = ImportWizard(kind="vcard")
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.source_page.path.clear()
    qtbot.keyClicks(wizard.source_page.path, str(path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    model = page.model
    qtmodeltester.check(model)
    ada, grace, alan = model.plan.rows
    assert (ada.action, grace.action, grace.possible_duplicate) == (MERGE, ADD, True)
    take = page.conflict_buttons[0]
    assert take.isVisible() and not take.isEnabled()  # nothing selected yet

    _select(qtbot, page, 0)
    assert take.isEnabled() and not page.keep_mine.isEnabled()
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    assert ada.take_imported == {"job_title"}
    changes = model.index(0, ImportPlanModel.CHANGES).data()
    assert "job title: takes “Analyst”, “Countess” kept as a custom field" in changes

    _select(qtbot, page, 1)
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    assert grace.action == MERGE  # taking the file's values merges the possible duplicate
    assert grace.take_imported == {"name", "job_title"}
    assert "0 to add, 3 to merge" in page.summary.text()
    qtbot.mouseClick(page.conflict_buttons[1], Qt.MouseButton.LeftButton)  # Keep Mine
    assert grace.take_imported == set() and grace.action == MERGE
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    qtmodeltester.check(model)
    page.grab().save(str(tmp_path / "preview.png"))

    with qtbot.waitSignal(events.changed) as published:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                         Qt.MouseButton.LeftButton)
    assert wizard.currentId() == ImportWizard.RESULT
    stored = {p.email or p.phone: p for p in Person.select()}
    assert Person.select().count() == 3
    assert stored["ada@example.org"].job_title == "Analyst"
    assert (stored["+1 555 0100"].first_name, stored["+1 555 0100"].job_title) == (
        "Amazing Grace", "Rear admiral")
    assert stored["alan@example.org"].job_title == "Mathematician"  # kept: not chosen
    before = {(e.person_id, e.label, e.value) for e in PersonEntry.select()
              if e.kind == "custom"}
    ada_id, grace_id = stored["ada@example.org"].id, stored["+1 555 0100"].id
    assert (ada_id, "Job title (before import)", "Countess") in before
    assert (grace_id, "Job title (before import)", "Admiral") in before
    assert any(p == grace_id and v == "Grace Hopper" for p, _l, v in before)
    assert (stored["alan@example.org"].id, "Job title (imported)", "Codebreaker") in before
    changes = published.args[0]
    assert {ada_id, grace_id} <= set(changes.person_fields)
    assert "job_title" in changes.person_fields[ada_id]


def test_a_file_of_company_cards_alone_imports_organizations_and_undo_removes_them(
        qtbot, db, events, tmp_path):
    from netdesk.db.models import Organization
    from netdesk.formats.import_undo import undo_import

    path = tmp_path / "companies.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme Labs\r\n"
                    "URL:https://acme.example\r\nEND:VCARD\r\n", encoding="utf-8")
    wizard = ImportWizard(kind="vcard")
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.source_page.path.clear()
    qtbot.keyClicks(wizard.source_page.path, str(path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.preview_page
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert "1 organization to add from company cards" in page.summary.text()
    assert page.problems.count() == 0  # the card is not "skipped": it is imported
    with qtbot.waitSignal(events.changed) as published:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                         Qt.MouseButton.LeftButton)
    assert "1 new organization" in wizard.result_page.text.text()
    acme = Organization.get(Organization.name == "Acme Labs")
    assert acme.website == "https://acme.example"
    assert acme.id in published.args[0].organizations
    undo_import(wizard.summary.record)
    assert Organization.select().count() == 0
