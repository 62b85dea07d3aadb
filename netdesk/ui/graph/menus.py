"""The referral graph's context menus, and the referral edits they lead to (record, remove).

Edits go on the window's undo stack as commands, which publish what they
changed; the view redraws at once so the user sees the result of a drop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from netdesk.core.graph import GROUP_IDS
from netdesk.core.referrals import ReferralError, check_referral, person_name
from netdesk.ui.common.plain_messages import ask, warn
from netdesk.ui.graph.interaction import CLUSTER, GROUP, PERSON
from netdesk.ui.graph.tooltips import referral_text
from netdesk.ui.people.referral_commands import AddReferralCommand, RemoveReferralCommand

if TYPE_CHECKING:
    from netdesk.ui.graph.graph_view import ReferralGraphView


# Menus -----------------------------------------------------------------------------------------


def _add(menu: QMenu, text: str, slot, tip: str) -> QAction:
    action = menu.addAction(text)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def person_menu(view: ReferralGraphView, person_id: int) -> QMenu:
    graph = view.graph
    name = graph.name(person_id)
    menu = QMenu(view)
    menu.setAccessibleName(f"Actions for {name}")
    _add(menu, "&Open in Editor", lambda: view.person_activated.emit(person_id),
         f"Show {name} in the person editor")
    _add(menu, f"&Add Person Referred by {name}…",
         lambda: view.add_referred_person_requested.emit(person_id),
         f"Add someone {name} introduced you to")
    _add(menu, f"&Plan Interview with {name}…",
         lambda: view.plan_interview_requested.emit(person_id),
         f"Plan an informational interview with {name}")
    menu.addSeparator()
    _add(menu, f"&Record That {name} Referred…",
         lambda: view.interaction.start_referral_from(person_id),
         "Then click the person they referred (or drag from one person to another)")
    edges = [*graph.in_edges.get(person_id, ()), *graph.out_edges.get(person_id, ())]
    if edges:
        remove = menu.addMenu("Re&move Referral")
        remove.menuAction().setStatusTip("Remove one of the referrals to or from "
                                         f"{name} (asks first; can be undone)")
        for edge in edges:
            _add(remove, f"{referral_text(graph, edge)}…",
                 lambda _c=False, e=edge.id: remove_referral(view, e),
                 "Remove this referral (asks first; can be undone)")
    menu.addSeparator()
    _add(menu, "Show People &Near Them", lambda: view.near_filter_requested.emit(person_id),
         f"Show only the people a few referral steps from {name}")
    _add(menu, "&Centre Here", lambda: view.select_person(person_id),
         f"Centre the graph on {name}")
    return menu


def referral_menu(view: ReferralGraphView, referral_id: int) -> QMenu:
    graph = view.graph
    edge = graph.referral(referral_id)
    menu = QMenu(view)
    _add(menu, f"&Remove Referral “{referral_text(graph, edge)}”…",
         lambda: remove_referral(view, referral_id),
         "Remove this referral (asks first; can be undone)")
    for label, person in (("Open &Referrer", edge.referrer), ("Open Re&ferred", edge.referred)):
        _add(menu, f"{label}: {graph.name(person)}",
             lambda _c=False, p=person: view.person_activated.emit(p),
             "Show this person in the editor")
    return menu


def cluster_menu(view: ReferralGraphView, node: int) -> QMenu:
    cluster = view.forest.clusters[node]
    menu = QMenu(view)
    _add(menu, f"&Show {cluster.label}", lambda: view.expand_cluster(node),
         "Draw each of these people as a node of their own")
    return menu


def group_menu(view: ReferralGraphView, node: int) -> QMenu | None:
    """For a group with clusters the user opened: gather them again."""
    opened = sorted(source for relationship, source in view.expanded
                    if GROUP_IDS.get(relationship) == node)
    if not opened:
        return None
    menu = QMenu(view)
    _add(menu, "&Gather People Without Referrals", lambda: view.collapse_group(node),
         "Show the people here whom nobody referred and who referred no one as one node "
         "again")
    return menu


def show_context_menu(view: ReferralGraphView, event) -> QMenu:
    """Pop up the menu for what ``event`` points at (the menu key: the selected person)."""
    keyboard = event.reason() == event.Reason.Keyboard
    hit = None
    if keyboard and view.selected_id:
        person, edge = view.selected_id, None
    else:
        hit = view.interaction.node_at(event.pos())
        person = hit[1] if hit is not None and hit[0] == PERSON else None
        edge = None if hit is not None else view.interaction.edge_at(event.pos())
    special = None
    if hit is not None and hit[0] == CLUSTER:
        special = cluster_menu(view, hit[1])
    elif hit is not None and hit[0] == GROUP:
        special = group_menu(view, hit[1])
    if special is not None:
        menu = special
    elif person is not None:
        view.select_person(person, centre=False)
        view.person_selected.emit(person)
        menu = person_menu(view, person)
    elif edge is not None:
        menu = referral_menu(view, edge)
    else:
        menu = QMenu(view)
        menu.addActions([a for a in view.actions() if a is not view.escape_action])
    where = event.globalPos()
    if keyboard and person is not None:
        where = view.viewport().mapToGlobal(view.viewport_point(person))
    menu.popup(where)
    return menu


# Edits -----------------------------------------------------------------------------------------


def record_referral(view: ReferralGraphView, referrer_id: int, referred_id: int) -> bool:
    """Record "referrer referred referred" (undoable), or explain why it cannot be."""
    try:
        check_referral(referrer_id, referred_id)
    except ReferralError as error:
        warn(view, "Record referral", str(error))
        return False
    text = f"{person_name(referrer_id)} referred {person_name(referred_id)}"
    view.undo_stack.push(AddReferralCommand(referrer_id, referred_id, f"Record: {text}",
                                            on_error=lambda m: _show_error(view, m)))
    if view.isVisible():
        view.refresh()  # at once when small; a large graph is laid out in a thread
    view.status_message.emit(f"Recorded: {text}. Edit → Undo takes it back.")
    return True


def remove_referral(view: ReferralGraphView, referral_id: int) -> bool:
    """Ask, then remove the referral (undoable)."""
    edge = view.graph.referral(referral_id) if view.graph else None
    if edge is None:
        return False
    text = referral_text(view.graph, edge)
    answer = ask(
        view, "Remove referral",
        f"Remove the referral “{text}”?\n\nYou can undo this with Edit → Undo (Ctrl+Z).")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    view.undo_stack.push(RemoveReferralCommand(referral_id, f"Remove referral: {text}",
                                               on_error=lambda m: _show_error(view, m)))
    view.refresh()
    view.status_message.emit(f"Removed: {text}. Edit → Undo brings it back.")
    return True


def _show_error(view: ReferralGraphView, message: str) -> None:
    warn(view, "Referral", message)
