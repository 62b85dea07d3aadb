"""The members of a shared network on PostgreSQL: their roles, names, kinds and advisors.

Each member is a PostgreSQL role that logs in (netdesk connects as the person's own role,
the user named in the URL) and belongs to one of the group roles migration 0017 made:
``netdesk_student``, ``netdesk_advisor``, ``netdesk_admin``; the row-level security
policies decide from that, and from ``netdesk_member.advisor``, what each one sees. The
table ``netdesk_member`` (:class:`netdesk.db.models.Member`) holds the name netdesk shows
("changed by Ana Ruiz") and who advises whom.

Adding, changing and removing members is an administrator's work: a role that may create
roles (CREATEROLE, or a superuser). A file has one user and no members: every function that
changes members refuses one with :class:`MemberError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import DatabaseError

from netdesk.db.dialect import is_server
from netdesk.db.models import MEMBER_KINDS, Member, database_proxy

GROUP_ROLES = {kind: f"netdesk_{kind}" for kind in MEMBER_KINDS}
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")
_REFUSED = ("row-level security", "permission denied", "netdesk: ")


class MemberError(ValueError):
    """A member cannot be added, changed or removed; the message says why, for the user."""


@dataclass(frozen=True)
class MemberRow:
    role: str
    name: str
    kind: str
    advisor: str | None


def _me() -> tuple[str, bool]:
    """The connected role and whether it is an administrator, asked once per connection."""
    db = database_proxy.obj
    known = getattr(db, "netdesk_member", None)
    if known is None:
        known = tuple(db.execute_sql(
            "SELECT CAST(current_user AS TEXT), netdesk_is_admin()").fetchone())
        db.netdesk_member = known
    return known


def current_role() -> str:
    """The role netdesk is connected as ('' in a file)."""
    return _me()[0] if is_server() else ""


def name_of(role: str) -> str:
    """The name shown for ``role``: the member's display name, else the role itself."""
    if not role:
        return ""
    name = Member.select(Member.name).where(Member.role == role).scalar()
    return name or role


def is_mine(owner: str) -> bool:
    """True when a record of ``owner`` is the connected member's to change: always in a
    file; on a server when it is theirs or they are an administrator."""
    if not is_server():
        return True
    role, admin = _me()
    return owner == role or bool(admin)


def refusal(error: BaseException) -> str | None:
    """The sentence to show when ``error`` is the server refusing a write that is not
    the member's to make (row-level security, a missing privilege, the owner check);
    None for any other error."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if not any(mark in text for mark in _REFUSED):
        return None
    if text.startswith("netdesk: "):
        sentence = text.removeprefix("netdesk: ")
        return sentence[:1].upper() + sentence[1:] + "."
    return ("The server refused the change: this record is not yours to change "
            "(ask its owner or an administrator).")


def members() -> list[MemberRow]:
    """Every member, by name."""
    _require_server()
    return [MemberRow(m.role, m.name, m.kind, m.advisor)
            for m in Member.select().order_by(Member.name, Member.role)]


def advisees(advisor: str) -> list[str]:
    """The roles of the students ``advisor`` advises."""
    return [m.role for m in Member.select(Member.role).where(Member.advisor == advisor)
            .order_by(Member.role)]


def add_member(role: str, name: str, kind: str, advisor: str | None = None,
               password: str | None = None) -> MemberRow:
    """Make ``role`` a member: a new login role in the group of ``kind`` (an
    administrator may create roles too), and its member row, in one transaction. With
    ``password`` the role gets it (sent to the server already hashed); without, it logs in
    however the server's authentication allows (a client certificate, peer, trust)."""
    _require_admin()
    _check_role_name(role)
    if kind not in MEMBER_KINDS:
        raise MemberError(f"The kind must be one of {', '.join(MEMBER_KINDS)}.")
    if advisor is not None:
        _check_advisor(advisor, kind)
    db = database_proxy
    options = " CREATEROLE" if kind == "admin" else ""
    with db.atomic():
        exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
        if exists:
            if Member.get_or_none(Member.role == role) is not None:
                raise MemberError(f"{role} is already a member.")
            raise MemberError(f"The server already has a role named {role}: choose another "
                              "name (netdesk makes the member's role itself).")
        statement = f"CREATE ROLE {_quoted(role)} LOGIN{options} IN ROLE {GROUP_ROLES[kind]}"
        if password:
            statement += f" PASSWORD {_literal(_hashed(password, role))}"
        try:
            with db.atomic():
                db.execute_sql(statement)
        except DatabaseError as error:
            raise MemberError(_first_line(error)) from error
        Member.insert(role=role, name=name.strip(), kind=kind, advisor=advisor).execute()
    return MemberRow(role, name.strip(), kind, advisor)


def set_advisor(student: str, advisor: str | None) -> None:
    """Make ``advisor`` (None: nobody) the advisor of ``student``."""
    _require_admin()
    row = Member.get_or_none(Member.role == student)
    if row is None:
        raise MemberError(f"{student} is not a member.")
    if row.kind != "student":
        raise MemberError(f"{student} is not a student.")
    if advisor is not None:
        _check_advisor(advisor, "student")
    with database_proxy.atomic():
        Member.update(advisor=advisor).where(Member.role == student).execute()


def remove_member(role: str) -> int:
    """End ``role``'s membership: its member row and its login role go; the records it
    owns stay in the database (an administrator still sees them). Returns how many
    people it owned."""
    _require_admin()
    if Member.get_or_none(Member.role == role) is None:
        raise MemberError(f"{role} is not a member.")
    if role == current_role():
        raise MemberError("You cannot remove yourself: ask another administrator.")
    db = database_proxy
    with db.atomic():
        owned = db.execute_sql("SELECT count(*) FROM person WHERE owner = ?",
                               (role,)).fetchone()[0]
        Member.update(advisor=None).where(Member.advisor == role).execute()
        Member.delete().where(Member.role == role).execute()
        try:
            with db.atomic():
                db.execute_sql(f"DROP ROLE IF EXISTS {_quoted(role)}")
        except DatabaseError as error:
            raise MemberError(f"The server kept the role {role}: {_first_line(error)}") \
                from error
    return owned


def _require_server() -> None:
    if not is_server():
        raise MemberError("Members are for a shared network on a PostgreSQL server; a "
                          "database file has one user and no members.")


def _require_admin() -> None:
    _require_server()
    row = database_proxy.execute_sql(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if not row or not row[0]:
        raise MemberError("Only an administrator manages members: connect as a role that "
                          "may create roles (CREATEROLE).")


def _check_role_name(role: str) -> None:
    if not _ROLE_NAME.match(role):
        raise MemberError(f"{role!r} cannot be a role name: use lower-case letters, digits, "
                          "'_', '.' or '-', starting with a letter, at most 63 characters.")
    if role.startswith(("netdesk_", "pg_")) or role == "public":
        raise MemberError(f"{role} is a name netdesk or the server keeps for itself.")


def _check_advisor(advisor: str, kind: str) -> None:
    if kind != "student":
        raise MemberError("Only a student has an advisor.")
    row = Member.get_or_none(Member.role == advisor)
    if row is None or row.kind not in ("advisor", "admin"):
        raise MemberError(f"{advisor} is not an advisor: add them with --kind advisor first.")


def _quoted(role: str) -> str:
    return '"' + role.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _hashed(password: str, role: str) -> str:
    """``password`` as the server keeps it (SCRAM), worked out here by libpq, so that the
    password itself never reaches the server's statement log."""
    connection = database_proxy.connection()
    return connection.pgconn.encrypt_password(
        password.encode(), role.encode(), b"scram-sha-256").decode()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
