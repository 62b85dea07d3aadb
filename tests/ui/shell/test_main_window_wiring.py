"""Every feature is reachable from the main window: menus, context menu, one selection."""

from netdesk.db.models import Interview, Person
from netdesk.ui.interviews.interview_wizard import InterviewWizard


def menu_texts(menu):
    texts = []
    for action in menu.actions():
        texts.append(action.text().replace("&", ""))
        if action.menu():
            texts += menu_texts(action.menu())
    return texts


def test_menus_reach_every_feature(sample_window):
    file_menu = menu_texts(sample_window.file_menu)
    for wanted in ("LinkedIn", "vCard", "Print Question Sheet…", "Back Up Now",
                   "Export Calendar…"):
        assert any(wanted in text for text in file_menu), wanted
    interviews = menu_texts(sample_window.interviews_menu)
    assert any("Plan Interview" in t for t in interviews)
    assert any("Debrief" in t for t in interviews)
    assert any("Fit" in t for t in menu_texts(sample_window.graph_menu))
    assert any("Preferences" in t for t in menu_texts(sample_window.edit_menu))
    assert any("Record a No" in t for t in menu_texts(sample_window.people_menu))
    shortcuts = [a.shortcut().toString() for m in (sample_window.file_menu,
                 sample_window.interviews_menu, sample_window.people_menu,
                 sample_window.edit_menu, sample_window.view_menu)
                 for a in m.actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "two menu actions share a shortcut"


def test_plan_interview_from_the_person_context_menu(sample_window, qtbot):
    fatima = Person.get(Person.first_name == "Fatima")
    sample_window.select_person(fatima.id)
    assert sample_window.interview_actions.plan_with_person_action in \
        sample_window.contact_tree.view.actions()
    sample_window.interview_actions.plan_with_person_action.trigger()
    wizard = sample_window.findChild(InterviewWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
    assert Interview.select().where(Interview.person == fatima).count() == \
        fatima.interviews.count()


def test_graph_and_dashboard_select_the_person_in_the_editor(sample_window):
    nadia = Person.get(Person.first_name == "Nadia")
    sample_window.graph_panel.person_selected.emit(nadia.id)
    assert sample_window.editor.person_id == nadia.id
    assert sample_window.contact_tree.selected_person_id() == nadia.id
    assert sample_window.timeline.isEnabled()
    helen = Person.get(Person.first_name == "Helen")
    sample_window.dashboard.open_person_requested.emit(helen.id)
    assert sample_window.editor.person_id == helen.id
    assert sample_window.tabs.currentWidget() is sample_window.person_stack


def test_tab_shortcuts_switch_views(sample_window):
    sample_window.tab_actions[2].trigger()
    assert sample_window.tabs.currentWidget() is sample_window.graph_panel
    sample_window.tab_actions[0].trigger()
    assert sample_window.tabs.currentWidget() is sample_window.dashboard


def test_empty_database_opens_on_the_welcome_panel_with_import(window):
    assert window.tabs.currentWidget() is window.person_stack
    assert window.person_stack.currentWidget() is window.welcome
    buttons = [b.text() for b in window.welcome.findChildren(type(window.editor.save_button))]
    assert any("LinkedIn" in text for text in buttons)
