"""InterviewWindow: run an interview — questions in order, notes per question, a timer."""

from __future__ import annotations

import time

from peewee import DatabaseError
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.interviews import (
    note_versions,
    questions_of,
    save_notes,
    save_sharing,
    set_question_mark,
)
from netdesk.core.people import is_web_url
from netdesk.core.vocabulary import CATEGORY_LABELS, MODE_LABELS, SHARING_LABELS
from netdesk.db.members import name_of, refusal
from netdesk.db.models import ChangedElsewhere, Interview
from netdesk.db.zones import clock, local
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import open_link, plain_label
from netdesk.ui.common.remote_changes import SOMEONE_ELSE
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.sharing_edit import SharingEdit
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.common.wording import short_date
from netdesk.ui.people.conflict_bar import ConflictBar

SAVE_DELAY_MS = 700
MERGE_ATTEMPTS = 3
OVERALL = "interview"
"""The key of the interview's own notes among the notes kept per question id."""


def _clock_text(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class QuestionCard(QFrame):
    """One question: its text, quick marks (asked / skipped) and a notes field."""

    mark_changed = Signal(int, str)
    notes_edited = Signal(int)

    def __init__(self, number: int, question, parent=None):
        super().__init__(parent)
        self.question_id = question.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = plain_label(f"{number}.")
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("✓ 00.") + 4)
        font = self.number.font()
        font.setBold(True)
        self.number.setFont(font)
        self.text = plain_label(question.text)
        self.text.setWordWrap(True)
        self.text.setFont(font)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = plain_label(f"{CATEGORY_LABELS.get(question.category, '')} · "
                                f"{question.minutes} min")
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.asked = QToolButton()
        self.asked.setText("Asked")
        self.asked.setCheckable(True)
        self.asked.setToolTip("Mark this question asked (Ctrl+Return marks it and moves on)")
        self.asked.setAccessibleName(f"Question {number} asked")
        self.skipped = QToolButton()
        self.skipped.setText("Skipped")
        self.skipped.setCheckable(True)
        self.skipped.setToolTip("Mark this question skipped (Ctrl+Shift+Return marks it and "
                                "moves on)")
        self.skipped.setAccessibleName(f"Question {number} skipped")
        self.asked.clicked.connect(lambda checked: self.set_mark("asked" if checked else ""))
        self.skipped.clicked.connect(lambda checked: self.set_mark("skipped" if checked else ""))
        self.notes = QPlainTextEdit(question.notes)
        self.notes.setAccessibleName(f"Notes on question {number}")
        self.notes.setPlaceholderText("Notes: what they said, names, links, ideas to follow up…")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 5 + 14)
        self.notes.textChanged.connect(lambda: self.notes_edited.emit(self.question_id))
        header = QHBoxLayout()
        header.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.text, 1)
        header.addWidget(self.asked, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.skipped, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.meta)
        layout.addWidget(self.notes)
        self.mark = ""
        self._show_mark(question.mark)

    def set_mark(self, mark: str) -> None:
        if mark == self.mark:
            self._show_mark(mark)
            return
        self._show_mark(mark)
        self.mark_changed.emit(self.question_id, mark)

    def _show_mark(self, mark: str) -> None:
        self.mark = mark
        self.asked.setChecked(mark == "asked")
        self.skipped.setChecked(mark == "skipped")
        self.asked.setText("✓ Asked" if mark == "asked" else "Asked")
        self.skipped.setText("✓ Skipped" if mark == "skipped" else "Skipped")
        self.text.setEnabled(mark != "skipped")
        label = {"asked": "✓ ", "skipped": "– "}.get(mark, "")
        self.number.setText(f"{label}{self.number.text().lstrip('✓– ')}")


class InterviewWindow(QWidget):
    """The questions of one interview in order, with notes saved as you type."""

    print_sheet_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, interview_id: int, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.interview_id = interview_id
        self.clock = time.monotonic
        self._started_at: float | None = None
        self._elapsed_before = 0.0
        self._pending: dict[int, str] = {}
        self._pending_overall: str | None = None
        self._versions: dict[int | str, int] = {}
        """The versions the notes on screen were read at (question id, OVERALL)."""
        self._read: dict[int | str, str] = {}
        """The notes as read (or last saved), to tell a change made elsewhere."""
        self._conflicts: dict[int | str, ConflictBar] = {}
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self.update_timer)
        self.cards: list[QuestionCard] = []
        fit_to_screen(self, text_size(self, 108, 48))

        self.heading = plain_label()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = plain_label()
        self.details.setWordWrap(True)
        self.open_place = QPushButton("Open link")
        self.open_place.clicked.connect(lambda: open_link(self._place))
        self.start_button = QPushButton("Start timer")
        self.start_button.setToolTip("Start or pause the timer (F5)")
        self.start_button.clicked.connect(self.toggle_timer)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Set the timer back to zero")
        self.reset_button.clicked.connect(self.reset_timer)
        self.elapsed = plain_label()
        self.elapsed.setAccessibleName("Time elapsed")
        elapsed_font = self.elapsed.font()
        elapsed_font.setPointSizeF(elapsed_font.pointSizeF() * 1.3)
        elapsed_font.setBold(True)
        self.elapsed.setFont(elapsed_font)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Time used of the planned duration")
        self.pace = plain_label()
        self.pace.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.questions_box = QWidget()
        self.questions_layout = QVBoxLayout(self.questions_box)
        self.overall = QPlainTextEdit()
        self.overall.setAccessibleName("Other notes")
        self.overall.setPlaceholderText("Other notes: their story, names they mentioned, "
                                        "what to send them…")
        self.overall.setTabChangesFocus(True)
        self.overall.setMinimumHeight(self.overall.fontMetrics().lineSpacing() * 5 + 12)
        self.overall.textChanged.connect(self._overall_edited)
        scroll = QScrollArea()
        scroll.setAccessibleName("Questions and notes")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions_box)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll = scroll
        self.saved = plain_label("")
        self.saved.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.edit_button = QPushButton("Edit &plan…")
        self.edit_button.setToolTip("Change the questions, date or place")
        self.edit_button.clicked.connect(self.edit_plan)
        self.print_button = QPushButton("P&rint question sheet…")
        self.print_button.clicked.connect(lambda: (self.flush(), self.print_sheet_requested.emit(
            self.interview_id)))
        self.debrief_button = QPushButton("&Debrief…")
        self.debrief_button.setToolTip("Evaluate the interview, thank them, note who they "
                                       "suggested")
        self.debrief_button.clicked.connect(self.debrief)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.close)

        header = QHBoxLayout()
        header_text = QVBoxLayout()
        header_text.addWidget(self.heading)
        header_text.addWidget(self.details)
        self.sharing = SharingEdit("interview")  # on a server: who else sees it, whose it is
        self.sharing.edited.connect(self._sharing_chosen)
        header_text.addWidget(self.sharing)
        header.addLayout(header_text, 1)
        header.addWidget(self.open_place, 0, Qt.AlignmentFlag.AlignTop)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self.elapsed)
        timer_row.addWidget(self.progress, 1)
        timer_row.addWidget(self.start_button)
        timer_row.addWidget(self.reset_button)
        footer = QHBoxLayout()
        footer.addWidget(self.saved, 1)
        for button in (self.edit_button, self.print_button, self.debrief_button,
                       self.close_button):
            footer.addWidget(button)
        hint = plain_label("Ctrl+Return: asked, next · Ctrl+Shift+Return: skipped, next · "
                           "Ctrl+Up/Down: move between questions · F5: timer")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(timer_row)
        layout.addWidget(self.pace)
        self.elsewhere = plain_label()
        self.elsewhere.setObjectName("changed_elsewhere_note")
        self.elsewhere.setWordWrap(True)
        self.elsewhere.hide()
        self.conflicts_layout = QVBoxLayout()
        layout.addWidget(self.elsewhere)
        layout.addLayout(self.conflicts_layout)
        layout.addWidget(scroll, 1)
        layout.addWidget(hint)
        layout.addLayout(footer)
        for keys, slot in (("F5", self.toggle_timer),
                           ("Ctrl+Return", lambda: self.mark_current("asked")),
                           ("Ctrl+Shift+Return", lambda: self.mark_current("skipped")),
                           ("Ctrl+Down", lambda: self.move_focus(1)),
                           ("Ctrl+Up", lambda: self.move_focus(-1)),
                           (QKeySequence.StandardKey.Close, self.close)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        publisher().changed.connect(self._apply_changes)
        self.reload()

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the interview as stored (pending notes are saved first)."""
        self.flush()
        interview = Interview.get_or_none(Interview.id == self.interview_id)
        if interview is None:
            self.close()
            return
        self._show_details(interview)
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        while self.questions_layout.count():
            self.questions_layout.takeAt(0)
        questions = questions_of(self.interview_id)
        for key in list(self._conflicts):
            self._drop_conflict(key)
        self._versions = note_versions(self.interview_id)
        self._read = {q.id: q.notes for q in questions}
        self._read[OVERALL] = interview.notes
        self._minutes = [q.minutes for q in questions]
        for number, question in enumerate(questions, 1):
            card = QuestionCard(number, question)
            card.mark_changed.connect(self._mark_changed)
            card.notes_edited.connect(self._notes_edited)
            self.cards.append(card)
            self.questions_layout.addWidget(card)
        if not self.cards:
            self.questions_layout.addWidget(plain_label(
                "No questions chosen yet: use Edit plan… to choose some."))
        self.questions_layout.addWidget(plain_label("Other notes"))
        self.questions_layout.addWidget(self.overall)
        self.questions_layout.addStretch(1)
        self.overall.blockSignals(True)
        self.overall.setPlainText(interview.notes)
        self.overall.blockSignals(False)
        self.progress.setRange(0, interview.duration_minutes * 60)
        self.update_timer()
        self._show_sharing(interview)

    # Notes ---------------------------------------------------------------------------------

    def _notes_edited(self, question_id: int) -> None:
        card = next(c for c in self.cards if c.question_id == question_id)
        self._pending[question_id] = card.notes.toPlainText()
        self.saved.setText("Editing…")
        self._save_timer.start()

    def _overall_edited(self) -> None:
        self._pending_overall = self.overall.toPlainText()
        self.saved.setText("Editing…")
        self._save_timer.start()

    def has_pending(self) -> bool:
        return bool(self._pending) or self._pending_overall is not None

    def flush(self, _attempt: int = 0) -> bool:
        """Save notes typed since the last save, in one transaction, over the versions they
        were read at; notes changed elsewhere meanwhile are merged (and, where both
        changed the same notes, asked about) first."""
        self._save_timer.stop()
        if not self.has_pending():
            return True
        pending = {key: text for key, text in self._pending.items()
                   if key not in self._conflicts}
        overall = self._pending_overall if OVERALL not in self._conflicts else None
        if not pending and overall is None:
            return False  # waiting for an answer
        try:
            changes = save_notes(self.interview_id, pending, overall, versions=self._versions)
        except ChangedElsewhere as error:
            self._merge(error)
            if _attempt + 1 < MERGE_ATTEMPTS:
                return self.flush(_attempt + 1)
            self._save_timer.start()
            return False
        except Exception as error:  # the notes stay on screen and pending
            self.saved.setText(f"Could not save the notes: {error}. Retrying…")
            self._save_timer.start(3000)
            return False
        for key, text in pending.items():
            self._read[key] = text
            if self._pending.get(key) == text:
                del self._pending[key]
        if overall is not None:
            self._read[OVERALL] = overall
            if self._pending_overall == overall:
                self._pending_overall = None
        waiting = bool(self._conflicts)
        self.saved.setText("Not saved yet: choose above which notes to keep." if waiting
                           else f"All notes saved at {time.strftime('%H:%M:%S')}")
        publish(changes, self)
        return not self.has_pending()

    # Changed elsewhere ---------------------------------------------------------------------

    def _merge(self, error: ChangedElsewhere) -> None:
        """Someone else changed these notes since they were read: take theirs where only
        they changed, keep mine where only I did, ask where both did."""
        rows = questions_of(self.interview_id)
        interview = Interview.get_or_none(Interview.id == self.interview_id)
        if interview is None:
            return
        stored = {**{q.id: q.notes for q in rows}, OVERALL: interview.notes}
        self._versions = note_versions(self.interview_id)
        cards = {card.question_id: card for card in self.cards}
        for row in rows:  # their marks
            if row.id in cards and cards[row.id].mark != row.mark:
                cards[row.id]._show_mark(row.mark)
        mine = {**self._pending}
        if self._pending_overall is not None:
            mine[OVERALL] = self._pending_overall
        for key, theirs in stored.items():
            if key in mine:
                if theirs != self._read.get(key) and theirs != mine[key]:
                    self._show_conflict(key, mine[key], theirs)
            else:
                editor = self.overall if key == OVERALL else getattr(cards.get(key), "notes",
                                                                     None)
                if editor is not None and editor.toPlainText() != theirs:
                    editor.blockSignals(True)
                    editor.setPlainText(theirs)
                    editor.blockSignals(False)
            self._read[key] = theirs
        self._show_details(interview)
        who = name_of(error.changed_by) or "Someone else"  # a member's name on a server
        if self._conflicts:
            self.elsewhere.setText(f"{who} changed this interview since you opened it. Your "
                                   "other notes are saved with theirs; choose below which to "
                                   "keep where you both wrote.")
            self.elsewhere.show()
        self.status_message.emit(f"{who} changed this interview since you opened it; your "
                                 "notes are merged with theirs.")

    def _label(self, key: int | str) -> str:
        if key == OVERALL:
            return "Other notes"
        number = next((n for n, card in enumerate(self.cards, 1) if card.question_id == key), 0)
        return f"Notes on question {number}"

    def _show_conflict(self, key: int | str, mine: str, theirs: str) -> None:
        bar = self._conflicts.get(key)
        if bar is None:
            bar = ConflictBar(str(key), self._label(key))
            bar.keep_mine.connect(lambda _field, key=key: self._resolve(key, keep=True))
            bar.take_theirs.connect(lambda _field, key=key: self._resolve(key, keep=False))
            self._conflicts[key] = bar
            self.conflicts_layout.addWidget(bar)
        bar.set_values(mine, theirs)

    def _drop_conflict(self, key: int | str) -> None:
        bar = self._conflicts.pop(key, None)
        if bar is not None:
            bar.hide()
            bar.deleteLater()
        if not self._conflicts:
            self.elsewhere.hide()

    def _resolve(self, key: int | str, keep: bool) -> None:
        """Keep my notes (saved over theirs) or take theirs (mine dropped)."""
        self._drop_conflict(key)
        if not keep:
            theirs = self._read.get(key, "")
            if key == OVERALL:
                self._pending_overall = None
                editor = self.overall
            else:
                self._pending.pop(key, None)
                editor = next(card.notes for card in self.cards if card.question_id == key)
            editor.blockSignals(True)
            editor.setPlainText(theirs)
            editor.blockSignals(False)
        self.flush()

    def conflict_bars(self) -> dict[int | str, ConflictBar]:
        """The notes both changed, waiting for an answer (tests and the window's menus)."""
        return dict(self._conflicts)

    def _mark_changed(self, question_id: int, mark: str, _attempt: int = 0) -> None:
        version = self._versions.get(question_id)
        try:
            changes = set_question_mark(question_id, mark, version)
        except ChangedElsewhere as error:
            self._merge(error)
            if _attempt + 1 < MERGE_ATTEMPTS:
                self._mark_changed(question_id, mark, _attempt + 1)
            return
        if version is not None:
            self._versions[question_id] = version + 1
        card = next((c for c in self.cards if c.question_id == question_id), None)
        if card is not None and card.mark != mark:  # a merge showed theirs meanwhile
            card._show_mark(mark)
        publish(changes, self)

    # Keyboard ------------------------------------------------------------------------------

    def current_index(self) -> int:
        focus = self.focusWidget()
        for index, card in enumerate(self.cards):
            if focus is not None and (focus is card or card.isAncestorOf(focus)):
                return index
        for index, card in enumerate(self.cards):
            if not card.mark:
                return index
        return 0

    def move_focus(self, step: int) -> None:
        if not self.cards:
            return
        index = max(0, min(len(self.cards) - 1, self.current_index() + step))
        self.focus_card(index)

    def focus_card(self, index: int) -> None:
        card = self.cards[index]
        card.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll.ensureWidgetVisible(card, 0, 40)

    def mark_current(self, mark: str) -> None:
        if not self.cards:
            return
        index = self.current_index()
        self.cards[index].set_mark(mark)
        if index + 1 < len(self.cards):
            self.focus_card(index + 1)

    # Timer ---------------------------------------------------------------------------------

    def elapsed_seconds(self) -> float:
        running = self.clock() - self._started_at if self._started_at is not None else 0.0
        return self._elapsed_before + running

    def is_running(self) -> bool:
        return self._started_at is not None

    def toggle_timer(self) -> None:
        if self.is_running():
            self._elapsed_before = self.elapsed_seconds()
            self._started_at = None
            self._tick.stop()
        else:
            self._started_at = self.clock()
            self._tick.start()
        self.update_timer()

    def reset_timer(self) -> None:
        self._elapsed_before = 0.0
        if self.is_running():
            self._started_at = self.clock()
        self.update_timer()

    def update_timer(self) -> None:
        seconds = self.elapsed_seconds()
        planned = self.interview.duration_minutes * 60
        over = seconds > planned
        self.elapsed.setText(f"{_clock_text(seconds)} / {_clock_text(planned)}")
        set_themed_style(self.elapsed, "color: {error};" if over else "")
        self.progress.setValue(int(min(seconds, planned)))
        self.start_button.setText("Pause" if self.is_running() else
                                  ("Resume" if seconds else "Start timer"))
        if over:
            self.pace.setText(f"{_clock_text(seconds - planned)} over the planned time: "
                              "offer to stop, or ask if they have a few more minutes.")
        elif seconds and self.cards:
            minutes = seconds / 60
            total = 0
            on_plan = len(self.cards)
            for index, question_minutes in enumerate(self._minutes, 1):
                total += question_minutes
                if minutes < total:
                    on_plan = index
                    break
            self.pace.setText(f"By the plan you would be on question {on_plan} of "
                              f"{len(self.cards)}; {_clock_text(planned - seconds)} left.")
        else:
            self.pace.setText("")

    # Other windows -------------------------------------------------------------------------

    def edit_plan(self):
        from netdesk.ui.interviews.interview_wizard import InterviewWizard

        self.flush()
        wizard = InterviewWizard(interview_id=self.interview_id, parent=self)
        wizard.interview_saved.connect(lambda _id: self.reload())
        wizard.print_sheet_requested.connect(self.print_sheet_requested)
        wizard.open()
        self._wizard = wizard
        return wizard

    def debrief(self):
        from netdesk.ui.interviews.debrief_wizard import DebriefWizard

        self.flush()
        wizard = DebriefWizard(self.interview_id, parent=self)
        wizard.open()
        self._debrief = wizard
        return wizard

    def _apply_changes(self, changes: Changes, _initiator=None) -> None:
        if changes.everything and _initiator is SOMEONE_ELSE:  # notices were missed: the
            self.reload()  # same database, read again (what is typed is saved first)
        elif changes.everything:
            self._database_replaced()
        elif self.interview_id in changes.interviews and _initiator is not self:
            interview = Interview.get_or_none(Interview.id == self.interview_id)
            if interview is None:  # deleted with its person
                self._database_replaced()
            else:  # moved elsewhere (a sync): the notes stay as typed
                self._show_details(interview)

    def _show_details(self, interview: Interview) -> None:
        """The heading and the line under it: field, when, mode, place."""
        self.interview = interview
        self.setWindowTitle(f"Interview with {interview.person.full_name}")
        self.heading.setText(interview.person.full_name)
        parts = []
        if interview.career_field_id:
            parts.append(interview.career_field.name)
        parts.append(f"{short_date(local(interview.start), weekday=True, year=True)}, "
                     f"{clock(local(interview.start))}"
                     if interview.starts_at is not None else "Not scheduled yet")
        parts.append(f"{MODE_LABELS.get(interview.mode, interview.mode)}, "
                     f"{interview.duration_minutes} min")
        if interview.place:
            parts.append(interview.place)
        self.details.setText(" · ".join(parts))
        self._show_sharing(interview)

    def _show_sharing(self, interview: Interview) -> None:
        """On a server: who else sees it and whose it is; someone else's is read-only."""
        self.sharing.set_value(interview.sharing)
        mine = self.sharing.show_owner(interview.owner)
        if self.sharing.keep_to_owner(self, mine):
            for button in (self.edit_button, self.debrief_button, *(
                    b for card in self.cards for b in (card.asked, card.skipped))):
                button.setEnabled(mine)
        self._place = interview.place
        self.open_place.setVisible(is_web_url(interview.place))

    def _sharing_chosen(self) -> None:
        try:
            changes = save_sharing(self.interview_id, self.sharing.value())
        except DatabaseError as error:
            refused = refusal(error)
            if refused is None:
                raise
            self.sharing.set_value(self.interview.sharing)
            warn(self, "Not shared", refused)
            return
        self.saved.setText(f"Shared with: {SHARING_LABELS[self.sharing.value()]}")
        publish(changes, self)

    def _database_replaced(self) -> None:
        self._pending = {}
        self._pending_overall = None
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.flush()
        if self._conflicts:  # both wrote the same notes: nothing typed is dropped unasked
            self.status_message.emit("Choose which notes to keep before closing.")
            self.saved.setText("Not saved yet: choose above which notes to keep.")
            event.ignore()
            return
        self._tick.stop()
        super().closeEvent(event)
