"""vCard text as content lines: unfolding, parameters, quoted-printable, charsets and the
escapes of each version.

vCard 2.1 (the Versit specification) folds lines RFC 822 style (the white space
at the start of a continuation line is kept), has no backslash escapes except
``\\;`` inside compound values (so commas are literal: ``ORG:Company, The``),
encodes values as QUOTED-PRINTABLE (``ENCODING=QUOTED-PRINTABLE`` or the bare
word; a ``=`` at the end of a line joins the next one) in the declared
``CHARSET``, and lets parameters stand alone (``TEL;WORK;VOICE``). vCard 3.0
(RFC 2426) and 4.0 (RFC 6350) fold with exactly one white space character and
escape ``\\,`` ``\\;`` ``\\n`` ``\\\\`` in text.

Text comes in decoded as UTF-8 with ``surrogateescape`` when the file is not
UTF-8, so the bytes of a value can be recovered and decoded in the charset the
card declares for it.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field

V21, V30, V40 = "2.1", "3.0", "4.0"
_NEWLINES = re.compile(r"\r*\n|\r")  # CR CR LF (seen in iPhone files) is one break
_NAME = re.compile(r"\s*(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_QP_HEAD = re.compile(r';\s*(?:ENCODING\s*=\s*)?"?QUOTED-PRINTABLE"?\s*(?=[;,]|$)',
                      re.IGNORECASE)
_QP_BYTE = re.compile(rb"=([0-9A-Fa-f]{2})|=\r?\n")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_BASE64 = re.compile(r"[A-Za-z0-9+/]+")
_SURROGATE = re.compile("[\udc80-\udcff]")
ENCODING_WORDS = {"quoted-printable", "base64", "b", "8bit", "7bit"}
"""Words that stand alone in 2.1 as the ENCODING parameter (``PHOTO;BASE64``)."""


class LineError(ValueError):
    """A line that is not a content line (no colon, no name)."""


@dataclass
class Property:
    """One content line of a card: ``group.NAME;params:value``, the value still raw."""

    name: str
    """Upper case, without the group."""
    value: str
    line: int
    group: str = ""
    """Lower case; '' when the line has none."""
    params: dict[str, list[str]] = field(default_factory=dict)
    """Parameter names in upper case → values as written (TYPE values split at commas)."""

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    @property
    def types(self) -> list[str]:
        """The TYPE words in lower case, in order (2.1's bare words included)."""
        return [t.strip().lower() for t in self.params.get("TYPE", []) if t.strip()]

    @property
    def encoding(self) -> str:
        return self.param("ENCODING").lower()


def physical_lines(text: str) -> list[str]:
    """``text`` split at LF, CR or CRLF only (never at other Unicode line separators)."""
    lines = _NEWLINES.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def is_quoted_printable(line: str) -> bool:
    """Whether the head of ``line`` (before the first colon) declares quoted-printable."""
    head = line.split(":", 1)[0]
    return bool(_QP_HEAD.search(head))


def parse_line(text: str, number: int) -> Property:
    """A content line; :class:`LineError` when ``text`` is not one."""
    match = _NAME.match(text)
    if not match:
        raise LineError("no property name")
    group, name = match.group(1) or "", match.group(2).upper()
    position = match.end()
    params: dict[str, list[str]] = {}
    length = len(text)
    while position < length and text[position] == ";":
        position += 1
        start = position
        in_quotes = False
        while position < length:
            char = text[position]
            if char == '"':
                in_quotes = not in_quotes
            elif not in_quotes and char in ";:":
                break
            position += 1
        _add_param(params, text[start:position])
    if position >= length or text[position] != ":":
        raise LineError("no colon after the property name")
    return Property(name, text[position + 1:], number, group.lower(), params)


def _add_param(params: dict[str, list[str]], text: str) -> None:
    text = text.strip()
    if not text:
        return
    if "=" not in text:  # 2.1: TEL;WORK;VOICE, NOTE;QUOTED-PRINTABLE, PHOTO;BASE64
        key = "ENCODING" if text.lower() in ENCODING_WORDS else "TYPE"
        params.setdefault(key, []).append(text)
        return
    key, value = text.split("=", 1)
    key = key.strip().upper()
    values = []
    for part in _split_unquoted(value, ","):
        part = part.strip()
        if len(part) >= 2 and part[0] == part[-1] == '"':
            part = part[1:-1]
        values.append(_caret_decoded(part))
    if key == "TYPE":  # TYPE="work,voice" (4.0) is a list too
        values = [v for value in values for v in value.split(",")]
    params.setdefault(key, []).extend(values)


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts, start, in_quotes = [], 0, False
    for position, char in enumerate(text):
        if char == '"':
            in_quotes = not in_quotes
        elif char == separator and not in_quotes:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def _caret_decoded(text: str) -> str:
    """RFC 6868 parameter escapes: ^n newline, ^' double quote, ^^ caret."""
    if "^" not in text:
        return text
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m.group(1)], text)


def raw_bytes(text: str) -> bytes:
    """The bytes ``text`` was decoded from (UTF-8, undecodable bytes kept as surrogates)."""
    return text.encode("utf-8", "surrogateescape")


def has_undecoded(text: str) -> bool:
    return bool(_SURROGATE.search(text))


def decode_qp(text: str) -> bytes:
    """Quoted-printable ``text`` (soft line breaks already joined) as bytes."""
    data = raw_bytes(text)
    return _QP_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]) if m.group(1) else b"", data)


def charset_codec(name: str) -> str | None:
    """Python's codec for a declared CHARSET, or None when Python knows no such charset."""
    name = name.strip().strip('"')
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def unescape(text: str, version: str) -> str:
    """A text value with the escapes of ``version`` undone (2.1 has none for text)."""
    if version == V21 or "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def split_escaped(text: str, separator: str, version: str) -> list[str]:
    """``text`` split at each ``separator`` not preceded by a backslash; each part unescaped.

    In 2.1 only ``\\;`` is an escape, so a 2.1 part keeps its other backslashes.
    """
    parts, current, position, length = [], [], 0, len(text)
    while position < length:
        char = text[position]
        if char == "\\" and position + 1 < length:
            following = text[position + 1]
            if version != V21 or following == separator:
                current.append(text[position:position + 2])
                position += 2
                continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        position += 1
    parts.append("".join(current))
    if version == V21:
        return [p.replace("\\" + separator, separator) for p in parts]
    return [unescape(p, version) for p in parts]


def decode_base64(text: str) -> bytes:
    """Base64 with any white space (folding) left out and padding optional;
    :class:`ValueError` when it is not base64."""
    data = re.sub(r"\s+", "", text).rstrip("=")
    if not data or len(data) % 4 == 1 or not _BASE64.fullmatch(data):
        raise ValueError("not base64")
    return binascii.a2b_base64(data + "=" * (-len(data) % 4))
