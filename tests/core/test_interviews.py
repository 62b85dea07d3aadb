import datetime

import pytest

from netdesk.core.debrief import Debrief, SuggestedPerson, record_debrief
from netdesk.core.interviews import (
    InterviewPlan,
    NewPerson,
    PlanError,
    PlannedQuestion,
    describe,
    interviews_awaiting_debrief,
    mark_outreach_sent,
    questions_of,
    save_plan,
    set_question_mark,
)
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    PersonCareerField,
    Referral,
)

FRIDAY = datetime.date(2026, 11, 27)


@pytest.fixture
def ana(db):
    return Person.create(first_name="Ana", last_name="Ruiz",
                         organization=Organization.create(name="Acme"))


def plan_for(person_id, **changes) -> InterviewPlan:
    values = dict(person_id=person_id, career_field="Urban planning",
                  questions=[PlannedQuestion("How did you start?", "career_path", 4),
                             PlannedQuestion("Who else should I meet?", "advice", 2)])
    values.update(changes)
    return InterviewPlan(**values)


def test_save_plan_creates_interview_with_questions_in_order(ana):
    changes = save_plan(None, plan_for(ana.id, research_checklist={"why_them", "bio"},
                                       person_research_notes="Wrote the 2024 plan.",
                                       organization_notes="Small team."))
    interview_id = changes.id
    interview = Interview.get_by_id(interview_id)
    assert changes.interviews == {interview_id}
    assert changes.fields_of(ana.id) == {"research_notes", "career_fields", "timeline"}
    assert changes.organizations == {ana.organization_id}
    assert changes.career_fields == {interview.career_field_id}
    assert not changes.people_added and not changes.questions
    assert interview.status == "planning"
    assert interview.career_field.name == "Urban planning"
    assert interview.research_checklist == "bio,why_them"
    assert [q.text for q in questions_of(interview_id)] == ["How did you start?",
                                                            "Who else should I meet?"]
    assert [q.position for q in questions_of(interview_id)] == [0, 1]
    assert PersonCareerField.select().where(PersonCareerField.person == ana).count() == 1
    assert Person.get_by_id(ana.id).research_notes == "Wrote the 2024 plan."
    assert Organization.get(Organization.name == "Acme").culture_notes == "Small team."


def test_reopening_keeps_notes_of_kept_questions_and_reorders(ana):
    interview_id = save_plan(None, plan_for(ana.id)).id
    first, second = questions_of(interview_id)
    InterviewQuestion.update(notes="kept").where(InterviewQuestion.id == second.id).execute()
    plan = plan_for(ana.id, questions=[
        PlannedQuestion(second.text, "advice", 2, interview_question_id=second.id),
        PlannedQuestion("New one", "own", 3),
    ])
    assert save_plan(interview_id, plan).id == interview_id
    rows = questions_of(interview_id)
    assert [(q.text, q.notes, q.position) for q in rows] == [
        ("Who else should I meet?", "kept", 0), ("New one", "", 1)]
    assert not InterviewQuestion.select().where(InterviewQuestion.id == first.id).exists()


def test_outreach_sent_logs_interaction_and_reply_check(ana):
    changes = save_plan(None, plan_for(ana.id, outreach_message="Dear Ana,\nI'm Jo.",
                                       outreach_sent_on=FRIDAY), today=FRIDAY)
    interview_id = changes.id
    interaction = Interaction.get(Interaction.interview == interview_id)
    assert changes.interactions == {interaction.id}
    assert changes.field_changed(ana.id, "stage")
    assert (interaction.kind, interaction.occurred_on) == ("message_sent", FRIDAY)
    assert interaction.summary == "Asked for an informational interview: Dear Ana,"
    follow_up = FollowUp.get(FollowUp.interview == interview_id)
    assert (follow_up.kind, follow_up.due_on, follow_up.status) == (
        "reply_check", datetime.date(2026, 12, 2), "open")
    assert Person.get_by_id(ana.id).stage == "contacted"
    # Scheduling closes the reply check and moves the person on.
    plan = plan_for(ana.id, scheduled_at=datetime.datetime(2026, 12, 8, 10))
    changes = save_plan(interview_id, plan, today=FRIDAY)
    assert changes.follow_ups == {follow_up.id} and changes.field_changed(ana.id, "stage")
    assert FollowUp.get(FollowUp.interview == interview_id).status == "done"
    assert Interview.get_by_id(interview_id).status == "scheduled"
    assert Person.get_by_id(ana.id).stage == "meeting_set"


def test_mark_outreach_sent_on_its_own(ana):
    interview_id = save_plan(None, plan_for(ana.id)).id
    changes = mark_outreach_sent(interview_id, FRIDAY)
    follow_up = FollowUp.get_by_id(changes.id)
    assert follow_up.due_on == datetime.date(2026, 12, 2)
    assert changes.follow_ups == {follow_up.id} and changes.interviews == {interview_id}
    mark_outreach_sent(interview_id, FRIDAY + datetime.timedelta(days=7))
    assert FollowUp.select().where(FollowUp.interview == interview_id).count() == 1


def test_new_person_with_referrer(db):
    sam = Person.create(first_name="Sam")
    plan = plan_for(None, new_person=NewPerson("Lee", "Park", "lee@example.org", "Beta Ltd",
                                               "Analyst", referrer_id=sam.id))
    changes = save_plan(None, plan, today=FRIDAY)
    lee = Interview.get_by_id(changes.id).person
    assert changes.people_added == {lee.id} and changes.referrals
    assert changes.touches_person(sam.id)
    assert changes.organizations == {lee.organization_id}
    assert (lee.full_name, lee.organization.name, lee.relationship) == (
        "Lee Park", "Beta Ltd", "referral")
    assert Referral.get(Referral.referred == lee).referrer_id == sam.id


@pytest.mark.parametrize("plan, message", [
    (InterviewPlan(questions=[PlannedQuestion("q")]), "Whom: choose"),
    (InterviewPlan(new_person=NewPerson(), questions=[PlannedQuestion("q")]), "Whom: Give"),
    (InterviewPlan(new_person=NewPerson("A", email="nope"), questions=[PlannedQuestion("q")]),
     "not an email"),
    (InterviewPlan(person_id=-1, questions=[PlannedQuestion("q")]), "no longer"),
    (InterviewPlan(person_id=0, questions=[]), "Questions: choose at least one"),
    (InterviewPlan(person_id=0, questions=[PlannedQuestion(" ")]), "question 1 has no text"),
])
def test_bad_plans_are_refused_and_nothing_is_written(ana, plan, message):
    if plan.person_id == 0:
        plan.person_id = ana.id
    with pytest.raises(PlanError, match=message):
        save_plan(None, plan)
    assert Interview.select().count() == 0
    assert Person.select().count() == 1


def test_a_failure_midway_rolls_everything_back(ana, monkeypatch):
    import netdesk.core.interviews as interviews

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(interviews, "_log_outreach", broken)
    with pytest.raises(RuntimeError):
        save_plan(None, plan_for(ana.id, outreach_sent_on=FRIDAY))
    assert Interview.select().count() == 0
    assert InterviewQuestion.select().count() == 0
    assert CareerField.select().count() == 0


def test_debrief_records_everything(ana):
    interview_id = save_plan(None, plan_for(ana.id,
                                            scheduled_at=datetime.datetime(2026, 11, 25, 10))).id
    debrief = Debrief(
        interest_occupation=4, interest_organization=2, keep_exploring=True,
        advice="Join the planning association.", action_plan="Sign up this week.",
        suggested=[SuggestedPerson("Kim", "Tran", "City Office", "Planner", "kim@example.org"),
                   SuggestedPerson(), SuggestedPerson(last_name="Osei", note="Her old boss")],
        thank_you_message="Dear Ana,\nThank you.", thank_you_sent_on=FRIDAY,
        keep_in_touch_on=datetime.date(2027, 2, 25), keep_in_touch_note="Tell her how it went.",
    )
    changes = record_debrief(interview_id, debrief, today=FRIDAY)
    assert changes.id == interview_id and changes.interviews == {interview_id}
    assert changes.field_changed(ana.id, "stage") and changes.field_changed(ana.id, "timeline")
    assert changes.referrals
    added = changes.people_added
    interview = Interview.get_by_id(interview_id)
    assert (interview.status, interview.interest_occupation, interview.interest_organization,
            interview.keep_exploring, interview.thank_you_sent) == ("done", 4, 2, True, FRIDAY)
    assert interview.advice == "Join the planning association."
    kinds = [i.kind for i in Interaction.select().where(Interaction.interview == interview_id)
             .order_by(Interaction.id)]
    assert kinds == ["interview", "thank_you"]
    keep = FollowUp.get((FollowUp.interview == interview_id) & (FollowUp.kind == "keep_in_touch"))
    assert keep.due_on == datetime.date(2027, 2, 25) and keep.note == "Tell her how it went."
    assert len(added) == 2
    referred = [r.referred for r in Referral.select().where(Referral.referrer == ana)
                .order_by(Referral.id)]
    assert [p.full_name for p in referred] == ["Kim Tran", "Osei"]
    assert referred[0].organization.name == "City Office"
    assert referred[0].source == "Suggested by Ana Ruiz"
    assert set(added) == {p.id for p in referred}
    assert changes.organizations == {referred[0].organization_id}
    assert changes.interactions == {i.id for i in Interaction.select()}
    assert PersonCareerField.select().where(PersonCareerField.person == referred[0]).exists()
    assert Person.get_by_id(ana.id).stage == "thanked"
    assert interviews_awaiting_debrief(datetime.datetime(2026, 11, 28)) == []


def test_debrief_without_thank_you_sets_a_thank_you_follow_up(ana):
    interview_id = save_plan(None, plan_for(ana.id)).id
    record_debrief(interview_id, Debrief(interest_occupation=3), today=FRIDAY)
    follow_up = FollowUp.get(FollowUp.interview == interview_id)
    assert (follow_up.kind, follow_up.due_on) == ("thank_you", datetime.date(2026, 11, 28))
    assert Person.get_by_id(ana.id).stage == "interviewed"


def test_bad_suggested_person_rolls_back(ana):
    interview_id = save_plan(None, plan_for(ana.id)).id
    debrief = Debrief(interest_occupation=3,
                      suggested=[SuggestedPerson("Kim"), SuggestedPerson(organization="Acme")])
    with pytest.raises(PlanError, match="row 2: Give at least"):
        record_debrief(interview_id, debrief)
    assert Person.select().count() == 1
    assert Interview.get_by_id(interview_id).status == "planning"


def test_interviews_awaiting_debrief(ana):
    at = datetime.datetime(2026, 11, 25, 10)
    past = save_plan(None, plan_for(ana.id, scheduled_at=at, duration_minutes=30)).id
    save_plan(None, plan_for(ana.id, scheduled_at=at + datetime.timedelta(days=10)))
    save_plan(None, plan_for(ana.id))
    assert interviews_awaiting_debrief(at + datetime.timedelta(minutes=20)) == []
    found = interviews_awaiting_debrief(at + datetime.timedelta(minutes=31))
    assert [i.id for i in found] == [past]
    assert "Ana Ruiz · Urban planning · Wed 25 Nov 2026 10:00 · Video call" == describe(found[0])


def test_question_marks(ana):
    interview_id = save_plan(None, plan_for(ana.id)).id
    question = questions_of(interview_id)[0]
    assert set_question_mark(question.id, "asked").interviews == {interview_id}
    assert InterviewQuestion.get_by_id(question.id).mark == "asked"
    with pytest.raises(ValueError):
        set_question_mark(question.id, "maybe")


def test_sample_network_has_one_interview_awaiting_debrief(sample_db):
    found = interviews_awaiting_debrief()
    assert len(found) == 1 and found[0].mode == "phone"


def test_a_draft_may_wait_for_its_questions(ana):
    interview_id = save_plan(None, plan_for(ana.id, questions=[]), draft=True).id
    assert Interview.get_by_id(interview_id).status == "planning"
    with pytest.raises(PlanError, match="Questions"):
        save_plan(interview_id, plan_for(ana.id, questions=[]))


def test_save_notes_in_one_go(ana):
    from netdesk.core.interviews import save_notes

    interview_id = save_plan(None, plan_for(ana.id)).id
    first, second = questions_of(interview_id)
    changes = save_notes(interview_id, {first.id: "one", second.id: "two"}, "overall")
    assert (changes.id, changes.interviews) == (interview_id, {interview_id})
    assert [q.notes for q in questions_of(interview_id)] == ["one", "two"]
    assert Interview.get_by_id(interview_id).notes == "overall"


def test_a_new_question_can_join_the_bank(ana):
    from netdesk.db.models import Question

    plan = plan_for(ana.id, questions=[PlannedQuestion("Mine?", "own", 2, add_to_bank=True)])
    changes = save_plan(None, plan)
    interview_id = changes.id
    assert changes.questions
    question = Question.get(Question.text == "Mine?")
    assert questions_of(interview_id)[0].question_id == question.id
