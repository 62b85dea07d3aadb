"""The main window driven as a user would: add, edit, filter, delete and undo, organizations."""

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from netdesk.db.models import Organization, Person, PersonCareerField, Referral
from netdesk.ui.people.organization_editor import OrganizationEditor
from tests.ui.tree import tree_names


def test_empty_database_shows_the_welcome_panel(window, qtbot):
    assert window.person_stack.currentWidget() is window.welcome
    add = next(b for b in window.welcome.findChildren(QPushButton) if "Add" in b.text())
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert window.person_stack.currentWidget() is window.editor
    assert window.editor.person_id is None and window.editor.heading.text() == "New person"


def test_typing_a_new_person_saves_to_database_and_tree(window, qtbot):
    window.new_person_action.trigger()
    editor = window.editor
    qtbot.keyClicks(editor.first_name, "Ada")
    qtbot.keyClicks(editor.last_name, "Lovelace")
    qtbot.keyClicks(editor.job_title, "Analyst")
    qtbot.keyClicks(editor.organization, "Analytical Engines Ltd")
    qtbot.keyClicks(editor.email, "ada@example.org")
    qtbot.keyClicks(editor.career_fields, "Software engineering, Data journalism")
    qtbot.keyClicks(editor.notes, "Met at the maths society.")
    window.save_action.trigger()

    ada = Person.get(Person.last_name == "Lovelace")
    assert (ada.first_name, ada.job_title, ada.email) == ("Ada", "Analyst", "ada@example.org")
    assert ada.organization.name == "Analytical Engines Ltd"
    assert ada.notes == "Met at the maths society."
    assert PersonCareerField.select().where(PersonCareerField.person == ada).count() == 2
    assert "Ada Lovelace" in tree_names(window)
    assert window.contact_tree.selected_person_id() == ada.id


def test_edits_save_by_themselves_after_a_pause(window, qtbot):
    window.new_person_action.trigger()
    qtbot.keyClicks(window.editor.first_name, "Grace")
    qtbot.waitUntil(lambda: Person.select().where(Person.first_name == "Grace").exists(),
                    timeout=3000)
    qtbot.keyClicks(window.editor.research_notes, "Wrote the first compiler.")
    qtbot.waitUntil(lambda: Person.get().research_notes == "Wrote the first compiler.",
                    timeout=3000)
    assert Person.select().count() == 1


def test_invalid_email_is_marked_and_not_saved(window, qtbot):
    ada = Person.create(first_name="Ada", email="ada@example.org")
    window.contact_tree.reload()
    window.select_person(ada.id)
    editor = window.editor
    editor.email.clear()
    qtbot.keyClicks(editor.email, "ada-at-example")
    error = editor.findChild(type(editor.heading), "email_error")
    assert error.isVisible() and "email" in error.text()
    assert not editor.save_now()
    assert "Not saved" in editor.save_state.text()
    assert Person.get_by_id(ada.id).email == "ada@example.org"
    editor.linkedin_url.setText("javascript:alert(1)")
    editor._edited()
    assert editor.findChild(type(editor.heading), "linkedin_url_error").isVisible()


def test_filter_narrows_the_tree_as_you_type(sample_window, qtbot):
    tree = sample_window.contact_tree
    qtbot.keyClicks(tree.filter, "plann")
    qtbot.waitUntil(lambda: tree.model.filter_text == "plann", timeout=2000)
    names = tree_names(sample_window)
    assert "Nadia Petrova" in names and "Maria Okafor" not in names
    assert "match the filter" in tree.summary.text()
    tree.filter.clear()
    qtbot.waitUntil(lambda: tree.model.filter_text == "", timeout=2000)
    assert len(tree_names(sample_window)) == Person.select().count()


def test_delete_asks_then_undo_brings_everything_back(sample_window, qtbot, monkeypatch):
    fatima = Person.get(Person.first_name == "Fatima")
    referrals = Referral.select().where(
        (Referral.referrer == fatima) | (Referral.referred == fatima)).count()
    interviews = fatima.interviews.count()
    assert referrals and interviews
    sample_window.select_person(fatima.id)

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    sample_window.delete_action.trigger()
    assert Person.get_or_none(Person.id == fatima.id) is not None

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    sample_window.delete_action.trigger()
    assert Person.get_or_none(Person.id == fatima.id) is None
    assert "Fatima Noor" not in tree_names(sample_window)

    sample_window.undo_action.trigger()
    restored = Person.get_by_id(fatima.id)
    assert restored.full_name == "Fatima Noor"
    assert restored.interviews.count() == interviews
    assert Referral.select().where(
        (Referral.referrer == fatima.id) | (Referral.referred == fatima.id)).count() == referrals
    assert sample_window.contact_tree.selected_person_id() == fatima.id


def test_grouping_from_the_view_menu(sample_window):
    sample_window.group_actions["stage"].trigger()
    model = sample_window.contact_tree.model
    assert model.grouping == "stage"
    assert model.index(0, 0).data().startswith("To contact")
    assert sample_window.group_actions["stage"].isChecked()
    assert QSettings().value("contact_tree/grouping") == "stage"


def test_organization_editor_saves_and_lists_staff(sample_window, qtbot):
    fatima = Person.get(Person.first_name == "Fatima")
    sample_window.select_person(fatima.id)
    sample_window.edit_organization_action.trigger()
    dialog = sample_window.findChild(OrganizationEditor)
    assert dialog.staff.count() == fatima.organization.staff.count()
    dialog.website.setText("ftp://nope")
    dialog.save()
    assert dialog.isVisible() and "https" in dialog.problem.text()
    dialog.website.setText("https://health.example")
    dialog.sector.setCurrentIndex(dialog.sector.findData("government"))
    dialog.culture_notes.setPlainText("Friendly")
    dialog.save()
    organization = Organization.get_by_id(fatima.organization_id)
    assert (organization.website, organization.culture_notes) == ("https://health.example",
                                                                 "Friendly")


def test_organization_name_clash_is_refused(sample_window):
    dialog = sample_window.edit_organization(None, name="Brightleaf software")
    dialog.save()
    assert "already called" in dialog.problem.text()
    assert Organization.select().where(Organization.name == "Brightleaf software").count() == 1


def test_geometry_and_splitter_are_restored(make_window, db):
    first = make_window()
    first.resize(first.minimumSizeHint().width(), 540)
    first.splitter.setSizes([250, 500])
    height = first.size().height()
    first.close()
    second = make_window()
    assert second.size().height() == height == 540
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]


def test_about_names_the_database_file(window, db_path):
    box = window.show_about()
    assert str(db_path) in box.informativeText()
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_sample_network_opens_in_a_new_process(window, monkeypatch):
    started = []
    monkeypatch.setattr(type(window), "_start_netdesk",
                        lambda self, arguments: started.append(arguments) or True)
    window.sample_action.trigger()
    assert started == [["--demo"]]


def test_names_with_markup_show_as_typed(window, qtbot):
    window.new_person_action.trigger()
    qtbot.keyClicks(window.editor.first_name, "<b>Ann</b>")
    window.save_action.trigger()
    assert window.editor.heading.textFormat() == Qt.TextFormat.PlainText
    assert window.editor.heading.text() == "<b>Ann</b>"


def test_at_launch_a_debrief_waits_in_a_banner_and_the_keyboard_stays_free(
        make_window, db, qtbot):
    import datetime

    from PySide6.QtWidgets import QApplication

    from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
    from netdesk.db.models import Person

    ana = Person.create(first_name="Ana", last_name="Ruiz")
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana.id, questions=[PlannedQuestion("Q?")],
        scheduled_at=datetime.datetime.now() - datetime.timedelta(days=1))).id
    window = make_window()
    window.activateWindow()
    window.interview_actions.offer_debriefs()  # what start-up runs once the window is shown
    QApplication.processEvents()
    shown = [f"{w.windowTitle()}: {w.text()}" for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert QApplication.activeModalWidget() is None, shown
    assert not shown
    banner = window.interview_actions.banner
    assert banner.isVisible() and "Ana Ruiz" in banner.text.text()
    window.contact_tree.filter.setFocus()
    qtbot.keyClicks(window.contact_tree.filter, "A")
    assert window.contact_tree.filter.text() == "A"
    qtbot.mouseClick(banner.debrief_button, Qt.MouseButton.LeftButton)
    from netdesk.ui.interviews.debrief_wizard import DebriefWizard

    wizard = window.findChild(DebriefWizard)
    assert wizard is not None and wizard.isVisible() and wizard.interview_id == interview_id
    wizard.hide()
