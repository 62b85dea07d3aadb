"""`netdesk encrypt` / `netdesk decrypt`, and every command opening an encrypted file with the
keyring's passphrase or --passphrase-stdin (never an argument, never printed)."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from netdesk import secrets
from netdesk.app import main
from netdesk.db import cipher

PASSPHRASE = "blue 'heron' at dusk"


@pytest.fixture
def sample(tmp_path, capsys):
    path = tmp_path / "network.sqlite3"
    assert main(["demo-db", str(path)]) == 0
    capsys.readouterr()
    return path


def _run(monkeypatch, argv, stdin: str = ""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    cipher.forget_all()  # each run is a new netdesk process
    return main(argv)


def _encrypt(monkeypatch, path, *extra):
    return _run(monkeypatch, ["--passphrase-stdin", "encrypt", "--db", str(path), *extra],
                PASSPHRASE + "\n")


def test_encrypt_then_every_command_needs_the_passphrase(monkeypatch, sample, tmp_path,
                                                          capsys):
    assert _encrypt(monkeypatch, sample) == 0
    out, err = capsys.readouterr()
    assert "Encrypted" in out and PASSPHRASE not in out + err
    assert not cipher.has_plain_header(sample)

    assert _run(monkeypatch, ["check", "--db", str(sample)]) == 1
    assert "needs its passphrase" in capsys.readouterr().out
    assert _run(monkeypatch, ["check", "--db", str(sample), "--passphrase-stdin"],
                "wrong\n") == 1
    assert "wrong passphrase, or not a netdesk file" in capsys.readouterr().out
    assert _run(monkeypatch, ["--passphrase-stdin", "check", "--db", str(sample)],
                PASSPHRASE + "\n") == 0
    assert "people: 44" in capsys.readouterr().out

    target = tmp_path / "people.csv"
    assert _run(monkeypatch, ["--passphrase-stdin", "export", "csv", "--db", str(sample),
                              "-o", str(target)], PASSPHRASE + "\n") == 0
    assert "Exported 44 people" in capsys.readouterr().out
    vcard = tmp_path / "one.vcf"
    vcard.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Odile Sparrowhawk\nN:Sparrowhawk;Odile;;;\n"
                     "END:VCARD\n", encoding="utf-8")
    assert _run(monkeypatch, ["--passphrase-stdin", "import", "vcard", str(vcard), "--db",
                              str(sample)], PASSPHRASE + "\n") == 0
    capsys.readouterr()
    assert "Sparrowhawk" not in subprocess.run(["strings", str(sample)], capture_output=True,
                                               text=True).stdout

    assert _run(monkeypatch, ["--passphrase-stdin", "decrypt", "--db", str(sample)],
                PASSPHRASE + "\n") == 0
    assert "Decrypted" in capsys.readouterr().out
    assert cipher.has_plain_header(sample)
    assert _run(monkeypatch, ["check", "--db", str(sample)]) == 0


def test_the_keyring_passphrase_is_used_when_remembered(monkeypatch, sample, capsys,
                                                         memory_keyring):
    assert _encrypt(monkeypatch, sample, "--remember") == 0
    assert "kept in the system keyring" in capsys.readouterr().out
    assert secrets.load(cipher.keyring_name(sample)) == PASSPHRASE
    assert _run(monkeypatch, ["check", "--quick", "--db", str(sample)]) == 0
    assert _run(monkeypatch, ["decrypt", "--db", str(sample)]) == 0
    assert secrets.load(cipher.keyring_name(sample)) is None  # nothing left to keep


def test_a_wrong_passphrase_makes_decrypt_refuse(monkeypatch, sample, capsys):
    assert _encrypt(monkeypatch, sample) == 0
    before = sample.read_bytes()
    assert _run(monkeypatch, ["--passphrase-stdin", "decrypt", "--db", str(sample)],
                "Blue 'heron' at dusk\n") == 1
    err = capsys.readouterr().err
    assert "Wrong passphrase, or not a netdesk file" in err and "Traceback" not in err
    assert sample.read_bytes() == before


def test_encrypt_without_a_passphrase_or_a_terminal_changes_nothing(monkeypatch, sample,
                                                                   capsys):
    before = sample.read_bytes()
    assert _run(monkeypatch, ["encrypt", "--db", str(sample)]) == 1
    err = capsys.readouterr().err
    assert "cannot be recovered" in err and "--passphrase-stdin" in err
    assert sample.read_bytes() == before


def test_encrypt_refuses_while_netdesk_has_the_file_open(monkeypatch, sample, capsys):
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(sample) + ".lock")
    assert lock.tryLock(0)
    try:
        before = sample.read_bytes()
        assert _encrypt(monkeypatch, sample) == 1
        assert "open in netdesk" in capsys.readouterr().err
        assert sample.read_bytes() == before
    finally:
        lock.unlock()


def test_the_passphrase_is_no_argument(capsys):
    with pytest.raises(SystemExit):
        main(["encrypt", "--passphrase", "x"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_a_subprocess_reads_the_passphrase_from_standard_input(sample, monkeypatch, capsys):
    assert _encrypt(monkeypatch, sample) == 0
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--passphrase-stdin", "check", "--quick", "--db",
         str(sample)], input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert PASSPHRASE not in result.stdout + result.stderr


def test_self_check_of_an_encrypted_file(sample, monkeypatch, capsys):
    assert _encrypt(monkeypatch, sample) == 0
    capsys.readouterr()
    assert _run(monkeypatch, ["--self-check", str(sample)]) == 1  # never waits for a dialog
    assert "--passphrase-stdin" in capsys.readouterr().err
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--passphrase-stdin", "--self-check", str(sample)],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "44 people" in result.stdout and "self-check passed" in result.stdout
