"""The import wizard and the export dialog, driven as a user would."""

from __future__ import annotations

import datetime
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from netdesk.db.models import Interaction, Organization, Person
from netdesk.formats.people_import import ADD, MERGE, SKIP
from netdesk.ui.transfer.export_dialog import ExportDialog, export_actions
from netdesk.ui.transfer.import_dialog import ImportWizard, import_actions
from netdesk.ui.transfer.import_plan_model import ImportPlanModel
from tests.formats.conftest import BAD, GOOD, table_dump


def _wizard(qtbot, kind, path=None):
    wizard = ImportWizard(kind=kind)
    qtbot.addWidget(wizard)
    wizard.open()
    if path is not None:
        wizard.source_page.path.clear()
        qtbot.keyClicks(wizard.source_page.path, str(path))
    return wizard


def choose(qtbot, combo, data):
    """Pick the item holding ``data`` with the keyboard, as a user would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def _click(qtbot, wizard, which):
    button = wizard.button(which)
    assert button.isEnabled(), f"{which} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_linkedin_import_with_preview(qtbot, db, events, qtmodeltester):
    Organization.create(name="Navy,   united states")
    wizard = _wizard(qtbot, "linkedin", GOOD / "linkedin_connections.csv")
    relationship = wizard.source_page.relationship
    relationship.setCurrentIndex(relationship.findData("coworker"))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    model = page.model
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert "6 to add, 0 to merge" in page.summary.text()
    assert page.problems.count() == 1
    assert page.problems.item(0).text().startswith("Line 10: no first or last name")
    assert Person.select().count() == 0  # nothing written before Import
    with qtbot.waitSignal(events.changed) as published:
        _click(qtbot, wizard, QWizard.WizardButton.NextButton)  # "Import"
    changes = published.args[0]
    assert len(changes.people_added) == 6 and changes.organizations and changes.people_moved
    assert wizard.currentId() == ImportWizard.RESULT
    assert "Added 6 people" in wizard.result_page.text.text()
    assert Person.select().count() == 6
    assert {p.relationship for p in Person.select()} == {"coworker"}
    grace = Person.get(first_name="Grace")
    assert grace.organization.name == "Navy,   united states"  # matched, not duplicated
    assert grace.interactions.get().occurred_on == datetime.date(2023, 1, 17)
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()


def test_duplicates_default_to_merge_and_can_be_changed_per_row(qtbot, sample_db, events,
                                                                qtmodeltester):
    priya = Person.get(first_name="Priya")
    wizard = _wizard(qtbot, "vcard", GOOD / "google.vcf")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.preview_page
    model = page.model
    qtmodeltester.check(model)
    actions = [model.index(r, ImportPlanModel.ACTION).data(Qt.ItemDataRole.EditRole)
               for r in range(model.rowCount())]
    assert actions == [MERGE, MERGE, ADD]  # Priya and Omar are known; the reception is new
    match = model.index(0, ImportPlanModel.MATCH).data()
    assert match == "Priya Raman (same LinkedIn URL)"
    assert "phone" in model.index(0, ImportPlanModel.CHANGES).data()
    # Omar: add anyway, through the row's editor
    table = page.table
    index = model.index(1, ImportPlanModel.ACTION)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index) or table.focusWidget()
    editor.setCurrentIndex(editor.findData(ADD))
    table.commitData(editor)
    table.closeEditor(editor, table.itemDelegate().EndEditHint.NoHint)
    assert model.index(1, ImportPlanModel.ACTION).data() == "Add anyway"
    # the reception: skip, through selection and the button
    table.selectRow(2)
    assert page.buttons[SKIP].isEnabled()
    qtbot.mouseClick(page.buttons[SKIP], Qt.MouseButton.LeftButton)
    assert model.index(2, ImportPlanModel.ACTION).data(Qt.ItemDataRole.EditRole) == SKIP
    assert "1 to add, 1 to merge" in page.summary.text() and "1 to skip" in page.summary.text()
    qtmodeltester.check(model)
    before = Person.select().count()
    with qtbot.waitSignal(events.changed):
        _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert Person.select().count() == before + 1
    assert Person.select().where(Person.first_name == "Omar").count() == 2
    assert not Person.select().where(Person.last_name == "Reception").exists()
    assert Person.get_by_id(priya.id).phone == "+1 555 0101"
    assert isinstance(wizard.summary.added, int)


def test_generic_csv_with_column_mapping(qtbot, db):
    wizard = _wizard(qtbot, "csv", GOOD / "people.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.MAPPING
    combos = wizard.mapping_page.combos
    assert [c.currentData() for c in combos] == [
        "full_name", "email", "organization", "job_title", "phone:mobile", "tags", "notes", ""]
    # choosing a field twice is refused with a clear message
    combos[7].setCurrentIndex(combos[7].findData("notes"))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.MAPPING
    assert "Notes" in wizard.mapping_page.error.label.text()
    combos[7].setCurrentIndex(combos[7].findData("research_notes"))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert Person.select().count() == 4
    assert Person.get(first_name="Lena").research_notes == "green"
    assert Organization.select().where(Organization.name ** "food share%").count() == 1


def test_no_name_column_stays_on_the_mapping_page(qtbot, db, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("A,B\nx,y\n", encoding="utf-8")
    wizard = _wizard(qtbot, "csv", path)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.MAPPING
    assert "Full name" in wizard.mapping_page.error.label.text()


@pytest.mark.parametrize("kind, name, message", [
    ("vcard", "truncated.vcf", "line 17: the file ends inside the card"),
    ("csv", "truncated.csv", "line 6: the file ends inside a quoted cell"),
    ("linkedin", "missing_column.csv", "'Connected On'"),
    ("csv", "binary.bin", "binary data"),
    ("linkedin", "empty.csv", "empty"),
    ("json", "truncated.json", "cut short"),
])
def test_bad_files_are_explained_on_the_first_page(qtbot, sample_db, kind, name, message):
    before = table_dump(sample_db)
    wizard = _wizard(qtbot, kind, BAD / name)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.SOURCE
    assert wizard.source_page.error.isVisibleTo(wizard)
    assert message in wizard.source_page.error.label.text()
    assert wizard.source_page.error.label.textFormat() == Qt.TextFormat.PlainText
    assert table_dump(sample_db) == before


def test_a_latin1_file_is_read_with_a_guess_and_the_choice_reads_it_again(qtbot, db):
    wizard = _wizard(qtbot, "linkedin", BAD.parent / "csv" / "latin1_connections.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    assert page.encoding.currentData() == "cp1252"
    assert page.encoding.isVisibleTo(wizard)
    assert "guess" in page.encoding_note.text()

    def names():
        return [page.model.index(r, 1).data() for r in range(page.model.rowCount())]

    assert "José Núñez" in names()
    choose(qtbot, page.encoding, "cp1251")
    assert "José Núñez" not in names() and len(names()) == 6  # read again, as Cyrillic
    choose(qtbot, page.encoding, "latin-1")
    assert "José Núñez" in names()
    assert wizard.source_page.encoding.currentData() == "latin-1"
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert Person.select().where(Person.last_name == "Núñez").count() == 1


def test_cancel_before_import_leaves_nothing(qtbot, db):
    before = table_dump(db)
    wizard = _wizard(qtbot, "linkedin", GOOD / "linkedin_connections.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible()
    assert table_dump(db) == before


def test_cancel_during_a_large_import_rolls_it_back(qtbot, db, tmp_path):
    rows = "".join(f"P{i},Q{i},,,Org {i % 50},Engineer,05 Mar 2024\n" for i in range(3000))
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + rows, encoding="utf-8")
    before = table_dump(db)
    wizard = _wizard(qtbot, "linkedin", path)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.preview_page.model.rowCount() == 3000
    seen = []
    hook = wizard._progress_hook

    def cancelling_hook(bar):
        inner = hook(bar)

        def progress(done, total):
            seen.append((done, bar.isVisible()))
            if done >= 1000:
                wizard.reject()  # the user presses Cancel while the import runs
            inner(done, total)
        return progress

    wizard._progress_hook = cancelling_hook
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert seen[0] == (250, True)  # the progress bar is shown
    assert not wizard.isVisible()
    assert wizard.result() == 0
    assert table_dump(db) == before
    assert Interaction.select().count() == 0


def test_whole_database_json_into_an_empty_database(qtbot, sample_db, tmp_path, events):
    from netdesk.db import open_database
    from netdesk.formats.database_json import export_database

    export_database(tmp_path / "all.json")
    before = table_dump(sample_db)
    # into the same, non-empty database: refused on the first page
    wizard = _wizard(qtbot, "json", tmp_path / "all.json")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.SOURCE
    assert "already holds" in wizard.source_page.error.label.text()
    sample_db.close()
    target = open_database(tmp_path / "empty.sqlite3")
    wizard = _wizard(qtbot, "json", tmp_path / "all.json")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert "44 people" in wizard.preview_page.summary.text()
    with qtbot.waitSignal(events.changed):
        _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    after = table_dump(target)
    assert {k: v for k, v in after.items() if k != "schema_migration"} == {
        k: v for k, v in before.items() if k != "schema_migration"}
    target.close()


def test_actions_open_the_wizard_with_the_kind(qtbot):
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    opened = []
    actions = import_actions(host, opened.append)
    assert [a.text() for a in actions][0] == "LinkedIn connections (Connections.csv)…"
    assert all(a.statusTip() for a in actions)
    actions[1].trigger()
    assert opened == ["vcard"]
    exported = []
    actions = export_actions(host, exported.append)
    actions[3].trigger()
    assert exported == ["json"]
    assert all(a.statusTip() for a in actions)


def test_export_dialog_writes_each_kind(qtbot, sample_db, tmp_path):
    dialog = ExportDialog(kind="vcard")
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.path, str(tmp_path / "people"))
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert signal.args == [str(tmp_path / "people.vcf"), 44]
    assert (tmp_path / "people.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 44
    assert "Exported 44 people" in dialog.message.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("json"))
    assert dialog.path.text() == str(tmp_path / "people.json")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert json.loads((tmp_path / "people.json").read_text())["format"] == "netdesk-database"
    dialog.kind.setCurrentIndex(dialog.kind.findData("csv-organizations"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "people.csv").read_text(encoding="utf-8-sig").startswith("Name,Sector")


def test_export_dialog_reports_a_folder_it_cannot_write(qtbot, sample_db, tmp_path):
    dialog = ExportDialog(kind="csv")
    qtbot.addWidget(dialog)
    dialog.open()
    (tmp_path / "taken.csv").mkdir()
    qtbot.keyClicks(dialog.path, str(tmp_path / "taken.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "folder" in dialog.message.text()
    dialog.path.setText(str(tmp_path / "missing" / "x.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Could not write" in dialog.message.text()
    assert dialog.isVisible()


def test_a_dropped_or_chosen_file_sets_the_kind(qtbot, db, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QFileDialog

    wizard = _wizard(qtbot, "linkedin")
    page = wizard.source_page
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(GOOD / "apple.vcf"))])
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert page.path.text() == str(GOOD / "apple.vcf")
    assert page.current_kind() == "vcard"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(GOOD / "linkedin_connections.csv"), ""))
    qtbot.mouseClick(page.browse, Qt.MouseButton.LeftButton)
    assert page.current_kind() == "linkedin"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(GOOD / "people.csv"), ""))
    qtbot.mouseClick(page.browse, Qt.MouseButton.LeftButton)
    assert page.current_kind() == "csv"


def test_an_import_into_a_network_takes_a_backup_first(sample_db, db_path, tmp_path, qtbot,
                                                       monkeypatch):
    from netdesk.db import backup as backups
    from netdesk.ui.transfer import import_dialog

    taken = []
    monkeypatch.setattr(import_dialog, "backup_now",
                        lambda db, reason: taken.append(reason) or backups.backup_now(
                            db, reason, db_path=db_path, root=tmp_path / "backups"))
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("First Name,Last Name\nZed,Zimmer\n", encoding="utf-8")
    wizard = import_dialog.ImportWizard(None, kind="csv")
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.source_page.path.setText(str(csv_file))
    while wizard.currentPage() is not None and not taken and wizard.currentId() != -1:
        before = wizard.currentId()
        wizard.next()
        if wizard.currentId() == before:
            break
    assert taken == ["import"]
    assert list((tmp_path / "backups").rglob("*.sqlite3"))
