"""Qt fixtures: application names for QSettings, the change publisher, a main window."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _application_names(qapp):
    qapp.setOrganizationName("netdesk-tests")
    qapp.setApplicationName("netdesk-tests")


@pytest.fixture(autouse=True)
def _british_dates():
    """Dates and numbers as in the United Kingdom ('8 Dec 2024', '10,000'), whatever the
    machine's locale; a test of another territory sets its own."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(QLocale.system())


@pytest.fixture(autouse=True)
def _message_boxes_never_block(monkeypatch):
    """A message box the test did not answer fails the test instead of waiting for a click.

    Every box runs through ``plain_messages.show``; a test answers one with
    ``monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: ...)``.
    """
    def unexpected(box):
        raise AssertionError(f"unanswered message box {box.windowTitle()!r}: {box.text()!r}")

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", unexpected)


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
    """Windows a test opened without qtbot (a restore's new window, say) go quiet with the
    test: their timers stop, and the publisher is made anew, so no change of the next test
    reaches them. What refuses to close is hidden (a message box without an escape button
    ignores close()), so no box of one test is found modal in the next."""
    yield
    from PySide6.QtCore import QTimer

    from netdesk.ui.common.changes import reset_publisher

    reset_publisher()
    for widget in qapp.topLevelWidgets():
        for timer in widget.findChildren(QTimer):
            timer.stop()
        if widget.isVisible():
            widget.close()
        if widget.isVisible():
            widget.hide()
