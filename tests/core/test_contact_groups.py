"""The contact tree's queries on either database: groups and their counts, pages read from
the last member shown, a person's row in their group, and the filter (every typed word a
prefix of a name, organization, title, email or tag; accents and case ignored)."""

from __future__ import annotations

from netdesk.core import contact_groups as cg
from netdesk.core.interviews import find_people
from netdesk.db.models import CareerField, Organization, Person, PersonCareerField


def _network():
    acme = Organization.create(name="Acme Analytics")
    quay = Organization.create(name="Quayside Health")
    planning = CareerField.create(name="Urban planning")
    people = {}
    for first, last, org, relationship, email in (
            ("Élodie", "Durand", acme, "friend", "elodie@example.org"),
            ("Bo", "durand", acme, "friend", "bo@quill.example"),
            ("Cy", "Adams", quay, "coworker", "cy@example.org"),
            ("Dee", "Zhou", None, "friend", ""),
            ("Eve", "Adams", None, "family", "eve@example.org")):
        people[first] = Person.create(first_name=first, last_name=last, organization=org,
                                      relationship=relationship, email=email)
    PersonCareerField.create(person=people["Cy"], career_field=planning)
    return people, acme, quay, planning


def _ids(members):
    return [m.person_id for m in members]


def test_groups_count_their_members_in_display_order(db):
    people, acme, quay, planning = _network()
    assert cg.groups("organization") == [cg.Group(acme.id, "Acme Analytics", 2),
                                         cg.Group(quay.id, "Quayside Health", 1),
                                         cg.Group(None, "No organization", 2)]
    assert [(g.key, g.count) for g in cg.groups("relationship")] == [
        ("family", 1), ("friend", 3), ("coworker", 1)]
    assert cg.groups("career_field") == [cg.Group(planning.id, "Urban planning", 1),
                                         cg.Group(None, "No career field", 4)]
    assert [(g.key, g.count) for g in cg.groups("stage")] == [("to_contact", 5)]


def test_pages_follow_the_name_order_case_ignored_then_id(db):
    people, acme, _quay, _planning = _network()
    friends = cg.members("relationship", "friend")
    assert _ids(friends) == [people["Bo"].id, people["Élodie"].id, people["Dee"].id]
    first = cg.members("relationship", "friend", limit=1)
    second = cg.members("relationship", "friend", limit=1, after=first[-1])
    third = cg.members("relationship", "friend", limit=5, after=second[-1])
    assert _ids(first + second + third) == _ids(friends)
    assert cg.members("organization", acme.id)[0].detail == "Acme Analytics"
    assert _ids(cg.members("organization", None)) == [people["Eve"].id, people["Dee"].id]
    assert [cg.position_in_group("relationship", "friend", m.person_id)
            for m in friends] == [0, 1, 2]
    assert cg.position_in_group("relationship", "family", people["Bo"].id) == -1
    assert cg.group_key_of("organization", people["Bo"].id) == acme.id


def test_the_filter_finds_accented_names_and_prefixes_of_organization_and_email(db):
    people, acme, quay, _planning = _network()
    assert _ids(cg.members("relationship", "friend", "elo")) == [people["Élodie"].id]
    assert _ids(cg.members("relationship", "friend", "ÉLODIE")) == [people["Élodie"].id]
    assert _ids(cg.members("organization", quay.id, "quay")) == [people["Cy"].id]
    assert _ids(cg.members("relationship", "friend", "quill")) == [people["Bo"].id]  # email
    assert _ids(cg.members("relationship", "friend", "acme dur")) == [
        people["Bo"].id, people["Élodie"].id]  # every word, in any field
    assert cg.groups("organization", "acme") == [cg.Group(acme.id, "Acme Analytics", 2)]
    assert cg.groups("relationship", "nobody-here") == []
    assert cg.position_in_group("relationship", "friend", people["Élodie"].id, "durand") == 1
    assert cg.position_in_group("relationship", "friend", people["Dee"].id, "durand") == -1
    assert [row[0] for row in find_people("analytics")] == [people["Bo"].id,
                                                           people["Élodie"].id]


def test_a_renamed_organization_is_found_by_its_new_name(db):
    people, acme, _quay, _planning = _network()
    Organization.update(name="Borealis Labs").where(Organization.id == acme.id).execute()
    assert cg.groups("organization", "boreal") == [cg.Group(acme.id, "Borealis Labs", 2)]
    assert cg.groups("organization", "acme") == []
