"""Every writer shows everywhere: after each write, the open person editor, the contact tree,
the referral graph and the dashboard show it, and a later edit in the editor keeps it.

The seen defects this guards against: after the Plan Interview wizard (or a Debrief, or an
import merge) the editor's autosave wrote back what it had loaded before, erasing research
notes, putting the stage back to "to contact", wiping a merged phone.
"""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMessageBox, QToolButton, QWizard

from netdesk.core.debrief import SuggestedPerson
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.core.question_bank import ensure_default_questions
from netdesk.core.templates import ensure_default_templates
from netdesk.db import backup as backups
from netdesk.db.models import FollowUp, Interaction, Organization, Person, Referral
from netdesk.ui.backup import backup_actions
from netdesk.ui.graph import menus
from netdesk.ui.graph.graph_items import stage_brush
from netdesk.ui.interviews.debrief_wizard import DebriefWizard
from netdesk.ui.interviews.interview_wizard import RESEARCH, SCHEDULE, InterviewWizard
from netdesk.ui.people.contact_tree_model import GROUP_KEY_ROLE, PERSON_ID_ROLE
from netdesk.ui.people.decline_dialog import DeclineDialog
from netdesk.ui.people.organization_editor import OrganizationEditor
from netdesk.ui.transfer.import_dialog import ImportWizard
from tests.formats.conftest import GOOD

TODAY = datetime.date.today()
LATER = " Call after the holidays."


# The network and the prompts ----------------------------------------------------------------

@pytest.fixture
def network(db):
    ensure_default_questions()
    ensure_default_templates()
    acme = Organization.create(name="Acme")
    sam = Person.create(first_name="Sam", last_name="Lee", relationship="friend")
    ana = Person.create(first_name="Ana", last_name="Ruiz", organization=acme,
                        job_title="Planner", stage="to_contact", notes="Met at the fair.")
    return {"sam": sam.id, "ana": ana.id, "acme": acme.id}


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """Yes to every question, no warning expected, wizards discard when asked."""
    import netdesk.ui.common.wizard as wizard

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Yes
                        if box.icon() == QMessageBox.Icon.Question
                        else pytest.fail(f"warning: {box.text()}"))
    monkeypatch.setattr(wizard, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(wizard, "warn", lambda *a, **k: pytest.fail(f"warning: {a}"))
    for name in ("inform", "warn"):
        monkeypatch.setattr(backup_actions, name, lambda *a, **k: None)
    monkeypatch.setattr(backup_actions, "confirm", lambda *a, **k: True)


# Looking at the four views ------------------------------------------------------------------

def prepare(window, person_id: int, grouping: str = "stage"):
    """The window as a user has it: the tree grouped, the graph and dashboard drawn, and the
    person open in the editor. Returns the editor."""
    window.contact_tree.set_grouping(grouping)
    window.graph_panel.view.reload()
    window.dashboard.reload()
    window.select_person(person_id)
    assert window.editor.person_id == person_id
    return window.editor


def tree_rows(window) -> dict[int, tuple[object, str]]:
    """person id → (the key of their group, their row's text), as the tree holds it now
    (fetching groups not yet loaded, never reloading)."""
    model = window.contact_tree.model
    rows = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        model.fetchMore(group)
        for child in range(model.rowCount(group)):
            index = model.index(child, 0, group)
            rows[index.data(PERSON_ID_ROLE)] = (group.data(GROUP_KEY_ROLE), index.data())
    return rows


def tree_group_labels(window) -> list[str]:
    model = window.contact_tree.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def graph(window):
    """The graph as drawn: reloaded first when a reload was scheduled (it runs on a timer,
    or when the graph tab is shown)."""
    view = window.graph_panel.view
    if view._dirty or view._reload_timer.isActive():
        view.reload()
    return view


def node_stage_colour(window, person_id: int):
    return graph(window).drawing.node_colour(person_id)


def dashboard_text(window, after_a_change: bool = True) -> str:
    """Everything the dashboard lists, after the reload the change asked for (it reloads on
    a timer, or when shown)."""
    dashboard = window.dashboard
    if after_a_change:
        assert dashboard._dirty, "the dashboard did not hear of the change"
    dashboard.reload()
    texts = []
    tree = dashboard.due_tree
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        texts += [item.text(column) for column in range(tree.columnCount())]
    for view in (dashboard.interview_list, dashboard.quiet_list, dashboard.owed_list):
        texts += [view.item(row).text() for row in range(view.count())]
    table = dashboard.coverage_table
    texts += [table.item(r, c).text() for r in range(table.rowCount())
              for c in range(table.columnCount()) if table.item(r, c)]
    return "\n".join(texts)


def type_later_and_save(window, qtbot, person_id: int) -> Person:
    """A later edit in the editor: notes typed, saved. Returns the person as stored."""
    editor = window.editor
    assert editor.person_id == person_id
    editor.notes.moveCursor(editor.notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.notes, LATER)
    assert editor.save_now()
    stored = Person.get_by_id(person_id)
    assert stored.notes.endswith(LATER)
    return stored


def click(qtbot, wizard, which) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), f"{which} is disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# The writers --------------------------------------------------------------------------------

def test_plan_wizard_research_notes_and_stage(qtbot, make_window, network):
    ana = network["ana"]
    window = make_window()
    editor = prepare(window, ana)
    wizard = InterviewWizard(person_id=ana, parent=window)
    wizard.open()
    while wizard.currentId() != SCHEDULE:
        if wizard.currentId() == RESEARCH:
            qtbot.keyClicks(wizard.research.person_notes, "Led the flu campaign.")
        if wizard.currentId() == SCHEDULE - 1:
            wizard.questions.picker.suggest()
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.schedule.agreed.setChecked(True)
    wizard.schedule.when.setDateTime(QDateTime.currentDateTime().addDays(3))
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()

    assert editor.research_notes.toPlainText() == "Led the flu campaign."
    assert editor.stage.currentData() == "meeting_set"
    assert tree_rows(window)[ana][0] == "meeting_set"
    assert node_stage_colour(window, ana) == stage_brush("meeting_set").color()
    assert "Ana Ruiz" in dashboard_text(window)  # among the interviews coming up
    stored = type_later_and_save(window, qtbot, ana)
    assert (stored.research_notes, stored.stage) == ("Led the flu campaign.", "meeting_set")


def test_debrief_stage_and_the_people_suggested(qtbot, make_window, network):
    ana = network["ana"]
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana, career_field="Public health", questions=[PlannedQuestion("Q?")],
        scheduled_at=datetime.datetime.now().replace(microsecond=0)
        - datetime.timedelta(days=2))).id
    window = make_window()
    editor = prepare(window, ana)
    assert editor.stage.currentData() == "meeting_set"
    wizard = DebriefWizard(interview_id, parent=window)
    wizard.open()
    wizard.evaluation.occupation.group.button(4).click()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.keyClicks(wizard.advice_page.advice, "Join the association.")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.suggested.add_row(SuggestedPerson("Kim", "Tran"))
    while wizard.currentId() != wizard.pageIds()[-1]:
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()

    kim = Person.get(Person.first_name == "Kim").id
    assert editor.stage.currentData() == "interviewed"
    rows = tree_rows(window)
    assert rows[ana][0] == "interviewed" and rows[kim][0] == "to_contact"
    assert node_stage_colour(window, ana) == stage_brush("interviewed").color()
    assert [e.referrer for e in graph(window).graph.in_edges[kim]] == [ana]
    assert "Public health" in dashboard_text(window)  # coverage counts the interview
    assert type_later_and_save(window, qtbot, ana).stage == "interviewed"


def test_record_a_no(qtbot, make_window, network):
    ana = network["ana"]
    FollowUp.create(person=ana, kind="reply_check", due_on=TODAY)
    window = make_window()
    editor = prepare(window, ana)
    assert "Ana Ruiz" in dashboard_text(window, after_a_change=False)
    dialog = DeclineDialog(ana, today=lambda: TODAY, parent=window)
    dialog.open()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)

    assert editor.stage.currentData() == "declined"
    assert tree_rows(window)[ana][0] == "declined"
    assert node_stage_colour(window, ana) == stage_brush("declined").color()
    assert "Ana Ruiz" not in dashboard_text(window)  # her reply check was closed
    assert type_later_and_save(window, qtbot, ana).stage == "declined"


def test_timeline_entry(qtbot, make_window, network):
    ana = network["ana"]
    Interaction.create(person=ana, kind="note", occurred_on=TODAY - datetime.timedelta(days=120))
    window = make_window()
    editor = prepare(window, ana)
    assert "Ana Ruiz" in dashboard_text(window, after_a_change=False)  # quiet
    timeline = window.timeline
    timeline.kind_combo.setCurrentIndex(timeline.kind_combo.findData("message_sent"))
    qtbot.keyClicks(timeline.entry_line, "Asked for a short chat")
    qtbot.mouseClick(timeline.add_button, Qt.MouseButton.LeftButton)

    assert editor.stage.currentData() == "contacted"
    assert tree_rows(window)[ana][0] == "contacted"
    assert node_stage_colour(window, ana) == stage_brush("contacted").color()
    assert "Ana Ruiz" not in dashboard_text(window)  # no longer quiet
    assert type_later_and_save(window, qtbot, ana).stage == "contacted"


@pytest.mark.parametrize("action, status, stage", [
    ("done", "done", "thanked"),
    ("snooze", "open", "interviewed"),
    ("drop", "dropped", "interviewed"),
])
def test_follow_up_done_snooze_drop_from_the_dashboard(qtbot, make_window, network, action,
                                                       status, stage):
    ana = network["ana"]
    Person.update(stage="interviewed").where(Person.id == ana).execute()
    follow_up = FollowUp.create(person=ana, kind="thank_you", due_on=TODAY)
    window = make_window()
    editor = prepare(window, ana)
    dashboard = window.dashboard
    if action == "snooze":
        dashboard.actions.snooze_days(follow_up.id, 7)
    else:
        button = next(b for b in dashboard.findChildren(QToolButton)
                      if b.accessibleName() == f"{action.capitalize()}: Send the thank-you, "
                                               "Ana Ruiz")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert FollowUp.get_by_id(follow_up.id).status == status
    assert editor.stage.currentData() == stage
    assert tree_rows(window)[ana][0] == stage
    assert node_stage_colour(window, ana) == stage_brush(stage).color()
    assert "Send the thank-you" not in dashboard_text(window)
    assert type_later_and_save(window, qtbot, ana).stage == stage
    assert FollowUp.get_by_id(follow_up.id).status == status


def test_graph_referral_add_and_remove(qtbot, make_window, network):
    ana, sam = network["ana"], network["sam"]
    window = make_window()
    editor = prepare(window, ana, grouping="relationship")
    assert window.graph_panel.record_referral(sam, ana)

    assert editor.referred_by.text() == "Sam Lee"
    assert [e.referrer for e in graph(window).graph.in_edges[ana]] == [sam]
    assert tree_rows(window)[ana][1].startswith("Ana Ruiz")
    dashboard_text(window)
    assert type_later_and_save(window, qtbot, ana)
    assert Referral.select().where(Referral.referred == ana).count() == 1

    window.dashboard.reload()
    referral = Referral.get(Referral.referred == ana)
    assert menus.remove_referral(window.graph_panel.view, referral.id)
    assert editor.referred_by.text() == "" and editor.referred_by.person_id() is None
    assert ana not in graph(window).graph.in_edges
    dashboard_text(window)
    type_later_and_save(window, qtbot, ana)
    assert not Referral.select().where(Referral.referred == ana).exists()

    window.undo_action.trigger()  # the removal, undone
    assert editor.referred_by.text() == "Sam Lee"
    assert [e.referrer for e in graph(window).graph.in_edges[ana]] == [sam]


def test_import_merge_keeps_the_merged_phone(qtbot, make_window, sample_db):
    priya = Person.get(Person.first_name == "Priya")
    window = make_window()
    editor = prepare(window, priya.id, grouping="organization")
    before = set(tree_rows(window))
    wizard = ImportWizard(kind="vcard", parent=window)
    wizard.open()
    wizard.source_page.path.clear()
    qtbot.keyClicks(wizard.source_page.path, str(GOOD / "google.vcf"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # the preview: merge Priya
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # Import
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert editor.phone.text() == "+1 555 0101"
    added = set(tree_rows(window)) - before
    assert len(added) == 1  # the reception, new
    assert added <= set(graph(window).drawing.nodes)
    dashboard_text(window)
    assert type_later_and_save(window, qtbot, priya.id).phone == "+1 555 0101"


def test_organization_editor_rename_and_sector(qtbot, make_window, network):
    ana = network["ana"]
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana, career_field="Public health", questions=[PlannedQuestion("Q?")])).id
    from netdesk.db.models import Interview

    Interview.update(status="done").where(Interview.id == interview_id).execute()
    window = make_window()
    editor = prepare(window, ana, grouping="organization")
    window.edit_organization_action.trigger()
    dialog = window.findChild(OrganizationEditor)
    dialog.name.setText("Acme Health")
    dialog.sector.setCurrentIndex(dialog.sector.findData("nonprofit"))
    dialog.save()
    assert not dialog.isVisible()

    assert editor.organization.text() == "Acme Health"
    assert any(label.startswith("Acme Health") for label in tree_group_labels(window))
    assert graph(window).graph.people[ana].organization == "Acme Health"
    coverage = window.dashboard
    dashboard_text(window)
    nonprofit = [c for c in range(coverage.coverage_table.columnCount())
                 if coverage.coverage_table.horizontalHeaderItem(c).text() == "Non-profit"]
    assert coverage.coverage_table.item(0, nonprofit[0]).text() == "1"
    stored = type_later_and_save(window, qtbot, ana)
    assert stored.organization_id == network["acme"]
    assert Organization.get_by_id(network["acme"]).name == "Acme Health"
    assert not Organization.select().where(Organization.name == "Acme").exists()


def test_restore_from_backup(qtbot, make_window, network, db, db_path, tmp_path):
    ana = network["ana"]
    Person.update(stage="interviewed", research_notes="From the backup").where(
        Person.id == ana).execute()
    root = tmp_path / "backups"
    backups.backup_now(db, "manual", root=root)
    Person.update(stage="to_contact", research_notes="").where(Person.id == ana).execute()
    window = make_window()
    editor = prepare(window, ana)
    assert editor.stage.currentData() == "to_contact"
    controller = backup_actions.BackupActions(window, lambda: window.db_path, backup_root=root,
                                              before_restore=window.editor.save_now)
    assert controller.restore(backups.list_backups(db_path, root)[-1])

    # A restored file is read again whole: the editor took in the restored values, then the
    # window closed it (nothing of the old file stays open to be saved over the new one).
    assert editor.stage.currentData() == "interviewed"
    assert editor.research_notes.toPlainText() == "From the backup"
    assert window.editor.person_id is None
    window.select_person(ana)
    assert editor.stage.currentData() == "interviewed"
    assert tree_rows(window)[ana][0] == "interviewed"
    assert node_stage_colour(window, ana) == stage_brush("interviewed").color()
    dashboard_text(window)
    stored = type_later_and_save(window, qtbot, ana)
    assert (stored.stage, stored.research_notes) == ("interviewed", "From the backup")
