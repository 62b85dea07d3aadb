"""What the referral graph's tooltips say, as plain text: a person, Me, a group, a referral."""

from __future__ import annotations

from netdesk.core.graph import GROUP_RELATIONSHIPS, ME, Forest, ReferralEdge, ReferralGraph
from netdesk.core.vocabulary import RELATIONSHIP_LABELS, STAGE_LABELS
from netdesk.ui.common.wording import short_date


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def referral_text(graph: ReferralGraph, edge: ReferralEdge) -> str:
    """"A referred B", for tooltips, menus and messages."""
    return f"{graph.name(edge.referrer)} referred {graph.name(edge.referred)}"


def node_tooltip(graph: ReferralGraph, forest: Forest, node: int) -> str:
    if node == ME:
        return "Me: the start of every referral path"
    if node in GROUP_RELATIONSHIPS:
        count = forest.group_sizes.get(node, 0)
        return f"{graph.name(node)}: {_people(count)} nobody referred you to"
    if node in forest.clusters:
        cluster = forest.clusters[node]
        return (f"{cluster.label} ({graph.name(cluster.group)}): nobody referred you to "
                "them and they referred no one yet.\nDouble-click to show them one by one.")
    person = graph.people[node]
    lines = [person.name]
    work = " · ".join(x for x in (person.job_title, person.organization) if x)
    if work:
        lines.append(work)
    lines.append(f"Stage: {STAGE_LABELS[person.stage]} · "
                 f"Relationship: {RELATIONSHIP_LABELS[person.relationship]}")
    for edge in graph.in_edges.get(node, ()):
        line = f"Referred by {graph.name(edge.referrer)}"
        if edge.date:
            line += f" on {short_date(edge.date, year=True)}"
        if edge.note:
            line += f": {edge.note}"
        lines.append(line)
    made = len(graph.out_edges.get(node, ()))
    if made:
        lines.append(f"Referred you to {_people(made)}")
    return "\n".join(lines)


def referral_tooltip(graph: ReferralGraph, referral_id: int) -> str:
    edge = graph.referral(referral_id)
    if edge is None:
        return ""
    lines = [referral_text(graph, edge),
             f"Date: {short_date(edge.date, year=True) if edge.date else 'not recorded'}"]
    if edge.note:
        lines.append(f"Note: {edge.note}")
    return "\n".join(lines)


def referrers_text(graph: ReferralGraph, person_id: int) -> str:
    """Who referred a person, by name ("" for nobody)."""
    return ", ".join(graph.name(e.referrer) for e in graph.in_edges.get(person_id, ()))


def person_summary(graph: ReferralGraph, person) -> str:
    """One line to read out for a person: name, stage, work, who referred them."""
    parts = [person.name, STAGE_LABELS[person.stage]]
    work = " · ".join(x for x in (person.job_title, person.organization) if x)
    if work:
        parts.append(work)
    referrers = referrers_text(graph, person.id)
    parts.append(f"referred by {referrers}" if referrers
                 else RELATIONSHIP_LABELS[person.relationship])
    return ", ".join(parts)
