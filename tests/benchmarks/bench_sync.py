"""Sync 5,000 people: the first sync (every card sent; and a second database receiving them
all) against the bare PUT loop of the same cards in the same run, and an incremental sync of
10 changes (5 edited here, 5 on the server as a phone would) against a vCard export of the
same 5,000 people (the local side every sync reads). Goals: first sync within 30 s,
incremental within 2 s.

The 5,000 go to a small in-memory CardDAV server (``memory_dav``), so the figures are
netdesk's. Radicale itself reads every card of an address book on each new card, so a first
sync into Radicale is bound by the server: that is measured with 300 people, against the
bare PUT loop of the same cards into the same Radicale.

Each figure is the median of NETDESK_BENCH_RUNS runs (default 3).
"""

from __future__ import annotations

import datetime
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

PEOPLE = 5_000
RADICALE_PEOPLE = 300
RUNS = int(os.environ.get("NETDESK_BENCH_RUNS", "3"))


def _cards(path: Path) -> list[tuple[str, str]]:
    from netdesk.db.database import open_database
    from netdesk.formats.vcard.loading import card_people
    from netdesk.sync import fields as F
    from netdesk.sync.contacts import card_text

    db = open_database(path, before_migrate=None)
    stamp = datetime.datetime.now(datetime.UTC)
    cards = [(f"bare-{p.person_id}", card_text(f"bare-{p.person_id}", F.values_of(p.details),
                                               p.details.photo, "", stamp))
             for p in card_people()]
    db.close()
    return cards


def _bare_put_loop(url: str, user: str, password: str, book: str, cards) -> float:
    import niquests

    session = niquests.Session()
    session.auth = (user, password)
    start = time.perf_counter()
    for uid, text in cards:
        response = session.put(f"{book.rstrip('/')}/{uid}.vcf", data=text.encode(), timeout=60,
                               headers={"Content-Type": "text/vcard; charset=utf-8",
                                        "If-None-Match": "*"})
        assert response.status_code in (201, 204), response.status_code
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed


def _copy(source: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-sync-"))
    shutil.copy(source, folder / "copy.sqlite3")
    return folder / "copy.sqlite3"


def _sync(path: Path, url: str, user: str, password: str, book: str, *, new: bool = True):
    from netdesk.db.database import open_database
    from netdesk.sync import accounts
    from netdesk.sync.engine import sync_account

    db = open_database(path, before_migrate=None)
    try:
        if new:
            accounts.add_account(url, user, addressbook_url=book, calendar_url=None)
        account = accounts.accounts()[0]
        start = time.perf_counter()
        report = sync_account(account, password)
        return time.perf_counter() - start, report
    finally:
        db.close()


def _edit_here(path: Path, run: int) -> None:
    from netdesk.core.people import PersonForm, save_person
    from netdesk.db.database import open_database
    from netdesk.db.models import Person

    db = open_database(path, before_migrate=None)
    for person in Person.select().order_by(Person.id).limit(5):
        save_person(person.id, PersonForm(job_title=f"Changed {run}"), only={"job_title"})
    db.close()


def _export_ms(path: Path) -> float:
    from netdesk.db.database import open_database
    from netdesk.formats.exporting import export_text

    db = open_database(path, before_migrate=None)
    start = time.perf_counter()
    export_text("vcard")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _memory_run(source: Path, cards, run: int) -> dict[str, float]:
    from tests.benchmarks.memory_dav import MemoryDav

    figures = {}
    bare = MemoryDav().start()
    try:
        figures["bare"] = _bare_put_loop(bare.url, "me", "pw", bare.url + "book/", cards)
    finally:
        bare.stop()
    server = MemoryDav().start()
    try:
        book = server.url + "book/"
        here = _copy(source)
        figures["first"], report = _sync(here, server.url, "me", "pw", book)
        assert report.sent == {"people added": PEOPLE}, report.sent
        there = Path(tempfile.mkdtemp(prefix="netdesk-bench-sync-")) / "empty.sqlite3"
        figures["receive"], report = _sync(there, server.url, "me", "pw", book)
        assert report.received == {"people added": PEOPLE}, report.received
        _edit_here(here, run)
        for href in sorted(server.cards)[:5]:  # a phone edits five cards
            etag, text = server.cards[href]
            server.store(href, text.replace(b"END:VCARD", f"NOTE:phone {run}\r\nEND:VCARD"
                                            .encode()))
        figures["incremental"], report = _sync(here, server.url, "me", "pw", book, new=False)
        assert report.sent == {"people changed": 5}, report.sent
        assert report.received == {"people changed": 5}, report.received
        figures["export"] = _export_ms(here)
        for path in (here, there):
            shutil.rmtree(path.parent, ignore_errors=True)
    finally:
        server.stop()
    return figures


def _radicale_run(source: Path, cards, run: int) -> dict[str, float]:
    from tests.sync.radicale import Radicale, RadicaleServer

    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-radicale-"))
    server = RadicaleServer(folder)
    server.start()
    try:
        phone = Radicale(server)
        bare_book = phone.mkcol(f"/{phone.user}/bare/")
        bare = _bare_put_loop(phone.url, phone.user, phone.password, bare_book, cards)
        book = phone.mkcol(f"/{phone.user}/book/")
        here = _copy(source)
        first, report = _sync(here, phone.url, phone.user, phone.password, book)
        assert report.sent == {"people added": RADICALE_PEOPLE}, report.sent
        shutil.rmtree(here.parent, ignore_errors=True)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return {"bare": bare, "first": first}


def main() -> None:
    from tests.benchmarks.bigdb import build_big_database
    from tests.benchmarks.report import report

    source = build_big_database(people=PEOPLE, organizations=500)
    cards = _cards(source)
    runs = [_memory_run(source, cards, run) for run in range(RUNS)]

    def median(key: str, of=runs) -> float:
        return statistics.median(r[key] for r in of)

    report(f"first sync, {PEOPLE:,} people sent", median("first"), unit="s",
           baseline=median("bare"), goal="<= 30 s; baseline: bare PUT loop, same cards")
    report(f"first sync, {PEOPLE:,} people received", median("receive"), unit="s",
           baseline=median("bare"), goal="<= 30 s; baseline: bare PUT loop, same cards")
    report("incremental sync, 10 changes", median("incremental"), unit="s",
           baseline=median("export"),
           goal=f"<= 2 s; baseline: vCard export of the {PEOPLE:,} people")
    print("  runs: " + "; ".join(
        ", ".join(f"{k} {v:.2f}" for k, v in r.items()) for r in runs), flush=True)

    small = build_big_database(people=RADICALE_PEOPLE, organizations=50)
    small_cards = _cards(small)
    radicale = [_radicale_run(small, small_cards, run) for run in range(RUNS)]
    report(f"first sync into Radicale, {RADICALE_PEOPLE} people", median("first", radicale),
           unit="s", baseline=median("bare", radicale),
           goal="server-bound; baseline: bare PUT loop into the same Radicale")
