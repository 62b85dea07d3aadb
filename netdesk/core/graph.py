"""The referral forest in plain Python: people, referrals, and one tree rooted at Me.

Everything is read in four queries. People who were not referred by anyone
hang off Me through one group node per relationship ("Family", "Friend", ...);
everyone else hangs below one of the people who referred them (the one
closest to Me), and any further referrals become cross edges.
"""

from __future__ import annotations

import datetime
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.db.models import RELATIONSHIPS, database_proxy

ME = 0
"""The node id of the user, the root of the forest (person ids start at 1)."""

GROUP_IDS = {relationship: -(index + 1) for index, relationship in enumerate(RELATIONSHIPS)}
"""Node ids of the relationship groups that hang off Me (negative, never a person)."""
GROUP_RELATIONSHIPS = {node: relationship for relationship, node in GROUP_IDS.items()}


@dataclass(frozen=True, slots=True)
class PersonNode:
    id: int
    first_name: str
    last_name: str
    stage: str
    relationship: str
    organization_id: int | None
    organization: str
    job_title: str
    career_field_ids: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return (self.last_name.casefold(), self.first_name.casefold(), self.id)


@dataclass(frozen=True, slots=True)
class ReferralEdge:
    """``referrer`` introduced the user to ``referred``."""

    id: int
    referrer: int
    referred: int
    date: datetime.date | None
    note: str


@dataclass
class ReferralGraph:
    """People and referrals as loaded; adjacency lists are in name order."""

    people: dict[int, PersonNode]
    referrals: list[ReferralEdge]
    organizations: dict[int, str] = field(default_factory=dict)
    career_fields: dict[int, str] = field(default_factory=dict)
    out_edges: dict[int, list[ReferralEdge]] = field(default_factory=dict)
    in_edges: dict[int, list[ReferralEdge]] = field(default_factory=dict)
    rank: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        people = self.people
        ordered = sorted(people.values(), key=lambda p: p.sort_key)
        self.rank = {person.id: index for index, person in enumerate(ordered)}
        rank = self.rank
        for edge in self.referrals:
            if edge.referrer in people and edge.referred in people:
                self.out_edges.setdefault(edge.referrer, []).append(edge)
                self.in_edges.setdefault(edge.referred, []).append(edge)
        for edges in self.out_edges.values():
            edges.sort(key=lambda e: rank[e.referred])
        for edges in self.in_edges.values():
            edges.sort(key=lambda e: rank[e.referrer])

    def name(self, node: int) -> str:
        if node == ME:
            return "Me"
        if node in GROUP_RELATIONSHIPS:
            return RELATIONSHIP_LABELS[GROUP_RELATIONSHIPS[node]]
        person = self.people.get(node)
        return person.name if person else ""

    def sorted_ids(self, ids: Iterable[int] | None = None) -> list[int]:
        """Person ids in name order (last name, first name)."""
        return sorted(self.people if ids is None else ids, key=self.rank.__getitem__)

    def direct_contacts(self) -> list[int]:
        """People the user knows without an introduction: nobody referred them, or the
        user knows them in another way too (relationship other than "referral")."""
        return [i for i in self.sorted_ids()
                if i not in self.in_edges or self.people[i].relationship != "referral"]

    def referral(self, referral_id: int) -> ReferralEdge | None:
        for edge in self.referrals:
            if edge.id == referral_id:
                return edge
        return None


def _date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


PERSON_COLUMNS = (
    "SELECT p.id, p.first_name, p.last_name, p.stage, p.relationship, "
    "p.organization_id, o.name, p.job_title FROM person p "
    "LEFT JOIN organization o ON o.id = p.organization_id"
)


def load_person(person_id: int) -> PersonNode | None:
    """One person as the graph holds them (two small queries), or None when deleted."""
    db = database_proxy
    row = db.execute_sql(PERSON_COLUMNS + " WHERE p.id = ?", [person_id]).fetchone()
    if row is None:
        return None
    fields = tuple(f for (f,) in db.execute_sql(
        "SELECT career_field_id FROM person_career_field WHERE person_id = ? "
        "ORDER BY career_field_id", [person_id]))
    return PersonNode(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "", row[7],
                      fields)


def load_graph() -> ReferralGraph:
    """Read every person, referral, organization and career field in four queries."""
    db = database_proxy
    fields_of: dict[int, list[int]] = {}
    for person_id, field_id in db.execute_sql(
        "SELECT person_id, career_field_id FROM person_career_field ORDER BY career_field_id"
    ):
        fields_of.setdefault(person_id, []).append(field_id)
    people = {
        row[0]: PersonNode(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "", row[7],
                           tuple(fields_of.get(row[0], ())))
        for row in db.execute_sql(PERSON_COLUMNS)
    }
    referrals = [
        ReferralEdge(rid, a, b, _date(date), note or "")
        for rid, a, b, date, note in db.execute_sql(
            "SELECT id, referrer_id, referred_id, date, note FROM referral ORDER BY id")
    ]
    organizations = dict(db.execute_sql(
        "SELECT id, name FROM organization ORDER BY name COLLATE NOCASE").fetchall())
    career_fields = dict(db.execute_sql(
        "SELECT id, name FROM career_field ORDER BY name COLLATE NOCASE").fetchall())
    return ReferralGraph(people, referrals, organizations, career_fields)


@dataclass
class Forest:
    """One tree over the shown people: Me, relationship groups, then people.

    ``children`` lists each node's children in drawing order; ``tree_edge`` gives,
    for every person, the referral that placed them (None under a group);
    ``cross_edges`` are the shown referrals that are not tree edges.
    """

    children: dict[int, list[int]]
    parent: dict[int, int]
    tree_edge: dict[int, ReferralEdge | None]
    cross_edges: list[ReferralEdge]
    group_sizes: dict[int, int]

    @property
    def nodes(self) -> list[int]:
        return [ME, *self.parent]


def build_forest(graph: ReferralGraph, shown: set[int] | None = None) -> Forest:
    """Choose one parent per shown person (breadth first from Me, so the one closest to Me)."""
    people = graph.people
    shown_ids = graph.sorted_ids(people if shown is None else (i for i in shown if i in people))
    shown_set = set(shown_ids)
    parent: dict[int, int] = {}
    tree_edge: dict[int, ReferralEdge | None] = {}
    children: dict[int, list[int]] = {ME: []}

    def referred_in_shown(node: int) -> bool:
        return any(e.referrer in shown_set for e in graph.in_edges.get(node, ()))

    roots = [i for i in shown_ids if not referred_in_shown(i)]
    queue: deque[int] = deque()
    members: dict[int, list[int]] = {}

    def hang(person_id: int) -> None:
        group = GROUP_IDS[people[person_id].relationship]
        members.setdefault(group, []).append(person_id)
        parent[person_id] = group
        tree_edge[person_id] = None
        queue.append(person_id)

    def spread() -> None:
        while queue:
            node = queue.popleft()
            for edge in graph.out_edges.get(node, ()):
                child = edge.referred
                if child in shown_set and child not in parent:
                    parent[child] = node
                    tree_edge[child] = edge
                    children.setdefault(node, []).append(child)
                    queue.append(child)

    for person_id in roots:
        hang(person_id)
    spread()
    # People only reachable through a loop of referrals (imported data) start their own tree.
    for person_id in shown_ids:
        if person_id not in parent:
            hang(person_id)
            spread()
    for relationship in RELATIONSHIPS:
        group = GROUP_IDS[relationship]
        if group in members:
            children[ME].append(group)
            children[group] = members[group]
            parent[group] = ME
    used = {e.id for e in tree_edge.values() if e is not None}
    cross = [e for e in graph.referrals
             if e.id not in used and e.referrer in shown_set and e.referred in shown_set]
    # parent holds group nodes last; keep Me's children first for a stable node order.
    ordered_parent = {g: ME for g in children[ME]}
    ordered_parent.update((k, v) for k, v in parent.items() if k not in ordered_parent)
    return Forest(children, ordered_parent, tree_edge, cross,
                  {g: len(members[g]) for g in children[ME]})
