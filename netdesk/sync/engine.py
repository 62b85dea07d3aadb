"""One sync of an account, both ways: people as vCards, interviews and follow-ups as
calendar items. See :func:`sync_account`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netdesk.core.changes import Changes
from netdesk.sync.accounts import Account


@dataclass(frozen=True)
class Progress:
    step: str
    done: int
    total: int


@dataclass
class SyncReport:
    changes: Changes = field(default_factory=Changes)
    sent: dict[str, int] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        return ""


def sync_account(account: Account, password: str, *, dry_run: bool = False,
                 progress: Callable[[Progress], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 confirm_deletions: Callable[[int, int], bool] | None = None) -> SyncReport:
    raise NotImplementedError
