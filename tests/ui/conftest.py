"""Qt fixtures: application names for QSettings, the change publisher, a main window."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _application_names(qapp):
    qapp.setOrganizationName("netdesk-tests")
    qapp.setApplicationName("netdesk-tests")


@pytest.fixture
def events(qapp):
    from netdesk.ui.common.changes import publisher

    return publisher()


@pytest.fixture
def make_window(qtbot, db_path):
    """Build a main window over the test database (after the test has filled it)."""
    from netdesk.ui.shell.main_window import MainWindow

    def make():
        window = MainWindow(db_path)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window, db):
    return make_window()


@pytest.fixture
def sample_window(make_window, sample_db):
    return make_window()


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(qapp):
    """Windows a test opened without qtbot (a restore's new window, say) go with the test,
    so their timers never fire over the next test's database."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in qapp.topLevelWidgets():
        widget.close()
        if widget.parentWidget() is None:  # a popup or dialog goes with its owner: Qt keeps
            widget.deleteLater()           # plain pointers to some (a toolbar's overflow menu)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
