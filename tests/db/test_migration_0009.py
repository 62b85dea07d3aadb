"""Migration 0009 widens the question categories to the TIARA steps and adds the prepared
answers, on a populated database of the previous schema: every question, interview question
and its link to the bank stays, and the new categories can be written."""

from peewee import SqliteDatabase

from netdesk.core.question_bank import default_questions, ensure_default_questions
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.integrity import inspect_file
from netdesk.db.models import InterviewQuestion, Profile, Question


def test_categories_widen_in_place_and_links_to_the_bank_stay(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0008_database_info")
    old.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
        "relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES ('Ada', '', '', '', '', '', 'friend', 'contacted', '', '', '', '', 0, 0)")
    old.execute_sql(
        "INSERT INTO interview (person_id, status, duration_minutes, mode, place, "
        "outreach_message, research_checklist, advice, action_plan, notes, time_zone, "
        "created, updated) VALUES (1, 'planning', 30, 'video', '', '', '', '', '', '', '', 0, 0)")
    old.execute_sql("INSERT INTO question (text, category, minutes, position, is_default, "
                    "hidden, created, updated) VALUES ('How did you start?', 'career_path', 3, "
                    "0, 1, 0, 0, 0)")
    old.execute_sql("INSERT INTO interview_question (interview_id, question_id, position, text, "
                    "category, minutes, notes, mark, created, updated) VALUES (1, 1, 0, "
                    "'How did you start?', 'career_path', 3, 'Noted', '', 0, 0)")
    old.execute_sql("INSERT INTO profile (name, email, phone, degree, school, interests, "
                    "skills, seeking, pitch, created, updated) VALUES ('Jo', '', '', '', '', "
                    "'', '', '', 'My pitch', 0, 0)")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0009_tiara"
    asked = InterviewQuestion.get()
    assert (asked.question_id, asked.notes) == (1, "Noted")
    assert Profile.get().pitch == "My pitch" and Profile.get().answer_about_me == ""
    Question.create(text="What is changing?", category="trends")
    InterviewQuestion.create(interview=1, position=1, text="What is changing?",
                             category="trends")
    ensure_default_questions()  # an older bank gains the TIARA steps, nothing twice
    tiara = Question.select().where(Question.category.in_(
        ["trends", "insights", "resources", "assignments"]) & Question.is_default).count()
    assert tiara == sum(q["category"] in ("trends", "insights", "resources", "assignments")
                        for q in default_questions())
    assert Question.select().where(Question.text == "How did you start?").count() == 1
    db.close()
    assert inspect_file(db_path).ok
