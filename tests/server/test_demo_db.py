"""netdesk demo-db URL: the sample network in an empty database on the server; a database
that holds anything already is refused and left as it was."""

from __future__ import annotations

from netdesk.app import main
from netdesk.db import open_database


def _count(url: str, table: str) -> int:
    db = open_database(url)
    try:
        return db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        db.close()


def test_an_empty_database_gets_the_sample_network(empty_server_url, capsys):
    assert main(["demo-db", empty_server_url]) == 0
    assert "Wrote the sample network to" in capsys.readouterr().out
    assert _count(empty_server_url, "person") == 44
    assert _count(empty_server_url, "person_search") == 44  # kept by the server's triggers
    assert _count(empty_server_url, "interview_question") > 0
    assert main(["check", "--db", empty_server_url]) == 0
    assert "result: OK" in capsys.readouterr().out


def test_a_freshly_migrated_database_is_empty_enough(server_url):
    assert main(["demo-db", server_url]) == 0
    assert _count(server_url, "person") == 44


def test_a_database_with_people_is_refused_and_left_as_it_was(server_url, capsys):
    assert main(["demo-db", server_url]) == 0
    capsys.readouterr()
    assert main(["demo-db", server_url]) == 2
    assert "already holds people" in capsys.readouterr().err
    assert _count(server_url, "person") == 44


def test_a_database_of_another_program_is_refused(postgres, empty_server_url, capsys):
    name = empty_server_url.rsplit("/", 1)[1]
    postgres.execute("CREATE TABLE recipes (name TEXT)", database=name)
    assert main(["demo-db", empty_server_url]) == 1
    assert "not netdesk's" in capsys.readouterr().err
