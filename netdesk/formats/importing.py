"""One entry point per kind of file: read, plan and apply an import (command line, dialog)."""

from __future__ import annotations

from pathlib import Path

from netdesk.formats.linkedin import WHAT as LINKEDIN_WHAT
from netdesk.formats.linkedin import parse_connections
from netdesk.formats.people_import import (
    ADD,
    MERGE,
    SKIP,
    ImportPlan,
    ImportSummary,
    Progress,
    apply_plan,
    plan_import,
)
from netdesk.formats.records import FormatError, ParseResult, Problem, imported_from
from netdesk.formats.table import guess_mapping, read_table, table_records
from netdesk.formats.textfile import encoding_label, read_decoded
from netdesk.formats.vcard import read_vcards

IMPORT_KINDS = {
    "linkedin": "LinkedIn connections (Connections.csv)",
    "vcard": "vCard contacts (.vcf)",
    "csv": "Spreadsheet (CSV)",
    "json": "Whole netdesk database (JSON)",
}
EXPORT_KINDS = {
    "vcard": "vCard contacts (.vcf)",
    "csv": "Spreadsheet of people (CSV)",
    "csv-organizations": "Spreadsheet of organizations (CSV)",
    "json": "Whole netdesk database (JSON)",
}
FILE_FILTERS = {
    "linkedin": "LinkedIn connections (*.csv)",
    "vcard": "vCard files (*.vcf *.vcard)",
    "csv": "CSV files (*.csv *.txt)",
    "csv-organizations": "CSV files (*.csv)",
    "json": "netdesk JSON (*.json)",
}
DEFAULT_SUFFIX = {"vcard": ".vcf", "csv": ".csv", "csv-organizations": ".csv", "json": ".json"}


def guess_kind(path: Path | str) -> str | None:
    """The kind of import file ``path`` probably is, from its name and first bytes."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".json":
        return "json"
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
    except OSError:
        return None
    text = start.decode("utf-8", errors="ignore").casefold()
    if "begin:vcard" in text:
        return "vcard"
    if text.lstrip().startswith("{"):
        return "json"
    if "connected on" in text and "first name" in text:
        return "linkedin"
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    return None


class RowErrors(FormatError):
    """Some rows could not be read and the caller asked for all or nothing."""

    def __init__(self, problems: list[Problem]):
        count = sum(p.rows for p in problems)
        super().__init__(
            f"{count} {'row has' if count == 1 else 'rows have'} errors; nothing was imported "
            f"(first: {problems[0]})")
        self.problems = problems


def read_people(kind: str, path: Path | str, *, encoding: str | None = None,
                mapping: list[str] | None = None, groups_as_tags: bool = False) -> ParseResult:
    """Person records of a LinkedIn, vCard or CSV file (CSV: mapping guessed if not given;
    Google's contact groups become tags when ``groups_as_tags``)."""
    return read_people_noting(kind, path, encoding=encoding, mapping=mapping,
                              groups_as_tags=groups_as_tags)[0]


def read_people_noting(kind: str, path: Path | str, *, encoding: str | None = None,
                       mapping: list[str] | None = None, groups_as_tags: bool = False,
                       ) -> tuple[ParseResult, str]:
    """:func:`read_people`, and "read as Windows-1252 (guessed)" when the encoding the file
    was read with is a guess ('' when it was UTF-8, declared or given). The people it
    adds get "Imported from FILE on DATE" as their record source unless the file gives one."""
    result, note = _read_people_noting(kind, path, encoding=encoding, mapping=mapping,
                                       groups_as_tags=groups_as_tags)
    result.record_source = result.record_source or imported_from(path)
    return result, note


def _read_people_noting(kind: str, path: Path | str, *, encoding: str | None,
                        mapping: list[str] | None, groups_as_tags: bool,
                        ) -> tuple[ParseResult, str]:
    if kind == "linkedin":
        decoded = read_decoded(path, LINKEDIN_WHAT, encoding)
        return parse_connections(decoded.text), guess_note(decoded.encoding, decoded.guessed)
    if kind == "vcard":
        return read_vcards(path, encoding), ""  # each property declares its own charset
    if kind == "csv":
        table = read_table(path, encoding)
        result = table_records(table, mapping if mapping is not None
                               else guess_mapping(table.header), groups_as_tags=groups_as_tags)
        return result, guess_note(table.encoding, table.encoding_guessed)
    raise ValueError(f"unknown kind of people file {kind!r}")


def guess_note(codec: str, guessed: bool) -> str:
    """'read as Windows-1252 (guessed)' for a guessed encoding, '' otherwise."""
    return f"read as {encoding_label(codec).split(' (')[0]} (guessed)" if guessed else ""


def import_people(kind: str, path: Path | str, *, relationship: str = "acquaintance",
                  encoding: str | None = None, mapping: list[str] | None = None,
                  on_duplicate: str = MERGE, skip_invalid: bool = False,
                  dry_run: bool = False, progress: Progress | None = None,
                  before_write=None, result: ParseResult | None = None,
                  ) -> tuple[ImportPlan, ImportSummary | None]:
    """Read, plan and (unless ``dry_run``) apply an import in one go; all or nothing.

    Rows with errors refuse the whole file unless ``skip_invalid``. ``before_write`` (the
    backup) is called right before the first write, never for a refusal or a dry run;
    ``result`` is the file already read, if it was.
    """
    if result is None:
        result = read_people(kind, path, encoding=encoding, mapping=mapping)
    if result.errors and not skip_invalid:
        raise RowErrors(result.errors)
    plan = plan_import(result, relationship, progress=progress)
    merge_errors = [p for p in plan.errors if p not in result.problems]
    if merge_errors and not skip_invalid:
        raise RowErrors(merge_errors)
    if on_duplicate != MERGE:
        plan.set_all(on_duplicate if on_duplicate in (ADD, SKIP) else MERGE)
    if dry_run:
        return plan, None
    return plan, apply_plan(plan, progress=progress, before_write=before_write)
