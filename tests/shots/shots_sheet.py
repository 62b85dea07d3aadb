"""Question sheets: the first page of a sample sheet, the print preview, the blank-sheet dialog."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel

from netdesk.core.sheet import interview_sheet
from netdesk.db.models import Interview, Person
from netdesk.render.sheet_pages import render_page_image
from netdesk.ui.sheets.blank_sheet_dialog import BlankSheetDialog
from netdesk.ui.sheets.printing import preview_sheet


def sample_interview_id() -> int:
    person = Person.get(Person.first_name == "Fatima")
    return Interview.get(Interview.person == person).id


def page_label(image) -> QLabel:
    label = QLabel()
    label.setPixmap(QPixmap.fromImage(image))
    label.resize(image.size())
    return label


def shots(window):
    sheet = interview_sheet(sample_interview_id())
    yield "sheet-page-1", page_label(render_page_image(sheet, 0, dpi=110))
    yield "sheet-page-2", page_label(render_page_image(sheet, 1, dpi=110))
    preview = preview_sheet(window, sheet)
    preview.resize(1000, 900)
    yield "sheet-print-preview", preview
    dialog = BlankSheetDialog(window)
    dialog.category.setCurrentIndex(dialog.category.findData("advice"))
    yield "sheet-blank-dialog", dialog
    first_three = dialog._question_items()[:3]
    dialog.set_picked([item.data(Qt.ItemDataRole.UserRole) for item in first_three])
    dialog.heading.setText("Riverton career fair")
    yield "sheet-blank-dialog-picked", dialog
