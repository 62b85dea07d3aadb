"""The first schema: every domain table, frozen as the SQL it was created with.

On PostgreSQL the case-blind collation the tables name (SQLite's built-in NOCASE) is made
first: an ICU collation at the level that ignores case, under the same name.
"""

from netdesk.db import ddl
from netdesk.db.dialect import is_server

NOCASE = ("CREATE COLLATION IF NOT EXISTS nocase "
          "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)")

STATEMENTS = [
    'CREATE TABLE "career_field" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL COLLATE NOCASE, "description" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "career_field_name" ON "career_field" ("name")',
    'CREATE TABLE "organization" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL COLLATE NOCASE, "sector" VARCHAR(255) NOT NULL CHECK (sector IN (\'government\', \'private\', \'nonprofit\', \'education\', \'\')), "website" VARCHAR(255) NOT NULL, "culture_notes" TEXT NOT NULL, "notes" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "organization_name" ON "organization" ("name")',
    'CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "first_name" VARCHAR(255) NOT NULL, "last_name" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "linkedin_url" VARCHAR(255) NOT NULL, "organization_id" INTEGER, "job_title" VARCHAR(255) NOT NULL, "relationship" VARCHAR(255) NOT NULL CHECK (relationship IN (\'family\', \'friend\', \'neighbour\', \'coworker\', \'classmate\', \'professor\', \'acquaintance\', \'referral\', \'other\')), "source" VARCHAR(255) NOT NULL, "stage" VARCHAR(255) NOT NULL CHECK (stage IN (\'to_contact\', \'contacted\', \'meeting_set\', \'interviewed\', \'thanked\', \'keeping_in_touch\', \'declined\')), "tags" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, "research_notes" TEXT NOT NULL, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE SET NULL, CHECK (first_name <> \'\' OR last_name <> \'\'))',
    'CREATE INDEX "person_email" ON "person" ("email")',
    'CREATE INDEX "person_linkedin_url" ON "person" ("linkedin_url")',
    'CREATE INDEX "person_organization_id" ON "person" ("organization_id")',
    'CREATE INDEX "person_last_name_first_name" ON "person" ("last_name", "first_name")',
    'CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "person_id" INTEGER NOT NULL, "career_field_id" INTEGER, "status" VARCHAR(255) NOT NULL CHECK (status IN (\'planning\', \'scheduled\', \'done\', \'cancelled\')), "scheduled_at" DATETIME, "duration_minutes" INTEGER NOT NULL CHECK (duration_minutes > 0), "mode" VARCHAR(255) NOT NULL CHECK (mode IN (\'in_person\', \'phone\', \'video\')), "place" VARCHAR(255) NOT NULL, "outreach_message" TEXT NOT NULL, "research_checklist" VARCHAR(255) NOT NULL, "interest_occupation" INTEGER, "interest_organization" INTEGER, "keep_exploring" INTEGER, "advice" TEXT NOT NULL, "action_plan" TEXT NOT NULL, "thank_you_sent" DATE, "notes" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("career_field_id") REFERENCES "career_field" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interview_person_id" ON "interview" ("person_id")',
    'CREATE INDEX "interview_career_field_id" ON "interview" ("career_field_id")',
    'CREATE INDEX "interview_scheduled_at" ON "interview" ("scheduled_at")',
    'CREATE TABLE "follow_up" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "person_id" INTEGER NOT NULL, "interview_id" INTEGER, "kind" VARCHAR(255) NOT NULL CHECK (kind IN (\'reply_check\', \'thank_you\', \'keep_in_touch\', \'report_back\')), "due_on" DATE NOT NULL, "status" VARCHAR(255) NOT NULL CHECK (status IN (\'open\', \'done\', \'dropped\')), "done_on" DATE, "note" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "follow_up_person_id" ON "follow_up" ("person_id")',
    'CREATE INDEX "follow_up_interview_id" ON "follow_up" ("interview_id")',
    'CREATE INDEX "follow_up_due_on" ON "follow_up" ("due_on")',
    'CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "person_id" INTEGER NOT NULL, "interview_id" INTEGER, "kind" VARCHAR(255) NOT NULL CHECK (kind IN (\'message_sent\', \'reply\', \'meeting\', \'interview\', \'thank_you\', \'update\', \'help_given\', \'help_received\', \'declined\', \'note\')), "occurred_on" DATE NOT NULL, "summary" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interaction_person_id" ON "interaction" ("person_id")',
    'CREATE INDEX "interaction_interview_id" ON "interaction" ("interview_id")',
    'CREATE INDEX "interaction_occurred_on" ON "interaction" ("occurred_on")',
    'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "text" TEXT NOT NULL, "category" VARCHAR(255) NOT NULL CHECK (category IN (\'career_path\', \'environment\', \'organization\', \'advice\', \'own\')), "minutes" INTEGER NOT NULL CHECK (minutes > 0), "position" INTEGER NOT NULL, "is_default" INTEGER NOT NULL, "hidden" INTEGER NOT NULL)',
    'CREATE TABLE "interview_question" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "interview_id" INTEGER NOT NULL, "question_id" INTEGER, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "category" VARCHAR(255) NOT NULL CHECK (category IN (\'career_path\', \'environment\', \'organization\', \'advice\', \'own\')), "minutes" INTEGER NOT NULL, "notes" TEXT NOT NULL, "mark" VARCHAR(255) NOT NULL CHECK (mark IN (\'asked\', \'skipped\', \'\')), FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interview_question_interview_id" ON "interview_question" ("interview_id")',
    'CREATE INDEX "interview_question_question_id" ON "interview_question" ("question_id")',
    'CREATE INDEX "interview_question_interview_id_position" ON "interview_question" ("interview_id", "position")',
    'CREATE TABLE "organization_career_field" ("id" INTEGER NOT NULL PRIMARY KEY, "organization_id" INTEGER NOT NULL, "career_field_id" INTEGER NOT NULL, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE CASCADE, FOREIGN KEY ("career_field_id") REFERENCES "career_field" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "organization_career_field_organization_id" ON "organization_career_field" ("organization_id")',
    'CREATE INDEX "organization_career_field_career_field_id" ON "organization_career_field" ("career_field_id")',
    'CREATE UNIQUE INDEX "organization_career_field_organization_id_career_field_id" ON "organization_career_field" ("organization_id", "career_field_id")',
    'CREATE TABLE "person_career_field" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "career_field_id" INTEGER NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("career_field_id") REFERENCES "career_field" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "person_career_field_person_id" ON "person_career_field" ("person_id")',
    'CREATE INDEX "person_career_field_career_field_id" ON "person_career_field" ("career_field_id")',
    'CREATE UNIQUE INDEX "person_career_field_person_id_career_field_id" ON "person_career_field" ("person_id", "career_field_id")',
    'CREATE TABLE "profile" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "degree" VARCHAR(255) NOT NULL, "school" VARCHAR(255) NOT NULL, "interests" TEXT NOT NULL, "skills" TEXT NOT NULL, "seeking" TEXT NOT NULL, "pitch" TEXT NOT NULL)',
    'CREATE TABLE "referral" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "referrer_id" INTEGER NOT NULL, "referred_id" INTEGER NOT NULL, "date" DATE, "note" TEXT NOT NULL, FOREIGN KEY ("referrer_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("referred_id") REFERENCES "person" ("id") ON DELETE CASCADE, CHECK (referrer_id <> referred_id))',
    'CREATE INDEX "referral_referrer_id" ON "referral" ("referrer_id")',
    'CREATE INDEX "referral_referred_id" ON "referral" ("referred_id")',
    'CREATE UNIQUE INDEX "referral_referrer_id_referred_id" ON "referral" ("referrer_id", "referred_id")',
    'CREATE TABLE "template" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL CHECK (kind IN (\'outreach\', \'thank_you\', \'keep_in_touch\')), "subject" VARCHAR(255) NOT NULL, "body" TEXT NOT NULL, "is_default" INTEGER NOT NULL)',
]


def up(migrator, db):
    if is_server(db):
        db.execute_sql(NOCASE)
    ddl.run(db, STATEMENTS)
