"""Duplicate detection: is this incoming person someone already in the network?

Two kinds of answer, so that a person is never lost to a wrong guess:

* a **sure** match, merged automatically: the same email (any of either person's emails,
  case-insensitively), the same LinkedIn URL, or the same full name together with a
  shared phone number (``contact_values.phone_key``), email or organization;
* a **possible** duplicate, for the user to decide: the same phone only (an office
  switchboard is shared by many), the same full name with nothing else shared, a first
  name alone (at another organization), or a similar name (``rapidfuzz``, a common
  nickname, an initial).

Everything is looked up in dictionaries built once (blocked by key: email, profile,
phone, last name, first name), so checking tens of thousands of rows costs a few
dictionary reads and a handful of string comparisons each; all pairs are never compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from netdesk.core.contact_values import email_address
from netdesk.core.contact_values import phone_key as _phone_key
from netdesk.db.models import database_proxy

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
SIMILAR = 85
"""The ``rapidfuzz`` ratio (0–100) from which two first or last names count as similar."""
SAME_EMAIL, SAME_LINKEDIN = "same email", "same LinkedIn URL"
SAME_PHONE_ONLY = "same phone number only"


def collapse_spaces(text: str) -> str:
    """Trim and turn every run of white space into one space."""
    return " ".join(text.split())


def organization_key(name: str) -> str:
    """How organization names are compared: case- and space-insensitively."""
    return collapse_spaces(name).casefold()


def name_key(name: str) -> str:
    """A name without accents, case or punctuation: 'José  O'Neill' -> 'jose oneill'."""
    if name.isascii():
        if name.isalnum():  # nothing to take out: one word of letters and digits
            return name.lower()
        plain = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return collapse_spaces(_NOT_WORD.sub("", plain)).casefold()


def email_key(email: str) -> str:
    return email_address(email).casefold()


def phone_key(phone: str) -> str:
    """How phone numbers are compared: ``contact_values.phone_key`` (extensions and pauses
    read as the editor reads them), by its last ten digits, so that a number written with
    and without its country code compares equal; '' when it has fewer than seven digits."""
    if not phone.strip():
        return ""
    number, _sep, extension = _phone_key(phone).partition(";")
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) < 7:
        return ""
    return digits[-10:] + (f";{extension}" if extension else "")


_SCHEME = re.compile(r"^[a-z]+://")
_SUBDOMAIN = re.compile(r"^([a-z]{2,3}\.)?(www\.)?")


def linkedin_key(url: str) -> str:
    """A LinkedIn profile address without scheme, 'www.', query or trailing slash."""
    url = url.strip().casefold()
    if not url:
        return ""
    url = _SCHEME.sub("", url)
    url = _SUBDOMAIN.sub("", url) if "linkedin." in url else url
    url = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return url


def first_names_similar(a: str, b: str) -> bool:
    """An initial, a common nickname or a close spelling ('Katharine' / 'Katherine')."""
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    if _NICKNAMES.get(a, a) == _NICKNAMES.get(b, b):
        return True
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= SIMILAR


def last_names_similar(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= SIMILAR


@dataclass(frozen=True)
class Candidate:
    """Who a person is for matching; ``key`` is a database id (> 0) or a pending row (< 0).

    ``emails`` and ``phones`` hold every one of the person's (keys, not as written).
    """

    key: int
    first: str
    last: str
    emails: frozenset[str]
    phones: frozenset[str]
    linkedin: str
    organization: str
    display_name: str

    @property
    def full(self) -> str:
        """The full name as compared, '' unless both first and last name are known."""
        return f"{self.first} {self.last}" if self.first and self.last else ""

    @property
    def email(self) -> str:
        return min(self.emails) if self.emails else ""

    @property
    def phone(self) -> str:
        return min(self.phones) if self.phones else ""


@dataclass(frozen=True)
class Match:
    key: int
    reason: str
    """Why: 'same email', 'same LinkedIn URL', 'same name and phone', 'similar name'…"""
    display_name: str
    sure: bool = True
    """False for a possible duplicate: the user decides."""


def candidate(key: int, first: str, last: str, email: str | Iterable[str] = "",
              phone: str | Iterable[str] = "", linkedin_url: str = "",
              organization: str = "") -> Candidate:
    emails = [email] if isinstance(email, str) else email
    phones = [phone] if isinstance(phone, str) else phone
    email_keys = {email_key(e) for e in emails if e}
    email_keys.discard("")
    phone_keys = {phone_key(p) for p in phones if p}
    phone_keys.discard("")
    return Candidate(
        key, name_key(first), name_key(last), frozenset(email_keys), frozenset(phone_keys),
        linkedin_key(linkedin_url) if linkedin_url else "",
        organization_key(organization) if organization else "",
        " ".join(f"{first} {last}".split()),
    )


def candidate_of(key: int, details) -> Candidate:
    """The candidate of a ``PersonDetails`` (an import record): every email and phone."""
    emails = [details.email] if details.email else []
    phones = [details.phone] if details.phone else []
    for entry in details.entries:  # as ``all_of``: the preferred one first, then the entries
        if entry.kind == "email":
            emails.append(entry.value)
        elif entry.kind == "phone":
            phones.append(entry.value)
    return candidate(key, details.first_name, details.last_name, emails, phones,
                     details.linkedin_url, details.organization)


def database_candidates() -> list[Candidate]:
    """Every person in the bound database, with all their emails and phones: two queries."""
    more: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for person_id, kind, value in database_proxy.execute_sql(
            "SELECT person_id, kind, value FROM person_entry WHERE kind IN ('email', 'phone')"):
        more[person_id][0 if kind == "email" else 1].append(value)
    found = []
    for id_, first, last, email, phone, url, org in database_proxy.execute_sql(
            "SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.linkedin_url, "
            "coalesce(o.name, '') FROM person p LEFT JOIN organization o "
            "ON o.id = p.organization_id"):
        emails, phones = more.get(id_, ((), ()))
        found.append(candidate(id_, first, last, [email, *emails], [phone, *phones], url, org))
    return found


def sure_reason(a: Candidate, b: Candidate) -> str | None:
    """Why ``a`` and ``b`` are surely the same person, or None."""
    if a.linkedin and a.linkedin == b.linkedin:
        return SAME_LINKEDIN
    if a.emails & b.emails:
        return SAME_EMAIL
    if _different_profiles(a, b) or not a.full or a.full != b.full:
        return None
    if a.phones & b.phones:
        return "same name and phone"
    if a.organization and a.organization == b.organization:
        return "same name and organization"
    return None


def possible_reason(a: Candidate, b: Candidate) -> str | None:
    """Why ``a`` and ``b`` may be the same person (not a sure match), or None."""
    if _different_profiles(a, b):
        return None
    if a.full and a.full == b.full:
        return "same name"
    if a.first and a.last and b.first and b.last:
        if a.last == b.last and first_names_similar(a.first, b.first):
            return "similar name"
        if a.first == b.first and last_names_similar(a.last, b.last):
            return "similar name"
        if fuzz.ratio(a.full, b.full) >= 92:
            return "similar name"
    elif (a.first or a.last) and (a.first, a.last) == (b.first, b.last):
        return "same first name only" if a.first else "same last name only"
    if a.phones & b.phones:
        return SAME_PHONE_ONLY
    return None


class PersonIndex:
    """Dictionaries over people (existing and pending) for fast duplicate look-ups."""

    def __init__(self, people: Iterable[Candidate] = ()):
        self._by_linkedin: dict[str, list[Candidate]] = defaultdict(list)
        self._by_email: dict[str, list[Candidate]] = defaultdict(list)
        self._by_phone: dict[str, list[Candidate]] = defaultdict(list)
        self._by_last: dict[str, list[Candidate]] = defaultdict(list)
        self._by_first: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for person in people:
            self.add(person)

    @classmethod
    def from_database(cls) -> PersonIndex:
        """Every person in the bound database."""
        return cls(database_candidates())

    def add(self, person: Candidate) -> None:
        if person.linkedin:
            self._by_linkedin[person.linkedin].append(person)
        for email in person.emails:
            self._by_email[email].append(person)
        for phone in person.phones:
            self._by_phone[phone].append(person)
        self._by_last[person.last].append(person)
        self._by_first[(person.first, person.last[:2])].append(person)

    def neighbours(self, person: Candidate) -> Iterable[Candidate]:
        """Everyone sharing a blocking key with ``person`` (may repeat, never ``person``)."""
        lists = [self._by_linkedin.get(person.linkedin, ()) if person.linkedin else (),
                 *(self._by_email.get(e, ()) for e in person.emails),
                 *(self._by_phone.get(p, ()) for p in person.phones),
                 self._by_last.get(person.last, ()),
                 self._by_first.get((person.first, person.last[:2]), ())]
        for found in lists:
            for other in found:
                if other.key != person.key:
                    yield other

    def find(self, person: Candidate) -> Match | None:
        """The best match for ``person``: a sure one if any, else a possible one, or None.

        Among several, the one added first (the lowest database id) wins.
        """
        for table, value, reason in (
            (self._by_linkedin, person.linkedin, SAME_LINKEDIN),
            *((self._by_email, e, SAME_EMAIL) for e in sorted(person.emails)),
        ):
            for found in (table.get(value, ()) if value else ()):
                if found.key != person.key:
                    return Match(found.key, reason, found.display_name)
        possible: Match | None = None
        linkedin = person.linkedin
        for other in self.neighbours(person):
            if linkedin and other.linkedin and other.linkedin != linkedin:
                continue  # two profiles, two people (no email is shared: see above)
            reason = sure_reason(person, other)
            if reason:
                return Match(other.key, reason, other.display_name)
            if possible is None:
                reason = possible_reason(person, other)
                if reason:
                    possible = Match(other.key, reason, other.display_name, sure=False)
        return possible


def _different_profiles(a: Candidate, b: Candidate) -> bool:
    """Two different LinkedIn profiles are two different people."""
    return bool(a.linkedin and b.linkedin and a.linkedin != b.linkedin)
