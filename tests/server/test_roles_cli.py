"""``netdesk members`` end to end: an administrator adds students and an advisor, lists them,
changes a student's advisor and removes a member; the new roles log in and see what the
policies say; a file and a member who is not an administrator are refused with a sentence."""

from __future__ import annotations

import io
import os

import psycopg
import pytest

from netdesk.app import main
from tests.server.roles import Members


@pytest.fixture
def team(postgres, server_url):
    members = Members(postgres, server_url)
    made = []
    yield members, made
    from netdesk.db.models import database_proxy

    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        database_proxy.obj.close()
    postgres.drop(server_url)
    members.drop()
    for role in made:
        postgres.execute(f'DROP ROLE IF EXISTS "{role}"')


def _members(url: str, *args: str) -> int:
    return main(["members", *args, "--db", url])


def test_an_administrator_manages_members_and_they_log_in_as_themselves(team, capsys,
                                                                       monkeypatch):
    members, made = team
    admin = members.url("dee")
    suffix = members.suffix
    ana, eli, ola = f"ana.ruiz_{suffix}", f"eli_{suffix}", f"ola_{suffix}"
    made.extend([ana, eli, ola])

    assert _members(admin, "add", ola, "--name", "Ola Berg", "--kind", "advisor") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret horse\n"))
    assert _members(admin, "add", ana, "--name", "Ana Ruiz", "--kind", "student",
                    "--advisor", ola, "--password-stdin") == 0
    assert _members(admin, "add", eli, "--name", "Eli Moss", "--kind", "student") == 0
    out = capsys.readouterr().out
    assert f"Added {ana} (Ana Ruiz), student, advised by {ola}." in out

    assert _members(admin, "list") == 0
    listing = capsys.readouterr().out
    line = next(line for line in listing.splitlines() if line.startswith(ana))
    assert "Student" in line and "Ana Ruiz" in line and f"advisor: {ola}" in line

    with psycopg.connect(members.postgres.url(), autocommit=True) as superuser:
        stored = superuser.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                   (ana,)).fetchone()[0]
        assert stored.startswith("SCRAM-SHA-256$") and "s3cret" not in stored
        groups = dict(superuser.execute(
            "SELECT r.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles r "
            "ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE r.rolname IN (%s, %s)", (ana, ola)).fetchall())
        assert groups == {ana: "netdesk_student", ola: "netdesk_advisor"}

    # ana logs in as herself; what she shares with her advisor, ola sees, eli does not
    url_of = lambda role: members.postgres.url(members.database, user=role)  # noqa: E731
    with psycopg.connect(url_of(ana), autocommit=True) as connection:
        connection.execute(
            "INSERT INTO person (first_name, last_name, sharing, created, updated, email, "
            "phone, linkedin_url, job_title, relationship, source, stage, tags, notes, "
            "research_notes) VALUES ('Ada', 'Lee', 'advisor', now(), now(), '', '', '', '', "
            "'friend', '', 'to_contact', '', 'for my advisor', '')")
    for role, seen in ((ola, 1), (eli, 0)):
        with psycopg.connect(url_of(role), autocommit=True) as connection:
            assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == seen

    assert _members(admin, "set-advisor", eli, ola) == 0
    assert _members(admin, "set-advisor", ana, "-") == 0
    capsys.readouterr()
    with psycopg.connect(url_of(ola), autocommit=True) as connection:
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == 0

    assert _members(admin, "remove", ana) == 0
    assert "the 1 people they owned stay" in capsys.readouterr().out
    with psycopg.connect(members.postgres.url(), autocommit=True) as superuser:
        assert superuser.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s",
                                 (ana,)).fetchone()[0] == 0
    with psycopg.connect(admin, autocommit=True) as connection:
        assert connection.execute("SELECT owner FROM person").fetchall() == [(ana,)]


def test_mistakes_are_sentences(team, capsys):
    members, made = team
    admin = members.url("dee")
    assert _members(admin, "add", "Bad Name", "--name", "X", "--kind", "student") == 2
    assert "cannot be a role name" in capsys.readouterr().err
    assert _members(admin, "add", f"x_{members.suffix}", "--name", "X", "--kind", "student",
                    "--advisor", members.role("bo")) == 2
    assert "is not an advisor" in capsys.readouterr().err
    assert _members(admin, "add", members.role("bo"), "--name", "X", "--kind", "student") == 2
    assert "already a member" in capsys.readouterr().err
    assert _members(admin, "set-advisor", members.role("cy"), members.role("cy")) == 2
    assert "is not a student" in capsys.readouterr().err
    # a student is no administrator
    assert _members(members.url("ana"), "add", f"y_{members.suffix}", "--name", "Y",
                    "--kind", "student") == 2
    assert "Only an administrator manages members" in capsys.readouterr().err


def test_a_file_has_no_members(tmp_path, capsys):
    path = tmp_path / "mine.netdesk"
    from netdesk.db.database import create_database

    create_database(path)
    assert main(["members", "list", "--db", os.fspath(path)]) == 2
    assert "a database file has one user and no members" in capsys.readouterr().err
