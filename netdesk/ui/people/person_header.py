"""PersonHeader: the card at the top of the person editor — photo or initials, the full name,
title · department · organization, and the stage as a word on its colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from netdesk.core.people import STAGE_LABELS, PersonForm
from netdesk.ui.common.avatar import avatar_pixmap
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.theme import colours, scaled_font, text_on


def full_name(form: PersonForm) -> str:
    """"Dr Ann Marie Lee Jr": prefix, first, middle and last name, suffix."""
    parts = (form.name_prefix, form.first_name, form.middle_name, form.last_name,
             form.name_suffix)
    return " ".join(p.strip() for p in parts if p.strip())


def role_line(form: PersonForm) -> str:
    """"Analyst · Research · Acme": job title, department, organization."""
    parts = (form.job_title, form.department, " ".join(form.organization.split()))
    return " · ".join(p.strip() for p in parts if p.strip())


class PersonHeader(QWidget):
    """Shows one person's card; :meth:`show_person` fills it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.avatar = QLabel()
        self.avatar.setAccessibleName("Photo")
        self.heading = plain_label()
        self.heading.setFont(scaled_font(self.font(), "heading", bold=True))
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subheading = plain_label()
        self.subheading.setWordWrap(True)
        self.stage_chip = plain_label()
        self.stage_chip.setObjectName("stage_chip")
        self.stage_chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._key = 0
        self._name = ""
        self._photo = b""
        self._stage = ""
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.heading)
        text.addWidget(self.subheading)
        chip_row = QHBoxLayout()
        chip_row.addWidget(self.stage_chip)
        chip_row.addStretch(1)
        text.addLayout(chip_row)
        text.addStretch(1)
        self.text_layout = text  # name, role, stage; the method's tier panel goes under them
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)

    def avatar_size(self) -> int:
        return self.fontMetrics().height() * 4

    def show_person(self, form: PersonForm, person_id: int | None) -> None:
        name = full_name(form)
        self.heading.setText(name or "New person")
        nickname = form.nickname.strip()
        role = role_line(form)
        self.subheading.setText(" — ".join(x for x in (role, f"“{nickname}”" if nickname
                                                        else "") if x))
        self.subheading.setVisible(bool(self.subheading.text()))
        self._key, self._name, self._photo = person_id or 0, name, form.photo
        self._stage = form.stage if person_id else ""
        self._paint()

    def _paint(self) -> None:
        size = self.avatar_size()
        self.avatar.setFixedSize(size, size)
        self.avatar.setPixmap(avatar_pixmap(self._name or "?", self._key, size,
                                            self._photo or None, self.devicePixelRatioF()))
        label = STAGE_LABELS.get(self._stage, "")
        self.stage_chip.setVisible(bool(label))
        if label:
            background = colours(self.palette()).stage(self._stage)
            self.stage_chip.setText(label)
            self.stage_chip.setAccessibleName(f"Stage: {label}")
            self.stage_chip.setStyleSheet(
                f"background: {background.name()}; color: {text_on(background).name()};"
                f" border-radius: {self.fontMetrics().height() // 2}px;"
                f" padding: 1px {self.fontMetrics().averageCharWidth()}px;")

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._paint()
