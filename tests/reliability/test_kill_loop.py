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
