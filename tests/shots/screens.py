"""``python -m tests.shots.screens OUTDIR WIDTHxHEIGHT SCALE``: the main windows on one screen.

The offscreen platform is given a screen of WIDTHxHEIGHT pixels and Qt a scale
factor of SCALE, as a user's laptop would; each window is then shot in the
light and the dark appearance, alone (``NAME-light.png``) and as the screen
shows it, over the main window (``NAME-light-screen.png``), so that a window
too big or off the screen shows. ``python -m tests.shots`` runs this for
100 %, 150 % (on 1440×900) and 1024×600.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.ui.screen_fit import use_virtual_screen

SCREENS = {"100": ("1280x800", "1"), "150": ("1440x900", "1.5"), "1024x600": ("1024x600", "1")}
"""Folder name: (screen in pixels, scale factor)."""


def _windows(window):
    from netdesk.core.interviews import open_interviews
    from netdesk.db.models import Person
    from netdesk.ui.interviews.interview_window import InterviewWindow
    from netdesk.ui.sheets.printing import print_interview_sheet

    fatima = Person.get(Person.first_name == "Fatima").id
    window.select_person(fatima)
    yield "main-window", window
    window.tabs.setCurrentWidget(window.dashboard)
    yield "main-window-dashboard", window
    window.tabs.setCurrentWidget(window.graph_panel)
    yield "main-window-graph", window
    window.tabs.setCurrentWidget(window.person_stack)
    plan = window.interview_actions.plan(person_id=fatima)
    yield "plan-wizard", plan
    plan.next()
    plan.next()
    yield "plan-wizard-reach-out", plan
    yield "question-bank", window.interview_actions.show_bank()
    yield "profile", window.interview_actions.show_profile()
    yield "preferences", window.habit.open_preferences()
    upcoming = next(i for i in open_interviews() if i.scheduled_at is not None)
    yield "print-preview", print_interview_sheet(window, upcoming.id)
    run = InterviewWindow(upcoming.id, window)
    yield "interview-window", run
    window.contact_tree.filter.setText("zebra keeper")
    window.contact_tree.apply_filter()
    yield "main-window-no-match", window
    window.contact_tree.filter.clear()
    window.contact_tree.apply_filter()
    window.contact_tree.view.expandAll()
    interviews = window.interview_actions.show_list()
    yield "interview-list", interviews
    interviews.filter.setText("zebra keeper")
    interviews.reload()
    yield "interview-list-no-match", interviews
    follow_ups = window.follow_ups_action.trigger() or window.follow_ups_action.opened[0]
    follow_ups.filter.setText("zebra keeper")
    follow_ups.reload()
    yield "follow-up-list-no-match", follow_ups


def _on_screen(window, widget, screen):
    """What the screen shows: the desktop, the main window, then ``widget`` where they are."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    ratio = screen.devicePixelRatio()
    size = screen.geometry().size()
    canvas = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
    canvas.setDevicePixelRatio(ratio)
    canvas.fill(QColor("#4a5560"))
    painter = QPainter(canvas)
    for shown in ([window] if widget is window else [window, widget]):
        frame = shown.frameGeometry()
        painter.fillRect(frame, QColor("#20262c"))
        painter.drawPixmap(shown.geometry().topLeft(), shown.grab())
    painter.end()
    return canvas


def main(argv: list[str]) -> int:
    outdir = Path(argv[0])
    width, height = (int(n) for n in argv[1].split("x"))
    scale = argv[2]
    home = Path(tempfile.mkdtemp(prefix="netdesk-shots-screen-"))
    use_virtual_screen(home, width, height, scale)

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("netdesk-shots")
    app.setApplicationName("netdesk-shots")
    import netdesk.ui.common.plain_messages as plain_messages
    from netdesk.core.demo import write_sample_database
    from netdesk.db import open_database
    from netdesk.ui.common.theme import appearance
    from netdesk.ui.shell.main_window import MainWindow

    plain_messages.show = lambda box: box.open()
    db_path = home / "sample.sqlite3"
    write_sample_database(db_path)
    open_database(db_path)
    outdir.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen()
    for mode in ("light", "dark"):
        appearance().set_mode(mode, save=False)
        window = MainWindow(db_path)
        window.show()
        window.contact_tree.view.expandAll()
        for name, widget in _windows(window):
            widget.show()
            for _ in range(5):
                app.processEvents()
            widget.grab().save(str(outdir / f"{name}-{mode}.png"))
            _on_screen(window, widget, screen).save(str(outdir / f"{name}-{mode}-screen.png"))
            print(outdir / f"{name}-{mode}.png")
            if widget is not window:
                widget.hide()
                widget.deleteLater()
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
