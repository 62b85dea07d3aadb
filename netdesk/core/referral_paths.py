"""Who can introduce me to…: shortest referral paths from Me, and the graph's filters.

A path starts at someone the user knows directly and follows referrals
("A introduced me to B") to the person wanted; the person just before the
target is the one to ask for an introduction. Breadth-first search over the
loaded graph, so each query is linear in people plus referrals.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.core.graph import ME, ReferralGraph


@dataclass(frozen=True)
class ReferralPath:
    """``people`` runs from a direct contact of the user to ``target`` (Me is implied)."""

    target: int
    people: tuple[int, ...]

    @property
    def steps(self) -> int:
        return len(self.people)

    @property
    def introducer(self) -> int | None:
        """Who can introduce the user to the target; None when the user knows them."""
        return self.people[-2] if len(self.people) > 1 else None

    @property
    def nodes(self) -> tuple[int, ...]:
        """The path with Me in front, for drawing."""
        return (ME, *self.people)


def predecessors_from_me(graph: ReferralGraph) -> dict[int, int]:
    """Breadth-first tree from Me along referrals: each reachable person's predecessor."""
    before: dict[int, int] = {}
    queue: deque[int] = deque()
    for person_id in graph.direct_contacts():
        before[person_id] = ME
        queue.append(person_id)
    while queue:
        node = queue.popleft()
        for edge in graph.out_edges.get(node, ()):
            if edge.referred not in before:
                before[edge.referred] = node
                queue.append(edge.referred)
    return before


def path_to(before: dict[int, int], target: int) -> tuple[int, ...] | None:
    if target not in before:
        return None
    people = [target]
    while before[people[-1]] != ME:
        people.append(before[people[-1]])
    return tuple(reversed(people))


def matching_people(
    graph: ReferralGraph,
    *,
    organization_id: int | None = None,
    career_field_id: int | None = None,
    stages: Iterable[str] | None = None,
) -> set[int]:
    """People at ``organization_id``, in ``career_field_id`` and at one of ``stages``
    (each criterion ignored when None)."""
    stage_set = set(stages) if stages is not None else None
    return {
        person.id for person in graph.people.values()
        if (organization_id is None or person.organization_id == organization_id)
        and (career_field_id is None or career_field_id in person.career_field_ids)
        and (stage_set is None or person.stage in stage_set)
    }


def people_within(graph: ReferralGraph, person_id: int, steps: int) -> set[int]:
    """People at most ``steps`` referrals away from ``person_id``, either way round."""
    if person_id not in graph.people:
        return set()
    seen = {person_id: 0}
    queue = deque([person_id])
    while queue:
        node = queue.popleft()
        if seen[node] >= steps:
            continue
        neighbours = [e.referred for e in graph.out_edges.get(node, ())]
        neighbours += [e.referrer for e in graph.in_edges.get(node, ())]
        for other in neighbours:
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return set(seen)


def shortest_paths(
    graph: ReferralGraph,
    *,
    organization_id: int | None = None,
    career_field_id: int | None = None,
    stages: Iterable[str] | None = None,
    max_steps: int | None = None,
    near: tuple[int, int] | None = None,
) -> list[ReferralPath]:
    """The shortest path from Me to each person who matches, shortest first, then by name.

    ``near`` is (person id, steps): keep only targets that close to that person.
    People no path reaches (a loop of referrals nobody leads into) are left out.
    """
    targets = matching_people(graph, organization_id=organization_id,
                              career_field_id=career_field_id, stages=stages)
    if near is not None:
        targets &= people_within(graph, *near)
    before = predecessors_from_me(graph)
    paths = []
    for target in targets:
        people = path_to(before, target)
        if people is not None and (max_steps is None or len(people) <= max_steps):
            paths.append(ReferralPath(target, people))
    paths.sort(key=lambda p: (p.steps, graph.rank[p.target]))
    return paths


def with_ancestors(graph: ReferralGraph, people: set[int]) -> set[int]:
    """``people`` and everyone who led to them, so a filtered graph keeps its context."""
    result = set(people)
    queue = deque(people)
    while queue:
        node = queue.popleft()
        for edge in graph.in_edges.get(node, ()):
            if edge.referrer not in result:
                result.add(edge.referrer)
                queue.append(edge.referrer)
    return result
