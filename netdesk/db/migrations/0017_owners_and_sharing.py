"""Who sees what: every record has an owner, people and interviews a sharing, and on
PostgreSQL the database itself lets each member see only what is theirs or shared with them.

Columns. ``person`` and ``interview`` get ``owner`` (the member's role name) and
``sharing``: ``private`` (the owner alone), ``advisor`` (also the owner's advisor) or
``center`` (every member). The tables that hold someone's own records get an ``owner``
too: ``interaction`` and ``follow_up`` (what someone logged: another member's entries
about a shared person stay theirs), ``referral`` and ``introduction`` (who recorded the
edge), ``lamp_entry`` (a student's own list of organizations and scores), ``profile``
(one per member: the user) and ``sync_account`` (someone's own address-book account).
Organizations, career fields, the question bank and the templates are the center's,
shared by all, and have no owner. ``netdesk_member`` names the members: role, display
name, kind (student, advisor, admin) and a student's advisor.

In a file there is one user: the owner is '' everywhere and nothing is enforced.

On PostgreSQL the owner's default is ``current_user``; the rows already there become the
migrating role's (the administrator's) and stay private. The group roles
``netdesk_student``, ``netdesk_advisor`` and ``netdesk_admin`` are made when the cluster
lacks them (roles are the cluster's, not the database's), granted what netdesk needs,
and row-level security says what each sees (the policies are listed below, table by
table). Whoever migrates is an administrator of the database: the policies are FORCEd, so
the owner of the tables goes through them too, as a member of ``netdesk_admin``. Whose
row it is, on update and delete of a person or an interview, is checked by a trigger, so
that a refusal names the owner instead of matching nothing. The search and reciprocity
tables are derived: their trigger functions run as their owner (SECURITY DEFINER), so a
member's write keeps them right for every person it touches, and a member reads only the
rows of the people they see.
"""

from netdesk.db import ddl
from netdesk.db.dialect import is_server

SHARING = ("private", "advisor", "center")
KINDS = ("student", "advisor", "admin")
GROUPS = tuple(f"netdesk_{kind}" for kind in KINDS)
SHARED = ("person", "interview")
OWNED = ("interaction", "follow_up", "referral", "introduction", "lamp_entry", "profile",
         "sync_account")
_SHARING_CHECK = "CHECK (sharing IN ('private', 'advisor', 'center'))"

MEMBER_TABLE = (
    'CREATE TABLE IF NOT EXISTS "netdesk_member" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"role" TEXT NOT NULL UNIQUE, '
    '"name" TEXT NOT NULL DEFAULT \'\', '
    '"kind" TEXT NOT NULL CHECK (kind IN (\'student\', \'advisor\', \'admin\')), '
    '"advisor" TEXT, '
    '"created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)')
"""``advisor`` is another member's role (kept right by netdesk.db.members)."""

STATEMENTS = [
    *(f'ALTER TABLE "{table}" ADD COLUMN "owner" TEXT NOT NULL DEFAULT \'\''
      for table in SHARED + OWNED),
    *(f'ALTER TABLE "{table}" ADD COLUMN "sharing" TEXT NOT NULL DEFAULT \'private\' '
      f"{_SHARING_CHECK}" for table in SHARED),
    MEMBER_TABLE,
]

# -- PostgreSQL ------------------------------------------------------------------------

ME = "(SELECT CAST(current_user AS TEXT))"
ADMIN = "(SELECT netdesk_is_admin())"
ADVISEES = "(SELECT netdesk_advisees())"


def visible(row: str = "") -> str:
    """True for a row (``row``: its alias, '' for the policy's own table) with owner and
    sharing that the current member sees."""
    p = f"{row}." if row else ""
    return (f"({ADMIN} OR {p}owner = {ME} OR {p}sharing = 'center' "
            f"OR ({p}sharing = 'advisor' AND {p}owner = ANY (CAST({ADVISEES} AS TEXT[]))))")


def mine(row: str = "") -> str:
    p = f"{row}." if row else ""
    return f"({ADMIN} OR {p}owner = {ME})"


def _person(column: str, condition: str = "TRUE") -> str:
    """True when the person in ``column`` is one the member sees (RLS filters the
    subquery) and ``condition`` holds of them (alias ``p``). An administrator's rows need
    no look at the person."""
    return (f"({ADMIN} OR EXISTS (SELECT 1 FROM person p WHERE p.id = {column} "
            f"AND ({condition})))")


def _interview(column: str, condition: str = "TRUE") -> str:
    return (f"({ADMIN} OR EXISTS (SELECT 1 FROM interview i WHERE i.id = {column} "
            f"AND ({condition})))")


def _policies(table: str, read: str, add: str, change: str | None = None,
              remove: str | None = None) -> list[str]:
    """Row-level security on ``table``: who reads (``read``), adds (``add``), changes (rows
    they read, into rows that pass ``change``, by default ``add``) and removes
    (``remove``, by default ``add``)."""
    change = change or add
    remove = remove or add
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'CREATE POLICY netdesk_read ON "{table}" FOR SELECT USING ({read})',
        f'CREATE POLICY netdesk_add ON "{table}" FOR INSERT WITH CHECK ({add})',
        f'CREATE POLICY netdesk_change ON "{table}" FOR UPDATE USING ({read}) '
        f"WITH CHECK ({change})",
        f'CREATE POLICY netdesk_remove ON "{table}" FOR DELETE USING ({remove})',
    ]


_PERSON_CHILDREN = ("person_entry", "postal_address", "person_photo", "person_career_field",
                    "person_uid")
_DERIVED = ("person_search", "person_help")
_DOCUMENT = "netdesk_person_document(TEXT, TEXT, INTEGER, TEXT, TEXT, TEXT)"
_DEFINER_FUNCTIONS = ("netdesk_person_search()", "netdesk_organization_search()", _DOCUMENT,
                      "netdesk_interaction_help()", "netdesk_interview_help()",
                      "netdesk_referral_help()")
_EXEMPT = "'last_contact', 'version', 'changed_by'"
"""Columns anyone who sees a person may change on it: kept from other tables (the newest
interaction's date) or by the concurrency check."""


def _role_statements() -> list[str]:
    made = "\n".join(
        f"""  BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{group}') THEN
      CREATE ROLE {group} NOLOGIN;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- made meanwhile
  END;""" for group in GROUPS)
    return [
        f"DO $$\nBEGIN\n{made}\nEND $$",
        """DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'netdesk_admin', 'MEMBER') THEN
    EXECUTE format('GRANT netdesk_admin TO %I', current_user);
  END IF;
END $$""",
    ]


JIT_OFF = """DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN NULL;  -- not the database's owner: left as it is
END $$"""
"""The policies' subqueries make the planner's estimates of the tree's queries large enough
for PostgreSQL to compile them (JIT), which costs more than the queries themselves (60 ms
of compiling for a 10 ms count at 50,000 people); for the sessions that start afterwards."""


def _grant_statements() -> list[str]:
    everyone = ", ".join(GROUPS)
    members = "netdesk_student, netdesk_advisor"
    return [
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {everyone}",
        f"REVOKE INSERT, UPDATE, DELETE ON netdesk_marker, schema_migration, "
        f"{', '.join(_DERIVED)} FROM {everyone}",
        f"REVOKE INSERT, UPDATE, DELETE ON netdesk_member FROM {members}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
        f"ON TABLES TO {everyone}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE "
        f"ON SEQUENCES TO {everyone}",
    ]


SEARCH_FUNCTION = """CREATE FUNCTION netdesk_search(query tsquery) RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      who TEXT := CAST(session_user AS TEXT);
      advised TEXT[];
    BEGIN
      IF pg_has_role(session_user, 'netdesk_admin', 'MEMBER') THEN
        RETURN QUERY SELECT person_id FROM person_search WHERE document @@ query;
        RETURN;
      END IF;
      advised := ARRAY(SELECT role FROM netdesk_member WHERE advisor = who);
      RETURN QUERY
        SELECT s.person_id FROM person_search s JOIN person p ON p.id = s.person_id
         WHERE s.document @@ query
           AND (p.owner = who OR p.sharing = 'center'
                OR (p.sharing = 'advisor' AND p.owner = ANY (advised)));
    END $$"""
"""The people matching a search, from the search index itself. Row-level security would
have PostgreSQL check each visible person before the index (its ``@@`` is not leakproof):
a keystroke at 50,000 people took 13 times as long for a student. Run as its owner, it
reads the index directly and returns only the people the signed-in member sees; the
caller's own policies still filter what it returns."""


def _function_statements() -> list[str]:
    return [
        """CREATE FUNCTION netdesk_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
             SELECT pg_has_role(current_user, 'netdesk_admin', 'MEMBER')
           $$""",
        """CREATE FUNCTION netdesk_advisees() RETURNS text[] LANGUAGE sql STABLE AS $$
             SELECT coalesce(array_agg(role), '{}') FROM netdesk_member
              WHERE advisor = CAST(current_user AS TEXT)
           $$""",
        f"""CREATE FUNCTION netdesk_own_row() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE
             who TEXT := CAST(current_user AS TEXT);
           BEGIN
             IF netdesk_is_admin() THEN
               RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
             END IF;
             IF OLD.owner <> who THEN
               IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ARRAY[{_EXEMPT}])
                                     = (to_jsonb(OLD) - ARRAY[{_EXEMPT}]) THEN
                 RETURN NEW;
               END IF;
               RAISE EXCEPTION 'netdesk: this % is %''s: only they change it',
                 TG_TABLE_NAME, coalesce((SELECT nullif(name, '') FROM netdesk_member
                                           WHERE role = OLD.owner), OLD.owner)
                 USING ERRCODE = 'insufficient_privilege';
             END IF;
             IF TG_OP = 'UPDATE' AND NEW.owner <> OLD.owner THEN
               RAISE EXCEPTION 'netdesk: only an administrator gives a % to someone else',
                 TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
             END IF;
             RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
           END $$""",
        SEARCH_FUNCTION,
        *(f"ALTER FUNCTION {function} SECURITY DEFINER SET search_path = public, pg_temp"
          for function in _DEFINER_FUNCTIONS),
        f"REVOKE EXECUTE ON FUNCTION {_DOCUMENT} FROM PUBLIC",
    ]


def _security_statements() -> list[str]:
    def logged_read(table: str) -> str:
        """Another member's entries about a person stay theirs: the owner's own are seen
        by whoever sees the person (and the interview they belong to)."""
        own_entry = f"{table}.owner = {ME} OR {table}.owner = p.owner OR {ADMIN}"
        return (f"{_person('person_id', own_entry)} "
                f"AND (interview_id IS NULL OR {_interview('interview_id')})")

    logged_write = f"{mine()} AND {_person('person_id')}"
    statements = [
        *_policies("person", visible(), mine(), change=visible(), remove=visible()),
        *_policies("interview", f"{visible()} AND {_person('person_id')}",
                   f"{mine()} AND {_person('person_id')}",
                   change=f"{visible()} AND {_person('person_id')}",
                   remove=visible()),
        *(statement for table in ("person", "interview") for statement in (
            f'CREATE TRIGGER "{table}_own_row" BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION netdesk_own_row()",
            f'CREATE INDEX IF NOT EXISTS "{table}_owner" ON "{table}" ("owner")')),
        *(statement for table in _PERSON_CHILDREN for statement in _policies(
            table, _person("person_id"), _person("person_id", mine("p")))),
        *(statement for table in _DERIVED for statement in (
            f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
            f'CREATE POLICY netdesk_read ON "{table}" FOR SELECT USING '
            f"({_person('person_id')})")),
        *_policies("interview_question", _interview("interview_id"),
                   _interview("interview_id", mine("i"))),
        *(statement for table in ("interaction", "follow_up") for statement in (
            *_policies(table, logged_read(table), logged_write, remove=mine()),
            f'CREATE INDEX IF NOT EXISTS "{table}_owner" ON "{table}" ("owner")')),
        *_policies("referral", f"{_person('referrer_id')} AND {_person('referred_id')}",
                   f"{mine()} AND {_person('referrer_id')} AND {_person('referred_id')}",
                   remove=mine()),
        *_policies("introduction", f"{_person('introducer_id')} AND {_person('target_id')}",
                   f"{mine()} AND {_person('introducer_id')} AND {_person('target_id')}",
                   remove=mine()),
        *(statement for table in ("profile", "lamp_entry", "sync_account")
          for statement in _policies(table, f"owner = {ME}", f"owner = {ME}")),
        *_policies("sync_item", "EXISTS (SELECT 1 FROM sync_account a WHERE a.id = account_id)",
                   f"EXISTS (SELECT 1 FROM sync_account a WHERE a.id = account_id "
                   f"AND a.owner = {ME})"),
        'CREATE UNIQUE INDEX "profile_owner" ON "profile" ("owner")',
        'DROP INDEX "lamp_entry_organization_id"',
        'CREATE UNIQUE INDEX "lamp_entry_organization_id" ON "lamp_entry" '
        '("organization_id", "owner")',
    ]
    return statements


def server_statements() -> list[str]:
    return [
        *(f'ALTER TABLE "{table}" ADD COLUMN "owner" TEXT NOT NULL DEFAULT current_user'
          for table in SHARED + OWNED),
        *(f'ALTER TABLE "{table}" ADD COLUMN "sharing" TEXT NOT NULL DEFAULT \'private\' '
          f"{_SHARING_CHECK}" for table in SHARED),
        ddl.for_postgresql(MEMBER_TABLE),
        *_role_statements(),
        JIT_OFF,
        *_function_statements(),
        *_grant_statements(),
        *_security_statements(),
    ]


def up(migrator, db):
    for statement in server_statements() if is_server(db) else STATEMENTS:
        db.execute_sql(statement)
    # The row-version trigger of person (0016) names its columns: owner and sharing too now.
    for statement in ddl.version_trigger(db, "person", frozenset({"last_contact"})):
        db.execute_sql(statement)
