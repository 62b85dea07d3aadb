"""One entry point per kind of export: the text of the file, or the file written safely."""

from __future__ import annotations

from pathlib import Path

from netdesk.db.models import database_proxy
from netdesk.formats.database_json import dump_database, format_dump
from netdesk.formats.people_rows import organization_rows, people_rows
from netdesk.formats.table import ORGANIZATION_HEADER, format_csv, people_csv
from netdesk.formats.textfile import write_text_atomically
from netdesk.formats.vcard import format_vcards
from netdesk.formats.vcard.loading import card_people

_ORGANIZATION_KEYS = ("name", "sector", "website", "culture_notes", "notes", "people")


def export_text(kind: str) -> tuple[str, int, str]:
    """(text, how many items, what they are) for 'vcard', 'csv', 'csv-organizations', 'json'."""
    with database_proxy.atomic():  # one consistent snapshot
        if kind == "vcard":
            people = card_people()
            return format_vcards(people), len(people), "people"
        if kind == "csv":
            rows = people_rows()
            return people_csv(rows), len(rows), "people"  # every field but the photo
        if kind == "csv-organizations":
            rows = organization_rows()
            return (format_csv(ORGANIZATION_HEADER,
                               [[r[k] for k in _ORGANIZATION_KEYS] for r in rows]),
                    len(rows), "organizations")
        if kind == "json":
            dump = dump_database()
            total = sum(len(t["rows"]) for t in dump["tables"].values())
            return format_dump(dump), total, "rows"
    raise ValueError(f"unknown kind of export {kind!r}")


def export_file(kind: str, path: Path | str) -> tuple[int, str]:
    """Write the export to ``path`` (through a temporary file); return (count, what)."""
    text, count, what = export_text(kind)
    # CSV carries a byte-order mark so that spreadsheets read it as UTF-8.
    encoding = "utf-8-sig" if kind.startswith("csv") else "utf-8"
    write_text_atomically(path, text, encoding=encoding)
    return count, what
