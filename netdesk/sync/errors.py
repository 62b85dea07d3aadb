"""What can go wrong in a sync, in words fit for the user."""

from __future__ import annotations


class SyncError(Exception):
    """A message fit for the user that names what failed (server, step, HTTP status)."""


class SyncCancelled(SyncError):
    """The user cancelled; what was sent stays recorded as sent."""

    def __init__(self, message: str = "Sync cancelled; what was sent before is kept."):
        super().__init__(message)


class DeletionsNeedConfirmation(SyncError):
    """More than a handful of deletions: the whole sync was refused, nothing written on
    either side, until the user confirms (``confirm_deletions`` answering True, or
    ``netdesk sync --yes``).

    Attributes:
        local: people (and records) that would be deleted here.
        remote: cards or events that would be deleted on the server.
    """

    def __init__(self, local: int, remote: int):
        self.local = local
        self.remote = remote
        parts = []
        if local:
            parts.append(f"{local} here")
        if remote:
            parts.append(f"{remote} on the server")
        super().__init__(
            f"This sync would delete {' and '.join(parts) or 'nothing'}; nothing was changed. "
            "Confirm the deletions to go ahead.")
