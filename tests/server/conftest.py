"""Fixtures for the tests of a network on PostgreSQL: each test gets its own database on the
session's throwaway cluster (tests/postgres.py), run in every pass of the suite."""

from __future__ import annotations

import pytest

from tests.server.roles import Members


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


@pytest.fixture
def team(postgres, server_url):
    """Members (students, advisors, an administrator) of a fresh database, as roles of
    their own (tests/server/roles.py); the roles are dropped after the test."""
    members = Members(postgres, server_url)
    yield members
    from netdesk.db.models import database_proxy

    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        database_proxy.obj.close()
    postgres.drop(server_url)
    members.drop()
