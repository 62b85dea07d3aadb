"""Sync accounts: checking a server URL, discovering its address books and calendars
(``/.well-known``, the current principal and its home sets), creating ones named
"netdesk", and the accounts kept in the database. Passwords are never kept here: they are
in the system keyring under :func:`password_key` (netdesk.secrets) or asked each time.
"""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from netdesk.db.models import SyncAccount, SyncItem, database_proxy, now
from netdesk.sync import dav
from netdesk.sync.errors import SyncError

NAME = "netdesk"
"""The display name of the address book and the calendar netdesk creates."""
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Collection:
    url: str
    name: str


@dataclass(frozen=True)
class Discovery:
    principal_url: str
    addressbooks: tuple[Collection, ...]
    calendars: tuple[Collection, ...]


@dataclass(frozen=True)
class Account:
    """A server account; ``tags`` empty: everyone syncs, else people with any of these
    tags; ``interval_minutes`` 0: manual only."""

    id: int
    url: str
    user: str
    addressbook_url: str | None
    calendar_url: str | None
    tags: tuple[str, ...]
    interval_minutes: int
    last_synced: datetime.datetime | None
    last_result: str

    @property
    def name(self) -> str:
        return f"{self.user} on {dav.server_name(self.url)}"


def check_url(url: str) -> str | None:
    """What is wrong with ``url`` as a server address, or None: https only (certificates
    are verified), plain http for this computer (localhost) alone; no password in it."""
    text = (url or "").strip()
    if not text:
        return "Enter the server's address, such as https://cloud.example.org/"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return f"{text} is not a web address"
    if parts.scheme not in ("http", "https") or not host:
        return f"{text} is not a web address (it should start with https://)"
    if parts.username or parts.password:
        return "Leave the user name and password out of the address; enter them on their own"
    if parts.scheme == "http" and not _is_local(host):
        return ("Only https:// addresses are allowed (the password would travel unencrypted); "
                "plain http:// is only for a server on this computer")
    return None


def _is_local(host: str) -> bool:
    if host.lower() in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _checked(url: str) -> str:
    problem = check_url(url)
    if problem:
        raise SyncError(problem)
    url = url.strip()
    return url if url.endswith("/") else url + "/"


def _principal(client: dav.Client, url: str) -> str:
    """The current user's principal: asked at the URL given, else at the well-known ones."""
    base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/"
    tried = []
    for candidate in (url, urljoin(base, "/.well-known/carddav"),
                      urljoin(base, "/.well-known/caldav"), base):
        if candidate in tried:
            continue
        tried.append(candidate)
        try:
            items = client.propfind(candidate, "<d:current-user-principal/>", "0",
                                    "Finding your account")
        except dav.NetworkError:
            raise  # unreachable, silent or untrusted: no other address will do better
        except SyncError as error:
            if "401" in str(error):
                raise
            continue
        for item in items:
            href = item.findtext(f".//{dav.DAV}current-user-principal/{dav.DAV}href")
            if href:
                return client.absolute(href.strip())
    raise SyncError(f"Finding your account: {client.server} does not look like a CardDAV or "
                    "CalDAV server (no current-user-principal)")


def _collections(client: dav.Client, home: str) -> tuple[list[Collection], list[Collection]]:
    books, calendars = [], []
    items = client.propfind(home, "<d:resourcetype/><d:displayname/>"
                            "<cal:supported-calendar-component-set/>", "1",
                            "Listing address books and calendars")
    for item in items:
        href = item.findtext(f"{dav.DAV}href")
        kind = item.find(f".//{dav.DAV}resourcetype")
        if not href or kind is None:
            continue
        url = client.absolute(href)
        name = (item.findtext(f".//{dav.DAV}displayname") or "").strip() \
            or urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        if kind.find(f"{dav.CARDDAV}addressbook") is not None:
            books.append(Collection(url, name))
        elif kind.find(f"{dav.CALDAV}calendar") is not None:
            components = {c.get("name") for c in item.iter(f"{dav.CALDAV}comp")}
            if not components or components & {"VEVENT", "VTODO"}:
                calendars.append(Collection(url, name))
    return books, calendars


def _homes(client: dav.Client, principal: str) -> tuple[str | None, str | None]:
    items = client.propfind(principal, "<c:addressbook-home-set/><cal:calendar-home-set/>",
                            "0", "Finding your address books and calendars")
    book_home = calendar_home = None
    for item in items:
        href = item.findtext(f".//{dav.CARDDAV}addressbook-home-set/{dav.DAV}href")
        book_home = book_home or (client.absolute(href.strip()) if href else None)
        href = item.findtext(f".//{dav.CALDAV}calendar-home-set/{dav.DAV}href")
        calendar_home = calendar_home or (client.absolute(href.strip()) if href else None)
    return book_home, calendar_home


def discover(url: str, user: str, password: str) -> Discovery:
    """The account's principal, address books and calendars; raises SyncError."""
    url = _checked(url)
    client = dav.Client(url, user, password)
    try:
        principal = _principal(client, url)
        book_home, calendar_home = _homes(client, principal)
        books, calendars = [], []
        for home in dict.fromkeys(h for h in (book_home, calendar_home) if h):
            found_books, found_calendars = _collections(client, home)
            books += [b for b in found_books if b not in books]
            calendars += [c for c in found_calendars if c not in calendars]
        return Discovery(principal, tuple(books), tuple(calendars))
    finally:
        client.close()


def create_collections(url: str, user: str, password: str, *, addressbook: bool,
                       calendar: bool) -> Discovery:
    """Create an address book and/or a calendar named "netdesk" (MKCOL / MKCALENDAR through
    ``caldav``) in the account's homes; return the discovery after."""
    found = discover(url, user, password)
    client = dav.Client(_checked(url), user, password)
    try:
        book_home, calendar_home = _homes(client, found.principal_url)
        taken = {c.url for c in found.addressbooks + found.calendars}
        if addressbook:
            if not book_home:
                raise SyncError(f"Creating the address book: {client.server} has no address "
                                "books for this account (no addressbook-home-set)")
            target = _free(book_home, taken)
            taken.add(target)
            client.make_addressbook(target, NAME, "Creating the address book")
        if calendar:
            if not calendar_home:
                raise SyncError(f"Creating the calendar: {client.server} has no calendars "
                                "for this account (no calendar-home-set)")
            target = _free(calendar_home, taken)
            _make_calendar(url, user, password, found.principal_url,
                           target.rstrip("/").rsplit("/", 1)[-1])
    finally:
        client.close()
    return discover(url, user, password)


def _free(home: str, taken: set[str]) -> str:
    home = home if home.endswith("/") else home + "/"
    for number in range(1, 100):
        candidate = urljoin(home, f"{NAME}/" if number == 1 else f"{NAME}-{number}/")
        if candidate not in taken:
            return candidate
    raise SyncError("Creating a collection: too many named netdesk already")


def _make_calendar(url: str, user: str, password: str, principal: str, name: str) -> None:
    import caldav
    from caldav.lib import error as caldav_error

    try:
        with caldav.DAVClient(url=url, username=user, password=password,
                              timeout=int(dav.TIMEOUT[1]), ssl_verify_cert=True) as client:
            caldav.Principal(client=client, url=principal).make_calendar(
                name=NAME, cal_id=name, supported_calendar_component_set=["VEVENT", "VTODO"])
    except caldav_error.AuthorizationError as error:
        raise SyncError(f"Creating the calendar: {dav.server_name(url)} refused the user "
                        "name or password (HTTP 401)") from error
    except (caldav_error.DAVError, OSError) as error:
        raise SyncError(f"Creating the calendar on {dav.server_name(url)} failed "
                        f"({str(error).splitlines()[0][:160]})") from error


# Accounts in the database ---------------------------------------------------------------

def _tags_text(tags) -> str:
    return ", ".join(t.strip() for t in tags if t.strip())


def _account(row: SyncAccount) -> Account:
    return Account(
        id=row.id, url=row.url, user=row.user, addressbook_url=row.addressbook_url or None,
        calendar_url=row.calendar_url or None,
        tags=tuple(t.strip() for t in row.tags.split(",") if t.strip()),
        interval_minutes=row.interval_minutes, last_synced=row.last_synced,
        last_result=row.last_result)


def add_account(url: str, user: str, *, addressbook_url: str | None,
                calendar_url: str | None, tags: tuple[str, ...] = (),
                interval_minutes: int = 15) -> Account:
    """Keep a new account (no password: see :func:`password_key`); raises SyncError for a
    URL :func:`check_url` refuses or an account with neither address book nor calendar."""
    url = _checked(url)
    if not user.strip():
        raise SyncError("Enter the user name of the account")
    if not addressbook_url and not calendar_url:
        raise SyncError("Choose an address book, a calendar or both")
    for collection in (addressbook_url, calendar_url):
        if collection and check_url(collection):
            raise SyncError(check_url(collection))
    with database_proxy.atomic():
        row = SyncAccount.create(url=url, user=user.strip(), addressbook_url=addressbook_url,
                                 calendar_url=calendar_url, tags=_tags_text(tags),
                                 interval_minutes=max(0, int(interval_minutes)))
    return _account(row)


_EDITABLE = {"url", "user", "addressbook_url", "calendar_url", "tags", "interval_minutes",
             "last_synced", "last_result"}


def update_account(account_id: int, **fields) -> Account:
    """Change the named fields of an account. A new address book or calendar forgets the
    sync state of the one before (its items are synced afresh to the new one)."""
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise TypeError(f"unknown account fields: {', '.join(sorted(unknown))}")
    with database_proxy.atomic():
        row = SyncAccount.get_or_none(SyncAccount.id == account_id)
        if row is None:
            raise SyncError(f"There is no sync account {account_id}")
        if "url" in fields:
            fields["url"] = _checked(fields["url"])
        if "tags" in fields:
            fields["tags"] = _tags_text(fields["tags"])
        if "interval_minutes" in fields:
            fields["interval_minutes"] = max(0, int(fields["interval_minutes"]))
        if "addressbook_url" in fields and fields["addressbook_url"] != row.addressbook_url:
            SyncItem.delete().where((SyncItem.account == row) & (SyncItem.kind == "person"))\
                .execute()
            row.addressbook_token = ""
        if "calendar_url" in fields and fields["calendar_url"] != row.calendar_url:
            SyncItem.delete().where((SyncItem.account == row)
                                    & (SyncItem.kind != "person")).execute()
            row.calendar_token = ""
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
    return _account(row)


def remove_account(account_id: int) -> None:
    """Forget an account and its sync state (the people stay), and its stored password."""
    from netdesk import secrets

    with database_proxy.atomic():
        SyncItem.delete().where(SyncItem.account == account_id).execute()
        SyncAccount.delete().where(SyncAccount.id == account_id).execute()
    secrets.forget(password_key(account_id))


def accounts() -> list[Account]:
    return [_account(row) for row in SyncAccount.select().order_by(SyncAccount.id)]


def account(account_id: int) -> Account:
    row = SyncAccount.get_or_none(SyncAccount.id == account_id)
    if row is None:
        raise SyncError(f"There is no sync account {account_id}")
    return _account(row)


def password_key(account_id: int) -> str:
    """The key of the account's password in the system keyring (netdesk.secrets)."""
    return f"sync-account-{account_id}"


def record_result(account_id: int, result: str, synced: bool) -> None:
    values = {"last_result": result[:500]}
    if synced:
        values["last_synced"] = now()
    SyncAccount.update(values).where(SyncAccount.id == account_id).execute()
