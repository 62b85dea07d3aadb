"""The person editor edits all of a person: "More details" driven as a user would — name
parts, further emails and phones, an address, a birthday without a year, a custom field and a
photo — saved field by field, shown in the other views, checked row by row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from netdesk.core.changes import Changes
from netdesk.core.limits import PHOTO_BYTES, PHOTO_PIXELS
from netdesk.core.people import PersonForm, entries_of, photo_of, save_person
from netdesk.core.person_details import Address, Entry
from netdesk.db.models import Person, PostalAddress
from netdesk.ui.people.person_editor import PersonEditor
from tests.ui.tree import tree_names


def _open(window, person_id):
    window.select_person(person_id)
    editor = window.editor
    assert editor.person_id == person_id
    if not editor.more_details.is_open():
        editor.more_details.button.click()
    assert editor.more_details.body.isVisible()
    return editor


def _autosave(editor):
    editor._timer.timeout.emit()


def _focus(qtbot, window, widget):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _add(editor, kind_label):
    """Add… → ``kind_label`` in "Also reach at"; the new row."""
    action = next(a for a in editor.entries.add_button.menu().actions()
                  if a.text() == kind_label)
    action.trigger()
    return editor.entries.rows[-1]


def _photo_file(tmp_path, width=900, height=600):
    """A photo larger than netdesk keeps, with stripes so it does not compress to nothing."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#5080b0"))
    for y in range(0, height, 3):
        for x in range(0, width, 7):
            image.setPixelColor(x, y, QColor((x * 7) % 256, (y * 3) % 256, (x + y) % 256))
    path = tmp_path / "portrait.png"
    assert image.save(str(path))
    return path


def test_everything_typed_in_more_details_is_saved_and_shows_elsewhere(
        qtbot, window, db, events, tmp_path):
    ada = Person.create(first_name="Ada", last_name="Lee", email="ada@work.org")
    window.contact_tree.reload()
    other_view = PersonEditor()  # another window's editor on the same person
    qtbot.addWidget(other_view)
    other_view.load_person(ada.id)
    published = []
    events.changed.connect(lambda changes, _initiator: published.append(changes))
    editor = _open(window, ada.id)

    qtbot.keyClicks(editor.middle_name, "Marie")
    qtbot.keyClicks(editor.name_suffix, "PhD")
    first = _add(editor, "Email")
    qtbot.keyClicks(first.value, "ada@home.org")
    qtbot.keyClicks(first.label.lineEdit(), "Home")
    second = _add(editor, "Email")
    qtbot.keyClicks(second.value, "ada.lee@example.net")
    phone = _add(editor, "Phone")
    qtbot.keyClicks(phone.value, "+44 20 7946 0000 ext. 12")
    qtbot.keyClicks(phone.label.lineEdit(), "Work")
    qtbot.mouseClick(editor.addresses.add_button, Qt.MouseButton.LeftButton)
    box = editor.addresses.boxes[0]
    qtbot.keyClicks(box.street, "1 Harbour Row")
    qtbot.keyClick(box.street, Qt.Key.Key_Return)
    qtbot.keyClicks(box.street, "Flat 2")
    qtbot.keyClicks(box.lines["city"], "Leeds")
    qtbot.keyClicks(box.lines["postal_code"], "LS1 4AP")
    qtbot.keyClicks(box.lines["country"], "United Kingdom")
    # A birthday without a year: day and month only, the year left at "No year".
    editor.birthday.month.setFocus()
    for _ in range(5):
        qtbot.keyClick(editor.birthday.month, Qt.Key.Key_Down)
    assert editor.birthday.month.currentText() == "May"
    editor.birthday.day.lineEdit().selectAll()
    qtbot.keyClicks(editor.birthday.day, "17")
    assert editor.birthday.year.text() == "No year"
    qtbot.mouseClick(editor.custom_fields.add_button, Qt.MouseButton.LeftButton)
    custom = editor.custom_fields.rows[0]
    qtbot.keyClicks(custom.label.lineEdit(), "Best time to call")
    qtbot.keyClicks(custom.value, "Tuesdays after 3 pm")
    qtbot.mouseClick(editor.photo.choose_button, Qt.MouseButton.LeftButton)
    dialog = editor.photo.file_dialog
    assert dialog is not None and dialog.isVisible()  # open(), not exec(): nothing blocks
    dialog.selectFile(str(_photo_file(tmp_path)))
    dialog.accept()
    editor.last_name.selectAll()
    qtbot.keyClicks(editor.last_name, "Lee-Park")
    _autosave(editor)

    stored = Person.get_by_id(ada.id)
    assert (stored.middle_name, stored.name_suffix, stored.birthday) == ("Marie", "PhD",
                                                                         "--05-17")
    assert entries_of(ada.id) == [
        Entry("email", "ada@home.org", "home"), Entry("email", "ada.lee@example.net", ""),
        Entry("phone", "+44 20 7946 0000 ext. 12", "work"),
        Entry("custom", "Tuesdays after 3 pm", "Best time to call")]
    address = PostalAddress.get(PostalAddress.person == ada.id)
    assert (address.street, address.city, address.postal_code, address.country) == (
        "1 Harbour Row\nFlat 2", "Leeds", "LS1 4AP", "United Kingdom")
    photo = photo_of(ada.id)
    image = QImage.fromData(photo)
    assert 0 < len(photo) <= PHOTO_BYTES
    assert max(image.width(), image.height()) == PHOTO_PIXELS
    assert not editor.is_dirty() and "saved" in editor.save_state.text().lower()
    # The other views: the tree, the header, the other editor, and what was published.
    assert "Ada Lee-Park" in tree_names(window)
    assert editor.heading.text() == "Ada Marie Lee-Park PhD"
    assert other_view.middle_name.text() == "Marie"
    assert other_view.entries.value()[:2] == entries_of(ada.id)[:2]
    assert other_view.custom_fields.value() == [entries_of(ada.id)[3]]
    assert other_view.addresses.value()[0].city == "Leeds"
    assert other_view.photo.value() == photo and other_view.birthday.value() == "--05-17"
    fields = set().union(*(c.fields_of(ada.id) for c in published))
    assert {"photo", "entries", "addresses", "birthday", "middle_name"} <= fields
    # The folded heading says what is inside.
    qtbot.mouseClick(editor.more_details.button, Qt.MouseButton.LeftButton)
    assert "Birthday" in editor.more_details.summary.text()
    assert "1 address" in editor.more_details.summary.text()


def test_an_invalid_second_email_names_its_row_and_the_rest_is_saved(qtbot, window, db):
    ada = Person.create(first_name="Ada", email="ada@work.org")
    editor = _open(window, ada.id)
    qtbot.keyClicks(editor.nickname, "Addie")
    row = _add(editor, "Email")
    qtbot.keyClicks(row.value, "ada@@home")
    qtbot.keyClicks(editor.notes, "Call after lunch")
    _autosave(editor)
    stored = Person.get_by_id(ada.id)
    assert (stored.nickname, stored.notes) == ("Addie", "Call after lunch")
    assert entries_of(ada.id) == []
    message = editor.findChild(type(editor.heading), "entries_error")
    assert message.isVisible() and message.text().startswith("Email 2: ")
    assert row.value.property("invalid") and "Email 2" in row.value.toolTip()
    assert "Email 2" in editor.save_state.text()
    row.value.selectAll()
    qtbot.keyClicks(row.value, "ada@home.org")
    _autosave(editor)
    assert entries_of(ada.id) == [Entry("email", "ada@home.org", "")]
    assert not message.isVisible() and not row.value.property("invalid")


def test_leaving_with_a_wrong_phone_row_names_the_row(qtbot, window, db, monkeypatch):
    ada = Person.create(first_name="Ada")
    bob = Person.create(first_name="Bob")
    window.contact_tree.reload()
    editor = _open(window, ada.id)
    row = _add(editor, "Phone")
    qtbot.keyClicks(row.value, "call me")
    window.contact_tree.select_person(bob.id, notify=True)
    question = editor.leave_question
    assert question is not None and "Phone 2:" in question.text()
    fix = next(b for b in question.buttons() if b.text() == "Fix it")
    qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
    assert editor.person_id == ada.id


def test_undo_in_a_new_field_takes_the_edit_back_and_saves_that(qtbot, window, db):
    ada = Person.create(first_name="Ada", middle_name="Marie")
    editor = _open(window, ada.id)
    _focus(qtbot, window, editor.middle_name)
    editor.middle_name.end(False)
    qtbot.keyClicks(editor.middle_name, "-Claire")
    _autosave(editor)
    assert Person.get_by_id(ada.id).middle_name == "Marie-Claire"
    qtbot.keyClick(editor.middle_name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.middle_name.text() == "Marie"
    _autosave(editor)
    assert Person.get_by_id(ada.id).middle_name == "Marie"
    assert not editor.is_dirty()


def test_a_person_imported_with_extensions_pauses_and_display_names_saves_untouched(
        qtbot, window, db):
    form = PersonForm(first_name="Omega", email='"Omega" <omega@example.org>',
                      phone="+1 206 555 0142;ext=102",
                      entries=[Entry("phone", "+1 206 555 0100p123", "work"),
                               Entry("phone", "555-0100w9", ""),
                               Entry("email", "mailto:omega@home.example", "home")])
    person_id = save_person(None, form).id
    editor = _open(window, person_id)
    assert not editor.is_dirty()
    assert not any(label.isVisible() for label in editor._messages.values())
    qtbot.keyClicks(editor.notes, "Imported from the phone")
    qtbot.keyClicks(editor.middle_name, "Q")
    custom = editor.custom_fields
    qtbot.mouseClick(custom.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(custom.rows[0].value, "kept")
    assert editor.save_now()
    stored = Person.get_by_id(person_id)
    assert (stored.email, stored.phone) == ('"Omega" <omega@example.org>',
                                           "+1 206 555 0142;ext=102")
    assert entries_of(person_id)[:3] == form.entries
    assert stored.notes == "Imported from the phone" and stored.middle_name == "Q"


def test_phones_show_formatted_once_left_and_are_kept_as_typed(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada.id)
    _focus(qtbot, window, editor.phone)
    qtbot.keyClicks(editor.phone, "+12065550142;ext=7")
    assert editor.phone.text() == "+12065550142;ext=7"  # as typed while typing
    qtbot.keyClick(editor.phone, Qt.Key.Key_Tab)
    assert editor.phone.text() == "+1 206-555-0142 ext. 7"
    editor.save_now()
    assert Person.get_by_id(ada.id).phone == "+12065550142;ext=7"
    assert not editor.is_dirty()


def test_make_preferred_swaps_a_row_with_the_preferred_email(qtbot, window, db):
    ada = Person.create(first_name="Ada", email="ada@work.org", email_label="work")
    save_person(ada.id, PersonForm(entries=[Entry("email", "ada@home.org", "home")]),
                only={"entries"})
    editor = _open(window, ada.id)
    row = editor.entries.rows[0]
    assert row.preferred.isVisible()
    qtbot.mouseClick(row.preferred, Qt.MouseButton.LeftButton)
    assert editor.email.text() == "ada@home.org"
    assert editor.email_label.currentText() == "Home"
    assert editor.entries.value() == [Entry("email", "ada@work.org", "work")]
    _autosave(editor)
    stored = Person.get_by_id(ada.id)
    assert (stored.email, stored.email_label) == ("ada@home.org", "home")
    assert entries_of(ada.id) == [Entry("email", "ada@work.org", "work")]


def test_rows_move_and_go_and_the_order_is_saved(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    entries = [Entry("web", "https://a.example", ""), Entry("phone", "555 0100", ""),
               Entry("event", "2015-09-12", "Anniversary")]
    save_person(ada.id, PersonForm(entries=entries), only={"entries"})
    editor = _open(window, ada.id)
    assert [r.value.accessibleName() for r in editor.entries.rows] == ["Web page 1", "Phone 2"]
    qtbot.mouseClick(editor.entries.rows[1].up, Qt.MouseButton.LeftButton)
    _autosave(editor)
    assert [e.kind for e in entries_of(ada.id)] == ["phone", "web", "event"]
    qtbot.mouseClick(editor.entries.rows[1].remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.dates.rows[0].remove, Qt.MouseButton.LeftButton)
    _autosave(editor)
    assert entries_of(ada.id) == [Entry("phone", "555 0100", "")]


def test_entries_changed_elsewhere_show_at_once_and_ask_only_while_edited(
        qtbot, window, db, events):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada.id)
    qtbot.keyClicks(editor.notes, "typing")  # another field: no question about entries
    save_person(ada.id, PersonForm(entries=[Entry("phone", "555 0100", "home")]),
                only={"entries"})
    events.publish(Changes.of_person(ada.id, {"entries"}), object())
    assert editor.entries.value() == [Entry("phone", "555 0100", "home")]
    assert not editor._conflicts
    # Now the user edits the entries while another window writes them too.
    row = _add(editor, "Email")
    qtbot.keyClicks(row.value, "ada@mine.org")
    save_person(ada.id, PersonForm(entries=[Entry("phone", "555 0199", "")]),
                only={"entries"})
    events.publish(Changes.of_person(ada.id, {"entries"}), object())
    assert "entries" in editor._conflicts
    assert "ada@mine.org" in editor._conflicts["entries"].text()
    _autosave(editor)
    assert entries_of(ada.id) == [Entry("phone", "555 0199", "")]  # nothing chosen yet
    qtbot.mouseClick(editor._conflicts["entries"].keep_button, Qt.MouseButton.LeftButton)
    assert entries_of(ada.id) == [Entry("phone", "555 0100", "home"),
                                  Entry("email", "ada@mine.org", "")]
    assert editor.save_now()
    assert Person.get_by_id(ada.id).notes == "typing"


def test_an_address_changed_elsewhere_can_be_taken(qtbot, window, db, events):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada.id)
    qtbot.mouseClick(editor.addresses.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.addresses.boxes[0].lines["city"], "Mine")
    save_person(ada.id, PersonForm(addresses=[Address(city="Theirs")]), only={"addresses"})
    events.publish(Changes.of_person(ada.id, {"addresses"}), object())
    bar = editor._conflicts["addresses"]
    qtbot.mouseClick(bar.take_button, Qt.MouseButton.LeftButton)
    assert [a.city for a in editor.addresses.value()] == ["Theirs"]
    assert editor.save_now()
    assert [a.city for a in PostalAddress.select()] == ["Theirs"]


def test_a_photo_is_pasted_and_removed(qtbot, window, db, events):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada.id)
    published = []
    events.changed.connect(lambda changes, _initiator: published.append(changes))
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("#c05030"))
    QGuiApplication.clipboard().setImage(image)
    _focus(qtbot, window, editor.photo.choose_button)
    qtbot.keyClick(editor.photo.choose_button, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.photo.value()
    _autosave(editor)
    assert QImage.fromData(photo_of(ada.id)).size() == image.size()
    assert any("photo" in c.fields_of(ada.id) for c in published)
    qtbot.mouseClick(editor.photo.remove_button, Qt.MouseButton.LeftButton)
    _autosave(editor)
    assert photo_of(ada.id) == b""


def test_a_file_that_is_no_image_is_said_under_the_photo(qtbot, window, db, tmp_path):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada.id)
    path = tmp_path / "notes.txt"
    path.write_text("not a picture")
    assert not editor.photo.take_file(str(path))
    assert editor.photo.message.isVisible() and "notes.txt" in editor.photo.message.text()
    assert not editor.is_dirty()


def test_a_birthday_with_a_year_and_half_a_birthday(qtbot, window, db):
    ada = Person.create(first_name="Ada", birthday="1990-05-17")
    editor = _open(window, ada.id)
    assert (editor.birthday.day.value(), editor.birthday.month.currentText(),
            editor.birthday.year.value()) == (17, "May", 1990)
    qtbot.mouseClick(editor.birthday.clear_button, Qt.MouseButton.LeftButton)
    editor.birthday.month.setFocus()
    qtbot.keyClick(editor.birthday.month, Qt.Key.Key_Down)  # January, but no day
    _autosave(editor)
    assert Person.get_by_id(ada.id).birthday == "1990-05-17"  # half a date is not saved
    assert editor.findChild(type(editor.heading), "birthday_error").isVisible()
    editor.birthday.day.lineEdit().selectAll()
    qtbot.keyClicks(editor.birthday.day, "2")
    _autosave(editor)
    assert Person.get_by_id(ada.id).birthday == "--01-02"


def test_a_birthday_the_boxes_cannot_show_is_kept(qtbot, window, db):
    ada = Person.create(first_name="Ada", birthday="1990")
    editor = _open(window, ada.id)
    qtbot.keyClicks(editor.notes, "x")
    assert editor.save_now()
    assert Person.get_by_id(ada.id).birthday == "1990"


def test_more_details_remembers_whether_it_was_open(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada.id)
    qtbot.mouseClick(editor.more_details.button, Qt.MouseButton.LeftButton)  # fold it
    assert not editor.more_details.body.isVisible()
    again = PersonEditor()
    qtbot.addWidget(again)
    assert not again.more_details.is_open()
    qtbot.mouseClick(editor.more_details.button, Qt.MouseButton.LeftButton)
    fresh = PersonEditor()
    qtbot.addWidget(fresh)
    assert fresh.more_details.is_open()


def test_every_new_control_has_an_accessible_name_and_tab_reaches_it(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    save_person(ada.id, PersonForm(entries=[Entry("email", "a@b.org", "")],
                                   addresses=[Address(city="Leeds")]),
                only={"entries", "addresses"})
    editor = _open(window, ada.id)
    controls = [editor.name_prefix, editor.middle_name, editor.name_suffix, editor.nickname,
                editor.birthday.day, editor.birthday.month, editor.birthday.year,
                editor.photo.choose_button, editor.entries.rows[0].kind_combo,
                editor.entries.rows[0].label, editor.entries.rows[0].value,
                editor.entries.rows[0].preferred, editor.entries.rows[0].remove,
                editor.entries.add_button, editor.addresses.boxes[0].street,
                editor.addresses.boxes[0].lines["country"], editor.dates.add_button,
                editor.custom_fields.add_button, editor.email_label, editor.phone_label,
                editor.department]
    for control in controls:
        assert control.accessibleName(), control
    _focus(qtbot, window, editor.name_prefix)
    reached = set()
    for _ in range(80):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert {editor.birthday.day, editor.photo.choose_button, editor.entries.rows[0].value,
            editor.entries.rows[0].remove, editor.entries.add_button,
            editor.addresses.boxes[0].street, editor.custom_fields.add_button} <= reached
