"""``python -m tests.shots.shots_server OUTDIR WIDTHxHEIGHT SCALE``: the window on a shared
network on a PostgreSQL server (a throwaway cluster holding the sample network), the message
for a server that cannot be reached (at start, before any window), and File → Back Up Now
there, in light and dark, alone
(``NAME-MODE.png``) and as the screen shows them (``NAME-MODE-screen.png``)."""

from __future__ import annotations

import socket
import sys
import tempfile
import time
from pathlib import Path

from tests.shots.screens import _on_screen
from tests.ui.screen_fit import use_virtual_screen


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str]) -> int:
    outdir = Path(argv[0])
    width, height = (int(n) for n in argv[1].split("x"))
    home = Path(tempfile.mkdtemp(prefix="netdesk-shots-server-"))
    use_virtual_screen(home, width, height, argv[2])

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("netdesk-shots")
    app.setApplicationName("netdesk-shots")
    import netdesk.ui.common.plain_messages as plain_messages
    from netdesk.core.demo import populate_sample
    from netdesk.db import DatabaseFileError, integrity, open_database
    from netdesk.ui.common.theme import appearance
    from netdesk.ui.shell.server_start import server_problem_box
    from netdesk.ui.shell.startup import Start
    from tests.postgres import Cluster

    boxes = []
    plain_messages.show = lambda box: (boxes.append(box), box.open())[-1]
    cluster = Cluster()
    try:
        cluster.execute('CREATE DATABASE "network"')
        url = cluster.url("network")
        open_database(url)
        populate_sample()
        outdir.mkdir(parents=True, exist_ok=True)
        screen = app.primaryScreen()
        unreachable = f"postgresql://ana@127.0.0.1:{_closed_port()}/network"
        try:
            open_database(unreachable)
            raise AssertionError("a closed port was reached")
        except DatabaseFileError as failure:
            error = failure
        assert error.kind == integrity.UNREADABLE
        for mode in ("light", "dark"):
            appearance().set_mode(mode, save=False)
            start = Start(backups_on=False)
            assert start.open(url)
            window = start.window
            deadline = time.monotonic() + 20
            while not (start.painted and window.contact_tree.model.loaded
                       and window.dashboard.filled) and time.monotonic() < deadline:
                app.processEvents()
            window._ensure_menu_actions()  # (else made once the user pauses)
            window.sync_actions.stop()
            window.contact_tree.view.expandAll()
            window.statusBar().showMessage(f"Database: {window.db_path}")
            window.backup_actions[0].trigger()  # File → Back Up Now
            shots = [("server-window", window), ("server-back-up-now", boxes[-1]),
                     ("server-cannot-open", server_problem_box(unreachable, error))]
            for name, widget in shots:
                widget.show()
                for _ in range(8):
                    app.processEvents()
                widget.grab().save(str(outdir / f"{name}-{mode}.png"))
                behind = widget if widget.parent() is None else window  # at start: no window
                _on_screen(behind, widget, screen).save(str(outdir / f"{name}-{mode}-screen.png"))
                print(outdir / f"{name}-{mode}.png")
                if widget is not window:
                    widget.hide()
            window.close()
            start.release()
            app.processEvents()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
