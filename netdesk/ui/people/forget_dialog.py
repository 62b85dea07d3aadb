"""People → Forget Person…: delete someone everywhere, for good, for their request to be
forgotten. Says what goes, that it cannot be undone, where else their name is written,
which older backups still hold them (and offers to delete those), and that a sync server
loses them at the next sync."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.forget import (
    TO_ME,
    TO_REFERRER,
    Forgotten,
    backups_holding,
    forget_person,
    mentions_elsewhere,
    preview,
)
from netdesk.db.backup import BackupError, delete_backups
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import note_label, plain_label
from netdesk.ui.common.screen import fit_to_screen
from netdesk.ui.common.wording import plural
from netdesk.ui.shell.server_start import database_kind, on_server

_ONE = {"interviews": "interview", "timeline entries": "timeline entry",
        "follow-ups": "follow-up", "referrals": "referral",
        "introduction requests": "introduction request"}


def _listed(names: list[str], most: int = 6) -> str:
    shown = names[:most] + ([f"{len(names) - most} more"] if len(names) > most else [])
    return ", ".join(shown)


class ForgetDialog(QDialog):
    """Forget one person; ``forgotten`` is emitted with the result once it is done.

    ``undo_stack`` is cleared: its commands may hold snapshots of them (a delete undone,
    an import, a merge), and undo must not bring them back. ``db_path`` finds the backups.
    """

    about_to_forget = Signal(int)
    """The person is about to go: an editor showing them drops their pending edits."""
    forgotten = Signal(object)

    def __init__(self, person_id: int, db_path, undo_stack=None, parent: QWidget | None = None,
                 *, backup_root=None):
        super().__init__(parent)
        self.person_id = person_id
        self.undo_stack = undo_stack
        self.result_: Forgotten | None = None
        self.seen = preview(person_id)
        self.setWindowTitle("Forget Person")
        self.setAccessibleName("Forget Person")
        seen = self.seen
        layout = QVBoxLayout(self)
        goes = [plural(count, _ONE.get(what, what), what) for what, count in seen.counts.items()]
        what = "their details" + (", " + ", ".join(goes) if goes else "")
        self.summary = note_label(
            f"Forget {seen.name}? This deletes them everywhere in this {database_kind(db_path)}: "
            f"{what}, with "
            "every note, question and answer that belongs to them.")
        heading = plain_label("This cannot be undone.")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(self.summary)
        layout.addWidget(heading)
        layout.addWidget(note_label("Edit → Undo will not bring them back: its history is "
                                    "cleared, as it may hold a copy of them."))

        self.to_referrer = self.to_me = None
        if seen.referred:
            box = QGroupBox("The people they referred")
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(note_label(
                f"{seen.name} referred {_listed([name for _id, name in seen.referred])}."))
            self.relink = QButtonGroup(self)
            if seen.referrer is not None:
                self.to_referrer = QRadioButton(
                    f"Re-link them to {seen.referrer[1]}, who referred {seen.name}")
                self.relink.addButton(self.to_referrer)
                box_layout.addWidget(self.to_referrer)
                self.to_referrer.setChecked(True)
            self.to_me = QRadioButton("Hang them from Me, as people I know directly")
            self.relink.addButton(self.to_me)
            box_layout.addWidget(self.to_me)
            if self.to_referrer is None:
                self.to_me.setChecked(True)
            layout.addWidget(box)

        places = mentions_elsewhere(seen)
        self.mentions = None
        if places:
            self.mentions = note_label(
                "Their name, email or phone is also written in: " + _listed(places, 8)
                + ". Forgetting does not change other records; edit those by hand.")
            layout.addWidget(self.mentions)

        self.backups = [] if on_server(db_path) else backups_holding(db_path, seen, backup_root)
        if on_server(db_path):  # its backups are the server's, not this computer's
            layout.addWidget(note_label(
                "The server's backups are kept by its administrator: if they must not hold "
                "this person either, tell the administrator."))
        self.backup_list = None
        if self.backups:
            box = QGroupBox("Older backups still hold them")
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(note_label(
                "Restoring one of these would bring them back. Tick the backups to delete "
                "with them:"))
            self.backup_list = QListWidget()
            self.backup_list.setAccessibleName("Backups that hold them")
            for backup in self.backups:
                taken = backup.taken.strftime("%d %b %Y %H:%M").lstrip("0")
                item = QListWidgetItem(f"{taken} — {backup.description}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.backup_list.addItem(item)
            self.backup_list.setMaximumHeight(140)
            box_layout.addWidget(self.backup_list)
            layout.addWidget(box)

        layout.addWidget(note_label(
            "If this file syncs with an address book server, the next sync deletes them "
            "there too."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.forget_button = QPushButton(f"Forget {seen.name}")
        self.forget_button.setAccessibleName("Forget")
        self.buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.forget_button.clicked.connect(self.forget)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self)

    def relink_choice(self) -> str:
        return TO_REFERRER if self.to_referrer is not None and self.to_referrer.isChecked() \
            else TO_ME

    def chosen_backups(self) -> list:
        if self.backup_list is None:
            return []
        return [backup for row, backup in enumerate(self.backups)
                if self.backup_list.item(row).checkState() == Qt.CheckState.Checked]

    def forget(self) -> None:
        """Forget them now, delete the backups ticked, clear undo, publish."""
        self.about_to_forget.emit(self.person_id)
        try:
            self.result_ = forget_person(self.person_id, self.relink_choice())
        except Exception as error:  # noqa: BLE001 - reported; the transaction rolled back
            warn(self, "Forget Person", f"{self.seen.name} could not be forgotten: {error}",
                 "Nothing was deleted.")
            return
        if self.undo_stack is not None:
            self.undo_stack.clear()
        publish(self.result_.changes, self)
        try:
            delete_backups(self.chosen_backups())
        except BackupError as error:
            warn(self, "Forget Person", f"{self.seen.name} is forgotten in this file, but a "
                 f"backup could not be deleted: {error}",
                 "Delete it by hand from the backup folder.")
        self.forgotten.emit(self.result_)
        self.accept()
