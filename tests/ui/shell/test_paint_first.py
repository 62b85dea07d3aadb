"""A real start paints the window first: the tree's groups, the graph and the toolbar's icons
come right after the first paint, and nothing the user reaches for earlier is missing."""

from PySide6.QtCore import QEvent, QObject

from netdesk.db.models import Organization, Person
from netdesk.ui.shell.main_window import GRAPH_TAB, MainWindow


class _Paints(QObject):
    def __init__(self, window, seen):
        super().__init__(window)
        self.seen = seen
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen.append((watched.contact_tree.model.rowCount(),
                              watched._graph_panel is not None))
        return False


def test_the_first_frame_comes_before_the_tree_and_the_graph(qtbot, db, db_path):
    city = Organization.create(name="City")
    Person.create(first_name="Ana", last_name="Lima", organization=city)
    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    seen = []
    _Paints(window, seen)
    assert window.contact_tree.model.rowCount() == 0 and window._graph_panel is None
    window.show()
    qtbot.waitUntil(lambda: window._graph_panel is not None)
    assert seen[0] == (0, False)  # painted before either was read or built
    assert window.contact_tree.model.rowCount() == 1
    assert window.tabs.widget(GRAPH_TAB) is window.graph_panel
    assert window.tabs.tabText(GRAPH_TAB) == "&Referral Graph"
    assert [a.text() for a in window.graph_menu.actions()][:1] == [
        window.graph_panel.actions_for_menu()[0].text()]


def test_menu_only_actions_come_after_the_first_paint_in_their_places(qtbot, db, db_path):
    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    assert window.quick_capture_action is None and window.import_actions == []
    window.show()
    qtbot.waitUntil(lambda: window.quick_capture_action is not None)
    built = MainWindow(db_path)  # everything before it returns, as in the other tests
    qtbot.addWidget(built)

    def texts(menu):
        return [a.text() for a in menu.actions()]

    for name in ("file_menu", "import_menu", "export_menu", "people_menu"):
        assert texts(getattr(window, name)) == texts(getattr(built, name)), name
    assert window.quick_capture_action.shortcut().toString() == "Ctrl+Shift+P"


def test_the_graph_tab_builds_the_graph_when_shown_first(qtbot, db, db_path):
    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(GRAPH_TAB)
    assert window._graph_panel is not None
    assert window.tabs.currentWidget() is window.graph_panel


def test_a_person_can_be_opened_before_the_graph_is_built(qtbot, db, db_path):
    ana = Person.create(first_name="Ana", last_name="Lima")
    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    window._fill_tree("organization")
    window.select_person(ana.id)
    assert window._graph_panel is None  # not built for it
    assert window.contact_tree.selected_person_id() == ana.id
    assert window.editor.person_id == ana.id
    window.finish_start()
    assert window.graph_panel is not None and window.editor.person_id == ana.id


def test_the_first_frame_is_painted_without_the_person_editor(qtbot, db, db_path):
    """The editor (and the timeline under it) is the largest part of the window and no
    first frame shows it: it is built right after the first paint and the tree's rows."""
    Person.create(first_name="Ana", last_name="Lima")
    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    at_paint = []

    class EditorAtPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and not at_paint:
                at_paint.append((window._editor, window._timeline, window.shown_person_id()))
            return False

    spy = EditorAtPaint(window)
    window.installEventFilter(spy)
    window.show()
    qtbot.waitUntil(lambda: bool(at_paint))
    assert at_paint[0] == (None, None, None)
    qtbot.waitUntil(lambda: window._editor is not None)
    assert window.person_stack.indexOf(window.editor) >= 0
    assert window.timeline.add_entry_action is window.add_entry_action


def test_a_click_on_a_person_before_the_editor_is_built_opens_them(
        qtbot, db, db_path, monkeypatch):
    """A click that comes before the editor is built (here nothing after the first paint is
    built but the tree) builds it then and shows the person."""
    from PySide6.QtCore import Qt

    ana = Person.create(first_name="Ana", last_name="Lima")
    monkeypatch.setattr(MainWindow, "finish_start", MainWindow._fill_tree_once)
    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    window.show()
    model, view = window.contact_tree.model, window.contact_tree.view
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert window._editor is None
    group = model.index(0, 0)
    view.expand(group)
    qtbot.waitUntil(lambda: model.rowCount(group) > 0)
    person = model.index(0, 0, group)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(person).center())
    assert window.person_stack.currentWidget() is window.editor
    assert window.editor.person_id == ana.id
    assert window.timeline.add_entry_action.isEnabled()
    assert window.editor.first_name.text() == "Ana"


def test_keys_and_menus_work_before_the_rest_is_built(qtbot, db, db_path):
    """From the first frame: Ctrl+N opens a new person (building the editor), Ctrl+L is in
    the People menu (off until someone is shown), and a menu opened before its own actions
    were made shows them."""
    from PySide6.QtGui import QKeySequence

    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    assert window._editor is None and window.import_actions == []
    assert window.add_entry_action in window.people_menu.actions()
    assert not window.add_entry_action.isEnabled()
    assert window.add_entry_action.shortcut().toString() == "Ctrl+L"
    window.file_menu.aboutToShow.emit()
    assert window.import_actions and window.quick_capture_action is not None
    assert window.new_person_action.shortcut().matches(QKeySequence("Ctrl+N"))
    window.new_person_action.trigger()
    assert window.person_stack.currentWidget() is window.editor
    assert window.editor.person_id is None and window.editor.first_name.text() == ""


def test_a_real_start_imports_what_its_first_frame_shows_and_no_more(tmp_path):
    """Checked in a start of its own (a new process, as the program starts, on a file of the
    current schema): at the first paint nothing of the person editor, the validators it
    uses, printing, imports and exports, the graph, the network module or the migration
    runner is imported yet, nor Peewee and the storage (the file is opened after it), nor the
    dashboard's sections (hidden until its first fill)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import os, sys, runpy\n"
        "import netdesk.ui.shell.startup as startup\n"
        "def report(self):\n"
        "    print('MODULES', ' '.join(sorted(sys.modules)), flush=True)\n"
        "    os._exit(0)\n"
        "startup.Start._after_first_paint = report\n"
        f"sys.argv = ['netdesk', '--db', {str(tmp_path / 'n.sqlite3')!r}]\n"
        "runpy.run_module('netdesk', run_name='__main__')\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    os.chmod(tmp_path, 0o700)
    root = Path(__file__).resolve().parents[3]
    made = (f"from netdesk.db import open_database; "
            f"open_database({str(tmp_path / 'n.sqlite3')!r}, before_migrate=None).close()")
    subprocess.run([sys.executable, "-c", made], env=env, cwd=root, timeout=60, check=True)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, timeout=120,
                         capture_output=True, text=True, check=True).stdout
    modules = set(out.split("MODULES", 1)[1].split())
    assert "netdesk.ui.shell.main_window" in modules
    later = {"peewee", "psycopg", "netdesk.db", "netdesk.db.models", "netdesk.db.database",
             "phonenumbers", "email_validator", "rapidfuzz", "charset_normalizer",
             "icalendar", "PySide6.QtNetwork", "PySide6.QtPrintSupport",
             "playhouse.migrations", "netdesk.core.people", "netdesk.core.interviews",
             "netdesk.core.sheet", "netdesk.core.dashboard", "netdesk.core.keep_in_touch",
             "netdesk.ui.people.person_editor", "netdesk.ui.people.timeline",
             "netdesk.ui.graph.graph_panel", "netdesk.ui.transfer.import_dialog",
             "netdesk.ui.method.lamp_window", "netdesk.formats.ics",
             "netdesk.ui.dashboard.habit_chart", "netdesk.ui.method.tier_card"}
    assert modules.isdisjoint(later), sorted(modules & later)
