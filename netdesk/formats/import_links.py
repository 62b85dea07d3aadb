"""What a people import adds beside the people: company cards and referrals between cards.

A vCard company card (``KIND:org``, Apple's ``X-ABShowAs:COMPANY``) becomes an
organization: created when netdesk has none by that name, otherwise only its empty
website and notes are filled (a value already there is never overwritten).

A card that names who referred the person (netdesk's ``X-NETDESK-REFERRED-BY`` UID, or
a related name labelled "referred by") becomes a referral once the people are written:
the referrer is the card with that UID, failing that the one person with exactly that
full name in the file, failing that in the database. The referral rules of
:mod:`netdesk.core.referrals` apply (no self-referral, no loop); a referral they refuse,
or a referrer that cannot be found for sure, is a warning naming the line.

Both are written in the import's transaction and recorded in its
:class:`~netdesk.formats.people_import.ImportRecord`, so undo takes them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.matching import collapse_spaces, organization_key
from netdesk.core.referrals import ReferralError, check_referral, referral_changes
from netdesk.db.dialect import after_explicit_ids
from netdesk.db.models import database_proxy
from netdesk.formats.records import SKIPPED, OrganizationRecord, ParseResult, Problem

ORGANIZATION_FILLS = ("website", "notes")
"""The columns of an existing organization a company card may fill when they are empty."""


@dataclass
class OrganizationPlan:
    """What one company card will do: create ``record.name`` (``existing`` None), fill
    ``fill`` (column → value) in the organization ``existing``, or nothing."""

    record: OrganizationRecord
    existing: int | None = None
    fill: dict[str, str] = field(default_factory=dict)

    @property
    def adds(self) -> bool:
        return self.existing is None

    @property
    def writes(self) -> bool:
        return self.existing is None or bool(self.fill)


def plan_organizations(result: ParseResult) -> list[OrganizationPlan]:
    """The company cards of ``result`` against the database (read only); a name given by
    several cards is planned once, the later cards filling what the first left empty."""
    if not result.organizations:
        return []
    stored = {organization_key(name): (id_, {"website": website, "notes": notes})
              for id_, name, website, notes in database_proxy.execute_sql(
                  "SELECT id, name, website, notes FROM organization")}
    plans: dict[str, OrganizationPlan] = {}
    for record in result.organizations:
        key = organization_key(record.name)
        if not key:
            continue
        values = {"website": record.website.strip(), "notes": record.notes.strip()}
        plan = plans.get(key)
        if plan is None:
            if key in stored:
                existing, current = stored[key]
                plan = OrganizationPlan(record, existing)
                plan.fill = {c: values[c] for c in ORGANIZATION_FILLS
                             if values[c] and not (current[c] or "").strip()}
            else:
                plan = OrganizationPlan(OrganizationRecord(
                    record.line, collapse_spaces(record.name), values["website"],
                    values["notes"]))
            plans[key] = plan
        elif plan.existing is None:
            for column in ORGANIZATION_FILLS:
                if not getattr(plan.record, column) and values[column]:
                    setattr(plan.record, column, values[column])
        else:
            current = stored[key][1]
            for column in ORGANIZATION_FILLS:
                if values[column] and not (current[column] or "").strip() \
                        and column not in plan.fill:
                    plan.fill[column] = values[column]
    return list(plans.values())


def without_company_skips(result: ParseResult) -> list:
    """The file's problems without the "company card, not imported as a person" notes:
    those cards are imported, as organizations."""
    lines = {record.line for record in result.organizations}
    return [p for p in result.problems
            if not (p.severity == SKIPPED and p.line in lines and "company card, for" in p.message)]


def write_organizations(plans: list[OrganizationPlan], stamp: str) -> tuple[list[dict], dict]:
    """Create and fill the planned organizations (inside the import's transaction).

    Returns the rows inserted, and organization id → ``{"before": …, "after": …}``, the
    filled columns as they were and as they are now (for undo and redo)."""
    inserted: list[dict] = []
    before: dict[int, dict] = {}
    start = (database_proxy.execute_sql("SELECT max(id) FROM organization").fetchone()[0]
             or 0) + 1
    for plan in plans:
        if plan.adds:
            row = {"id": start + len(inserted), "created": stamp, "updated": stamp,
                   "name": plan.record.name, "sector": "", "website": plan.record.website,
                   "culture_notes": "", "notes": plan.record.notes}
            database_proxy.execute_sql(
                f"INSERT INTO organization ({', '.join(row)}) VALUES "
                f"({', '.join('?' * len(row))})", list(row.values()))
            inserted.append(row)
        elif plan.fill:
            current = database_proxy.execute_sql(
                f"SELECT {', '.join(plan.fill)}, updated FROM organization WHERE id = ?",
                (plan.existing,)).fetchone()
            if current is None:
                continue
            *current, updated = current
            filled = {c: v for (c, v), old in zip(plan.fill.items(), current, strict=True)
                      if not (old or "").strip()}
            if not filled:
                continue
            before[plan.existing] = {  # an undo puts back when it was last changed, too
                "before": {**{c: old for c, old in zip(plan.fill, current, strict=True)
                              if c in filled}, "updated": updated},
                "after": {**filled, "updated": stamp}}
            database_proxy.execute_sql(
                f"UPDATE organization SET {', '.join(f'{c} = ?' for c in filled)}, "
                "updated = ? WHERE id = ?", (*filled.values(), stamp, plan.existing))
    if inserted:  # ids numbered here: PostgreSQL's own numbering goes on past them
        after_explicit_ids("organization")
    return inserted, before


# Referrals ---------------------------------------------------------------------------------

def has_referrals(rows) -> bool:
    """Whether any planned row names who referred them."""
    return any(row.record.referred_by_uid or row.record.referred_by.strip() for row in rows)


def _name_key(name: str) -> str:
    return collapse_spaces(name).casefold()


def _database_names() -> dict[str, list[int]]:
    names: dict[str, list[int]] = {}
    for id_, name in database_proxy.execute_sql(
            "SELECT id, trim(first_name || ' ' || last_name) FROM person"):
        names.setdefault(_name_key(name), []).append(id_)
    return names


def write_referrals(rows, people: list[int | None], stamp: str,
                    skip: str) -> tuple[list[dict], list[Problem], Changes]:
    """Add the referrals the cards name (inside the import's transaction, after the people).

    ``people[i]`` is the id of the person row ``i`` became (None when there is none);
    rows whose action is ``skip`` are not referred by anyone. Returns the referral rows
    inserted, the warnings, and what changed.
    """
    if not has_referrals(rows):
        return [], [], NOTHING
    by_uid: dict[str, int] = {}
    by_name: dict[str, set[int]] = {}
    for row, person in zip(rows, people, strict=True):
        if person is None:
            continue
        if row.record.uid:
            by_uid.setdefault(row.record.uid, person)
        by_name.setdefault(_name_key(row.record.full_name), set()).add(person)
    stored: dict[str, list[int]] | None = None
    inserted: list[dict] = []
    problems: list[Problem] = []
    changes = NOTHING
    for row, person in zip(rows, people, strict=True):
        record = row.record
        if person is None or row.action == skip or not (
                record.referred_by_uid or record.referred_by.strip()):
            continue
        referrer = by_uid.get(record.referred_by_uid) if record.referred_by_uid else None
        name = collapse_spaces(record.referred_by)
        if referrer is None and name:
            found = by_name.get(_name_key(name), set())
            if not found:
                if stored is None:
                    stored = _database_names()
                found = set(stored.get(_name_key(name), []))
            if len(found) > 1:
                problems.append(Problem.warning(
                    record.line, f"referred by “{name}”: {len(found)} people have that "
                    "name, so no referral was recorded"))
                continue
            referrer = next(iter(found), None)
        if referrer is None:
            if name:
                problems.append(Problem.warning(
                    record.line, f"referred by “{name}”, who is neither in the file nor in "
                    "netdesk: no referral was recorded"))
            continue
        if database_proxy.execute_sql(
                "SELECT 1 FROM referral WHERE referrer_id = ? AND referred_id = ?",
                (referrer, person)).fetchone():
            continue  # imported before: nothing new
        if referrer == person:
            problems.append(Problem.warning(
                record.line, f"referred by “{name or record.referred_by_uid}”, the same "
                "person: no referral was recorded"))
            continue
        try:
            check_referral(referrer, person)
        except ReferralError as error:
            problems.append(Problem.warning(record.line, f"no referral recorded: {error}"))
            continue
        referral = {"created": stamp, "updated": stamp, "referrer_id": referrer,
                    "referred_id": person, "date": None, "note": ""}
        cursor = database_proxy.execute_sql(
            f"INSERT INTO referral ({', '.join(referral)}) VALUES "
            f"({', '.join('?' * len(referral))}) RETURNING id", list(referral.values()))
        referral = {"id": cursor.fetchone()[0], **referral}
        inserted.append(referral)
        changes = changes | referral_changes(referral["id"], referrer, person)
    return inserted, problems, changes
