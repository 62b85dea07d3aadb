"""Accounts: discovery through the well-known URLs, the principal and its home sets; the
collections created as "netdesk"; accounts kept without their password; removing one
forgets its state and password but keeps the people."""

from __future__ import annotations

from netdesk import secrets
from netdesk.db.models import Person, SyncItem
from netdesk.sync import accounts
from tests.sync.helpers import Side, add_person


def test_discovery_finds_what_the_account_holds_and_creates_netdesk_ones(radicale, db):
    found = accounts.discover(radicale.url, radicale.user, radicale.password)
    assert found.principal_url == f"{radicale.url}{radicale.user}/"
    assert (found.addressbooks, found.calendars) == ((), ())
    radicale.mkcol(f"/{radicale.user}/work/")
    created = accounts.create_collections(radicale.url, radicale.user, radicale.password,
                                          addressbook=True, calendar=True)
    names = sorted(c.name for c in created.addressbooks)
    assert names[0] == "netdesk" and names[1].endswith("work")
    assert [c.name for c in created.calendars] == ["netdesk"]
    # Found again from the principal's own URL, too.
    again = accounts.discover(found.principal_url, radicale.user, radicale.password)
    assert again == created


def test_accounts_are_kept_without_passwords_and_removed_with_their_state(radicale, tmp_path):
    book = radicale.mkcol(f"/{radicale.user}/contacts/")
    side = Side(tmp_path / "a.sqlite3", radicale, book, None)
    with side.open() as db:
        add_person("Ada")
        secrets.store(accounts.password_key(side.account.id), radicale.password)
        rows = db.execute_sql("SELECT * FROM sync_account").fetchall()
        assert radicale.password not in repr(rows)
    side.sync()
    with side.open():
        account = accounts.update_account(side.account.id, tags=("work", " mentor "),
                                          interval_minutes=0)
        assert (account.tags, account.interval_minutes) == (("work", "mentor"), 0)
        assert SyncItem.select().count() == 1
        accounts.remove_account(side.account.id)
        assert accounts.accounts() == [] and SyncItem.select().count() == 0
        assert Person.select().count() == 1
        assert secrets.load(accounts.password_key(side.account.id)) is None
