"""``python -m tests.shots.shots_sync OUTDIR WIDTHxHEIGHT SCALE``: File → Sync Accounts…, the
Add Sync Account pages, the password dialog, and the sync in the status bar (running,
done with conflicts, failed), in light and dark, each alone (``NAME-MODE.png``) and as the
screen shows it (``NAME-MODE-screen.png``), on a screen of the given size and scale. No
server is needed: the accounts are written to the sample database and the status bar is
shown in each state."""

from __future__ import annotations

import datetime
import sys

from tests.shots.screen_script import run

SERVER = "https://dav.example.org/"


def _sample_accounts() -> None:
    from netdesk.sync.accounts import add_account, update_account

    first = add_account(SERVER, "fatima", addressbook_url=SERVER + "fatima/contacts/",
                        calendar_url=SERVER + "fatima/netdesk/", interval_minutes=15)
    update_account(first.id, last_synced=datetime.datetime.now() - datetime.timedelta(
        minutes=7), last_result="Sent 3 people, received 12 people and 2 interviews.")
    add_account("https://cloud.example.com/remote.php/dav/", "f.rahman",
                addressbook_url="https://cloud.example.com/remote.php/dav/addressbooks/"
                                "users/f.rahman/netdesk/",
                calendar_url=None, tags=("mentor", "alumni"), interval_minutes=0)


def _windows(window):
    from netdesk.sync.accounts import Collection, Discovery
    from netdesk.ui.transfer.sync_passwords import PasswordDialog

    sync = window.sync_actions
    dialog = sync.open_accounts()
    yield "sync-accounts", dialog
    wizard = dialog.add_account()
    page = wizard.server_page
    page.url.setText("http://dav.example.org/")
    page.user.setText("fatima")
    page.password.setText("app-password")
    yield "sync-add-server-refused", wizard
    page.url.setText(SERVER)
    wizard.server_page.busy.start("Looking for address books and calendars on "
                                  "dav.example.org…")
    yield "sync-add-server-looking", wizard
    wizard.server_page.busy.end()
    discovery = Discovery(SERVER + "fatima/", (Collection(SERVER + "fatima/contacts/",
                                                          "Contacts"),),
                          (Collection(SERVER + "fatima/calendar/", "Personal"),
                           Collection(SERVER + "fatima/work/", "Work")))
    wizard.discovery, wizard._discovered_inputs = discovery, page.inputs()
    wizard.collections_page.show_discovery(discovery)
    wizard.next()
    yield "sync-add-collections", wizard
    wizard.next()
    wizard.people_page.tagged.setChecked(True)
    yield "sync-add-people", wizard
    wizard.hide()
    dialog.table.setCurrentItem(dialog.table.topLevelItem(1))
    yield "sync-account-settings", dialog.edit_selected()
    yield "sync-password", PasswordDialog("dav.example.org", "fatima", window, refused=True)
    dialog.hide()
    status = sync.status
    status.running("Syncing with dav.example.org… 120 of 5,000", 120, 5000)
    yield "sync-status-running", window
    status.finished("Sent 3 people, received 12 people and 2 interviews.",
                    ["Fatima Rahman: phone was +1 206 555 0142 on the server",
                     "Luis Ortega: job title was Data Lead on the server"])
    yield "sync-status-done", window
    yield "sync-conflicts", status.show_conflicts()
    status.failed("Sync with dav.example.org did not finish: Listing the address book: "
                  "dav.example.org did not answer (connection refused)",
                  "Listing the address book: dav.example.org did not answer "
                  "(connection refused)")
    yield "sync-status-error", window


def main(argv: list[str]) -> int:
    return run(argv, "netdesk-shots-sync-", lambda window, _path: _windows(window),
               _sample_accounts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
