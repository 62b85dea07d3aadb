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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, groupby, islice, repeat
from operator import add, eq, itemgetter, mul
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


def _name_order(people: dict[int, PersonNode]) -> list[int]:
    """Person ids in name order (last name, first name, case folded; then id), sorted on
    one string each made by C loops (``map``) rather than a function call per person."""
    ids = sorted(people)
    values = list(map(people.__getitem__, ids))
    lasts = list(map(str.casefold, map(itemgetter(2), values)))
    firsts = list(map(str.casefold, map(itemgetter(1), values)))
    if "\0" in "".join(lasts):  # the separator in a name (never typed): sort on pairs
        keys = list(zip(lasts, firsts, strict=True))
    else:
        keys = list(map(add, map(add, lasts, repeat("\0")), firsts))
    # A stable sort of ids in ascending order: equal names stay in id order.
    return list(map(ids.__getitem__, sorted(range(len(ids)), key=keys.__getitem__)))


def _group_edges(edges: list[ReferralEdge], end: int, rank: array | dict[int, int],
                 count: int) -> dict[int, tuple[ReferralEdge, ...]]:
    """The edges by the node at their ``end`` (1 referrer, 2 referred), as one tuple per
    node in the name order of the node at the other end (most people have one or two, and a
    tuple of one holds a third less than a list of one). ``count`` is more than any rank.
    The edges are sorted on one int each (node, then rank of the other end; the sort keeps
    the id order of equal keys) and cut into runs of one node."""
    other = 3 - end
    keys = list(map(add, map(mul, map(itemgetter(end), edges), repeat(count)),
                    map(rank.__getitem__, map(itemgetter(other), edges))))
    order = sorted(range(len(edges)), key=keys.__getitem__)
    ordered = list(map(edges.__getitem__, order))
    return {node: tuple(run) for node, run in groupby(ordered, itemgetter(end))}


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
            self.ordered = _name_order(people)
        self.rank = rank = _ranks(self.ordered)
        edges = [e for e in self.referrals if e[1] in people and e[2] in people]
        # Each adjacency list in the name order of the other ends.
        count = len(self.ordered) + 1
        self.out_edges = _group_edges(edges, 1, rank, count)
        self.in_edges = _group_edges(edges, 2, rank, count)

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


_new_person = partial(tuple.__new__, PersonNode)
_new_edge = partial(tuple.__new__, ReferralEdge)


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
    cursor = database_proxy.execute_sql(
        "SELECT id, referrer_id, referred_id, date, coalesce(note, '') FROM referral "
        "ORDER BY id")
    held = dict(zip(people, people, strict=True)) if people else {}
    same = {}.setdefault
    before = {edge[0]: edge for edge in previous}.get if previous else None
    edges: list[ReferralEdge] = []
    for rows in _chunks(cursor):
        # Column by column, in C loops (``map``): one call per value, none per referral.
        ids, referrers, referred, days, notes = zip(*rows, strict=True)
        chunk = map(_new_edge, zip(ids, map(held.get, referrers, referrers),
                                   map(held.get, referred, referred), map(same, days, days),
                                   map(same, notes, notes), strict=True))
        if before is None:
            edges.extend(chunk)
        else:
            edges.extend(old if old == edge else edge
                         for edge, old in zip(chunk, map(before, ids), strict=True))
    return edges


def _chunks(cursor, size: int = 2048):
    """The rows of ``cursor`` a few thousand at a time: what is not kept of one chunk is
    freed before the next is read, whose objects take its place, so that what is kept
    (a hundred thousand people) lies close together in memory, quick to go through later.
    All the rows at once would spread it out over three times the room."""
    while rows := cursor.fetchmany(size):
        yield rows


def _career_fields() -> dict[int, tuple[int, ...]]:
    """Each person's career field ids, in order: one tuple for everyone with the same.
    Most people have one field: those with several are found and grouped apart."""
    rows = database_proxy.execute_sql(
        "SELECT person_id, career_field_id FROM person_career_field "
        "ORDER BY person_id, career_field_id").fetchall()
    if not rows:
        return {}
    last = dict(rows)  # each person's last field
    one = {field_id: (field_id,) for field_id in set(last.values())}
    fields = dict(zip(last, map(one.__getitem__, last.values()), strict=True))
    if len(last) < len(rows):
        people = [row[0] for row in rows]
        several = set(compress(people, map(eq, people, islice(people, 1, None))))
        same = {}.setdefault
        for person_id, run in groupby((r for r in rows if r[0] in several), itemgetter(0)):
            key = tuple(map(itemgetter(1), run))
            fields[person_id] = same(key, key)
    return fields


PEOPLE_COLUMNS = (
    "SELECT id, first_name, last_name, stage, relationship, organization_id, job_title, "
    "coalesce(source, '') FROM person"
)


def load_graph(previous: ReferralGraph | None = None) -> ReferralGraph:
    """Read every person, referral, organization and career field in five queries.

    With ``previous`` (the graph on screen while this one is read), a person unchanged
    since is held as the same tuple: both graphs live at once until the new one is drawn,
    and need not hold two copies of everyone."""
    db = database_proxy
    organizations = dict(db.execute_sql(
        "SELECT id, name FROM organization ORDER BY name COLLATE NOCASE").fetchall())
    career_fields = dict(db.execute_sql(
        "SELECT id, name FROM career_field ORDER BY name COLLATE NOCASE").fetchall())
    fields = _career_fields()
    people: dict[int, PersonNode] = {}
    same = {}.setdefault
    org_names = {None: "", **organizations}
    for rows in _chunks(db.execute_sql(PEOPLE_COLUMNS)):
        # Column by column, in C loops (``map``): values that repeat (stage, organization,
        # title...) made one string each, not one per person, with no call per person.
        ids, firsts, lasts, stages, kinds, org_ids, titles, sources = zip(*rows, strict=True)
        people.update(zip(ids, map(_new_person, zip(
            ids, map(same, firsts, firsts), lasts, map(same, stages, stages),
            map(same, kinds, kinds), org_ids, map(org_names.get, org_ids, repeat("")),
            map(same, titles, titles), map(fields.get, ids, repeat(())),
            map(same, sources, sources), strict=True)), strict=True))
    if previous is not None:
        held = previous.people.get
        for person_id, person in people.items():
            before = held(person_id)
            if before == person:
                people[person_id] = before
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
    children: dict[int, list[int]] = {ME: []}
    members: dict[int, list[int]] = {}
    group_of = GROUP_IDS
    # The roots hang below their groups (column by column: no call per person).
    groups = list(map(group_of.__getitem__, map(itemgetter(4), map(people.__getitem__, roots))))
    parent: dict[int, int] = dict(zip(roots, groups, strict=True))
    tree_edge: dict[int, ReferralEdge | None] = dict.fromkeys(roots)
    for group in dict.fromkeys(groups):  # in the order first met
        members[group] = list(compress(roots, map(eq, groups, repeat(group))))

    def spread(queue: list[int]) -> None:
        """Breadth first from the nodes in ``queue`` (a list read while it grows)."""
        out = out_edges.get
        for node in queue:
            edges = out(node)
            if edges is None:
                continue
            kids = None
            for edge in edges:
                child = edge[2]
                if child not in parent and child in shown_set:
                    parent[child] = node
                    tree_edge[child] = edge
                    if kids is None:
                        kids = children.get(node)
                        if kids is None:
                            kids = children[node] = []
                    kids.append(child)
                    queue.append(child)

    spread(list(roots))
    # People only reachable through a loop of referrals (imported data) start their own tree.
    if len(parent) < len(shown_ids):
        for person_id in shown_ids:
            if person_id not in parent:
                group = group_of[people[person_id][4]]
                members.setdefault(group, []).append(person_id)
                parent[person_id] = group
                tree_edge[person_id] = None
                spread([person_id])

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
    used = {e[0] for e in tree_edge.values() if e is not None}
    cross = [e for e in graph.referrals
             if e[0] not in used and e[1] in shown_set and e[2] in shown_set]
    # Me's children first, then everyone else, for a stable node order.
    ordered_parent = dict.fromkeys(children[ME], ME)
    ordered_parent.update(parent)
    return Forest(children, ordered_parent, tree_edge, cross, group_sizes, clusters,
                  cluster_of)
