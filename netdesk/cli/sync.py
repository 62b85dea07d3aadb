"""``netdesk sync``: sync with CardDAV / CalDAV accounts, and add, list and remove them.

The password is read from the system keyring, from standard input (``--password-stdin``)
or asked on the terminal; it is never an argument, so it never shows in a process list or
a shell history.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from netdesk.cli import guarded


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "sync", parents=[common],
        help="sync people, interviews and follow-ups with CardDAV/CalDAV accounts",
        description="Sync both ways with the address books and calendars of your own server "
                    "accounts (Nextcloud, Radicale, Baïkal, Fastmail, iCloud with an app "
                    "password): people as contacts, interviews as events, follow-ups as "
                    "to-dos. Without an action, syncs every account (or --account ID) and "
                    "prints what moved each way and the conflicts.")
    _sync_options(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser(
        "add", parents=[common], help="add an account (discovers its address books and "
                                      "calendars)",
        description="Add an account: netdesk finds its address books and calendars; without "
                    "--addressbook or --calendar it takes the only one there is, or creates "
                    "one named netdesk. The password goes to the system keyring when there "
                    "is one; otherwise it is asked at each sync.")
    add.add_argument("url", metavar="URL", help="the server's address (https://…)")
    add.add_argument("--user", required=True, metavar="NAME", help="the account's user name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input instead of asking")
    add.add_argument("--addressbook", metavar="URL", help="the address book to sync")
    add.add_argument("--calendar", metavar="URL", help="the calendar to sync")
    add.add_argument("--no-addressbook", action="store_true", help="sync no contacts")
    add.add_argument("--no-calendar", action="store_true", help="sync no calendar")
    add.add_argument("--tags", default="", metavar="A,B",
                     help="sync only people with any of these tags (default: everyone)")
    add.add_argument("--interval", type=int, default=15, metavar="MINUTES",
                     help="how often the window syncs while open (0: by hand only)")
    add.set_defaults(func=guarded(run_add))
    listing = actions.add_parser("list", parents=[common], help="list the accounts")
    listing.set_defaults(func=guarded(run_list))
    remove = actions.add_parser("remove", parents=[common],
                                help="remove an account and its sync state (not the people)")
    remove.add_argument("id", type=int, metavar="ID")
    remove.set_defaults(func=guarded(run_remove))
    parser.set_defaults(func=run_sync)


def _sync_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would move each way, change nothing")
    parser.add_argument("--account", type=int, metavar="ID", help="sync this account only")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input instead of asking")
    parser.add_argument("--yes", action="store_true",
                        help="go ahead with more than five deletions on a side")


def _open(args):
    from netdesk.db import open_database
    from netdesk.paths import chosen_db_path

    return open_database(chosen_db_path(getattr(args, "db", None)))


def _password(args, prompt: str, key: str | None) -> str:
    from netdesk import secrets

    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if key is not None:
        stored = secrets.load(key)
        if stored:
            return stored
    return getpass.getpass(prompt)


def _pick(found, given: str | None, skip: bool, what: str):
    """(url or None, create?) for an address book or calendar."""
    if skip:
        return None, False
    if given:
        return given, False
    if not found:
        return None, True
    if len(found) == 1:
        return found[0].url, False
    named = [c for c in found if c.name == "netdesk"]
    if len(named) == 1:
        return named[0].url, False
    choices = "\n".join(f"  {c.url}  ({c.name})" for c in found)
    raise _Refused(f"the account has several {what}s; choose one with --{what.replace(' ', '')} "
                   f"URL:\n{choices}")


class _Refused(Exception):
    pass


def run_add(args: argparse.Namespace) -> int:
    from netdesk import secrets
    from netdesk.sync import accounts
    from netdesk.sync.errors import SyncError

    problem = accounts.check_url(args.url)
    if problem:
        print(f"netdesk: {problem}", file=sys.stderr)
        return 2
    password = _password(args, f"Password for {args.user}: ", None)
    try:
        found = accounts.discover(args.url, args.user, password)
        book, make_book = _pick(found.addressbooks, args.addressbook, args.no_addressbook,
                                "address book")
        calendar, make_calendar = _pick(found.calendars, args.calendar, args.no_calendar,
                                        "calendar")
        if make_book or make_calendar:
            before = found
            found = accounts.create_collections(args.url, args.user, password,
                                                addressbook=make_book, calendar=make_calendar)
            if make_book:
                book = _new(before.addressbooks, found.addressbooks)
                print(f"Created the address book netdesk: {book}")
            if make_calendar:
                calendar = _new(before.calendars, found.calendars)
                print(f"Created the calendar netdesk: {calendar}")
    except _Refused as refusal:
        print(f"netdesk: {refusal}", file=sys.stderr)
        return 2
    except SyncError as error:
        print(f"netdesk: {error}", file=sys.stderr)
        return 1
    tags = tuple(t.strip() for t in args.tags.split(",") if t.strip())
    db = _open(args)
    try:
        account = accounts.add_account(args.url, args.user, addressbook_url=book,
                                       calendar_url=calendar, tags=tags,
                                       interval_minutes=args.interval)
    except SyncError as error:
        print(f"netdesk: {error}", file=sys.stderr)
        return 2
    finally:
        db.close()
    print(f"Added account {account.id}: {account.name}")
    print(f"  address book: {book or 'none'}")
    print(f"  calendar: {calendar or 'none'}")
    print(f"  who syncs: {', '.join(tags) if tags else 'everyone'}")
    try:
        secrets.store(accounts.password_key(account.id), password)
        print("The password is kept in the system keyring.")
    except secrets.NoKeyring:
        print("There is no system keyring here: netdesk will ask for the password at each "
              "sync (or read it with --password-stdin).")
    return 0


def _new(before, after) -> str | None:
    urls = {c.url for c in before}
    fresh = [c.url for c in after if c.url not in urls]
    return fresh[0] if fresh else None


def run_list(args: argparse.Namespace) -> int:
    from netdesk.sync import accounts

    db = _open(args)
    try:
        rows = accounts.accounts()
    finally:
        db.close()
    if not rows:
        print("No sync accounts. Add one with: netdesk sync add URL --user NAME")
        return 0
    for account in rows:
        when = account.last_synced.strftime("%Y-%m-%d %H:%M") if account.last_synced \
            else "never"
        print(f"{account.id}  {account.name}")
        print(f"    address book: {account.addressbook_url or 'none'}")
        print(f"    calendar: {account.calendar_url or 'none'}")
        interval = f"every {account.interval_minutes} minutes" if account.interval_minutes \
            else "by hand only"
        print(f"    who syncs: {', '.join(account.tags) if account.tags else 'everyone'}; "
              f"{interval}")
        print(f"    last sync: {when}" + (f" ({account.last_result})"
                                          if account.last_result else ""))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from netdesk.sync import accounts
    from netdesk.sync.errors import SyncError

    db = _open(args)
    try:
        account = accounts.account(args.id)
        accounts.remove_account(args.id)
    except SyncError as error:
        print(f"netdesk: {error}", file=sys.stderr)
        return 2
    finally:
        db.close()
    print(f"Removed account {account.id} ({account.name}); the people stay.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from netdesk.sync import accounts
    from netdesk.sync.engine import sync_account
    from netdesk.sync.errors import DeletionsNeedConfirmation, SyncError

    db = _open(args)
    try:
        chosen = accounts.accounts()
        if args.account is not None:
            chosen = [a for a in chosen if a.id == args.account]
            if not chosen:
                print(f"netdesk: there is no sync account {args.account} "
                      "(see netdesk sync list)", file=sys.stderr)
                return 2
        if not chosen:
            print("netdesk: no sync accounts; add one with: netdesk sync add URL --user NAME",
                  file=sys.stderr)
            return 2
        status = 0
        for account in chosen:
            password = _password(args, f"Password for {account.name}: ",
                                 accounts.password_key(account.id))
            print(f"{account.name}:")
            try:
                report = sync_account(account, password, dry_run=args.dry_run,
                                      confirm_deletions=(lambda local, remote: True)
                                      if args.yes else None)
            except DeletionsNeedConfirmation as error:
                print(f"netdesk: {error} (run again with --yes)", file=sys.stderr)
                status = 1
                continue
            except SyncError as error:
                print(f"netdesk: {error}", file=sys.stderr)
                status = 1
                continue
            print("  " + report.summary().replace("\n", "\n  "))
            for line in report.conflicts:
                print(f"  conflict: {line}")
            for line in report.problems:
                print(f"  note: {line}")
        return status
    finally:
        db.close()
