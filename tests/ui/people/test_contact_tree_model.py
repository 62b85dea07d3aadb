"""The grouped, lazily loaded contact tree model."""

import pytest
from PySide6.QtCore import QModelIndex

from netdesk.core.contact_groups import GROUPINGS
from netdesk.db.models import Organization, Person
from netdesk.ui.people.contact_tree_model import PAGE_SIZE, ContactTreeModel


@pytest.mark.parametrize("grouping", list(GROUPINGS))
def test_model_contract_for_every_grouping(qtmodeltester, sample_db, grouping):
    model = ContactTreeModel()
    model.set_grouping(grouping)
    for row in range(model.rowCount()):
        model.fetchMore(model.index(row, 0))
    qtmodeltester.check(model)
    assert model.person_count() >= Person.select().count() or grouping == "career_field"


def test_groups_by_organization_with_counts(sample_db):
    model = ContactTreeModel()
    model.reload()
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels[0].startswith("Brightleaf Software (")
    assert labels[-1].startswith("No organization (")
    assert model.person_count() == Person.select().count()


def test_people_load_a_page_at_a_time(qtmodeltester, db):
    acme = Organization.create(name="Acme")
    Person.insert_many(
        [{"first_name": f"P{i:04d}", "last_name": "Zed", "organization": acme.id}
         for i in range(PAGE_SIZE * 5 + 5)]
    ).execute()
    model = ContactTreeModel()
    model.reload()
    group = model.index(0, 0)
    assert model.rowCount(group) == PAGE_SIZE * 5 + 5  # the size is known, no row is read
    assert model._pages == {}
    assert model.index(0, 0, group).data() == "P0000 Zed"
    assert list(model._pages[0]) == [0]
    last = Person.get(Person.first_name == f"P{PAGE_SIZE * 5 + 4:04d}")
    index = model.index_of_person(last.id)
    assert index.isValid() and model.person_id(index) == last.id
    assert index.row() == PAGE_SIZE * 5 + 4
    assert sorted(model._pages[0]) == [0, 5]  # straight to the person's page, none between
    assert model.index(PAGE_SIZE + 1, 0, group).data() == f"P{PAGE_SIZE + 1:04d} Zed"
    qtmodeltester.check(model)


def test_pages_follow_case_insensitive_name_order(db):
    for first, last in (("b", "alpha"), ("A", "Alpha"), ("c", "ALPHA"), ("Z", "beta")):
        Person.create(first_name=first, last_name=last)
    model = ContactTreeModel()
    model.reload()
    group = model.index(0, 0)
    assert [model.index(r, 0, group).data() for r in range(4)] == [
        "A Alpha", "b alpha", "c ALPHA", "Z beta"]
    for person in Person.select():
        assert model.person_id(model.index_of_person(person.id)) == person.id


def test_filter_matches_prefixes_of_name_organization_and_title(sample_db):
    model = ContactTreeModel()
    model.set_filter("epidem")
    names = set()
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        model.fetchMore(group)
        names |= {model.index(r, 0, group).data() for r in range(model.rowCount(group))}
    assert names == {"Fatima Noor", "Helen Marsh"}
    model.set_filter("brightleaf")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Brightleaf Software (4)"]
    model.set_filter('"; DROP TABLE person; --')
    assert model.rowCount() == 0
    assert Person.select().count() > 0


def test_hidden_person_has_no_index(sample_db):
    model = ContactTreeModel()
    model.set_filter("zzzz")
    assert model.index_of_person(Person.get().id) == QModelIndex()


def _many_in_one_group(count: int) -> list[int]:
    acme = Organization.create(name="Acme")
    for start in range(0, count, 2000):
        Person.insert_many(
            [{"first_name": f"P{i:05d}", "last_name": "Zed", "organization": acme.id}
             for i in range(start, min(count, start + 2000))]).execute()
    return [p.id for p in Person.select(Person.id).order_by(Person.first_name)]


def _python_calls_into(module_file: str, action) -> int:
    """How many Python functions of ``module_file`` run during ``action()``."""
    import sys

    calls = 0

    def profile(frame, event, _arg):
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == module_file:
            calls += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def test_opening_someone_deep_in_a_large_group_runs_python_only_for_rows_on_screen(
        qtbot, db):
    """Qt lays out every row of a group it expands; the model answers index(), parent(),
    rowCount() and hasChildren() in C++, so Python runs for the rows painted, not for
    each of the 20,000 (before: two calls per row, 40,000 and more)."""
    from PySide6.QtWidgets import QTreeView

    from netdesk.ui.people import contact_tree_model

    ids = _many_in_one_group(20_000)
    model = ContactTreeModel()
    model.reload()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.resize(300, 400)
    view.show()
    qtbot.waitExposed(view)

    def open_deep():
        index = model.index_of_person(ids[-1])
        view.scrollTo(index)
        view.viewport().repaint()

    calls = _python_calls_into(contact_tree_model.__file__, open_deep)
    assert view.isExpanded(model.index(0, 0))
    assert model.person_id(view.indexAt(view.viewport().rect().center())) in ids[-200:]
    assert calls < 2_000


def test_an_index_kept_across_a_reload_stays_harmless(qtbot, db):
    """A slot may reload the tree while its caller still holds an index (selecting a person
    saves the one left, which reloads the tree): the index must not point at freed memory."""
    from PySide6.QtWidgets import QTreeView

    _many_in_one_group(50)
    Person.create(first_name="Solo", organization=Organization.create(name="Beta"))
    model = ContactTreeModel()
    model.reload()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    kept = model.index(3, 0, model.index(0, 0))  # in Acme
    model.set_filter("solo")  # Beta alone: Acme's item is out of the tree
    view.scrollTo(kept)
    kept.parent()
    model.set_filter("")  # and back in, used again
    assert model.index(3, 0, model.index(0, 0)).data() == "P00003 Zed"
    assert model.rowCount(model.index(0, 0)) == 50 and model.rowCount(model.index(1, 0)) == 1


def test_the_tree_is_never_edited_in_place(qtbot, sample_db):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView

    from netdesk.ui.people.contact_tree import ContactTree

    tree = ContactTree()
    qtbot.addWidget(tree)
    tree.reload()
    tree.show()
    person = Person.select().order_by(Person.id).first()
    assert tree.select_person(person.id)
    index = tree.view.currentIndex()
    assert not tree.model.setData(index, "Renamed", Qt.ItemDataRole.EditRole)
    rect = tree.view.visualRect(index)
    qtbot.mouseDClick(tree.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(tree.view, Qt.Key.Key_F2)
    assert tree.view.state() != QAbstractItemView.State.EditingState
    assert Person.get_by_id(person.id).first_name == person.first_name
