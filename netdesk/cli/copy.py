"""``netdesk copy SOURCE TARGET``: copy a whole network between a file and a server.

SOURCE and TARGET are each a netdesk file or a ``postgresql://`` URL. The target must be
empty: a file that does not exist yet (it is made), an empty netdesk file, or an empty
database on the server (netdesk makes it its own) or one netdesk made that holds nothing
yet. Anything else is refused before a row is written. The copy is one transaction of the
target (:func:`netdesk.formats.network_copy.copy_network`): a failure leaves it as it was,
and a file the copy made is removed again.

An encrypted SOURCE opens with its passphrase from the system keyring, or from standard
input's first line with ``--passphrase-stdin``, as for every other command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_REFUSED = 1


def register(subparsers, common: argparse.ArgumentParser) -> None:
    from netdesk.paths import database_argument

    parser = subparsers.add_parser(
        "copy", parents=[common],
        help="copy a whole network between a database file and a PostgreSQL server",
        description="Copy every person, organization, interview, note, photo and setting of "
                    "SOURCE into TARGET, ids and all, in one transaction. Either may be a "
                    "netdesk file or a postgresql://user@host/dbname URL. TARGET must be "
                    "empty: a new file, or an empty database. Exit status 0: copied; "
                    "1: refused or failed (TARGET is left as it was).",
    )
    parser.add_argument("source", type=database_argument, metavar="SOURCE",
                        help="the network to copy: a file or a URL")
    parser.add_argument("target", type=database_argument, metavar="TARGET",
                        help="where to copy it: a new file, or an empty database's URL")
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"netdesk: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_REFUSED


def _same(source, target) -> bool:
    from netdesk.paths import is_server_url

    if is_server_url(source) or is_server_url(target):
        return str(source) == str(target)
    return Path(source).expanduser().resolve() == Path(target).expanduser().resolve()


def _name(database) -> str:
    from netdesk.db.server import display_name
    from netdesk.paths import is_server_url

    return display_name(database) if is_server_url(database) else str(database)


def run(args: argparse.Namespace) -> int:
    from netdesk.cli.transfer import _locked_by_running_app, _no_file
    from netdesk.db import DatabaseFileError, open_database

    source, target = args.source, args.target
    if _same(source, target):
        return _fail("SOURCE and TARGET are the same database; name a new file or an empty "
                     "database as TARGET")
    if _no_file(source):
        return _fail(f"no database at {source}")
    _supply_passphrase(args, source)
    refusal = _target_refusal(target)
    if refusal:
        return _fail(refusal)
    lock = _locked_by_running_app(target)
    if lock is None or isinstance(lock, str):
        return _fail(lock or f"netdesk is running with {target}; close it and try again")
    made = _no_file(target)
    source_db = target_db = None
    try:
        try:
            source_db = open_database(source, read_only=None)
        except DatabaseFileError as error:
            return _fail(f"cannot open SOURCE: {error}")
        try:
            target_db = open_database(target)
        except DatabaseFileError as error:
            return _fail(f"cannot open TARGET: {error}")
        return _copy(source_db, target_db, source, target, made)
    finally:
        for db in (source_db, target_db):
            if db is not None:
                db.close()
        lock.unlock()


def _copy(source_db, target_db, source, target, made: bool) -> int:
    from netdesk.formats.network_copy import CopyError, copy_network
    from netdesk.paths import is_server_url

    try:
        counts = copy_network(source_db, target_db, name=_name(target))
    except CopyError as error:
        if made:
            _remove(target_db, target)
        return _fail(str(error))
    except BaseException:
        if made:
            _remove(target_db, target)
        raise
    shown = ", ".join(f"{table.replace('_', ' ')} {n}" for table, n in counts.items() if n)
    print(f"Copied {_name(source)} to {_name(target)}: {shown or 'nothing (it is empty)'}")
    from netdesk.db import cipher

    if cipher.is_encrypted(source_db) and not cipher.is_encrypted(target_db) \
            and not is_server_url(target):
        print(f"{target} is not encrypted; to encrypt it: netdesk encrypt --db {target}")
    return EXIT_OK


def _remove(target_db, target) -> None:
    """Take away the file the copy made for a copy that failed."""
    from netdesk.db.private import remove_sqlite_files

    target_db.close()
    remove_sqlite_files(Path(target).expanduser().resolve())


def _supply_passphrase(args: argparse.Namespace, source) -> None:
    """An encrypted SOURCE file's passphrase: standard input's (``--passphrase-stdin``, read
    by :func:`netdesk.cli.encryption.supply_passphrase` for ``--db``), else the keyring's."""
    from netdesk import secrets
    from netdesk.db import cipher
    from netdesk.paths import is_server_url

    if is_server_url(source):
        return
    given = getattr(args, "given_passphrase", None)
    if given is not None:
        cipher.use_passphrase(source, given)
    elif cipher.passphrase_for(source) is None and cipher.could_be_encrypted(source):
        stored = secrets.load(cipher.keyring_name(source))
        if stored:
            cipher.use_passphrase(source, stored)


def _target_refusal(target) -> str | None:
    """Why an existing TARGET file cannot take the copy (read without writing to it), or
    None. A server's database is looked at once it is open, inside the copy's transaction."""
    from netdesk.db import DatabaseFileError, open_database
    from netdesk.formats.database_json import is_empty
    from netdesk.paths import is_server_url

    if is_server_url(target) or not Path(target).exists():
        return None
    if Path(target).is_dir():
        return f"{target} is a folder; name a new file as TARGET"
    try:
        db = open_database(target, read_only=True)
    except DatabaseFileError as error:
        return f"TARGET must be a new file or an empty netdesk database: {error}"
    try:
        if not is_empty(db):
            return (f"{target} already holds people or other data; a network can only be "
                    "copied into an empty database (name a new file); nothing was copied")
    finally:
        db.close()
    return None
