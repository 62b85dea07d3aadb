"""Opening every dialog and wizard the main window can show, with ``open()`` (never ``exec()``).

Shared by the keyboard test (mnemonics per page) and the plain-text audit.
Each entry is a name and a function of the main window that opens the dialog
and returns it; a new dialog joins both tests by being listed here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget

from netdesk.db.models import Interview, Organization, Person


def _first(model):
    row = model.select().order_by(model.id).first()
    assert row is not None, f"the test database needs a {model.__name__}"
    return row.id


def _import(kind: str):
    return lambda window: window.open_import(kind)


def _export(kind: str):
    from netdesk.ui.transfer.export_dialog import ExportDialog

    def open_export(window):
        dialog = ExportDialog(window, kind=kind)
        dialog.open()
        return dialog

    return open_export


def _interview_window(window):
    return window.interview_actions.open_interview(_first(Interview))


def _debrief(window):
    return window.interview_actions.debrief(_first(Interview))


def _blank_sheet(window):
    from netdesk.ui.sheets.printing import open_blank_sheet_dialog

    return open_blank_sheet_dialog(window)


def _restore(window):
    from netdesk.ui.backup.backup_actions import RestoreDialog

    dialog = RestoreDialog(window.db_path, parent=window)
    dialog.open()
    return dialog


def _snooze(window):
    import datetime

    from netdesk.ui.dashboard.follow_up_actions import SnoozeDialog

    today = datetime.date.today()
    dialog = SnoozeDialog(window, today, today)
    dialog.open()
    return dialog


def _lamp(window):
    from netdesk.ui.method.lamp_window import LampWindow

    dialog = LampWindow(window)
    dialog.show()
    return dialog


def _introduction(window):
    from netdesk.ui.method.introduction_dialog import IntroductionDialog

    first, second = Person.select().order_by(Person.id).limit(2)
    dialog = IntroductionDialog(first.id, second.id, window)
    dialog.open()
    return dialog


def _sync_password(window):
    from netdesk.ui.transfer.sync_passwords import PasswordDialog

    dialog = PasswordDialog("dav.example.org", "ann", window, refused=True)
    dialog.open()
    return dialog


def _sync_conflicts(window):
    status = window.sync_actions.status
    status.finished("Synced.", ["Ann Lee: phone was +44 20 1234 on the server"])
    return status.show_conflicts()


def _sync_settings(window):
    from netdesk.sync.accounts import accounts, add_account
    from netdesk.ui.transfer.sync_accounts_dialog import AccountSettingsDialog

    account = next(iter(accounts()), None) or add_account(
        "https://dav.example.org/", "ann", addressbook_url="https://dav.example.org/ann/book/",
        calendar_url=None, tags=("mentor",))
    dialog = AccountSettingsDialog(account, window)
    dialog.open()
    return dialog


def _about(window, which: int):
    from netdesk.ui.people.export_about_dialog import ExportAboutDialog
    from netdesk.ui.people.forget_dialog import ForgetDialog

    window.select_person(_first(Person))
    window.privacy_actions[which].trigger()
    kind = (ExportAboutDialog, ForgetDialog)[which]
    return next(d for d in window.findChildren(kind) if d.isVisible())


DIALOGS: dict[str, Callable[[QWidget], QWidget]] = {
    "question bank": lambda w: w.interview_actions.show_bank(),
    "profile": lambda w: w.interview_actions.show_profile(),
    "preferences": lambda w: w.habit.open_preferences(),
    "plan wizard": lambda w: w.interview_actions.plan(person_id=_first(Person)),
    "new plan wizard": lambda w: w.interview_actions.plan(),
    "debrief wizard": _debrief,
    "interview window": _interview_window,
    "interview picker": lambda w: w.interview_actions.choose_interview_to_open(),
    "import LinkedIn": _import("linkedin"),
    "import vCard": _import("vcard"),
    "import CSV": _import("csv"),
    "import JSON": _import("json"),
    "export": _export("vcard"),
    "blank sheet": _blank_sheet,
    "organization editor": lambda w: w.edit_organization(_first(Organization)),
    "new organization": lambda w: w.edit_organization(None),
    "record a no": lambda w: w.habit.record_no(_first(Person)),
    "restore from backup": _restore,
    "snooze": _snooze,
    "about": lambda w: w.show_about(),
    "interview list": lambda w: w.interview_actions.show_list(),
    "follow-up list": lambda w: w.follow_ups_action.trigger() or w.follow_ups_action.opened[0],
    "quick capture": lambda w: w.quick_capture_action.trigger() or w.quick_capture_action.popup[0],
    "LAMP list": lambda w: _lamp(w),
    "introduction request": lambda w: _introduction(w),
    "sync accounts": lambda w: w.sync_actions.open_accounts(),
    "add sync account": lambda w: w.sync_actions.open_accounts().add_account(),
    "sync password": _sync_password,
    "sync conflicts": _sync_conflicts,
    "sync account settings": _sync_settings,
    "export everything about": lambda w: _about(w, 0),
    "forget person": lambda w: _about(w, 1),
}


def open_dialog(window, name: str) -> QWidget:
    dialog = DIALOGS[name](window)
    assert dialog is not None, f"{name} did not open"
    QApplication.processEvents()
    return dialog


def close(dialog: QWidget) -> None:
    """Hide and drop ``dialog`` without its reject() asking to discard what it holds."""
    dialog.hide()
    dialog.deleteLater()
