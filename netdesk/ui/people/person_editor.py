"""PersonEditor: every field of one person, checked as typed and saved as the user types."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from dataclasses import replace

from peewee import DatabaseError
from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.limits import LINE_CHARS, LIST_CHARS, max_chars
from netdesk.core.people import (
    FIELD_LABELS,
    RELATIONSHIP_LABELS,
    STAGE_LABELS,
    PersonForm,
    changed_fields,
    referrer_problem,
    save_person,
    validate,
)
from netdesk.core.referrals import ReferralError
from netdesk.db.models import Organization, Person, Referral
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import message_box
from netdesk.ui.common.plain_text import open_link, plain_label, tooltip
from netdesk.ui.common.save_state import SaveState, storage_problem
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.people.conflict_bar import ConflictBar
from netdesk.ui.people.referrer_edit import ReferrerEdit

AUTOSAVE_DELAY_MS = 700
RETRY_DELAY_MS = 5000
"""After a failed save (disk full, file read-only, locked), the edit is tried again this often."""

COMMITTED_ON_FINISH = frozenset({"organization", "career_fields"})
"""Fields that create records (an organization, career fields): saved once the user is done
with the field (picked a suggestion, left the field, saved or left the person), never per
pause in typing, so "Harbor" on the way to "Harbor Labs" is not an organization of its own."""

# How many characters each single-line field holds (Qt's default, 32,767, would cut a long
# paste without a word); reaching one is said under the field.
MAX_LENGTHS = {
    **{name: max_chars("person", name) for name in (
        "first_name", "last_name", "job_title", "email", "phone", "linkedin_url", "source",
        "tags")},
    "organization": max_chars("organization", "name"),
    "career_fields": LIST_CHARS,  # a list on one line, like tags
    "referred_by": LINE_CHARS,  # a name to search for
}
_ALL_FIELDS = frozenset(f.name for f in dataclass_fields(PersonForm))
_NAME_FIELDS = frozenset({"first_name", "last_name"})


class PersonEditor(QWidget):
    """Edits one person; a new person is inserted by the first save that has a name.

    Saves run ``AUTOSAVE_DELAY_MS`` after the last keystroke (or at once with
    :meth:`save_now`), each in one transaction, so a crash loses at most that
    much typing. Only the fields the user edited are written, and only those that
    are valid: a wrong email is marked where it is and waits, the notes typed
    beside it are saved. A field changed elsewhere while the user edits it gets a
    bar asking which value to keep. A save the storage refuses is shown in red and
    tried again. Before the window shows something else it calls
    :meth:`request_leave`, which asks about whatever could not be saved.

    Attributes:
        leave_question: the question :meth:`request_leave` is asking, or None.
    """

    person_saved = Signal(int)
    edit_organization_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._person_id: int | None = None
        self._saved_form = PersonForm()
        self._loading = False
        self._messages: dict[str, QLabel] = {}
        self._problems_shown: dict[str, str] = {}
        self._limit_notices: dict[str, str] = {}
        self._uncommitted: set[str] = set()
        self._conflicts: dict[str, ConflictBar] = {}
        self._save_error: str | None = None
        self.leave_question: QMessageBox | None = None
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._autosave)
        self.retry_timer = QTimer(self, singleShot=True, interval=RETRY_DELAY_MS)
        self.retry_timer.timeout.connect(self._autosave)
        self._build()
        self._show_form(self._saved_form)
        self._organization_names = QStringListModel(self)
        completer = QCompleter(self._organization_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization.setCompleter(completer)  # first: the field takes the text, then
        completer.activated[str].connect(lambda _text: self._commit("organization"))
        self._organization_names_stale = True  # loaded when the editor is first used
        publisher().changed.connect(self.apply_changes)

    @property
    def person_id(self) -> int | None:
        return self._person_id

    @person_id.setter
    def person_id(self, person_id: int | None) -> None:
        """Set from outside when the person is gone (deleted, another file): nothing of
        theirs is pending any more, and nothing is saved as a new person."""
        self._person_id = person_id
        if person_id is None:
            self._reset_pending()
            self.referred_by.set_person(self.referred_by.person_id())
            self._saved_form = self.form()

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = plain_label()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = plain_label()
        self.subheading.setWordWrap(True)

        self.first_name = self._line("first_name")
        self.last_name = self._line("last_name")
        self.job_title = self._line("job_title", "e.g. Research coordinator")
        self.organization = self._line("organization", "Type to pick one or name a new one")
        self.organization.editingFinished.connect(lambda: self._commit("organization"))
        self.edit_organization = QPushButton("Edit…")
        self.edit_organization.setToolTip(
            "Edit this organization: sector, website, culture (People → Edit Organization, "
            "Ctrl+Shift+O)")
        self.edit_organization.clicked.connect(
            lambda: self.edit_organization_requested.emit(self.organization.text().strip())
        )
        self.email = self._line("email", "name@example.org")
        self.phone = self._line("phone")
        self.linkedin_url = self._line("linkedin_url", "https://www.linkedin.com/in/…")
        self.open_linkedin_action = QAction("Open LinkedIn Profile", self)
        self.open_linkedin_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.open_linkedin_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_linkedin_action.setStatusTip("Open the profile in your web browser")
        self.open_linkedin_action.triggered.connect(lambda: open_link(self.linkedin_url.text()))
        self.addAction(self.open_linkedin_action)
        self.open_linkedin = QPushButton("Open")
        self.open_linkedin.setToolTip("Open the profile in your web browser (Ctrl+Shift+U)")
        self.open_linkedin.clicked.connect(self.open_linkedin_action.trigger)
        # Reached by mouse, menu and shortcut: Tab goes from field to field.
        for button in (self.edit_organization, self.open_linkedin):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.relationship = self._combo("How I know them", RELATIONSHIP_LABELS)
        self.source = self._line("source", "e.g. Career fair, Stats 301")
        self.stage = self._combo("Stage", STAGE_LABELS)
        self.career_fields = self._line("career_fields", "Comma-separated, e.g. Public health")
        self.career_fields.editingFinished.connect(lambda: self._commit("career_fields"))
        self.tags = self._line("tags", "Comma-separated")
        self.referred_by = ReferrerEdit()
        self._limit("referred_by", self.referred_by)
        self.referred_by.person_picked.connect(lambda _id: self._autosave())
        self.referred_by.textEdited.connect(self._edited)
        self.referred_by.editingFinished.connect(self._edited)
        self.also_referred_by = plain_label()
        self.also_referred_by.setWordWrap(True)
        self.also_referred_by.hide()

        self.conflicts_layout = QVBoxLayout()
        self.conflicts_layout.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = QHBoxLayout()
        names.addWidget(self._checked("first_name", self.first_name), 1)
        names.addWidget(self._checked("last_name", self.last_name), 1)
        form.addRow(_buddy_label("&Name", self.first_name), names)
        form.addRow(_buddy_label("Job &title", self.job_title),
                    self._checked("job_title", self.job_title))
        organization_row = QHBoxLayout()
        organization_row.addWidget(self._checked("organization", self.organization), 1)
        organization_row.addWidget(self.edit_organization, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_buddy_label("&Organization", self.organization), organization_row)
        form.addRow(_buddy_label("&Email", self.email), self._checked("email", self.email))
        form.addRow(_buddy_label("&Phone", self.phone), self._checked("phone", self.phone))
        linkedin_row = QHBoxLayout()
        linkedin_row.addWidget(self._checked("linkedin_url", self.linkedin_url), 1)
        linkedin_row.addWidget(self.open_linkedin, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_buddy_label("&LinkedIn", self.linkedin_url), linkedin_row)
        form.addRow("How I &know them", self.relationship)
        form.addRow(_buddy_label("&Where we met", self.source),
                    self._checked("source", self.source))
        form.addRow("&Stage", self.stage)
        form.addRow(_buddy_label("Career &fields", self.career_fields),
                    self._checked("career_fields", self.career_fields))
        form.addRow(_buddy_label("T&ags", self.tags), self._checked("tags", self.tags))
        referred_box = QVBoxLayout()
        referred_box.addWidget(self._checked("referred_by", self.referred_by))
        referred_box.addWidget(self.also_referred_by)
        form.addRow(_buddy_label("Referred &by", self.referred_by), referred_box)

        self.notes = self._text("Notes", "What you know about them, what you talked about…")
        self.research_notes = self._text(
            "Research notes", "Their bio, their organization, why you want to talk to them…"
        )
        notes_split = QSplitter(Qt.Orientation.Horizontal)
        for title, editor in (("Notes", self.notes), ("Research notes", self.research_notes)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(plain_label(title))
            box_layout.addWidget(editor)
            notes_split.addWidget(box)

        self.save_state = SaveState()
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save now (changes also save as you type)")
        self.save_button.clicked.connect(self.save_now)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.subheading)
        body_layout.addLayout(self.conflicts_layout)
        body_layout.addSpacing(6)
        body_layout.addLayout(form)
        body_layout.addWidget(notes_split)
        self.extra_layout = QVBoxLayout()  # for the timeline and other per-person panels
        body_layout.addLayout(self.extra_layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        footer = QHBoxLayout()
        footer.addWidget(self.save_state, 1)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

    def _line(self, field: str, placeholder: str = "") -> QLineEdit:
        line = QLineEdit()
        name = FIELD_LABELS[field]
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder or name)
        self._limit(field, line)
        if field in COMMITTED_ON_FINISH:
            line.textEdited.connect(lambda _text: self._uncommitted.add(field))
        line.textEdited.connect(self._edited)
        return line

    def _limit(self, field: str, line: QLineEdit) -> None:
        limit = MAX_LENGTHS[field]
        line.setMaxLength(limit)

        def check(text: str) -> None:
            if len(text) >= limit:
                self._limit_notices[field] = (
                    f"{FIELD_LABELS[field]} holds at most {limit:,} characters; this one is "
                    "full, and anything past that was left out.")
                self.status_message.emit(self._limit_notices[field])
            else:
                self._limit_notices.pop(field, None)

        line.textEdited.connect(check)

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setAccessibleName(name)
        editor.setPlaceholderText(placeholder)
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(90)
        editor.setMaximumHeight(180)
        editor.textChanged.connect(self._edited)
        return editor

    def _combo(self, name: str, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for key, label in labels.items():
            combo.addItem(label, key)
        combo.activated.connect(self._edited)
        return combo

    def _checked(self, field: str, widget: QWidget) -> QWidget:
        """``widget`` with a message line under it for that field's problem or limit."""
        message = plain_label()
        message.setObjectName(f"{field}_error")
        message.setWordWrap(True)
        set_themed_style(message, "color: {error};")
        message.hide()
        self._messages[field] = message
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(message)
        return box

    # Reading and writing ---------------------------------------------------------------------

    def form(self) -> PersonForm:
        return PersonForm(
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            job_title=self.job_title.text(), organization=self.organization.text(),
            email=self.email.text(), phone=self.phone.text(),
            linkedin_url=self.linkedin_url.text(),
            relationship=self.relationship.currentData(), source=self.source.text(),
            stage=self.stage.currentData(),
            career_fields=_career_fields(self.career_fields.text()),
            tags=self.tags.text(), notes=self.notes.toPlainText(),
            research_notes=self.research_notes.toPlainText(),
            referred_by=self.referred_by.person_id(),
        )

    def load_person(self, person_id: int | None) -> None:
        """Show ``person_id`` (None: an empty form for a new person), saving what can be
        saved first. The window calls :meth:`request_leave` before, so nothing is dropped
        without asking."""
        if person_id is not None and person_id == self._person_id:
            return
        self._save(commit=True)
        if self._organization_names_stale:
            self.reload_organization_names()
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        self._reset_pending()
        self._person_id = person.id if person else None
        self._saved_form = PersonForm.from_person(person) if person else PersonForm()
        self._show_form(self._saved_form)
        self._limit_notices.clear()
        self._show_referrers()
        self._show_problems({})
        self._update_heading()
        self._show_state()

    def new_person(self, referred_by: int | None = None) -> None:
        """An empty form; ``referred_by`` fills "Referred by" (and "How I know them") for
        this new person only: they are recorded with the person's first save, and go
        with the form when it is left without a name."""
        self.load_person(None)
        if referred_by is not None:
            self._saved_form = PersonForm(relationship="referral", referred_by=referred_by)
            self._show_form(self._saved_form)
        self.first_name.setFocus()

    def is_dirty(self) -> bool:
        return bool(self._edited_fields())

    def save_now(self) -> bool:
        """Save every valid edit now; return False when something is left unsaved (a field
        to fix, a conflict to settle, or a storage error)."""
        return self._save(commit=True)

    def request_leave(self, then: Callable[[], None]) -> bool:
        """Save what can be saved; True when the window may show something else now.

        Otherwise ask (without blocking) about what could not be saved — a wrong field,
        a new person without a name, a conflict, a failed save — and return False; once
        the answer lets the user go, ``then`` is called.
        """
        if self.leave_question is not None:
            self.leave_question.raise_()
            return False
        self._save(commit=True)
        form = self.form()
        edited = self._edited_fields(form)
        if not edited:
            return True

        def again() -> None:
            if self.request_leave(then):
                then()

        fields = _listed(FIELD_LABELS[name] for name in sorted(edited))
        if self._save_error:
            self._ask(QMessageBox.Icon.Warning, "Changes not saved",
                      f"Your changes to {fields} could not be saved: {self._save_error}",
                      "They are still in the form. Stay, and netdesk keeps trying; or leave "
                      "without them.",
                      [("Stay", QMessageBox.ButtonRole.RejectRole, None),
                       ("Leave without saving", QMessageBox.ButtonRole.DestructiveRole,
                        lambda: (self._discard(edited), then()))])
            return False
        if self._conflicts:
            names = list(self._conflicts)
            self._ask(QMessageBox.Icon.Question, "Changed elsewhere",
                      "\n".join(bar.text() for bar in self._conflicts.values()),
                      "Which do you want to keep?",
                      [("Keep mine", QMessageBox.ButtonRole.AcceptRole,
                        lambda: (self._resolve_all(names, keep=True), again())),
                       ("Take theirs", QMessageBox.ButtonRole.DestructiveRole,
                        lambda: (self._resolve_all(names, keep=False), again())),
                       ("Stay", QMessageBox.ButtonRole.RejectRole, None)])
            return False
        problems = self._relevant(self._problems(form), edited)
        if self._person_id is None:
            self._ask(QMessageBox.Icon.Question, "New person not saved",
                      "This new person has no name yet, so nothing about them is saved.",
                      "Give a first or last name, or discard the new person.",
                      [("Fix it", QMessageBox.ButtonRole.RejectRole,
                        lambda: self._focus(problems)),
                       ("Discard the new person", QMessageBox.ButtonRole.DestructiveRole,
                        lambda: (self._discard(edited), then()))])
            return False
        if not problems:
            return True
        held = set(problems) | (_NAME_FIELDS if "first_name" in problems else set())
        self._ask(QMessageBox.Icon.Question, "Field not saved",
                  "\n".join(f"{FIELD_LABELS[name]}: {message}"
                            for name, message in problems.items()),
                  "Your other changes are saved. Fix the field, or discard this change and "
                  "keep what was saved before.",
                  [("Fix it", QMessageBox.ButtonRole.RejectRole, lambda: self._focus(problems)),
                   ("Discard this change", QMessageBox.ButtonRole.DestructiveRole,
                    lambda: (self._discard(held & edited), again()))])
        return False

    def apply_changes(self, changes: Changes, initiator=None) -> None:
        """Show what was written elsewhere to the person on screen, keeping the user's edits.

        Fields the user has not touched take the stored value at once. A field the user
        is editing keeps what they typed; when it was changed elsewhere too, a bar asks
        which to keep, and the field is not saved until they answer.
        """
        if changes.organizations or changes.everything:
            self._organization_names_changed()
        if initiator is self or self._person_id is None:
            return
        if not (changes.touches_person(self._person_id) or changes.referrals):
            return
        person = Person.get_or_none(Person.id == self._person_id)
        if person is None:
            self.person_id = None
            return
        stored = PersonForm.from_person(person)
        shown = self.form()
        edited = self._edited_fields(shown)
        for name in edited:
            mine, theirs = getattr(shown, name), getattr(stored, name)
            if name == "referred_by" and self.referred_by.is_pending():
                mine = None
            if mine == theirs:
                self._drop_conflict(name)
            elif theirs != getattr(self._saved_form, name):
                self._show_conflict(name, shown, stored)
        merged = PersonForm(**{
            name: getattr(shown if name in edited else stored, name) for name in _ALL_FIELDS})
        self._saved_form = stored
        self._show_form(merged)
        self._show_referrers()
        self._update_heading()
        self._show_state(self._relevant(self._problems(merged), self._edited_fields(merged)))

    def _organization_names_changed(self) -> None:
        self._organization_names_stale = True
        if self.isVisible():
            self.reload_organization_names()

    def reload_organization_names(self) -> None:
        self._organization_names_stale = False
        names = [n for (n,) in Organization.select(Organization.name)
                 .order_by(Organization.name).tuples()]
        self._organization_names.setStringList(names)

    # Saving ----------------------------------------------------------------------------------

    def _autosave(self) -> None:
        self._save(commit=False)

    def _commit(self, field: str) -> None:
        """The user is done with ``field`` (left it, picked a suggestion): save it now."""
        if field in self._uncommitted:
            self._uncommitted.discard(field)
            self._save(commit=False)

    def _save(self, commit: bool) -> bool:
        """Write every edited field that is valid, settled and (unless ``commit``)
        committed; True when no edit is left unsaved."""
        self._timer.stop()
        self.retry_timer.stop()
        if commit:
            self._uncommitted.clear()
        form = self.form()
        edited = self._edited_fields(form)
        all_problems = self._problems(form)
        self._show_problems(all_problems)
        problems = self._relevant(all_problems, edited)
        if not edited:
            self._save_error = None
            self._show_state()
            return True
        held = set(problems) | set(self._conflicts) | self._uncommitted
        if "first_name" in problems:
            held |= _NAME_FIELDS
        if self._person_id is None:
            write = set() if "first_name" in problems else _ALL_FIELDS - held
        else:
            write = edited - held
        if write:
            try:
                changes = save_person(self._person_id, form, only=write)
            except ReferralError as error:
                problems["referred_by"] = str(error)
                self._show_problems({**all_problems, **problems})
                self._show_state(problems)
                return False
            except (DatabaseError, sqlite3.Error) as error:
                reason = storage_problem(error)
                if reason is None:
                    raise
                self._save_error = reason
                self.retry_timer.start()
                self._show_state(problems)
                self.status_message.emit(f"Not saved: {reason}")
                return False
            self._save_error = None
            self._person_id = changes.id
            self._saved_form = replace(
                self._saved_form, **{name: getattr(form, name) for name in write})
            self._update_heading()
            self.save_state.show_state("saved", "All changes saved.")
            publish(changes, self)
            self.person_saved.emit(self._person_id)
        self._show_state(problems)
        if problems and write:
            field, message = next(iter(problems.items()))
            self.status_message.emit(f"{FIELD_LABELS[field]} not saved: {message}")
        return not (self._edited_fields() - self._uncommitted)

    def _edited_fields(self, form: PersonForm | None = None) -> set[str]:
        edited = changed_fields(self._saved_form, form or self.form())
        if self.referred_by.is_pending():
            edited.add("referred_by")
        return edited

    def _problems(self, form: PersonForm) -> dict[str, str]:
        problems = validate(form)
        if self.referred_by.is_pending():
            problems["referred_by"] = (
                "Pick the person from the suggestions (type part of their name), or clear "
                "the field.")
        elif form.referred_by != self._saved_form.referred_by and (
                problem := referrer_problem(self._person_id, form.referred_by)):
            problems["referred_by"] = problem
        return problems

    def _relevant(self, problems: dict[str, str], edited: set[str]) -> dict[str, str]:
        """The problems of fields the user edited (a new person: all of them), not those of
        a value stored long ago that nobody touched."""
        if self._person_id is None:
            return dict(problems)
        return {name: message for name, message in problems.items()
                if name in edited or (name == "first_name" and edited & _NAME_FIELDS)}

    def _reset_pending(self) -> None:
        self._timer.stop()
        self.retry_timer.stop()
        self._uncommitted.clear()
        self._save_error = None
        for name in list(self._conflicts):
            self._drop_conflict(name)
        if self.leave_question is not None:
            question, self.leave_question = self.leave_question, None
            question.close()

    def _discard(self, names: set[str]) -> None:
        """Put back what was saved in ``names`` (the user chose to drop those changes)."""
        self._loading = True
        try:
            for name in names:
                self._set_field(name, getattr(self._saved_form, name))
                self._drop_conflict(name)
                self._uncommitted.discard(name)
                self._limit_notices.pop(name, None)
        finally:
            self._loading = False
        if not self._edited_fields():
            self._save_error = None
            self.retry_timer.stop()
        self._edited()
        self._show_problems(self._problems(self.form()))
        self._update_heading()
        self._show_state()

    def _focus(self, problems: dict[str, str]) -> None:
        name = next(iter(problems), "first_name")
        getattr(self, name).setFocus()

    def _ask(self, icon, title: str, text: str, detail: str, choices) -> None:
        """A window-modal question that does not block; each choice runs its action."""
        box = message_box(self, icon, title, text, detail)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actions = {}
        for label, role, action in choices:
            button = box.addButton(label, role)
            actions[button] = action
            if role == QMessageBox.ButtonRole.RejectRole:
                box.setEscapeButton(button)
                box.setDefaultButton(button)

        def answered(button) -> None:
            if self.leave_question is box:
                self.leave_question = None
            action = actions.get(button)
            if action is not None:
                action()

        def finished(_result) -> None:
            if self.leave_question is box:
                self.leave_question = None

        box.buttonClicked.connect(answered)
        box.finished.connect(finished)
        self.leave_question = box
        box.open()

    # Conflicts -------------------------------------------------------------------------------

    def _show_conflict(self, name: str, mine: PersonForm, theirs: PersonForm) -> None:
        bar = self._conflicts.get(name)
        if bar is None:
            bar = ConflictBar(name, FIELD_LABELS[name])
            bar.keep_mine.connect(lambda field: self._resolve(field, keep=True))
            bar.take_theirs.connect(lambda field: self._resolve(field, keep=False))
            self._conflicts[name] = bar
            self.conflicts_layout.addWidget(bar)
            bar.show()
        mine_text = (self.referred_by.text() if name == "referred_by"
                     else self._display(name, getattr(mine, name)))
        bar.set_values(mine_text, self._display(name, getattr(theirs, name)))
        self.status_message.emit(f"{FIELD_LABELS[name]} was changed elsewhere; choose which "
                                 "to keep.")

    def _drop_conflict(self, name: str) -> None:
        bar = self._conflicts.pop(name, None)
        if bar is not None:
            bar.hide()
            bar.deleteLater()

    def _resolve(self, name: str, keep: bool) -> None:
        self._resolve_all([name], keep)
        self._save(commit=False)

    def _resolve_all(self, names, keep: bool) -> None:
        for name in names:
            self._drop_conflict(name)
        if not keep:
            self._discard(set(names))

    def _display(self, name: str, value) -> str:
        if name == "career_fields":
            return ", ".join(value)
        if name == "relationship":
            return RELATIONSHIP_LABELS.get(value, value or "")
        if name == "stage":
            return STAGE_LABELS.get(value, value or "")
        if name == "referred_by":
            person = Person.get_or_none(Person.id == value) if value else None
            return person.full_name if person else ""
        return value or ""

    # Showing ---------------------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        form = self.form()
        problems = self._problems(form)
        self._show_problems(problems)
        edited = self._edited_fields(form)
        if edited:
            if not self._save_error:
                relevant = self._relevant(problems, edited)
                self.save_state.show_state(
                    "not_saved" if relevant else "editing",
                    "Not saved yet: correct the marked field." if relevant else "Editing…")
            self._timer.start()

    def _show_state(self, problems: dict[str, str] | None = None) -> None:
        state = self.save_state
        if self._save_error:
            state.failed(self._save_error)
        elif problems:
            state.show_state("not_saved", f"Not saved: {next(iter(problems.values()))}")
        elif self._conflicts:
            labels = _listed(FIELD_LABELS[name] for name in self._conflicts)
            state.show_state("not_saved", f"Not saved yet: {labels} changed elsewhere; choose "
                                          "above which to keep.")
        elif self._edited_fields():
            state.show_state("editing", "Editing…")
        elif self._person_id is None:
            state.show_state("", "New person: saved once it has a name.")
        elif state.state in ("editing", "not_saved", "failed"):
            state.show_state("saved", "All changes saved.")
        elif state.state != "saved":
            state.show_state("", "")

    def _set_field(self, name: str, value) -> None:
        widget = getattr(self, name)
        if name == "career_fields":
            if _career_fields(widget.text()) != value:
                widget.setText(", ".join(value))
        elif name in ("relationship", "stage"):
            widget.setCurrentIndex(widget.findData(value))
        elif name in ("notes", "research_notes"):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        elif name == "referred_by":
            if widget.person_id() != value or widget.is_pending():
                widget.set_person(value)
        elif widget.text() != value:
            widget.setText(value)

    def _show_form(self, form: PersonForm) -> None:
        """Show ``form``; a widget already showing its value is left alone (and its cursor)."""
        self._loading = True
        try:
            for name in _ALL_FIELDS:
                self._set_field(name, getattr(form, name))
        finally:
            self._loading = False

    def _show_problems(self, problems: dict[str, str]) -> None:
        problems = dict(problems)
        if self.referred_by.hasFocus() and self.referred_by.is_pending():
            problems.pop("referred_by", None)  # still typing the name
        for field, label in self._messages.items():
            problem = problems.get(field, "")
            message = problem or self._limit_notices.get(field, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = getattr(self, field)
            if widget.property("invalid") != bool(problem):
                widget.setProperty("invalid", bool(problem))
                set_themed_style(widget, "border: 1px solid {error};" if problem else "")
            widget.setToolTip(tooltip(problem))
            widget.setAccessibleDescription(message)
        self._problems_shown = problems

    def _show_referrers(self) -> None:
        """Under "Referred by": the other people who referred them (drawn in the graph)."""
        if self._person_id is None:
            self.also_referred_by.hide()
            return
        shown = self._saved_form.referred_by
        names = [
            r.referrer.full_name
            for r in Referral.select(Referral, Person).join(Person, on=Referral.referrer)
            .where((Referral.referred == self._person_id) & (Referral.referrer != shown))
            .order_by(Referral.id)
        ] if shown else []
        self.also_referred_by.setText(f"Also referred by: {', '.join(names)}" if names else "")
        self.also_referred_by.setVisible(bool(names))

    def _update_heading(self) -> None:
        form = self._saved_form if self._person_id else self.form()
        name = " ".join(p for p in (form.first_name.strip(), form.last_name.strip()) if p)
        self.heading.setText(name or "New person")
        self.subheading.setText(" · ".join(
            x for x in (form.job_title.strip(), " ".join(form.organization.split())) if x))


def _career_fields(text: str) -> list[str]:
    return [f.strip() for f in text.split(",") if f.strip()]


def _listed(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``buddy`` (for rows that hold a layout)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
