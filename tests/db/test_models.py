"""Model round trips and the constraints the schema enforces."""

import datetime

import peewee
import pytest

from netdesk.db.dialect import search_filter, search_terms
from netdesk.db.models import (
    CareerField,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    PersonCareerField,
    Referral,
)


def test_person_round_trip_with_organization(db):
    acme = Organization.create(name="Acme", sector="private")
    ada = Person.create(first_name="Ada", last_name="Lovelace", organization=acme,
                        email="ada@example.org", stage="contacted")
    again = Person.get_by_id(ada.id)
    assert again.full_name == "Ada Lovelace"
    assert again.organization.name == "Acme"
    assert again.created <= again.updated


def test_save_touches_updated(db):
    ada = Person.create(first_name="Ada")
    ada.updated = datetime.datetime(2000, 1, 1)
    ada.save()
    assert Person.get_by_id(ada.id).updated.year > 2000


def test_referral_to_a_missing_person_is_refused(db):
    ada = Person.create(first_name="Ada")
    with pytest.raises(peewee.IntegrityError):
        Referral.create(referrer=ada, referred=9999)


def test_deleting_a_person_removes_their_referrals(db):
    ada, bob = Person.create(first_name="Ada"), Person.create(first_name="Bob")
    Referral.create(referrer=ada, referred=bob)
    bob.delete_instance()
    assert Referral.select().count() == 0


def test_self_referral_is_refused(db):
    ada = Person.create(first_name="Ada")
    with pytest.raises(peewee.IntegrityError):
        Referral.create(referrer=ada, referred=ada)


def test_duplicate_career_field_is_refused_case_insensitively(db):
    CareerField.create(name="Public health")
    with pytest.raises(peewee.IntegrityError):
        CareerField.create(name="public HEALTH")


def test_person_needs_a_name(db):
    with pytest.raises(peewee.IntegrityError):
        Person.create(email="nobody@example.org")


def test_unknown_stage_is_refused(db):
    with pytest.raises(peewee.IntegrityError):
        Person.create(first_name="Ada", stage="hired")


def test_deleting_an_organization_keeps_its_people(db):
    acme = Organization.create(name="Acme")
    ada = Person.create(first_name="Ada", organization=acme)
    acme.delete_instance()
    assert Person.get_by_id(ada.id).organization is None


def test_interview_questions_keep_their_order_and_go_with_the_interview(db):
    ada = Person.create(first_name="Ada")
    interview = Interview.create(person=ada)
    for position, text in enumerate(["First?", "Second?", "Third?"]):
        InterviewQuestion.create(interview=interview, position=position, text=text,
                                 category="advice")
    texts = [q.text for q in interview.questions.order_by(InterviewQuestion.position)]
    assert texts == ["First?", "Second?", "Third?"]
    ada.delete_instance()
    assert InterviewQuestion.select().count() == 0


def test_career_field_links_are_unique(db):
    ada = Person.create(first_name="Ada")
    field = CareerField.create(name="UX research")
    PersonCareerField.create(person=ada, career_field=field)
    with pytest.raises(peewee.IntegrityError):
        PersonCareerField.create(person=ada, career_field=field)


def test_search_index_follows_people_and_organizations(db):
    acme = Organization.create(name="Acme")
    Person.create(first_name="Ada", last_name="Lovelace", organization=acme)

    def matches(word):
        return db.execute_sql(
            f"SELECT count(*) FROM person WHERE {search_filter('id')}", (search_terms([word]),)
        ).fetchone()[0]

    assert matches("lovel") == 1
    acme.name = "Globex"
    acme.save()
    assert matches("globex") == 1 and matches("acme") == 0
