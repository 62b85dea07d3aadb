"""Whom to contact there: hints about a person before reaching out (the method mode).

Four readings, each a short line with why it matters:

- **Works in the field I want** — one of the person's career fields is the one this
  conversation explores, or their department, job title or career fields share a word
  with it (or, when no field is chosen, with what the profile says I am seeking). Not met
  only when their career fields are recorded and none is close; otherwise a question.
- **An alumnus** — the profile's school appears in the person's custom fields, tags,
  source, notes or research notes (netdesk has no school field for a person; a custom
  field "School" or "University" is the place to keep it). When nothing says so, the hint
  is a question to research.
- **At most two levels above the role I want** — a simple reading of job titles
  (:func:`seniority`): the person's level minus the level of the role I want.
- **Promoted from within** — netdesk keeps no job history, so this is read from words in
  the notes ("promoted", "rose to", "joined as"); otherwise a question to research.

Each hint says whether it is met (``True``), not met (``False``) or unknown (``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netdesk.core.phrasing import mid_sentence
from netdesk.core.profile import ProfileForm, load_profile
from netdesk.db.models import CareerField, Person, PersonCareerField, PersonEntry

SENIORITY_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (4, ("vp", "vice president", "svp", "evp", "chief", "ceo", "cfo", "coo", "cto", "cio",
         "president", "founder", "partner", "managing director")),
    (3, ("director", "head", "principal")),
    (2, ("manager", "lead", "senior", "sr", "supervisor", "team leader")),
    (1, ("intern", "trainee", "assistant", "associate", "analyst", "junior", "jr",
         "coordinator", "graduate", "apprentice", "officer", "specialist")),
)
"""Words of a job title by level, highest first: 1 entry (intern, assistant, associate,
analyst…), 2 manager / lead / senior, 3 director / head, 4 vice president / chief. The
first level whose word appears in the title wins, so "Senior Director" is 3 and
"Assistant Director" is 3 too (a director first); "Managing Director" counts as 4."""
LEVEL_NAMES = {1: "entry level", 2: "manager or senior", 3: "director or head",
               4: "vice president or chief"}
MAX_LEVELS_ABOVE = 2
PROMOTION_WORDS = ("promoted", "promotion", "rose to", "worked their way up",
                   "joined as", "started as", "internal move", "from within")
SCHOOL_LABELS = ("school", "university", "college", "alma mater", "education", "degree",
                 "alumni", "alumnus", "alumna")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def _has_phrase(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(words[i:i + len(wanted)] == wanted for i in range(len(words)))


def seniority(title: str) -> int | None:
    """The level of a job title (1 to 4, see :data:`SENIORITY_WORDS`); None when no word
    of the title tells it."""
    words = _words(title.replace("-", " "))
    for level, phrases in SENIORITY_WORDS:
        if any(_has_phrase(words, phrase) for phrase in phrases):
            return level
    return None


@dataclass(frozen=True)
class ContactHint:
    key: str
    met: bool | None
    """True: the hint holds; False: it does not; None: the data cannot tell."""
    headline: str
    why: str


STOP_WORDS = frozenset({"and", "the", "of", "in", "for", "a", "an", "to", "at", "with",
                        "role", "roles", "job", "work", "field"})


def _meaningful(text: str) -> set[str]:
    """The words that can name a field: not short ones, not seniority words."""
    levels = {w for _level, phrases in SENIORITY_WORDS for p in phrases for w in p.split()}
    return {w for w in _words(text) if len(w) > 2 and w not in STOP_WORDS | levels}


def field_hint(person: Person, career_field: str, profile: ProfileForm) -> ContactHint:
    why = ("Someone doing the work you want can tell you what it is like day to day, "
           "and knows who else does it.")
    fields = [name for (name,) in CareerField.select(CareerField.name)
              .join(PersonCareerField).where(PersonCareerField.person == person.id).tuples()]
    wanted = career_field.strip()
    if wanted and any(f.casefold() == wanted.casefold() for f in fields):
        return ContactHint("field", True, f"Works in {mid_sentence(wanted)}", why)
    wanted_words = _meaningful(wanted or profile.seeking)
    theirs = _meaningful(" ".join([person.department, person.job_title, *fields]))
    shared = sorted(wanted_words & theirs)
    if shared:
        return ContactHint("field", True,
                           f"Works close to what you want ({', '.join(shared)})", why)
    if fields and wanted_words:  # their fields are known, and none is the one wanted
        return ContactHint("field", False, "Works in another field than the one you want",
                           why + " They may still know someone who works in yours.")
    return ContactHint("field", None, "Find out whether they work in the field you want", why)


def alumni_hint(person: Person, profile: ProfileForm) -> ContactHint:
    why = "People answer fellow alumni far more often: the school is a connection to name first."
    school = " ".join(profile.school.split())
    if not school:
        return ContactHint("alumni", None, "Add your school to your profile to spot alumni",
                           why)
    texts = [person.tags, person.source, person.notes, person.research_notes]
    texts += [f"{label} {value}" for label, value in PersonEntry.select(
        PersonEntry.label, PersonEntry.value).where(
        (PersonEntry.person == person.id) & (PersonEntry.kind == "custom")).tuples()]
    if any(_has_phrase(_words(text), " ".join(_words(school))) for text in texts if text):
        return ContactHint("alumni", True, f"An alumnus of {school}, like you", why)
    return ContactHint("alumni", None, f"Did they study at {school}? Check their profile",
                       why)


def level_hint(person: Person, wanted_role: str) -> ContactHint:
    why = ("Up to two levels above the role you want, they still remember the work and "
           "often hire for it; much higher, they are far from it and harder to reach.")
    theirs, mine = seniority(person.job_title), seniority(wanted_role) or 1
    if theirs is None:
        return ContactHint("level", None, "Their title does not say how senior they are",
                           why)
    above = theirs - mine
    if above > MAX_LEVELS_ABOVE:
        return ContactHint("level", False, f"{above} levels above the role you want "
                           f"({LEVEL_NAMES[theirs]}): ask them for someone closer to it", why)
    if above <= 0:
        return ContactHint("level", True, "At the level of the role you want: a peer's "
                           "view of the work", why)
    return ContactHint("level", True, f"{above} level{'s' if above > 1 else ''} above the "
                       f"role you want ({LEVEL_NAMES[theirs]})", why)


def promotion_hint(person: Person) -> ContactHint:
    why = ("Someone promoted from within knows how the organization grows its people, "
           "and what it takes to be hired there.")
    words = _words(" ".join((person.notes, person.research_notes)))
    if any(_has_phrase(words, phrase) for phrase in PROMOTION_WORDS):
        return ContactHint("promoted", True, "Your notes say they were promoted from within",
                           why)
    return ContactHint("promoted", None, "Were they promoted from within? Look at their "
                       "career history", why)


def contact_hints(person_id: int, career_field: str = "",
                  profile: ProfileForm | None = None) -> list[ContactHint]:
    """The four hints for the person (empty when they no longer exist). The role I want
    is read from the profile's "seeking"."""
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        return []
    profile = profile or load_profile()
    return [field_hint(person, career_field, profile), alumni_hint(person, profile),
            level_hint(person, profile.seeking), promotion_hint(person)]
