"""A throwaway PostgreSQL for the tests: Debian's server binaries, a cluster in a temporary
folder, listening on 127.0.0.1 only, started for a test session and removed after it.

PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres``
user and its commands run through ``runuser``. Every database a test gets is a copy of a
migrated template (``CREATE DATABASE … TEMPLATE``), which takes a few milliseconds where
running the migrations takes a second. The PostgreSQL pass gives its tests one such copy
per worker, emptied between tests (:meth:`Cluster.reuse`): a copy costs half a second on
two busy cores, emptying 30 ms.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"
TEMPLATE = "netdesk_template"
_UNTOUCHED = ("schema_migration", "netdesk_marker")
"""Tables a reused database keeps as they are: its schema's history and its marker."""
_KEPT = ("database_info",)
"""Tables whose rows the template made (the database's id): put back after emptying."""
_counter = itertools.count(1)


def binaries() -> Path | None:
    """The folder of the newest installed server's programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parent.parent.name))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A running cluster: :meth:`url` names a database on it, :meth:`new_database` makes one."""

    def __init__(self):
        self.bin = binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server is not installed (Debian: postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix="netdesk-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as_root = os.geteuid() == 0
        self._reused: str | None = None
        self._kept: dict[str, list] = {}
        if self._as_root:
            os.chmod(self.folder, 0o755)
            shutil.chown(self.folder, SUPERUSER, SUPERUSER)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "-N")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "log"), "-w", "start")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self._as_root:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=self.folder)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements: str, database: str = "postgres") -> None:
        """Run ``statements`` as the superuser, outside any transaction."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def new_database(self, template: str | None = TEMPLATE) -> str:
        """A new database (a copy of ``template``, None: empty); its URL."""
        import psycopg

        name = f"netdesk_test_{os.getpid()}_{next(_counter)}"
        statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        for _ in range(50):
            try:
                self.execute(statement)
                break
            except psycopg.errors.ObjectInUse:
                # A session that just closed on the template may not have ended yet on the
                # server (its backend exits after the client has gone).
                time.sleep(0.1)
        else:
            self.execute(statement)
        return self.url(name)

    def reuse(self) -> str:
        """The URL of this worker's own database, as the template left it: made on first
        use, emptied of every row the template did not have on each later one."""
        if self._reused is None:
            self._reused = self.new_database()
            import psycopg

            with psycopg.connect(self._reused) as connection:
                self._kept = {table: connection.execute(f'SELECT * FROM "{table}"').fetchall()
                              for table in _KEPT}
            return self._reused
        import psycopg

        with psycopg.connect(self._reused, autocommit=True) as connection, \
                connection.transaction():
            connection.execute("SET LOCAL lock_timeout = '5s'")
            connection.execute("SET LOCAL session_replication_role = replica")  # no triggers
            tables = [row[0] for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            for table in tables:
                if table not in _UNTOUCHED:
                    connection.execute(f'DELETE FROM "{table}"')
            for table, rows in self._kept.items():
                for row in rows:
                    marks = ", ".join(["%s"] * len(row))
                    connection.execute(f'INSERT INTO "{table}" VALUES ({marks})', row)
            for (sequence,) in connection.execute(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall():
                connection.execute(f'ALTER SEQUENCE "{sequence}" RESTART')
        return self._reused

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def make_template(self) -> None:
        """The template every test database copies: a freshly migrated netdesk database."""
        from netdesk.db.server import open_server

        self.execute(f'CREATE DATABASE "{TEMPLATE}"')
        db = open_server(self.url(TEMPLATE))
        db.close()

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
