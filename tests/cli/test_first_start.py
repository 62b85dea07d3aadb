"""The very first start: no data folder yet, so netdesk makes it and a database of one's own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from netdesk.paths import default_db_path
from netdesk.ui.backup.recovery_dialog import RecoveryDialog
from netdesk.ui.shell import startup


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.delenv("NETDESK_DB", raising=False)
    return home


def test_the_data_folder_is_made_before_the_file_is_claimed(qapp, fresh_home, monkeypatch):
    """Before: the lock could not be made in the missing folder, the claim failed, and
    the new file was opened read-only: "netdesk cannot open this file: it does not exist"."""
    asked = []
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: asked.append(dialog))
    path = default_db_path()
    assert not path.parent.exists()
    opened = startup.claim_and_open(path, backup_root=fresh_home / "backups")
    try:
        assert isinstance(opened, startup.Opened), asked
        assert not asked and not opened.read_only
        assert path.is_file() and opened.instance.is_owner()
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        opened.db.close()
        opened.instance.release()


def test_a_first_start_from_the_command_line_opens_the_window(fresh_home, tmp_path):
    """``netdesk`` with no data folder, in a new process: the window shows on a new
    database in the per-user folder, with no recovery dialog."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from netdesk.app import main\n"
        "app = QApplication(['netdesk'])\n"
        "def look():\n"
        "    titles = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]\n"
        "    print('windows:', titles, flush=True)\n"
        "    app.exit(0)\n"
        "QTimer.singleShot(1500, look)\n"
        "sys.exit(main([]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "netdesk.sqlite3 — netdesk" in done.stdout, done.stdout
    assert "cannot open" not in done.stdout
    assert (fresh_home / "xdg_data_home" / "netdesk" / "netdesk.sqlite3").is_file()
