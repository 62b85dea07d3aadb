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
