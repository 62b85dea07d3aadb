"""Saving what the editor holds, and deleting a person with a way back."""

import datetime

import pytest

from netdesk.core.people import PersonForm, delete_person, restore_person, save_person, validate
from netdesk.db.models import (
    CareerField,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    Question,
    Referral,
)


def test_validate_names_the_field():
    assert "first_name" in validate(PersonForm())
    assert set(validate(PersonForm(first_name="A", email="x@", linkedin_url="linkedin.com/in/a",
                                   phone="call me"))) == {"email", "linkedin_url", "phone"}
    assert validate(PersonForm(last_name="Noor", email="f@example.org",
                               linkedin_url="https://www.linkedin.com/in/f",
                               phone="+1 (555) 010-1234")) == {}


def test_save_matches_organizations_ignoring_case_and_spaces(db):
    acme = Organization.create(name="Acme Corp")
    person_id = save_person(None, PersonForm(first_name="Ada", organization="  acme   CORP ")).id
    assert Person.get_by_id(person_id).organization_id == acme.id
    assert Organization.select().count() == 1


def test_save_syncs_career_fields(db):
    form = PersonForm(first_name="Ada", career_fields=["UX research", "ux  research", "Data"])
    person_id = save_person(None, form).id
    assert sorted(f.name for f in CareerField.select()) == ["Data", "UX research"]
    save_person(person_id, PersonForm(first_name="Ada", career_fields=["Data"]))
    assert PersonForm.from_person(Person.get_by_id(person_id)).career_fields == ["Data"]


def test_invalid_form_is_not_saved(db):
    with pytest.raises(ValueError, match="email"):
        save_person(None, PersonForm(first_name="Ada", email="nope"))
    assert Person.select().count() == 0


def test_delete_and_restore_round_trip(sample_db):
    fatima = Person.get(Person.first_name == "Fatima")
    before = {
        "interviews": list(Interview.select().where(Interview.person == fatima).dicts()),
        "questions": InterviewQuestion.select().join(Interview)
        .where(Interview.person == fatima).count(),
        "referrals": list(Referral.select().where(
            (Referral.referrer == fatima) | (Referral.referred == fatima)).dicts()),
    }
    deleted = delete_person(fatima.id)
    assert Person.get_or_none(Person.id == fatima.id) is None
    assert deleted.changes.people_removed == {fatima.id} and deleted.changes.referrals
    assert deleted.changes.interviews == {i["id"] for i in before["interviews"]}
    partners = {r[k] for r in before["referrals"] for k in ("referrer", "referred")} - {fatima.id}
    assert all(deleted.changes.touches_person(p) for p in partners)
    restored = restore_person(deleted.snapshot)
    assert restored.id == fatima.id and restored.people_added == {fatima.id}
    assert restored.interviews == deleted.changes.interviews
    assert list(Interview.select().where(Interview.person == fatima.id).dicts()) == \
        before["interviews"]
    assert InterviewQuestion.select().join(Interview).where(
        Interview.person == fatima.id).count() == before["questions"]
    assert list(Referral.select().where(
        (Referral.referrer == fatima.id) | (Referral.referred == fatima.id)).dicts()) == \
        before["referrals"]


def test_restore_skips_links_to_rows_deleted_since(sample_db):
    fatima = Person.get(Person.first_name == "Fatima")
    snapshot = delete_person(fatima.id).snapshot
    Person.get(Person.first_name == "Maria").delete_instance()  # she referred Fatima
    Question.delete().execute()  # the bank questions her interview used
    restore_person(snapshot)
    assert not Referral.select().where(Referral.referred == fatima.id).exists()
    assert InterviewQuestion.select().join(Interview).where(
        Interview.person == fatima.id).count() > 0


def test_restore_gives_new_ids_when_the_old_ones_were_taken(sample_db):
    from netdesk.db.models import FollowUp, Interaction

    fatima = Person.get(Person.first_name == "Fatima")
    interview = Interview.create(person=fatima)  # the newest interview: its id comes back
    Interaction.create(person=fatima, interview=interview, kind="note")
    FollowUp.create(person=fatima, interview=interview, kind="thank_you",
                    due_on=datetime.date(2026, 12, 1))
    deleted = delete_person(fatima.id)
    newcomer = Person.create(first_name="New")
    taken = Interview.create(id=interview.id, person=newcomer)  # as SQLite would number it
    assert taken.id == interview.id
    restored = restore_person(deleted.snapshot)
    back = Person.get_by_id(restored.id)
    assert back.full_name == "Fatima Noor"
    moved = Interview.get(Interview.person == back, Interview.id.not_in(
        [i["id"] for i in deleted.snapshot["interview"] if i["id"] != interview.id]))
    assert moved.id != interview.id and moved.id in restored.interviews
    assert Interaction.get(Interaction.person == back, Interaction.kind == "note"
                           ).interview_id == moved.id
    assert FollowUp.get(FollowUp.person == back, FollowUp.kind == "thank_you"
                        ).interview_id == moved.id
    assert Interview.get_by_id(taken.id).person_id == newcomer.id
