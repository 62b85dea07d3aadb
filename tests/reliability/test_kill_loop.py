"""Crash safety: a writer killed with SIGKILL at random moments loses no committed row."""

from __future__ import annotations

import os
import sys

import pytest

from tests.reliability.kill_loop import run_kill_loop

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a Unix signal")

KILLS = int(os.environ.get("NETDESK_KILLS", "100"))


def test_every_reported_write_survives_sigkill(tmp_path):
    path = tmp_path / "killed.sqlite3"
    result = run_kill_loop(path, KILLS, seed=7)
    assert result.kills == KILLS
    assert result.writer_failures == []
    assert result.opened_ok, result.integrity
    assert len(result.reported) > KILLS  # the writers did commit between kills
    assert result.lost == []
    assert result.half_written == 0
    assert result.integrity == "ok"
    assert result.foreign_key_problems == 0


def test_a_backup_killed_midway_never_shows_as_a_backup(tmp_path):
    import random
    import signal
    import subprocess
    import time
    from pathlib import Path

    from netdesk.db.backup import list_backups
    from netdesk.db.integrity import inspect_file
    from tests.reliability.damage import healthy_file

    db_path = tmp_path / "netdesk.sqlite3"
    healthy_file(db_path, people=3000)
    root = tmp_path / "backups"
    writer = Path(__file__).with_name("backup_writer.py")
    rng = random.Random(3)
    newest_reported = ""
    for _ in range(12):
        process = subprocess.Popen([sys.executable, str(writer), str(db_path), str(root)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.1, 0.5))
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        assert process.returncode == -signal.SIGKILL, err.decode()
        lines = [line for line in out.decode().split("\n")[:-1] if line]
        newest_reported = lines[-1] if lines else newest_reported
    listed = list_backups(db_path, root)
    assert listed, "some backups completed"
    for backup in listed:
        assert inspect_file(backup.path).ok, backup.path
    # The last backup reported complete is kept (the rotation keeps the newest ones).
    assert newest_reported in {str(b.path) for b in listed}
