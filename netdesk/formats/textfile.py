"""Reading an import file as text (size, binary, encoding checks) and writing exports safely.

The encoding of a file is, in this order: the one the user chose; the one a byte-order
mark declares; UTF-8 when the bytes are valid UTF-8; else a guess by charset-normalizer
among :data:`ENCODINGS`, which the caller shows so the user can choose another
(:func:`read_decoded` says which it was).
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from netdesk.formats.records import FormatError

MAX_IMPORT_BYTES = 40 * 1024 * 1024
"""Larger files are refused: a real export of tens of thousands of contacts is far smaller."""

ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Western)",
    "latin-1": "ISO-8859-1 (Latin-1)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp932": "Shift_JIS (Japanese)",
    "gb18030": "GB18030 (Chinese, simplified)",
    "big5": "Big5 (Chinese, traditional)",
    "cp949": "EUC-KR (Korean)",
    "mac-roman": "Mac Roman",
}
"""Encodings offered to the user, by Python codec name; UTF-8 is the default. Shift_JIS,
EUC-KR and GB2312 are read through their Windows supersets (cp932, cp949, GB18030), which
decode every file the narrower ones do and the extra characters Windows programs write."""
_GUESSES = {"cp1252": "cp1252", "iso8859-1": "latin-1", "cp1250": "cp1250",
            "cp1251": "cp1251", "cp932": "cp932", "shift_jis": "cp932", "gb18030": "gb18030",
            "gbk": "gb18030", "gb2312": "gb18030", "big5": "big5", "cp950": "big5",
            "cp949": "cp949", "euc_kr": "cp949", "mac-roman": "mac-roman"}
"""charset-normalizer's names (as ``codecs.lookup`` spells them) → the codec offered."""
_PREFERRED = ("cp1252",)
"""Where charset-normalizer ranks several codecs exactly alike, the more common one wins."""

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


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding it was read with.

    Attributes:
        text: the whole text, without a byte-order mark.
        encoding: the Python codec name used ("utf-8", "cp1252", "utf-16-le"…).
        guessed: True when the file is not UTF-8 and declared nothing, so the
            encoding is charset-normalizer's guess: show it and let the user choose.
    """

    text: str
    encoding: str
    guessed: bool = False

    @property
    def label(self) -> str:
        """The encoding as the user knows it ("Windows-1252 (Western)")."""
        return encoding_label(self.encoding)


def encoding_label(codec: str) -> str:
    """How the encoding ``codec`` is named to the user."""
    name = codec.lower().replace("_", "-")
    if name.startswith("utf-8"):
        return ENCODINGS["utf-8"]
    if name.startswith("utf-16"):
        return ENCODINGS["utf-16"]
    return ENCODINGS.get(name) or ENCODINGS.get(codec) or codec


def read_text(path: Path | str, what: str, encoding: str | None = None,
              max_bytes: int = MAX_IMPORT_BYTES) -> str:
    """The whole file as text, or :class:`FormatError` saying plainly why it cannot be.

    ``what`` names the expected kind of file for messages ("a CSV file").
    ``encoding`` is a Python codec name; by default a byte-order mark decides,
    else UTF-8, else a guess (see :func:`read_decoded` to know which).
    """
    return read_decoded(path, what, encoding, max_bytes).text


def read_decoded(path: Path | str, what: str, encoding: str | None = None,
                 max_bytes: int = MAX_IMPORT_BYTES) -> Decoded:
    """:func:`read_text`, with the encoding used and whether it was guessed."""
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
    return decode_detected(data, what, encoding)


def decode(data: bytes, what: str, encoding: str | None = None) -> str:
    """Bytes to text, refusing empty, binary and wrongly encoded data with the line at fault."""
    return decode_detected(data, what, encoding).text


def decode_detected(data: bytes, what: str, encoding: str | None = None) -> Decoded:
    """:func:`decode`, with the encoding used; a file that declares nothing and is not
    UTF-8 is read with charset-normalizer's guess (``guessed`` is then True)."""
    if not data.strip():
        raise FormatError(f"the file is empty; expected {what}")
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise FormatError(f"this is {name}, not {what}")
    if encoding is None and b"\x00" not in data and not data.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            guess = guess_encoding(data)
            if guess is not None:
                try:
                    return Decoded(_checked(data.decode(guess), what), guess, guessed=True)
                except UnicodeDecodeError:
                    pass  # the sample fitted, the whole did not: say where UTF-8 fails
        else:
            return Decoded(_checked(text, what), "utf-8")
    return _decode(data, what, encoding)


def guess_encoding(data: bytes) -> str | None:
    """The codec of :data:`ENCODINGS` that best reads ``data`` (not UTF-8), or None."""
    from charset_normalizer import from_bytes

    isolation = sorted({codecs.lookup(name).name for name in _GUESSES})
    matches = list(from_bytes(data, cp_isolation=isolation))
    if not matches:
        return None
    best = matches[0]
    tied = {name for m in matches if m.percent_chaos == best.percent_chaos
            and m.percent_coherence == best.percent_coherence
            for name in (m.encoding, *m.could_be_from_charset)}
    for preferred in _PREFERRED:
        if preferred in tied or _same_text(data, preferred, best.encoding):
            return preferred
    return _GUESSES.get(codecs.lookup(best.encoding).name)


def _same_text(data: bytes, one: str, other: str) -> bool:
    try:
        return data.decode(one) == data.decode(other)
    except UnicodeDecodeError:
        return False


def _checked(text: str, what: str) -> str:
    if "\x00" in text:
        raise FormatError(f"the file holds binary data, not {what}")
    return text


def _decode(data: bytes, what: str, encoding: str | None) -> Decoded:
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
    return Decoded(_checked(text, what), "utf-8" if encoding == "utf-8-sig" else encoding)


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
