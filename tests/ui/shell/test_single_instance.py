"""One netdesk per file: the second brings the first forward; live and stale locks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from netdesk.ui.shell.single_instance import Claim, SingleInstance, server_name

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process checks use Unix signals")

HOLDER = """
import sys, time
from PySide6.QtCore import QCoreApplication, QLockFile
app = QCoreApplication([])  # netdesk lock holder
lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)
print(lock.tryLock(1000), flush=True)
time.sleep(60)
"""


@pytest.fixture
def instances(qapp):
    made = []

    def make(path):
        instance = SingleInstance(path)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.release()


@pytest.fixture
def holder(tmp_path):
    """Start a process holding the lock of tmp_path/netdesk.sqlite3 (no window, no socket)."""
    processes = []

    def start(db_path: Path) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path) + ".lock"], stdout=subprocess.PIPE)
        assert process.stdout.readline().strip() == b"True"
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.kill()
        process.wait()


def test_first_owns_second_brings_it_forward(qtbot, instances, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    first = instances(db_path)
    assert first.acquire() is Claim.OWNER and first.is_owner()
    window = QMainWindow()
    qtbot.addWidget(window)
    first.attach(window)
    window.showMinimized()
    other_spelling = tmp_path / "sub" / ".." / "netdesk.sqlite3"
    (tmp_path / "sub").mkdir()
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert instances(other_spelling).acquire() is Claim.FORWARDED
    assert window.isVisible() and not window.isMinimized()


def test_released_file_can_be_taken_again(instances, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    first = instances(db_path)
    assert first.acquire() is Claim.OWNER
    first.release()
    assert instances(db_path).acquire() is Claim.OWNER


def test_live_lock_without_an_answer_is_open_elsewhere(instances, holder, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    process = holder(db_path)
    second = instances(db_path)
    started = time.monotonic()
    assert second.acquire() is Claim.ELSEWHERE
    assert time.monotonic() - started < 5
    assert second.holder[0] == process.pid
    assert f"process {process.pid}" in second.describe_holder()
    assert db_path.with_name("netdesk.sqlite3.lock").exists()


def test_stale_lock_after_a_crash_is_taken_over(instances, holder, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    process = holder(db_path)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert instances(db_path).acquire() is Claim.OWNER


def test_lock_whose_process_number_was_reused_is_taken_over(instances, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    other = subprocess.Popen(["sleep", "30"])
    try:
        lock = db_path.with_name("netdesk.sqlite3.lock")
        lock.write_text(f"{other.pid}\nsleep\n{socket.gethostname()}\n")
        assert instances(db_path).acquire() is Claim.OWNER
    finally:
        other.kill()
        other.wait()


def test_lock_from_another_computer_is_respected(instances, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    db_path.with_name("netdesk.sqlite3.lock").write_text("4242\nnetdesk\nlaptop-of-ann\n")
    second = instances(db_path)
    assert second.acquire() is Claim.ELSEWHERE
    assert "laptop-of-ann" in second.describe_holder()


def test_socket_left_by_a_crash_does_not_stop_listening(qtbot, instances, tmp_path):
    db_path = tmp_path / "netdesk.sqlite3"
    name = server_name(db_path)
    if os.path.isabs(name):
        Path(name).write_text("left over")
    first = instances(db_path)
    assert first.acquire() is Claim.OWNER
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert instances(db_path).acquire() is Claim.FORWARDED


def test_server_name_depends_on_the_file_only(tmp_path):
    assert server_name(tmp_path / "a.sqlite3") == server_name(tmp_path / "x" / ".." / "a.sqlite3")
    assert server_name(tmp_path / "a.sqlite3") != server_name(tmp_path / "b.sqlite3")


def test_a_link_to_the_file_reaches_the_same_lock(qtbot, instances, tmp_path):
    real = tmp_path / "real" / "netdesk.sqlite3"
    real.parent.mkdir()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    first = instances(link)
    assert first.acquire() is Claim.OWNER
    assert first.lock_path == real.with_name("netdesk.sqlite3.lock")
    assert not tmp_path.joinpath("link.sqlite3.lock").exists()
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert instances(real).acquire() is Claim.FORWARDED


def test_a_link_to_the_folder_reaches_the_same_lock(instances, holder, tmp_path):
    real = tmp_path / "real" / "netdesk.sqlite3"
    real.parent.mkdir()
    (tmp_path / "alias").symlink_to(real.parent, target_is_directory=True)
    holder(real)
    second = instances(tmp_path / "alias" / "netdesk.sqlite3")
    assert second.db_path == real
    assert second.acquire() is Claim.ELSEWHERE


def test_a_folder_where_no_lock_can_be_made_is_unlockable(instances, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")  # the lock cannot be made in it (as in a read-only folder)
    assert instances(blocker / "netdesk.sqlite3").acquire() is Claim.UNLOCKABLE


def test_a_second_start_waits_for_a_first_that_listens_after_its_first_paint(
        qtbot, instances, tmp_path):
    """A real start claims the file before its window shows and listens once it has painted:
    a second netdesk started meanwhile brings it forward rather than calling it unresponsive."""
    from PySide6.QtCore import QTimer

    db_path = tmp_path / "netdesk.sqlite3"
    first = instances(db_path)
    assert first.acquire(listen=False) is Claim.OWNER and first.is_owner()
    QTimer.singleShot(300, first.listen)  # its first paint, a moment later
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert instances(db_path).acquire() is Claim.FORWARDED


def test_a_start_listens_only_after_its_first_paint(qtbot, tmp_path, monkeypatch):
    """Start claims without listening (no network module before the first frame), and opens
    the file and listens right after the first paint."""
    import netdesk.ui.shell.startup as startup

    listened = []
    real_listen = SingleInstance.listen
    monkeypatch.setattr(SingleInstance, "listen",
                        lambda self: (listened.append(True), real_listen(self)))
    start = startup.Start(backups_on=False)
    assert start.open(tmp_path / "netdesk.sqlite3")
    qtbot.addWidget(start.window)
    assert not listened and start.instance._server is None
    assert start.opened is None  # claimed, opened once the window has painted
    qtbot.waitUntil(lambda: start.painted, timeout=5000)
    assert listened and start.opened.instance._server is not None
    start.window.close()
    start.release()
