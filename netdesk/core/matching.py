"""Duplicate detection: is this incoming person someone already in the network?

A person matches when the LinkedIn URL, the email or the phone number is the
same, or when the name is close at the same organization (an initial, a
common nickname, a one-letter slip). Everything is looked up in dictionaries
built once, so checking 10,000 incoming rows costs a few dictionary reads each.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.db.models import database_proxy

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_NICKNAMES = {
    "abby": "abigail", "al": "albert", "alex": "alexander", "andy": "andrew", "ben": "benjamin",
    "bill": "william", "billy": "william", "bob": "robert", "bobby": "robert", "cathy": "catherine",
    "chris": "christopher", "dan": "daniel", "danny": "daniel", "dave": "david",
    "ed": "edward", "eddie": "edward", "fred": "frederick", "greg": "gregory", "jim": "james",
    "jimmy": "james", "joe": "joseph", "jon": "jonathan", "kate": "katherine",
    "katie": "katherine", "ken": "kenneth", "larry": "lawrence", "liz": "elizabeth",
    "beth": "elizabeth", "matt": "matthew", "mike": "michael", "nick": "nicholas",
    "pat": "patricia", "peggy": "margaret", "meg": "margaret", "rob": "robert",
    "ron": "ronald", "sam": "samuel", "steve": "steven", "sue": "susan", "ted": "edward",
    "tom": "thomas", "tony": "anthony", "vicky": "victoria", "will": "william",
    "jen": "jennifer", "jenny": "jennifer", "josh": "joshua", "zach": "zachary",
}


def collapse_spaces(text: str) -> str:
    """Trim and turn every run of white space into one space."""
    return _SPACES.sub(" ", text).strip()


def organization_key(name: str) -> str:
    """How organization names are compared: case- and space-insensitively."""
    return collapse_spaces(name).casefold()


def name_key(name: str) -> str:
    """A name without accents, case or punctuation: 'José  O'Neill' -> 'jose oneill'."""
    if name.isascii():
        plain = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return collapse_spaces(_NOT_WORD.sub("", plain)).casefold()


def email_key(email: str) -> str:
    return email.strip().casefold()


def phone_key(phone: str) -> str:
    """The last ten digits of a phone number, or '' when it has fewer than seven."""
    digits = "".join(c for c in phone if c.isdigit())
    return digits[-10:] if len(digits) >= 7 else ""


def linkedin_key(url: str) -> str:
    """A LinkedIn profile address without scheme, 'www.', query or trailing slash."""
    url = url.strip().casefold()
    if not url:
        return ""
    url = re.sub(r"^[a-z]+://", "", url)
    url = re.sub(r"^([a-z]{2,3}\.)?(www\.)?", "", url) if "linkedin." in url else url
    url = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return url


def _first_names_close(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    if _NICKNAMES.get(a, a) == _NICKNAMES.get(b, b):
        return True
    return min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _last_names_close(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass(frozen=True)
class Candidate:
    """Who a person is for matching; ``key`` is a database id (> 0) or a pending row (< 0)."""

    key: int
    first: str
    last: str
    email: str
    phone: str
    linkedin: str
    organization: str
    display_name: str


@dataclass(frozen=True)
class Match:
    key: int
    reason: str
    """Why: 'same LinkedIn URL', 'same email', 'same phone', 'close name at <org>' ..."""
    display_name: str


def candidate(key: int, first: str, last: str, email: str = "", phone: str = "",
              linkedin_url: str = "", organization: str = "") -> Candidate:
    return Candidate(
        key=key, first=name_key(first), last=name_key(last), email=email_key(email),
        phone=phone_key(phone), linkedin=linkedin_key(linkedin_url),
        organization=organization_key(organization),
        display_name=collapse_spaces(f"{first} {last}"),
    )


class PersonIndex:
    """Dictionaries over people (existing and pending) for fast duplicate look-ups."""

    def __init__(self, people: Iterable[Candidate] = ()):
        self._by_linkedin: dict[str, Candidate] = {}
        self._by_email: dict[str, Candidate] = {}
        self._by_phone: dict[str, Candidate] = {}
        self._by_org_last: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        self._by_org_first: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for person in people:
            self.add(person)

    @classmethod
    def from_database(cls) -> PersonIndex:
        """Every person in the bound database, read with one query."""
        cursor = database_proxy.execute_sql(
            "SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.linkedin_url, "
            "coalesce(o.name, '') FROM person p LEFT JOIN organization o "
            "ON o.id = p.organization_id"
        )
        return cls(candidate(*row) for row in cursor)

    def add(self, person: Candidate) -> None:
        if person.linkedin:
            self._by_linkedin.setdefault(person.linkedin, person)
        if person.email:
            self._by_email.setdefault(person.email, person)
        if person.phone:
            self._by_phone.setdefault(person.phone, person)
        self._by_org_last[(person.organization, person.last)].append(person)
        self._by_org_first[(person.organization, person.first)].append(person)

    def find(self, person: Candidate) -> Match | None:
        """The best existing match for ``person``, or None."""
        for table, value, reason in (
            (self._by_linkedin, person.linkedin, "same LinkedIn URL"),
            (self._by_email, person.email, "same email"),
            (self._by_phone, person.phone, "same phone number"),
        ):
            found = table.get(value) if value else None
            if found is not None and found.key != person.key:
                return Match(found.key, reason, found.display_name)
        return self._find_by_name(person)

    def _find_by_name(self, person: Candidate) -> Match | None:
        org = person.organization
        where = "no organization" if not org else "same organization"
        close = None
        for other in self._by_org_last.get((org, person.last), ()):
            if other.key == person.key or _different_profiles(person, other):
                continue
            if other.first == person.first:
                # The same name at the same organization outweighs a second email address.
                return Match(other.key, f"same name, {where}", other.display_name)
            if (close is None and org and not _different_emails(person, other)
                    and _first_names_close(person.first, other.first)):
                close = Match(other.key, f"close name, {where}", other.display_name)
        if close is not None:
            return close
        if not org:
            return None
        for other in self._by_org_first.get((org, person.first), ()):
            if (other.key == person.key or _different_profiles(person, other)
                    or _different_emails(person, other)):
                continue
            if person.first and _last_names_close(person.last, other.last):
                return Match(other.key, f"close name, {where}", other.display_name)
        return None


def _different_profiles(a: Candidate, b: Candidate) -> bool:
    """Two different LinkedIn profiles are two different people."""
    return bool(a.linkedin and b.linkedin and a.linkedin != b.linkedin)


def _different_emails(a: Candidate, b: Candidate) -> bool:
    """Different emails make a merely close name too weak a hint."""
    return bool(a.email and b.email and a.email != b.email)
