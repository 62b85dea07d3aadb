"""The change publisher: every write's Changes announced once, with who made it.

A write in ``core`` returns :class:`~netdesk.core.changes.Changes`; the widget that
asked for it calls :func:`publish` with itself as the initiator, and every view
connected to :attr:`ChangePublisher.changed` decides what to refresh. A view that
made the change itself (``initiator is self``) need not reload over the user's
typing. No widget emits data signals of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from netdesk.core.changes import Changes


class ChangePublisher(QObject):
    changed = Signal(object, object)
    """(Changes, initiator): the initiator is the object that asked for the write, or None."""

    def publish(self, changes: Changes | None, initiator: object = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)


_instance: ChangePublisher | None = None


def publisher() -> ChangePublisher:
    """The application's one publisher (created on first use, after QApplication)."""
    global _instance
    if _instance is None:
        _instance = ChangePublisher()
    return _instance


def publish(changes: Changes | None, initiator: object = None) -> None:
    """Announce ``changes`` to every view."""
    publisher().publish(changes, initiator)


def reset_publisher() -> None:
    """Forget every listener (tests, and a window that replaces the whole database)."""
    global _instance
    if _instance is not None:
        _instance.deleteLater()
    _instance = None
