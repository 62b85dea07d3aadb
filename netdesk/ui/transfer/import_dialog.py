"""The import wizard: choose a file, map its columns, preview add / merge / skip, import at once.

Nothing is written before the user presses Import on the preview page; the
import then runs as one transaction, with a progress bar, and Cancel during it
rolls everything back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QProgressBar, QWidget, QWizard

from netdesk.core.changes import Changes
from netdesk.db.backup import BackupError, backup_now
from netdesk.db.dialect import is_server
from netdesk.db.models import Person, database_proxy
from netdesk.formats.importing import IMPORT_KINDS
from netdesk.formats.people_import import (
    ImportCancelled,
    ImportPlan,
    ImportSummary,
    apply_plan,
    plan_import,
)
from netdesk.formats.records import FormatError, ParseResult, imported_from
from netdesk.ui.common.changes import publish
from netdesk.ui.common.kind_actions import kind_actions
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.transfer.import_pages import ErrorLine, MappingPage, ResultPage, SourcePage
from netdesk.ui.transfer.import_preview import PreviewPage


class ImportWizard(QWizard):
    """File → Import…: from a file to people in the database, with a preview first."""

    SOURCE, MAPPING, PREVIEW, RESULT = range(4)
    imported = Signal(object)
    """Emitted with the :class:`ImportSummary` (or a dict of table counts for JSON)."""

    def __init__(self, parent=None, kind: str = "linkedin", path: str | Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Close")
        self.table = None
        self.dump: dict | None = None
        self.plan: ImportPlan | None = None
        self.result_text = ""
        self.summary: ImportSummary | dict | None = None
        self._importing = False
        self._cancel_requested = False
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(self.SOURCE, self.source_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.RESULT, self.result_page)
        self.source_page.set_kind(kind)
        if path is not None:
            self.source_page.path.setText(str(path))
        fit_to_screen(self, text_size(self, 140, 36))

    def kind(self) -> str:
        return self.source_page.current_kind()

    def _progress_hook(self, bar: QProgressBar):
        def progress(done: int, total: int) -> None:
            bar.setMaximum(max(total, 1))
            bar.setValue(done)
            QApplication.processEvents()
            if self._cancel_requested:
                raise ImportCancelled
        return progress

    def make_plan(self, result: ParseResult, bar: QProgressBar) -> bool:
        """Match what was read against the database (reads only); False if nothing to do."""
        page = self.currentPage()
        if not result.records and not result.organizations:
            message = "the file holds no one to import"
            if result.problems:
                message += f" ({len(result.problems)} lines with problems, first: " \
                           f"{result.problems[0]})"
            page.error.show_message(message)
            return False
        relationship = self.source_page.relationship.currentData()
        if not result.record_source:  # a CSV read through the column mapping
            result.record_source = imported_from(self.source_page.path.text().strip())
        bar.setValue(0)
        bar.setVisible(len(result.records) > 500)
        self._importing, self._cancel_requested = True, False
        try:
            self.plan = plan_import(result, relationship, progress=self._progress_hook(bar))
        except ImportCancelled:
            self._finish_cancel()
            return False
        finally:
            self._importing = False
            bar.hide()
        return True

    def run_import(self, bar: QProgressBar, error: ErrorLine) -> bool:
        """Write the plan (or the database file) in one transaction; cancel rolls it back."""
        bar.setValue(0)
        bar.show()
        self._importing, self._cancel_requested = True, False
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            def before_write() -> None:  # the backup, right before the first write
                if Person.select().exists() and not is_server():  # a server backs itself up
                    backup_now(database_proxy.obj, "import")

            if self.kind() == "json":
                before_write()
                from netdesk.formats.database_json import load_dump

                counts = load_dump(self.dump)
                self.summary = counts
                self.result_text = (
                    f"Imported the whole database: {counts.get('person', 0)} people, "
                    f"{counts.get('organization', 0)} organizations, "
                    f"{sum(counts.values())} rows in all.")
                publish(Changes.all(), self)
            else:
                summary = apply_plan(self.plan, progress=self._progress_hook(bar),
                                     before_write=before_write)
                self.summary = summary
                self.result_text = _result_text(summary)
                publish(summary.changes, self)
        except ImportCancelled:
            self._finish_cancel()
            return False
        except BackupError as failure:
            error.show_message(f"Nothing was imported: the backup before importing failed "
                               f"({failure}).")
            return False
        except FormatError as failure:
            error.show_message(f"Nothing was imported: {failure}")
            return False
        except Exception as failure:  # noqa: BLE001 - the database refused: nothing was written
            error.show_message(f"Nothing was imported: the database refused the data "
                               f"({failure}).")
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self._importing = False
            bar.hide()
            for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
                self.button(button).setEnabled(True)
        self.imported.emit(self.summary)
        return True

    def _finish_cancel(self) -> None:
        self._cancel_requested = False
        super().reject()

    def reject(self) -> None:
        """Cancel: while importing, stop and roll back first; the dialog closes after."""
        if self._importing:
            self._cancel_requested = True
            return
        super().reject()


def _result_text(summary: ImportSummary) -> str:
    lines = [f"Added {summary.added} {'person' if summary.added == 1 else 'people'}, "
             f"merged {summary.merged}"
             + (f" ({summary.unchanged} had nothing new)" if summary.unchanged else "")
             + (f", {summary.possible_added} possible "
                f"{'duplicate' if summary.possible_added == 1 else 'duplicates'} added as new"
                if summary.possible_added else "")
             + f", skipped {summary.skipped}."]
    if summary.organizations_added:
        count = summary.organizations_added
        lines.append(f"{count} new {'organization' if count == 1 else 'organizations'}.")
    errors = sum(p.rows for p in summary.errors)
    if errors:
        lines.append(f"{errors} lines of the file could not be read and were left out.")
    return "\n".join(lines)


def import_actions(parent: QWidget, open_wizard) -> list[QAction]:
    """File → Import submenu: one action per kind; ``open_wizard(kind)`` shows the wizard."""
    return kind_actions(parent, IMPORT_KINDS, "Import {what} with a preview first", open_wizard)
