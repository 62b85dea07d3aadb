"""The contact tree's queries: people grouped by one of their attributes, filtered in SQL.

Each grouping gives the group rows in one aggregate query and the members of a
group a page at a time, so a tree over 50,000 people loads only what is shown.
The filter is a prefix match on name, organization, title, email and tags, read from the
search index (FTS5 in a file, a tsvector on PostgreSQL: :mod:`netdesk.db.dialect`).
"""

from __future__ import annotations

from typing import NamedTuple

from netdesk.core.vocabulary import RELATIONSHIP_LABELS, STAGE_LABELS
from netdesk.db import dialect
from netdesk.db.models import STAGES, database_proxy

GROUPINGS = {
    "organization": "Organization",
    "relationship": "Relationship",
    "career_field": "Career field",
    "stage": "Pipeline stage",
}
NAME_ORDER = "p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id"
SORT_KEYS = NAME_ORDER  # as a row value, for paging from the last member shown


class Group(NamedTuple):
    key: object  # organization id, relationship word, career field id, stage word; None = "none"
    label: str
    count: int


class Member(NamedTuple):
    person_id: int
    name: str
    detail: str  # job title and organization, for the tooltip
    last_name: str = ""  # the sort keys, to read the next page from here
    first_name: str = ""


def match_expression(text: str) -> str | None:
    """The search index's query matching every typed word as a prefix
    (:func:`netdesk.db.dialect.search_terms`); None for an empty filter."""
    words = [w.strip("*") for w in text.replace('"', " ").split() if w.strip("*")]
    if not words:
        return None
    return dialect.search_terms(words)


def _filter_clause(match: str | None) -> tuple[str, list]:
    if match is None:
        return "TRUE", []
    return dialect.search_filter("p.id"), [match]


def groups(grouping: str, filter_text: str = "") -> list[Group]:
    """The non-empty groups for ``grouping``, in display order, with member counts."""
    where, params = _filter_clause(match_expression(filter_text))
    db = database_proxy
    if grouping == "organization":
        # Counted from the index alone, then each group's name (one per organization).
        rows = db.execute_sql(
            f"SELECT g.organization_id, o.name, g.n FROM (SELECT p.organization_id, "
            f"count(*) AS n FROM person p WHERE {where} GROUP BY p.organization_id) AS g "
            f"LEFT JOIN organization o ON o.id = g.organization_id "
            f"ORDER BY o.name IS NULL, o.name COLLATE NOCASE",
            params,
        )
        return [Group(key, name or "No organization", n) for key, name, n in rows.fetchall()]
    if grouping == "relationship":
        rows = db.execute_sql(
            f"SELECT p.relationship, count(*) FROM person p WHERE {where} GROUP BY 1", params
        )
        counts = dict(rows.fetchall())
        return [Group(k, label, counts[k]) for k, label in RELATIONSHIP_LABELS.items()
                if k in counts]
    if grouping == "stage":
        rows = db.execute_sql(
            f"SELECT p.stage, count(*) FROM person p WHERE {where} GROUP BY 1", params
        )
        counts = dict(rows.fetchall())
        return [Group(k, STAGE_LABELS[k], counts[k]) for k in STAGES if k in counts]
    if grouping == "career_field":
        rows = db.execute_sql(
            f"SELECT f.id, f.name, count(*) FROM person_career_field l "
            f"JOIN career_field f ON f.id = l.career_field_id JOIN person p ON p.id = l.person_id "
            f"WHERE {where} GROUP BY f.id ORDER BY f.name COLLATE NOCASE",
            params,
        )
        result = [Group(key, name, n) for key, name, n in rows]
        none = db.execute_sql(
            f"SELECT count(*) FROM person p WHERE {where} AND NOT EXISTS "
            f"(SELECT 1 FROM person_career_field l WHERE l.person_id = p.id)",
            params,
        ).fetchone()[0]
        if none:
            result.append(Group(None, "No career field", none))
        return result
    raise ValueError(f"unknown grouping {grouping!r}")


def _member_clause(grouping: str, key) -> tuple[str, list]:
    if grouping == "organization":
        return ("p.organization_id IS NULL", []) if key is None else ("p.organization_id = ?",
                                                                      [key])
    if grouping in ("relationship", "stage"):
        return f"p.{grouping} = ?", [key]
    if grouping == "career_field":
        if key is None:
            return ("NOT EXISTS (SELECT 1 FROM person_career_field l WHERE l.person_id = p.id)",
                    [])
        return ("p.id IN (SELECT person_id FROM person_career_field WHERE career_field_id = ?)",
                [key])
    raise ValueError(f"unknown grouping {grouping!r}")


def members(grouping: str, key, filter_text: str = "", offset: int = 0,
            limit: int = 200, after: Member | None = None) -> list[Member]:
    """A page of a group's people, sorted by last then first name (case ignored), then id.

    With ``after`` (the last member already shown) the page starts right after it,
    read from the index in order; ``offset`` is for the first page only.
    """
    member_where, member_params = _member_clause(grouping, key)
    where, params = _filter_clause(match_expression(filter_text))
    keyset, keyset_params = "TRUE", []
    if after is not None:
        keyset = f"({SORT_KEYS}) > (?, ?, ?)"
        keyset_params = [after.last_name, after.first_name, after.person_id]
        offset = 0
    # The ids come from the grouping's index alone (skipping ``offset`` rows there costs
    # little); only the page's own rows are then read with their organization.
    rows = database_proxy.execute_sql(
        f"SELECT p.id, p.first_name, p.last_name, p.job_title, coalesce(o.name, '') "
        f"FROM (SELECT p.id FROM person p WHERE {member_where} AND {where} AND {keyset} "
        f"ORDER BY {NAME_ORDER} LIMIT ? OFFSET ?) AS page "
        f"JOIN person p ON p.id = page.id LEFT JOIN organization o ON o.id = p.organization_id "
        f"ORDER BY {NAME_ORDER}",
        [*member_params, *params, *keyset_params, limit, offset],
    )
    return [Member(pid, f"{first} {last}".strip(), " · ".join(x for x in (title, org) if x),
                   last, first)
            for pid, first, last, title, org in rows]


def group_key_of(grouping: str, person_id: int):
    """The key of the (first) group that holds ``person_id`` under ``grouping``."""
    db = database_proxy
    if grouping == "career_field":
        row = db.execute_sql(
            "SELECT f.id FROM person_career_field l JOIN career_field f "
            "ON f.id = l.career_field_id WHERE l.person_id = ? ORDER BY f.name COLLATE NOCASE "
            "LIMIT 1", [person_id]).fetchone()
        return row[0] if row else None
    column = {"organization": "organization_id", "relationship": "relationship",
              "stage": "stage"}[grouping]
    row = db.execute_sql(f"SELECT {column} FROM person WHERE id = ?", [person_id]).fetchone()
    return row[0] if row else None


def position_in_group(grouping: str, key, person_id: int, filter_text: str = "") -> int:
    """The row of ``person_id`` among its group's members (in member order), or -1.

    Counted from the index: the members whose sort keys come before the person's.
    """
    member_where, member_params = _member_clause(grouping, key)
    where, params = _filter_clause(match_expression(filter_text))
    person = database_proxy.execute_sql(
        f"SELECT p.last_name, p.first_name FROM person p "
        f"WHERE p.id = ? AND {member_where} AND {where}",
        [person_id, *member_params, *params]).fetchone()
    if person is None:
        return -1
    (before,) = database_proxy.execute_sql(
        f"SELECT count(*) FROM person p WHERE {member_where} AND {where} "
        f"AND ({SORT_KEYS}) < (?, ?, ?)",
        [*member_params, *params, person[0], person[1], person_id]).fetchone()
    return before
