"""The person editor's "More details": name parts, nickname, birthday, photo, further ways to
reach them, addresses, dates, related names and custom fields, in a section that folds away
and remembers whether it was open."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.people import PersonForm
from netdesk.core.person_details import Entry
from netdesk.ui.common.forms import buddy_label
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.wording import plural
from netdesk.ui.people.address_edit import AddressListEdit
from netdesk.ui.people.birthday_edit import BirthdayEdit
from netdesk.ui.people.entry_list_edit import EntryListEdit
from netdesk.ui.people.photo_edit import PhotoEdit

OPEN_KEY = "person_editor/more_details_open"
"""QSettings key: whether "More details" was left open."""

ENTRY_GROUPS = {
    "entries": ("email", "phone", "web", "social", "im"),
    "dates": ("event",),
    "related": ("related",),
    "custom_fields": ("custom",),
}
"""The lists "More details" shows the entries in (the attribute of each, its kinds)."""
GROUP_OF = {kind: group for group, kinds in ENTRY_GROUPS.items() for kind in kinds}


class FoldingSection(QWidget):
    """A heading button that shows or hides ``body``; the state is kept in QSettings."""

    toggled = Signal(bool)

    def __init__(self, title: str, body: QWidget, settings_key: str, parent=None):
        super().__init__(parent)
        self.body = body
        self._key = settings_key
        self.button = QToolButton()
        self.button.setText(title)
        self.button.setAccessibleName(title.replace("&", ""))
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.button.font()
        font.setBold(True)
        self.button.setFont(font)
        self.summary = plain_label()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.button)
        top.addWidget(self.summary, 1)
        top.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(body)
        self.button.toggled.connect(self._toggled)
        opened = QSettings().value(settings_key, False, type=bool)
        self.button.setChecked(opened)
        self._toggled(opened, remember=False)

    def is_open(self) -> bool:
        return self.button.isChecked()

    def set_open(self, opened: bool) -> None:
        self.button.setChecked(opened)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.button.setAccessibleDescription(text)

    def _toggled(self, opened: bool, remember: bool = True) -> None:
        self.button.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.body.setVisible(opened)
        self.summary.setVisible(not opened)
        if remember:
            QSettings().setValue(self._key, opened)
        self.toggled.emit(opened)


def build_more_details(fields) -> FoldingSection:
    """Make the widgets of "More details" as attributes of ``fields`` (a PersonFields):
    ``name_prefix``, ``middle_name``, ``name_suffix``, ``nickname``, ``birthday``, ``photo``,
    ``entries`` (ways to reach them), ``addresses``, ``dates``, ``related``,
    ``custom_fields``, ``record_source``, ``consent`` and ``consent_date``."""
    fields.name_prefix = fields._line("name_prefix", "e.g. Dr")
    fields.middle_name = fields._line("middle_name")
    fields.name_suffix = fields._line("name_suffix", "e.g. Jr, PhD")
    fields.nickname = fields._line("nickname")
    fields.birthday = BirthdayEdit()
    fields.birthday.edited.connect(fields._edited)
    fields.photo = PhotoEdit()
    fields.photo.edited.connect(fields._edited)
    fields.entries = EntryListEdit(ENTRY_GROUPS["entries"], "Other ways to reach them",
                                   offers_preferred=True)
    fields.entries.make_preferred_requested.connect(fields._make_preferred)
    fields.addresses = AddressListEdit()
    fields.dates = EntryListEdit(ENTRY_GROUPS["dates"], "Dates")
    fields.related = EntryListEdit(ENTRY_GROUPS["related"], "Related names")
    fields.custom_fields = EntryListEdit(ENTRY_GROUPS["custom_fields"], "Custom fields")
    for widget in (fields.entries, fields.addresses, fields.dates, fields.related,
                   fields.custom_fields):
        widget.edited.connect(fields._edited)
    fields.record_source = fields._line("record_source", "e.g. Student intake form")
    fields.consent = fields._text("Consent", "What they agreed to, e.g. notes kept, "
                                  "contact by email")
    fields.consent.setMinimumHeight(48)
    fields.consent.setMaximumHeight(90)
    fields.consent_date = fields._line("consent_date", "Year-month-day, e.g. 2026-09-01")

    body = QWidget()
    form = QFormLayout(body)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    parts = QHBoxLayout()
    parts.addWidget(fields._checked("name_prefix", fields.name_prefix), 1)
    parts.addWidget(fields._checked("middle_name", fields.middle_name), 2)
    parts.addWidget(fields._checked("name_suffix", fields.name_suffix), 1)
    form.addRow(buddy_label("Prefi&x, middle, suffix", fields.name_prefix), parts)
    form.addRow(buddy_label("N&ickname", fields.nickname),
                fields._checked("nickname", fields.nickname))
    form.addRow(buddy_label("Birthda&y", fields.birthday),
                fields._checked("birthday", fields.birthday))
    form.addRow(buddy_label("P&hoto", fields.photo), fields.photo)
    form.addRow(buddy_label("Also rea&ch at", fields.entries),
                fields._checked("entries", fields.entries))
    form.addRow(buddy_label("Add&resses", fields.addresses), fields.addresses)
    form.addRow(buddy_label("Dates", fields.dates), fields.dates)
    form.addRow(buddy_label("Related names", fields.related), fields.related)
    form.addRow(buddy_label("C&ustom fields", fields.custom_fields), fields.custom_fields)
    form.addRow(buddy_label("Record source", fields.record_source),
                fields._checked("record_source", fields.record_source))
    form.addRow(buddy_label("Consent", fields.consent), fields.consent)
    form.addRow(buddy_label("Consent given on", fields.consent_date),
                fields._checked("consent_date", fields.consent_date))
    fields.more_form = form
    return FoldingSection("More details", body, OPEN_KEY)


def align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of ``forms`` one width, so their fields line up."""
    labels = [item.widget() for form in forms for row in range(form.rowCount())
              if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
              and item.widget() is not None]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def shown_entries(fields, saved: list[Entry]) -> list[Entry]:
    """The entries of every list of "More details", in the order of ``saved`` as far as it
    goes (so an unchanged person compares equal to what was loaded), new ones after."""
    pending = {group: list(getattr(fields, group).value()) for group in ENTRY_GROUPS}
    result = []
    for entry in saved:
        group = pending.get(GROUP_OF.get(entry.kind, ""))
        if group:
            result.append(group.pop(0))
    for group in ENTRY_GROUPS:
        result += pending[group]
    return result


def show_entries(fields, entries: list[Entry]) -> None:
    """Show ``entries`` in the lists; a list already showing its part is left alone."""
    for group, kinds in ENTRY_GROUPS.items():
        part = [e for e in entries if e.kind in kinds]
        widget = getattr(fields, group)
        if widget.value() != part:
            widget.set_value(part)


def summary(form: PersonForm) -> str:
    """What "More details" holds, for its folded heading: "Birthday · 2 addresses · …"."""
    kinds = [e.kind for e in form.entries]
    reach = sum(kinds.count(k) for k in ENTRY_GROUPS["entries"])
    items = [
        "Name parts" if any((form.name_prefix, form.middle_name, form.name_suffix)) else "",
        "Nickname" if form.nickname.strip() else "",
        "Birthday" if form.birthday.strip() else "",
        "Photo" if form.photo else "",
        plural(reach, "more way to reach", "more ways to reach") if reach else "",
        plural(len(form.addresses), "address", "addresses") if form.addresses else "",
        plural(kinds.count("event"), "date") if "event" in kinds else "",
        plural(kinds.count("related"), "related name") if "related" in kinds else "",
        plural(kinds.count("custom"), "custom field") if "custom" in kinds else "",
        "Record source" if form.record_source.strip() else "",
        "Consent" if form.consent.strip() or form.consent_date.strip() else "",
    ]
    return " · ".join(i for i in items if i)
