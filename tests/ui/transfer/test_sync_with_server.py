# ruff: noqa: F811 - the Radicale fixtures are imported, then named as arguments
"""The window syncing with a real Radicale through the real engine, as a user would: an
account added through File → Sync Accounts…, Sync Now, a person added on the phone showing
in the tree and the graph, an edit made here reaching the server, Cancel mid-sync, a stopped
server, a refused password, many deletions confirmed, the periodic timer."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from netdesk.db.models import Person
from netdesk.sync import accounts as sync_accounts
from netdesk.ui.transfer import sync_passwords
from tests.sync.radicale import radicale, radicale_server  # noqa: F401 - fixtures
from tests.ui.transfer.test_sync_accounts import add_through_dialog, click
from tests.ui.tree import tree_names

PHONE_CARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-ada\r\nFN:Ada Lovelace\r\n"
              "N:Lovelace;Ada;;;\r\nTEL;TYPE=CELL:+44 20 7946 0001\r\n"
              "ORG:Analytical Engines\r\nEND:VCARD\r\n")


@pytest.fixture(autouse=True)
def _no_session_passwords():
    sync_passwords.forget_session()
    yield
    sync_passwords.forget_session()


def sync_now(qtbot, window, dialog=None, timeout=20000) -> None:
    """Sync Now in the accounts window (or File → Sync Now), then wait for it to end."""
    sync = window.sync_actions
    if dialog is not None:
        click(qtbot, dialog.sync_button)
    else:
        sync.sync_now_action.trigger()
    assert sync.run is not None or sync.password_dialog is not None
    qtbot.waitUntil(lambda: sync.run is None and sync.password_dialog is None,
                    timeout=timeout)


def book_path(account) -> str:
    return account.addressbook_url


def test_a_person_added_on_the_phone_shows_in_the_tree_and_the_graph(
        qtbot, window, radicale):
    dialog, account = add_through_dialog(qtbot, window, radicale)
    radicale.put(book_path(account) + "phone-ada.vcf", PHONE_CARD)
    window.graph_panel  # noqa: B018 - built, as after the first paint
    sync_now(qtbot, window, dialog)
    status = window.sync_actions.status
    assert status.text.startswith("Sent:"), status.text
    assert "Ada Lovelace" in tree_names(window)
    ada = Person.get(Person.first_name == "Ada")
    assert ada.last_name == "Lovelace"
    window.tabs.setCurrentWidget(window.graph_panel)
    qtbot.waitUntil(lambda: ada.id in window.graph_panel.view.drawing.nodes, timeout=5000)
    row = dialog.table.topLevelItem(0)
    assert row.text(5) != "Never" and row.text(6).startswith("Sent:")


def test_an_edit_made_here_reaches_the_server(qtbot, window, radicale):
    ann = Person.create(first_name="Ann", last_name="Lee", job_title="Professor").id
    window.contact_tree.reload()
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync_now(qtbot, window, dialog)
    (href,) = radicale.list(book_path(account))
    assert "TITLE:Professor" in radicale.get(href)
    window.select_person(ann)
    window.editor.job_title.selectAll()
    qtbot.keyClicks(window.editor.job_title, "Dean of Studies")
    assert window.editor.save_now()
    sync_now(qtbot, window, dialog)
    card = radicale.get(href)
    assert "TITLE:Dean of Studies" in card and "Professor" not in card


def test_cancel_mid_sync_and_the_next_sync_completes(qtbot, window, radicale):
    for number in range(40):
        Person.create(first_name=f"Person{number:02}", last_name="Many")
    window.contact_tree.reload()
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync = window.sync_actions
    click(qtbot, dialog.sync_button)
    status = sync.status
    qtbot.waitUntil(lambda: " of " in status.text, timeout=20000)
    click(qtbot, status.cancel_button)
    qtbot.waitUntil(lambda: sync.run is None, timeout=20000)
    assert "cancelled" in status.text
    sent = len(radicale.list(book_path(account)))
    assert sent < 40
    sync_now(qtbot, window, dialog)
    assert len(radicale.list(book_path(account))) == 40
    assert Person.select().count() == 40


def test_a_stopped_server_is_told_in_the_status_bar(qtbot, window, radicale):
    dialog, account = add_through_dialog(qtbot, window, radicale)
    radicale.stop()
    sync_now(qtbot, window, dialog)
    status = window.sync_actions.status
    server = f"127.0.0.1:{radicale.server.port}"
    assert status.text.startswith(f"Sync with {server} did not finish:"), status.text
    assert status.details_button.isVisible()
    click(qtbot, status.details_button)
    assert server in status.dialog.text.toPlainText()
    radicale.start()
    sync_now(qtbot, window, dialog)
    assert status.text.startswith("Sent:")


def test_a_wrong_password_asks_again(qtbot, window, radicale, memory_keyring):
    dialog, account = add_through_dialog(qtbot, window, radicale)
    key = sync_accounts.password_key(account.id)
    memory_keyring.set_password("netdesk", key, "not-it")
    sync_passwords.forget_session()
    sync = window.sync_actions
    click(qtbot, dialog.sync_button)
    qtbot.waitUntil(lambda: sync.password_dialog is not None, timeout=20000)
    asked = sync.password_dialog
    assert "refused the password" in asked.message.text()
    qtbot.keyClicks(asked.password, radicale.password)
    qtbot.keyClick(asked.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sync.run is None and sync.password_dialog is None, timeout=20000)
    assert sync.status.text.startswith("Sent:"), sync.status.text
    assert memory_keyring.get_password("netdesk", key) == radicale.password


def _answer(monkeypatch, wanted: str) -> list[tuple[str, object]]:
    asked = []

    def answer(box):
        asked.append((box.text(), threading.current_thread()))
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()
        return box.standardButton(box.clickedButton())

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", answer)
    return asked


def test_many_deletions_on_the_phone_are_confirmed(qtbot, window, radicale, monkeypatch):
    for number in range(7):
        Person.create(first_name=f"Gone{number}", last_name="Soon")
    Person.create(first_name="Stays", last_name="Here")
    window.contact_tree.reload()
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync_now(qtbot, window, dialog)
    cards = radicale.list(book_path(account))
    for href in cards:
        if "Gone" in radicale.get(href):
            radicale.delete(href)

    asked = _answer(monkeypatch, "Cancel")
    sync_now(qtbot, window, dialog)
    ((text, thread),) = asked
    assert text == "This sync would delete 7 here (in netdesk)."
    assert thread is threading.main_thread()
    assert Person.select().count() == 8  # nothing deleted
    assert "nothing was changed" in window.sync_actions.status.text

    asked = _answer(monkeypatch, "Delete them")
    sync_now(qtbot, window, dialog)
    assert len(asked) == 1
    assert [p.first_name for p in Person.select()] == ["Stays"]
    assert tree_names(window) == ["Stays Here"]


def test_the_timer_syncs_an_account_that_is_due(qtbot, window, radicale):
    dialog, account = add_through_dialog(qtbot, window, radicale)
    radicale.put(book_path(account) + "phone-ada.vcf", PHONE_CARD)
    sync_accounts.update_account(account.id, interval_minutes=1)
    sync = window.sync_actions
    sync.timer.timeout.emit()  # a minute later
    assert sync.run is not None
    qtbot.waitUntil(lambda: sync.run is None, timeout=20000)
    assert "Ada Lovelace" in tree_names(window)
    assert sync_accounts.accounts()[0].last_synced is not None
    sync.timer.timeout.emit()  # synced less than a minute ago: not due
    assert sync.run is None


def test_typing_in_the_editor_survives_a_sync_that_changes_the_person(
        qtbot, window, radicale):
    ann = Person.create(first_name="Ann", last_name="Lee", job_title="Professor",
                        department="History").id
    window.contact_tree.reload()
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync_now(qtbot, window, dialog)
    (href,) = radicale.list(book_path(account))
    card = radicale.get(href)
    assert "TITLE:Professor" in card
    window.select_person(ann)
    editor = window.editor
    editor.job_title.selectAll()
    qtbot.keyClicks(editor.job_title, "Lecturer")  # not saved yet
    editor._timer.stop()  # the user is still typing
    phone = card.replace("TITLE:Professor", "TITLE:Dean").replace(
        "\r\nEND:VCARD", "\r\nNOTE:Met at a fair\r\nEND:VCARD")
    radicale.put(href, phone)
    sync_now(qtbot, window, dialog)
    assert editor.job_title.text() == "Lecturer"  # what the user typed stays
    assert "job_title" in editor._conflicts  # keep mine / take theirs is asked
    assert "Met at a fair" in editor.form().notes  # a field not touched follows the server


def test_a_to_do_completed_on_the_phone_leaves_the_dashboard(qtbot, window, radicale):
    import datetime

    from netdesk.core import followups
    from netdesk.db.models import FollowUp

    ann = Person.create(first_name="Ann", last_name="Lee").id
    follow_up = followups.create(ann, "reply_check", datetime.date.today()).id
    window.dashboard.reload()
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: window.dashboard.due_tree.topLevelItemCount() == 1, timeout=5000)
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync_now(qtbot, window, dialog)
    (href,) = [h for h in radicale.list(account.calendar_url)
               if "VTODO" in radicale.get(h)]
    todo = radicale.get(href)
    assert "STATUS:NEEDS-ACTION" in todo
    radicale.put(href, todo.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED"))
    sync_now(qtbot, window, dialog)
    assert FollowUp.get_by_id(follow_up).status == "done"
    qtbot.waitUntil(lambda: window.dashboard.due_tree.topLevelItemCount() == 0, timeout=5000)


def test_an_interview_moved_on_the_phone_moves_in_the_interview_window(
        qtbot, window, radicale):
    import datetime
    import re
    from zoneinfo import ZoneInfo

    from netdesk.db.models import Interview

    ann = Person.create(first_name="Ann", last_name="Lee")
    start = datetime.datetime(2026, 12, 10, 15, 0, tzinfo=ZoneInfo("Europe/London"))
    interview = Interview.create(person=ann, status="scheduled",
                                 scheduled_at=start.replace(tzinfo=None),
                                 starts_at=start.astimezone(datetime.UTC),
                                 time_zone="Europe/London").id
    opened = window.interview_actions.open_interview(interview)
    assert "Thu 10 Dec 2026" in opened.details.text()
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync_now(qtbot, window, dialog)
    (href,) = [h for h in radicale.list(account.calendar_url)
               if "VEVENT" in radicale.get(h)]
    event = radicale.get(href)
    moved = re.sub(r"DTSTART([^:\r\n]*):20261210T150000", r"DTSTART\1:20261211T100000", event)
    moved = re.sub(r"DTEND([^:\r\n]*):20261210T153000", r"DTEND\1:20261211T103000", moved)
    assert moved != event, event
    radicale.put(href, moved)
    sync_now(qtbot, window, dialog)
    assert Interview.get_by_id(interview).scheduled_at == datetime.datetime(2026, 12, 11, 10, 0)
    assert "Fri 11 Dec 2026" in opened.details.text()


def test_quitting_mid_sync_waits_a_moment_at_most_and_leaves_both_sides_consistent(
        qtbot, window, radicale):
    import time

    for number in range(40):
        Person.create(first_name=f"Person{number:02}", last_name="Many")
    dialog, account = add_through_dialog(qtbot, window, radicale)
    sync = window.sync_actions
    click(qtbot, dialog.sync_button)
    qtbot.waitUntil(lambda: " of " in sync.status.text, timeout=20000)
    run = sync.run
    began = time.monotonic()
    window.close()
    assert time.monotonic() - began < 0.6
    assert run.wait(20)  # the engine stops at its next request
    sent = len(radicale.list(book_path(account)))
    assert 0 < sent < 40
    from netdesk.sync.engine import sync_account

    report = sync_account(sync_accounts.accounts()[0], radicale.password)  # the next start
    assert report.sent.get("people added", 0) == 40 - sent
    assert len(radicale.list(book_path(account))) == 40
