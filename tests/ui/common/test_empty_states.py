"""Empty states, driven as a user: the tree with no match and with nobody, the lists of
interviews and follow-ups, the timeline, the question bank, the catalog and an import
with nobody to import; and the avatars in the tree's rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWizard

from netdesk.db.models import FollowUp, Interview, Organization, Person, Question
from netdesk.formats.people_import import ImportPlan
from netdesk.ui.people.catalog_dialog import CatalogDialog
from netdesk.ui.transfer.import_dialog import ImportWizard
from netdesk.ui.transfer.import_pages import ResultPage
from tests.formats.conftest import GOOD
from tests.ui.tree import tree_names


def _click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_tree_says_no_one_matches_and_clears_the_filter(sample_window, qtbot):
    tree = sample_window.contact_tree
    qtbot.keyClicks(tree.filter, "zebra")
    qtbot.waitUntil(lambda: tree.model.filter_text == "zebra", timeout=2000)
    assert tree.empty_stack.is_empty() and not tree.view.isVisible()
    assert tree.empty_stack.empty.heading.text() == "No one matches “zebra”"
    _click(qtbot, tree.empty_stack.empty.button)
    assert tree.filter.text() == "" and tree.filter.hasFocus()
    assert not tree.empty_stack.is_empty() and tree.view.isVisible()
    assert len(tree_names(sample_window)) == Person.select().count()


def test_empty_tree_offers_to_add_a_person(make_window, db, qtbot):
    window = make_window()
    tree = window.contact_tree
    assert tree.empty_stack.is_empty()
    assert tree.empty_stack.empty.heading.text() == "No one here yet"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _click(qtbot, tree.empty_stack.empty.button)
    assert window.editor.first_name.hasFocus()
    qtbot.keyClicks(window.editor.first_name, "Ann")
    window.editor.save_now()
    qtbot.waitUntil(lambda: not tree.empty_stack.is_empty())
    assert tree_names(window) == ["Ann"]


def test_tree_rows_show_avatars_at_one_height(sample_window):
    model = sample_window.contact_tree.model
    view = sample_window.contact_tree.view
    person = model.index(0, 0, model.index(0, 0))
    avatar = model.data(person, Qt.ItemDataRole.DecorationRole)
    assert isinstance(avatar, QPixmap) and not avatar.isNull()
    assert avatar.width() / avatar.devicePixelRatio() == model.avatar_size
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None  # a group
    assert view.uniformRowHeights()
    view.expandAll()
    heights = {view.visualRect(model.index(r, 0, model.index(0, 0))).height()
               for r in range(model.rowCount(model.index(0, 0)))}
    assert len(heights) == 1 and heights.pop() >= model.avatar_size


def test_interview_list_empty_plans_and_no_match_shows_all(make_window, db, qtbot):
    window = make_window()
    listing = window.interview_actions.show_list()
    assert listing.empty.is_empty()
    assert listing.empty.empty.heading.text() == "No interviews yet"
    _click(qtbot, listing.empty.empty.button)
    from netdesk.ui.interviews.interview_wizard import InterviewWizard
    wizard = window.findChild(InterviewWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.hide()

    ann = Person.create(first_name="Ann", last_name="Lee")
    Interview.create(person=ann, status="planning")
    listing.reload()
    assert not listing.empty.is_empty()
    assert isinstance(listing.model.data(listing.model.index(0, 1),
                                         Qt.ItemDataRole.DecorationRole), QPixmap)
    qtbot.keyClicks(listing.filter, "zebra")
    listing.reload()
    assert listing.empty.empty.heading.text() == "No interview matches “zebra”"
    _click(qtbot, listing.empty.empty.button)
    assert listing.filter.text() == "" and listing.model.rowCount() == 1


def test_follow_up_list_empty_and_no_match(make_window, db, qtbot):
    import datetime

    window = make_window()
    window.follow_ups_action.trigger()
    listing = window.follow_ups_action.opened[0]
    assert listing.empty.is_empty()
    assert listing.empty.empty.heading.text() == "Nothing to follow up"
    assert not listing.empty.empty.button.isVisibleTo(listing.empty.empty)
    ann = Person.create(first_name="Ann", last_name="Lee")
    FollowUp.create(person=ann, kind="reply_check", due_on=datetime.date.today()
                    - datetime.timedelta(days=3))
    listing.reload()
    assert not listing.empty.is_empty()
    assert "late" in listing.model.index(0, 0).data()  # overdue in words, not colour alone
    listing.when.setCurrentIndex(listing.when.findData("later"))
    assert listing.empty.empty.heading.text() == "No follow-ups in “Later”"
    _click(qtbot, listing.empty.empty.button)
    assert listing.when.currentData() is None and listing.model.rowCount() == 1


def test_timeline_empty_state_goes_to_the_entry_line(sample_window, qtbot):
    ann = Person.create(first_name="Ann", last_name="Newcomer")
    sample_window.select_person(ann.id)
    timeline = sample_window.timeline
    assert timeline.entries.is_empty()
    assert timeline.empty_label.heading.text() == "Nothing logged yet"
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    _click(qtbot, timeline.empty_label.button)
    assert timeline.entry_line.hasFocus()


def test_question_bank_with_every_question_hidden(sample_window, qtbot):
    Question.update(hidden=True).execute()
    bank = sample_window.interview_actions.show_bank()
    tab = bank.questions
    assert tab.empty.is_empty()
    assert "hidden" in tab.empty.empty.text.text()
    _click(qtbot, tab.empty.empty.button)
    assert tab.show_hidden.isChecked() and not tab.empty.is_empty()


def test_catalog_filter_with_no_match(sample_window, qtbot):
    sample_window.open_catalog()
    dialog = sample_window.findChild(CatalogDialog)
    page = dialog.current_page()
    qtbot.keyClicks(page.filter, "zebra")
    assert page.empty.is_empty()
    assert page.empty.empty.heading.text() == "No organization matches “zebra”"
    _click(qtbot, page.empty.empty.button)
    assert page.filter.text() == "" and page.model.rowCount() == Organization.select().count()


def test_catalog_with_nothing_yet(make_window, db, qtbot):
    window = make_window()
    window.open_catalog()
    dialog = window.findChild(CatalogDialog)
    assert dialog.pages["organization"].empty.empty.heading.text() == "No organizations yet"


def test_import_with_nobody_to_import_says_so(qtbot, db, tmp_path):
    empty = tmp_path / "Connections.csv"
    header = (GOOD / "linkedin_connections.csv").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(header) if line.startswith("First Name"))
    nameless = ",,https://www.linkedin.com/in/someone,,Acme,Analyst,05 Mar 2024"
    empty.write_text("\n".join([*header[:first + 1], nameless]) + "\n", encoding="utf-8")
    wizard = ImportWizard(kind="linkedin")
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.source_page.path.clear()
    qtbot.keyClicks(wizard.source_page.path, str(empty))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == ImportWizard.SOURCE  # the first page says it at once
    shown = " ".join(label.text() for label in wizard.source_page.findChildren(QLabel)
                     if label.isVisible())
    assert "no one to import" in shown
    # A plan that ends up empty all the same gets the preview's own empty state.
    wizard.plan = ImportPlan(rows=[], problems=[])
    wizard.preview_page.initializePage()
    page = wizard.preview_page
    assert page.empty.is_empty()
    assert page.empty.empty.heading.text() == "Nothing to import"


def test_import_result_names_edit_undo(qtbot, db):
    wizard = ImportWizard(kind="linkedin")
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.source_page.path.clear()
    qtbot.keyClicks(wizard.source_page.path, str(GOOD / "linkedin_connections.csv"))
    _click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    _click(qtbot, wizard.button(QWizard.WizardButton.NextButton))  # Import
    page = wizard.findChild(ResultPage)
    assert "Edit → Undo (Ctrl+Z)" in page.text.text()
