"""The TIARA question steps and prepared answers.

Questions (in the bank and in each interview) may now be of the categories trends,
insights, resources and assignments besides the earlier ones, so that a TIARA set (Trends,
Insights, Advice, Resources, Assignments) prints in that order under its own headings.
The profile gains four prepared answers ("tell me about yourself", why this organization,
this role, this field), printed on the sheet.

Widening a CHECK constraint cannot be done with ALTER TABLE, and rebuilding ``question``
would clear every interview question's link to the bank (ON DELETE SET NULL). The new
constraint accepts every row the old one did, so the table definition is edited in place,
the procedure SQLite documents for such changes (ALTER TABLE, section "Making Other Kinds
Of Table Schema Changes"), and the schema version is raised so every connection rereads it.
PostgreSQL changes a constraint in place: the old one is dropped and the new one added.
"""

from peewee import SQL, TextField

from netdesk.db.dialect import is_server

OLD = "CHECK (category IN ('career_path', 'environment', 'organization', 'advice', 'own'))"
NEW = ("CHECK (category IN ('career_path', 'environment', 'organization', 'trends', "
       "'insights', 'advice', 'resources', 'assignments', 'own'))")
ANSWERS = ("answer_about_me", "answer_why_organization", "answer_why_role", "answer_why_field")


def up(migrator, db):
    if is_server(db):
        _widen_on_server(db)
    else:
        _widen_in_file(db)
    migrator.migrate(*(
        migrator.add_column("profile", name, TextField(default="", constraints=[SQL("DEFAULT ''")]),
                            allow_not_null=True)
        for name in ANSWERS))


def _widen_on_server(db):
    for table in ("question", "interview_question"):
        names = [name for name, definition in db.execute_sql(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = CAST(? AS regclass) AND contype = 'c'", (table,))
            if "category" in definition]
        if len(names) != 1:
            raise RuntimeError(f"{table}: the category constraint is not the one expected")
        db.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{names[0]}"')
        db.execute_sql(f'ALTER TABLE "{table}" ADD CONSTRAINT "{table}_category" {NEW}')


def _widen_in_file(db):
    version = db.execute_sql("PRAGMA schema_version").fetchone()[0]
    db.execute_sql("PRAGMA writable_schema = ON")
    try:
        for table in ("question", "interview_question"):
            sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' "
                                 "AND name = ?", (table,)).fetchone()[0]
            if OLD not in sql:
                raise RuntimeError(f"{table}: the category constraint is not the one expected")
            db.execute_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                           (sql.replace(OLD, NEW), table))
        db.execute_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute_sql("PRAGMA writable_schema = OFF")
