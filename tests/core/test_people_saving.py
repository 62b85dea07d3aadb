"""save_person writes only the fields asked for, checks only those, and keeps "Referred by"."""

import pytest

from netdesk.core.people import PersonForm, referrer_of, referrer_problem, save_person
from netdesk.core.referrals import ReferralError
from netdesk.db.models import Organization, Person, Referral


def test_valid_fields_save_while_another_is_wrong(db):
    bob = Person.create(first_name="Bob", email="bob@example.org")
    form = PersonForm(first_name="Bob", email="bob@", notes="Likes sailing")
    changes = save_person(bob.id, form, only={"notes"})
    stored = Person.get_by_id(bob.id)
    assert (stored.notes, stored.email) == ("Likes sailing", "bob@example.org")
    assert changes.fields_of(bob.id) == {"notes"}
    with pytest.raises(ValueError, match="email"):
        save_person(bob.id, form, only={"notes", "email"})


def test_a_new_person_gets_only_the_fields_asked_for(db):
    form = PersonForm(first_name="Ada", organization="Harbor", notes="Met at the port")
    person_id = save_person(None, form, only={"first_name", "notes"}).id
    stored = Person.get_by_id(person_id)
    assert (stored.first_name, stored.notes, stored.organization_id) == (
        "Ada", "Met at the port", None)
    assert Organization.select().count() == 0
    with pytest.raises(ValueError, match="name"):
        save_person(None, PersonForm(notes="no name"), only={"notes"})


def test_referred_by_is_added_replaced_and_cleared(db):
    helen = Person.create(first_name="Helen")
    carlos = Person.create(first_name="Carlos")
    form = PersonForm(first_name="Ann", referred_by=helen.id)
    changes = save_person(None, form)
    ann = changes.id
    assert changes.referrals and referrer_of(ann) == helen.id
    assert PersonForm.from_person(Person.get_by_id(ann)).referred_by == helen.id
    changes = save_person(ann, PersonForm(first_name="Ann", referred_by=carlos.id),
                          only={"referred_by"})
    assert changes.referrals and changes.field_changed(ann, "referred_by")
    assert [r.referrer_id for r in Referral.select().where(Referral.referred == ann)] == [
        carlos.id]
    assert not save_person(ann, PersonForm(first_name="Ann", referred_by=carlos.id),
                           only={"referred_by"}).referrals
    save_person(ann, PersonForm(first_name="Ann"), only={"referred_by"})
    assert Referral.select().count() == 0


def test_other_referrers_from_the_graph_stay(db):
    helen = Person.create(first_name="Helen")
    carlos = Person.create(first_name="Carlos")
    ann = Person.create(first_name="Ann")
    Referral.create(referrer=helen, referred=ann)
    Referral.create(referrer=carlos, referred=ann)
    assert referrer_of(ann.id) == carlos.id  # the latest recorded
    save_person(ann.id, PersonForm(first_name="Ann"), only={"referred_by"})
    assert [r.referrer_id for r in Referral.select()] == [helen.id]


def test_a_referral_loop_is_refused_and_nothing_is_written(db):
    helen = Person.create(first_name="Helen")
    ann = Person.create(first_name="Ann")
    Referral.create(referrer=helen, referred=ann)
    assert "loop" in referrer_problem(helen.id, ann.id)
    assert "themselves" in referrer_problem(helen.id, helen.id)
    assert referrer_problem(ann.id, helen.id) is None  # already so
    assert referrer_problem(None, helen.id) is None
    assert "no longer exists" in referrer_problem(ann.id, 9999)
    with pytest.raises(ReferralError):
        save_person(helen.id, PersonForm(first_name="Helen", notes="x", referred_by=ann.id),
                    only={"notes", "referred_by"})
    assert Person.get_by_id(helen.id).notes == "" and Referral.select().count() == 1
