"""OrganizationEditor: a dialog for an organization's name, sector, website, culture and staff."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from netdesk.core.organizations import (
    OrganizationForm,
    organization_called,
    save_organization,
    staff,
    validate,
)
from netdesk.core.vocabulary import SECTOR_LABELS
from netdesk.db.models import Organization
from netdesk.ui.common.changes import publish
from netdesk.ui.common.forms import buddy_label, save_cancel_buttons, show_first_problem
from netdesk.ui.common.plain_messages import confirm
from netdesk.ui.common.plain_text import open_link, plain_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, text_size


class OrganizationEditor(QDialog):
    """Edit one organization (or create one when ``organization_id`` is None)."""

    open_person_requested = Signal(int)

    def __init__(self, organization_id: int | None = None, parent=None, name: str = ""):
        super().__init__(parent)
        self.organization_id = organization_id
        self.setWindowTitle("Organization")
        fit_to_screen(self, text_size(self, 74, 33))
        organization = Organization.get_or_none(Organization.id == organization_id)

        self.name = QLineEdit(organization.name if organization else name)
        self.name.setAccessibleName("Organization name")
        self.sector = QComboBox()
        self.sector.setAccessibleName("Sector")
        for key, label in SECTOR_LABELS.items():
            self.sector.addItem(label, key)
        self.sector.setCurrentIndex(self.sector.findData(organization.sector if organization
                                                         else ""))
        self.website = QLineEdit(organization.website if organization else "")
        self.website.setPlaceholderText("https://…")
        self.website.setAccessibleName("Website")
        self.website.setCursorPosition(0)  # the start of a long address shows, not its end
        open_site = QPushButton("Open")
        open_site.clicked.connect(lambda: open_link(self.website.text()))
        self.culture_notes = QPlainTextEdit(organization.culture_notes if organization else "")
        self.culture_notes.setPlaceholderText("How people work there, values, pace, dress…")
        self.culture_notes.setAccessibleName("Culture notes")
        self.notes = QPlainTextEdit(organization.notes if organization else "")
        self.notes.setAccessibleName("Notes")
        self.problem = problem_label()
        self.staff = QListWidget()
        self.staff.setAccessibleName("Staff list")
        self.staff.setUniformItemSizes(True)
        self.staff.itemActivated.connect(self._open_person)
        for person_id, person_name, title in staff(organization_id) if organization else []:
            item = QListWidgetItem(" — ".join(x for x in (person_name, title) if x))
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.staff.addItem(item)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Sector", self.sector)
        website_row = QHBoxLayout()
        website_row.addWidget(self.website, 1)
        website_row.addWidget(open_site)
        form.addRow(buddy_label("&Website", self.website), website_row)
        form.addRow("&Culture", self.culture_notes)
        form.addRow("N&otes", self.notes)
        staff_label = f"Staff in my network ({self.staff.count()})"
        form.addRow(staff_label, self.staff if self.staff.count() else
                    plain_label("Nobody yet. Set this organization on a person to list them."))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(save_cancel_buttons(self, self.save))

    def form(self) -> OrganizationForm:
        return OrganizationForm(
            name=self.name.text(), sector=self.sector.currentData(),
            website=self.website.text(), culture_notes=self.culture_notes.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        """Save and close; a name another organization has offers to merge into it."""
        form = self.form()
        other = organization_called(form.name, self.organization_id)
        problems = validate(form, self.organization_id)
        if other is not None and self.organization_id is not None:
            problems.pop("name", None)
        if show_first_problem(self, self.problem, problems):
            return
        merge = False
        if other is not None:
            current = Organization.get_by_id(self.organization_id).name
            if not confirm(
                    self, "Merge organizations",
                    f"Another organization is already called {other.name}.\n\n"
                    f"Merge {current} into {other.name}? Its people move to {other.name}, "
                    f"and its notes are added to those of {other.name}.",
                    "Merge", details="This cannot be undone."):
                self.problem.setText(f"Another organization is already called {other.name}.")
                self.name.setFocus()
                return
            merge = True
        changes = save_organization(self.organization_id, form, merge=merge)
        self.organization_id = changes.id
        publish(changes, self)
        self.accept()

    def _open_person(self, item: QListWidgetItem) -> None:
        self.open_person_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
