"""``netdesk members``: add, list, change and remove the members of a shared network on a
PostgreSQL server (run by an administrator: a role that may create roles)."""

from __future__ import annotations

import argparse
import sys

from netdesk.core.vocabulary import MEMBER_KIND_LABELS


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "members", parents=[common], help="manage who may use a shared network (PostgreSQL)",
        description="Members of a shared network on PostgreSQL: each is a login role of the "
                    "server in the group of their kind (student, advisor, admin). Run as an "
                    "administrator: a role that may create roles.")
    actions = parser.add_subparsers(dest="members_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=[common], help="add a member (makes their role)")
    add.add_argument("role", metavar="ROLE", help="their PostgreSQL role name, e.g. ana.ruiz")
    add.add_argument("--name", required=True, help='the name netdesk shows, e.g. "Ana Ruiz"')
    add.add_argument("--kind", required=True, choices=tuple(MEMBER_KIND_LABELS))
    add.add_argument("--advisor", metavar="ROLE", help="a student's advisor")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the role's password from the first line of standard input")
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", parents=[common], help="list the members")
    listing.set_defaults(func=run_list)

    advisor = actions.add_parser("set-advisor", parents=[common],
                                 help="choose a student's advisor")
    advisor.add_argument("student", metavar="STUDENT")
    advisor.add_argument("advisor", metavar="ADVISOR",
                         help="the advisor's role, or - for none")
    advisor.set_defaults(func=run_set_advisor)

    remove = actions.add_parser("remove", parents=[common],
                                help="remove a member and their role (their records stay)")
    remove.add_argument("role", metavar="ROLE")
    remove.set_defaults(func=run_remove)


def _open(args: argparse.Namespace):
    from netdesk.db import open_database
    from netdesk.paths import chosen_db_path

    return open_database(chosen_db_path(getattr(args, "db", None)))


def _run(args: argparse.Namespace, action) -> int:
    from netdesk.db.members import MemberError

    db = _open(args)
    try:
        return action(db)
    except MemberError as error:
        print(f"netdesk: {error}", file=sys.stderr)
        return 2
    finally:
        db.close()


def run_add(args: argparse.Namespace) -> int:
    from netdesk.db import members

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print("netdesk: no password on standard input", file=sys.stderr)
            return 2

    def action(db) -> int:
        row = members.add_member(args.role, args.name, args.kind, args.advisor, password)
        advised = f", advised by {row.advisor}" if row.advisor else ""
        print(f"Added {row.role} ({row.name}), {MEMBER_KIND_LABELS[row.kind].lower()}{advised}.")
        return 0

    return _run(args, action)


def run_list(args: argparse.Namespace) -> int:
    from netdesk.db import members

    def action(db) -> int:
        rows = members.members()
        if not rows:
            print("No members yet: add one with netdesk members add ROLE --name NAME --kind KIND")
            return 0
        width = max(len(r.role) for r in rows)
        for row in rows:
            advised = f"  advisor: {row.advisor}" if row.advisor else ""
            print(f"{row.role:<{width}}  {MEMBER_KIND_LABELS[row.kind]:<13}  {row.name}{advised}")
        return 0

    return _run(args, action)


def run_set_advisor(args: argparse.Namespace) -> int:
    from netdesk.db import members

    advisor = None if args.advisor == "-" else args.advisor

    def action(db) -> int:
        members.set_advisor(args.student, advisor)
        print(f"{args.student}'s advisor: {advisor or 'none'}.")
        return 0

    return _run(args, action)


def run_remove(args: argparse.Namespace) -> int:
    from netdesk.db import members

    def action(db) -> int:
        owned = members.remove_member(args.role)
        print(f"Removed {args.role}; the {owned} people they owned stay, seen by administrators.")
        return 0

    return _run(args, action)
