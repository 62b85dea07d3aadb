"""The sync engine and its command never import Qt (it runs in a worker and on servers
without a display) nor the window."""

import subprocess
import sys


def test_the_sync_engine_and_its_command_import_no_qt_and_no_ui():
    code = ("import sys, netdesk.sync.engine, netdesk.sync.accounts, netdesk.cli.sync; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'netdesk.ui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
