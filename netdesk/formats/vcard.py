"""vCard (.vcf) files: read 2.1, 3.0 and 4.0 cards as person records; write 3.0 cards.

Parsing is vobject's: its logical-line reader unfolds lines (and vCard 2.1
quoted-printable), its content-line parser reads each property, and its
vCard behaviour turns N, ORG and escaped text into values. Photos, logos,
sounds and keys are dropped before they are decoded, so a broken photo
never costs the contact.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from netdesk.core.matching import collapse_spaces, linkedin_key
from netdesk.formats.records import FormatError, ParseResult, PersonRecord, Problem
from netdesk.formats.textfile import read_text

WHAT = "a vCard file (.vcf)"
IGNORED = {"PHOTO", "LOGO", "SOUND", "KEY"}


def read_vcards(path: Path | str, encoding: str | None = None) -> ParseResult:
    """Read every card of a .vcf file; :class:`FormatError` if the file cannot be read."""
    return parse_vcards(read_text(path, WHAT, encoding))


def parse_vcards(text: str) -> ParseResult:
    """Person records from vCard text, with the problems card by card."""
    from vobject.base import Component, VObjectError, getLogicalLines, textLineToContentLine

    result = ParseResult()
    card = None
    begin_line = 0
    version = None
    card_problems: list[Problem] = []
    seen_card = False
    for logical, number in getLogicalLines(io.StringIO(text), True):
        number = max(number, 1)
        try:
            content = textLineToContentLine(logical, number)
        except (VObjectError, ValueError, LookupError, UnicodeError) as error:
            if not seen_card:
                raise FormatError(
                    f"this does not look like {WHAT} (expected BEGIN:VCARD, found "
                    f"{_excerpt(logical)!r})", line=number,
                ) from error
            if card is not None:
                card_problems.append(Problem.warning(
                    number, f"unreadable line {_excerpt(logical)!r} left out"))
            continue
        name = content.name
        if name == "BEGIN":
            if content.value.strip().upper() != "VCARD":
                if card is None:
                    raise FormatError(
                        f"this holds a {content.value.strip() or 'nameless'} entry, "
                        f"not a vCard; expected {WHAT}", line=number)
                card_problems.append(Problem.warning(number, "a nested entry was left out"))
                continue
            if card is not None:
                raise FormatError(
                    f"the card that begins on line {begin_line} has no END:VCARD",
                    line=number)
            seen_card = True
            card = Component("VCARD")
            begin_line, version, card_problems = number, None, []
        elif card is None:
            if not seen_card:
                raise FormatError(
                    f"this does not look like {WHAT} (expected BEGIN:VCARD, found "
                    f"{_excerpt(logical)!r})", line=number)
            result.problems.append(Problem.warning(
                number, f"text outside any card left out: {_excerpt(logical)!r}"))
        elif name == "END":
            record = _finish_card(card, version, begin_line, card_problems)
            result.problems.extend(card_problems)
            if record is not None:
                result.records.append(record)
            card = None
        elif name == "VERSION":
            version = content
        elif name not in IGNORED:
            card.add(content)
    if card is not None:
        raise FormatError(
            f"the file ends inside the card that begins on line {begin_line}; "
            "it may be cut short", line=begin_line)
    if not seen_card:
        raise FormatError(f"no BEGIN:VCARD found; this does not look like {WHAT}", line=1)
    return result.within_limits()


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finish_card(card, version, line: int, problems: list[Problem]) -> PersonRecord | None:
    from vobject.base import getBehavior

    behavior = getBehavior("VCARD", version.value if version is not None else None)
    if behavior is None:  # vCard 4.0 and unknown versions read as 3.0
        behavior = getBehavior("VCARD", "3.0")
    try:
        card.setBehavior(behavior)
        card.transformChildrenToNative()
    except Exception as error:  # noqa: BLE001 - any library failure refuses the card
        problems.append(Problem.error(line, f"the card could not be read ({error}); skipped"))
        return None
    try:
        return _record(card, line, problems)
    except Exception as error:  # noqa: BLE001
        problems.append(Problem.error(line, f"the card could not be read ({error}); skipped"))
        return None


def _text(value) -> str:
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value if v)
    return str(value or "").strip()


def _params(content) -> set[str]:
    words = {w.casefold() for w in content.singletonparams}
    for key, values in content.params.items():
        if key.upper() in ("TYPE", "PREF"):
            words.update(v.casefold() for value in values for v in str(value).split(","))
        if key.upper() == "PREF":
            words.add("pref")
    return words


def _ranked(lines, prefer: tuple[str, ...]) -> list:
    def rank(content) -> int:
        words = _params(content)
        for position, word in enumerate(prefer):
            if word in words:
                return position
        return len(prefer)

    return sorted(lines, key=rank)


def _record(card, line: int, problems: list[Problem]) -> PersonRecord | None:
    contents = card.contents
    first = last = ""
    if "n" in contents:
        name = contents["n"][0].value
        if hasattr(name, "family"):
            first = collapse_spaces(" ".join(
                _text(part) for part in (name.given, name.additional) if _text(part)))
            last = collapse_spaces(_text(name.family))
        else:
            last = collapse_spaces(_text(name))
    if not first and not last and "fn" in contents:
        full = collapse_spaces(_text(contents["fn"][0].value)).split(" ")
        first, last = " ".join(full[:-1]), full[-1]
    if not first and not last:
        problems.append(Problem.skipped(line, "the card has no name; skipped"))
        return None
    record = PersonRecord(line=line, first_name=first, last_name=last)
    notes: list[str] = []
    emails = [_text(c.value) for c in _ranked(contents.get("email", []), ("pref",))]
    emails = [e for e in emails if e]
    if emails:
        record.email = emails[0]
        if len(emails) > 1:
            notes.append("Other emails: " + ", ".join(emails[1:]))
    phones = [
        _phone(c) for c in _ranked(contents.get("tel", []), ("pref", "cell", "mobile", "work"))
    ]
    phones = [p for p in phones if p]
    if phones:
        record.phone = phones[0]
        if len(phones) > 1:
            notes.append("Other phones: " + ", ".join(phones[1:]))
    if "org" in contents:
        value = contents["org"][0].value
        record.organization = collapse_spaces(_text(value[0] if isinstance(value, list)
                                                    and value else value))
    if "title" in contents:
        record.job_title = collapse_spaces(_text(contents["title"][0].value))
    urls = [_text(c.value).replace("\\:", ":")  # Google escapes the colon
            for c in contents.get("url", []) + contents.get("x-socialprofile", [])]
    other_urls = []
    for url in urls:
        if not url:
            continue
        if "linkedin.com/" in linkedin_key(url) and not record.linkedin_url:
            record.linkedin_url = url if "://" in url else "https://" + url
        elif url not in other_urls:
            other_urls.append(url)
    if other_urls:
        notes.append("Web: " + ", ".join(other_urls))
    if "categories" in contents:
        tags = []
        for content in contents["categories"]:
            values = content.value if isinstance(content.value, list) else [content.value]
            tags += [collapse_spaces(str(v)) for v in values if str(v).strip()]
        record.tags = ", ".join(dict.fromkeys(t for t in tags if t.casefold() != "mycontacts"))
    note = "\n".join(_text(c.value) for c in contents.get("note", []) if _text(c.value))
    note = note.replace("\r\n", "\n").replace("\r", "\n")
    record.notes = "\n".join(([note] if note else []) + notes)
    return record


def _phone(content) -> str:
    value = _text(content.value)
    if value.casefold().startswith("tel:"):
        value = value[4:]
    return value


def format_vcards(people: Iterable[dict]) -> str:
    """vCard 3.0 text for people given as dicts (see :func:`people_rows`)."""
    import vobject

    chunks = []
    for person in people:
        card = vobject.vCard()
        card.add("n").value = vobject.vcard.Name(
            family=person["last_name"], given=person["first_name"])
        card.add("fn").value = (
            " ".join(p for p in (person["first_name"], person["last_name"]) if p))
        if person["email"]:
            email = card.add("email")
            email.value = person["email"]
            email.type_param = "INTERNET"
        if person["phone"]:
            card.add("tel").value = person["phone"]
        if person["organization"]:
            card.add("org").value = [person["organization"]]
        if person["job_title"]:
            card.add("title").value = person["job_title"]
        if person["linkedin_url"]:
            card.add("url").value = person["linkedin_url"]
        if person["tags"]:
            tags = [t.strip() for t in person["tags"].split(",") if t.strip()]
            if tags:
                card.add("categories").value = tags
        if person["notes"]:
            card.add("note").value = person["notes"]
        card.add("uid").value = f"netdesk-person-{person['id']}"
        chunks.append(card.serialize())
    return "".join(chunks)

