"""Fixtures for the referral graph tests: a shown view and panel over the sample network."""

from __future__ import annotations

import pytest

from netdesk.ui.graph.graph_panel import GraphPanel
from netdesk.ui.graph.graph_view import ReferralGraphView


def _shown(qtbot, widget, width: int, height: int):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    widget.reload()
    return widget


@pytest.fixture
def view(qtbot, sample_db, events):
    view = _shown(qtbot, ReferralGraphView(), 1000, 700)
    view.reset_zoom()
    return view


@pytest.fixture
def panel(qtbot, sample_db, events):
    return _shown(qtbot, GraphPanel(), 1200, 750)


@pytest.fixture
def warnings(monkeypatch):
    """The texts of the warnings shown (none is shown on screen)."""
    shown = []
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: shown.append(box.text()))
    return shown
