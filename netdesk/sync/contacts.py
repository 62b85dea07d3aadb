"""People both ways through a CardDAV address book: what changed on the server (sync-collection,
or a full listing where the server has no sync tokens) and here (against the last synced
values), merged per field; then the local writes (in the engine's one transaction) and the
cards sent (PUT with If-Match / If-None-Match, DELETE with If-Match)."""

from __future__ import annotations

import datetime
import json
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import quote

from netdesk.core.changes import Changes
from netdesk.core.people import PersonForm, delete_person, save_person
from netdesk.core.person_details import PersonDetails
from netdesk.db.models import Interaction, Person, PersonUid, SyncItem
from netdesk.formats.vcard.loading import card_people
from netdesk.formats.vcard.reading import parse_vcards
from netdesk.formats.vcard.writing import CardPerson, format_vcards
from netdesk.sync import fields as F
from netdesk.sync.dav import NoSyncTokens
from netdesk.sync.errors import SyncError

KIND = "person"
_REV = re.compile(r"^REV[;:](?:[^:\r\n]*:)?([^\r\n]+)", re.MULTILINE | re.IGNORECASE)


def new_uid() -> str:
    return "netdesk-" + secrets.token_hex(16)


@dataclass
class Remote:
    """A card as fetched: where, its version, its values, photo and time."""

    href: str
    etag: str
    uid: str
    values: dict
    photo: bytes
    referred_by_name: str
    changed_at: datetime.datetime | None


@dataclass
class Push:
    uid: str
    person_id: int
    values: dict
    text: str
    href: str
    etag: str | None  # None: a new card (If-None-Match: *)


@dataclass
class PeoplePlan:
    token: str = ""
    use_token: bool = True
    creates: list[Remote] = field(default_factory=list)
    updates: list[tuple[int, Remote, F.Merge]] = field(default_factory=list)
    """(person id, the card, the merge): remote values to write here."""
    local_deletes: list[tuple[SyncItem, int]] = field(default_factory=list)
    remote_deletes: list[SyncItem] = field(default_factory=list)
    states: list[tuple[str, int | None, str, str, dict]] = field(default_factory=list)
    """(uid, person id, href, etag, values): state rows to write with the local changes."""
    forget: list[int] = field(default_factory=list)
    """ids of state rows whose card and person are both gone."""
    pushes: list[Push] = field(default_factory=list)
    new_uids: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _rev(text: str) -> datetime.datetime | None:
    match = _REV.search(text)
    if not match:
        return None
    value = match.group(1).strip()
    for pattern in ("%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%S", "%Y-%m-%dT%H:%M:%S",
                    "%Y%m%d", "%Y-%m-%d"):
        try:
            moment = datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return moment.replace(tzinfo=datetime.UTC)
    return None


def _read_card(href: str, etag: str, text: str, fetched: datetime.datetime) -> Remote | None:
    result = parse_vcards(text)
    if not result.records:
        return None
    record = result.records[0]
    uid = record.uid or href.rstrip("/").rsplit("/", 1)[-1].removesuffix(".vcf")
    return Remote(href, etag, uid, F.values_of(record, record.referred_by_uid), record.photo,
                  record.referred_by, _rev(text) or fetched)


def _in_scope(details: PersonDetails, tags: tuple[str, ...]) -> bool:
    if not tags:
        return True
    wanted = {t.casefold() for t in tags}
    return any(t.strip().casefold() in wanted for t in details.tags.split(","))


def card_text(uid: str, values: dict, photo: bytes, referred_by_name: str,
              stamp: datetime.datetime) -> str:
    details = PersonDetails(**F.details_of(values, photo))
    text = format_vcards([CardPerson(details, uid, referred_by_name if values["referred_by"]
                                     else "", values["referred_by"])])
    return text.replace("\r\nEND:VCARD", "\r\nREV:" + stamp.strftime("%Y%m%dT%H%M%SZ")
                        + "\r\nEND:VCARD")


def plan(ctx) -> PeoplePlan:
    """Everything this sync would do to people, read from both sides; writes nothing."""
    client, account, book = ctx.book_client, ctx.row, ctx.row.addressbook_url
    result = PeoplePlan()
    items = {row.uid: row for row in SyncItem.select().where(
        (SyncItem.account == account) & (SyncItem.kind == KIND))}
    by_href = {row.href: row for row in items.values() if row.href}
    ctx.step("Looking for changed contacts", 0, 0)

    # What changed on the server.
    changed: dict[str, str] = {}
    removed: list[str] = []
    try:
        delta = client.sync_collection(book, account.addressbook_token,
                                       "Looking for changed contacts")
        result.token = delta.token
        changed = {h: e for h, e in delta.changed.items()
                   if h not in by_href or by_href[h].etag != e}
        removed = [h for h in delta.removed if h in by_href]
    except NoSyncTokens:
        result.use_token = False
        listing = {m.href: m.etag for m in client.members(book, "Listing the contacts")}
        changed = {h: e for h, e in listing.items() if h not in by_href or by_href[h].etag != e}
        removed = [h for h in by_href if h not in listing]
    ctx.check_cancel()
    fetched_at = datetime.datetime.now(datetime.UTC)
    remote: dict[str, Remote] = {}
    if changed:
        hrefs = sorted(changed)
        ctx.step("Fetching changed contacts", 0, len(hrefs))
        cards = client.multiget(book, hrefs, calendar=False, step="Fetching changed contacts",
                                progress=lambda n: (ctx.step("Fetching changed contacts", n,
                                                             len(hrefs)), ctx.check_cancel()))
        for href, (etag, text) in cards.items():
            card = _read_card(href, etag or changed[href], text, fetched_at)
            if card is None:
                result.problems.append(f"A card on the server could not be read: {href}")
                continue
            remote[card.uid] = card
        removed += [h for h in hrefs if h not in cards and h in by_href]
        ctx.check_cancel()
    gone_uids = {by_href[h].uid for h in removed}

    # What is here.
    uids = dict(PersonUid.select(PersonUid.person, PersonUid.uid).tuples())
    people = card_people(uids)
    missing = [p.person_id for p in people if p.person_id not in uids]
    for person_id in missing:
        uids[person_id] = result.new_uids[person_id] = new_uid()
    for person in people:
        if person.person_id in result.new_uids:
            person.uid = uids[person.person_id]
    local = {p.uid: p for p in people}
    present = set(uids.values())  # a person's UID row goes with them (ON DELETE CASCADE)
    for p in people:
        if p.referred_by_uid.startswith("netdesk-person-"):
            p.referred_by_uid = uids.get(int(p.referred_by_uid.rsplit("-", 1)[1]), "")
    updated = dict(Person.select(Person.id, Person.updated).tuples())
    names = {p.uid: " ".join(x for x in (p.details.first_name, p.details.last_name) if x)
             for p in people}
    stamp = fetched_at.replace(microsecond=0)

    def local_values(mine: CardPerson, base: dict | None) -> dict:
        values = F.values_of(mine.details, mine.referred_by_uid)
        was = (base or {}).get("referred_by")
        if not values["referred_by"] and was and was not in present:
            values["referred_by"] = was  # a referrer this database does not hold: kept
        return values

    def local_time(person_id: int) -> datetime.datetime:
        value = updated.get(person_id)
        if isinstance(value, str):
            value = datetime.datetime.fromisoformat(value)
        return (value or datetime.datetime.min).astimezone(datetime.UTC)

    def push(uid: str, person_id: int, values: dict, photo: bytes, href: str,
             etag: str | None, referrer_name: str = "") -> None:
        name = names.get(values["referred_by"], referrer_name)
        result.pushes.append(Push(uid, person_id, values,
                                  card_text(uid, values, photo, name, stamp), href, etag))

    seen: set[str] = set()
    tags = ctx.account.tags
    for uid, card in remote.items():
        seen.add(uid)
        item = items.get(uid)
        mine = local.get(uid)
        if mine is None and item is not None and uid in present:
            continue  # synced before, now outside the chosen tags: left alone
        if mine is None and item is not None and json.loads(item.state).get("forgotten"):
            result.remote_deletes.append(item)  # forgotten here: gone there too, edits or not
            continue
        if mine is None:
            # New on the server, or changed there after it was deleted here: kept (nothing
            # is lost on a deletion that crossed an edit).
            result.creates.append(card)
            continue
        if not _in_scope(mine.details, tags) and item is None:
            continue
        base = json.loads(item.state) if item is not None else None
        values = local_values(mine, base)
        merged = F.merge(base, values, card.values,
                         remote_newer=card.changed_at >= local_time(mine.person_id))
        if merged.take_remote or merged.conflicts:
            result.updates.append((mine.person_id, card, merged))
        photo = card.photo if "photo" in merged.take_remote else mine.details.photo
        result.states.append((uid, mine.person_id, card.href, card.etag, card.values))
        if merged.take_local:
            push(uid, mine.person_id, merged.values, photo, card.href, card.etag,
                 card.referred_by_name)

    for uid in gone_uids - seen:
        item = items[uid]
        mine = local.get(uid)
        if mine is None:
            result.forget.append(item.id)
            continue
        values = local_values(mine, json.loads(item.state))
        if values != json.loads(item.state):
            # Changed here since it was deleted on the server: sent back rather than lost.
            push(uid, mine.person_id, values, mine.details.photo,
                 _href(book, uid), None)
            continue
        result.local_deletes.append((item, mine.person_id))
    seen |= gone_uids

    for uid, mine in local.items():
        if uid in seen:
            continue
        item = items.get(uid)
        if item is None:
            if _in_scope(mine.details, tags):
                values = F.values_of(mine.details, mine.referred_by_uid)
                push(uid, mine.person_id, values, mine.details.photo, _href(book, uid), None)
            continue
        values = local_values(mine, json.loads(item.state))
        if values != json.loads(item.state):
            push(uid, mine.person_id, values, mine.details.photo, item.href, item.etag)
    for uid, item in items.items():
        if uid not in local and uid not in seen and uid not in present:
            result.remote_deletes.append(item)
    return result


def _href(book: str, uid: str) -> str:
    from urllib.parse import urljoin, urlsplit

    return urlsplit(urljoin(book, quote(uid, safe="-_.@") + ".vcf")).path


# Local writes (inside the engine's transaction) ------------------------------------------

def apply_local(ctx, plan: PeoplePlan) -> Changes:
    """Write what came from the server: new people, merged fields, deletions, conflict notes,
    and the state rows that go with them. Runs inside the sync's one transaction."""
    account = ctx.row
    parts: list[Changes] = []
    if plan.new_uids:
        PersonUid.insert_many([{"person": pid, "uid": uid}
                               for pid, uid in plan.new_uids.items()]).execute()
    person_of = dict(PersonUid.select(PersonUid.uid, PersonUid.person).tuples())
    referrals: list[tuple[int, str]] = []
    states = list(plan.states)
    total = len(plan.creates) + len(plan.updates)
    done = 0
    for card in plan.creates:
        values = dict(card.values)
        values["relationship"] = values["relationship"] or "acquaintance"
        values["stage"] = values["stage"] or "to_contact"
        form = PersonForm(**F.details_of(values, card.photo))
        try:
            if card.uid in person_of and Person.get_or_none(Person.id == person_of[card.uid]):
                person_id = person_of[card.uid]
                parts.append(save_person(person_id, form,
                                         only=set(F.FIELDS) - {"referred_by"}))
            else:
                added = save_person(None, form, only=set(F.FIELDS) - {"referred_by"})
                parts.append(added)
                person_id = added.id
                PersonUid.insert(person=person_id, uid=card.uid).on_conflict_replace().execute()
                person_of[card.uid] = person_id
        except ValueError as error:
            plan.problems.append(f"{_card_name(card)}: not taken from the server ({error})")
            continue
        ctx.count("received", "people added")
        if values["referred_by"]:
            referrals.append((person_id, values["referred_by"]))
        states.append((card.uid, person_id, card.href, card.etag, card.values))
        done += 1
        ctx.step("Saving contacts", done, total)
    for person_id, card, merged in plan.updates:
        names = set(merged.take_remote) - {"referred_by"}
        if names:
            form = PersonForm(**F.details_of(merged.values, card.photo))
            try:
                parts.append(save_person(person_id, form, only=names))
            except ValueError as error:
                plan.problems.append(f"{_card_name(card)}: not taken from the server ({error})")
                states = [s for s in states if s[0] != card.uid]
                plan.pushes = [p for p in plan.pushes if p.uid != card.uid]
                continue
            ctx.count("received", "people changed")
        if "referred_by" in merged.take_remote:
            referrals.append((person_id, merged.values["referred_by"]))
        for name, value, where in merged.conflicts:
            label = F.CONFLICT_NAMES.get(name, name)
            line = f"Sync conflict: {label} was {F.shown(name, value)} {where}"
            entry = Interaction.create(person=person_id, kind="note",
                                       occurred_on=ctx.today, summary=line)
            parts.append(Changes.of_person(person_id, {"timeline"},
                                           interactions=frozenset({entry.id})))
            ctx.report.conflicts.append(f"{_card_name(card)}: {line[len('Sync conflict: '):]}")
        done += 1
        ctx.step("Saving contacts", done, total)
    for person_id, referrer_uid in referrals:
        referrer = person_of.get(referrer_uid) if referrer_uid else None
        try:
            parts.append(save_person(person_id, PersonForm(referred_by=referrer),
                                     only={"referred_by"}))
        except ValueError as error:
            plan.problems.append(f"A referral from the server was not recorded ({error})")
    for item, person_id in plan.local_deletes:
        parts.append(delete_person(person_id).changes)
        SyncItem.delete().where(SyncItem.id == item.id).execute()
        ctx.count("received", "deleted")
    if plan.forget:
        SyncItem.delete().where(SyncItem.id.in_(plan.forget)).execute()
    for uid, person_id, href, etag, values in states:
        write_state(account, uid, person_id, href, etag, values)
    if plan.use_token and plan.token:
        account.addressbook_token = plan.token
    return combine(parts)


def combine(parts: list[Changes]) -> Changes:
    """All of ``parts`` as one Changes, in one pass (``|`` over thousands copies each time)."""
    from dataclasses import fields as dataclass_fields

    people: dict[int, set[str]] = {}
    merged: dict[str, object] = {}
    for part in parts:
        for person_id, names in part.person_fields.items():
            people.setdefault(person_id, set()).update(names)
        for item in dataclass_fields(Changes):
            value = getattr(part, item.name)
            if item.name in ("person_fields", "id") or not value:
                continue
            if isinstance(value, bool):
                merged[item.name] = True
            else:
                merged.setdefault(item.name, set()).update(value)
    values = {k: v if isinstance(v, bool) else frozenset(v) for k, v in merged.items()}
    return Changes(person_fields={k: frozenset(v) for k, v in people.items()}, **values)


def _card_name(card: Remote) -> str:
    values = card.values
    return " ".join(p for p in (values["first_name"], values["last_name"]) if p) \
        or values["organization"] or card.uid


def write_state(account, uid: str, local_id: int | None, href: str, etag: str,
                values: dict, kind: str = KIND) -> None:
    SyncItem.insert(account=account, kind=kind, uid=uid, local_id=local_id, href=href,
                    etag=etag, state=json.dumps(values, sort_keys=True)).on_conflict(
        conflict_target=[SyncItem.account, SyncItem.kind, SyncItem.uid],
        update={SyncItem.local_id: local_id, SyncItem.href: href, SyncItem.etag: etag,
                SyncItem.state: json.dumps(values, sort_keys=True)}).execute()


# Sending ---------------------------------------------------------------------------------

def send(ctx, plan: PeoplePlan, recorded: list) -> None:
    """PUT the cards and DELETE the ones deleted here; each success is appended to
    ``recorded`` (the engine writes them, also when a later request fails)."""
    client = ctx.book_client
    total = len(plan.pushes) + len(plan.remote_deletes)
    done = 0
    for push in plan.pushes:
        ctx.check_cancel()
        status, etag = client.put(push.href, push.text, "text/vcard", etag=push.etag,
                                  step=f"Sending {_push_name(push)}")
        if status == 412:
            ctx.report.problems.append(f"{_push_name(push)} changed on the server meanwhile; "
                                    "the next sync merges it")
        else:
            if not etag:
                etag = client.etag_of(push.href, f"Sending {_push_name(push)}")
            recorded.append(("state", push.uid, push.person_id, push.href, etag, push.values))
            ctx.count("sent", "people added" if push.etag is None else "people changed")
        done += 1
        ctx.step("Sending contacts", done, total)
    for item in plan.remote_deletes:
        ctx.check_cancel()
        forgotten = json.loads(item.state).get("forgotten")
        status = client.delete(item.href, "" if forgotten else item.etag,
                               "Deleting a contact on the server")
        if status == 412:
            ctx.report.problems.append("A contact deleted here changed on the server meanwhile; "
                                    "the next sync brings it back")
        else:
            recorded.append(("forget", item.id))
            ctx.count("sent", "deleted")
        done += 1
        ctx.step("Sending contacts", done, total)


def _push_name(push: Push) -> str:
    values = push.values
    return " ".join(p for p in (values["first_name"], values["last_name"]) if p) or "a contact"


def check_collection(ctx) -> None:
    if not ctx.row.addressbook_url:
        raise SyncError("This account has no address book")
