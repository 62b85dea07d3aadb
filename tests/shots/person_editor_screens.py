"""``python -m tests.shots.person_editor_screens OUTDIR WIDTHxHEIGHT SCALE``: the person editor
with every field filled and "More details" open, light and dark, on one screen.

Writes ``person-editor-MODE.png`` (the window as the screen shows it) and
``person-editor-all-MODE.png`` (the editor's whole scrolled page).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.ui.screen_fit import use_virtual_screen


def photo_bytes() -> bytes:
    """A small drawn portrait (a face on a coloured ground) as PNG bytes."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(320, 320, QImage.Format.Format_RGB32)
    image.fill(QColor("#7fa7c9"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#3b5b7a"))
    painter.drawEllipse(60, 200, 200, 220)
    painter.setBrush(QColor("#e8c4a0"))
    painter.drawEllipse(105, 70, 110, 130)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def fill_everything(person_id: int) -> None:
    """Give the person a value in every field the editor shows."""
    from netdesk.core.people import PersonForm, save_person
    from netdesk.core.person_details import Address, Entry
    from netdesk.db.models import Person

    form = PersonForm.from_person(Person.get_by_id(person_id))
    form.name_prefix, form.middle_name, form.name_suffix = "Dr", "Amina", "PhD"
    form.nickname, form.department, form.birthday = "Fati", "Epidemiology", "--05-17"
    form.email_label, form.phone, form.phone_label = "work", "+1 206 555 0142;ext=102", "work"
    form.entries = [
        Entry("email", "fatima.home@example.org", "home"),
        Entry("phone", "+1 206 555 0199", "mobile"),
        Entry("web", "https://fatima.example.org", "Blog"),
        Entry("social", "@fatima@mastodon.social", "Mastodon"),
        Entry("event", "2015-09-12", "Anniversary"),
        Entry("related", "Omar Haddad", "Spouse"),
        Entry("custom", "Tuesdays after 3 pm", "Best time to call"),
    ]
    form.addresses = [Address("work", "1400 NE Campus Pkwy\nSuite 210", "Seattle", "WA",
                              "98195", "United States")]
    form.photo = photo_bytes()
    save_person(person_id, form)


def main(argv: list[str]) -> int:
    outdir = Path(argv[0])
    width, height = (int(n) for n in argv[1].split("x"))
    home = Path(tempfile.mkdtemp(prefix="netdesk-shots-editor-"))
    use_virtual_screen(home, width, height, argv[2])

    from PySide6.QtWidgets import QApplication, QScrollArea

    app = QApplication([])
    app.setOrganizationName("netdesk-shots")
    app.setApplicationName("netdesk-shots")
    from netdesk.core.demo import write_sample_database
    from netdesk.db import open_database
    from netdesk.db.models import Person
    from netdesk.ui.common.theme import appearance
    from netdesk.ui.shell.main_window import MainWindow

    db_path = home / "sample.sqlite3"
    write_sample_database(db_path)
    open_database(db_path)
    fatima = Person.get(Person.first_name == "Fatima").id
    fill_everything(fatima)
    outdir.mkdir(parents=True, exist_ok=True)
    for mode in ("light", "dark"):
        appearance().set_mode(mode, save=False)
        window = MainWindow(db_path)
        window.show()
        window.select_person(fatima)
        window.editor.more_details.set_open(True)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(outdir / f"person-editor-{mode}.png"))
        body = window.editor.findChild(QScrollArea).widget()
        body.grab().save(str(outdir / f"person-editor-all-{mode}.png"))
        print(outdir / f"person-editor-{mode}.png")
        window.editor.save_now()
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
