"""Who sees what on a shared network, enforced by PostgreSQL's row-level security: students
see their own records and what the center shares, an advisor also what their students share
with them, an administrator everything; only a record's owner changes it. Checked through
netdesk's own functions and through raw SQL, as each member's own role."""

from __future__ import annotations

import datetime

import pytest
from peewee import DatabaseError

from netdesk.core import interviews, people, timeline
from netdesk.db import members as member_db
from netdesk.db.models import Interaction, Interview, InterviewQuestion, Person

TODAY = datetime.date(2026, 5, 4)


def _person(first: str, notes: str, sharing: str = "private") -> int:
    changes = people.save_person(None, people.PersonForm(
        first_name=first, last_name="Lee", notes=notes, sharing=sharing,
        career_fields=["Design"]))
    return changes.id if changes.id is not None else next(iter(changes.people))


def _interview(person_id: int, notes: str, sharing: str = "private") -> int:
    interview = Interview.create(person=person_id, notes="", duration_minutes=30)
    interviews.save_interview_notes(interview.id, notes)
    InterviewQuestion.create(interview=interview, position=0, text="How did you start?",
                             category="career_path", minutes=5, notes=f"{notes} (question)")
    if sharing != "private":
        interviews.save_sharing(interview.id, sharing)
    return interview.id


def _everything_visible(connection) -> dict[str, list]:
    """What raw SQL shows of notes, as the connection's role."""
    rows = {}
    for table, column in (("person", "notes"), ("interview", "notes"),
                          ("interview_question", "notes")):
        rows[table] = sorted(r[0] for r in connection.execute(f"SELECT {column} FROM {table}"))
    rows["search"] = connection.execute("SELECT count(*) FROM person_search").fetchone()[0]
    rows["career"] = connection.execute(
        "SELECT count(*) FROM person_career_field").fetchone()[0]
    return rows


def test_two_students_cannot_read_each_others_private_notes(team):
    with team.opened("ana"):
        ada = _person("Ada", "ana's private note")
        _interview(ada, "ana's interview note")
        assert Person.get_by_id(ada).owner == team.role("ana")
        assert Person.get_by_id(ada).sharing == "private"
    with team.opened("bo"):
        bea = _person("Bea", "bo's private note")
        _interview(bea, "bo's interview note")
        # netdesk's own functions
        assert [p.first_name for p in Person.select()] == ["Bea"]
        assert Person.get_or_none(Person.id == ada) is None
        assert [i.notes for i in interviews.recent_interviews()] == ["bo's interview note"]
        assert [q.notes for q in InterviewQuestion.select()] == ["bo's interview note (question)"]
    with team.raw("bo") as connection:
        assert _everything_visible(connection) == {
            "person": ["bo's private note"], "interview": ["bo's interview note"],
            "interview_question": ["bo's interview note (question)"], "search": 1, "career": 1}
        # naming the row changes nothing: it is not there for bo
        assert connection.execute("SELECT notes FROM person WHERE id = %s",
                                  (ada,)).fetchall() == []
    with team.raw("ana") as connection:
        assert _everything_visible(connection)["person"] == ["ana's private note"]


def test_what_the_center_shares_every_student_sees_but_not_its_private_interview(team):
    with team.opened("ana"):
        ada = _person("Ada", "alumna, happy to talk", sharing="center")
        private = _interview(ada, "ana's interview note")
        shared = _interview(ada, "ana's shared interview note", sharing="center")
    with team.opened("bo"):
        assert [p.notes for p in Person.select()] == ["alumna, happy to talk"]
        form = people.PersonForm.from_person(Person.get_by_id(ada))
        assert form.career_fields == ["Design"] and form.sharing == "center"
        assert [i.id for i in Interview.select()] == [shared]
        assert Interview.get_or_none(Interview.id == private) is None
        assert [q.notes for q in interviews.questions_of(shared)] == [
            "ana's shared interview note (question)"]
        assert interviews.questions_of(private) == []
    with team.raw("bo") as connection:
        assert _everything_visible(connection)["interview"] == ["ana's shared interview note"]


def test_an_advisor_sees_what_their_student_shares_with_them_and_not_the_private(team):
    with team.opened("ana"):
        _person("Ada", "for my advisor", sharing="advisor")
        _person("Abe", "mine alone")
        _person("Avi", "for everyone", sharing="center")
    with team.opened("bo"):
        _person("Bea", "bo for his advisor (he has none)", sharing="advisor")
    with team.opened("cy"):
        assert sorted(p.first_name for p in Person.select()) == ["Ada", "Avi"]
    with team.raw("cy") as connection:
        assert sorted(_everything_visible(connection)["person"]) == [
            "for everyone", "for my advisor"]
    with team.opened("bo"):
        assert sorted(p.first_name for p in Person.select()) == ["Avi", "Bea"]
    with team.opened("dee"):
        assert sorted(p.first_name for p in Person.select()) == ["Abe", "Ada", "Avi", "Bea"]


def test_an_advisor_of_someone_else_does_not_see_what_is_shared_with_advisors(team):
    team.make("eve", "advisor")
    team.postgres.execute(
        f"INSERT INTO netdesk_member (role, name, kind) VALUES ('{team.role('eve')}', 'Eve', "
        "'advisor')", database=team.database)
    with team.opened("ana"):
        _person("Ada", "for my advisor", sharing="advisor")
    with team.opened("eve"):
        assert Person.select().count() == 0


def test_a_student_cannot_change_or_delete_another_students_shared_person(team):
    with team.opened("ana"):
        ada = _person("Ada", "shared", sharing="center")
    with team.opened("bo"):
        with pytest.raises(DatabaseError) as refused:
            people.save_person(ada, people.PersonForm(first_name="Ada", notes="bo was here"),
                               only={"notes"})
        assert member_db.refusal(refused.value) == \
            "This person is Ana Ruiz's: only they change it."
        with pytest.raises(DatabaseError):
            people.delete_person(ada)
        # logging a meeting with her is bo's own record, and keeps her last contact right
        timeline.log(ada, "meeting", TODAY, "coffee with Ada", TODAY)
        assert Person.get_by_id(ada).last_contact == TODAY
    with team.raw("bo") as connection:
        for statement in ("UPDATE person SET notes = 'raw' WHERE id = %s",
                          "UPDATE person SET owner = current_user WHERE id = %s",
                          "DELETE FROM person WHERE id = %s"):
            with pytest.raises(psycopg_errors().InsufficientPrivilege):
                connection.execute(statement, (ada,))
        with pytest.raises(psycopg_errors().InsufficientPrivilege):  # RLS: not bo's person
            connection.execute("INSERT INTO person_entry (person_id, kind, label, value, "
                               "position) VALUES (%s, 'email', '', 'x@example.org', 0)", (ada,))
        with pytest.raises(psycopg_errors().InsufficientPrivilege):
            connection.execute("INSERT INTO person (first_name, last_name, owner, created, "
                               "updated, email, phone, linkedin_url, job_title, relationship, "
                               "source, stage, tags, notes, research_notes) VALUES ('X', '', "
                               f"'{team.role('ana')}', now(), now(), '', '', '', '', 'friend', "
                               "'', 'to_contact', '', '', '')")
    with team.opened("ana"):
        assert Person.get_by_id(ada).notes == "shared"
        # bo's meeting is his: ana does not see it
        assert Interaction.select().count() == 0
    with team.opened("dee"):  # an administrator changes anyone's records
        people.save_person(ada, people.PersonForm(first_name="Ada", notes="by dee"),
                           only={"notes"})
        assert Person.get_by_id(ada).notes == "by dee"
        assert Interaction.select().count() == 1


def psycopg_errors():
    import psycopg.errors

    return psycopg.errors


def test_the_trees_counts_count_only_what_each_member_sees(team):
    with team.opened("ana"):
        for n in range(3):
            _person(f"A{n}", "", sharing="center" if n == 0 else "private")
        _person("Adv", "", sharing="advisor")
    with team.opened("bo"):
        _person("B0", "")
    counts = {}
    for short in ("ana", "bo", "cy", "dee"):
        with team.raw(short) as connection:
            stage = connection.execute(
                "SELECT p.stage, count(*) FROM person p WHERE TRUE GROUP BY 1").fetchall()
            field = connection.execute(
                "SELECT f.name, count(*) FROM person_career_field l "
                "JOIN career_field f ON f.id = l.career_field_id "
                "JOIN person p ON p.id = l.person_id GROUP BY f.id, f.name").fetchall()
            counts[short] = (dict(stage), dict(field))
    assert counts == {
        "ana": ({"to_contact": 4}, {"Design": 4}),
        "bo": ({"to_contact": 2}, {"Design": 2}),
        "cy": ({"to_contact": 2}, {"Design": 2}),
        "dee": ({"to_contact": 5}, {"Design": 5}),
    }


def test_the_center_shares_organizations_and_career_fields_and_each_has_a_profile(team):
    from netdesk.core import profile

    with team.opened("ana"):
        people.save_person(None, people.PersonForm(first_name="Ada", organization="Acme"))
        profile.save_profile(profile.ProfileForm(name="Ana Ruiz", pitch="ana's pitch"))
    with team.opened("bo"):
        assert profile.load_profile().pitch == ""
        profile.save_profile(profile.ProfileForm(name="Bo Chen", pitch="bo's pitch"))
        assert profile.load_profile().pitch == "bo's pitch"
        # the organization is the center's: bo's person joins it, no second Acme
        people.save_person(None, people.PersonForm(first_name="Bea", organization="acme"))
    with team.raw("bo") as connection:
        assert connection.execute("SELECT name FROM organization").fetchall() == [("Acme",)]
        assert connection.execute("SELECT name FROM career_field").fetchall() == []
    with team.opened("ana"):
        assert profile.load_profile().pitch == "ana's pitch"


def test_a_refusal_is_a_sentence_and_other_errors_are_not_refusals():
    assert member_db.refusal(Exception(
        'new row violates row-level security policy for table "person_entry"')).startswith(
        "The server refused the change")
    assert member_db.refusal(Exception("netdesk: this interview is Bo's: only they change it")
                             ) == "This interview is Bo's: only they change it."
    assert member_db.refusal(Exception("duplicate key value violates unique constraint")) is None


def test_the_search_finds_only_the_people_a_member_sees(team):
    from netdesk.db.dialect import search_filter, search_terms

    with team.opened("ana"):
        ada = _person("Adaline", "")
        avi = _person("Adalbert", "", sharing="center")
    with team.opened("bo"):
        bea = _person("Adabelle", "")
        sql = f"SELECT id FROM person WHERE {search_filter('id')} ORDER BY id"
        from netdesk.db.models import database_proxy

        found = [i for (i,) in database_proxy.execute_sql(sql, [search_terms(["ada"])])]
        assert found == [avi, bea]
    with team.raw("bo") as connection:  # called directly, it names no one else's person
        direct = connection.execute(
            "SELECT netdesk_search(to_tsquery('netdesk_search', 'ada:*'))").fetchall()
        assert sorted(i for (i,) in direct) == [avi, bea]
        assert ada not in [i for (i,) in direct]
    with team.raw("dee") as connection:
        direct = connection.execute(
            "SELECT netdesk_search(to_tsquery('netdesk_search', 'ada:*'))").fetchall()
        assert sorted(i for (i,) in direct) == [ada, avi, bea]
