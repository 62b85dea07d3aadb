"""packaging/ holds scripts, not a package: tests import them from there."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


@pytest.fixture
def packaging(monkeypatch):
    """The folder of the packaging scripts, importable for the test."""
    monkeypatch.syspath_prepend(str(PACKAGING))
    return PACKAGING
