"""Shortest referral paths from Me, the graph filters, and recording or removing referrals."""

from __future__ import annotations

import pytest

from netdesk.core.graph import load_graph
from netdesk.core.referral_paths import (
    matching_people,
    people_within,
    shortest_paths,
    with_ancestors,
)
from netdesk.core.referrals import (
    ReferralError,
    add_referral,
    check_referral,
    remove_referral,
    restore_referral,
)
from netdesk.db.models import CareerField, Organization, Person, PersonCareerField, Referral


def pid(first: str) -> int:
    return Person.get(Person.first_name == first).id


def names(path) -> list[str]:
    return [Person.get_by_id(p).first_name for p in path.people]


def test_paths_to_an_organization(sample_db):
    graph = load_graph()
    brightleaf = Organization.get(Organization.name == "Brightleaf Software").id
    paths = shortest_paths(graph, organization_id=brightleaf)
    by_target = {Person.get_by_id(p.target).first_name: names(p) for p in paths}
    assert by_target["Priya"] == ["Priya"]
    assert by_target["Wei"] == ["Priya", "Wei"]
    assert by_target["Emily"] == ["Priya", "Wei", "Emily"]
    assert by_target["Isabel"] == ["Jonas", "Isabel"]
    assert [p.steps for p in paths] == sorted(p.steps for p in paths)
    emily = next(p for p in paths if p.target == pid("Emily"))
    assert emily.introducer == pid("Wei") and emily.nodes[0] == 0
    assert next(p for p in paths if p.target == pid("Priya")).introducer is None


def test_paths_to_a_career_field_with_limits(sample_db):
    graph = load_graph()
    health = CareerField.get(CareerField.name == "Public health").id
    everyone = shortest_paths(graph, career_field_id=health)
    assert {p.target for p in everyone} == {
        link.person_id for link in PersonCareerField.select().where(
            PersonCareerField.career_field == health)}
    short = shortest_paths(graph, career_field_id=health, max_steps=2)
    assert short and all(p.steps <= 2 for p in short)
    to_contact = shortest_paths(graph, career_field_id=health, stages=["to_contact"])
    assert {graph.people[p.target].stage for p in to_contact} == {"to_contact"}


def test_shortest_of_two_routes_is_chosen(sample_db):
    # Jamal: Maria → Fatima → Jamal (3) and Helen → Carlos → Jamal (3); add a 2-step route.
    graph_before = shortest_paths(load_graph(), organization_id=Person.get_by_id(
        pid("Jamal")).organization_id)
    jamal = next(p for p in graph_before if p.target == pid("Jamal"))
    assert jamal.steps == 3
    add_referral(pid("Tom"), pid("Jamal"))
    after = shortest_paths(load_graph(), organization_id=Person.get_by_id(
        pid("Jamal")).organization_id)
    assert names(next(p for p in after if p.target == pid("Jamal"))) == ["Tom", "Jamal"]


def test_within_steps_of_a_person(sample_db):
    graph = load_graph()
    wei = pid("Wei")
    assert people_within(graph, wei, 0) == {wei}
    assert people_within(graph, wei, 1) == {wei, pid("Priya"), pid("Emily"), pid("Kenji")}
    assert pid("Maria") not in people_within(graph, wei, 3)
    near = shortest_paths(graph, stages=["to_contact", "contacted"], near=(wei, 1))
    assert {p.target for p in near} == {wei, pid("Emily"), pid("Kenji"), pid("Priya")}


def test_matching_people_and_ancestors(sample_db):
    graph = load_graph()
    declined = matching_people(graph, stages=["declined"])
    assert declined == {pid("Rosa")}
    assert with_ancestors(graph, declined) == {pid("Rosa"), pid("Fatima"), pid("Maria")}


def test_nothing_matches_gives_no_paths(db):
    assert shortest_paths(load_graph(), organization_id=123) == []


# Writes ---------------------------------------------------------------------------------


def test_add_and_remove_with_restore(db):
    a = Person.create(first_name="Ann")
    b = Person.create(first_name="Bob")
    added = add_referral(a.id, b.id, note="  Met at the fair ")
    referral_id = added.id
    assert added.referrals and added.touches_person(a.id) and added.touches_person(b.id)
    row = Referral.get_by_id(referral_id)
    assert (row.referrer_id, row.referred_id, row.note) == (a.id, b.id, "Met at the fair")
    assert row.date is not None
    removed = remove_referral(referral_id)
    assert removed.changes.referrals and removed.changes.touches_person(b.id)
    assert Referral.select().count() == 0
    assert restore_referral(removed.snapshot).id == referral_id
    assert Referral.get_by_id(referral_id).note == "Met at the fair"
    with pytest.raises(ReferralError, match="already referred"):
        add_referral(a.id, b.id)
    remove_referral(referral_id)
    with pytest.raises(ReferralError, match="already removed"):
        remove_referral(referral_id)


def test_self_referral_is_refused(db):
    a = Person.create(first_name="Ann", last_name="Lee")
    with pytest.raises(ReferralError, match="Ann Lee cannot refer themselves"):
        add_referral(a.id, a.id)
    assert Referral.select().count() == 0


def test_cycle_is_refused_with_the_loop_named(db):
    a, b, c = (Person.create(first_name=n) for n in ("Ann", "Bob", "Cy"))
    add_referral(a.id, b.id)
    add_referral(b.id, c.id)
    with pytest.raises(ReferralError) as error:
        add_referral(c.id, a.id)
    assert "Ann → Bob → Cy" in str(error.value) and "loop" in str(error.value)
    assert Referral.select().count() == 2
    check_referral(a.id, c.id)  # a cross-link, not a loop: allowed


def test_missing_person_is_refused(db):
    a = Person.create(first_name="Ann")
    with pytest.raises(ReferralError, match="no longer exists"):
        add_referral(a.id, 999)
