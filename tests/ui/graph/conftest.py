"""Fixtures for the referral graph tests: a shown view and panel over the sample network."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from netdesk.ui.graph.graph_panel import GraphPanel
from netdesk.ui.graph.graph_view import ReferralGraphView


@pytest.fixture
def view(qtbot, sample_db, events):
    view = ReferralGraphView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.reload()
    view.reset_zoom()
    return view


@pytest.fixture
def panel(qtbot, sample_db, events):
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 750)
    panel.show()
    panel.reload()
    return panel


@pytest.fixture
def warnings(monkeypatch):
    """The texts of the warnings shown (none is shown on screen)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: shown.append(text))
    return shown
