"""``netdesk sync`` end to end through ``netdesk.app.main`` against a real Radicale: add an
account (discovery, a "netdesk" address book and calendar created), list, sync with a dry
run first, remove; the password from standard input, the keyring, or asked."""

from __future__ import annotations

import io

import pytest

from netdesk import secrets
from netdesk.app import main
from netdesk.core.people import PersonForm, save_person
from netdesk.db import open_database
from netdesk.db.models import Person, SyncAccount, SyncItem


def _run(capsys, monkeypatch, *argv, stdin: str | None = None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_add_list_dry_run_sync_and_remove(radicale, tmp_path, capsys, monkeypatch,
                                          memory_keyring):
    path = tmp_path / "cli.sqlite3"
    db = open_database(path)
    save_person(None, PersonForm(first_name="Ada", last_name="Lovelace"))
    db.close()

    status, out, err = _run(capsys, monkeypatch, "sync", "add", radicale.url, "--user",
                            radicale.user, "--password-stdin", "--db", str(path),
                            stdin=radicale.password + "\n")
    assert status == 0, err
    assert "Created the address book netdesk" in out and "Created the calendar netdesk" in out
    assert "kept in the system keyring" in out
    assert radicale.password not in out + err
    assert list(memory_keyring.secrets.values()) == [radicale.password]

    status, out, _ = _run(capsys, monkeypatch, "sync", "list", "--db", str(path))
    assert status == 0 and f"1  {radicale.user} on 127.0.0.1" in out and "never" in out

    status, out, _ = _run(capsys, monkeypatch, "sync", "--dry-run", "--db", str(path))
    assert status == 0 and "Would send: 1 person added" in out
    book = f"/{radicale.user}/netdesk/"
    assert radicale.list(book) == {}

    status, out, _ = _run(capsys, monkeypatch, "sync", "--db", str(path))
    assert status == 0 and "Sent: 1 person added; received: nothing." in out
    assert len(radicale.list(book)) == 1

    db = open_database(path)
    assert SyncAccount.get().last_result.startswith("Sent: 1 person added")
    db.close()
    status, out, _ = _run(capsys, monkeypatch, "sync", "remove", "1", "--db", str(path))
    assert status == 0 and "the people stay" in out
    db = open_database(path)
    assert (SyncAccount.select().count(), SyncItem.select().count(),
            Person.select().count()) == (0, 0, 1)
    db.close()
    assert memory_keyring.secrets == {}


def test_without_a_keyring_the_password_is_asked_each_time(radicale, tmp_path, capsys,
                                                           monkeypatch):
    path = tmp_path / "cli.sqlite3"
    book = radicale.mkcol(f"/{radicale.user}/contacts/")

    def no_keyring(key, secret):
        raise secrets.NoKeyring("no system keyring is available")

    monkeypatch.setattr(secrets, "store", no_keyring)
    asked = []
    monkeypatch.setattr("getpass.getpass",
                        lambda prompt: asked.append(prompt) or radicale.password)
    status, out, err = _run(capsys, monkeypatch, "sync", "add", radicale.url, "--user",
                            radicale.user, "--no-calendar", "--db", str(path))
    assert status == 0, err
    assert f"address book: {book}" in out
    assert "ask for the password at each sync" in out
    status, out, _ = _run(capsys, monkeypatch, "sync", "--db", str(path))
    assert status == 0 and len(asked) == 2


def test_failures_exit_non_zero_with_one_line(radicale, tmp_path, capsys, monkeypatch):
    path = tmp_path / "cli.sqlite3"
    status, _, err = _run(capsys, monkeypatch, "sync", "add", "http://dav.example.org/",
                          "--user", "me", "--password-stdin", "--db", str(path), stdin="x\n")
    assert status == 2 and "https" in err
    status, _, err = _run(capsys, monkeypatch, "sync", "add", radicale.url, "--user",
                          radicale.user, "--password-stdin", "--db", str(path),
                          stdin="wrong\n")
    assert status == 1 and "refused the user name or password (HTTP 401)" in err
    status, _, err = _run(capsys, monkeypatch, "sync", "--db", str(path))
    assert status == 2 and "no sync accounts" in err


@pytest.mark.parametrize("confirm", [False, True])
def test_many_deletions_need_yes(radicale, tmp_path, capsys, monkeypatch, confirm):
    path = tmp_path / "cli.sqlite3"
    db = open_database(path)
    for number in range(6):
        save_person(None, PersonForm(first_name=f"P{number}"))
    db.close()
    _run(capsys, monkeypatch, "sync", "add", radicale.url, "--user", radicale.user,
         "--no-calendar", "--password-stdin", "--db", str(path), stdin=radicale.password)
    _run(capsys, monkeypatch, "sync", "--db", str(path))
    db = open_database(path)
    Person.delete().execute()
    db.close()
    argv = ["sync", "--db", str(path)] + (["--yes"] if confirm else [])
    status, out, err = _run(capsys, monkeypatch, *argv)
    if confirm:
        assert status == 0 and "6 deleted" in out
    else:
        assert status == 1 and "delete 6 on the server" in err and "--yes" in err
