"""``netdesk encrypt`` and ``netdesk decrypt``: convert a database file; and the passphrase
every command opens an encrypted file with (system keyring, or ``--passphrase-stdin``).

A passphrase is never an argument (other users can read a process's arguments) and
never printed: it comes from the keyring, from the first line of standard input with
the global flag ``--passphrase-stdin``, or is typed at a prompt that does not echo.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_REFUSED = 1
FORGOTTEN = ("A forgotten passphrase cannot be recovered: without it, the file and its "
             "backups cannot be opened by anyone, netdesk included.")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "encrypt", parents=[common], help="encrypt the database file with a passphrase",
        description="Encrypt the database file (SQLCipher) with a new passphrase, typed twice "
                    "at the prompt, or read from standard input with --passphrase-stdin. The "
                    "file is backed up first, and its backups are encrypted too. "
                    + FORGOTTEN,
    )
    parser.add_argument("--remember", action="store_true",
                        help="keep the passphrase in the system keyring, so netdesk opens the "
                             "file without asking")
    parser.set_defaults(func=run_encrypt)
    parser = subparsers.add_parser(
        "decrypt", parents=[common], help="remove the encryption of the database file",
        description="Turn an encrypted database file back into a plain one (its backups "
                    "too). The passphrase comes from the system keyring, from standard input "
                    "with --passphrase-stdin, or from the prompt.",
    )
    parser.set_defaults(func=run_decrypt)


def read_stdin_passphrase(stream=None) -> str:
    """The first line of standard input, without its line ending."""
    line = (stream or sys.stdin).readline()
    return line[:-1] if line.endswith("\n") else line


def supply_passphrase(args: argparse.Namespace, stream=None) -> str | None:
    """Make the passphrase of the command's database known, before the command opens it:
    standard input's first line (``--passphrase-stdin``), else the system keyring's.

    Returns why the command cannot go on, or None: ``--self-check`` on an encrypted file
    whose passphrase is nowhere (it would wait for someone to type it)."""
    from netdesk import secrets
    from netdesk.db import cipher
    from netdesk.paths import chosen_db_path, is_server_url

    path = chosen_db_path(getattr(args, "db", None))
    if is_server_url(path):  # a server's database has no passphrase: the URL says how in
        args.given_passphrase = (read_stdin_passphrase(stream)
                                 if getattr(args, "passphrase_stdin", False) else None)
        return None
    if getattr(args, "passphrase_stdin", False):
        args.given_passphrase = read_stdin_passphrase(stream)
        if args.command != "encrypt":  # encrypt's line is the new passphrase
            cipher.use_passphrase(path, args.given_passphrase)
        return None
    args.given_passphrase = None
    if cipher.passphrase_for(path) is None and cipher.could_be_encrypted(path):
        stored = secrets.load(cipher.keyring_name(path))
        if stored:
            cipher.use_passphrase(path, stored)
        elif getattr(args, "self_check", False) and not args.command:
            return (f"{path} is encrypted (or not a netdesk file): give its passphrase on "
                    "standard input with --passphrase-stdin")
    return None


ON_SERVER = ("a database on a PostgreSQL server is not a file netdesk can encrypt: the "
             "server keeps it (ask its administrator about encrypted disks and connections, "
             "sslmode=require in the URL); nothing was changed")


def _on_server(args: argparse.Namespace) -> bool:
    from netdesk.paths import chosen_db_path, is_server_url

    return is_server_url(chosen_db_path(getattr(args, "db", None)))


def _fail(message: str) -> int:
    print(f"netdesk: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_REFUSED


def _prompt(text: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(text)
    except (EOFError, KeyboardInterrupt):
        return None


def _lock(path: Path):
    from netdesk.cli.transfer import _locked_by_running_app

    return _locked_by_running_app(path)


def _convert(path: Path, passphrase: str | None) -> int:
    from netdesk.db import cipher

    lock = _lock(path)
    if lock is None:
        return _fail(f"{path} is open in netdesk; use File → "
                     f"{'Encrypt This Database…' if passphrase else 'Remove Encryption…'} "
                     "there, or quit netdesk and try again")
    if isinstance(lock, str):
        return _fail(lock)
    try:
        taken = cipher.convert(path, passphrase)
    except cipher.ConversionError as error:
        return _fail(f"{path}: {error}")
    finally:
        lock.unlock()
    print(f"{'Encrypted' if passphrase else 'Decrypted'} {path} "
          f"(backed up first to {taken.path})")
    return EXIT_OK


def _check_opens(path: Path) -> str | None:
    """Why ``path`` cannot be converted as it is now (None when it can)."""
    from netdesk.db import integrity

    report = integrity.identify_file(path)
    if not report.ok:
        return f"{path}: {integrity.message_with_remedy(report.status, report.message)}"
    return None


def run_encrypt(args: argparse.Namespace) -> int:
    from netdesk import secrets
    from netdesk.db import cipher
    from netdesk.paths import chosen_db_path

    if _on_server(args):
        return _fail(ON_SERVER)
    path = chosen_db_path(args.db).expanduser().resolve()
    if not path.exists():
        return _fail(f"no database at {path}")
    if not cipher.has_plain_header(path):
        return _fail(f"{path} is already encrypted (or is not a netdesk file); to change its "
                     "passphrase, decrypt it, then encrypt it again")
    problem = _check_opens(path)
    if problem:
        return _fail(problem)
    passphrase = getattr(args, "given_passphrase", None)
    if passphrase is None:
        print(FORGOTTEN, file=sys.stderr)
        passphrase = _prompt("New passphrase: ")
        if passphrase is None:
            return _fail("no passphrase: type it at the prompt (in a terminal), or give it on "
                         "standard input with --passphrase-stdin")
        if _prompt("The same passphrase again: ") != passphrase:
            return _fail("the two passphrases differ; nothing was changed")
    if not passphrase:
        return _fail("an empty passphrase encrypts nothing; nothing was changed")
    status = _convert(path, passphrase)
    if status == EXIT_OK and args.remember:
        try:
            secrets.store(cipher.keyring_name(path), passphrase)
            print("The passphrase is kept in the system keyring.")
        except secrets.NoKeyring as error:
            print(f"netdesk: the passphrase could not be kept in the keyring ({error}); "
                  "netdesk will ask for it", file=sys.stderr)
    return status


def run_decrypt(args: argparse.Namespace) -> int:
    from netdesk import secrets
    from netdesk.db import cipher
    from netdesk.paths import chosen_db_path

    if _on_server(args):
        return _fail(ON_SERVER)
    path = chosen_db_path(args.db).expanduser().resolve()
    if not path.exists():
        return _fail(f"no database at {path}")
    if cipher.has_plain_header(path):
        return _fail(f"{path} is not encrypted; nothing was changed")
    if cipher.passphrase_for(path) is None:
        typed = _prompt("Passphrase: ")
        if typed is None:
            return _fail(f"{path} is encrypted: give its passphrase on standard input with "
                         "--passphrase-stdin, or type it at the prompt (in a terminal)")
        cipher.use_passphrase(path, typed)
    problem = _check_opens(path)
    if problem:
        return _fail(problem)
    status = _convert(path, None)
    if status == EXIT_OK:
        secrets.forget(cipher.keyring_name(path))
    return status
