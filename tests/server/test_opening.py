"""Opening a netdesk network on PostgreSQL: an empty database becomes netdesk's, another
program's database is refused and left alone, a server that cannot be used says why without
showing a password, and a URL is never taken for a file name."""

from __future__ import annotations

import psycopg
import pytest

from netdesk.db import DatabaseFileError, dialect, integrity, open_database
from netdesk.db.database import schema_version
from netdesk.db.ddl import for_postgresql
from netdesk.db.integrity import known_migrations
from netdesk.db.models import Organization, Person, database_proxy
from netdesk.db.server import MARKER_TABLE, display_name, qmark_to_format
from netdesk.paths import chosen_db_path, database_argument, default_db_path


def tables(url: str) -> set[str]:
    with psycopg.connect(url) as connection:
        return {row[0] for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_an_empty_database_becomes_a_netdesk_one_with_every_migration(empty_server_url):
    db = open_database(empty_server_url)
    try:
        assert dialect.is_server(db)
        assert schema_version(db) == known_migrations()[-1]
        assert db.netdesk_path is None and not db.netdesk_read_only
        row = db.execute_sql(f'SELECT application FROM "{MARKER_TABLE}"').fetchone()
        assert row == ("netdesk",)
    finally:
        db.close()
    assert {"person", "interview", "person_search", MARKER_TABLE} <= tables(empty_server_url)


def test_opening_again_keeps_what_was_written(empty_server_url):
    db = open_database(empty_server_url)
    Person.create(first_name="Ada", last_name="Lovelace")
    db.close()
    db = open_database(empty_server_url)
    try:
        assert [p.full_name for p in Person.select()] == ["Ada Lovelace"]
    finally:
        db.close()


def test_a_database_of_another_program_is_refused_and_left_as_it_was(empty_server_url):
    with psycopg.connect(empty_server_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id integer primary key, total numeric)")
        connection.execute("INSERT INTO invoices VALUES (1, 12.5)")
    with pytest.raises(DatabaseFileError) as refused:
        open_database(empty_server_url)
    assert refused.value.kind == integrity.FOREIGN
    assert "invoices" in refused.value.reason
    assert tables(empty_server_url) == {"invoices"}


def test_a_marker_naming_another_program_is_refused(empty_server_url):
    with psycopg.connect(empty_server_url, autocommit=True) as connection:
        connection.execute(f'CREATE TABLE "{MARKER_TABLE}" (application text, created timestamp)')
        connection.execute(f"INSERT INTO \"{MARKER_TABLE}\" VALUES ('something else', now())")
    with pytest.raises(DatabaseFileError) as refused:
        open_database(empty_server_url)
    assert refused.value.kind == integrity.FOREIGN


def test_a_server_that_is_not_there_says_so_without_the_password(postgres):
    url = f"postgresql://ana:s3cret-word@127.0.0.1:{_closed_port()}/network"
    with pytest.raises(DatabaseFileError) as refused:
        open_database(url)
    assert refused.value.kind == integrity.UNREADABLE
    assert "cannot be reached" in str(refused.value)
    assert "s3cret-word" not in str(refused.value)
    assert "ana@127.0.0.1" in str(refused.value)


def test_a_missing_database_is_named(postgres):
    with pytest.raises(DatabaseFileError) as refused:
        open_database(postgres.url("no_such_network"))
    assert refused.value.kind == integrity.MISSING
    assert "no_such_network" in str(refused.value)


def test_a_url_is_never_taken_for_a_file(monkeypatch, tmp_path):
    url = "postgresql://ana@db.example.edu:5433/network"
    assert database_argument(url) == url
    assert chosen_db_path(url) == url
    monkeypatch.setenv("NETDESK_DB", url)
    assert default_db_path() == url
    monkeypatch.setenv("NETDESK_DB", str(tmp_path / "a.sqlite3"))
    assert default_db_path() == tmp_path / "a.sqlite3"


def test_the_command_line_takes_a_url_for_db():
    from netdesk.app import build_parser

    url = "postgresql://ana@db.example.edu/network"
    assert build_parser(["--db", url]).parse_args(["--db", url]).db == url


def test_display_name_hides_only_the_password():
    assert display_name("postgresql://ana:pw@db:5433/n?sslmode=require") == \
        "postgresql://ana@db:5433/n?sslmode=require"
    assert display_name("postgresql://db/n") == "postgresql://db/n"


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT * FROM person WHERE id = ?", "SELECT * FROM person WHERE id = %s"),
    ("SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE 'a%'",
     "SELECT '?', \"a?\" FROM t WHERE x = %s AND y LIKE 'a%%'"),
    ("SELECT 'it''s ?' || ?", "SELECT 'it''s ?' || %s"),
    ("SELECT 5 % ?", "SELECT 5 %% %s"),
])
def test_netdesk_placeholders_become_psycopg_ones(sql, expected):
    assert qmark_to_format(sql) == expected


def test_frozen_sqlite_tables_are_said_in_postgresql_words():
    sql = for_postgresql(
        'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "created" DATETIME NOT '
        'NULL, "is_default" INTEGER NOT NULL, "hidden" INTEGER NOT NULL, "minutes" INTEGER)')
    assert '"id" INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY' in sql
    assert '"created" TIMESTAMP' in sql
    assert '"is_default" BOOLEAN' in sql and '"hidden" BOOLEAN' in sql
    assert '"minutes" INTEGER' in sql
    assert for_postgresql('INSERT OR IGNORE INTO "t" ("a") VALUES (?)') == \
        'INSERT INTO "t" ("a") VALUES (?) ON CONFLICT DO NOTHING'


def test_search_finds_prefixes_across_fields_without_accents(server_url):
    db = open_database(server_url)
    try:
        acme = Organization.create(name="Ångström Labs")
        Person.create(first_name="José", last_name="Núñez", organization=acme,
                      email="jnunez@example.org", tags="alumni,mentor")
        Person.create(first_name="Ada", last_name="Lovelace")

        def found(*words):
            sql = "SELECT p.first_name FROM person p WHERE " + dialect.search_filter("p.id")
            return [row[0] for row in database_proxy.execute_sql(
                sql, [dialect.search_terms(list(words))])]

        assert found("jose") == ["José"]
        assert found("nun", "angst") == ["José"]
        assert found("example") == ["José"]
        assert found("ment") == ["José"]
        assert found("lov") == ["Ada"]
        assert found("o'brien&") == []
        acme.name = "Babbage Works"
        acme.save()
        assert found("babb") == ["José"]
    finally:
        db.close()


def test_names_are_unique_and_ordered_regardless_of_case(server_url):
    from peewee import IntegrityError

    db = open_database(server_url)
    try:
        Organization.create(name="Acme")
        with pytest.raises(IntegrityError), db.atomic():
            Organization.create(name="ACME")
        assert Organization.get(Organization.name == "acme").name == "Acme"
        for last in ("beta", "Alpha", "gamma"):
            Person.create(first_name="x", last_name=last)
        ordered = database_proxy.execute_sql(
            "SELECT last_name FROM person ORDER BY last_name COLLATE NOCASE").fetchall()
        assert [row[0] for row in ordered] == ["Alpha", "beta", "gamma"]
    finally:
        db.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
