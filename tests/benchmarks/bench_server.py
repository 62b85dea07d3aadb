"""The contact tree at 50,000 people on PostgreSQL against the same network in a SQLite file,
in the same run: its first paint (the model read and its first rows painted) and a filter
keystroke (worst of 20, and median), with the ratio PostgreSQL / SQLite (goal: at most 2x).

The SQLite file is the one ``bench_tree_scale`` measures (``bigdb.build_big_database``; kept
in ``NETDESK_BENCH_CACHE=DIR`` if set). The server is a throwaway cluster
(``tests/postgres.py``) on this computer, so the figures leave out a network's round trips
(about 0.2-1 ms each on a campus network; the number of queries of a first paint and of a
keystroke is printed). The network is copied into it from the file with COPY, table by
table (:func:`copy_to_server`), and analysed. Each database is measured in
processes of its own, interleaved, five times; the medians are printed.

``NETDESK_BENCH_EXPLAIN=1`` prints the plans (EXPLAIN ANALYZE) of the tree's queries on the
server for the first paint and two keystrokes. ``NETDESK_BENCH_SEARCH_STATISTICS=N`` sets the
statistics target of the search index's column (``ALTER TABLE person_search ALTER COLUMN
document SET STATISTICS N``) before the server's database is analysed: with the default
(100) the planner takes a prefix word matching most people (``o``, ``organization 0``) for
one matching twenty, and reads the people one by one along their primary key.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.bench_tree_scale import KEYSTROKES, database
from tests.benchmarks.report import report, timed

PEOPLE = 50_000
RUNS = 5
TABLES = ("organization", "career_field", "person", "person_career_field")
"""What ``build_big_database`` fills, parents first."""
EXPLAINED = ("maria o", "organization 0")
SEARCH_STATISTICS = "NETDESK_BENCH_SEARCH_STATISTICS"


def copy_to_server(path: Path, url: str) -> dict[str, int]:
    """Copy the network in ``path`` into the migrated, empty server database at ``url`` with
    COPY (the ids kept, the id sequences moved past them), then analyse it; the rows per
    table.

    The rows go in with the triggers off (``session_replication_role = replica``, as a
    superuser) and the search index is then built in one statement, as migration 0002
    builds it: with the index's row trigger on, each row reads its person back through a
    plan made while the table looked empty, and 50,000 people took five minutes.
    """
    import psycopg

    source = sqlite3.connect(path)
    copied = {}
    with psycopg.connect(url) as target:
        target.execute("SET session_replication_role = replica")
        for table in TABLES:
            columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
            kinds = dict(target.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = %s", (table,)).fetchall())
            columns = [c for c in columns if c in kinds]
            flags = [kinds[c] == "boolean" for c in columns]
            names = ", ".join(f'"{c}"' for c in columns)
            count = 0
            with target.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in source.execute(f'SELECT {names} FROM "{table}"'):
                    copy.write_row([bool(v) if flag and v is not None else v
                                    for v, flag in zip(row, flags, strict=True)])
                    count += 1
            copied[table] = count
            if "id" in columns:
                target.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f"coalesce((SELECT max(id) FROM \"{table}\"), 0) + 1, false)")
        target.execute("SET session_replication_role = origin")
        target.execute("ANALYZE")
        target.execute("INSERT INTO person_search (person_id, document) "
                       "SELECT id, netdesk_person_document(id) FROM person")
        target.commit()
        target.autocommit = True
        statistics_target = os.environ.get(SEARCH_STATISTICS)
        if statistics_target:  # what a migration raising it would leave
            target.execute("ALTER TABLE person_search ALTER COLUMN document "
                           f"SET STATISTICS {int(statistics_target)}")
        target.execute("VACUUM ANALYZE")
    source.close()
    return copied


def measure(location: str) -> dict[str, float]:
    """The tree's first paint and 20 keystrokes over the database at ``location``."""
    from PySide6.QtWidgets import QApplication, QTreeView

    from netdesk.db import open_database
    from netdesk.ui.people.contact_tree_model import ContactTreeModel

    db = open_database(location, before_migrate=None)
    queries = [0]
    real = db.execute_sql

    def counting(sql, params=None):
        queries[0] += 1
        return real(sql, params)

    db.execute_sql = counting  # the tree's queries all go through it: the round trips
    app = QApplication.instance() or QApplication([])
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.resize(360, 700)
    view.show()
    app.processEvents()

    start = time.perf_counter()
    model = ContactTreeModel()
    model.set_grouping("organization")  # the window's default grouping
    view.setModel(model)
    view.expand(model.index(0, 0))  # the first group's people among the rows shown
    view.repaint()
    first_paint = (time.perf_counter() - start) * 1000
    paint_queries = queries[0]
    assert model.rowCount() > 0 and model.rowCount(model.index(0, 0)) > 0

    from netdesk.core.contact_groups import groups

    groups_query = timed(lambda: groups("organization"), repeat=5)  # the paint's largest part
    model.set_grouping("relationship")  # as bench_tree_scale types
    app.processEvents()
    typed, asked = [], []
    for text in KEYSTROKES:
        queries[0] = 0
        start = time.perf_counter()
        model.set_filter(text)
        app.processEvents()
        typed.append((time.perf_counter() - start) * 1000)
        asked.append(queries[0])
    model.set_filter("")
    view.close()
    db.close()
    return {"first_paint": first_paint, "filter_worst": max(typed),
            "filter_median": statistics.median(typed), "paint_queries": paint_queries,
            "keystroke_queries": max(asked), "groups_query": groups_query,
            "worst_keystroke": KEYSTROKES.index(KEYSTROKES[typed.index(max(typed))])}


def measure_in_child(location: str) -> dict[str, float]:
    code = ("import sys, json, importlib.util; "
            f"spec = importlib.util.spec_from_file_location('bench', {__file__!r}); "
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
            f"print(json.dumps(module.measure({location!r})))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def explain(url: str) -> None:
    """Print the server's plans for the tree's queries (first paint, and two keystrokes)."""
    from netdesk.core import contact_groups
    from netdesk.db import open_database

    db = open_database(url, before_migrate=None)
    seen = []
    real = db.execute_sql

    def recording(sql, params=None):
        seen.append((sql, params))
        return real(sql, params)

    db.execute_sql = recording
    groups = contact_groups.groups("organization")
    contact_groups.members("organization", groups[0].key)
    for text in EXPLAINED:
        for group in contact_groups.groups("relationship", text):
            contact_groups.members("relationship", group.key, text)
    db.execute_sql = real
    for sql, params in seen:
        print("--", " ".join(sql.split())[:240], params)
        for (line,) in db.execute_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).fetchall():
            print("  ", line)
    db.close()


def main() -> None:
    from netdesk.db import open_database
    from tests.postgres import Cluster

    path = database(PEOPLE)
    cluster = Cluster()
    try:
        url = cluster.new_database(template=None)
        open_database(url).close()  # made netdesk's and migrated
        start = time.perf_counter()
        copied = copy_to_server(path, url)
        print(f"copied {copied} into the server in {time.perf_counter() - start:.1f} s",
              flush=True)
        if os.environ.get("NETDESK_BENCH_EXPLAIN"):
            explain(url)
        on_file, on_server = [], []
        for _ in range(RUNS):  # interleaved, so both see the same machine load
            on_file.append(measure_in_child(str(path)))
            on_server.append(measure_in_child(url))
    finally:
        cluster.stop()
    file = {key: statistics.median(r[key] for r in on_file) for key in on_file[0]}
    server = {key: statistics.median(r[key] for r in on_server) for key in on_server[0]}
    k = f"{PEOPLE // 1000}k"
    for key, label in (("first_paint", "tree_first_paint"),
                       ("filter_worst", "tree_filter_keystroke_worst_of_20"),
                       ("filter_median", "tree_filter_keystroke_median")):
        report(f"{label}_{k}_sqlite", file[key], "ms")
        report(f"{label}_{k}_postgresql", server[key], "ms")
        ratio = server[key] / file[key] if file[key] else float("inf")
        print(f"{label}_{k} PostgreSQL / SQLite: {ratio:.2f}x  [goal: <= 2x]"
              f"{'' if ratio <= 2 else '  MISSED'}", flush=True)
    report(f"tree_organization_groups_query_{k}_sqlite", file["groups_query"], "ms")
    report(f"tree_organization_groups_query_{k}_postgresql", server["groups_query"], "ms")
    worst = KEYSTROKES[int(statistics.median(r["worst_keystroke"] for r in on_server))]
    print(f"the slowest keystroke on the server: {worst!r}")
    print(f"queries (round trips): first paint {server['paint_queries']:.0f}, "
          f"a keystroke at most {server['keystroke_queries']:.0f}", flush=True)
