"""Rows of CSV text by RFC 4180 rules, with the line each starts on.

The delimiter (comma, semicolon or tab) is chosen from the header line alone;
the quoting is never guessed: ``"`` opens a quoted cell only at the start of a
cell, ``""`` inside one is a quote, and a quoted cell may hold newlines. A
``"`` later in an unquoted cell is an ordinary character, so it never breaks a row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from netdesk.formats.records import FormatError

csv.field_size_limit(10 * 1024 * 1024)

DELIMITERS = (",", ";", "\t")
"""The delimiters a CSV file may use, in the order a tie is decided."""
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


class Rfc4180(csv.Dialect):
    """RFC 4180: double quotes, doubled inside a quoted cell; no escape character."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    escapechar = None
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def header_line(text: str) -> str:
    """The first line of ``text`` that holds anything, up to its end outside quotes."""
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        end = length if end < 0 else end
        if text[start:end].strip():
            break
        start = end + 1
    quoted = False
    position = start
    while position < length:
        char = text[position]
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            break
        position += 1
    return text[start:position]


def choose_delimiter(text: str) -> str:
    """The delimiter the header line uses most outside quoted cells; a comma when none."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def dialect_for(delimiter: str = ",") -> type[csv.Dialect]:
    """The RFC 4180 dialect with ``delimiter``."""
    if delimiter == ",":
        return Rfc4180
    return type("Rfc4180" + DELIMITER_NAMES[delimiter].title(), (Rfc4180,),
                {"delimiter": delimiter})


def rows_with_lines(text: str, dialect=Rfc4180) -> Iterator[tuple[int, list[str]]]:
    """Each row and the (1-based) line it starts on; :class:`FormatError` for broken quoting."""
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle, dialect)
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
                    "it may be cut short, or a cell opens a quote it never closes",
                    line=line,
                ) from error
            raise FormatError(
                f"the CSV quoting is broken ({error}): a cell that starts with a quote must "
                "end with one, and a quote inside it is written twice (\"\")",
                line=reader.line_num) from error
        yield line, row
        line = reader.line_num + 1


def _count_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def header_key(cell: str) -> str:
    """A column title for comparison: no case, no punctuation, single spaces."""
    cleaned = "".join(c if c.isalnum() else " " for c in cell.strip().lstrip("\ufeff"))
    return " ".join(cleaned.split()).casefold()
