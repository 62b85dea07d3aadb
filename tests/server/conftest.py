"""Fixtures for the tests of a network on PostgreSQL: each test gets its own database on the
session's throwaway cluster (tests/postgres.py), run in every pass of the suite."""

from __future__ import annotations

import pytest


@pytest.fixture
def server_url(postgres):
    """The URL (as the cluster's superuser) of a fresh, migrated netdesk database."""
    url = postgres.new_database()
    yield url
    postgres.drop(url)


@pytest.fixture
def empty_server_url(postgres):
    """The URL of a fresh, empty database: no netdesk tables yet."""
    url = postgres.new_database(template=None)
    yield url
    postgres.drop(url)
