"""``python -m tests.shots.shots_keep_in_touch OUTDIR WIDTHxHEIGHT SCALE``: keep-in-touch
marks in the tree and the editor, the dashboard card, the weekly review and the Method
page, in light and dark, on a screen of the given size and scale."""

from __future__ import annotations

import datetime
import sys
import tempfile
from pathlib import Path

from tests.shots.screens import _on_screen
from tests.ui.screen_fit import use_virtual_screen


def main(argv: list[str]) -> int:
    outdir = Path(argv[0])
    width, height = (int(n) for n in argv[1].split("x"))
    home = Path(tempfile.mkdtemp(prefix="netdesk-shots-touch-"))
    use_virtual_screen(home, width, height, argv[2])

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("netdesk-shots")
    app.setApplicationName("netdesk-shots")
    import netdesk.ui.common.plain_messages as plain_messages
    from netdesk.core.demo import write_sample_database
    from netdesk.db import open_database
    from netdesk.db.models import Interaction, Person
    from netdesk.ui.common.theme import appearance
    from netdesk.ui.method.method_settings import ENABLED_KEY
    from netdesk.ui.method.weekly_review import open_weekly_review
    from netdesk.ui.shell.main_window import MainWindow

    plain_messages.show = lambda box: box.open()
    QSettings().setValue(ENABLED_KEY, True)
    db_path = home / "sample.sqlite3"
    write_sample_database(db_path)
    open_database(db_path)
    today = datetime.date.today()
    people = list(Person.select().order_by(Person.id))
    for n, person in enumerate(people):
        person.tier = "ABC"[n % 3]
        person.save()
        if n % 4 == 0:
            Interaction.create(person=person, kind="note", occurred_on=today
                               - datetime.timedelta(days=40 + 50 * (n % 5)))
    Person.update(response_label="slow").where(Person.id == people[1].id).execute()
    outdir.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen()
    for mode in ("light", "dark"):
        appearance().set_mode(mode, save=False)
        window = MainWindow(db_path)
        window.show()
        window.contact_tree.view.expandAll()
        def shots(window, review):
            window.select_person(people[1].id)
            yield "touch-main-window", window
            window.tabs.setCurrentWidget(window.dashboard)
            yield "touch-dashboard", window
            yield "touch-review-follow-ups", review

        review = open_weekly_review(window)
        review.hide()
        for name, widget in shots(window, review):
            widget.show()
            for _ in range(8):
                app.processEvents()
            widget.grab().save(str(outdir / f"{name}-{mode}.png"))
            _on_screen(window, widget, screen).save(str(outdir / f"{name}-{mode}-screen.png"))
        review.steps.setCurrentRow(1)
        app.processEvents()
        review.grab().save(str(outdir / f"touch-review-cold-{mode}.png"))
        review.steps.setCurrentRow(2)
        app.processEvents()
        review.grab().save(str(outdir / f"touch-review-lamp-{mode}.png"))
        review.steps.setCurrentRow(4)
        app.processEvents()
        review.grab().save(str(outdir / f"touch-review-goal-{mode}.png"))
        review.reject()
        preferences = window.habit.open_preferences()
        preferences.tabs.setCurrentIndex(preferences.tabs.count() - 1)
        for _ in range(5):
            app.processEvents()
        preferences.grab().save(str(outdir / f"touch-method-page-{mode}.png"))
        _on_screen(window, preferences, screen).save(
            str(outdir / f"touch-method-page-{mode}-screen.png"))
        preferences.reject()
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
