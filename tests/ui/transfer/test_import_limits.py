"""The import wizard with files at and past netdesk's limits, driven as a user would."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from netdesk.app import main
from netdesk.core import limits
from netdesk.db.models import Person
from netdesk.ui.transfer.import_dialog import ImportWizard


def _wide_csv(path, columns: int) -> None:
    titles = ["First name", "Last name"] + [f"c{n}" for n in range(columns - 2)]
    path.write_text(",".join(titles) + "\nAda,Lovelace\nGrace,Hopper\n", encoding="utf-8")


def _choose(qtbot, monkeypatch, path) -> ImportWizard:
    wizard = ImportWizard(kind="csv")
    qtbot.addWidget(wizard)
    wizard.open()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(wizard.source_page.browse, Qt.MouseButton.LeftButton)
    assert wizard.source_page.path.text() == str(path)
    return wizard


def _next(qtbot, wizard) -> float:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    start = time.perf_counter()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return time.perf_counter() - start


@pytest.mark.timeout(60)
def test_a_million_columns_are_refused_at_once_naming_the_count(qtbot, db, tmp_path,
                                                                 monkeypatch, capsys):
    path = tmp_path / "wide.csv"
    _wide_csv(path, 1_000_000)
    wizard = _choose(qtbot, monkeypatch, path)
    seconds = _next(qtbot, wizard)
    assert wizard.currentId() == ImportWizard.SOURCE
    message = wizard.source_page.error.label.text()
    assert "1,000,000 columns" in message and f"up to {limits.MAX_COLUMNS:,}" in message
    assert wizard.source_page.error.isVisible()
    assert seconds < 10  # it froze the wizard for 8 minutes
    start = time.perf_counter()
    status = main(["import", "csv", str(path), "--db", str(tmp_path / "n.sqlite3")])
    cli_seconds = time.perf_counter() - start
    assert status == 1
    assert "1,000,000 columns" in capsys.readouterr().err
    assert seconds < cli_seconds + 5
    assert Person.select().count() == 0


@pytest.mark.timeout(60)
def test_the_widest_file_read_maps_and_imports(qtbot, db, tmp_path, monkeypatch):
    path = tmp_path / "wide.csv"
    _wide_csv(path, limits.MAX_COLUMNS)
    wizard = _choose(qtbot, monkeypatch, path)
    assert _next(qtbot, wizard) < 10
    assert wizard.currentId() == ImportWizard.MAPPING
    assert len(wizard.mapping_page.combos) == limits.MAX_COLUMNS
    _next(qtbot, wizard)
    assert wizard.currentId() == ImportWizard.PREVIEW
    _next(qtbot, wizard)
    assert wizard.currentId() == ImportWizard.RESULT
    assert Person.select().count() == 2


def test_a_json_file_with_a_wrong_value_is_refused_on_the_first_page(qtbot, db, tmp_path,
                                                                      monkeypatch, capsys):
    import json

    from netdesk.app import main as cli
    from tests.formats.conftest import table_dump
    from tests.formats.test_database_values import sample_dump

    dump = sample_dump(db)
    columns = dump["tables"]["follow_up"]["columns"]
    dump["tables"]["follow_up"]["rows"][2][columns.index("due_on")] = 12345
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    before = table_dump(db)
    wizard = ImportWizard(kind="json")
    qtbot.addWidget(wizard)
    wizard.open()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(wizard.source_page.browse, Qt.MouseButton.LeftButton)
    _next(qtbot, wizard)
    assert wizard.currentId() == ImportWizard.SOURCE
    message = wizard.source_page.error.label.text()
    assert "table 'follow_up', row 3" in message and "column 'due_on'" in message
    assert "12345 is not a date" in message
    assert table_dump(db) == before
    assert cli(["import", "json", str(path), "--dry-run",
                "--db", str(tmp_path / "other.sqlite3")]) == 1
    assert "column 'due_on'" in capsys.readouterr().err
