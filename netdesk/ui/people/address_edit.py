"""AddressListEdit: a person's postal addresses, each with a label, street over several lines,
city, region, postal code and country."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.limits import LINE_CHARS
from netdesk.core.person_details import Address
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.people.contact_edits import LabelCombo, fit_length

_LINES = (("city", "City"), ("region", "Region or state"), ("postal_code", "Postal code"),
          ("country", "Country"))
STREET_LINES = 3
"""How many lines of street the field shows before it scrolls."""


class _AddressBox(QFrame):
    """One address, in a frame of its own."""

    def __init__(self, owner: AddressListEdit):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = LabelCombo("Address label")
        self.label.edited.connect(owner.edited)
        self.remove = QPushButton("Remove")
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(lambda: owner.remove_address(self))
        self.street = QPlainTextEdit()
        self.street.setTabChangesFocus(True)
        self.street.setPlaceholderText("Street (several lines if needed)")
        metrics = self.street.fontMetrics()
        margins = self.street.contentsMargins()
        self.street.setFixedHeight(metrics.lineSpacing() * STREET_LINES + 2 * metrics.descent()
                                   + margins.top() + margins.bottom()
                                   + 2 * self.street.frameWidth())
        self.street.textChanged.connect(lambda: owner._loading or owner.edited.emit())
        self.lines: dict[str, QLineEdit] = {}
        for name, text in _LINES:
            line = QLineEdit()
            line.setPlaceholderText(text)
            line.setMaxLength(LINE_CHARS)
            line.textEdited.connect(lambda _text: owner.edited.emit())
            self.lines[name] = line
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(self.remove)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(self.street, 1, 0, 1, 2)
        grid.addWidget(self.lines["city"], 2, 0)
        grid.addWidget(self.lines["region"], 2, 1)
        grid.addWidget(self.lines["postal_code"], 3, 0)
        grid.addWidget(self.lines["country"], 3, 1)

    def address(self) -> Address:
        return Address(self.label.value().strip(), self.street.toPlainText().strip(),
                       **{name: line.text().strip() for name, line in self.lines.items()})

    def set_address(self, address: Address) -> None:
        self.label.set_value(address.label)
        self.street.setPlainText(address.street)
        for name, line in self.lines.items():
            fit_length(line, getattr(address, name))
            line.setText(getattr(address, name))

    def name(self, number: int) -> None:
        what = f"Address {number}"
        self.setAccessibleName(what)
        self.label.setAccessibleName(f"Label of {what}")
        self.street.setAccessibleName(f"Street of {what}")
        for name, text in _LINES:
            self.lines[name].setAccessibleName(f"{text} of {what}")
        self.remove.setAccessibleName(f"Remove {what}")
        self.remove.setToolTip(f"Remove {what}")


class AddressListEdit(QWidget):
    """Edits a person's postal addresses; :meth:`value` leaves out empty ones."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Addresses")
        self.boxes: list[_AddressBox] = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.boxes_layout = QVBoxLayout()
        self.boxes_layout.setSpacing(4)
        layout.addLayout(self.boxes_layout)
        self.empty = plain_label("No address")
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.empty)
        self.add_button = QPushButton("Add address")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_address)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        self.setFocusProxy(self.add_button)

    def value(self) -> list[Address]:
        return [a for a in (box.address() for box in self.boxes) if not a.is_empty()]

    def set_value(self, addresses: list[Address]) -> None:
        self._loading = True
        try:
            for box in self.boxes:
                box.deleteLater()
            self.boxes = []
            for address in addresses:
                self._append().set_address(address)
        finally:
            self._loading = False
        self._rename()

    def add_address(self) -> None:
        box = self._append()
        self._rename()
        box.street.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_address(self, box: _AddressBox) -> None:
        index = self.boxes.index(box)
        self.boxes.remove(box)
        box.hide()
        box.deleteLater()
        self._rename()
        (self.boxes[min(index, len(self.boxes) - 1)].street if self.boxes
         else self.add_button).setFocus()
        self.edited.emit()

    def _append(self) -> _AddressBox:
        box = _AddressBox(self)
        self.boxes.append(box)
        self.boxes_layout.addWidget(box)
        return box

    def _rename(self) -> None:
        for number, box in enumerate(self.boxes, 1):
            box.name(number)
        self.empty.setVisible(not self.boxes)
