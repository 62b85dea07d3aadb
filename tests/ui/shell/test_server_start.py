"""The window on a shared network on PostgreSQL: started on a URL as on a file, a server that
cannot be used named in a dialog of its own (never a traceback, never the password), the
SQLite-only File-menu features saying why they do not apply, and the app lock refusing writes
on the server too."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from netdesk.db import open_database
from netdesk.db.models import Person
from netdesk.ui.shell import server_start, startup
from netdesk.ui.shell.app_lock import HASH_KEY, app_lock, reset_app_lock, set_passphrase

PASSWORD = "s3cret-pw"


def _count(url: str, sql: str = "SELECT count(*) FROM person") -> int:
    """Asked of the server through a connection of its own, not the window's."""
    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchone()[0]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens there once the probe is closed


class Boxes(list):
    """The message boxes shown; each is answered with the first button whose text (``&``
    left out) holds ``answer``."""

    answer = "OK"


@pytest.fixture
def boxes(monkeypatch):
    shown = Boxes()

    def show(box):
        shown.append(box)
        for button in box.buttons():
            if shown.answer.lower() in button.text().replace("&", "").lower():
                button.click()
                break
        return QMessageBox.StandardButton.NoButton

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", show)
    return shown


@pytest.fixture
def started(qtbot):
    """Starts made by the test, given up at its end."""
    starts = []
    yield starts
    for start in starts:
        _give_up(start)


def _give_up(start: startup.Start) -> None:
    """Close the window, stop its timers (nothing of it may reach the server once its
    database is dropped), let what it queued run, and give the database up."""
    from PySide6.QtWidgets import QApplication

    if start.window is not None:
        start.window.close()
        for timer in start.window.findChildren(QTimer):
            timer.stop()
    QApplication.processEvents()
    start.release()


def _start(qtbot, started, url, **options) -> startup.Start:
    start = startup.Start(**options)
    started.append(start)
    assert start.open(url), start.exit_code
    qtbot.addWidget(start.window)
    qtbot.waitUntil(lambda: start.painted and start.check.done, timeout=10000)
    qtbot.waitUntil(lambda: start.window.contact_tree.model.loaded, timeout=10000)
    return start


def _fill(url: str, names: list[tuple[str, str]]) -> None:
    from netdesk.core.people import PersonForm, save_person

    db = open_database(url)
    try:
        for first, last in names:
            save_person(None, PersonForm(first_name=first, last_name=last))
    finally:
        db.close()


def _tree_names(window) -> set[str]:
    model = window.contact_tree.model
    names = set()
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        while model.canFetchMore(parent):
            model.fetchMore(parent)
        names |= {model.index(row, 0, parent).data() for row in range(model.rowCount(parent))}
    return names


def test_the_window_opens_on_a_url_and_shows_its_people(qtbot, server_url, started,
                                                        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a URL taken for a path would make folders here
    _fill(server_url, [("Ada", "Lovelace"), ("Grace", "Hopper")])

    start = _start(qtbot, started, server_url)

    window = start.window
    name = server_url.split("://", 1)[1]
    assert window.windowTitle() == f"{name} — netdesk"
    assert window.db_path == server_url and not start.opened.read_only
    assert {"Ada Lovelace", "Grace Hopper"} <= _tree_names(window)
    assert list(tmp_path.iterdir()) == []  # no folder, lock or backup made from the URL
    assert start.opened.instance is not None and start.opened.instance.is_owner()


def test_the_sample_network_on_a_server_shows_in_the_tree(qtbot, server_url, started):
    from netdesk.core.demo import populate_sample

    db = open_database(server_url)
    populate_sample()
    people = Person.select().count()
    db.close()

    start = _start(qtbot, started, server_url)

    window = start.window
    assert window.contact_tree.model.person_count() == people > 0
    assert len(_tree_names(window)) >= min(people, 10)


def test_a_person_added_in_the_window_is_in_the_database(qtbot, server_url, started):
    start = _start(qtbot, started, server_url)
    window = start.window

    window.new_person_action.trigger()
    qtbot.keyClicks(window.editor.first_name, "Katherine")
    qtbot.keyClicks(window.editor.last_name, "Johnson")
    assert window.editor.save_now()

    assert _count(server_url, "SELECT count(*) FROM person WHERE first_name = 'Katherine' "
                              "AND last_name = 'Johnson'") == 1
    qtbot.waitUntil(lambda: "Katherine Johnson" in _tree_names(window), timeout=5000)


def test_a_second_start_on_the_same_url_brings_the_first_window_forward(
        qtbot, server_url, started):
    start = _start(qtbot, started, server_url)
    with qtbot.waitSignal(start.opened.instance.activation_requested, timeout=5000):
        second = startup.Start()
        assert not second.open(server_url)
    assert second.exit_code == 0 and second.window is None


def test_the_same_url_with_another_password_is_the_same_claim(server_url):
    with_password = server_url.replace("postgres@", f"postgres:{PASSWORD}@")
    assert server_start.lock_base(with_password) == server_start.lock_base(server_url)
    assert PASSWORD not in str(server_start.lock_base(with_password))


def test_an_unreachable_server_gets_the_server_dialog_naming_it_without_its_password(
        qtbot, boxes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = f"postgresql://ana:{PASSWORD}@127.0.0.1:{_closed_port()}/network"
    boxes.answer = "Quit"

    start = startup.Start()
    assert not start.open(url)

    assert start.exit_code == startup.EXIT_NOT_OPENED and start.window is None
    (box,) = boxes
    assert box.windowTitle() == "netdesk cannot open the shared network"
    assert "ana@127.0.0.1" in box.text() and "cannot be reached" in box.text()
    assert PASSWORD not in box.text() + box.informativeText()
    assert "VPN" in box.informativeText()
    texts = [b.text().replace("&", "") for b in box.buttons()]
    assert {"Try Again", "Open a File Instead…", "Quit"} <= set(texts)
    assert not any("Restore" in text for text in texts)  # not the file recovery's choices
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_role_is_named_and_try_again_asks_the_server_again(
        qtbot, boxes, server_url, monkeypatch):
    url = server_url.replace("postgres@", "nobody@")  # no such role on the server
    answers = iter(["Try Again", "Quit"])

    def answer(box):
        boxes.append(box)
        wanted = next(answers)
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()
        return QMessageBox.StandardButton.NoButton

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", answer)
    start = startup.Start()
    assert not start.open(url)
    assert len(boxes) == 2  # asked again after Try Again
    assert "nobody@127.0.0.1" in boxes[0].text()
    assert "no such database or user" in boxes[0].text()
    assert "USER@HOST/DATABASE" in boxes[0].informativeText()


def test_a_role_that_may_not_connect_is_refused_in_the_dialog(qtbot, boxes, server_url,
                                                              postgres):
    name = server_url.rsplit("/", 1)[1]
    postgres.execute("DROP ROLE IF EXISTS outsider", "CREATE ROLE outsider LOGIN",
                     f'REVOKE CONNECT ON DATABASE "{name}" FROM PUBLIC')
    try:
        boxes.answer = "Quit"
        start = startup.Start()
        assert not start.open(postgres.url(name, "outsider"))
        (box,) = boxes
        assert "outsider@" in box.text() and "refused" in box.text()
        assert "right to connect" in box.informativeText()
    finally:
        postgres.execute(f'GRANT CONNECT ON DATABASE "{name}" TO PUBLIC')


def test_a_database_of_something_else_is_refused_and_left_as_it_was(
        qtbot, boxes, empty_server_url, postgres):
    name = empty_server_url.rsplit("/", 1)[1]
    postgres.execute("CREATE TABLE invoices (id integer)", database=name)
    boxes.answer = "Quit"

    assert not startup.Start().open(empty_server_url)

    (box,) = boxes
    assert "not netdesk's" in box.text() and "invoices" in box.text()
    assert _count(empty_server_url, "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                    "'public'") == 1


def test_open_a_file_instead_opens_the_file(qtbot, boxes, started, tmp_path, monkeypatch):
    file = tmp_path / "mine.sqlite3"
    monkeypatch.setattr(server_start, "_pick_file", lambda: str(file))
    boxes.answer = "Open a File"

    start = startup.Start(backups_on=False)
    started.append(start)
    assert start.open(f"postgresql://ana@127.0.0.1:{_closed_port()}/network")
    qtbot.addWidget(start.window)

    assert start.opened.db_path == file and file.exists()
    assert start.window.windowTitle() == "mine.sqlite3 — netdesk"


def test_a_role_that_may_only_read_opens_the_window_for_reading_only(
        qtbot, server_url, started, postgres):
    name = server_url.rsplit("/", 1)[1]
    postgres.execute("DROP ROLE IF EXISTS reader", "CREATE ROLE reader LOGIN",
                     "GRANT USAGE ON SCHEMA public TO reader", database=name)
    postgres.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader", database=name)
    try:
        start = _start(qtbot, started, postgres.url(name, "reader"))
        window = start.window
        assert window.read_only and "may read the network but not change it" in \
            window.read_only_reason
        assert window.read_only_banner.isVisibleTo(window)
        assert not window.new_person_action.isEnabled()
    finally:
        for start in started:
            _give_up(start)
        started.clear()
        postgres.execute("DROP OWNED BY reader", "DROP ROLE reader", database=name)


def test_backup_and_encryption_on_a_server_say_why_they_do_not_apply(
        qtbot, boxes, server_url, started):
    window = _start(qtbot, started, server_url).window
    window._ensure_menu_actions()
    actions = {a.text().replace("&", ""): a for a in window.backup_actions}

    for text in ("Back Up Now", "Restore from Backup…", "Encrypt This Database…"):
        assert "server" in actions[text].statusTip(), text
        actions[text].trigger()

    said = [box.text() for box in boxes]
    assert len(said) == 3
    assert "backed up by its administrator" in said[0] and "Export → JSON" in said[0]
    assert "backed up by its administrator" in said[1]
    assert "not a file netdesk can encrypt" in said[2]
    assert window.encryption.remove_encryption() is False
    assert "not a file netdesk can encrypt" in boxes[-1].text()


def test_no_daily_backup_is_taken_of_a_server(qtbot, server_url, started, tmp_path):
    root = tmp_path / "backups"
    start = _start(qtbot, started, server_url, backup_root=root, backup_delay_ms=0)
    qtbot.wait(300)
    assert start.window is not None and not root.exists()


@pytest.fixture
def lock_passphrase(qapp):
    from PySide6.QtCore import QSettings

    reset_app_lock()
    set_passphrase("correct horse")
    yield "correct horse"
    reset_app_lock()
    QSettings().remove(HASH_KEY)


def test_the_app_lock_on_a_server_refuses_a_timer_write_and_unlocking_allows_it_again(
        qtbot, server_url, started, lock_passphrase):
    window = _start(qtbot, started, server_url).window
    window._ensure_menu_actions()
    assert app_lock().lock()
    refused = []

    def write_anyway():  # a timer no window owns: refused by the server itself
        try:
            Person.create(first_name="Sneaky")
        except Exception as error:  # noqa: BLE001
            refused.append(str(error))

    QTimer.singleShot(0, write_anyway)
    qtbot.waitUntil(lambda: bool(refused))

    assert "read-only transaction" in refused[0]
    assert _count(server_url) == 0
    assert Person.select().count() == 0  # reading is still allowed

    form = app_lock().form()
    qtbot.keyClicks(form.passphrase, lock_passphrase)
    form.unlock_requested.emit(form.passphrase.text())
    assert not app_lock().is_locked
    Person.create(first_name="After unlock")
    assert _count(server_url) == 1


def test_a_connection_opened_while_locked_refuses_writes_too(
        qtbot, server_url, started, lock_passphrase):
    from netdesk.db.models import database_proxy

    _start(qtbot, started, server_url)
    assert app_lock().lock()
    database_proxy.obj.close()  # the next statement connects anew, as a worker thread does
    with pytest.raises(Exception, match="read-only transaction"):
        Person.create(first_name="Sneaky")
    assert app_lock().unlock(lock_passphrase)
    database_proxy.obj.close()
    Person.create(first_name="After unlock")
    assert _count(server_url) == 1


def test_the_self_check_names_a_server_without_its_password(capsys, server_url):
    from netdesk.ui.shell.self_check import run_self_check

    with_password = server_url.replace("postgres@", f"postgres:{PASSWORD}@")
    assert run_self_check(with_password) == 0
    out = capsys.readouterr().out
    assert PASSWORD not in out and "database: ok" in out


def test_no_url_is_ever_taken_for_a_file_name(tmp_path, monkeypatch, server_url):
    monkeypatch.chdir(tmp_path)
    assert server_start.window_name(server_url) == server_url.split("://", 1)[1]
    assert server_start.start_folder(server_url) == Path.home()
    assert not any(Path(os.getcwd()).iterdir())


@pytest.fixture
def opened(monkeypatch):
    """What the window would have opened (run_gui replaced: no event loop)."""
    calls = []
    monkeypatch.setattr("netdesk.ui.shell.startup.run_gui",
                        lambda db_path, *, demo=False, argv=None: calls.append(db_path) or 0)
    return calls


def test_a_url_as_file_with_db_or_in_netdesk_db_opens_the_window_on_the_server(
        opened, monkeypatch, tmp_path):
    from netdesk.app import main

    monkeypatch.chdir(tmp_path)
    url = f"postgresql://ana:{PASSWORD}@db.center.edu/network"
    assert main([url]) == 0
    assert main(["--db", url]) == 0
    monkeypatch.setenv("NETDESK_DB", url)
    assert main([]) == 0
    assert opened == [url, url, url]  # the URL as it was given, never a path
    assert list(tmp_path.iterdir()) == []


def test_forget_person_on_a_server_forgets_them_there_and_offers_no_backups(
        qtbot, server_url):
    from netdesk.ui.people.forget_dialog import ForgetDialog

    _fill(server_url, [("Ada", "Lovelace"), ("Grace", "Hopper")])
    db = open_database(server_url)
    try:
        ada = Person.get(Person.first_name == "Ada")
        dialog = ForgetDialog(ada.id, server_start.server_location(server_url))
        qtbot.addWidget(dialog)
        assert "everywhere in this database" in dialog.summary.text()
        assert dialog.backups == [] and dialog.backup_list is None
        dialog.forget()
        assert dialog.result_ is not None
    finally:
        db.close()
    assert _count(server_url, "SELECT count(*) FROM person WHERE first_name = 'Ada'") == 0
    assert _count(server_url) == 1


def test_a_lost_connection_is_said_as_such_and_the_edit_saved_once_it_is_back(
        qtbot, server_url, started, postgres):
    _fill(server_url, [("Ada", "Lovelace")])
    window = _start(qtbot, started, server_url).window
    ada = Person.get(Person.first_name == "Ada")
    window.select_person(ada.id)
    qtbot.keyClicks(window.editor.job_title, "Analyst")
    name = server_url.rsplit("/", 1)[1]
    postgres.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")

    assert not window.editor.save_now()

    said = window.editor.save_state.text()
    assert "server" in said and "network connection" in said and "tries again" in said
    assert "disk" not in said and "file" not in said
    assert window.editor.save_now()  # connected anew
    assert _count(server_url, "SELECT count(*) FROM person WHERE job_title = 'Analyst'") == 1


def test_locking_with_a_lost_connection_still_refuses_writes(
        qtbot, server_url, started, lock_passphrase, postgres):
    _start(qtbot, started, server_url)
    name = server_url.rsplit("/", 1)[1]
    postgres.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")

    assert app_lock().lock()  # no error: the lost connection is let go

    with pytest.raises(Exception, match="read-only transaction"):
        Person.create(first_name="Sneaky")  # through a new connection, read-only too
    assert app_lock().unlock(lock_passphrase)
    Person.create(first_name="After unlock")
    assert _count(server_url) == 1
