"""Undoable referral edits for the window's undo stack: record "A referred B", remove one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from netdesk.core.referrals import (
    ReferralError,
    add_referral,
    remove_referral,
    restore_referral,
)
from netdesk.ui.common.changes import publish

ErrorHandler = Callable[[str], None]


class AddReferralCommand(QUndoCommand):
    """Record a referral; undo removes it, redo puts back the same row."""

    def __init__(self, referrer_id: int, referred_id: int, text: str,
                 on_error: ErrorHandler | None = None, note: str = ""):
        super().__init__(text)
        self.referrer_id = referrer_id
        self.referred_id = referred_id
        self.note = note
        self.on_error = on_error
        self.snapshot: dict | None = None
        self.referral_id: int | None = None

    def redo(self) -> None:
        try:
            if self.snapshot is None:
                changes = add_referral(self.referrer_id, self.referred_id, note=self.note)
            else:
                changes = restore_referral(self.snapshot)
        except ReferralError as error:
            self.setObsolete(True)
            if self.on_error:
                self.on_error(str(error))
            return
        self.referral_id = changes.id
        publish(changes, self)

    def undo(self) -> None:
        if self.referral_id is None:
            return
        try:
            removed = remove_referral(self.referral_id)
        except ReferralError as error:
            if self.on_error:
                self.on_error(str(error))
            return
        self.snapshot = removed.snapshot
        publish(removed.changes, self)


class RemoveReferralCommand(QUndoCommand):
    """Remove a referral; undo brings it back with its id, date and note."""

    def __init__(self, referral_id: int, text: str, on_error: ErrorHandler | None = None):
        super().__init__(text)
        self.referral_id = referral_id
        self.on_error = on_error
        self.snapshot: dict | None = None

    def redo(self) -> None:
        try:
            removed = remove_referral(self.referral_id)
        except ReferralError as error:
            self.setObsolete(True)
            if self.on_error:
                self.on_error(str(error))
            return
        self.snapshot = removed.snapshot
        publish(removed.changes, self)

    def undo(self) -> None:
        if self.snapshot is None:
            return
        try:
            changes = restore_referral(self.snapshot)
        except ReferralError as error:
            if self.on_error:
                self.on_error(str(error))
            return
        publish(changes, self)
