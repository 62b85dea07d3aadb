# ruff: noqa: F811 - the Radicale fixtures are imported, then named as arguments
"""File → Sync Accounts…: adding an account as a user would, against a real Radicale; the
password kept in the keyring (or for the session only) and nowhere in the file or settings;
removing an account."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QWizard

from netdesk import secrets
from netdesk.db.models import Person
from netdesk.sync import accounts as sync_accounts
from netdesk.ui.transfer import sync_passwords
from netdesk.ui.transfer.sync_account_wizard import CREATE
from tests.sync.radicale import radicale, radicale_server  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def _no_session_passwords():
    sync_passwords.forget_session()
    yield
    sync_passwords.forget_session()


def click(qtbot, button) -> None:
    """Click ``button`` where a user would: a radio button or check box on its mark."""
    if isinstance(button, QAbstractButton) and button.isCheckable():
        at = QPoint(button.height() // 2, button.height() // 2)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=at)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_accounts(window):
    window.sync_actions.accounts_action.trigger()
    return window.sync_actions.dialog


def fill_server(qtbot, wizard, url: str, user: str, password: str) -> None:
    page = wizard.server_page
    for edit, text in ((page.url, url), (page.user, user), (page.password, password)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def add_through_dialog(qtbot, window, server, *, tags: tuple[str, ...] = ()):
    """File → Sync Accounts… → Add…, the server, Next, "Create one named netdesk" for both,
    Next, the people, Finish; the dialog and the new account."""
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    wizard = dialog.wizard
    fill_server(qtbot, wizard, server.url, server.user, server.password)
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.collections_page, timeout=10000)
    page = wizard.collections_page
    assert page.addressbook.currentData() == CREATE  # a fresh user has none yet
    assert page.calendar.currentData() == CREATE
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.people_page, timeout=10000)
    people = wizard.people_page
    if tags:
        click(qtbot, people.tagged)
        for row in range(people.tags.count()):
            item = people.tags.item(row)
            if item.text() in tags:
                item.setCheckState(Qt.CheckState.Checked)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    (account,) = sync_accounts.accounts()
    return dialog, account


def test_adding_an_account_discovers_creates_netdesk_collections_and_keeps_the_password_in_the_keyring(  # noqa: E501
        qtbot, window, radicale, memory_keyring, db_path):
    Person.create(first_name="Ann", last_name="Lee", tags="mentor, alumni")
    Person.create(first_name="Bo", last_name="Ng", tags="Alumni")
    dialog, account = add_through_dialog(qtbot, window, radicale, tags=("mentor",))

    assert account.url == radicale.url and account.user == radicale.user
    assert account.tags == ("mentor",)
    assert account.interval_minutes == 15
    found = sync_accounts.discover(radicale.url, radicale.user, radicale.password)
    assert [c.name for c in found.addressbooks] == ["netdesk"]
    assert [c.name for c in found.calendars] == ["netdesk"]
    assert account.addressbook_url == found.addressbooks[0].url
    assert account.calendar_url == found.calendars[0].url
    assert memory_keyring.secrets[("netdesk", sync_accounts.password_key(account.id))] \
        == radicale.password
    assert dialog.table.topLevelItemCount() == 1
    row = dialog.table.topLevelItem(0)
    assert row.text(1) == radicale.user and row.text(5) == "Never"
    # Nowhere else: not in the database file (nor its journal), not in the settings.
    QSettings().sync()
    secret = radicale.password.encode()
    config = Path(QSettings().fileName())
    for path in [*db_path.parent.glob(db_path.name + "*"), config]:
        if path.exists():
            assert secret not in path.read_bytes(), path


def test_the_tag_picker_lists_every_tag_once(qtbot, window, radicale):
    Person.create(first_name="Ann", last_name="Lee", tags="mentor, alumni")
    Person.create(first_name="Bo", last_name="Ng", tags="Alumni")
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    people = dialog.wizard.people_page
    assert [people.tags.item(r).text() for r in range(people.tags.count())] \
        == ["alumni", "mentor"]
    assert not people.tags.isEnabled()
    people.tagged.click()  # the page is not shown yet
    assert people.tags.isEnabled() and not people.isComplete()  # a tag must be chosen


def test_an_address_that_is_not_https_is_refused_inline(qtbot, window):
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    wizard = dialog.wizard
    fill_server(qtbot, wizard, "http://dav.example.org/", "ann", "secret")
    page = wizard.server_page
    assert page.url_problem.isVisible()
    assert page.url_problem.text() == sync_accounts.check_url("http://dav.example.org/")
    assert not next_button(wizard).isEnabled()
    page.url.clear()
    qtbot.keyClicks(page.url, "https://dav.example.org/")
    assert not page.url_problem.isVisible()
    assert next_button(wizard).isEnabled()


def test_a_wrong_password_is_said_on_the_page_and_nothing_is_added(qtbot, window, radicale):
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    wizard = dialog.wizard
    fill_server(qtbot, wizard, radicale.url, radicale.user, "not-the-password")
    click(qtbot, next_button(wizard))
    assert wizard.server_page.busy.isVisible()  # looked up off the GUI thread
    qtbot.waitUntil(lambda: wizard.server_page.problem.text() != "", timeout=10000)
    assert "401" in wizard.server_page.problem.text()
    assert not wizard.server_page.busy.isVisible()
    assert wizard.currentPage() is wizard.server_page
    assert sync_accounts.accounts() == []


def test_a_lookup_can_be_stopped(qtbot, window, radicale):
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    wizard = dialog.wizard
    radicale.stop()
    fill_server(qtbot, wizard, radicale.url, radicale.user, radicale.password)
    click(qtbot, next_button(wizard))
    assert wizard.is_busy() and not next_button(wizard).isEnabled()
    click(qtbot, wizard.server_page.busy.stop)
    assert not wizard.is_busy() and not wizard.server_page.busy.isVisible()
    assert next_button(wizard).isEnabled()
    assert wizard.currentPage() is wizard.server_page


def test_a_stopped_server_is_named_in_the_error(qtbot, window, radicale):
    radicale.stop()
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    wizard = dialog.wizard
    fill_server(qtbot, wizard, radicale.url, radicale.user, radicale.password)
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(lambda: wizard.server_page.problem.text() != "", timeout=15000)
    assert "127.0.0.1" in wizard.server_page.problem.text()


def test_without_a_keyring_the_password_is_held_for_the_session_only(
        qtbot, window, radicale, memory_keyring, monkeypatch):
    monkeypatch.setattr(secrets, "available", lambda: False)
    dialog = open_accounts(window)
    click(qtbot, dialog.add_button)
    page = dialog.wizard.server_page
    assert not page.remember.isVisible() and page.no_keyring.isVisible()
    dialog.wizard.reject()
    dialog, account = add_through_dialog(qtbot, window, radicale)
    assert memory_keyring.secrets == {}
    assert sync_passwords.known_password(account.id) == radicale.password
    sync_passwords.forget_session()  # netdesk quits
    assert sync_passwords.known_password(account.id) is None


def test_removing_an_account_asks_and_forgets_its_password(
        qtbot, window, radicale, memory_keyring, monkeypatch):
    dialog, account = add_through_dialog(qtbot, window, radicale)
    asked = []

    def answer(box):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Remove").click()
        return box.standardButton(box.clickedButton())

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", answer)
    dialog.table.setCurrentItem(dialog.table.topLevelItem(0))
    click(qtbot, dialog.remove_button)
    assert asked and radicale.user in asked[0]
    assert sync_accounts.accounts() == []
    assert memory_keyring.secrets == {}
    assert sync_passwords.known_password(account.id) is None
    assert dialog.table.topLevelItemCount() == 0 and dialog.empty.isVisible()


def test_an_account_s_people_and_interval_can_be_changed(qtbot, window, radicale):
    Person.create(first_name="Ann", last_name="Lee", tags="mentor, alumni")
    dialog, account = add_through_dialog(qtbot, window, radicale)
    assert dialog.table.topLevelItem(0).text(4) == "Every 15 min"
    dialog.table.setCurrentItem(dialog.table.topLevelItem(0))
    click(qtbot, dialog.edit_button)
    settings = dialog.settings
    page = settings.page
    assert page.everyone.isChecked() and page.minutes.value() == 15
    click(qtbot, page.tagged)
    save = settings.buttons.button(settings.buttons.StandardButton.Save)
    assert not save.isEnabled()  # a tag must be chosen
    page.tags.item(0).setCheckState(Qt.CheckState.Checked)  # alumni
    assert save.isEnabled()
    click(qtbot, page.manual)
    click(qtbot, save)
    (changed,) = sync_accounts.accounts()
    assert changed.tags == ("alumni",) and changed.interval_minutes == 0
    assert dialog.table.topLevelItem(0).text(4) == "Manually"
