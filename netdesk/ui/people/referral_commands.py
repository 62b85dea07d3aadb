"""Undoable referral edits for the window's undo stack: record "A referred B", remove one.

Each step publishes the referral change and the two people's ``"referred_by"``,
so the graph, an open person editor and the dashboard all show it, and show
it gone again after an undo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from netdesk.core.changes import Changes
from netdesk.core.referrals import (
    ReferralError,
    add_referral,
    remove_referral,
    restore_referral,
)
from netdesk.ui.common.changes import publish

ErrorHandler = Callable[[str], None]
REFERRED_BY = frozenset({"referred_by"})


def referral_changes(referrer_id: int, referred_id: int) -> Changes:
    """What recording or removing "referrer referred referred" changes."""
    return Changes(referrals=True, person_fields={int(referrer_id): REFERRED_BY,
                                                  int(referred_id): REFERRED_BY})


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
            self.referral_id = add_referral(self.referrer_id, self.referred_id, note=self.note)
        else:
            self.referral_id = restore_referral(self.snapshot)
        return referral_changes(self.referrer_id, self.referred_id)

    def undo(self) -> None:
        if self.referral_id is not None:
            self._write(self._remove, redo=False)

    def _remove(self) -> Changes:
        self.snapshot = remove_referral(self.referral_id)
        return referral_changes(self.referrer_id, self.referred_id)


class RemoveReferralCommand(_ReferralCommand):
    """Remove a referral; undo brings it back with its id, date and note."""

    def __init__(self, referral_id: int, text: str, on_error: ErrorHandler | None = None):
        super().__init__(text, on_error)
        self.referral_id = referral_id
        self.snapshot: dict | None = None

    def redo(self) -> None:
        self._write(self._remove, redo=True)

    def _remove(self) -> Changes:
        self.snapshot = remove_referral(self.referral_id)
        return referral_changes(self.snapshot["referrer"], self.snapshot["referred"])

    def undo(self) -> None:
        if self.snapshot is not None:
            self._write(self._restore, redo=False)

    def _restore(self) -> Changes:
        restore_referral(self.snapshot)
        return referral_changes(self.snapshot["referrer"], self.snapshot["referred"])
