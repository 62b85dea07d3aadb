"""People → Export Everything About… driven as a user would: a zip by default, a folder
when chosen; what was typed in the editor is saved first and is in the export."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtCore import Qt

from netdesk.ui.people.export_about_dialog import ExportAboutDialog
from tests.core.privacy_people import EMAIL, populate


def _open(window, person_id):
    window.select_person(person_id)
    window.privacy_actions[0].trigger()
    dialogs = [d for d in window.findChildren(ExportAboutDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_a_zip_by_default_then_a_folder(qtbot, make_window, db, tmp_path):
    ids = populate()
    window = make_window()
    window.select_person(ids["Zenobia"])
    window.editor.job_title.clear()
    qtbot.keyClicks(window.editor.job_title, "Head of data")
    dialog = _open(window, ids["Zenobia"])
    assert dialog.as_zip.isChecked() and dialog.path.text().endswith(".zip")
    assert "Zenobia Quartermaine - netdesk data" in dialog.path.text()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(tmp_path / "zenobia"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "zenobia.zip"
    assert "Written to" in dialog.message.text() and target.exists()
    with zipfile.ZipFile(target) as archive:
        data = json.loads(archive.read("zenobia/Zenobia Quartermaine.json"))
        card = archive.read("zenobia/Zenobia Quartermaine.vcf").decode()
    person = dict(zip(data["tables"]["person"]["columns"], data["tables"]["person"]["rows"][0],
                      strict=True))
    assert person["job_title"] == "Head of data" and person["email"] == EMAIL
    assert "TITLE:Head of data" in card

    qtbot.mouseClick(dialog.as_folder, Qt.MouseButton.LeftButton)
    assert dialog.path.text().endswith("zenobia")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    folder = tmp_path / "zenobia"
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.txt", "Zenobia Quartermaine.json", "Zenobia Quartermaine.vcf"]
    assert "Exported to" in window.statusBar().currentMessage()


def test_a_file_where_a_folder_should_go_is_said(qtbot, make_window, db, tmp_path):
    ids = populate()
    window = make_window()
    dialog = _open(window, ids["Zenobia"])
    (tmp_path / "taken").write_text("x")
    qtbot.mouseClick(dialog.as_folder, Qt.MouseButton.LeftButton)
    dialog.path.setText(str(tmp_path / "taken"))
    assert not dialog.export()
    assert "is a file" in dialog.message.text()
