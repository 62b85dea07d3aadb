"""Reading an import file as text (size, binary, encoding checks) and writing exports safely."""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from netdesk.formats.records import FormatError

MAX_IMPORT_BYTES = 40 * 1024 * 1024
"""Larger files are refused: a real export of tens of thousands of contacts is far smaller."""

ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Western)",
    "latin-1": "ISO-8859-1 (Latin-1)",
    "mac-roman": "Mac Roman",
}
"""Encodings offered to the user, by Python codec name; UTF-8 is the default."""

UTF16_SAMPLE_BYTES = 64 * 1024
"""How much of a file with zero bytes is looked at to tell UTF-16 text from binary data."""

_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Excel/Office file (save it as CSV first)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (save it as CSV first)"),
    (b"\x1f\x8b", "a gzip archive"),
]


def read_text(path: Path | str, what: str, encoding: str | None = None,
              max_bytes: int = MAX_IMPORT_BYTES) -> str:
    """The whole file as text, or :class:`FormatError` saying plainly why it cannot be.

    ``what`` names the expected kind of file for messages ("a CSV file").
    ``encoding`` is a Python codec name; by default a byte-order mark decides,
    else UTF-8.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FormatError(
                f"the file is {size / 1_000_000:.1f} MB; netdesk imports files of up to "
                f"{max_bytes // (1024 * 1024)} MB at a time. Split it into smaller files."
            )
        data = path.read_bytes()
    except FormatError:
        raise
    except IsADirectoryError as error:
        raise FormatError(f"{path.name} is a folder, not {what}") from error
    except OSError as error:
        raise FormatError(f"cannot read {path.name}: {error.strerror or error}") from error
    return decode(data, what, encoding)


def decode(data: bytes, what: str, encoding: str | None = None) -> str:
    """Bytes to text, refusing empty, binary and wrongly encoded data with the line at fault."""
    if not data.strip():
        raise FormatError(f"the file is empty; expected {what}")
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise FormatError(f"this is {name}, not {what}")
    bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if encoding is None or encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        if bom:
            encoding = "utf-16"
        elif b"\x00" in data:
            encoding = utf16_without_bom(data) or "utf-8-sig"
        else:
            encoding = "utf-8-sig"
    elif encoding.replace("_", "-").lower() in ("utf-16", "utf16") and not bom:
        encoding = utf16_without_bom(data) or encoding
    if not encoding.lower().startswith("utf-16") and b"\x00" in data:
        offset = data.index(b"\x00")
        raise FormatError(
            f"the file holds binary data (a zero byte at byte {offset + 1}), not {what}; "
            "if it is text, save it again as UTF-8 or UTF-16",
            line=data.count(b"\n", 0, offset) + 1,
        )
    try:
        text = data.decode(encoding)
    except LookupError as error:
        raise FormatError(f"unknown text encoding {encoding!r}") from error
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = error.start - line_start + 1
        name = "UTF-8" if encoding.startswith("utf-8") else encoding
        raise FormatError(
            f"the text is not valid {name} (byte 0x{data[error.start]:02X} in column {column}); "
            "save the file as UTF-8, or choose the encoding it was written in",
            line=data.count(b"\n", 0, error.start) + 1,
        ) from error
    if "\x00" in text:
        raise FormatError(f"the file holds binary data, not {what}")
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``data`` is UTF-16 text that has no byte-order mark
    (as some Windows programs write it), else None; charset-normalizer judges a sample."""
    from charset_normalizer import from_bytes

    sample = data[:UTF16_SAMPLE_BYTES]
    best = from_bytes(sample[: len(sample) - len(sample) % 2]).best()
    name = best.encoding if best is not None else ""
    return {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}.get(name)


def write_text_atomically(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file, so a failure leaves no half file."""
    path = Path(path)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding=encoding, newline="", dir=path.parent, prefix=f".{path.name}.",
        suffix=".partial", delete=False,
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
