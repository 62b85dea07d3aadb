"""The referral forest in plain Python: people, referrals, and one tree rooted at Me.

Everything is read in five queries. People who were not referred by anyone
hang off Me through one group node per relationship ("Family", "Friend", ...);
everyone else hangs below one of the people who referred them (the one
closest to Me), and any further referrals become cross edges. Thousands of
imported connections directly in one group, who referred nobody and whom
nobody referred, are gathered into one cluster node until the user opens it.

People and referrals are tuples (made fast from the rows, light to hold for a
hundred thousand people); a referral's date is read from its text on demand.
"""

from __future__ import annotations

import datetime
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.db.models import RELATIONSHIPS, database_proxy

ME = 0
"""The node id of the user, the root of the forest (person ids start at 1)."""

GROUP_IDS = {relationship: -(index + 1) for index, relationship in enumerate(RELATIONSHIPS)}
"""Node ids of the relationship groups that hang off Me (negative, never a person)."""
GROUP_RELATIONSHIPS = {node: relationship for relationship, node in GROUP_IDS.items()}
CLUSTER_BASE = -1000
"""Cluster node ids count down from here (below every group id)."""
CLUSTER_MIN = 500
"""A group gathers its unconnected people of one source into a cluster from this many on."""


class PersonNode(NamedTuple):
    id: int
    first_name: str
    last_name: str
    stage: str
    relationship: str
    organization_id: int | None
    organization: str
    job_title: str
    career_field_ids: tuple[int, ...] = ()
    source: str = ""

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return (self.last_name.casefold(), self.first_name.casefold(), self.id)


def _date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class ReferralEdge(NamedTuple):
    """``referrer`` introduced the user to ``referred``; ``day`` is the date as stored."""

    id: int
    referrer: int
    referred: int
    day: str | datetime.date | None
    note: str

    @property
    def date(self) -> datetime.date | None:
        return _date(self.day)


def _ranks(ordered: list[int]) -> array | dict[int, int]:
    """Each person id's place in ``ordered``, in an array indexed by id (-1: not there);
    in a dict if the ids are so sparse that the array would be the larger."""
    highest = max(ordered, default=0)
    if highest > 4 * len(ordered) + 1024:
        return {node: place for place, node in enumerate(ordered)}
    ranks = array("i", [-1]) * (highest + 1)
    for place, node in enumerate(ordered):
        ranks[node] = place
    return ranks


def _group_edges(edges: list[ReferralEdge], end: int,
                 into: dict[int, tuple[ReferralEdge, ...]]) -> None:
    """Gather the edges (in their order) by the node at their ``end`` (1 referrer, 2
    referred), as one tuple per node: most people have one or two, and a tuple of one
    holds a third less than a list of one."""
    lists: dict[int, list[ReferralEdge]] = {}
    for edge in edges:
        found = lists.get(edge[end])
        if found is None:
            lists[edge[end]] = [edge]
        else:
            found.append(edge)
    for node, found in lists.items():
        into[node] = tuple(found)


@dataclass
class ReferralGraph:
    """People and referrals as loaded; adjacency lists are in name order.

    ``ordered`` lists every person id in name order (last name, first name) and ``rank``
    gives each id its place there: an array indexed by person id (-1 for an id not held),
    four bytes a person rather than a dict entry and an int object each (a dict when the
    ids are very sparse).
    """

    people: dict[int, PersonNode]
    referrals: list[ReferralEdge]
    organizations: dict[int, str] = field(default_factory=dict)
    career_fields: dict[int, str] = field(default_factory=dict)
    out_edges: dict[int, tuple[ReferralEdge, ...]] = field(default_factory=dict)
    in_edges: dict[int, tuple[ReferralEdge, ...]] = field(default_factory=dict)
    rank: array | dict[int, int] = field(default_factory=dict)
    ordered: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id: dict[int, ReferralEdge] | None = None
        self._index()

    def _index(self) -> None:
        people = self.people
        if not self.ordered or len(self.ordered) != len(people):
            keys = {i: (p[2].casefold(), p[1].casefold(), i) for i, p in people.items()}
            self.ordered = sorted(keys, key=keys.__getitem__)
        self.rank = rank = _ranks(self.ordered)
        self.out_edges, self.in_edges = {}, {}
        edges = [e for e in self.referrals if e[1] in people and e[2] in people]
        out_edges, in_edges = self.out_edges, self.in_edges
        # Appending in name order keeps every adjacency list in name order.
        edges.sort(key=lambda e: rank[e[2]])
        _group_edges(edges, 1, out_edges)
        edges.sort(key=lambda e: rank[e[1]])
        _group_edges(edges, 2, in_edges)

    def name(self, node: int) -> str:
        if node == ME:
            return "Me"
        if node in GROUP_RELATIONSHIPS:
            return RELATIONSHIP_LABELS[GROUP_RELATIONSHIPS[node]]
        person = self.people.get(node)
        return person.name if person else ""

    def sorted_ids(self, ids: Iterable[int] | None = None) -> list[int]:
        """Person ids in name order (last name, first name)."""
        if ids is None:
            return list(self.ordered)
        return sorted(ids, key=self.rank.__getitem__)

    def direct_contacts(self) -> list[int]:
        """People the user knows without an introduction: nobody referred them, or the
        user knows them in another way too (relationship other than "referral")."""
        people, in_edges = self.people, self.in_edges
        return [i for i in self.ordered
                if i not in in_edges or people[i].relationship != "referral"]

    def referral(self, referral_id: int) -> ReferralEdge | None:
        if self._by_id is None:
            self._by_id = {edge.id: edge for edge in self.referrals}
        return self._by_id.get(referral_id)

    # Patching (an edit seen through the change flow, without reading everything) --------

    def with_referrals(self, referrals: list[ReferralEdge],
                       removed: Iterable[int] = ()) -> ReferralGraph:
        """A new graph with the same people (less ``removed``) and these referrals; this one
        is left as it is (it may still be drawn)."""
        gone = set(removed)
        people = {i: p for i, p in self.people.items() if i not in gone}
        ordered = [i for i in self.ordered if i not in gone]
        return ReferralGraph(people, referrals, self.organizations, self.career_fields,
                             ordered=ordered)

    def put_person(self, person: PersonNode) -> None:
        """Add ``person`` or replace what the graph holds of them, keeping the name order."""
        old = self.people.get(person.id)
        self.people[person.id] = person
        if old is not None and old.sort_key == person.sort_key:
            return
        if old is not None:
            self.ordered.remove(person.id)
        key = person.sort_key
        keys = self.people
        low, high = 0, len(self.ordered)
        while low < high:  # binary search on the name order
            middle = (low + high) // 2
            if keys[self.ordered[middle]].sort_key < key:
                low = middle + 1
            else:
                high = middle
        self.ordered.insert(low, person.id)
        self.rank = _ranks(self.ordered)

    def drop_person(self, person_id: int) -> None:
        """Forget a person who has no referrals (the caller checks)."""
        if self.people.pop(person_id, None) is not None:
            self.ordered.remove(person_id)
            self.rank = _ranks(self.ordered)

    def add_referral(self, edge: ReferralEdge) -> None:
        """Hold one more referral, keeping the adjacency lists in name order."""
        self.referrals.append(edge)
        if self._by_id is not None:
            self._by_id[edge.id] = edge
        rank = self.rank
        for end, lists, other in ((1, self.out_edges, 2), (2, self.in_edges, 1)):
            found = lists.get(edge[end], ())
            key = rank[edge[other]]
            place = next((i for i, e in enumerate(found) if rank[e[other]] > key), len(found))
            lists[edge[end]] = (*found[:place], edge, *found[place:])

    def remove_referrals(self, ids: set[int]) -> list[ReferralEdge]:
        """Let go of the referrals ``ids``; returns those held."""
        gone = [e for e in self.referrals if e[0] in ids]
        if not gone:
            return gone
        self.referrals[:] = [e for e in self.referrals if e[0] not in ids]
        for edge in gone:
            if self._by_id is not None:
                self._by_id.pop(edge.id, None)
            for end, lists in ((1, self.out_edges), (2, self.in_edges)):
                found = lists.get(edge[end])
                if found is not None:
                    kept = tuple(e for e in found if e[0] != edge[0])
                    if kept:
                        lists[edge[end]] = kept
                    else:
                        del lists[edge[end]]
        return gone

    def replace_referral(self, edge: ReferralEdge) -> None:
        """Take the new date and note of a referral held (same people)."""
        self.remove_referrals({edge.id})
        self.add_referral(edge)


PERSON_COLUMNS = (
    "SELECT p.id, p.first_name, p.last_name, p.stage, p.relationship, "
    "p.organization_id, coalesce(o.name, ''), p.job_title, p.source FROM person p "
    "LEFT JOIN organization o ON o.id = p.organization_id"
)


def _person(row, fields: tuple[int, ...], same=None) -> PersonNode:
    """A person from a row of PERSON_COLUMNS; ``same`` (a dict's setdefault) makes values
    that repeat (stage, organization, title...) one string each, not one per person."""
    if same is None:
        return tuple.__new__(PersonNode, (row[0], row[1], row[2], row[3], row[4], row[5],
                                          row[6], row[7], fields, row[8] or ""))
    return tuple.__new__(PersonNode, (row[0], same(row[1], row[1]), row[2], same(row[3], row[3]),
                                      same(row[4], row[4]), row[5], same(row[6], row[6]),
                                      same(row[7], row[7]), same(fields, fields),
                                      same(row[8], row[8]) or ""))


def load_person(person_id: int) -> PersonNode | None:
    """One person as the graph holds them (two small queries), or None when deleted."""
    db = database_proxy
    row = db.execute_sql(PERSON_COLUMNS + " WHERE p.id = ?", [person_id]).fetchone()
    if row is None:
        return None
    fields = tuple(f for (f,) in db.execute_sql(
        "SELECT career_field_id FROM person_career_field WHERE person_id = ? "
        "ORDER BY career_field_id", [person_id]))
    return _person(row, fields)


def load_referrals(people: dict[int, PersonNode] | None = None,
                   previous: Iterable[ReferralEdge] = ()) -> list[ReferralEdge]:
    """Every referral, in id order (one query). With ``people``, the two ids of each are
    the ints those people are held under, not two more objects per referral; a referral
    unchanged since ``previous`` (those held now) is that same tuple."""
    new = tuple.__new__
    same = {}.setdefault
    if people:
        for person_id in people:
            same(person_id, person_id)
    held = {edge[0]: edge for edge in previous}.get
    edges = []
    for rid, a, b, day, note in database_proxy.execute_sql(
            "SELECT id, referrer_id, referred_id, date, note FROM referral ORDER BY id"):
        edge = new(ReferralEdge, (rid, same(a, a), same(b, b), same(day, day),
                                  same(note, note) or ""))
        before = held(rid)
        edges.append(before if before == edge else edge)
    return edges


def load_graph(previous: ReferralGraph | None = None) -> ReferralGraph:
    """Read every person, referral, organization and career field in five queries.

    With ``previous`` (the graph on screen while this one is read), a person unchanged
    since is held as the same tuple: both graphs live at once until the new one is drawn,
    and need not hold two copies of everyone."""
    db = database_proxy
    same = {}.setdefault
    fields: dict[int, tuple[int, ...]] = {}
    # In person order, each person's fields in a row: one tuple each (shared by everyone
    # with the same fields), no list per person on the way.
    person, held = None, []
    for person_id, field_id in db.execute_sql(
        "SELECT person_id, career_field_id FROM person_career_field "
        "ORDER BY person_id, career_field_id"
    ):
        if person_id != person:
            if held:
                key = tuple(held)
                fields[person] = same(key, key)
            person, held = person_id, []
        held.append(field_id)
    if held:
        key = tuple(held)
        fields[person] = same(key, key)
    get = fields.get
    people = {row[0]: _person(row, get(row[0], ()), same)
              for row in db.execute_sql(PERSON_COLUMNS)}
    if previous is not None:
        held = previous.people.get
        for person_id, person in people.items():
            before = held(person_id)
            if before == person:
                people[person_id] = before
    organizations = dict(db.execute_sql(
        "SELECT id, name FROM organization ORDER BY name COLLATE NOCASE").fetchall())
    career_fields = dict(db.execute_sql(
        "SELECT id, name FROM career_field ORDER BY name COLLATE NOCASE").fetchall())
    return ReferralGraph(people, load_referrals(
        people, previous.referrals if previous is not None else ()), organizations,
        career_fields)


@dataclass
class Cluster:
    """People of one group and one source shown as one node until opened.

    ``members`` are in name order; ``key`` (relationship, source) names the cluster across
    reloads, so one the user opened stays open.
    """

    id: int
    group: int
    source: str
    members: list[int]

    @property
    def key(self) -> tuple[str, str]:
        return (GROUP_RELATIONSHIPS[self.group], self.source)

    @property
    def label(self) -> str:
        count = len(self.members)
        if self.source:
            return f"{count:,} {self.source} connections"
        return f"{count:,} more {'person' if count == 1 else 'people'}"


@dataclass
class Forest:
    """One tree over the shown people: Me, relationship groups, then people.

    ``children`` lists each node's children in drawing order; ``tree_edge`` gives,
    for every person drawn, the referral that placed them (None under a group);
    ``cross_edges`` are the shown referrals that are not tree edges. ``clusters``
    are the cluster nodes (each a leaf under its group) and ``cluster_of`` gives the
    cluster of each person gathered in one (they are in no other mapping).
    """

    children: dict[int, list[int]]
    parent: dict[int, int]
    tree_edge: dict[int, ReferralEdge | None]
    cross_edges: list[ReferralEdge]
    group_sizes: dict[int, int]
    clusters: dict[int, Cluster] = field(default_factory=dict)
    cluster_of: dict[int, int] = field(default_factory=dict)

    @property
    def nodes(self) -> list[int]:
        return [ME, *self.parent]

    def cluster_by_key(self, key: tuple[str, str]) -> Cluster | None:
        return next((c for c in self.clusters.values() if c.key == key), None)

    def attach(self, node: int, parent: int, edge: ReferralEdge | None) -> None:
        """Hang ``node`` (a leaf) below ``parent``, last among its children."""
        self.parent[node] = parent
        self.tree_edge[node] = edge
        self.children.setdefault(parent, []).append(node)

    def detach(self, node: int) -> int | None:
        """Take the leaf ``node`` off the tree; returns its parent (None if not drawn)."""
        parent = self.parent.pop(node, None)
        self.tree_edge.pop(node, None)
        if parent is not None:
            kids = self.children.get(parent)
            if kids and node in kids:
                kids.remove(node)
        return parent


def build_forest(graph: ReferralGraph, shown: set[int] | None = None,
                 expanded: Iterable[tuple[str, str]] = (),
                 cluster_min: int | None = None) -> Forest:
    """Choose one parent per shown person (breadth first from Me, so the one closest to Me);
    gather large unconnected sets in a group into clusters, except those ``expanded``."""
    people = graph.people
    out_edges, in_edges = graph.out_edges, graph.in_edges
    cluster_min = CLUSTER_MIN if cluster_min is None else cluster_min
    if shown is None:
        shown_ids = graph.ordered
        shown_set = people
        roots = [i for i in shown_ids if i not in in_edges]
    else:
        shown_ids = graph.sorted_ids(i for i in shown if i in people)
        shown_set = set(shown_ids)
        roots = [i for i in shown_ids
                 if not any(e[1] in shown_set for e in in_edges.get(i, ()))]
    parent: dict[int, int] = {}
    tree_edge: dict[int, ReferralEdge | None] = {}
    children: dict[int, list[int]] = {ME: []}
    members: dict[int, list[int]] = {}

    def spread(queue: deque[int]) -> None:
        pop, push = queue.popleft, queue.append
        while queue:
            node = pop()
            for edge in out_edges.get(node, ()):
                child = edge[2]
                if child not in parent and child in shown_set:
                    parent[child] = node
                    tree_edge[child] = edge
                    kids = children.get(node)
                    if kids is None:
                        children[node] = [child]
                    else:
                        kids.append(child)
                    push(child)

    group_of = GROUP_IDS

    def hang(person_id: int) -> None:
        group = group_of[people[person_id][4]]
        found = members.get(group)
        if found is None:
            members[group] = [person_id]
        else:
            found.append(person_id)
        parent[person_id] = group
        tree_edge[person_id] = None

    for person_id in roots:
        hang(person_id)
    spread(deque(roots))
    # People only reachable through a loop of referrals (imported data) start their own tree.
    if len(parent) < len(shown_ids):
        for person_id in shown_ids:
            if person_id not in parent:
                hang(person_id)
                spread(deque([person_id]))

    clusters: dict[int, Cluster] = {}
    cluster_of: dict[int, int] = {}
    expanded = set(expanded)
    for relationship in RELATIONSHIPS:
        group = GROUP_IDS[relationship]
        if group not in members:
            continue
        kept = members[group]
        loose: dict[str, list[int]] = {}
        for person_id in kept:
            if person_id not in out_edges and person_id not in in_edges:
                loose.setdefault(people[person_id][9], []).append(person_id)
        gathered = {source: ids for source, ids in loose.items()
                    if len(ids) >= cluster_min and (relationship, source) not in expanded}
        if gathered:
            out = set()
            for source in sorted(gathered):
                cluster = Cluster(CLUSTER_BASE - len(clusters), group, source, gathered[source])
                clusters[cluster.id] = cluster
                for person_id in cluster.members:
                    cluster_of[person_id] = cluster.id
                    del parent[person_id]
                    del tree_edge[person_id]
                out.update(cluster.members)
            kept = [i for i in kept if i not in out]
            kept += [c.id for c in clusters.values() if c.group == group]
            for cluster_id in kept[-len(gathered):]:
                parent[cluster_id] = group
        children[group] = kept
    group_sizes = {g: len(members[g]) for g in members}
    children[ME] = [GROUP_IDS[r] for r in RELATIONSHIPS if GROUP_IDS[r] in members]
    used = {e.id for e in tree_edge.values() if e is not None}
    cross = [e for e in graph.referrals
             if e[0] not in used and e[1] in shown_set and e[2] in shown_set]
    # Me's children first, then everyone else, for a stable node order.
    ordered_parent = dict.fromkeys(children[ME], ME)
    ordered_parent.update(parent)
    return Forest(children, ordered_parent, tree_edge, cross, group_sizes, clusters,
                  cluster_of)
