"""Qt fixtures: the shared data-events notifier and a main window over a fresh database."""

from __future__ import annotations

import pytest


@pytest.fixture
def events(qapp):
    from netdesk.ui.data_events import data_events

    return data_events()
