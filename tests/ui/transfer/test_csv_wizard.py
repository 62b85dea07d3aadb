"""The import wizard with address-book CSV files: the layout named, groups as tags when
ticked, columns not imported listed, the encoding guess shown and changed."""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWizard

from netdesk.db.models import Person
from netdesk.ui.transfer.import_dialog import ImportWizard
from tests.formats.conftest import DATA
from tests.ui.transfer.test_import_dialog import _click, _wizard, choose

CSV = DATA / "csv"


def test_google_csv_through_the_wizard(qtbot, db, events, tmp_path):
    wizard = _wizard(qtbot, "csv", CSV / "google_contacts.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.MAPPING
    page = wizard.mapping_page
    assert page.recognised.text().startswith("Recognised: Google Contacts")
    assert page.groups.isVisibleTo(wizard) and not page.groups.isChecked()
    titles = wizard.table.header
    phone = page.combos[titles.index("Phone 2 - Value")]
    assert phone.currentText() == "Phone" and phone.currentData() == "phone@phone 2"
    if os.environ.get("NETDESK_SHOTS"):
        wizard.grab().save(os.environ["NETDESK_SHOTS"] + "/mapping.png")
    # tick, untick and tick again: the last state counts
    for checked in (True, False, True):
        qtbot.mouseClick(page.groups, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, page.groups.height() // 2))  # on the box
        assert page.groups.isChecked() == checked
        qtbot.wait(QApplication.doubleClickInterval() + 50)  # single clicks, not a double
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    preview = wizard.preview_page
    assert preview.not_imported.isVisibleTo(wizard)
    assert "Photo (1 row)" in preview.not_imported.text()
    assert "Labels" not in preview.not_imported.text()  # taken as tags
    assert preview.encoding.currentText() == "UTF-8" and not preview.encoding_note.text()
    assert preview.model.rowCount() == 3
    assert Person.select().count() == 0
    with qtbot.waitSignal(events.changed):
        _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    priya = Person.get(first_name="Priya")
    assert (priya.email, priya.job_title, priya.tags) == (
        "priya@brightleaf.example", "Engineering manager", "Friends, Data people")
    assert Person.get(first_name="小明").tags == ""


def test_groups_unticked_are_listed_as_not_imported(qtbot, db):
    wizard = _wizard(qtbot, "csv", CSV / "google_contacts_legacy.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    text = wizard.preview_page.not_imported.text()
    assert "Group Membership (2 rows)" in text and "Gender (1 row)" in text
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert Person.get(first_name="Lena").tags == ""


def test_the_encoding_guess_is_shown_and_changing_it_reads_the_file_again(qtbot, db):
    wizard = _wizard(qtbot, "csv", CSV / "outlook.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.mapping_page.recognised.text().startswith("Recognised: Outlook")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    preview = wizard.preview_page
    assert preview.encoding.currentData() == "cp1252"
    assert "guess" in preview.encoding_note.text()
    labels = [preview.encoding.itemText(i) for i in range(preview.encoding.count())]
    for name in ("Shift_JIS", "GB18030", "Big5", "EUC-KR", "Windows-1250", "Windows-1251",
                 "Windows-1252", "Latin-1", "UTF-16"):
        assert any(name in label for label in labels), name

    def names():
        return [preview.model.index(r, 1).data() for r in range(preview.model.rowCount())]

    assert "Sofia Álvarez" in names()
    if os.environ.get("NETDESK_SHOTS"):
        wizard.grab().save(os.environ["NETDESK_SHOTS"] + "/preview.png")
    choose(qtbot, preview.encoding, "cp1251")
    assert "Sofia Álvarez" not in names() and len(names()) == 2
    assert wizard.table.encoding == "cp1251"
    choose(qtbot, preview.encoding, "cp1252")
    assert "Sofia Álvarez" in names()
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert Person.get(last_name="Álvarez").name_prefix in ("", "Ms.")  # stored by the engine


def test_a_file_with_a_bad_row_is_refused_in_the_preview(qtbot, db, tmp_path):
    wizard = _wizard(qtbot, "csv", CSV / "mixed_delimiters.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    preview = wizard.preview_page
    assert any("separated by semicolons" in preview.problems.item(i).text()
               for i in range(preview.problems.count()))
    assert preview.model.rowCount() == 2
