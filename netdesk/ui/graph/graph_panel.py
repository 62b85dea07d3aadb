"""GraphPanel: the referral graph with its toolbar, filters and "Who can introduce me to…" list.

This is the widget the main window shows in a tab. It forwards the view's
requests as signals and takes the window's selection through
:meth:`GraphPanel.select_person`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.referral_paths import ReferralPath, shortest_paths
from netdesk.core.vocabulary import STAGE_LABELS
from netdesk.db.models import STAGES
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.placeholder_chips import FlowLayout
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.common.theme import ThemedIcons, icon
from netdesk.ui.graph.graph_list import GraphList
from netdesk.ui.graph.graph_view import GraphFilter, ReferralGraphView

ANY = None
PATH_ROLE = Qt.ItemDataRole.UserRole


class _PanelIcons(ThemedIcons):
    """The toolbar's icons, the Export button's among them, in the panel's colours."""

    def refresh(self, *args) -> None:
        super().refresh(*args)
        self.owner.export_button.setIcon(icon("graph-export", self.owner.palette()))


class GraphPanel(QWidget):
    """The referral graph tab: view, toolbar, filter bar and the introductions side panel."""

    person_selected = Signal(int)
    """The user clicked a person on the graph (or in the introductions list)."""
    person_activated = Signal(int)
    """Open this person in the editor."""
    add_referred_person_requested = Signal(int)
    plan_interview_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, undo_stack: QUndoStack | None = None, parent=None):
        super().__init__(parent)
        self.view = ReferralGraphView(undo_stack, self)
        self._near_person: int | None = None
        self.undo_stack = self.view.undo_stack
        self._create_actions()
        self.toolbar = self._create_toolbar()
        self.filter_bar = self._create_filter_bar()
        self.introductions = self._create_introductions()
        self.introductions.setVisible(False)
        self.people_list = GraphList()
        self.people_list.setVisible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.introductions)
        self.splitter.addWidget(self.people_list)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        view = self.view
        view.person_selected.connect(self.person_selected)
        view.person_activated.connect(self.person_activated)
        view.add_referred_person_requested.connect(self.add_referred_person_requested)
        view.plan_interview_requested.connect(self.plan_interview_requested)
        view.status_message.connect(self.status_message)
        view.near_filter_requested.connect(self.show_near)
        view.reloaded.connect(self._after_reload)
        view.patched.connect(self._update_summary)
        view.patched.connect(self._refill_list)
        view.person_selected.connect(self.people_list.show_person)
        self.people_list.person_chosen.connect(self._list_chose)
        self.people_list.person_activated.connect(self.person_activated)
        self.layout_kind.setCurrentIndex(
            max(0, self.layout_kind.findData(QSettings().value("graph/layout", "tree"))))

    # Actions and bars ----------------------------------------------------------------------

    def _create_actions(self) -> None:
        sp = QStyle.StandardPixmap
        action = partial(make_action, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.fit_action = action(
            "&Fit All", self.view.fit_all, QKeySequence("Ctrl+0"),
            "Zoom so the whole graph fits", sp.SP_DesktopIcon)
        self.centre_action = action(
            "&Centre on Selection", self.view.centre_on_selection, QKeySequence("Ctrl+J"),
            "Bring the selected person to the middle", sp.SP_DialogYesButton)
        self.zoom_in_action = action(
            "Zoom &In", self.view.zoom_in,
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            "Make the graph larger", sp.SP_ArrowUp)
        self.zoom_out_action = action(
            "Zoom &Out", self.view.zoom_out, QKeySequence(QKeySequence.StandardKey.ZoomOut),
            "Make the graph smaller", sp.SP_ArrowDown)
        self.export_png_action = action(
            "Export as &PNG…", self.export_png, None,
            "Save the whole graph as a PNG picture", sp.SP_DialogSaveButton)
        self.export_svg_action = action(
            "Export as &SVG…", self.export_svg, None,
            "Save the whole graph as an SVG drawing", sp.SP_DialogSaveButton)
        self.legend_action = action(
            "&Legend", self.view.legend.setVisible, QKeySequence("Ctrl+Shift+L"),
            "Show or hide the key to colours and shapes", checkable=True)
        self.legend_action.setChecked(True)
        self.legend_action.toggled.connect(lambda _on: self.view.refit_if_fitted())
        self.list_action = action(
            "S&how as List", self.show_list, QKeySequence("Ctrl+Shift+T"),
            "List the people on the graph with who referred them, beside the graph",
            sp.SP_FileDialogDetailedView, checkable=True)
        self.introductions_action = action(
            "&Who Can Introduce Me…", self.show_introductions, QKeySequence("Ctrl+Shift+W"),
            "Find the shortest referral paths to people at an organization or in a field",
            sp.SP_FileDialogContentsView, checkable=True)
        self.tree_action = action(
            "&Tree Layout", lambda on: on and self.set_layout_kind("tree"), None,
            "Me at the top, each person below who referred them", checkable=True)
        self.radial_action = action(
            "&Radial Layout", lambda on: on and self.set_layout_kind("radial"), None,
            "Me in the middle, referral steps as rings", checkable=True)
        group = QActionGroup(self)
        group.addAction(self.tree_action)
        group.addAction(self.radial_action)
        self.tree_action.setChecked(True)
        # Short words on the toolbar (the menu keeps the whole names).
        self.introductions_action.setIconText("Introductions")
        self.list_action.setIconText("List")
        self._icon_names = {self.fit_action: "graph-fit", self.centre_action: "graph-centre",
                            self.zoom_in_action: "zoom-in", self.zoom_out_action: "zoom-out",
                            self.introductions_action: "graph-introductions",
                            self.list_action: "graph-list", self.legend_action: "graph-legend"}
        self._icons: ThemedIcons | None = None
        self.view.addActions([self.fit_action, self.centre_action, self.zoom_in_action,
                              self.zoom_out_action, self.export_png_action,
                              self.export_svg_action])

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """The toolbar's icons, drawn when the graph is first shown (not at start-up), before
        a large graph starts loading in its thread: drawn while it loads, they would share
        the interpreter with it and hold the window for several times as long."""
        if self._icons is None:
            self._icons = _PanelIcons(self)
            for action, name in self._icon_names.items():
                self._icons.set_icon(action, name)
            self._icons.refresh()
        super().showEvent(event)

    def actions_for_menu(self) -> list[QAction]:
        """The actions a "Graph" menu in the main window can list."""
        return [self.fit_action, self.centre_action, self.zoom_in_action, self.zoom_out_action,
                self.tree_action, self.radial_action, self.legend_action, self.list_action,
                self.introductions_action, self.export_png_action, self.export_svg_action]

    def _create_toolbar(self) -> QToolBar:
        bar = QToolBar("Graph")
        bar.setObjectName("graph_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        small = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        bar.setIconSize(QSize(small, small))
        for action in (self.fit_action, self.centre_action, self.zoom_in_action,
                       self.zoom_out_action):  # icons alone: their names are tooltips
            bar.addAction(action)
            button = bar.widgetForAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(action.text().replace("&", ""))
        bar.addSeparator()
        bar.addWidget(QLabel("Layout:"))
        self.layout_kind = QComboBox()
        self.layout_kind.setAccessibleName("Graph layout")
        self.layout_kind.setToolTip("Tree: Me at the top. Radial: Me in the middle.")
        self.layout_kind.addItem("Tree", "tree")
        self.layout_kind.addItem("Radial", "radial")
        self.layout_kind.currentIndexChanged.connect(
            lambda: self.set_layout_kind(self.layout_kind.currentData()))
        bar.addWidget(self.layout_kind)
        bar.addSeparator()
        bar.addAction(self.introductions_action)
        bar.addAction(self.list_action)
        bar.addAction(self.legend_action)
        export = QToolButton()
        export.setText("Export")
        export.setAccessibleName("Export the graph")
        export.setToolTip("Save the whole graph as a PNG picture or an SVG drawing")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button = export
        export.addActions([self.export_png_action, self.export_svg_action])
        bar.addWidget(export)
        return bar

    def _create_filter_bar(self) -> QWidget:
        bar = QWidget()
        row = FlowLayout(bar, spacing=6)  # wraps onto a second line in a narrow window
        row.setContentsMargins(6, 2, 6, 4)
        row.addWidget(plain_label("Show:"))
        self.field_filter = self._combo("Filter by career field", "All career fields")
        self.organization_filter = self._combo("Filter by organization", "All organizations",
                                               searchable=True)
        self.stage_filter = self._combo("Filter by pipeline stage", "All stages")
        for stage in STAGES:
            self.stage_filter.addItem(STAGE_LABELS[stage], stage)
        self.near_check = QCheckBox("Within")
        self.near_check.setAccessibleName("Only people near the selected person")
        self.near_check.setToolTip("Show only the people a few referral steps from the "
                                   "selected person")
        self.near_steps = QSpinBox()
        self.near_steps.setRange(1, 9)
        self.near_steps.setValue(2)
        self.near_steps.setSuffix(" steps of selection")
        self.near_steps.setAccessibleName("Referral steps from the selected person")
        self.clear_filters_button = QPushButton("Clear")
        self.clear_filters_button.setToolTip("Show everyone again")
        self.clear_filters_button.setAccessibleName("Clear graph filters")
        self.summary = plain_label()
        self.summary.setAccessibleName("People shown on the graph")
        for widget in (self.field_filter, self.organization_filter, self.stage_filter):
            row.addWidget(widget)
        row.addWidget(self.near_check)
        row.addWidget(self.near_steps)
        row.addWidget(self.clear_filters_button)
        row.addWidget(self.summary)
        for combo in (self.field_filter, self.organization_filter, self.stage_filter):
            combo.activated.connect(self.apply_filters)
        self.organization_filter.lineEdit().editingFinished.connect(self._organization_typed)
        self.near_check.toggled.connect(self._near_toggled)
        self.near_steps.valueChanged.connect(
            lambda: self.near_check.isChecked() and self.apply_filters())
        self.clear_filters_button.clicked.connect(self.clear_filters)
        return bar

    def _combo(self, name: str, everyone: str, searchable: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(12)
        combo.setMaximumWidth(30 * combo.fontMetrics().averageCharWidth())  # a long name elides
        combo.setMaxVisibleItems(20)
        combo.addItem(everyone, ANY)
        if searchable:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = combo.completer()
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        return combo

    def _create_introductions(self) -> QWidget:
        panel = QWidget()
        panel.setAccessibleName("Who can introduce me to")
        box = QVBoxLayout(panel)
        box.setContentsMargins(6, 6, 6, 6)
        title = plain_label("Who can introduce me to…")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        form = QFormLayout()
        self.target_kind = QComboBox()
        self.target_kind.setAccessibleName("Look for people by")
        self.target_kind.addItem("People at an organization", "organization")
        self.target_kind.addItem("People in a career field", "career_field")
        self.target = self._combo("Organization or career field", "Choose…", searchable=True)
        self.target_stage = self._combo("Only people at this stage", "Any stage")
        for stage in STAGES:
            self.target_stage.addItem(STAGE_LABELS[stage], stage)
        self.max_steps = QSpinBox()
        self.max_steps.setAccessibleName("At most this many referral steps")
        self.max_steps.setRange(0, 20)
        self.max_steps.setSpecialValueText("Any")
        self.max_steps.setValue(0)
        form.addRow("Find:", self.target_kind)
        form.addRow("Where:", self.target)
        form.addRow("Stage:", self.target_stage)
        form.addRow("At most steps:", self.max_steps)
        box.addLayout(form)
        buttons = QHBoxLayout()
        self.find_button = QPushButton("Find Paths")
        self.find_button.setAccessibleName("Find referral paths")
        self.find_button.setDefault(True)
        self.highlight_all = QCheckBox("Highlight all")
        self.highlight_all.setChecked(True)
        self.highlight_all.setAccessibleName("Highlight every path on the graph")
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.highlight_all)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.results = QTreeWidget()
        self.results.setAccessibleName("Referral paths found")
        self.results.setColumnCount(3)
        self.results.setHeaderLabels(["Person", "Steps", "Ask"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        header = self.results.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.results, 1)
        self.results_summary = plain_label("Choose an organization or a career field, then "
                                           "Find Paths.")
        self.results_summary.setWordWrap(True)
        self.results_summary.setAccessibleName("Paths summary")
        box.addWidget(self.results_summary)

        self.target_kind.currentIndexChanged.connect(self._fill_targets)
        self.find_button.clicked.connect(self.find_paths)
        self.target.activated.connect(self.find_paths)
        self.highlight_all.toggled.connect(self._highlight_results)
        self.results.currentItemChanged.connect(self._result_chosen)
        self.results.itemActivated.connect(
            lambda item: self.person_activated.emit(item.data(0, PATH_ROLE).target))
        return panel

    # Public --------------------------------------------------------------------------------

    def select_person(self, person_id: int | None) -> None:
        """Select and centre ``person_id`` without emitting ``person_selected``."""
        if self.near_check.isChecked() and person_id:
            self._near_person = person_id
            self.apply_filters()
        self.view.select_person(person_id)
        self.people_list.show_person(person_id)

    def record_referral(self, referrer_id: int, referred_id: int) -> bool:
        """Record "referrer referred referred" on the undo stack, or explain why not.

        For the window: after a person asked for through ``add_referred_person_requested``
        is first saved, call this with the two ids.
        """
        return self.view.record_referral(referrer_id, referred_id)

    def reload(self) -> None:
        self.view.reload()

    def set_layout_kind(self, kind: str) -> None:
        if not hasattr(self, "layout_kind"):
            return  # the actions are being built
        self.layout_kind.setCurrentIndex(self.layout_kind.findData(kind))
        (self.tree_action if kind == "tree" else self.radial_action).setChecked(True)
        QSettings().setValue("graph/layout", kind)
        self.view.set_layout_kind(kind)

    def show_introductions(self, shown: bool = True) -> None:
        self.introductions.setVisible(shown)
        if self.introductions_action.isChecked() != shown:
            self.introductions_action.setChecked(shown)
        if shown:
            self.target.setFocus()
        else:
            self.view.highlight_paths([])

    def show_list(self, shown: bool = True) -> None:
        """Show (or hide) the people of the graph as a list beside it."""
        self.people_list.setVisible(shown)
        if self.list_action.isChecked() != shown:
            self.list_action.setChecked(shown)
        if shown:
            self._refill_list()
            self.people_list.setFocus()

    def _refill_list(self) -> None:
        if self.people_list.isVisible():
            view = self.view
            self.people_list.set_people(view.graph, view.interaction.walk_order(),
                                        view.selected_id)

    def _list_chose(self, person_id: int) -> None:
        self.view.select_person(person_id)
        self.person_selected.emit(person_id)

    def show_near(self, person_id: int) -> None:
        """Show only the people a few steps from ``person_id`` (from the context menu)."""
        self._near_person = person_id
        self.near_check.blockSignals(True)
        self.near_check.setChecked(True)
        self.near_check.blockSignals(False)
        self.apply_filters()
        self.view.select_person(person_id)

    # Filters -------------------------------------------------------------------------------

    def current_filter(self) -> GraphFilter:
        near = None
        if self.near_check.isChecked() and self._near_person:
            near = (self._near_person, self.near_steps.value())
        return GraphFilter(
            organization_id=self.organization_filter.currentData(),
            career_field_id=self.field_filter.currentData(),
            stage=self.stage_filter.currentData(),
            near=near,
        )

    def _near_toggled(self, checked: bool) -> None:
        self._near_person = self.view.selected_id if checked else None
        self.apply_filters()

    def apply_filters(self) -> None:
        if self.near_check.isChecked() and not self._near_person:
            self.status_message.emit("Select a person first to see who is near them.")
            self.near_check.blockSignals(True)
            self.near_check.setChecked(False)
            self.near_check.blockSignals(False)
        self.view.set_filter(self.current_filter())
        self._update_summary()

    def clear_filters(self) -> None:
        for combo in (self.field_filter, self.organization_filter, self.stage_filter):
            combo.setCurrentIndex(0)
        self.near_check.blockSignals(True)
        self.near_check.setChecked(False)
        self.near_check.blockSignals(False)
        self.apply_filters()

    def _organization_typed(self) -> None:
        combo = self.organization_filter
        index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
        if index < 0:
            combo.setCurrentIndex(0)
        elif index != combo.currentIndex():
            combo.setCurrentIndex(index)
        self.apply_filters()

    def _update_summary(self) -> None:
        view = self.view
        total = len(view.graph.people) if view.graph else 0
        if view.matches is None:
            text = f"{total} {'person' if total == 1 else 'people'}"
        else:
            context = len(view.shown_people()) - len(view.matches)
            text = f"Showing {len(view.matches)} of {total}"
            if context:
                text += f" (and {context} who led to them, faded)"
        self.summary.setText(text)
        self.filter_bar.layout().invalidate()  # laid out anew even when set while hidden

    def _after_reload(self) -> None:
        graph = self.view.graph
        self._refill(self.field_filter, graph.career_fields)
        self._refill(self.organization_filter, graph.organizations)
        self._fill_targets()
        self._update_summary()
        self._refill_list()
        if self.results.topLevelItemCount():
            self.find_paths()

    @staticmethod
    def _refill(combo: QComboBox, names: dict[int, str]) -> None:
        """List ``names`` after the combo's first item, keeping the choice; nothing is done
        when the combo lists them already (thousands of organizations, read again)."""
        items = list(names.items())
        if getattr(combo, "listed_names", None) == items:
            return
        combo.listed_names = items
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for key, name in names.items():
            combo.addItem(name, key)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    # Introductions -------------------------------------------------------------------------

    def _fill_targets(self) -> None:
        graph = self.view.graph
        if graph is None:
            return
        names = (graph.organizations if self.target_kind.currentData() == "organization"
                 else graph.career_fields)
        self._refill(self.target, names)

    def find_paths(self) -> list[ReferralPath]:
        """List the shortest referral paths to the chosen organization or field."""
        graph = self.view.graph
        self.results.clear()
        key = self.target.currentData()
        if graph is None or key is None:
            self.results_summary.setText("Choose an organization or a career field first.")
            self.view.highlight_paths([])
            return []
        by_organization = self.target_kind.currentData() == "organization"
        stage = self.target_stage.currentData()
        paths = shortest_paths(
            graph,
            organization_id=key if by_organization else None,
            career_field_id=None if by_organization else key,
            stages=[stage] if stage else None,
            max_steps=self.max_steps.value() or None,
        )
        items = []
        for path in paths:
            person = graph.people[path.target]
            ask = graph.name(path.introducer) if path.introducer else "You know them"
            item = QTreeWidgetItem([person.name, str(path.steps), ask])
            item.setData(0, PATH_ROLE, path)
            route = " → ".join(["Me", *(graph.name(p) for p in path.people)])
            detail = " · ".join(x for x in (person.job_title, person.organization) if x)
            item.setToolTip(0, tooltip("\n".join(x for x in (person.name, detail, route) if x)))
            item.setToolTip(2, tooltip(route))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            items.append(item)
        self.results.addTopLevelItems(items)
        where = self.target.currentText()
        if paths:
            direct = sum(1 for p in paths if p.introducer is None)
            self.results_summary.setText(
                f"{len(paths)} {'person' if len(paths) == 1 else 'people'} — {where}. "
                f"{direct} you know yourself; ask the person in “Ask” for the others.")
        else:
            self.results_summary.setText(
                f"No referral path reaches anyone — {where}. Record who referred whom, or "
                "widen the stage or step limits.")
        self._highlight_results()
        return paths

    def _highlight_results(self) -> None:
        current = self.results.currentItem()
        if self.highlight_all.isChecked():
            paths = [self.results.topLevelItem(i).data(0, PATH_ROLE).nodes
                     for i in range(self.results.topLevelItemCount())]
        else:
            paths = [current.data(0, PATH_ROLE).nodes] if current is not None else []
        self.view.highlight_paths(paths)

    def _result_chosen(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if current is None:
            return
        path: ReferralPath = current.data(0, PATH_ROLE)
        if not self.highlight_all.isChecked():
            self.view.highlight_paths([path.nodes])
        self.view.select_person(path.target)
        self.person_selected.emit(path.target)

    # Export --------------------------------------------------------------------------------

    def export_png(self) -> None:
        self._export("PNG picture (*.png)", ".png", self.view.export_png)

    def export_svg(self) -> None:
        self._export("SVG drawing (*.svg)", ".svg", self.view.export_svg)

    def _export(self, file_filter: str, suffix: str, write) -> None:
        folder = QSettings().value("graph/export_folder", "")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export referral graph", f"{folder}/referral-graph{suffix}" if folder
            else f"referral-graph{suffix}", file_filter)
        if not name:
            return
        if not name.lower().endswith(suffix):
            name += suffix
        try:
            write(name)
        except OSError as error:
            warn(self, "Export referral graph",
                 f"The graph could not be saved:\n{error}")
            return
        QSettings().setValue("graph/export_folder", str(Path(name).parent))
        self.status_message.emit(f"Graph saved to {name}")
