"""InterviewPicker: choose an interview to open or to debrief, grouped by where it stands."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from netdesk.core.interviews import (
    describe,
    interviews_awaiting_debrief,
    open_interviews,
    recent_interviews,
)
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.screen import fit_to_screen, text_size

ROLE = Qt.ItemDataRole.UserRole


class InterviewPicker(QDialog):
    """Lists interviews; ``purpose`` is 'open' (run one) or 'debrief'."""

    interview_chosen = Signal(int)

    def __init__(self, purpose: str = "open", parent=None):
        super().__init__(parent)
        self.purpose = purpose
        self.setWindowTitle("Debrief an interview" if purpose == "debrief"
                            else "Open an interview")
        fit_to_screen(self, text_size(self, 88, 27))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, field or date…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter interviews")
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Interviews")
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(lambda item, _column: self.choose(item))
        self.tree.currentItemChanged.connect(self._current_changed)
        self.empty = plain_label("No interviews yet. Plan one with Interviews → Plan "
                                 "Interview… (Ctrl+I).")
        self.empty.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        if purpose == "debrief":
            self.open_button.setText("&Debrief…")
        self.buttons.accepted.connect(lambda: self.choose(self.tree.currentItem()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        awaiting = interviews_awaiting_debrief()
        awaiting_ids = {i.id for i in awaiting}
        ahead = [i for i in open_interviews() if i.id not in awaiting_ids]
        done = [i for i in recent_interviews()
                if i.id not in awaiting_ids and i.status in ("done", "cancelled")]
        seen: set[int] = set()
        groups = [("Awaiting a debrief", awaiting), ("Coming up and in planning", ahead),
                  ("Done", done)]
        if self.purpose == "debrief":
            groups = [groups[0], groups[2], groups[1]]
        first = None
        for title, interviews in groups:
            interviews = [i for i in interviews if i.id not in seen]
            if not interviews:
                continue
            parent = QTreeWidgetItem([f"{title} ({len(interviews)})"])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.tree.addTopLevelItem(parent)
            for interview in interviews:
                seen.add(interview.id)
                suffix = " — cancelled" if interview.status == "cancelled" else ""
                item = QTreeWidgetItem(parent, [describe(interview) + suffix])
                item.setData(0, ROLE, interview.id)
                first = first or item
        self.tree.expandAll()
        self.empty.setVisible(first is None)
        self.tree.setVisible(first is not None)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.open_button.setEnabled(first is not None)

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i).child(j) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for index in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(index)
            shown = 0
            for row in range(parent.childCount()):
                child = parent.child(row)
                hide = not all(w in child.text(0).casefold() for w in words)
                child.setHidden(hide)
                shown += not hide
            parent.setHidden(shown == 0)

    def _current_changed(self, item, _previous) -> None:
        self.open_button.setEnabled(item is not None and item.data(0, ROLE) is not None)

    def choose(self, item: QTreeWidgetItem | None) -> None:
        interview_id = item.data(0, ROLE) if item is not None else None
        if interview_id is None:
            return
        self.interview_chosen.emit(interview_id)
        self.accept()
