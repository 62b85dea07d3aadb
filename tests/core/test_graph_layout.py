"""Tree and radial layouts on small known forests, and the forest built from the database."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from netdesk.core.graph import GROUP_IDS, ME, build_forest, load_graph
from netdesk.core.graph_layout import NODE_SPACING, ROW_SPACING, layout, radial_layout, tree_layout
from netdesk.core.referrals import add_referral
from netdesk.db.models import Person, Referral


def check_no_overlap(result, least: float) -> None:
    points = sorted(result.positions.values())
    for (ax, ay), (bx, by) in itertools.combinations(points, 2):
        assert math.hypot(ax - bx, ay - by) >= least - 1e-6, ((ax, ay), (bx, by))


def check_parents_before_children(children, result) -> None:
    for parent, kids in children.items():
        for kid in kids:
            if result.kind == "tree":
                assert result.positions[kid][1] > result.positions[parent][1]
            else:
                assert math.hypot(*result.positions[kid]) > math.hypot(*result.positions[parent])


SMALL = {0: [1, 2, 3], 1: [4, 5], 2: [], 3: [6], 6: [7, 8, 9], 4: [10]}


def test_single_node():
    result = tree_layout({}, 0)
    assert result.positions == {0: (0.0, 0.0)}
    assert radial_layout({}, 0).positions == {0: (0.0, 0.0)}


def test_chain_is_a_vertical_line():
    children = {i: [i + 1] for i in range(5)}
    result = tree_layout(children, 0)
    assert [result.positions[i] for i in range(6)] == [(0.0, i * ROW_SPACING) for i in range(6)]


def test_two_children_are_centred_under_their_parent():
    result = tree_layout({0: [1, 2]}, 0)
    assert result.positions[1] == (-NODE_SPACING / 2, ROW_SPACING)
    assert result.positions[2] == (NODE_SPACING / 2, ROW_SPACING)
    assert result.positions[0] == (0.0, 0.0)


def test_small_forest_tree_rules():
    result = tree_layout(SMALL, 0)
    assert set(result.positions) == set(range(11))
    check_no_overlap(result, min(NODE_SPACING, ROW_SPACING))
    check_parents_before_children(SMALL, result)
    # Siblings keep their order left to right, at least one spacing apart.
    for kids in SMALL.values():
        xs = [result.positions[k][0] for k in kids]
        assert all(b - a >= NODE_SPACING - 1e-9 for a, b in itertools.pairwise(xs))
    # Every parent is centred over its first and last child.
    for parent, kids in SMALL.items():
        if kids:
            first, last = result.positions[kids[0]][0], result.positions[kids[-1]][0]
            assert result.positions[parent][0] == pytest.approx((first + last) / 2)


def test_subtrees_are_packed_tightly():
    # Node 1 has a wide subtree below, node 2 is a single leaf: the leaf sits one spacing away.
    result = tree_layout({0: [1, 2], 1: [3, 4, 5]}, 0)
    assert result.positions[2][0] - result.positions[1][0] == pytest.approx(NODE_SPACING)


def test_same_row_nodes_keep_their_distance():
    rng = random.Random(3)
    children: dict[int, list[int]] = {}
    for node in range(1, 300):
        children.setdefault(rng.randrange(node), []).append(node)
    for kind in ("tree", "radial"):
        result = layout(kind, children, 0)
        assert len(result.positions) == 300
        check_no_overlap(result, min(NODE_SPACING, ROW_SPACING))
        check_parents_before_children(children, result)


def test_many_children_are_packed_into_shelves():
    children = {0: [1, 2], 1: list(range(10, 110)), 2: [3], 10: [4, 5], 11: [6]}
    result = tree_layout(children, 0)
    assert len(result.blocks) == 1 and result.blocks[0].parent == 1
    block = result.blocks[0]
    assert len({result.rows[k] for k in block.members}) > 1
    left, top, right, bottom = block.box
    for node in [*block.members, 4, 5, 6]:
        x, y = result.positions[node]
        assert left <= x <= right and top <= y <= bottom
    assert result.positions[3][0] > right  # the sibling subtree is packed beside the block
    check_no_overlap(result, min(NODE_SPACING, ROW_SPACING))
    check_parents_before_children(children, result)
    width = max(p[0] for p in result.positions.values()) - min(
        p[0] for p in result.positions.values())
    assert width < 40 * NODE_SPACING


def test_layout_is_deterministic():
    rng = random.Random(11)
    children: dict[int, list[int]] = {}
    for node in range(1, 500):
        children.setdefault(rng.randrange(max(1, node // 3)), []).append(node)
    for kind in ("tree", "radial"):
        assert layout(kind, children, 0).positions == layout(kind, children, 0).positions


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="tree or radial"):
        layout("spring", {}, 0)


def test_long_chain_needs_no_recursion():
    children = {i: [i + 1] for i in range(5000)}
    result = tree_layout(children, 0)
    assert result.positions[5000] == (0.0, 5000 * ROW_SPACING)


# The forest from the database --------------------------------------------------------------


def test_sample_forest_puts_everyone_once_below_me(sample_db):
    graph = load_graph()
    forest = build_forest(graph)
    assert set(forest.parent) - set(GROUP_IDS.values()) == set(graph.people)
    fatima = Person.get(Person.first_name == "Fatima").id
    maria = Person.get(Person.first_name == "Maria").id
    assert forest.parent[fatima] == maria
    assert forest.parent[maria] == GROUP_IDS["family"]
    assert forest.parent[GROUP_IDS["family"]] == ME
    # Jamal was referred by Fatima and by Carlos: one tree edge, one cross edge.
    jamal = Person.get(Person.first_name == "Jamal").id
    assert forest.tree_edge[jamal] is not None
    assert [(e.referred) for e in forest.cross_edges] == [jamal]
    result = tree_layout(forest.children, ME)
    check_no_overlap(result, min(NODE_SPACING, ROW_SPACING))
    check_parents_before_children(forest.children, result)


def test_forest_with_imported_loop_still_lays_out(db):
    a = Person.create(first_name="Ann")
    b = Person.create(first_name="Bob")
    c = Person.create(first_name="Cy")
    Referral.create(referrer=a, referred=b)
    Referral.create(referrer=b, referred=c)
    Referral.create(referrer=c, referred=a)  # written past the checks, as an import might
    forest = build_forest(load_graph())
    assert set(forest.parent) >= {a.id, b.id, c.id}
    assert len(forest.cross_edges) == 1
    result = tree_layout(forest.children, ME)
    check_parents_before_children(forest.children, result)


def test_filtered_forest_keeps_only_shown_people(sample_db):
    graph = load_graph()
    some = set(list(graph.people)[:5])
    forest = build_forest(graph, some)
    assert set(forest.parent) - set(GROUP_IDS.values()) == some


def test_add_referral_moves_person_below_referrer(db):
    a = Person.create(first_name="Ann", relationship="friend")
    b = Person.create(first_name="Bob", relationship="referral")
    assert build_forest(load_graph()).parent[b.id] == GROUP_IDS["referral"]
    add_referral(a.id, b.id)
    assert build_forest(load_graph()).parent[b.id] == a.id


# Clusters and patches --------------------------------------------------------------------


def _imported(count: int, source: str = "LinkedIn", relationship: str = "acquaintance"):
    Person.insert_many([{"first_name": f"Imported{i:04d}", "last_name": "Contact",
                         "relationship": relationship, "source": source}
                        for i in range(count)]).execute()


def test_many_unconnected_people_of_one_source_become_one_cluster(sample_db):
    _imported(12)
    _imported(3, source="vCard")
    graph = load_graph()
    forest = build_forest(graph, cluster_min=10)
    (cluster,) = forest.clusters.values()
    group = GROUP_IDS["acquaintance"]
    assert cluster.key == ("acquaintance", "LinkedIn") and cluster.group == group
    assert cluster.label == "12 LinkedIn connections"
    assert len(cluster.members) == 12 and graph.sorted_ids(cluster.members) == cluster.members
    assert forest.parent[cluster.id] == group and forest.children[group][-1] == cluster.id
    assert all(forest.cluster_of[p] == cluster.id and p not in forest.parent
               for p in cluster.members)
    assert forest.group_sizes[group] == len(forest.children[group]) - 1 + 12
    # People with referrals, or of another source, or in a small set keep their own node.
    assert set(forest.parent) - set(GROUP_IDS.values()) - {cluster.id} \
        == set(graph.people) - set(cluster.members)
    result = tree_layout(forest.children, ME)
    check_no_overlap(result, min(NODE_SPACING, ROW_SPACING))
    # Opened, everyone has a node again.
    opened = build_forest(graph, expanded={cluster.key}, cluster_min=10)
    assert not opened.clusters and set(opened.parent) >= set(graph.people)


def test_people_added_by_hand_gather_too_as_more_people(db):
    _imported(4, source="", relationship="friend")
    (cluster,) = build_forest(load_graph(), cluster_min=4).clusters.values()
    assert cluster.label == "4 more people" and cluster.key == ("friend", "")


def test_graph_patches_keep_the_name_order(sample_db):
    graph = load_graph()
    person = graph.people[pid_of("Fatima")]
    graph.put_person(person._replace(last_name="Aaronson"))
    assert graph.ordered[0] == person.id and graph.rank[person.id] == 0
    assert graph.ordered == graph.sorted_ids(graph.people)
    edges = load_graph().referrals
    again = graph.with_referrals(edges[1:], removed=[person.id])
    assert person.id not in again.people and person.id in graph.people
    assert len(again.referrals) == len(edges) - 1
    assert again.ordered == again.sorted_ids(again.people)


def test_referral_dates_are_read_when_asked(sample_db):
    edge = next(e for e in load_graph().referrals if e.day)
    assert edge.date == Referral.get_by_id(edge.id).date


def pid_of(first: str) -> int:
    return Person.get(Person.first_name == first).id


def test_rows_hold_people_in_an_array_and_the_others_in_a_dict():
    from netdesk.core.graph_layout import Rows

    rows = Rows({0: 0, -1: 1, -1001: 2, 5: 3, 2: 2})
    assert len(rows) == 5 and rows[5] == 3 and rows[-1001] == 2 and rows[0] == 0
    assert 3 not in rows and 7 not in rows and rows.get(3) is None and rows.get(9, 4) == 4
    rows[9] = 4  # past the end: the array grows
    rows[2] = 40_000  # too high for two bytes: kept in the dict
    rows[-6] = 1
    assert dict(rows) == {0: 0, -1: 1, -1001: 2, 5: 3, 2: 40_000, 9: 4, -6: 1}
    del rows[5]
    assert 5 not in rows and len(rows) == 6
    with pytest.raises(KeyError):
        rows[5]


def test_a_graph_ranks_people_by_name_with_sparse_ids_too(db):
    ids = [Person.create(first_name=n, last_name=last, **more).id
           for n, last, more in (("Zoe", "Adams", {}), ("Bea", "Adams", {}),
                                 ("Al", "Young", {"id": 50_000}))]  # Al far from the others
    graph = load_graph()
    assert graph.ordered == [ids[1], ids[0], 50_000]
    assert [graph.rank[i] for i in graph.ordered] == [0, 1, 2]
    assert isinstance(graph.rank, dict)  # an array would hold 50,000 places for three
    Person.delete().where(Person.id == 50_000).execute()
    graph = load_graph()
    assert [graph.rank[i] for i in graph.ordered] == [0, 1]
    assert not isinstance(graph.rank, dict)


def test_a_graph_read_again_shares_what_did_not_change(db):
    ada, bo = Person.create(first_name="Ada"), Person.create(first_name="Bo")
    add_referral(ada.id, bo.id)
    before = load_graph()
    Person.update(last_name="Lin").where(Person.id == bo.id).execute()
    after = load_graph(before)
    assert after.people[ada.id] is before.people[ada.id]
    assert after.people[bo.id] is not before.people[bo.id]
    assert after.people[bo.id].last_name == "Lin" and before.people[bo.id].last_name == ""
    assert after.referrals[0] is before.referrals[0]
    Referral.update(note="Met at the fair").execute()
    again = load_graph(after)
    assert again.referrals[0].note == "Met at the fair" and after.referrals[0].note == ""
