"""Driving the referral graph as a user would: find a person, point at them, drag between two."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from netdesk.db.models import Person
from netdesk.ui.graph.graph_view import ReferralGraphView


def pid(first: str) -> int:
    return Person.get(Person.first_name == first).id


def point_of(view: ReferralGraphView, person_id: int) -> QPoint:
    view.centerOn(view.drawing.node_pos(person_id))
    return view.viewport_point(person_id)


def drag(qtbot, view: ReferralGraphView, source: int, target: int) -> None:
    """Press on ``source`` and release on ``target``, with moves in between."""
    view.fit_all()
    view.reset_zoom()
    view.centerOn(view.drawing.node_pos(source))
    start = view.viewport_point(source)
    end = view.viewport_point(target)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(12, 12))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
