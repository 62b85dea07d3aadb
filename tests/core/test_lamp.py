"""The LAMP list: ranking, advocacy computed from known graphs (and agreeing with the
graph's own paths), overrides, scores kept in range, suggestions, who can introduce me."""

from __future__ import annotations

import random

import pytest

from netdesk.core.graph import load_graph
from netdesk.core.lamp import (
    FOCUS_SIZE,
    LampError,
    add_organization,
    advocacy_by_organization,
    lamp_rows,
    path_brief,
    path_text,
    rank_key,
    remove_entry,
    set_scores,
    suggestions,
    who_can_introduce,
)
from netdesk.core.referral_paths import shortest_paths
from netdesk.core.referrals import add_referral
from netdesk.db.models import LampEntry, Organization, Person


def org(name: str) -> int:
    return Organization.get_or_create(name=name)[0].id


def person(first: str, organization: str | None = None, relationship: str = "friend") -> int:
    return Person.create(first_name=first, last_name="Test", relationship=relationship,
                         organization=org(organization) if organization else None).id


def entry(name: str) -> int:
    return LampEntry.get(LampEntry.organization == org(name)).id


@pytest.fixture
def chain(db):
    """Me → Ann (friend, at Alpha) → Ben (referred, at Beta) → Cy (referred, at Gamma);
    Dee (at Delta) referred Eve; nobody works at Epsilon."""
    ann = person("Ann", "Alpha")
    ben = person("Ben", "Beta", "referral")
    cy = person("Cy", "Gamma", "referral")
    dee = person("Dee", "Delta", "referral")
    eve = person("Eve", None, "referral")
    add_referral(ann, ben)
    add_referral(ben, cy)
    add_referral(dee, eve)  # nobody referred Dee: the graph counts her as known directly
    for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon"):
        add_organization(name, "dream")
    return {"ann": ann, "ben": ben, "cy": cy, "dee": dee}


def test_advocacy_is_one_or_two_referral_steps(chain):
    rows = {r.name: r for r in lamp_rows()}
    assert rows["Alpha"].computed_advocacy  # Ann: a friend, one step
    assert rows["Beta"].computed_advocacy  # Ben: Ann referred me, two steps
    assert not rows["Gamma"].computed_advocacy  # Cy: three steps
    assert rows["Delta"].computed_advocacy  # Dee: nobody referred her, so I know her
    assert not rows["Epsilon"].computed_advocacy  # nobody works there
    assert rows["Alpha"].staff == 1 and rows["Epsilon"].staff == 0


def test_advocacy_agrees_with_the_graphs_paths_on_random_networks(db):
    rng = random.Random(17)
    names = [f"Org {i}" for i in range(12)]
    people = []
    for i in range(80):
        relationship = "referral" if i > 10 and rng.random() < 0.7 else "friend"
        people.append(person(f"P{i}", rng.choice(names + [None]), relationship))
    for i, target in enumerate(people[1:], start=1):
        if rng.random() < 0.8:
            try:
                add_referral(people[rng.randrange(i)], target)  # earlier → later: no loops
            except ValueError:
                pass
    for name in names:
        add_organization(name, rng.choice(["dream", "alumni", "posting", "trending"]))
    graph = load_graph()
    expected = {name for name in names
                if shortest_paths(graph, organization_id=org(name), max_steps=2)}
    assert {r.name for r in lamp_rows() if r.computed_advocacy} == expected
    assert set(advocacy_by_organization()) == {org(n) for n in expected}


def test_ranked_by_motivation_then_posting_then_advocacy(chain):
    set_scores(entry("Epsilon"), motivation=3, posting=1)
    set_scores(entry("Gamma"), motivation=2, posting=3)
    set_scores(entry("Beta"), motivation=2, posting=2)
    set_scores(entry("Delta"), motivation=2, posting=3)  # ties Gamma; advocacy breaks it
    set_scores(entry("Alpha"), motivation=0, posting=3)
    assert [r.name for r in lamp_rows()] == ["Epsilon", "Delta", "Gamma", "Beta", "Alpha"]
    rows = lamp_rows()
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5]
    assert sorted(rows, key=lambda r: rank_key(r.motivation, r.posting, r.advocacy,
                                               r.rank)) == rows


def test_override_changes_the_ranking_and_is_marked(chain):
    set_scores(entry("Gamma"), advocacy=True)
    set_scores(entry("Alpha"), advocacy=False)
    rows = {r.name: r for r in lamp_rows()}
    assert rows["Gamma"].advocacy and rows["Gamma"].overridden
    assert not rows["Gamma"].computed_advocacy
    assert not rows["Alpha"].advocacy and rows["Alpha"].computed_advocacy
    # Same scores everywhere: advocacy yes first, then the order added.
    assert [r.name for r in lamp_rows()] == ["Beta", "Gamma", "Delta", "Alpha", "Epsilon"]
    set_scores(entry("Gamma"), advocacy=None)
    assert not {r.name: r for r in lamp_rows()}["Gamma"].overridden


def test_ties_keep_the_order_added_and_the_top_five_are_the_focus(db):
    for i in range(8):
        add_organization(f"Company {i}", "posting")
    rows = lamp_rows()
    assert [r.name for r in rows] == [f"Company {i}" for i in range(8)]
    assert [r.focus for r in rows] == [True] * FOCUS_SIZE + [False] * 3


def test_adding_creates_or_reuses_and_refuses_twice(db):
    existing = org("Northwind Trading")
    changes = add_organization("  northwind   trading ", "alumni")
    assert changes.lamp and existing in changes.organizations
    assert Organization.select().count() == 1
    new = add_organization("Fresh Start Ltd", "trending")
    assert Organization.get(Organization.name == "Fresh Start Ltd").id in new.organizations
    assert LampEntry.get_by_id(new.id).organization.name == "Fresh Start Ltd"
    assert LampEntry.get_by_id(changes.id).organization_id == existing
    with pytest.raises(LampError, match="already on your LAMP list"):
        add_organization("NORTHWIND TRADING", "dream")
    with pytest.raises(LampError):
        add_organization("   ", "dream")
    with pytest.raises(LampError):
        add_organization("X", "nowhere")
    assert [r.found_in for r in lamp_rows()] == ["alumni", "trending"]


def test_scores_are_kept_in_range_and_nothing_changes_on_a_bad_one(chain):
    alpha = entry("Alpha")
    for bad in ({"motivation": 4}, {"motivation": -1}, {"posting": 0}, {"posting": 4},
                {"motivation": True}):
        with pytest.raises(LampError):
            set_scores(alpha, **bad)
    row = LampEntry.get_by_id(alpha)
    assert (row.motivation, row.posting) == (0, 1)
    assert set_scores(alpha, motivation=3).lamp
    remove_entry(alpha)
    assert "Alpha" not in {r.name for r in lamp_rows()}
    assert Organization.get_or_none(Organization.name == "Alpha") is not None
    with pytest.raises(LampError):
        set_scores(alpha, motivation=1)


def test_suggestions_start_with_the_prefix_and_take_wildcards_literally(db):
    for name in ("Acme", "Acme Labs", "Big Acme", "100% Juice", "Other"):
        org(name)
    assert suggestions("acm") == ["Acme", "Acme Labs", "Big Acme"]
    assert suggestions("%") == ["100% Juice"]
    assert suggestions("") == []


def test_who_can_introduce_me_closest_first(chain):
    for name in ("Fay", "Gus"):
        Person.create(first_name=name, last_name="Beta", relationship="referral",
                      organization=org("Beta"))
    add_referral(chain["cy"], Person.get(Person.first_name == "Fay").id)
    graph = load_graph()
    contacts = who_can_introduce(org("Beta"), graph)
    assert [c.name for c in contacts] == ["Gus Beta", "Ben Test", "Fay Beta"]
    gus, ben, fay = contacts
    assert ben.introducer == chain["ann"] and ben.close
    assert path_text(ben, graph) == "Ask Ann Test to introduce you (Ann Test → Ben Test)."
    assert gus.steps == 1 and gus.introducer is None  # nobody referred Gus: I know him
    assert path_text(gus, graph) == "You know them directly."
    assert path_brief(ben, graph) == "Through Ann Test (2 steps)"
    assert path_brief(gus, graph) == "You know them"
    assert fay.steps == 4 and not fay.close and fay.introducer == chain["cy"]
