"""One sync of an account, both ways: people as vCards, interviews and follow-ups as calendar
items. See :func:`sync_account`.

The order, so that a failure anywhere leaves both sides as they were or consistent:

1. read both sides and plan every change (nothing written; a network error here changes
   nothing, a dry run stops here);
2. more than :data:`DELETION_LIMIT` deletions on either side must be confirmed, else the
   whole sync is refused (:class:`DeletionsNeedConfirmation`: nothing written anywhere);
3. back the database up, then write what came from the server in one transaction, with
   the sync state that goes with it and the server's new sync token;
4. send the cards and calendar items (PUT with If-Match / If-None-Match: *, DELETE with
   If-Match), ``cancelled()`` asked before each request. What was sent is recorded as sent
   even when a later request fails or the user cancels, so the next sync sends only the
   rest, and a 412 (changed on the server meanwhile) is merged by the next sync.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from netdesk.core.changes import Changes
from netdesk.db.models import SyncAccount, SyncItem, database_proxy
from netdesk.sync import calendar as calendar_sync
from netdesk.sync import contacts, dav
from netdesk.sync.accounts import Account, record_result
from netdesk.sync.errors import DeletionsNeedConfirmation, SyncCancelled, SyncError

DELETION_LIMIT = 5
"""More deletions than this on either side in one sync need the user's confirmation."""


@dataclass(frozen=True)
class Progress:
    """``step`` is a short user-facing phrase; ``total`` 0 while it is not known."""

    step: str
    done: int
    total: int


def _one(what: str) -> str:
    return what.replace("people", "person").replace("interviews", "interview")\
        .replace("follow-ups", "follow-up")


def _phrase(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {_one(what) if n == 1 else what}" for what, n in counts.items()
                     if n) or "nothing"


@dataclass
class SyncReport:
    """What one sync did (or, with ``dry_run``, would do)."""

    changes: Changes = field(default_factory=Changes)
    sent: dict[str, int] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    dry_run: bool = False
    problems: list[str] = field(default_factory=list)
    """Items left for the next sync, or cards netdesk could not take, one line each."""

    def summary(self) -> str:
        """One or two lines for the status bar and the command line."""
        if self.dry_run:
            text = f"Dry run, nothing changed. Would send: {_phrase(self.sent)}; " \
                   f"would receive: {_phrase(self.received)}."
        else:
            text = f"Sent: {_phrase(self.sent)}; received: {_phrase(self.received)}."
        if self.conflicts:
            count = len(self.conflicts)
            text += f"\n{count} conflict{'s' if count != 1 else ''}: the newer value kept, " \
                    "the other noted in the person's timeline."
        return text


class _Context:
    def __init__(self, account: Account, row: SyncAccount, password: str,
                 progress, cancelled, report: SyncReport):
        self.account, self.row = account, row
        # One session per collection: hrefs are paths on the collection's own host (iCloud
        # keeps address books and calendars on hosts other than the account's).
        self.book_client = dav.Client(row.addressbook_url, account.user, password) \
            if row.addressbook_url else None
        self.calendar_client = dav.Client(row.calendar_url, account.user, password) \
            if row.calendar_url else None
        self.progress, self.cancelled, self.report = progress, cancelled, report
        self.today = datetime.date.today()

    def close(self) -> None:
        for client in (self.book_client, self.calendar_client):
            if client is not None:
                client.close()

    def step(self, step: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(Progress(step, done, total))

    def check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise SyncCancelled()

    def count(self, direction: str, what: str, n: int = 1) -> None:
        counts = getattr(self.report, direction)
        counts[what] = counts.get(what, 0) + n


def sync_account(account: Account, password: str, *, dry_run: bool = False,
                 progress: Callable[[Progress], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 confirm_deletions: Callable[[int, int], bool] | None = None) -> SyncReport:
    """Sync ``account`` both ways; may run in a worker thread (peewee gives it its own
    connection to the same file, closed again at the end).

    Raises SyncError (naming the server, the step and the HTTP status) when it fails,
    SyncCancelled when ``cancelled()`` answered True, DeletionsNeedConfirmation when more
    than five deletions on a side were not confirmed by ``confirm_deletions(local,
    remote)``: then nothing at all was written, on either side.
    """
    db = database_proxy.obj
    opened_here = db.is_closed()
    report = SyncReport(dry_run=dry_run)
    ctx = None
    try:
        row = SyncAccount.get_or_none(SyncAccount.id == account.id)
        if row is None:
            raise SyncError(f"There is no sync account {account.id}")
        ctx = _Context(account, row, password, progress, cancelled, report)
        try:
            _sync(ctx, dry_run, confirm_deletions)
        except SyncCancelled:
            record_result(account.id, "Cancelled", False)
            raise
        except SyncError as error:
            record_result(account.id, str(error), False)
            raise
        if not dry_run:
            record_result(account.id, report.summary().split("\n")[0], True)
        return report
    finally:
        if ctx is not None:
            ctx.close()
        if opened_here and not db.is_closed():
            db.close()


def _sync(ctx: _Context, dry_run: bool, confirm_deletions) -> None:
    report = ctx.report
    people = contacts.plan(ctx) if ctx.row.addressbook_url else None
    events = calendar_sync.plan(ctx) if ctx.row.calendar_url else None
    local_deletions = len(people.local_deletes) if people else 0
    remote_deletions = (len(people.remote_deletes) if people else 0) \
        + (len(events.remote_deletes) if events else 0)
    if local_deletions > DELETION_LIMIT or remote_deletions > DELETION_LIMIT:
        if confirm_deletions is None or not confirm_deletions(local_deletions,
                                                              remote_deletions):
            raise DeletionsNeedConfirmation(local_deletions, remote_deletions)
    if dry_run:
        _count_plans(ctx, people, events)
        return
    ctx.check_cancel()
    _back_up(ctx, people, events)
    try:
        with database_proxy.atomic():
            changes = Changes()
            if people is not None:
                changes |= contacts.apply_local(ctx, people)
            if events is not None:
                changes |= calendar_sync.apply_local(ctx, events)
            ctx.row.save()
    except PeeweeDatabaseError as error:
        from netdesk.db import integrity

        raise SyncError("Saving what came from the server failed, so nothing changed here: "
                        f"{integrity.classify(error)[1]}") from error
    if people is not None:
        report.problems.extend(people.problems)
    report.changes = changes
    recorded: list = []
    try:
        if people is not None:
            contacts.send(ctx, people, recorded)
        if events is not None:
            calendar_sync.send(ctx, events, recorded)
    finally:
        _record(ctx, recorded)


def _record(ctx: _Context, recorded: list) -> None:
    """Write the state of what was sent (also after a failure or a cancel)."""
    if not recorded:
        return
    with database_proxy.atomic():
        for entry in recorded:
            if entry[0] == "forget":
                SyncItem.delete().where(SyncItem.id == entry[1]).execute()
            else:
                _, uid, local_id, href, etag, values, *kind = entry
                contacts.write_state(ctx.row, uid, local_id, href, etag, values,
                                     kind=kind[0] if kind else contacts.KIND)


def _back_up(ctx: _Context, people, events) -> None:
    """A backup before the local side changes (a file database; nothing to write: none)."""
    writes = bool(people and (people.creates or people.updates or people.local_deletes)) \
        or bool(events and events.local_updates)
    db = database_proxy.obj
    if not writes or not isinstance(db, SqliteDatabase) or db.database == ":memory:":
        return
    from netdesk.db.backup import BackupError, backup_now

    try:
        backup_now(db, "sync")
    except BackupError as error:
        raise SyncError(f"Backing up before the sync failed, so nothing was synced: "
                        f"{error}") from error


def _count_plans(ctx: _Context, people, events) -> None:
    if people is not None:
        for push in people.pushes:
            ctx.count("sent", "people added" if push.etag is None else "people changed")
        if people.remote_deletes:
            ctx.count("sent", "deleted", len(people.remote_deletes))
        if people.creates:
            ctx.count("received", "people added", len(people.creates))
        changed = sum(1 for _, _, merge in people.updates if merge.take_remote)
        if changed:
            ctx.count("received", "people changed", changed)
        if people.local_deletes:
            ctx.count("received", "deleted", len(people.local_deletes))
        for _, card, merge in people.updates:
            for name, value, where in merge.conflicts:
                from netdesk.sync import fields as F

                ctx.report.conflicts.append(
                    f"{contacts._card_name(card)}: {F.CONFLICT_NAMES.get(name, name)} "
                    f"was {F.shown(name, value)} {where}")
    if events is not None:
        for mine, _, _ in events.pushes:
            ctx.count("sent", "interviews" if mine.kind == "interview" else "follow-ups")
        if events.remote_deletes:
            ctx.count("sent", "deleted", len(events.remote_deletes))
        for mine, _, _ in events.local_updates:
            ctx.count("received", "interviews" if mine.kind == "interview" else "follow-ups")
        ctx.report.conflicts.extend(events.conflicts)
