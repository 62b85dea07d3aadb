"""Writing people as vCard 3.0: every field, netdesk's own as ``X-NETDESK-*``.

vCard 3.0 because Google Contacts, Apple Contacts, Outlook and Thunderbird all
read it (4.0 is still read poorly by several of them). Labels go as TYPE when
3.0 has a word for them (work, home, cell…) and otherwise as Apple's
``itemN.X-ABLabel`` group, which Google reads too; related names (and the
referral) as Apple's ``X-ABRELATEDNAMES``, dated events as ``X-ABDATE``. The
card's PRODID marks it as netdesk's, and the reader takes such a card back
exactly as it was written. Lines end in CRLF and fold at 75 octets, never
inside a UTF-8 sequence. The text is built directly (no vobject): an export of
tens of thousands of people takes about as long as the CSV export.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.core.person_details import Address, Entry, PersonDetails
from netdesk.formats.vcard.reading import NETDESK_PARAM, NETDESK_PRODID

LINE_OCTETS = 75
_TOKEN = re.compile(r"[A-Za-z0-9-]+")
_PARAM_UNSAFE = re.compile(r'["^\x00-\x1f\x7f]')
_TYPES = {"work": "WORK", "home": "HOME", "other": "OTHER"}
_PHONE_TYPES = {**_TYPES, "mobile": "CELL", "fax": "FAX", "pager": "PAGER", "main": "MAIN"}
_APPLE_LABELS = {"anniversary", "spouse", "partner", "child", "father", "mother", "parent",
                 "brother", "sister", "friend", "assistant", "manager", "other"}


@dataclass
class CardPerson:
    """A person to write, with what the card says beyond :class:`PersonDetails`."""

    details: PersonDetails
    uid: str = ""
    referred_by: str = ""
    """The referrer's name (written as a related name labelled "referred by")."""
    referred_by_uid: str = ""
    person_id: int | None = None
    """The person's id in the database it was read from (None: not from a database)."""


def escape(text: str) -> str:
    """A 3.0 text value: backslash, newline, comma and semicolon escaped."""
    if not text:
        return text
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "," in text:
        text = text.replace(",", "\\,")
    if ";" in text:
        text = text.replace(";", "\\;")
    return text


def fold(line: str) -> str:
    """``line`` folded at 75 octets (CRLF and one space), never inside a UTF-8 sequence."""
    if len(line) <= LINE_OCTETS and (line.isascii() or len(line.encode()) <= LINE_OCTETS):
        return line
    if line.isascii():
        chunks = [line[:LINE_OCTETS]]
        chunks += [line[i:i + LINE_OCTETS - 1]
                   for i in range(LINE_OCTETS, len(line), LINE_OCTETS - 1)]
        return "\r\n ".join(chunks)
    data = line.encode()
    chunks = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its sequence
            end -= 1
        chunks.append(data[start:end].decode())
        start, limit = end, LINE_OCTETS - 1
    chunks.append(data[start:].decode())
    return "\r\n ".join(chunks)


def format_vcards(people: Iterable[CardPerson | PersonDetails | dict]) -> str:
    """vCard 3.0 text for ``people``: :class:`CardPerson`, :class:`PersonDetails` (or a
    :class:`~netdesk.formats.records.PersonRecord`), or the dicts of
    :func:`~netdesk.formats.people_rows.people_rows`."""
    lines: list[str] = []
    for person in people:
        _card(_card_person(person), lines)
    return "\r\n".join(lines) + "\r\n" if lines else ""


def _card_person(person) -> CardPerson:
    if isinstance(person, CardPerson):
        return person
    if isinstance(person, dict):
        details = PersonDetails(**{key: person[key] for key in (
            "first_name", "last_name", "email", "phone", "linkedin_url", "organization",
            "job_title", "relationship", "source", "stage", "tags", "notes",
            "research_notes", "record_source", "consent", "consent_date") if key in person})
        fields = person.get("career_fields") or ""
        details.career_fields = fields.split("; ") if isinstance(fields, str) and fields \
            else list(fields or [])
        uid = f"netdesk-person-{person['id']}" if person.get("id") is not None else ""
        return CardPerson(details, uid)
    return CardPerson(person, getattr(person, "uid", ""), getattr(person, "referred_by", ""),
                      getattr(person, "referred_by_uid", ""))


class _Groups:
    def __init__(self):
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"item{self.count}."


def _labelled(out: list[str], groups: _Groups, name: str, value: str, label: str,
              types: dict[str, str], words: tuple[str, ...] = ()) -> None:
    """``NAME;TYPE=…:value``, the label as a TYPE word when 3.0 has one for it, else in an
    item group with an X-ABLabel."""
    word = types.get(label)
    words = words + ((word,) if word else ())
    type_param = ";TYPE=" + ",".join(words) if words else ""
    if word or not label:
        out.append(fold(f"{name}{type_param}:{value}"))
        return
    group = groups.next()
    out.append(fold(f"{group}{name}{type_param}:{value}"))
    out.append(fold(f"{group}X-ABLabel:{_apple_label(label)}"))


def _apple_label(label: str) -> str:
    if label in _APPLE_LABELS:
        return f"_$!<{label.capitalize()}>!$_"
    return escape(label)


def _grouped(out: list[str], groups: _Groups, name: str, value: str, label: str,
             params: str = "") -> None:
    if not label:
        out.append(fold(f"{name}{params}:{value}"))
        return
    group = groups.next()
    out.append(fold(f"{group}{name}{params}:{value}"))
    out.append(fold(f"{group}X-ABLabel:{_apple_label(label)}"))


def _param_value(text: str) -> str | None:
    """``text`` as a parameter value (quoted when needed), or None when it cannot be one."""
    if not text or _PARAM_UNSAFE.search(text) or text != text.strip():
        return None
    return f'"{text}"' if any(c in text for c in ";:,") else text


_HEAD = ("BEGIN:VCARD", "VERSION:3.0", f"PRODID:{NETDESK_PRODID}")


def _card(person: CardPerson, out: list[str]) -> None:
    d = person.details
    groups = _Groups()
    out.extend(_HEAD)
    parts = (d.last_name, d.first_name, d.middle_name, d.name_prefix, d.name_suffix)
    out.append(fold("N:" + ";".join(map(escape, parts))))
    if parts[2] or parts[3] or parts[4]:
        full = " ".join(p for p in (parts[3], parts[1], parts[2], parts[0], parts[4]) if p)
    else:
        full = f"{parts[1]} {parts[0]}" if parts[0] and parts[1] else parts[1] or parts[0]
    full = full or d.nickname or d.organization
    out.append(fold("FN:" + escape(full)))
    if d.nickname:
        out.append(fold("NICKNAME:" + escape(d.nickname)))
    if d.organization or d.department:
        org = escape(d.organization) + (";" + escape(d.department) if d.department else "")
        out.append(fold("ORG:" + org))
    if d.job_title:
        out.append(fold("TITLE:" + escape(d.job_title)))
    if d.email:
        _labelled(out, groups, "EMAIL", escape(d.email), d.email_label, _TYPES,
                  ("INTERNET", "PREF"))
    if d.phone:
        _labelled(out, groups, "TEL", escape(d.phone), d.phone_label, _PHONE_TYPES, ("PREF",))
    if d.linkedin_url:
        _grouped(out, groups, "URL", escape(d.linkedin_url), "LinkedIn",
                 f";{NETDESK_PARAM}=LINKEDIN")
    if d.birthday:
        out.append(fold("BDAY:" + escape(d.birthday)))
    for address in d.addresses:
        _address(out, groups, address)
    for entry in d.entries:
        _entry(out, groups, entry)
    if person.referred_by:
        _grouped(out, groups, "X-ABRELATEDNAMES", escape(person.referred_by), "referred by",
                 f";{NETDESK_PARAM}=REFERRED-BY")
    if d.photo:
        kind = "PNG" if d.photo.startswith(b"\x89PNG") else "JPEG"
        out.append(fold(f"PHOTO;ENCODING=b;TYPE={kind}:"
                        + base64.b64encode(d.photo).decode("ascii")))
    if d.notes:
        out.append(fold("NOTE:" + escape(d.notes)))
    tags = [t.strip() for t in d.tags.split(",") if t.strip()]
    if tags:
        out.append(fold("CATEGORIES:" + ",".join(escape(t) for t in tags)))
    if d.tags and ", ".join(tags) != d.tags:
        out.append(fold("X-NETDESK-TAGS:" + escape(d.tags)))
    for name, value in (("RELATIONSHIP", d.relationship), ("STAGE", d.stage),
                        ("SOURCE", d.source), ("RESEARCH-NOTES", d.research_notes),
                        ("RECORD-SOURCE", d.record_source), ("CONSENT", d.consent),
                        ("CONSENT-DATE", d.consent_date)):
        if value:
            out.append(fold(f"X-NETDESK-{name}:" + escape(value)))
    # One line per field: servers that store cards through vobject (Radicale) keep only the
    # first of several comma-separated values of a property they do not know.
    for name in d.career_fields:
        out.append(fold("X-NETDESK-CAREER-FIELDS:" + escape(name)))
    if person.referred_by_uid:
        out.append(fold("X-NETDESK-REFERRED-BY:" + escape(person.referred_by_uid)))
    if person.uid:
        out.append(fold("UID:" + escape(person.uid)))
    out.append("END:VCARD")


def _address(out: list[str], groups: _Groups, address: Address) -> None:
    value = ";".join(["", ""] + [escape(p) for p in (
        address.street, address.city, address.region, address.postal_code, address.country)])
    _labelled(out, groups, "ADR", value, address.label, _TYPES)


def _entry(out: list[str], groups: _Groups, entry: Entry) -> None:
    kind, value, label = entry.kind, escape(entry.value), entry.label
    if kind == "email":
        _labelled(out, groups, "EMAIL", value, label, _TYPES, ("INTERNET",))
    elif kind == "phone":
        _labelled(out, groups, "TEL", value, label, _PHONE_TYPES)
    elif kind == "web":
        _labelled(out, groups, "URL", value, label, _TYPES)
    elif kind == "social":
        if label and _TOKEN.fullmatch(label):
            out.append(fold(f"X-SOCIALPROFILE;TYPE={label}:{value}"))
        else:
            _grouped(out, groups, "X-SOCIALPROFILE", value, label)
    elif kind == "im":
        service = _param_value(label)
        if service is not None:
            out.append(fold(f"IMPP;X-SERVICE-TYPE={service}:{value}"))
        else:
            _grouped(out, groups, "IMPP", value, label)
    elif kind == "event":
        _grouped(out, groups, "X-ABDATE", value, label)
    elif kind == "related":
        _grouped(out, groups, "X-ABRELATEDNAMES", value, label)
    else:
        _grouped(out, groups, "X-NETDESK-CUSTOM", value, label)
