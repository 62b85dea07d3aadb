"""Referral graph: tree and radial layouts, a person close up, filters, "Who can introduce me",
and a cluster of imported connections."""

from netdesk.core.graph import GROUP_IDS
from netdesk.db.models import Person
from netdesk.ui.graph import menus
from netdesk.ui.graph.graph_panel import GraphPanel


def _panel(window) -> GraphPanel:
    panel = getattr(window, "graph_panel", None)
    if panel is None:
        panel = GraphPanel(window.undo_stack)
        panel.resize(1280, 800)
    else:
        window.tabs.setCurrentWidget(panel)  # laid out at its size in the window
    panel.reload()
    return panel


def shots(window):
    panel = _panel(window)
    panel.set_layout_kind("tree")
    panel.view.fit_all()
    yield "graph-tree", panel
    fatima = Person.get(Person.first_name == "Fatima").id
    panel.view.reset_zoom()
    panel.select_person(fatima)
    yield "graph-close-up", panel
    panel.set_layout_kind("radial")
    yield "graph-radial", panel
    panel.set_layout_kind("tree")
    panel.stage_filter.setCurrentIndex(panel.stage_filter.findData("to_contact"))
    panel.apply_filters()
    yield "graph-filtered", panel
    panel.clear_filters()
    panel.show_introductions(True)
    panel.target.setCurrentIndex(panel.target.findText("Brightleaf Software"))
    panel.find_paths()
    panel.view.fit_all()
    yield "graph-introductions", panel
    panel.show_introductions(False)
    yield from _cluster_shots(panel)
    menu = menus.person_menu(panel.view, fatima)
    menu.adjustSize()
    yield "graph-context-menu", menu


def _cluster_shots(panel):
    """700 LinkedIn connections shown as one node, then opened; taken out again after."""
    Person.insert_many([{"first_name": f"Connection {i:03d}", "last_name": "Imported",
                         "relationship": "acquaintance", "source": "LinkedIn"}
                        for i in range(700)]).execute()
    view = panel.view
    try:
        panel.reload()
        cluster = next(iter(view.forest.clusters))
        view.reset_zoom()
        view.centerOn(view.drawing.node_pos(cluster))
        yield "graph-cluster", panel
        view.expand_cluster(cluster)
        view.zoom_by(0.5)
        view.centerOn(view.drawing.node_pos(GROUP_IDS["acquaintance"]))
        yield "graph-cluster-open", panel
    finally:
        Person.delete().where(Person.source == "LinkedIn",
                              Person.last_name == "Imported").execute()
        view.collapse_group(GROUP_IDS["acquaintance"])
        panel.reload()
