"""Adding a sync account: the server and the password, the address book and calendar found
there (or new ones named "netdesk"), which people sync and how often.

Looking up the server and creating collections are network calls: they run off the GUI
thread (:class:`~netdesk.ui.transfer.sync_worker.Background`) with a busy bar and a way to
stop, and a failure is said on the page, in the engine's words, naming what failed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from netdesk import secrets
from netdesk.ui.common.forms import buddy_label
from netdesk.ui.common.line_edits import no_auto_default
from netdesk.ui.common.plain_text import note_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, scroll_body, text_size
from netdesk.ui.transfer.sync_passwords import NO_KEYRING_NOTE, keep_password, server_name
from netdesk.ui.transfer.sync_worker import Background

CREATE = "create"
"""The choice "Create one named netdesk" in a collection list."""
DEFAULT_INTERVAL = 15


def existing_tags() -> list[str]:
    """Every tag some person carries, sorted without regard to case."""
    from netdesk.db.models import Person

    tags: dict[str, str] = {}
    for (text,) in Person.select(Person.tags).where(Person.tags != "").tuples():
        for tag in (t.strip() for t in (text or "").split(",")):
            if tag:
                tags.setdefault(tag.casefold(), tag)
    return sorted(tags.values(), key=str.casefold)


class _Busy(QWidget):
    """A busy bar, what is going on, and a button that stops waiting for it."""

    def __init__(self, stop_text: str, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Working")
        self.text = note_label()
        self.stop = QPushButton(stop_text)
        self.stop.setAccessibleName("Stop waiting for the server")
        no_auto_default(self.stop)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar)
        row.addWidget(self.text, 1)
        row.addWidget(self.stop)
        self.hide()

    def start(self, text: str) -> None:
        self.text.setText(text)
        self.show()

    def end(self) -> None:
        self.hide()


class ServerPage(QWizardPage):
    def __init__(self, wizard: SyncAccountWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Server")
        self.setSubTitle("The CardDAV / CalDAV server your phone syncs with (Nextcloud, "
                         "Radicale, Baïkal, Fastmail, iCloud with an app password…).")
        self.url = QLineEdit()
        self.url.setAccessibleName("Server address")
        self.url.setPlaceholderText("https://dav.example.org/")
        self.url_problem = problem_label()
        self.url_problem.setAccessibleName("Problem with the server address")
        self.user = QLineEdit()
        self.user.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.remember = QCheckBox("&Remember in the system keyring")
        self.remember.setAccessibleName("Remember the password in the system keyring")
        self.no_keyring = note_label(NO_KEYRING_NOTE)
        self.no_keyring.setAccessibleName("No keyring")
        self.has_keyring = secrets.available()
        self.remember.setChecked(self.has_keyring)
        self.remember.setVisible(self.has_keyring)
        self.no_keyring.setVisible(not self.has_keyring)
        self.busy = _Busy("S&top")
        self.problem = problem_label()
        self.problem.setAccessibleName("What failed")
        form = QFormLayout()
        form.addRow(buddy_label("Server &address:", self.url), self.url)
        form.addRow("", self.url_problem)
        form.addRow(buddy_label("&User name:", self.user), self.user)
        form.addRow(buddy_label("&Password:", self.password), self.password)
        form.addRow("", self.remember)
        form.addRow(self.no_keyring)
        layout = QVBoxLayout(scroll_body(self))
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        for edit in (self.url, self.user, self.password):
            edit.textChanged.connect(self._edited)
        self._url_ok = False
        self._edited()

    def inputs(self) -> tuple[str, str, str]:
        return self.url.text().strip(), self.user.text().strip(), self.password.text()

    def _edited(self, *_args) -> None:
        from netdesk.sync.accounts import check_url

        url = self.url.text().strip()
        problem = check_url(url) if url else None
        self.url_problem.setText(problem or "")
        self.url_problem.setVisible(bool(problem))
        self._url_ok = bool(url) and problem is None
        self.problem.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        url, user, _password = self.inputs()
        return self._url_ok and bool(user) and not self.wizard_.is_busy()

    def validatePage(self) -> bool:
        return self.wizard_.discovered_for(self.inputs())


class CollectionsPage(QWizardPage):
    def __init__(self, wizard: SyncAccountWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Address book and calendar")
        self.setSubTitle("Where netdesk keeps your people and your interviews and follow-ups "
                         "on the server.")
        self.addressbook = QComboBox()
        self.addressbook.setAccessibleName("Address book")
        self.calendar = QComboBox()
        self.calendar.setAccessibleName("Calendar")
        self.busy = _Busy("S&top")
        self.problem = problem_label()
        self.problem.setAccessibleName("What failed")
        form = QFormLayout()
        form.addRow(buddy_label("&Address book:", self.addressbook), self.addressbook)
        form.addRow(buddy_label("&Calendar:", self.calendar), self.calendar)
        layout = QVBoxLayout(scroll_body(self))
        layout.addLayout(form)
        layout.addWidget(note_label(
            "People sync as contacts; interviews as events and follow-ups as to-dos."))
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.addressbook.currentIndexChanged.connect(self._chosen)
        self.calendar.currentIndexChanged.connect(self._chosen)

    def show_discovery(self, discovery) -> None:
        for combo, found, what in ((self.addressbook, discovery.addressbooks, "contacts"),
                                   (self.calendar, discovery.calendars, "calendar")):
            previous = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for collection in found:
                combo.addItem(collection.name or _last_part(collection.url), collection.url)
            combo.addItem("Create one named netdesk", CREATE)
            combo.addItem(f"Do not sync the {what}", None)
            index = combo.findData(previous) if previous else -1
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)
        self.problem.clear()

    def choices(self) -> tuple[str | None, str | None]:
        return self.addressbook.currentData(), self.calendar.currentData()

    def _chosen(self, *_args) -> None:
        self.problem.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (any(choice is not None for choice in self.choices())
                and not self.wizard_.is_busy())

    def validatePage(self) -> bool:
        return self.wizard_.collections_ready(self.choices())


class PeoplePage(QWizardPage):
    """Which people sync (everyone, or those with chosen tags) and how often; also the body
    of an account's Settings dialog."""

    def __init__(self, wizard: SyncAccountWizard | None = None):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Who syncs, and when")
        self.everyone = QRadioButton("&Everyone in this network")
        self.tagged = QRadioButton("Only people with &any of these tags:")
        self.who = QButtonGroup(self)
        self.who.addButton(self.everyone)
        self.who.addButton(self.tagged)
        self.everyone.setChecked(True)
        self.tags = QListWidget()
        self.tags.setAccessibleName("Tags whose people sync")
        self.tags.setMaximumHeight(8 * self.fontMetrics().lineSpacing())
        tags = existing_tags()
        for tag in tags:
            item = QListWidgetItem(tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tags.addItem(item)
        self.no_tags = note_label("No one has a tag yet: give people tags in their card "
                                  "to sync only some of them.")
        self.tagged.setEnabled(bool(tags))
        self.tags.setVisible(bool(tags))
        self.no_tags.setVisible(not tags)
        self.tags.setEnabled(False)
        self.tagged.toggled.connect(self.tags.setEnabled)
        self.tagged.toggled.connect(lambda _on: self.completeChanged.emit())
        self.tags.itemChanged.connect(lambda _item: self.completeChanged.emit())
        self.automatic = QRadioButton("Sync e&very")
        self.manual = QRadioButton("&Only when I choose File → Sync Now")
        self.when = QButtonGroup(self)
        self.when.addButton(self.automatic)
        self.when.addButton(self.manual)
        self.automatic.setChecked(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(DEFAULT_INTERVAL)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Minutes between two syncs")
        self.automatic.toggled.connect(self.minutes.setEnabled)
        every = QHBoxLayout()
        every.addWidget(self.automatic)
        every.addWidget(self.minutes)
        every.addWidget(note_label("while netdesk is open"), 1)
        layout = QVBoxLayout(scroll_body(self))
        layout.addWidget(self.everyone)
        layout.addWidget(self.tagged)
        layout.addWidget(self.tags)
        layout.addWidget(self.no_tags)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(every)
        layout.addWidget(self.manual)
        self.problem = problem_label()
        self.problem.setAccessibleName("What failed")
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def show_settings(self, tags: tuple[str, ...], interval_minutes: int) -> None:
        """Show an account's choices (a tag no one carries any more is listed too)."""
        known = {self.tags.item(row).text().casefold() for row in range(self.tags.count())}
        for tag in tags:
            if tag.casefold() not in known:
                item = QListWidgetItem(tag)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.tags.addItem(item)
        wanted = {tag.casefold() for tag in tags}
        for row in range(self.tags.count()):
            item = self.tags.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text().casefold() in wanted
                               else Qt.CheckState.Unchecked)
        if self.tags.count():
            self.tagged.setEnabled(True)
            self.tags.show()
            self.no_tags.hide()
        (self.tagged if tags else self.everyone).setChecked(True)
        if interval_minutes > 0:
            self.minutes.setValue(interval_minutes)
            self.automatic.setChecked(True)
        else:
            self.manual.setChecked(True)

    def chosen_tags(self) -> tuple[str, ...]:
        if not self.tagged.isChecked():
            return ()
        return tuple(self.tags.item(row).text() for row in range(self.tags.count())
                     if self.tags.item(row).checkState() == Qt.CheckState.Checked)

    def interval(self) -> int:
        return self.minutes.value() if self.automatic.isChecked() else 0

    def isComplete(self) -> bool:
        return not self.tagged.isChecked() or bool(self.chosen_tags())


class SyncAccountWizard(QWizard):
    """File → Sync Accounts… → Add…: ``account_added(account)`` once it is saved.

    Attributes:
        discovery: what the server offered (after the first page).
        background: runs the lookups off the GUI thread.
    """

    account_added = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add Sync Account")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.background = Background(self)
        self.background.succeeded.connect(self._looked_up)
        self.background.failed.connect(self._lookup_failed)
        self.server_page = ServerPage(self)
        self.collections_page = CollectionsPage(self)
        self.people_page = PeoplePage(self)
        for page_id, page in enumerate((self.server_page, self.collections_page,
                                        self.people_page)):
            self.setPage(page_id, page)
            no_auto_default(page)
        self.discovery = None
        self._discovered_inputs: tuple[str, str, str] | None = None
        self._ready_choices: tuple | None = None
        self._busy_page: QWizardPage | None = None
        self._then = None
        for page in (self.server_page, self.collections_page):
            page.busy.stop.clicked.connect(self.stop_lookup)
        fit_to_screen(self, text_size(self, 84, 30))

    # Discovery ---------------------------------------------------------------------------

    def discovered_for(self, inputs: tuple[str, str, str]) -> bool:
        """Whether the server was looked up with these inputs; if not, start doing so."""
        if self.discovery is not None and self._discovered_inputs == inputs:
            return True
        if self.background.busy:
            return False
        url, user, password = inputs
        from netdesk.sync.accounts import discover

        def found(discovery) -> None:
            self.discovery = discovery
            self._discovered_inputs = inputs
            self._ready_choices = None
            self.collections_page.show_discovery(discovery)
            self.next()

        self._lookup(self.server_page, f"Looking for address books and calendars on "
                     f"{server_name(url)}…", lambda: discover(url, user, password), found)
        return False

    def collections_ready(self, choices: tuple[str | None, str | None]) -> bool:
        """Whether the chosen collections exist; if some are to be created, start that."""
        addressbook, calendar = choices
        if CREATE not in choices:
            return True
        if self.background.busy:
            return False
        url, user, password = self._discovered_inputs
        from netdesk.sync.accounts import create_collections

        def created(discovery) -> None:
            before = self.discovery
            self.discovery = discovery
            page = self.collections_page
            page.show_discovery(discovery)
            for combo, wanted, old, new in (
                    (page.addressbook, addressbook, before.addressbooks, discovery.addressbooks),
                    (page.calendar, calendar, before.calendars, discovery.calendars)):
                if wanted == CREATE:
                    made = _made(old, new)
                    if made is not None:
                        combo.setCurrentIndex(combo.findData(made.url))
            if CREATE in page.choices():
                page.problem.setText(f"{server_name(url)} did not show a collection named "
                                     "netdesk after creating it; choose another.")
                return
            self.next()

        self._lookup(self.collections_page, f"Creating the netdesk collections on "
                     f"{server_name(url)}…",
                     lambda: create_collections(url, user, password,
                                                addressbook=addressbook == CREATE,
                                                calendar=calendar == CREATE), created)
        return False

    def _lookup(self, page, text: str, call, then) -> None:
        self._busy_page = page
        self._then = then
        page.problem.clear()
        page.busy.start(text)
        self.background.run(call)
        page.completeChanged.emit()  # Next waits while the server is asked

    def stop_lookup(self) -> None:
        """Stop waiting for the server (what it answers later is ignored)."""
        self.background.cancel()
        self._end_lookup()
        if self._busy_page is not None:
            self._busy_page.problem.setText("Stopped: the server did not answer in time.")

    def _end_lookup(self) -> None:
        page = self._busy_page
        if page is not None:
            page.busy.end()
            page.completeChanged.emit()

    def _looked_up(self, result) -> None:
        self._end_lookup()
        then, self._then = self._then, None
        if then is not None:
            then(result)

    def _lookup_failed(self, error: Exception) -> None:
        self._end_lookup()
        self._then = None
        page = self._busy_page
        if page is not None:
            page.problem.setText(_failure_text(error))

    def is_busy(self) -> bool:
        return self.background.busy

    # Saving ------------------------------------------------------------------------------

    def accept(self) -> None:
        from netdesk.sync.accounts import add_account
        from netdesk.sync.errors import SyncError

        url, user, password = self._discovered_inputs
        addressbook, calendar = self.collections_page.choices()
        try:
            account = add_account(url, user, addressbook_url=addressbook,
                                  calendar_url=calendar, tags=self.people_page.chosen_tags(),
                                  interval_minutes=self.people_page.interval())
        except SyncError as error:
            self.people_page.problem.setText(str(error))
            return
        self.kept = keep_password(account.id, password,
                                  remember=self.server_page.remember.isChecked())
        super().accept()
        self.account_added.emit(account)

    def reject(self) -> None:
        self.background.cancel()
        super().reject()


def _made(old, new):
    """The collection named netdesk that ``new`` lists and ``old`` did not (or any one)."""
    known = {collection.url for collection in old}
    fresh = [collection for collection in new if collection.url not in known]
    named = [c for c in fresh or new if (c.name or _last_part(c.url)).casefold() == "netdesk"]
    return (named or fresh or [None])[0]


def _last_part(url: str) -> str:
    parts = [part for part in url.split("/") if part]
    return parts[-1] if parts else url


def _failure_text(error: Exception) -> str:
    from netdesk.sync.errors import SyncError

    if isinstance(error, SyncError):
        return str(error)
    return f"netdesk could not talk to the server ({type(error).__name__}: {error})."
