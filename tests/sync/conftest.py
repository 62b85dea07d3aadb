"""Fixtures of the sync tests: a real Radicale (see radicale.py)."""

from tests.sync.radicale import radicale, radicale_no_sync_token, radicale_server  # noqa: F401
