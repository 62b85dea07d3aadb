"""Reading vCard files: cards of 2.1, 3.0 and 4.0 as person and organization records.

Each card is read by the rules of its own VERSION (see :mod:`.lines`). Every
field goes into :class:`~netdesk.core.person_details.PersonDetails`: name parts,
nickname, organization and department, title (ROLE too), birthday and dated
events, addresses, emails, phones and web pages with their labels (the
preferred one first), social profiles, messaging handles, related names, the
photo, notes, categories as tags, and netdesk's own ``X-NETDESK-*`` fields.
A card netdesk wrote (its PRODID) is read exactly as it was written, so an
export reads back identical.

What a card cannot keep is said in a warning naming its line: a phone or email
the validator refuses is kept as text (a custom field "Phone (as written)"), a
photo too large or not PNG/JPEG is left out, unknown properties are listed.
Company cards (``KIND:org``, Apple's ``X-ABShowAs:COMPANY``, or a card with an
organization and no personal name) become organization records. A card with no
name but an email or phone is kept, named after the part of the email before
the @ (or the phone); a card nested in another (2.1's AGENT) is read as a
related name of the outer card.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from netdesk.core import limits
from netdesk.core.contact_values import email_address, email_problem, phone_problem
from netdesk.core.matching import collapse_spaces, linkedin_key
from netdesk.core.person_details import Address, Entry
from netdesk.formats.records import (
    FormatError,
    OrganizationRecord,
    ParseResult,
    PersonRecord,
    Problem,
)
from netdesk.formats.textfile import read_text
from netdesk.formats.vcard.lines import (
    V21,
    V30,
    V40,
    LineError,
    Property,
    charset_codec,
    decode_base64,
    decode_qp,
    has_undecoded,
    is_quoted_printable,
    parse_line,
    physical_lines,
    raw_bytes,
    split_escaped,
    unescape,
)

WHAT = "a vCard file (.vcf)"
NETDESK_PRODID = "-//netdesk//netdesk//EN"
"""The PRODID of cards netdesk writes: such a card is read back exactly."""
NETDESK_PARAM = "X-NETDESK"
"""A parameter netdesk sets on a property with a role of its own (LINKEDIN, REFERRED-BY)."""

QUIET = frozenset({
    "PRODID", "REV", "LABEL", "SORT-STRING", "CLASS", "SOURCE", "NAME", "MAILER", "TZ",
    "GEO", "KEY", "SOUND", "LOGO", "X-ABUID", "X-ABADR", "X-IMAGETYPE", "X-IMAGEHASH",
    "X-ADDRESSING-GRAMMAR", "X-SHARED-PHOTO-DISPLAY-PREF", "X-EVOLUTION-FILE-AS",
    "X-EVOLUTION-LIST", "X-EVOLUTION-LIST-SHOW-ADDRESSES", "X-MOZILLA-HTML",
    "X-MOZILLA-PROPERTY", "X-ANDROID-CUSTOM", "X-CLASS", "X-FILE-AS", "X-MS-CARDPICTURE",
    "X-WAB-GENDER", "CLIENTPIDMAP", "XML", "LANG", "MEMBER", "X-ABLABEL", "X-ABSHOWAS",
    "KIND", "X-ADDRESSBOOKSERVER-KIND", "UID", "VERSION", "AGENT", "FN", "N",
})
"""Properties left out without a word: housekeeping of the writing program, or read
together with another property."""
QUIET_PREFIXES = ("X-MS-OL-", "X-APPLE-", "X-ABRELATEDNAMES-", "X-EVOLUTION-WEBDAV",
                  "X-KADDRESSBOOK-CRYPTO", "X-MOZILLA-")

_TYPE_LABELS = {"work": "work", "home": "home", "cell": "mobile", "mobile": "mobile",
                "other": "other", "fax": "fax", "pager": "pager", "main": "main",
                "iphone": "iPhone", "car": "car", "video": "video", "textphone": "textphone",
                "isdn": "ISDN", "modem": "modem", "bbs": "BBS", "personal": "home",
                "business": "work", "school": "school"}
_TYPE_SILENT = {"voice", "internet", "pref", "x400", "msg", "text", "dom", "intl", "postal",
                "parcel", "uri", "x-internet"}
_IM_PROPERTIES = {"X-AIM": "AIM", "X-ICQ": "ICQ", "X-JABBER": "Jabber", "X-MSN": "MSN",
                  "X-YAHOO": "Yahoo", "X-SKYPE": "Skype", "X-SKYPE-USERNAME": "Skype",
                  "X-GOOGLE-TALK": "Google Talk", "X-GTALK": "Google Talk", "X-QQ": "QQ",
                  "X-GADUGADU": "Gadu-Gadu", "X-GROUPWISE": "GroupWise", "X-MATRIX": "Matrix",
                  "X-TELEGRAM": "Telegram", "X-SIGNAL": "Signal", "X-WECHAT": "WeChat",
                  "X-LINE": "LINE", "X-SIP": "SIP"}
_IM_SCHEMES = {"skype": "Skype", "xmpp": "Jabber", "aim": "AIM", "msnim": "MSN",
               "msn": "MSN", "ymsgr": "Yahoo", "icq": "ICQ", "sip": "SIP", "gtalk": "Google Talk",
               "qq": "QQ", "irc": "IRC", "x-apple": "", "im": "", "matrix": "Matrix",
               "facetime": "FaceTime"}
_SOCIAL_PROPERTIES = {"X-TWITTER": "Twitter", "X-FACEBOOK": "Facebook",
                      "X-LINKEDIN": "LinkedIn", "X-MASTODON": "Mastodon"}
_RELATED_PROPERTIES = {
    "X-SPOUSE": "spouse", "X-MS-SPOUSE": "spouse", "X-EVOLUTION-SPOUSE": "spouse",
    "X-KADDRESSBOOK-X-SPOUSESNAME": "spouse", "X-MANAGER": "manager",
    "X-MS-MANAGER": "manager", "X-EVOLUTION-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager", "X-ASSISTANT": "assistant",
    "X-MS-ASSISTANT": "assistant", "X-EVOLUTION-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant", "X-MS-CHILD": "child",
    "X-CHILD": "child",
}
_EVENT_PROPERTIES = {"ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY",
                     "X-EVOLUTION-ANNIVERSARY", "X-KADDRESSBOOK-X-ANNIVERSARY"}
_WEB_PROPERTIES = {"X-EVOLUTION-BLOG-URL": "blog", "X-EVOLUTION-VIDEO-URL": "video",
                   "CALURI": "calendar", "FBURL": "free/busy", "CALADRURI": "calendar"}
_CUSTOM_PROPERTIES = {"X-PHONETIC-FIRST-NAME": "Phonetic first name",
                      "X-PHONETIC-MIDDLE-NAME": "Phonetic middle name",
                      "X-PHONETIC-LAST-NAME": "Phonetic last name",
                      "X-PHONETIC-ORG": "Phonetic organization", "GENDER": "Gender",
                      "X-GENDER": "Gender", "X-MAIDENNAME": "Maiden name",
                      "X-MS-IMADDRESS": "IM address", "X-EVOLUTION-COMPANYPHONE": "Company phone",
                      "EXPERTISE": "Expertise", "HOBBY": "Hobby", "INTEREST": "Interest",
                      "ORG-DIRECTORY": "Directory"}
_DECLARED = re.compile(r";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_LIKELY_CHARSETS = {"cp1252", "iso8859-1", "iso8859-15", "cp1250", "cp1251", "iso8859-2",
                    "koi8-r", "mac-roman", "shift_jis", "cp932", "euc_jp", "iso2022_jp",
                    "gb18030", "gbk", "gb2312", "big5", "euc_kr", "cp949", "utf-16"}
"""Charsets an address book is likely written in: a guess outside them (charset-normalizer
on a few bytes may say cp775) gives way to Windows-1252."""
_CONTROLS = dict.fromkeys(c for c in range(32) if c not in (9, 10)) | {127: None}
_HAS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_DATE_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), True),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), True),
    (re.compile(r"--(\d{2})-?(\d{2})"), False),
)


def read_vcards(path: Path | str, encoding: str | None = None) -> ParseResult:
    """Read every card of a .vcf file; :class:`FormatError` if the file cannot be read.

    Without ``encoding`` the file is read as UTF-8; a file that is not (a 2.1 card
    declaring ``CHARSET=SHIFT_JIS``, a Latin-1 export) is read byte-faithfully and each
    value decoded in the charset its property declares.
    """
    try:  # never a guess for the whole file: each property may declare its own charset
        text = read_text(path, WHAT, encoding or "utf-8")
    except FormatError as error:
        if encoding is not None or not isinstance(error.__cause__, UnicodeDecodeError):
            raise
        data = Path(path).read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        text = data.decode("utf-8", "surrogateescape")
        if "begin:vcard" not in text[:4096].lower():
            raise
    return parse_vcards(text)


def parse_vcards(text: str) -> ParseResult:
    """Person (and organization) records from vCard text, with the problems card by card."""
    return _Reader(text).read()


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.replace("\r", " ").replace("\n", " ")
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Card:
    begin: int
    version: str = V30
    agent: bool = False
    """Nested in another card after its AGENT property (2.1)."""
    properties: list[Property] = field(default_factory=list)
    nested: list[_Card] = field(default_factory=list)


class _Reader:
    """One pass over the physical lines: cards, nested cards and stray text."""

    def __init__(self, text: str):
        self.lines = physical_lines(text)
        self.result = ParseResult()
        self.fallback: str | None = None
        self.fallback_warned = False

    def read(self) -> ParseResult:
        stack: list[_Card] = []
        seen_card = False
        skipping: list[str] = []  # a nested entry that is not a card (VCALENDAR…)
        for logical, number in self._logical_lines(stack):
            try:
                prop = parse_line(logical, number)
            except LineError as error:
                if not seen_card:
                    raise FormatError(
                        f"this does not look like {WHAT} (expected BEGIN:VCARD, found "
                        f"{_excerpt(logical)!r})", line=number) from error
                where = "" if stack else " outside any card"
                self.result.problems.append(Problem.warning(
                    number, f"unreadable line{where} left out: {_excerpt(logical)!r}"))
                continue
            name = prop.name
            if skipping:
                if name == "BEGIN":
                    skipping.append(prop.value.strip().upper())
                elif name == "END":
                    skipping.pop()
                continue
            agent_start = (name == "AGENT" and stack
                           and prop.value.strip().upper() == "BEGIN:VCARD")
            if name == "BEGIN" or agent_start:
                kind = "VCARD" if agent_start else prop.value.strip().upper()
                if kind != "VCARD":
                    if not seen_card:
                        raise FormatError(
                            f"this holds a {prop.value.strip() or 'nameless'} entry, "
                            f"not a vCard; expected {WHAT}", line=number)
                    self.result.problems.append(Problem.warning(
                        number, f"a {_excerpt(prop.value.strip(), 20)} entry "
                        f"{'inside a card' if stack else 'between cards'} was left out"))
                    skipping.append(kind)
                    continue
                seen_card = True
                card = _Card(number)
                if stack:
                    outer = stack[-1]
                    card.version = outer.version
                    last = outer.properties[-1] if outer.properties else None
                    card.agent = agent_start or (
                        last is not None and last.name == "AGENT" and not last.value.strip())
                stack.append(card)
            elif not stack:
                if not seen_card:
                    raise FormatError(
                        f"this does not look like {WHAT} (expected BEGIN:VCARD, found "
                        f"{_excerpt(logical)!r})", line=number)
                self.result.problems.append(Problem.warning(
                    number, f"text outside any card left out: {_excerpt(logical)!r}"))
            elif name == "END":
                card = stack.pop()
                if stack:
                    stack[-1].nested.append(card)
                else:
                    self._finish(card)
            elif name == "VERSION":
                stack[-1].version = prop.value.strip() or V30
            else:
                stack[-1].properties.append(prop)
        if stack:
            raise FormatError(
                f"the file ends inside the card that begins on line {stack[0].begin}; "
                "it may be cut short", line=stack[0].begin)
        if not seen_card:
            raise FormatError(f"no BEGIN:VCARD found; this does not look like {WHAT}", line=1)
        self.result.problems.sort(key=lambda p: p.line)
        return self.result.within_limits()

    def _logical_lines(self, stack: list[_Card]):
        """(unfolded line, number of its first physical line), skipping blank lines."""
        lines = self.lines
        count = len(lines)
        position = 0
        while position < count:
            first = lines[position]
            number = position + 1
            position += 1
            if not first.strip():
                continue
            version = stack[-1].version if stack else V30
            quoted = is_quoted_printable(first)
            parts = [first]
            while position < count:
                following = lines[position]
                if quoted and parts[-1].endswith("="):
                    parts[-1] = parts[-1][:-1]  # a soft line break
                    parts.append(following)
                elif following[:1] in (" ", "\t"):
                    parts.append(following if version == V21 else following[1:])
                else:
                    break
                position += 1
            yield "".join(parts), number

    def _finish(self, card: _Card) -> None:
        try:
            _CardReader(self, card).read()
        except Exception as error:  # noqa: BLE001 - one broken card never costs the file
            self.result.problems.append(Problem.error(
                card.begin, f"the card could not be read ({error}); skipped"))

    def fallback_codec(self, line: int) -> str:
        """The charset for text that is not UTF-8 and declares none, guessed once per file."""
        if self.fallback is None:
            from charset_normalizer import from_bytes

            declared = [charset_codec(m) for m in _DECLARED.findall("\n".join(self.lines))]
            declared = [c for c in declared if c and c != "utf-8"]
            if declared:
                self.fallback = declared[0]
            else:
                best = from_bytes(raw_bytes("\n".join(self.lines))).best()
                guess = charset_codec(best.encoding) if best is not None else None
                self.fallback = guess if guess in _LIKELY_CHARSETS else "cp1252"
        if not self.fallback_warned:
            self.fallback_warned = True
            self.result.problems.append(Problem.warning(
                line, f"text that is not UTF-8 and names no CHARSET was read as "
                f"{self.fallback}"))
        return self.fallback


class _CardReader:
    """One card (with its nested cards) into a record."""

    def __init__(self, reader: _Reader, card: _Card):
        self.reader = reader
        self.card = card
        self.version = card.version if card.version in (V21, V30, V40) else (
            V21 if card.version.startswith("2") else V40 if card.version.startswith("4")
            else V30)
        self.problems = reader.result.problems
        self.exact = any(p.name == "PRODID" and NETDESK_PRODID in p.value
                         for p in card.properties)
        self.labels = {p.group: self._label_text(p) for p in card.properties
                       if p.name == "X-ABLABEL" and p.group}

    # -- values ------------------------------------------------------------------

    def decoded(self, prop: Property) -> str:
        """The value with quoted-printable and charset undone (escapes still in)."""
        value = prop.value
        charset = prop.param("CHARSET")
        if prop.encoding == "quoted-printable":
            return self._bytes_to_text(decode_qp(value), charset, prop.line)
        if has_undecoded(value):
            return self._bytes_to_text(raw_bytes(value), charset, prop.line)
        return value

    def _bytes_to_text(self, data: bytes, charset: str, line: int) -> str:
        codec = charset_codec(charset) if charset else "utf-8"
        if charset and codec is None:
            self.warn(line, f"unknown CHARSET {charset!r}; the text was read as UTF-8")
            codec = "utf-8"
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
        mostly = data.decode(codec, "replace")
        if charset and mostly.count("\ufffd") <= max(1, len(mostly) // 20):  # a stray byte
            self.warn(line, f"a byte that is not valid {charset} was replaced by “\ufffd”")
            return mostly
        fallback = self.reader.fallback_codec(line) if not charset else "cp1252"
        if charset:
            self.warn(line, f"the text is not valid {charset}; read as {fallback}")
        return data.decode(fallback, "replace")

    def text(self, prop: Property) -> str:
        """The value as text: decoded, unescaped, newlines as LF, control characters out."""
        text = unescape(self.decoded(prop), self.version)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text.translate(_CONTROLS) if _HAS_CONTROL.search(text) else text

    def parts(self, prop: Property) -> list[str]:
        return split_escaped(self.decoded(prop), ";", self.version)

    def items(self, prop: Property) -> list[str]:
        return [p.strip() for p in split_escaped(self.decoded(prop), ",", self.version)
                if p.strip()]

    def _label_text(self, prop: Property) -> str:
        text = unescape(self.decoded(prop), self.version).strip()
        match = _APPLE_LABEL.fullmatch(text)
        if match:
            return " ".join(w.lower() for w in _CAMEL.findall(match.group(1))) or text
        return text

    def label(self, prop: Property) -> str:
        """The group's X-ABLabel, else the TYPE words that name a label ("work fax")."""
        if prop.group in self.labels:
            return self.labels[prop.group]
        words = []
        for raw in prop.params.get("TYPE", []):
            word = raw.strip()
            lower = word.lower()
            if not word or lower in _TYPE_SILENT:
                continue
            label = _TYPE_LABELS.get(lower) or (word[2:] if lower.startswith("x-") else word)
            if label and label not in words:
                words.append(label)
        return " ".join(words)

    def preference(self, prop: Property) -> int | None:
        """How preferred a value is (lower first), None when it is not marked preferred."""
        if "pref" in prop.types:
            return 1
        value = prop.param("PREF")
        if value:
            return int(value) if value.isdigit() else 1
        return None

    def clean(self, text: str) -> str:
        """A one-line value as netdesk keeps it: as written in a netdesk card, else with
        runs of white space collapsed."""
        return text.strip() if self.exact else collapse_spaces(text)

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem.warning(line, message))

    # -- the card ----------------------------------------------------------------

    def read(self) -> None:
        card = self.card
        by_name: dict[str, list[Property]] = {}
        for prop in card.properties:
            by_name.setdefault(prop.name, []).append(prop)
        self.by_name = by_name
        record = PersonRecord(line=card.begin)
        self.record = record
        self._names()
        company = any(self.text(p).strip().lower() in ("org", "organization")
                      for p in by_name.get("KIND", []) + by_name.get("X-ADDRESSBOOKSERVER-KIND",
                                                                     []))
        company = company or any(self.text(p).strip().upper() == "COMPANY"
                                 for p in by_name.get("X-ABSHOWAS", []))
        self._fields()
        self._no_undecoded_bytes()
        if company or (record.organization and not (record.first_name or record.last_name)):
            self._organization()
            return
        if not (record.first_name or record.last_name):
            if not self._name_from_contact():
                self.problems.append(Problem.skipped(card.begin, "the card has no name; skipped"))
                return
        self.reader.result.records.append(record)

    def _no_undecoded_bytes(self) -> None:
        """Bytes that are not UTF-8 left in a parameter (a TYPE word, a service name) are
        read in the file's fallback charset, as values are."""
        def fixed(text: str) -> str:
            if not has_undecoded(text):
                return text
            return raw_bytes(text).decode(self.reader.fallback_codec(self.card.begin),
                                          "replace")

        record = self.record
        for name, value in vars(record).items():
            if isinstance(value, str) and has_undecoded(value):
                setattr(record, name, fixed(value))
        record.career_fields = [fixed(f) for f in record.career_fields]
        record.entries = [Entry(e.kind, fixed(e.value), fixed(e.label)) for e in record.entries]
        record.addresses = [Address(*(fixed(getattr(a, f)) for f in (
            "label", "street", "city", "region", "postal_code", "country")))
            for a in record.addresses]

    def _names(self) -> None:
        record = self.record
        self.full_name = ""
        for prop in self.by_name.get("FN", [])[:1]:
            self.full_name = self.clean(self.text(prop))
        for prop in self.by_name.get("N", [])[:1]:
            parts = [self.clean(p) for p in self.parts(prop)] + [""] * 5
            (record.last_name, record.first_name, record.middle_name, record.name_prefix,
             record.name_suffix) = parts[:5]
        if not (record.first_name or record.last_name) and self.full_name and not (
                self.by_name.get("ORG") and self._org_name() == self.full_name):
            words = self.full_name.split(" ")
            record.first_name, record.last_name = " ".join(words[:-1]), words[-1]

    def _org_name(self) -> str:
        prop = self.by_name["ORG"][0]
        parts = self.parts(prop)
        return collapse_spaces(parts[0]) if parts else ""

    def _name_from_contact(self) -> bool:
        record = self.record
        if record.nickname:
            record.first_name = record.nickname
            self.warn(self.card.begin, f"the card has no name; named “{record.nickname}” "
                      "after its nickname")
            return True
        emails = [e for e in [record.email] + [e.value for e in record.entries
                                                if e.kind == "email"] if e]
        if emails:
            record.first_name = emails[0].split("@", 1)[0] or emails[0]
            self.warn(self.card.begin, f"the card has no name; named “{record.first_name}” "
                      f"after its email {emails[0]}")
            return True
        phones = [p for p in [record.phone] + [e.value for e in record.entries
                                                if e.kind == "phone"] if p]
        if phones:
            record.first_name = phones[0]
            self.warn(self.card.begin, f"the card has no name; named “{phones[0]}” after "
                      "its phone")
            return True
        return False

    def _organization(self) -> None:
        record = self.record
        name = record.organization or self.full_name or " ".join(
            p for p in (record.first_name, record.last_name) if p)
        if not name:
            self.problems.append(Problem.skipped(self.card.begin,
                                                 "a company card with no name; skipped"))
            return
        website = next((e.value for e in record.entries if e.kind == "web"),
                       record.linkedin_url)
        lines = [record.notes] if record.notes else []
        for entry in record.all_of("email") + record.all_of("phone") + [
                e for e in record.entries if e.kind not in ("email", "phone")
                and e.value != website]:
            label = f" ({entry.label})" if entry.label else ""
            lines.append(f"{entry.kind.capitalize()}{label}: {entry.value}")
        for address in record.addresses:
            parts = [address.street, address.city, address.region, address.postal_code,
                     address.country]
            lines.append("Address: " + ", ".join(p.replace("\n", ", ") for p in parts if p))
        self.reader.result.organizations.append(OrganizationRecord(
            line=self.card.begin, name=name, website=website, notes="\n".join(lines)))
        self.problems.append(Problem.skipped(
            self.card.begin, f"a company card, for the organization “{name}”: not imported "
            "as a person"))

    def _fields(self) -> None:
        record = self.record
        entries = record.entries
        notes: list[str] = []
        unknown: list[Property] = []
        preferred = {kind: self._preferred(kind) for kind in ("EMAIL", "TEL")}
        linkedin = self._linkedin()
        for prop in self.card.properties:
            name = prop.name
            if name == "EMAIL":
                self._email(prop, prop is preferred["EMAIL"])
            elif name == "TEL":
                self._phone(prop, prop is preferred["TEL"])
            elif name == "ORG":
                parts = [self.clean(p) for p in self.parts(prop)]
                if not record.organization and parts:
                    record.organization = parts[0]
                    record.department = "; ".join(p for p in parts[1:] if p)
            elif name == "TITLE":
                record.job_title = record.job_title or self.clean(self.text(prop))
            elif name == "ROLE":
                role = self.clean(self.text(prop))
                if role and role != record.job_title:
                    entries.append(Entry("custom", role, "Role"))
            elif name == "NICKNAME":
                record.nickname = record.nickname or ", ".join(
                    self.clean(i) for i in self.items(prop))
            elif name == "BDAY":
                self._birthday(prop)
            elif name in _EVENT_PROPERTIES or name == "X-ABDATE":
                self._event(prop, self.label(prop) if name == "X-ABDATE" else "anniversary")
            elif name == "ADR":
                self._address(prop)
            elif name in ("URL", "X-SOCIALPROFILE") or name in _SOCIAL_PROPERTIES \
                    or name in _WEB_PROPERTIES:
                if prop is linkedin:
                    continue
                self._link(prop)
            elif name == "IMPP" or name in _IM_PROPERTIES:
                self._messaging(prop)
            elif name in ("RELATED", "X-ABRELATEDNAMES") or name in _RELATED_PROPERTIES:
                self._related(prop)
            elif name == "PHOTO":
                self._photo(prop)
            elif name == "NOTE":
                text = self.text(prop)
                if text.strip():
                    notes.append(text if self.exact else text.strip())
            elif name == "CATEGORIES":
                if "X-NETDESK-TAGS" not in self.by_name:
                    tags = [collapse_spaces(t) for t in self.items(prop)]
                    tags = [t for t in tags if t and t.casefold() != "mycontacts"]
                    record.tags = ", ".join(
                        dict.fromkeys(([record.tags] if record.tags else []) + tags))
            elif name == "UID":
                record.uid = self.text(prop).strip()
            elif name == "AGENT":
                self._agent(prop)
            elif name.startswith("X-NETDESK-"):
                self._netdesk(prop)
            elif name in _CUSTOM_PROPERTIES:
                value = collapse_spaces(self.text(prop))
                if value:
                    entries.append(Entry("custom", value, _CUSTOM_PROPERTIES[name]))
            elif name not in QUIET and not name.startswith(QUIET_PREFIXES):
                if self.text(prop).strip():
                    unknown.append(prop)
        if linkedin is not None:
            url = self.text(linkedin).strip()
            if linkedin.name == "X-SOCIALPROFILE" and not url.lower().startswith("http"):
                url = "https://www.linkedin.com/in/" + (linkedin.param("X-USER") or url)
            record.linkedin_url = url if self.exact or "://" in url else "https://" + url
        record.notes = "\n".join(notes)
        for nested in self.card.nested:
            self._nested(nested)
        if unknown:
            names = ", ".join(dict.fromkeys(p.name for p in unknown))
            self.warn(unknown[0].line, f"left out (netdesk has no place for them): {names}")

    def _preferred(self, kind: str) -> Property | None:
        """The email (or phone) that becomes the preferred one: the one marked preferred
        (the lowest PREF first), else the first; in a netdesk card only a marked one."""
        props = [p for p in self.by_name.get(kind, []) if self.text(p).strip()]
        valid = [p for p in props if not self._value_problem(kind, p)]
        ranked = [(self.preference(p), n) for n, p in enumerate(valid)]
        marked = [(rank, n) for rank, n in ranked if rank is not None]
        if marked:
            return valid[min(marked)[1]]
        if self.exact or not valid:
            return None
        return valid[0]

    def _value_problem(self, kind: str, prop: Property) -> str | None:
        value = self._contact_value(kind, prop)
        return email_problem(value) if kind == "EMAIL" else phone_problem(value)

    def _contact_value(self, kind: str, prop: Property) -> str:
        value = self.text(prop).strip()
        if kind == "EMAIL":
            return value if self.exact else email_address(value)
        if value.lower().startswith("tel:") and not self.exact:
            value = value[4:]
        return value

    def _email(self, prop: Property, preferred: bool) -> None:
        self._contact(prop, preferred, "EMAIL", "email", "Email")

    def _phone(self, prop: Property, preferred: bool) -> None:
        self._contact(prop, preferred, "TEL", "phone", "Phone")

    def _contact(self, prop: Property, preferred: bool, kind: str, entry_kind: str,
                 noun: str) -> None:
        value = self._contact_value(kind, prop)
        if not value:
            return
        label = self.label(prop)
        problem = self._value_problem(kind, prop)
        if problem:
            self.record.entries.append(Entry("custom", value, f"{noun} (as written)"))
            self.warn(prop.line, f"{problem.rstrip('.')}; kept as text (“{noun} (as "
                      "written)”)")
            return
        if preferred:
            setattr(self.record, entry_kind, value)
            setattr(self.record, f"{entry_kind}_label", label)
        else:
            self.record.entries.append(Entry(entry_kind, value, label))

    def _linkedin(self) -> Property | None:
        links = [p for name in ("URL", "X-SOCIALPROFILE", "X-LINKEDIN")
                 for p in self.by_name.get(name, [])]
        if self.exact:
            return next((p for p in links if p.param(NETDESK_PARAM).upper() == "LINKEDIN"),
                        None)
        links.sort(key=lambda p: p.line)
        for prop in links:
            value = self.text(prop).strip()
            key = linkedin_key(value) if value else ""
            if "linkedin.com/" in key or (prop.name == "X-SOCIALPROFILE"
                                          and "linkedin" in prop.types and value) \
                    or (prop.name == "X-LINKEDIN" and value):
                return prop
        return None

    def _link(self, prop: Property) -> None:
        value = self.text(prop).strip()
        name = prop.name
        if name == "URL" or name in _WEB_PROPERTIES:
            if value:
                label = self.label(prop) or _WEB_PROPERTIES.get(name, "")
                self.record.entries.append(Entry("web", value, label))
            return
        if name == "X-SOCIALPROFILE":
            label = self.labels.get(prop.group) or next(
                (t.strip() for t in prop.params.get("TYPE", []) if t.strip()), "")
            if not self.exact:
                if value.lower().startswith("x-apple:"):
                    value = value[8:]
                value = value or prop.param("X-USER")
        else:
            label = _SOCIAL_PROPERTIES[name]
        if value:
            self.record.entries.append(Entry("social", value, label))

    def _messaging(self, prop: Property) -> None:
        value = self.text(prop).strip()
        if not value:
            return
        if prop.name == "IMPP":
            label = prop.param("X-SERVICE-TYPE") or self.labels.get(prop.group, "")
            if not self.exact:
                scheme, _, rest = value.partition(":")
                if rest and scheme.lower() in _IM_SCHEMES:
                    label = label or _IM_SCHEMES[scheme.lower()]
                    value = rest.lstrip("/") if scheme.lower() != "sip" else value
        else:
            label = _IM_PROPERTIES[prop.name]
        self.record.entries.append(Entry("im", value, label))

    def _related(self, prop: Property) -> None:
        value = self.clean(self.text(prop))
        if not value:
            return
        if prop.param(NETDESK_PARAM).upper() == "REFERRED-BY":
            self.record.referred_by = value
            return
        if prop.name == "RELATED":
            if value.lower().startswith(("urn:uuid:", "urn:")):
                return  # points at another card by id: nothing to show
            label = self.labels.get(prop.group) or " ".join(
                t.strip() for t in prop.params.get("TYPE", []) if t.strip())
        elif prop.name == "X-ABRELATEDNAMES":
            label = self.labels.get(prop.group, "")
        else:
            label = _RELATED_PROPERTIES[prop.name]
        self.record.entries.append(Entry("related", value, label))

    def _agent(self, prop: Property) -> None:
        """3.0's AGENT: a whole card, escaped into one value; read for its name."""
        text = self.text(prop).strip()
        if not text.upper().startswith("BEGIN:VCARD"):
            return  # a reference to another card (VALUE=uri): nothing to show
        try:
            inner = parse_vcards(text)
        except FormatError:
            inner = ParseResult()
        names = [r.full_name for r in inner.records] + [o.name for o in inner.organizations]
        if names:
            self.record.entries.append(Entry("related", names[0], "agent"))
            self.warn(prop.line, f"the card in AGENT was read as the related name "
                      f"“{names[0]}”")
        else:
            self.warn(prop.line, "the card in AGENT could not be read; left out")

    def _nested(self, nested: _Card) -> None:
        inner = _Reader("")
        inner.fallback = self.reader.fallback
        reader = _CardReader(inner, nested)
        reader.read()
        names = [r.full_name for r in inner.result.records] + [
            o.name for o in inner.result.organizations]
        where = "after AGENT " if nested.agent else ""
        if names:
            self.record.entries.append(Entry("related", names[0],
                                             "agent" if nested.agent else ""))
            self.warn(nested.begin, f"a card nested {where}inside the card of line "
                      f"{self.card.begin} was read as the related name “{names[0]}”")
        else:
            self.warn(nested.begin, f"a card nested {where}inside the card of line "
                      f"{self.card.begin} has no name; left out")

    # -- dates, addresses, photos, netdesk's own ----------------------------------

    def _date(self, prop: Property) -> str | None:
        value = self.text(prop).strip()
        if self.exact or not value:
            return value or None
        value = value.split("T", 1)[0].strip()
        omit = prop.param("X-APPLE-OMIT-YEAR")
        for pattern, has_year in _DATE_FORMS:
            match = pattern.fullmatch(value)
            if not match:
                continue
            numbers = [int(g) for g in match.groups()]
            year, month, day = numbers if has_year else [2000] + numbers
            if has_year and omit and omit == str(year):
                has_year, year = False, 2000
            try:
                moment = datetime.date(year, month, day)
            except ValueError:
                return None
            if has_year and not limits.in_date_range(moment):
                return None
            return moment.isoformat() if has_year else f"--{month:02d}-{day:02d}"
        return None

    def _birthday(self, prop: Property) -> None:
        if self.record.birthday:
            return
        value = self._date(prop)
        if value:
            self.record.birthday = value
            return
        written = collapse_spaces(self.text(prop))
        if written:
            self.record.entries.append(Entry("custom", written, "Birthday (as written)"))
            self.warn(prop.line, f"“{written}” is not a date netdesk keeps; the birthday "
                      "was kept as text")

    def _event(self, prop: Property, label: str) -> None:
        value = self._date(prop)
        if value:
            self.record.entries.append(Entry("event", value, label))
            return
        written = collapse_spaces(self.text(prop))
        if written:
            name = (label or "date").capitalize()
            self.record.entries.append(Entry("custom", written, f"{name} (as written)"))
            self.warn(prop.line, f"“{written}” is not a date netdesk keeps; kept as text")

    def _address(self, prop: Property) -> None:
        parts = self.parts(prop) + [""] * 7
        if not self.exact:
            parts = [p.strip() for p in parts]
        pobox, extended, street, city, region, code, country = parts[:7]
        street = "\n".join(p for p in (street, extended, pobox) if p)
        address = Address(self.label(prop), street, city, region, code, country)
        if not address.is_empty():
            self.record.addresses.append(address)

    def _photo(self, prop: Property) -> None:
        if self.record.photo:
            return
        value = self.decoded(prop).strip()
        encoding = prop.encoding
        data: bytes | None = None
        try:
            if value.lower().startswith("data:"):
                head, _, body = value.partition(",")
                if ";base64" not in head.lower():
                    raise ValueError("not base64")
                data = decode_base64(body)
            elif encoding in ("b", "base64"):
                data = decode_base64(value)
            else:
                return  # a photo given by its web address: netdesk never fetches it
        except ValueError:
            self.warn(prop.line, "the photo could not be read (it is not base64); left out")
            return
        if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
            self.warn(prop.line, "the photo is not a PNG or JPEG image; left out")
            return
        if len(data) > limits.PHOTO_BYTES:
            self.warn(prop.line, f"the photo is {len(data) / 1000:,.0f} KB; netdesk keeps "
                      f"photos of up to {limits.PHOTO_BYTES // 1000} KB; left out")
            return
        self.record.photo = data

    def _netdesk(self, prop: Property) -> None:
        record = self.record
        field_name = prop.name[len("X-NETDESK-"):].lower().replace("-", "_")
        if field_name in ("relationship", "stage", "source", "research_notes", "tags",
                          "record_source", "consent", "consent_date"):
            value = self.text(prop)
            setattr(record, field_name, value if field_name in ("research_notes", "consent")
                    else value.strip())
        elif field_name == "career_fields":
            # one line each (netdesk's own), or several in one line
            record.career_fields = record.career_fields + [
                self.clean(i) for i in self.items(prop)]
        elif field_name == "referred_by":
            record.referred_by_uid = self.text(prop).strip()
        elif field_name == "custom":
            value = self.text(prop).strip()
            if value:
                record.entries.append(Entry("custom", value, self.labels.get(prop.group, "")))
        elif field_name != "version":
            self.warn(prop.line, f"unknown netdesk field {prop.name} left out")
