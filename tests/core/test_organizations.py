"""Organizations on the sample network: saving, listing with counts, renaming, merging, deleting."""

from __future__ import annotations

import time

import pytest

from netdesk.core import organizations as orgs
from netdesk.core.organizations import InUse, NameTaken, OrganizationForm
from netdesk.core.people import PersonForm, save_person
from netdesk.db import dialect
from netdesk.db.models import (
    CareerField,
    Interview,
    Organization,
    OrganizationCareerField,
    Person,
    database_proxy,
)


def _org(name: str) -> Organization:
    return Organization.get(Organization.name == name)


def _staff(organization: Organization) -> set[int]:
    return {p.id for p in Person.select().where(Person.organization == organization)}


@pytest.fixture
def acme(sample_db):
    """Two spellings of one employer, as typing in the person editor leaves them."""
    acme = Organization.create(name="Acme", sector="private", notes="Big on mentoring.")
    stray = Organization.create(name="Acme Inc", website="https://acme.example",
                                culture_notes="Casual Fridays.")
    ada = Person.create(first_name="Ada", last_name="Lee", organization=acme)
    bo = Person.create(first_name="Bo", last_name="Park", organization=stray)
    cy = Person.create(first_name="Cy", last_name="Ray", organization=stray)
    interview = Interview.create(person=bo, status="done")
    return {"acme": acme, "stray": stray, "ada": ada, "bo": bo, "cy": cy,
            "interview": interview}


def test_save_organization_reports_the_organization_and_its_staff(acme):
    form = OrganizationForm(name="Acme Corporation", sector="private")
    changes = orgs.save_organization(acme["acme"].id, form)
    assert changes.id == acme["acme"].id
    assert changes.organizations == {acme["acme"].id}
    assert dict(changes.person_fields) == {acme["ada"].id: {"organization"}}
    assert changes.people_moved
    assert _org("Acme Corporation").id == acme["acme"].id


def test_save_a_new_organization_reports_its_id(sample_db):
    changes = orgs.save_organization(None, OrganizationForm(name="  New   Place "))
    assert Organization.get_by_id(changes.id).name == "New Place"
    assert changes.organizations == {changes.id}
    assert not changes.person_fields


def test_saving_onto_a_taken_name_raises_name_taken(acme):
    with pytest.raises(NameTaken) as caught:
        orgs.save_organization(acme["stray"].id, OrganizationForm(name=" ACME "))
    assert caught.value.existing_id == acme["acme"].id
    assert "already called Acme" in str(caught.value)


def test_rows_count_people_and_their_interviews(acme):
    rows = {row.name: row for row in orgs.organization_rows()}
    assert (rows["Acme"].people, rows["Acme"].interviews, rows["Acme"].sector) == (1, 0, "private")
    assert (rows["Acme Inc"].people, rows["Acme Inc"].interviews) == (2, 1)
    assert len(rows) == Organization.select().count()
    # Sample organizations are counted too.
    cascade = next(r for r in rows.values() if r.name.startswith("Cascade"))
    assert cascade.people == Person.select().where(Person.organization == cascade.id).count()


def test_rows_filter_by_part_of_the_name_with_wildcards_taken_literally(acme):
    Organization.create(name="100% Fun_Club")
    assert [r.name for r in orgs.organization_rows("acme")] == ["Acme", "Acme Inc"]
    assert [r.name for r in orgs.organization_rows("me  INC")] == ["Acme Inc"]
    assert [r.name for r in orgs.organization_rows("%")] == ["100% Fun_Club"]
    assert [r.name for r in orgs.organization_rows("c_e")] == []  # not "cme"


def test_rows_sort_by_each_column(acme):
    names = [r.name for r in orgs.organization_rows()]
    assert names == sorted(names, key=str.casefold)
    people = [r.people for r in orgs.organization_rows(sort="people", descending=True)]
    assert people == sorted(people, reverse=True)
    sectors = [r.sector for r in orgs.organization_rows(sort="sector")]
    assert sectors[-1] == ""  # no sector last
    assert [s for s in sectors if s] == sorted(s for s in sectors if s)
    with pytest.raises(ValueError):
        orgs.organization_rows(sort="drop table")


def test_rename_shows_for_every_staff_member_and_in_search(acme):
    changes = orgs.rename_organization(acme["stray"].id, "  Acme   Labs ")
    assert _org("Acme Labs").id == acme["stray"].id
    assert set(changes.person_fields) == {acme["bo"].id, acme["cy"].id}
    assert changes.organizations == {acme["stray"].id}
    found = database_proxy.execute_sql(
        f"SELECT p.id FROM person p WHERE {dialect.search_filter('p.id')}",
        [dialect.search_terms(["labs"])]).fetchall()
    assert {i for (i,) in found} == {acme["bo"].id, acme["cy"].id}


def test_rename_changing_only_the_case_is_allowed(acme):
    orgs.rename_organization(acme["acme"].id, "ACME")
    assert Organization.get_by_id(acme["acme"].id).name == "ACME"


def test_rename_onto_an_existing_name_offers_the_merge_target(acme):
    with pytest.raises(NameTaken) as caught:
        orgs.rename_organization(acme["stray"].id, "  aCmE ")
    assert (caught.value.existing_id, caught.value.existing_name) == (acme["acme"].id, "Acme")
    assert Organization.get_by_id(acme["stray"].id).name == "Acme Inc"  # untouched


def test_rename_onto_a_non_ascii_name_in_another_case_is_caught(sample_db):
    ecole = Organization.create(name="École Verte")
    other = Organization.create(name="Other")
    with pytest.raises(NameTaken) as caught:
        orgs.rename_organization(other.id, "école  verte")
    assert caught.value.existing_id == ecole.id


def test_rename_to_nothing_is_refused(acme):
    with pytest.raises(ValueError, match="needs a name"):
        orgs.rename_organization(acme["acme"].id, "   ")


def test_merge_moves_people_interviews_and_career_links_then_deletes_the_source(acme):
    health = CareerField.get(CareerField.name == "Public health")
    ux = CareerField.get(CareerField.name == "UX research")
    OrganizationCareerField.create(organization=acme["stray"], career_field=health)
    OrganizationCareerField.create(organization=acme["stray"], career_field=ux)
    OrganizationCareerField.create(organization=acme["acme"], career_field=ux)  # both have it
    before = Person.select().count()

    changes = orgs.merge_organizations([acme["stray"].id], acme["acme"].id)

    assert Organization.get_or_none(Organization.id == acme["stray"].id) is None
    assert _staff(acme["acme"]) == {acme["ada"].id, acme["bo"].id, acme["cy"].id}
    assert Person.select().count() == before
    interview = Interview.get_by_id(acme["interview"].id)
    assert interview.person.organization_id == acme["acme"].id
    links = sorted(f.career_field.name for f in OrganizationCareerField.select().where(
        OrganizationCareerField.organization == acme["acme"]))
    assert links == ["Public health", "UX research"]
    target = Organization.get_by_id(acme["acme"].id)
    assert target.sector == "private"  # the target's own
    assert target.website == "https://acme.example"  # taken where it had none
    assert target.culture_notes == "Casual Fridays."
    assert target.notes == "Big on mentoring."
    assert changes.organizations == {acme["acme"].id, acme["stray"].id}
    assert set(changes.person_fields) == {acme["bo"].id, acme["cy"].id}
    assert changes.interviews == {acme["interview"].id}
    assert changes.id == acme["acme"].id
    rows = {r.name: r for r in orgs.organization_rows("acme")}
    assert (rows["Acme"].people, rows["Acme"].interviews) == (3, 1)
    assert "Acme Inc" not in rows


def test_merge_several_into_one_and_into_itself(acme):
    third = Organization.create(name="ACME Ltd", notes="Big on mentoring.")
    dee = Person.create(first_name="Dee", organization=third)
    changes = orgs.merge_organizations(
        [acme["stray"].id, third.id, acme["acme"].id], acme["acme"].id)
    assert sum("acme" in o.name.lower() for o in Organization.select()) == 1
    assert dee.id in _staff(acme["acme"])
    assert Organization.get_by_id(acme["acme"].id).notes == "Big on mentoring."  # not twice
    assert not orgs.merge_organizations([acme["acme"].id], acme["acme"].id)
    assert len(changes.organizations) == 3


def test_merge_into_a_missing_organization_changes_nothing(acme):
    with pytest.raises(ValueError):
        orgs.merge_organizations([acme["stray"].id], 999_999)
    assert _staff(acme["stray"]) == {acme["bo"].id, acme["cy"].id}


def test_delete_refuses_a_used_organization_and_says_how_many_use_it(acme):
    with pytest.raises(InUse) as caught:
        orgs.delete_organization(acme["stray"].id)
    assert caught.value.people == 2
    assert "Acme Inc is the organization of 2 people" in str(caught.value)
    assert Organization.get_or_none(Organization.id == acme["stray"].id) is not None


def test_delete_several_is_all_or_nothing(acme):
    empty = Organization.create(name="Nobody Works Here")
    with pytest.raises(InUse):
        orgs.delete_organizations([empty.id, acme["acme"].id])
    assert Organization.get_or_none(Organization.id == empty.id) is not None


def test_delete_an_unused_organization(acme):
    empty = Organization.create(name="Nobody Works Here")
    OrganizationCareerField.create(organization=empty, career_field=CareerField.select().first())
    changes = orgs.delete_organization(empty.id)
    assert changes.organizations == {empty.id}
    assert Organization.get_or_none(Organization.id == empty.id) is None
    assert not OrganizationCareerField.select().where(
        OrganizationCareerField.organization == empty.id).exists()


def test_delete_unused_removes_the_strays_typing_left_behind(acme):
    ada = acme["ada"]
    form = PersonForm.from_person(ada)
    for typed in ("A", "Ac", "Acm", "Acme Research"):  # what autosave may leave mid-word
        form.organization = typed
        save_person(ada.id, form, only={"organization"})
    strays = {"A", "Ac", "Acm"}
    assert strays <= {r.name for r in orgs.organization_rows()}
    used = {o.organization_id for o in Person.select() if o.organization_id}
    changes = orgs.delete_unused_organizations()
    left = {r.name for r in orgs.organization_rows()}
    assert not strays & left
    assert "Acme Research" in left
    assert {o.id for o in Organization.select()} == used
    assert orgs.unused_organizations() == []
    assert changes.organizations
    assert not orgs.delete_unused_organizations()  # nothing left to do


def test_listing_5000_organizations_is_fast(db):
    Organization.insert_many(
        [{"name": f"Organization {i:05d}"} for i in range(5000)]).execute()
    people = [{"first_name": f"P{i}", "organization": i % 5000 + 1} for i in range(10000)]
    with database_proxy.atomic():
        for start in range(0, len(people), 500):
            Person.insert_many(people[start:start + 500]).execute()
    started = time.perf_counter()
    rows = orgs.organization_rows()
    filtered = orgs.organization_rows("0042")
    by_people = orgs.organization_rows(sort="people", descending=True)
    elapsed = time.perf_counter() - started
    assert len(rows) == len(by_people) == 5000
    assert len(filtered) == 11  # 00420..00429 and 00042
    assert rows[0].people == 2
    assert elapsed < 1.0


def test_save_onto_a_taken_name_with_merge_keeps_the_other_fields_then_merges(acme):
    form = OrganizationForm(name="acme", sector="nonprofit", website="https://inc.example",
                            culture_notes="Casual Fridays.", notes="Second office.")
    changes = orgs.save_organization(acme["stray"].id, form, merge=True)
    assert changes.id == acme["acme"].id
    assert Organization.get_or_none(Organization.id == acme["stray"].id) is None
    target = Organization.get_by_id(acme["acme"].id)
    assert (target.name, target.sector) == ("Acme", "private")
    assert target.notes == "Big on mentoring.\n\nSecond office."
    assert target.website == "https://inc.example"
    assert _staff(target) == {acme["ada"].id, acme["bo"].id, acme["cy"].id}
    with pytest.raises(NameTaken):  # a new organization has nothing to merge
        orgs.save_organization(None, OrganizationForm(name="Acme"), merge=True)


def _content(rows) -> list[dict]:
    """Rows without their write counters (migration 0016): an undo is one more write."""
    return [{k: v for k, v in row.items() if k not in ("version", "changed_by")} for row in rows]


def _organization_state() -> tuple:
    """Every organization, staff member and career-field link, to compare before and after."""
    return (_content(sorted(Organization.select().dicts(), key=lambda r: r["id"])),
            sorted(Person.select(Person.id, Person.organization).tuples()),
            sorted(OrganizationCareerField.select(OrganizationCareerField.organization,
                                                  OrganizationCareerField.career_field)
                   .tuples()))


def test_unmerge_puts_back_exactly_what_the_merge_changed(acme):
    health = CareerField.get(CareerField.name == "Public health")
    ux = CareerField.get(CareerField.name == "UX research")
    OrganizationCareerField.create(organization=acme["stray"], career_field=health)
    OrganizationCareerField.create(organization=acme["stray"], career_field=ux)
    OrganizationCareerField.create(organization=acme["acme"], career_field=ux)
    before = _organization_state()

    merged = orgs.merge_organizations_undoably([acme["stray"].id], acme["acme"].id)
    assert merged.changes.organizations == {acme["acme"].id, acme["stray"].id}
    assert _organization_state() != before

    changes = orgs.unmerge_organizations(merged.snapshot)
    assert _organization_state() == before
    assert changes.organizations == {acme["acme"].id, acme["stray"].id}
    assert set(changes.person_fields) == {acme["bo"].id, acme["cy"].id}
    assert changes.interviews == {acme["interview"].id}

    again = orgs.merge_organizations_undoably([acme["stray"].id], acme["acme"].id)  # redo
    assert _staff(acme["acme"]) == {acme["ada"].id, acme["bo"].id, acme["cy"].id}
    orgs.unmerge_organizations(again.snapshot)
    assert _organization_state() == before


def test_unmerge_leaves_alone_someone_moved_since_and_refuses_a_taken_name(acme):
    merged = orgs.merge_organizations_undoably([acme["stray"].id], acme["acme"].id)
    elsewhere = Organization.create(name="Elsewhere")
    Person.update(organization=elsewhere).where(Person.id == acme["cy"].id).execute()
    changes = orgs.unmerge_organizations(merged.snapshot)
    back = _org("Acme Inc")  # its id went to Elsewhere meanwhile: back under a new one
    assert back.id in changes.organizations and back.website == "https://acme.example"
    assert _staff(back) == {acme["bo"].id}
    assert Person.get_by_id(acme["cy"].id).organization_id == elsewhere.id
    acme["stray"] = back

    merged = orgs.merge_organizations_undoably([acme["stray"].id], acme["acme"].id)
    Organization.create(name="ACME inc")  # takes the merged one's name meanwhile
    state = _organization_state()
    with pytest.raises(ValueError, match="cannot be undone"):
        orgs.unmerge_organizations(merged.snapshot)
    assert _organization_state() == state


# The LAMP list ------------------------------------------------------------------------------

def _lamp_state() -> list[dict]:
    from netdesk.db.models import LampEntry

    return _content(sorted(LampEntry.select().dicts(), key=lambda r: r["id"]))


def _lamp_of(organization_id: int) -> tuple | None:
    from netdesk.db.models import LampEntry

    entry = LampEntry.get_or_none(LampEntry.organization == organization_id)
    return entry and (entry.motivation, entry.posting, entry.advocacy_override,
                      entry.found_in, entry.position)


def test_a_merge_moves_the_lamp_entry_to_the_kept_organization_and_undo_brings_it_back(acme):
    from netdesk.core import lamp

    stray_entry = lamp.add_organization("Acme Inc", "posting").id
    lamp.set_scores(stray_entry, motivation=3, posting=2, advocacy=True)
    before = (_organization_state(), _lamp_state())

    merged = orgs.merge_organizations_undoably([acme["stray"].id], acme["acme"].id)
    assert merged.changes.lamp
    assert _lamp_of(acme["acme"].id) == (3, 2, True, "posting", 1)
    assert [r.name for r in lamp.lamp_rows()] == ["Acme"]

    changes = orgs.unmerge_organizations(merged.snapshot)
    assert changes.lamp
    assert (_organization_state(), _lamp_state()) == before
    assert [r.name for r in lamp.lamp_rows()] == ["Acme Inc"]


def test_merging_two_listed_organizations_keeps_the_higher_scores(acme):
    from netdesk.core import lamp

    other = Organization.create(name="ACME Ltd")
    first = lamp.add_organization("Acme", "dream").id
    lamp.set_scores(first, motivation=1, posting=3, advocacy=False)
    second = lamp.add_organization("Acme Inc", "alumni").id
    lamp.set_scores(second, motivation=3, posting=1)
    lamp.add_organization("ACME Ltd", "trending")
    before = (_organization_state(), _lamp_state())

    merged = orgs.merge_organizations_undoably([acme["stray"].id, other.id], acme["acme"].id)
    assert _lamp_of(acme["acme"].id) == (3, 3, False, "dream", 1)  # its own pass and place
    assert len(_lamp_state()) == 1
    orgs.unmerge_organizations(merged.snapshot)
    assert (_organization_state(), _lamp_state()) == before

    # Into an organization not on the list: the entry found first comes along.
    plain = Organization.create(name="Plain")
    orgs.merge_organizations([acme["stray"].id, other.id], plain.id)
    assert _lamp_of(plain.id) == (3, 1, None, "alumni", 2)
    assert _lamp_of(acme["acme"].id) == (1, 3, False, "dream", 1)


def test_deleting_a_listed_organization_takes_it_off_the_list(acme):
    from netdesk.core import lamp

    lamp.add_organization("Nobody There", "dream")
    unused = _org("Nobody There")
    changes = orgs.delete_organizations([unused.id])
    assert changes.lamp and changes.organizations == {unused.id}
    assert lamp.lamp_rows() == []
    unlisted = Organization.create(name="Unlisted")
    assert not orgs.delete_organizations([unlisted.id]).lamp
