"""Everything netdesk holds about one person, for their request to see it (subject access).

Written as a folder, or one zip file, holding:

* ``NAME.vcf`` — their card, as the vCard export writes it (every field, netdesk's own as
  ``X-NETDESK-*``, record source and consent included);
* ``NAME.json`` — every row that names them, table by table, column by column as SQLite
  holds them (the whole-database JSON's layout, :mod:`netdesk.formats.database_json`):
  the person, their further entries, addresses, photo, career fields, interviews with
  their questions and notes, interactions, follow-ups, referrals both ways, introduction
  requests, and the LAMP entry of their organization;
* ``README.txt`` — what the files are.

Other people appear only as the id and name their rows point at (``other_people``): who
referred them, whom they referred, whom an introduction was about.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from netdesk.core.people import PersonForm, referrer_of
from netdesk.db.models import Person, database_proxy
from netdesk.formats.textfile import write_text_atomically
from netdesk.formats.vcard.loading import uid_of
from netdesk.formats.vcard.writing import CardPerson, format_vcards

FORMAT = "netdesk-person-data"
FORMAT_VERSION = 1

_ROWS = {
    "person": "SELECT * FROM person WHERE id = ?",
    "person_entry": "SELECT * FROM person_entry WHERE person_id = ? ORDER BY position, id",
    "postal_address": "SELECT * FROM postal_address WHERE person_id = ? "
                      "ORDER BY position, id",
    "person_photo": "SELECT * FROM person_photo WHERE person_id = ?",
    "person_career_field": "SELECT * FROM person_career_field WHERE person_id = ?",
    "career_field": "SELECT c.id, c.name FROM career_field c JOIN person_career_field pc "
                    "ON pc.career_field_id = c.id WHERE pc.person_id = ? ORDER BY c.name",
    "organization": "SELECT o.id, o.name, o.sector, o.website FROM organization o "
                    "JOIN person p ON p.organization_id = o.id "
                    "WHERE p.id = ?",
    "interview": "SELECT * FROM interview WHERE person_id = ? ORDER BY starts_at, id",
    "interview_question": "SELECT q.* FROM interview_question q JOIN interview i "
                          "ON i.id = q.interview_id WHERE i.person_id = ? "
                          "ORDER BY q.interview_id, q.position",
    "interaction": "SELECT * FROM interaction WHERE person_id = ? ORDER BY occurred_on, id",
    "follow_up": "SELECT * FROM follow_up WHERE person_id = ? ORDER BY due_on, id",
    "referral": "SELECT * FROM referral WHERE referrer_id = ? OR referred_id = ? "
                "ORDER BY id",
    "introduction": "SELECT * FROM introduction WHERE introducer_id = ? OR target_id = ? "
                    "ORDER BY id",
    "lamp_entry": "SELECT l.* FROM lamp_entry l JOIN person p "
                  "ON p.organization_id = l.organization_id WHERE p.id = ?",
}
"""Each table's rows that name the person (``?``), in a readable order. Of their
organization and career fields only what identifies them: the user's own notes on an
organization or a field are not about the person."""
_OTHERS = (
    "SELECT id, trim(first_name || ' ' || last_name) FROM person WHERE id IN ("
    " SELECT referrer_id FROM referral WHERE referred_id = ?"
    " UNION SELECT referred_id FROM referral WHERE referrer_id = ?"
    " UNION SELECT target_id FROM introduction WHERE introducer_id = ?"
    " UNION SELECT introducer_id FROM introduction WHERE target_id = ?) ORDER BY id"
)

_README = """\
What netdesk holds about {name}, written on {day}.

{card}  their contact card (vCard 3.0), readable by any address book.
{data}  every row of the netdesk database that names them, table by table:
        "columns" names the values of each row in "rows". A photo is given in base64.
        "other_people" are the people their rows point at (id and name only).
"""


@dataclass(frozen=True)
class AboutExport:
    """What was written: the folder or zip file, and the row count per table."""

    path: Path
    counts: dict[str, int]


def person_data(person_id: int) -> dict:
    """Every row that names ``person_id``, as JSON-ready values (the whole-database layout)."""
    from netdesk.db.database import schema_version

    Person.get_by_id(person_id)  # raises DoesNotExist for someone gone
    tables = {}
    for table, sql in _ROWS.items():
        cursor = database_proxy.execute_sql(sql, [person_id] * sql.count("?"))
        columns = [c[0] for c in cursor.description]
        rows = [[_json_value(v) for v in row] for row in cursor]
        tables[table] = {"columns": columns, "rows": rows}
    others = [{"id": i, "name": name}
              for i, name in database_proxy.execute_sql(_OTHERS, [person_id] * 4)]
    return {"format": FORMAT, "version": FORMAT_VERSION,
            "schema": schema_version(database_proxy.obj),
            "written": datetime.datetime.now().replace(microsecond=0).isoformat(),
            "person_id": person_id, "tables": tables, "other_people": others}


def _json_value(value):
    if isinstance(value, bool):  # PostgreSQL's booleans, as SQLite's 0 and 1
        return int(value)
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    return value


def person_card(person_id: int) -> str:
    """Their vCard, as the vCard export writes it."""
    form = PersonForm.from_person(Person.get_by_id(person_id))
    referrer = referrer_of(person_id)
    card = CardPerson(form, uid_of(person_id))
    if referrer is not None:
        card.referred_by = Person.get_by_id(referrer).full_name
        card.referred_by_uid = uid_of(referrer)
    return format_vcards([card])


def file_stem(person_id: int) -> str:
    """A file name for their data: their name, without characters file systems refuse."""
    name = Person.get_by_id(person_id).full_name
    stem = re.sub(r'[\x00-\x1f<>:"/\\|?*]+', " ", name).strip(" .")
    return " ".join(stem.split())[:80] or f"person {person_id}"


def default_name(person_id: int, as_zip: bool, day: datetime.date | None = None) -> str:
    """"Ada Lovelace - netdesk data 2026-12-01" (.zip when ``as_zip``)."""
    day = day or datetime.date.today()
    return f"{file_stem(person_id)} - netdesk data {day.isoformat()}" + (".zip" if as_zip else "")


def export_about(person_id: int, target: Path | str) -> AboutExport:
    """Write everything about ``person_id`` to ``target``: a zip file when it ends in .zip,
    else a folder (created when missing; files of the same names in it are replaced, as an
    earlier export of the same person). Nothing is left half-written: each file, and the
    zip, goes through a temporary file."""
    target = Path(target)
    with database_proxy.atomic():  # one consistent snapshot
        data = person_data(person_id)
        card = person_card(person_id)
        stem = file_stem(person_id)
    files = {
        f"{stem}.vcf": card.encode(),
        f"{stem}.json": (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode(),
        "README.txt": _README.format(
            name=stem, day=datetime.date.today().isoformat(), card=f"{stem}.vcf",
            data=f"{stem}.json").encode(),
    }
    if target.suffix.casefold() == ".zip":
        _write_zip(target, files)
    else:
        target.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            write_text_atomically(target / name, content.decode())
    counts = {table: len(t["rows"]) for table, t in data["tables"].items()}
    return AboutExport(target, counts)


def _write_zip(target: Path, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        folder = target.stem
        for name, content in files.items():
            archive.writestr(f"{folder}/{name}", content)
    handle = tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".partial", delete=False)
    try:
        with handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
