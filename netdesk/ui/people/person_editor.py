"""PersonEditor: every field of one person, checked as typed and saved as the user types."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from peewee import DatabaseError
from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QMessageBox

from netdesk.core.changes import ALL_FIELDS, Changes
from netdesk.core.people import (
    FIELD_LABELS,
    PersonForm,
    changed_fields,
    referrer_problem,
    save_person,
    validate,
)
from netdesk.core.referrals import ReferralError
from netdesk.db.members import name_of, refusal
from netdesk.db.models import ChangedElsewhere, Organization, Person
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import message_box
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.save_state import storage_problem
from netdesk.ui.method.tier_panel import TierPanel
from netdesk.ui.people.conflict_bar import ConflictBar
from netdesk.ui.people.person_fields import _ALL_FIELDS, PersonFields

AUTOSAVE_DELAY_MS = 700
RETRY_DELAY_MS = 5000
MERGE_ATTEMPTS = 3
"""A save that meets a change made elsewhere merges it and saves again, at most this often
in a row (another writer saving in between each time)."""
"""After a failed save (disk full, file read-only, locked), the edit is tried again this often."""

_NAME_FIELDS = frozenset({"first_name", "last_name"})


class PersonEditor(PersonFields):
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
    referrer_saved = Signal(int, object, object)  # person, referrer before, after (undo)

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
        self.keep_in_touch = TierPanel(self)  # Method: tier, clock and how they respond
        heading_layout = self.header.text_layout
        heading_layout.insertWidget(heading_layout.count() - 1, self.keep_in_touch)
        self.person_saved.connect(self.keep_in_touch.show_person)
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
        self.keep_in_touch.show_person(person_id)
        if person_id is None:
            self._reset_pending()
            self.referred_by.set_person(self.referred_by.person_id())
            self._saved_form = self.form()

    # Reading and writing ---------------------------------------------------------------------

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
        self.keep_in_touch.show_person(self._person_id)
        # On a server: whose they are; someone else's person is read-only here.
        self.sharing.keep_to_owner(self, self.sharing.show_owner(person.owner if person else None))

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
        self._take_stored()

    def _take_stored(self) -> bool:
        """Read the person as stored and show it, keeping the user's edits: a field edited
        here and changed there gets a bar asking which to keep. False when they are gone."""
        person = Person.get_or_none(Person.id == self._person_id)
        if person is None:
            self.person_id = None
            return False
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
        return True

    def _changed_elsewhere(self, error: ChangedElsewhere) -> bool:
        """A save met a change someone else made since the person was read: take the
        stored row in (every field not in conflict is then saved over it) and say who.
        False when the person is gone."""
        who = name_of(error.changed_by) or "Someone else"  # a member's name on a server
        if not self._take_stored():
            return False
        publish(Changes.of_person(self._person_id, ALL_FIELDS), self)  # the others' views
        if self._conflicts:
            self._elsewhere_note().setText(
                f"{who} changed this person since you opened it. Your other changes are "
                "saved with theirs; choose below which value to keep for each field "
                "you both changed.")
            self._elsewhere_note().show()
        self.status_message.emit(f"{who} changed this person since you opened it; "
                                 "your changes are merged with theirs.")
        return True

    def _elsewhere_note(self) -> QLabel:
        note = getattr(self, "_elsewhere_label", None)
        if note is None:
            note = self._elsewhere_label = plain_label()
            note.setObjectName("changed_elsewhere_note")
            note.setWordWrap(True)
            note.setAccessibleName("Changed elsewhere")
            self.conflicts_layout.insertWidget(0, note)
        return note

    def changed_elsewhere_text(self) -> str:
        """The sentence naming who changed the person meanwhile ('' when none is shown)."""
        note = getattr(self, "_elsewhere_label", None)
        return note.text() if note is not None and not note.isHidden() else ""

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

    def _save(self, commit: bool, _attempt: int = 0) -> bool:
        """Write every edited field that is valid, settled and (unless ``commit``)
        committed, over the version the person was read at; True when no edit is left
        unsaved. A change made elsewhere meanwhile is merged in and the save tried again."""
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
            except ChangedElsewhere as error:
                if not self._changed_elsewhere(error):
                    return True  # they are gone: nothing of theirs is pending
                if _attempt + 1 < MERGE_ATTEMPTS:
                    return self._save(commit, _attempt + 1)
                self._timer.start()
                return False
            except ReferralError as error:
                problems["referred_by"] = str(error)
                self._show_problems({**all_problems, **problems})
                self._show_state(problems)
                return False
            except (DatabaseError, sqlite3.Error) as error:
                if (refused := refusal(error)) is not None:  # not this member's to change
                    self._discard(write)
                    self.save_state.show_state("not_saved", f"Not saved: {refused}")
                    self.status_message.emit(f"Not saved: {refused}")
                    return False
                reason = storage_problem(error)
                if reason is None:
                    raise
                self._save_error = reason
                self.retry_timer.start()
                self._show_state(problems)
                self.status_message.emit(f"Not saved: {reason}")
                return False
            self._save_error = None
            existed, referrer_before = self._person_id is not None, self._saved_form.referred_by
            self._person_id = changes.id
            self._saved_form = replace(
                self._saved_form, **{name: getattr(form, name) for name in write},
                version=form.version)
            self._update_heading()
            self.save_state.show_state("saved", "All changes saved.")
            publish(changes, self)
            self.person_saved.emit(self._person_id)
            if existed and "referred_by" in write and referrer_before != form.referred_by:
                self.referrer_saved.emit(self._person_id, referrer_before, form.referred_by)
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
        widget = getattr(self, name)
        if self.more_details.body.isAncestorOf(widget):
            self.more_details.set_open(True)
        if hasattr(widget, "focus_problem"):
            widget.focus_problem()
        else:
            widget.setFocus()

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
        if not self._conflicts and getattr(self, "_elsewhere_label", None) is not None:
            self._elsewhere_label.hide()

    def _resolve(self, name: str, keep: bool) -> None:
        self._resolve_all([name], keep)
        self._save(commit=False)

    def _resolve_all(self, names, keep: bool) -> None:
        for name in names:
            self._drop_conflict(name)
        if not keep:
            self._discard(set(names))

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


def _listed(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


