"""Undoable referral edits for the window's undo stack: record "A referred B", remove one.

Each step publishes what core returned: the referral and the two people's ``"referred_by"``,
so the graph, an open person editor and the dashboard all show it, and show
it gone again after an undo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from netdesk.core.changes import Changes
from netdesk.core.people import PersonForm, save_person
from netdesk.core.referrals import (
    ReferralError,
    add_referral,
    person_name,
    remove_referral,
    restore_referral,
)
from netdesk.db.models import Person
from netdesk.ui.common.changes import publish

ErrorHandler = Callable[[str], None]


class _ReferralCommand(QUndoCommand):
    def __init__(self, text: str, on_error: ErrorHandler | None):
        super().__init__(text)
        self.on_error = on_error

    def _write(self, step: Callable[[], Changes], redo: bool) -> None:
        """Run ``step`` and publish what it changed; report a refusal (a refused redo
        also drops the command from the stack)."""
        try:
            changes = step()
        except ReferralError as error:
            if redo:
                self.setObsolete(True)
            if self.on_error:
                self.on_error(str(error))
            return
        publish(changes)


class AddReferralCommand(_ReferralCommand):
    """Record a referral; undo removes it, redo puts back the same row."""

    def __init__(self, referrer_id: int, referred_id: int, text: str,
                 on_error: ErrorHandler | None = None, note: str = ""):
        super().__init__(text, on_error)
        self.referrer_id = referrer_id
        self.referred_id = referred_id
        self.note = note
        self.snapshot: dict | None = None
        self.referral_id: int | None = None

    def redo(self) -> None:
        self._write(self._add, redo=True)

    def _add(self) -> Changes:
        if self.snapshot is None:
            changes = add_referral(self.referrer_id, self.referred_id, note=self.note)
        else:
            changes = restore_referral(self.snapshot)
        self.referral_id = changes.id
        return changes

    def undo(self) -> None:
        if self.referral_id is not None:
            self._write(self._remove, redo=False)

    def _remove(self) -> Changes:
        removed = remove_referral(self.referral_id)
        self.snapshot = removed.snapshot
        return removed.changes


class RemoveReferralCommand(_ReferralCommand):
    """Remove a referral; undo brings it back with its id, date and note."""

    def __init__(self, referral_id: int, text: str, on_error: ErrorHandler | None = None):
        super().__init__(text, on_error)
        self.referral_id = referral_id
        self.snapshot: dict | None = None

    def redo(self) -> None:
        self._write(self._remove, redo=True)

    def _remove(self) -> Changes:
        removed = remove_referral(self.referral_id)
        self.snapshot = removed.snapshot
        return removed.changes

    def undo(self) -> None:
        if self.snapshot is not None:
            self._write(self._restore, redo=False)

    def _restore(self) -> Changes:
        return restore_referral(self.snapshot)


class ReferredByCommand(_ReferralCommand):
    """"Referred by" changed in the person editor, which has saved it: the first redo
    does nothing, undo puts back the referrer before (or nobody), redo the new one."""

    def __init__(self, person_id: int, before: int | None, after: int | None,
                 on_error: ErrorHandler | None = None):
        super().__init__(f"Referred by: {person_name(person_id)}", on_error)
        self.person_id = person_id
        self.before = before
        self.after = after
        self._saved = True

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self._write(lambda: self._set(self.after), redo=True)

    def undo(self) -> None:
        self._write(lambda: self._set(self.before), redo=False)

    def _set(self, referrer_id: int | None) -> Changes:
        if Person.get_or_none(Person.id == self.person_id) is None:
            raise ReferralError("That person is no longer in your network.")
        for other in {referrer_id} - {None}:
            if Person.get_or_none(Person.id == other) is None:
                raise ReferralError("The person who referred them is no longer in your "
                                    "network.")
        return save_person(self.person_id, PersonForm(referred_by=referrer_id),
                           only={"referred_by"})
