"""The outreach checker: what makes a first message to a stranger likely to be answered.

Five checks, each with a short reason, run live while the message is written: it is
short (under 75 words between the greeting and the sign-off), it asks for insight and advice
rather than a job, its first sentence says how the writer came to them, it ends with a
question that is easy to say yes to, and it talks more about them than about the writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WORDS = 75

JOB_WORDS = (
    "job", "jobs", "position", "positions", "opening", "openings", "vacancy", "vacancies",
    "hiring", "hire", "résumé", "resume", "cv", "employment", "apply", "applying",
    "application", "internship", "role available",
)
"""Words that turn a request for advice into a request for a job."""

CONNECTION_WORDS = (
    "referred", "suggested", "recommended", "gave me your name", "passed on your name",
    "pointed me", "told me", "mentioned", "we met", "met you", "alumn*", "fellow",
    "classmate", "graduate of", "studied", "your talk", "your article", "your post",
    "your book", "your work", "i saw", "i read", "i heard", "heard you", "came across",
)
"""Phrases that say how the writer came to the reader; ``*`` ends a word's beginning."""

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ABOUT_THEM = frozenset({"you", "your", "yours", "you're", "you've", "you’re", "you’ve"})
_ABOUT_ME = frozenset({"i", "me", "my", "mine", "i'm", "i've", "i’m", "i’ve", "i'd", "i’d"})


@dataclass(frozen=True)
class Hint:
    """One check of the message: ``ok`` or not, a headline, and why it matters."""

    key: str
    ok: bool
    headline: str
    why: str


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _body_lines(text: str) -> list[str]:
    """The lines between the greeting ("Dear Ana," / "Hi Ana,") and the sign-off."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and len(lines[0].split()) <= 4 and lines[0].endswith((",", ":", "!")):
        lines = lines[1:]
    while lines and len(lines[-1].split()) <= 4 and not lines[-1].endswith(("?", ".")):
        lines = lines[:-1]  # "Best regards," "Ana Lima"
    return lines


def _sentences(lines: list[str]) -> list[str]:
    return [s for s in _SENTENCE_END.split(" ".join(lines)) if s.strip()]


def _contains(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases of ``phrases`` found in ``text``, whole words only."""
    lowered = f" {' '.join(_words(text))} "
    found = []
    for phrase in phrases:
        if phrase.endswith("*"):
            if f" {phrase[:-1]}" in lowered:
                found.append(phrase[:-1])
        elif f" {' '.join(_words(phrase))} " in lowered:
            found.append(phrase)
    return found


_NEGATIONS = frozenset({"not", "no", "never", "without", "isn't", "n't", "nor"})


def _asked_for(sentence: str) -> list[str]:
    """The job words of ``sentence`` that are not denied ("I'm not looking for a job")."""
    words = _words(sentence)
    found = []
    for word in _contains(sentence, JOB_WORDS):
        first = _words(word)[0]
        at = words.index(first) if first in words else len(words)
        before = words[max(0, at - 5):at]
        if not any(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in before):
            found.append(word)
    return found


def check(message: str, connections: tuple[str, ...] = ()) -> list[Hint]:
    """The five hints for ``message``. ``connections`` are further words that state the
    connection for this reader: the referrer's name, a shared school or organization."""
    words = _words(message)
    lines = _body_lines(message)
    sentences = _sentences(lines)
    hints = []

    count = len(_words(" ".join(lines)))
    hints.append(Hint(
        "short", 0 < count <= MAX_WORDS,
        f"{count} words" + (", short enough" if count <= MAX_WORDS
                            else f": aim for under {MAX_WORDS}"),
        "A busy person reads a short note to the end and answers it from a phone."))

    asked = [w for sentence in sentences for w in _asked_for(sentence)]
    hints.append(Hint(
        "insight", not asked,
        "Asks for insight, not a job" if not asked
        else "Sounds like a job request: " + ", ".join(f"“{w}”" for w in asked),
        "People gladly share what they know; a request for a job asks them to vouch for "
        "you before they know you, and is easier to ignore."))

    first = sentences[0] if sentences else ""
    stated = _contains(first, CONNECTION_WORDS) or [
        c for c in connections if c and c.lower() in first.lower()]
    hints.append(Hint(
        "connection", bool(stated),
        "Says first how you came to them" if stated
        else "Start with how you came to them",
        "A name they know, a shared school or their own work in the first sentence tells "
        "them why this message is for them, not for everyone."))

    last = sentences[-1].strip() if sentences else ""
    hints.append(Hint(
        "question", last.endswith("?"),
        "Ends with a question" if last.endswith("?") else "End with a question",
        "A clear, small question (“Could we talk for 20 minutes next week?”) is easy "
        "to answer with yes."))

    them = sum(w in _ABOUT_THEM for w in words)
    me = sum(w in _ABOUT_ME for w in words)
    hints.append(Hint(
        "about_them", them >= me and count > 0,
        f"More about them than about you ({them} × you, {me} × I)" if them >= me
        else f"More about you than about them ({me} × I, {them} × you)",
        "Readers answer when the message is about their experience and why you ask them."))
    return hints
