from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from netdesk.core.templates import ensure_default_templates


def test_redraft_copy_and_mail(qtbot, db, monkeypatch):
    import netdesk.ui.common.sending as sending
    from netdesk.ui.interviews.message_editor import MessageEditor

    ensure_default_templates()
    opened = []
    monkeypatch.setattr(sending, "open_link", lambda url: opened.append(url) or True)
    editor = MessageEditor("thank_you", lambda: {"person_first_name": "Ana"})
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.redraft_button, Qt.MouseButton.LeftButton)
    assert editor.body.toPlainText().startswith("Dear Ana,")
    assert "[your name]" in editor.body.toPlainText()
    assert "brackets" in editor.hint.text()
    editor.set_recipient(" ana@example.org ")
    qtbot.mouseClick(editor.mail_button, Qt.MouseButton.LeftButton)
    assert opened[0].startswith("mailto:ana@example.org?subject=Thank%20you%20for%20your%20time"
                                "&body=Dear%20Ana%2C%0A")
    qtbot.mouseClick(editor.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Subject: Thank you for your time\n\n")


def test_no_template_of_a_kind(qtbot, db):
    from netdesk.db.models import Template
    from netdesk.ui.interviews.message_editor import MessageEditor

    ensure_default_templates()
    Template.delete().where(Template.kind == "keep_in_touch").execute()
    editor = MessageEditor("keep_in_touch", dict)
    qtbot.addWidget(editor)
    editor.redraft()
    assert "No template of this kind" in editor.hint.text()
    assert editor.is_empty()
