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
