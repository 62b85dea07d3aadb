"""Career fields on the sample network: listing with counts, renaming, merging, deleting."""

from __future__ import annotations

import pytest

from netdesk.core import career_fields as cf
from netdesk.core import dashboard
from netdesk.core.organizations import InUse, NameTaken
from netdesk.core.people import PersonForm, save_person
from netdesk.db.models import (
    CareerField,
    Interview,
    Organization,
    OrganizationCareerField,
    Person,
    PersonCareerField,
)


def _fields_of(person: Person) -> list[str]:
    return PersonForm.from_person(Person.get_by_id(person.id)).career_fields


@pytest.fixture
def health(sample_db):
    """"Public health" and a stray spelling, with people on both and one on each."""
    main = CareerField.get(CareerField.name == "Public health")
    stray = CareerField.create(name="Public Hlth", description="Typed in a hurry.")
    gov = Organization.create(name="Test Agency", sector="government")
    edu = Organization.create(name="Test School", sector="education")
    both = Person.create(first_name="Both", organization=gov)
    only_stray = Person.create(first_name="Stray", organization=edu)
    for person, field in ((both, main), (both, stray), (only_stray, stray)):
        PersonCareerField.create(person=person, career_field=field)
    done = Interview.create(person=only_stray, career_field=stray, status="done")
    planned = Interview.create(person=both, career_field=stray, status="planning")
    return {"main": main, "stray": stray, "both": both, "only_stray": only_stray,
            "done": done, "planned": planned, "gov": gov, "edu": edu}


def test_rows_count_people_and_interviews(health):
    rows = {r.name: r for r in cf.career_field_rows()}
    assert (rows["Public Hlth"].people, rows["Public Hlth"].interviews) == (2, 2)
    main = health["main"]
    assert rows["Public health"].people == PersonCareerField.select().where(
        PersonCareerField.career_field == main).count()
    assert rows["Public health"].interviews == Interview.select().where(
        Interview.career_field == main).count()
    assert [r.name for r in cf.career_field_rows("PUBLIC")] == ["Public health", "Public Hlth"]
    counts = [r.interviews for r in cf.career_field_rows(sort="interviews")]
    assert counts == sorted(counts)


def test_rename_reports_its_people_and_interviews(health):
    changes = cf.rename_career_field(health["stray"].id, "Community health")
    assert CareerField.get_by_id(health["stray"].id).name == "Community health"
    assert set(changes.person_fields) == {health["both"].id, health["only_stray"].id}
    assert all(names == {"career_fields"} for names in changes.person_fields.values())
    assert changes.interviews == {health["done"].id, health["planned"].id}
    assert "Community health" in _fields_of(health["only_stray"])


def test_rename_onto_an_existing_name_offers_the_merge_target(health):
    with pytest.raises(NameTaken) as caught:
        cf.rename_career_field(health["stray"].id, " public  HEALTH ")
    assert caught.value.existing_id == health["main"].id
    assert "already called Public health" in str(caught.value)


def test_merge_moves_people_and_interviews_without_duplicate_links(health):
    main, stray = health["main"], health["stray"]
    school = health["edu"]
    OrganizationCareerField.create(organization=school, career_field=stray)
    OrganizationCareerField.create(organization=health["gov"], career_field=stray)
    OrganizationCareerField.create(organization=health["gov"], career_field=main)
    main_people_before = set(PersonCareerField.select(PersonCareerField.person).where(
        PersonCareerField.career_field == main).tuples())

    changes = cf.merge_career_fields([stray.id], main.id)

    assert CareerField.get_or_none(CareerField.id == stray.id) is None
    assert _fields_of(health["both"]) == ["Public health"]  # one link, not two
    assert _fields_of(health["only_stray"]) == ["Public health"]
    links = PersonCareerField.select().where(PersonCareerField.person == health["both"]).count()
    assert links == 1
    assert not PersonCareerField.select().where(PersonCareerField.career_field == stray.id)\
        .exists()
    people_after = set(PersonCareerField.select(PersonCareerField.person).where(
        PersonCareerField.career_field == main).tuples())
    assert people_after == main_people_before | {(health["only_stray"].id,)}
    for interview in (health["done"], health["planned"]):
        assert Interview.get_by_id(interview.id).career_field_id == main.id
    org_links = {(o.organization_id) for o in OrganizationCareerField.select().where(
        OrganizationCareerField.career_field == main)}
    assert {school.id, health["gov"].id} <= org_links
    assert CareerField.get_by_id(main.id).description.endswith("Typed in a hurry.")
    assert changes.career_fields == {main.id, stray.id}
    assert set(changes.person_fields) == {health["both"].id, health["only_stray"].id}
    assert changes.interviews == {health["done"].id, health["planned"].id}


def test_merge_shows_in_the_coverage_matrix(health):
    main, stray = health["main"], health["stray"]
    before = {row.name: row for row in dashboard.coverage_matrix()}
    assert before["Public Hlth"].counts["education"] == 1
    main_education = before["Public health"].counts["education"]

    cf.merge_career_fields([stray.id], main.id)

    after = {row.name: row for row in dashboard.coverage_matrix()}
    assert "Public Hlth" not in after
    assert after["Public health"].counts["education"] == main_education + 1
    assert health["done"].id in after["Public health"].interview_ids["education"]


def test_delete_refuses_a_used_field_and_says_what_uses_it(health):
    with pytest.raises(InUse) as caught:
        cf.delete_career_field(health["stray"].id)
    assert (caught.value.people, caught.value.interviews) == (2, 2)
    assert "Public Hlth is a career field of 2 people and 2 interviews" in str(caught.value)
    lonely = CareerField.create(name="Interview only")
    Interview.create(person=health["both"], career_field=lonely)
    with pytest.raises(InUse, match="career field of 1 interview,"):
        cf.delete_career_field(lonely.id)


def test_delete_unused_fields_keeps_the_used_ones(health):
    ada = Person.create(first_name="Ada")
    form = PersonForm.from_person(ada)
    for typed in (["Pub"], ["Publi"], ["Public policy"]):  # autosave mid-word
        form.career_fields = typed
        save_person(ada.id, form, only={"career_fields"})
    unused = set(cf.unused_career_fields())
    assert {CareerField.get(CareerField.name == n).id for n in ("Pub", "Publi")} <= unused
    used = {CareerField.get(CareerField.name == n).id for n in ("Public policy", "Public Hlth")}
    assert not used & unused
    changes = cf.delete_unused_career_fields()
    assert changes.career_fields == unused
    names = {r.name for r in cf.career_field_rows()}
    assert {"Public policy", "Public Hlth", "Public health"} <= names
    assert not {"Pub", "Publi"} & names
    assert cf.unused_career_fields() == []


def test_delete_one_unused_field(health):
    spare = CareerField.create(name="Spare")
    OrganizationCareerField.create(organization=health["gov"], career_field=spare)
    assert cf.delete_career_field(spare.id).career_fields == {spare.id}
    assert CareerField.get_or_none(CareerField.id == spare.id) is None


def _content(rows) -> list[dict]:
    """Rows without their write counters (migration 0016): an undo is one more write."""
    return [{k: v for k, v in row.items() if k not in ("version", "changed_by")} for row in rows]


def _career_field_state() -> tuple:
    return (_content(sorted(CareerField.select().dicts(), key=lambda r: r["id"])),
            sorted(PersonCareerField.select(PersonCareerField.person,
                                            PersonCareerField.career_field).tuples()),
            sorted(OrganizationCareerField.select(OrganizationCareerField.organization,
                                                  OrganizationCareerField.career_field)
                   .tuples()),
            sorted(Interview.select(Interview.id, Interview.career_field).tuples()))


def test_unmerge_puts_back_people_organizations_and_interviews(health):
    OrganizationCareerField.create(organization=health["gov"], career_field=health["main"])
    OrganizationCareerField.create(organization=health["gov"], career_field=health["stray"])
    OrganizationCareerField.create(organization=health["edu"], career_field=health["stray"])
    before = _career_field_state()

    merged = cf.merge_career_fields_undoably([health["stray"].id], health["main"].id)
    assert _fields_of(health["only_stray"]) == ["Public health"]
    assert _career_field_state() != before

    changes = cf.unmerge_career_fields(merged.snapshot)
    assert _career_field_state() == before
    assert set(_fields_of(health["both"])) == {"Public health", "Public Hlth"}
    assert changes.career_fields == {health["main"].id, health["stray"].id}
    assert set(changes.person_fields) == {health["both"].id, health["only_stray"].id}
    assert changes.interviews == {health["done"].id, health["planned"].id}


def test_unmerge_is_refused_when_the_target_is_gone(health):
    merged = cf.merge_career_fields_undoably([health["stray"].id], health["main"].id)
    Interview.update(career_field=None).execute()
    PersonCareerField.delete().execute()
    OrganizationCareerField.delete().execute()
    cf.delete_career_fields([health["main"].id])
    with pytest.raises(ValueError, match="cannot be undone"):
        cf.unmerge_career_fields(merged.snapshot)
    assert CareerField.get_or_none(CareerField.id == health["stray"].id) is None
