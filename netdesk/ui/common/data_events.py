"""One application-wide notifier of data changes, so views refresh without knowing each other.

A widget that writes to the database emits the matching signal after its
transaction commits; every view that shows that data listens and reloads.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    people_changed = Signal()
    """People were added, removed, renamed or regrouped (the tree and graph reload)."""
    person_changed = Signal(int)
    """One person's fields changed (editors showing that person reload)."""
    referrals_changed = Signal()
    organizations_changed = Signal()
    interviews_changed = Signal()
    follow_ups_changed = Signal()
    questions_changed = Signal()
    database_replaced = Signal()
    """A different file, or a restored copy, is now open: everything reloads."""


_instance: DataEvents | None = None


def data_events() -> DataEvents:
    """The shared notifier (created on first use, after QApplication)."""
    global _instance
    if _instance is None:
        _instance = DataEvents()
    return _instance
