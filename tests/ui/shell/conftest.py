"""The shell's tests of a window on a PostgreSQL server use the fixtures of tests/server."""

from tests.server.conftest import empty_server_url, server_url  # noqa: F401 (fixtures)
