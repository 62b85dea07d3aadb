"""LampModel: the ranked LAMP list as a table, with Advocacy, Motivation and Posting editable.

A thin view over :func:`netdesk.core.lamp.lamp_rows` (one query for the whole list). An edit
is written through ``core.lamp.set_scores`` and published; the model reads the list again
on every change that can move a row (scores, people, referrals, organizations), so the
ranking and this week's focus always follow.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyledItemDelegate

from netdesk.core.changes import Changes
from netdesk.core.lamp import (
    MOTIVATION_RANGE,
    POSTING_RANGE,
    LampError,
    LampRow,
    lamp_rows,
    set_scores,
)
from netdesk.core.vocabulary import LAMP_PASS_LABELS, LAMP_PASS_SHORT_LABELS
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.theme import colours, icon

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
ORGANIZATION_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("rank", "focus", "name", "found_in", "advocacy", "motivation", "posting", "people")
HEADINGS = {
    "rank": "#", "focus": "Focus", "name": "Organization", "found_in": "Found in",
    "advocacy": "Advocacy", "motivation": "Motivation", "posting": "Posting",
    "people": "People",
}
TIPS = {
    "focus": "The five best-ranked organizations: this week's focus.",
    "advocacy": "Yes when someone you know works there, or someone you know referred you "
                "to a person there (at most two referral steps). Double-click to set your "
                "own yes or no.",
    "motivation": "How much you want to work there: 0 (not at all) to 3 (very much).",
    "posting": "1: no relevant posting, 2: a posting in your field, 3: a posting for the "
               "role you want.",
    "people": "People of your network who work there (and how many are one or two "
              "referral steps from you).",
}
FOCUS_TEXT = "This week"
ADVOCACY_CHOICES = ("As computed", "Yes", "No")
EDITABLE = frozenset({"advocacy", "motivation", "posting"})


def advocacy_text(row: LampRow) -> str:
    word = "Yes" if row.advocacy else "No"
    return f"{word} (set by you)" if row.overridden else word


def people_text(row: LampRow) -> str:
    if not row.staff:
        return "Nobody yet"
    return f"{row.staff} ({row.advocates} close)" if row.advocates else f"{row.staff}"


class LampModel(QAbstractTableModel):
    """The list, ranked; ``rows`` holds the last read (what is shown)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[LampRow] = []
        self._focus_icon = None
        self.error = ""
        publisher().changed.connect(self.apply_changes)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = lamp_rows()
        self.endResetModel()

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        if changes.everything or changes.lamp or changes.organizations or changes.referrals \
                or changes.people_added or changes.people_removed \
                or any("*" in names or "organization" in names or "relationship" in names
                       for names in changes.person_fields.values()):
            self.reload()

    def row_of_entry(self, entry_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.entry_id == entry_id), None)

    # Qt's model API ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADINGS[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS.get(key)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemNeverHasChildren
        if COLUMNS[index.column()] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, key)
        if role == Qt.ItemDataRole.EditRole:
            if key == "advocacy":
                return 0 if row.advocacy_override is None else (1 if row.advocacy_override
                                                                else 2)
            return getattr(row, key, None) if key in EDITABLE else self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "advocacy":
                computed = "yes" if row.computed_advocacy else "no"
                return (f"Computed from your network: {computed}; you set "
                        f"{'yes' if row.advocacy else 'no'}." if row.overridden
                        else f"Computed from your network: {computed}.")
            if key == "found_in":
                return f"Found in the pass: {LAMP_PASS_LABELS[row.found_in].lower()}"
            if key == "focus" and row.focus:
                return f"Ranked {row.rank}: one of this week's five."
            return TIPS.get(key)
        if role == Qt.ItemDataRole.DecorationRole and key == "focus" and row.focus:
            if self._focus_icon is None:
                self._focus_icon = icon("focus")
            return self._focus_icon
        if role == Qt.ItemDataRole.FontRole:
            bold = row.focus and key in ("rank", "focus", "name")
            italic = key == "advocacy" and row.overridden
            if bold or italic:
                font = QFont()
                font.setBold(bold)
                font.setItalic(italic)
                return font
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.focus:
            return QBrush(QColor(colours().flag))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rank", "motivation",
                                                                  "posting"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ENTRY_ROLE:
            return row.entry_id
        if role == ORGANIZATION_ROLE:
            return row.organization_id
        return None

    @staticmethod
    def _text(row: LampRow, key: str) -> str:
        if key == "rank":
            return str(row.rank)
        if key == "focus":
            return FOCUS_TEXT if row.focus else ""
        if key == "name":
            return row.name
        if key == "found_in":
            return LAMP_PASS_SHORT_LABELS[row.found_in]
        if key == "advocacy":
            return advocacy_text(row)
        if key == "people":
            return people_text(row)
        return str(getattr(row, key))

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or COLUMNS[index.column()] not in EDITABLE:
            return False
        row = self.rows[index.row()]
        key = COLUMNS[index.column()]
        try:
            if key == "advocacy":
                choice = int(value)
                changes = set_scores(row.entry_id,
                                     advocacy=None if choice == 0 else choice == 1)
            else:
                changes = set_scores(row.entry_id, **{key: int(value)})
        except (LampError, TypeError, ValueError) as error:
            self.error = str(error)
            return False
        self.error = ""
        publish(changes, self)  # reloads this model too: the row may move
        return True


class LampDelegate(QStyledItemDelegate):
    """Spin boxes in the score ranges, and a yes/no/as-computed choice for Advocacy."""

    def createEditor(self, parent, option, index):  # noqa: N802
        key = COLUMNS[index.column()]
        if key == "advocacy":
            editor = QComboBox(parent)
            row = index.model().rows[index.row()]
            computed = "yes" if row.computed_advocacy else "no"
            editor.addItems([f"{ADVOCACY_CHOICES[0]} ({computed})", *ADVOCACY_CHOICES[1:]])
            editor.setAccessibleName("Advocacy")
            return editor
        if key in ("motivation", "posting"):
            editor = QSpinBox(parent)
            editor.setRange(*(MOTIVATION_RANGE if key == "motivation" else POSTING_RANGE))
            editor.setAccessibleName(HEADINGS[key])
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(int(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentIndex())
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        else:
            super().setModelData(editor, model, index)
