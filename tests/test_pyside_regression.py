"""Guards against Qt bindings that crash after many calls returning nothing (none_dealloc)."""

import os
import subprocess
import sys
import textwrap

CALLS = 200_000

SCRIPT = textwrap.dedent(
    f"""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel()
    for i in range({CALLS}):
        label.setText("x")
    model = QStandardItemModel()
    root = model.invisibleRootItem()
    for group in range(200):
        parent = QStandardItem(f"group {{group}}")
        root.appendRow(parent)
        for row in range({CALLS} // 200):
            parent.appendRow(QStandardItem("person"))
    print("clean exit")
    """
)


def test_many_calls_returning_none_do_not_crash():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True, text=True, timeout=150,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "clean exit" in result.stdout
