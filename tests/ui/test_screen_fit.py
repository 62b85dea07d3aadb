"""Every window and dialog fits 1024×600 and 1440×900 at 150 %, its buttons in view.

In this process the available screen is replaced (``screen.available_geometry``);
in a subprocess the offscreen platform gets a real screen of that size and
``QT_SCALE_FACTOR``, so Qt's own scaling is covered too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QStyle, QToolButton

from tests.ui.screen_fit import WINDOWS, check_every_window

ROOT = Path(__file__).resolve().parents[2]
SMALL_SCREENS = {"1024x600": QRect(0, 0, 1024, 600),
                 "1440x900 at 150 %": QRect(0, 0, 960, 600)}


@pytest.fixture(params=sorted(SMALL_SCREENS))
def small_screen(request, monkeypatch):
    area = SMALL_SCREENS[request.param]
    monkeypatch.setattr("netdesk.ui.common.screen.available_geometry", lambda widget=None: area)
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: box.open())
    return area


@pytest.fixture
def small_window(small_screen, sample_db, make_window):
    return make_window()


def test_every_window_fits_a_small_screen(small_window, small_screen):
    assert not check_every_window(small_window, small_screen)


def test_the_check_finds_a_window_too_big(window, qtbot):
    from tests.ui.screen_fit import misfits

    window.resize(1200, 780)
    found = misfits("main window", window, QRect(0, 0, 1024, 600))
    assert found and "not inside" in found[0]


@pytest.mark.parametrize("screen, scale, points", [
    ("1024x600", "1", None), ("1440x900", "1.5", None), ("1024x600", "1", "11")])
def test_every_window_fits_a_real_small_screen(screen, scale, points):
    """The same check with Qt's own screen and scaling (and a larger font), in a new process."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.ui.screen_fit", screen, scale]
    if points:
        command.append(points)
    run = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True,
                         timeout=240)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.stdout.startswith("available ")


def test_a_window_larger_than_the_screen_is_made_to_fit_and_placed_on_it(qtbot, monkeypatch):
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QDialog

    from netdesk.ui.common.screen import fit_to_screen

    area = QRect(100, 50, 800, 500)
    monkeypatch.setattr("netdesk.ui.common.screen.available_geometry", lambda widget=None: area)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, QSize(1200, 900))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.contains(dialog.frameGeometry())
    assert dialog.width() <= 800 and dialog.height() <= 500


def test_the_filter_shows_its_whole_placeholder_at_1024x600(small_window):
    edit = small_window.contact_tree.filter
    metrics = edit.fontMetrics()
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    clear = sum(b.width() for b in edit.findChildren(QToolButton))
    room = edit.width() - 2 * frame - clear - 4
    assert room >= metrics.horizontalAdvance(edit.placeholderText())


def _show_graph(window, qtbot):
    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view
    qtbot.waitUntil(lambda: view.graph is not None and view.legend.isVisible())
    return view


def test_the_legend_folds_on_a_small_screen_and_unfolds_on_a_click(small_window, qtbot):
    view = _show_graph(small_window, qtbot)
    legend = view.legend
    area = view.viewport().size()
    assert legend.height() <= 0.55 * area.height()
    folded = legend.is_folded()
    bottom = legend.geometry().bottom()
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert legend.is_folded() is not folded
    assert legend.geometry().bottom() == bottom  # it stays in its corner
    assert legend.size() == legend.sizeHint()


def test_fit_all_leaves_the_legend_its_corner(sample_window, qtbot):
    sample_window.resize(1200, 780)
    view = _show_graph(sample_window, qtbot)
    view.legend.set_folded(False)
    view.fit_all()
    drawn = view.mapFromScene(view.drawing.drawn_bounds(view.zoom_factor())).boundingRect()
    legend = view.legend.geometry().translated(-view.viewport().pos())
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(drawn)
    assert not drawn.adjusted(4, 4, -4, -4).intersects(legend)


def test_windows_list_covers_the_dialogs():
    from tests.ui.every_dialog import DIALOGS

    assert set(DIALOGS) <= set(WINDOWS)
    assert {"main window", "print preview", "catalog"} <= set(WINDOWS)
