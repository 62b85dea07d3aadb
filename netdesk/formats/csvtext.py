"""Rows of CSV text with the line each starts on, through Python's csv module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from netdesk.formats.records import FormatError

csv.field_size_limit(10 * 1024 * 1024)


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma, semicolon or tab separated: whichever the start of the text uses."""
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def rows_with_lines(text: str, dialect=csv.excel) -> Iterator[tuple[int, list[str]]]:
    """Each row and the (1-based) line it starts on; :class:`FormatError` for broken quoting."""
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle, dialect, strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "unexpected end of data" in str(error) or reader.line_num >= _count_lines(text):
                raise FormatError(
                    f"the file ends inside a quoted cell that starts on line {line}; "
                    "it may be cut short", line=line,
                ) from error
            raise FormatError(f"the CSV quoting is broken ({error})",
                              line=reader.line_num) from error
        yield line, row
        line = reader.line_num + 1


def _count_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def header_key(cell: str) -> str:
    """A column title for comparison: no case, no punctuation, single spaces."""
    cleaned = "".join(c if c.isalnum() else " " for c in cell.strip().lstrip("\ufeff"))
    return " ".join(cleaned.split()).casefold()
