"""Undoable referral edits for the window's undo stack: record "A referred B", remove one.

Each step publishes what core returned: the referral and the two people's ``"referred_by"``,
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
