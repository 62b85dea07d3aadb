import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from netdesk.db.models import Profile


@pytest.fixture
def make_dialog(qtbot, db):
    from netdesk.ui.interviews.profile_dialog import ProfileDialog

    def make():
        dialog = ProfileDialog()
        qtbot.addWidget(dialog)
        dialog.open()
        return dialog

    return make


def save_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_pitch_length_updates_as_you_type(qtbot, make_dialog):
    dialog = make_dialog()
    assert dialog.length.text().startswith("Empty")
    qtbot.keyClicks(dialog.pitch, "word " * 65)
    assert dialog.length.text().startswith("65 words · about 30 s")
    assert "within the 30-second target" in dialog.length.text()
    assert dialog.meter.value() == 30
    qtbot.keyClicks(dialog.pitch, "more " * 20)
    assert "over the 30-second target" in dialog.length.text()
    assert dialog.meter.format() == "40 s of 30 s"


def test_save_profile_and_pitch(qtbot, make_dialog):
    dialog = make_dialog()
    qtbot.keyClicks(dialog.name, "Jordan Avery")
    qtbot.keyClicks(dialog.email, "not-an-email")
    qtbot.keyClicks(dialog.degree, "BA Geography")
    qtbot.keyClicks(dialog.school, "Riverton University")
    qtbot.keyClicks(dialog.seeking, "An entry-level role in public health")
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    assert dialog.pitch.toPlainText().startswith("Hi, I'm Jordan Avery, a BA Geography student")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert "not an email" in dialog.problem.text()
    assert Profile.select().count() == 0
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "jordan@example.org")
    with qtbot.waitSignal(dialog.profile_saved):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    profile = Profile.get()
    assert (profile.name, profile.email, profile.school) == (
        "Jordan Avery", "jordan@example.org", "Riverton University")
    assert "an entry-level role in public health" in profile.pitch
    again = make_dialog()
    assert again.name.text() == "Jordan Avery" and again.pitch.toPlainText() == profile.pitch


def test_draft_asks_before_replacing(qtbot, make_dialog, monkeypatch):
    dialog = make_dialog()
    dialog.pitch.setPlainText("Mine.")
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.No)
    dialog.draft()
    assert dialog.pitch.toPlainText() == "Mine."
