"""Changes made by another client of a shared network appear without a restart: the
database's notices (migration 0016) reach a listener, become one Changes, and the window's
tree, graph and person editor show them; a bulk import by someone else is one reload."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest

from netdesk.core.changes import ALL_FIELDS
from netdesk.core.people import PersonForm, save_person
from netdesk.core.remote_changes import changes_from
from netdesk.db.notices import Listener, conninfo_of
from netdesk.db.server import connect, open_server

COLUMNS = ("first_name, last_name, email, phone, linkedin_url, job_title, relationship, stage, "
           "source, tags, notes, research_notes, created, updated")
VALUES = "'', '', '', '', 'friend', 'contacted', '', '', '', '', '2026-01-01', '2026-01-01'"
"""A person row as an import writes it, after the two names."""


@pytest.fixture
def shared(server_url):
    """The network bound to the models (this client), and a second client's connection."""
    db = open_server(server_url)
    other = connect(server_url)
    other.connect()
    yield db, other
    other.close()
    db.close()


class Heard:
    """Notices heard by a listener, with a way to wait for them."""

    def __init__(self):
        self.notices = []
        self.arrived = threading.Condition()

    def __call__(self, batch):
        with self.arrived:
            self.notices.extend(batch)
            self.arrived.notify_all()

    def wait_for(self, test, timeout: float = 5.0):
        with self.arrived:
            assert self.arrived.wait_for(lambda: test(self.notices), timeout), self.notices
        return self.notices


@contextmanager
def listening(db):
    """A listener on ``db``'s notices, listening, and what it heard; stopped afterwards."""
    heard = Heard()
    listener = Listener(conninfo_of(db), heard).start()
    try:
        assert listener.listening.wait(5)
        yield listener, heard
    finally:
        listener.stop()


def test_another_clients_writes_are_heard_once_per_statement_with_their_ids(shared):
    db, other = shared
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee")).id
    with listening(db) as (listener, heard):
        with other.atomic():
            other.execute_sql("UPDATE person SET job_title = 'Chemist' WHERE id = ?", (ada,))
            other.execute_sql("INSERT INTO interaction (person_id, kind, occurred_on, summary, "
                              "created, updated) VALUES (?, 'note', '2026-05-01', '', "
                              "'2026-05-01', '2026-05-01')", (ada,))
        notices = heard.wait_for(lambda n: len(n) >= 2)
        by_table = {notice.table: notice for notice in notices}
        assert by_table["person"].operation == "UPDATE" and by_table["person"].ids == (ada,)
        assert by_table["interaction"].people == (ada,)
        assert by_table["person"].pid == other.connection().info.backend_pid
        assert by_table["person"].role == "postgres"
        changes = changes_from(notices)
        assert ALL_FIELDS <= changes.fields_of(ada) and changes.interactions
        assert not changes_from(notices, own_pids={by_table["person"].pid})  # its own

        # a statement over 2,000 rows is a handful of notices (300 rows each), every id named
        heard.notices.clear()
        other.execute_sql(f"INSERT INTO person ({COLUMNS}) "
                          f"SELECT 'P' || n, 'Bulk', {VALUES} FROM generate_series(1, 2000) AS n")
        notices = heard.wait_for(lambda n: sum(len(x.ids) for x in n) >= 2000)
        assert len(notices) == 7
        assert len(changes_from(notices).people_added) == 2000
    assert not listener.running


def test_the_listener_connects_again_and_says_notices_may_have_been_missed(shared):
    db, other = shared
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee")).id
    with listening(db) as (listener, heard):
        other.execute_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
        notices = heard.wait_for(lambda n: any(x.table == "*" for x in n), timeout=10)
        resync = changes_from(notices)  # every record read again, not another database
        assert not resync.everything and resync.people_moved and resync.referrals
        assert resync.fields_of(ada) == ALL_FIELDS
        assert listener.listening.wait(5)
        other.execute_sql("UPDATE person SET notes = 'x'")


def _window(qtbot, url):
    from netdesk.ui.shell.main_window import MainWindow

    window = MainWindow(url)
    qtbot.addWidget(window)
    window.show()
    assert window.remote_changes is not None
    qtbot.waitUntil(window.remote_changes.listener.listening.is_set, timeout=5000)
    return window


@pytest.fixture
def quiet_boxes(monkeypatch):
    def unexpected(box):
        raise AssertionError(f"unanswered message box {box.windowTitle()!r}: {box.text()!r}")

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", unexpected)
    yield
    from netdesk.ui.common.changes import reset_publisher

    reset_publisher()


def test_an_edit_by_another_client_shows_in_the_person_editor_at_once(shared, qtbot,
                                                                     quiet_boxes):
    from netdesk.ui.common.changes import publisher
    from netdesk.ui.common.remote_changes import SOMEONE_ELSE, RemoteChanges
    from netdesk.ui.people.person_editor import PersonEditor

    db, other = shared
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee")).id
    editor = PersonEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.load_person(ada)
    bridge = RemoteChanges(db).start()
    heard = []
    publisher().changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    try:
        qtbot.waitUntil(bridge.listener.listening.is_set, timeout=5000)
        qtbot.keyClicks(editor.notes, "typed here")  # being typed: kept
        other.execute_sql("UPDATE person SET job_title = 'Chemist' WHERE id = ?", (ada,))
        qtbot.waitUntil(lambda: editor.job_title.text() == "Chemist", timeout=5000)
        assert editor.notes.toPlainText() == "typed here"
        assert [initiator for _changes, initiator in heard] == [SOMEONE_ELSE]

        # the editor's own save goes through this process's connection: not heard again
        assert editor.save_now()
        qtbot.wait(400)
        assert [initiator for _changes, initiator in heard] == [SOMEONE_ELSE, editor]
    finally:
        bridge.stop()


def test_a_bulk_import_by_another_client_is_one_publish(shared, qtbot, quiet_boxes):
    from netdesk.ui.common.remote_changes import RemoteChanges

    db, other = shared
    bridge = RemoteChanges(db).start()
    published = []
    bridge.published.connect(published.append)
    try:
        qtbot.waitUntil(bridge.listener.listening.is_set, timeout=5000)
        with other.atomic():  # 2,000 statements in one transaction, as a row-by-row import
            for n in range(2000):
                other.execute_sql(f"INSERT INTO person ({COLUMNS}) VALUES "
                                  f"(?, 'Imported', {VALUES})", (f"P{n}",))
        qtbot.waitUntil(lambda: len(published) >= 1, timeout=10000)
        qtbot.wait(700)
        assert len(published) == 1 and len(published[0].people_added) == 2000
    finally:
        bridge.stop()


def test_an_edit_by_another_client_shows_in_the_windows_tree_graph_and_editor(
        shared, server_url, qtbot, quiet_boxes):
    from tests.ui.tree import tree_names

    db, other = shared
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee",
                                       organization="Acme")).id
    window = _window(qtbot, server_url)
    window.select_person(ada)
    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view
    qtbot.waitUntil(lambda: view.graph is not None and not view._dirty, timeout=5000)
    window.tabs.setCurrentWidget(window.person_stack)
    reloads = []
    reload = window.contact_tree.reload
    window.contact_tree.reload = lambda: (reloads.append(1), reload())

    other.execute_sql("UPDATE person SET first_name = 'Adele', job_title = 'Chemist' "
                      "WHERE id = ?", (ada,))
    qtbot.waitUntil(lambda: "Adele Lee" in tree_names(window), timeout=5000)
    assert window.editor.first_name.text() == "Adele"
    assert window.editor.job_title.text() == "Chemist"
    window.tabs.setCurrentWidget(window.graph_panel)
    qtbot.waitUntil(lambda: not view._dirty and view.graph.people[ada].name == "Adele Lee",
                    timeout=5000)

    with other.atomic():  # a bulk import by the other client: one reload
        for n in range(2000):
            other.execute_sql(f"INSERT INTO person ({COLUMNS}) VALUES "
                              f"(?, 'Imported', {VALUES})", (f"P{n}",))
    qtbot.waitUntil(lambda: len(reloads) >= 2, timeout=10000)
    qtbot.wait(700)
    assert len(reloads) == 2
    window.close()


def test_writes_from_another_thread_of_this_process_are_its_own(shared, qtbot, quiet_boxes):
    from netdesk.ui.common.remote_changes import RemoteChanges

    db, other = shared
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee")).id
    bo = save_person(None, PersonForm(first_name="Bo", last_name="Lin")).id
    bridge = RemoteChanges(db).start()
    published = []
    bridge.published.connect(published.append)
    try:
        qtbot.waitUntil(bridge.listener.listening.is_set, timeout=5000)

        def worker():  # a sync worker, say: its own connection, opened in its thread
            db.execute_sql("UPDATE person SET notes = 'synced' WHERE id = ?", (ada,))
            db.close()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        other.execute_sql("UPDATE person SET notes = 'theirs' WHERE id = ?", (bo,))
        qtbot.waitUntil(lambda: len(published) >= 1, timeout=5000)
        qtbot.wait(400)
        assert [set(changes.person_fields) for changes in published] == [{bo}]
    finally:
        bridge.stop()
