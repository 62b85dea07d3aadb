"""Encrypted files (SQLCipher): unreadable without the passphrase, converted both ways safely,
and told apart from damaged files."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from netdesk.db import DatabaseFileError, cipher, integrity, open_database
from netdesk.db import backup as backups
from netdesk.db.database import IntegrityCheck
from netdesk.db.models import Person

SECRET = "Zebulon Quarterfield"
EMAIL = "zebulon.q@example.org"
NOTE = "prefers calls after lunch"
PASSPHRASE = "tr0ub4dor & 3"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def _fill() -> None:
    first, last = SECRET.split()
    Person.create(first_name=first, last_name=last, notes=NOTE, email=EMAIL)


def _strings(path: Path) -> str:
    return subprocess.run(["strings", "-n", "4", str(path)], capture_output=True,
                          text=True, check=True).stdout


def _encrypted_file(path: Path, root: Path) -> None:
    db = open_database(path, passphrase=PASSPHRASE)
    _fill()
    backups.backup_now(db, "manual", root=root)
    db.close()


def test_an_encrypted_file_and_its_backup_are_unreadable_without_the_passphrase(tmp_path, root):
    path = tmp_path / "secret.sqlite3"
    db = open_database(path, passphrase=PASSPHRASE)
    _fill()
    made = backups.backup_now(db, "manual", root=root)
    # While open, the -wal holds the rows: it is encrypted too.
    files = [path, made.path, Path(f"{path}-wal")]
    for file in files:
        text = _strings(file)
        for word in ("Zebulon", "Quarterfield", "zebulon.q", "after lunch", "SQLite format"):
            assert word not in text, (file.name, word)
    db.close()
    for file in (path, made.path):
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            sqlite3.connect(file).execute("SELECT count(*) FROM sqlite_master").fetchone()
    cipher.forget_all()
    db = open_database(path, passphrase=PASSPHRASE)
    assert Person.get().first_name == "Zebulon"
    assert db.execute_sql("PRAGMA temp_store").fetchone()[0] == 2  # memory
    db.close()


def test_a_wrong_passphrase_is_refused_clearly_and_the_file_is_left_alone(tmp_path, root):
    path = tmp_path / "secret.sqlite3"
    _encrypted_file(path, root)
    cipher.forget_all()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="Wrong passphrase, or not a netdesk file") as info:
        open_database(path, passphrase="tr0ub4dor & 4")
    assert info.value.kind == integrity.WRONG_PASSPHRASE
    assert "cannot be recovered" in str(info.value)
    assert cipher.passphrase_for(path) is None  # a wrong one is not remembered
    assert path.read_bytes() == before
    assert integrity.WRONG_PASSPHRASE not in integrity.RESTORABLE


def test_a_file_the_passphrase_does_not_open_is_never_moved_aside_by_a_restore(tmp_path, root):
    path = tmp_path / "secret.sqlite3"
    _encrypted_file(path, root)
    good = backups.list_backups(path, root)[0]
    cipher.use_passphrase(path, "not it")
    before = path.read_bytes()
    with pytest.raises(backups.BackupError, match="not damaged"):
        backups.restore_to_path(good, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "secret.sqlite3"]


def test_a_damaged_plain_file_is_still_damaged_not_a_passphrase_problem(tmp_path):
    path = tmp_path / "plain.sqlite3"
    db = open_database(path)
    Person.insert_many([{"first_name": f"P{i}"} for i in range(3000)]).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 4] = bytes(4096)
    path.write_bytes(bytes(data))
    cipher.use_passphrase(path, PASSPHRASE)  # even with a passphrase known for it
    report = integrity.inspect_file(path)
    assert report.status == integrity.DAMAGED
    assert report.status in integrity.RESTORABLE


def test_encrypting_then_decrypting_keeps_every_row_and_backs_up_first(tmp_path, root):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    _fill()
    plain_backup = backups.backup_now(db, "manual", root=root)
    db.close()
    taken = cipher.convert(path, PASSPHRASE, backup_root=root)
    assert taken.reason == "encryption"
    assert not cipher.has_plain_header(path)
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    # The backups made before are encrypted now too: no plain copy stays behind.
    for backup in backups.list_backups(path, root):
        assert "Zebulon" not in _strings(backup.path)
        assert integrity.inspect_file(backup.path).ok
    assert plain_backup.path.exists()
    cipher.forget_all()
    assert integrity.identify_file(path).status == integrity.NOT_SQLITE
    db = open_database(path, passphrase=PASSPHRASE)
    assert Person.get().last_name == "Quarterfield"
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == integrity.APPLICATION_ID
    db.close()
    cipher.convert(path, None, backup_root=root)
    assert cipher.has_plain_header(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT last_name FROM person").fetchone()[0] == "Quarterfield"
    assert all(cipher.has_plain_header(b.path) for b in backups.list_backups(path, root))


def test_a_failed_conversion_leaves_the_original_as_it_was(tmp_path, root, monkeypatch):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    _fill()
    db.close()
    before = path.read_bytes()

    def short_copy(*args):
        raise cipher.ConversionError("the converted copy does not hold the same rows (person)")

    monkeypatch.setattr(cipher, "_verify_copy", short_copy)
    with pytest.raises(cipher.ConversionError, match="same rows"):
        cipher.convert(path, PASSPHRASE, backup_root=root)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "netdesk.sqlite3"]
    assert cipher.passphrase_for(path) is None
    db = open_database(path)
    assert Person.select().count() == 1
    db.close()


def test_the_copy_is_checked_row_by_row(tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    _fill()
    db.close()
    copy = tmp_path / "copy.sqlite3"
    cipher.export(path, None, copy, PASSPHRASE)
    cipher._verify_copy(path, None, copy, PASSPHRASE)
    with cipher.connect(copy, PASSPHRASE) as raw:
        raw.execute("DELETE FROM person")
    with pytest.raises(cipher.ConversionError, match="person"):
        cipher._verify_copy(path, None, copy, PASSPHRASE)


def test_a_plain_backup_restores_into_an_encrypted_database(tmp_path, root):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Before")
    plain = backups.backup_now(db, "manual", root=root)
    db.close()
    cipher.convert(path, PASSPHRASE, backup_root=root)  # (also encrypts that backup)
    elsewhere = tmp_path / "other-plain-backup.sqlite3"
    db = open_database(elsewhere)
    Person.create(first_name="Plain")
    db.close()
    db = open_database(path)
    assert cipher.is_encrypted(db)
    backups.restore_into(db, elsewhere)
    assert [p.first_name for p in Person.select()] == ["Plain"]
    backups.restore_into(db, plain.path)
    assert [p.first_name for p in Person.select()] == ["Before"]
    db.close()
    assert not cipher.has_plain_header(path)


def test_the_integrity_check_beside_the_window_reads_an_encrypted_file(tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path, passphrase=PASSPHRASE, check_integrity=False)
    check = IntegrityCheck(db)
    assert check.wait(10) is None
    check.open_gate()
    Person.create(first_name="After the check")
    db.close()


def test_a_new_file_can_start_encrypted(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = open_database(path, passphrase=PASSPHRASE)
    db.close()
    assert not cipher.has_plain_header(path)
    assert cipher.could_be_encrypted(path)
    assert integrity.inspect_file(path, passphrase=PASSPHRASE).ok


def test_the_passphrase_is_stretched_once_per_file_and_the_file_stays_sqlciphers(
        tmp_path, root, monkeypatch):
    import hashlib

    from sqlcipher3 import dbapi2

    path = tmp_path / "secret é.sqlite3"
    _encrypted_file(path, root)
    cipher.forget_all()
    stretched = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *a: stretched.append(a[0]) or real(*a))
    for _ in range(3):  # each open makes several connections, a backup two more
        db = open_database(path, passphrase=PASSPHRASE)
        assert Person.get().first_name == "Zebulon"
        backups.backup_now(db, "manual", root=root)
        db.close()
    assert stretched == ["sha512"]
    # Keyed by the derived key or by the passphrase, it is one and the same file.
    connection = dbapi2.connect(str(path))
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert connection.execute("SELECT first_name FROM person").fetchone() == ("Zebulon",)
    connection.close()
    with pytest.raises(DatabaseFileError) as info:
        open_database(path, passphrase="tr0ub4dor & 4")
    assert info.value.kind == integrity.WRONG_PASSPHRASE
