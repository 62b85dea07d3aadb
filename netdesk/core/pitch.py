"""The elevator pitch: word count and spoken length against a 30-second target."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from netdesk.core.phrasing import article, end_sentence, join_list, mid_sentence, sentence_start

WORDS_PER_MINUTE = 130
"""A typical, unhurried speaking rate."""
TARGET_SECONDS = 30
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def word_count(text: str) -> int:
    """Spoken words in ``text`` (punctuation alone is not a word)."""
    return sum(1 for word in _WORD.findall(text or "") if any(c.isalnum() for c in word))


def spoken_seconds(text: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Seconds it takes to say ``text`` at ``words_per_minute``, rounded up."""
    return math.ceil(word_count(text) * 60 / words_per_minute)


@dataclass(frozen=True)
class PitchLength:
    words: int
    seconds: int
    target_seconds: int = TARGET_SECONDS

    @property
    def over(self) -> bool:
        return self.seconds > self.target_seconds

    @property
    def target_words(self) -> int:
        return self.target_seconds * WORDS_PER_MINUTE // 60

    def summary(self) -> str:
        """One line for the editor, e.g. '58 words · about 27 s spoken (target 30 s)'."""
        words = "1 word" if self.words == 1 else f"{self.words} words"
        head = f"{words} · about {self.seconds} s spoken at {WORDS_PER_MINUTE} words a minute"
        if self.words == 0:
            return "Empty · aim for about 65 words, 30 seconds spoken"
        if self.over:
            extra = self.words - self.target_words
            return f"{head} — {self.seconds - self.target_seconds} s over the " \
                   f"{self.target_seconds}-second target; cut about {extra} words"
        if self.seconds < self.target_seconds // 2:
            return f"{head} — short; there is room to say what you are looking for"
        return f"{head} — within the {self.target_seconds}-second target"


def pitch_length(text: str) -> PitchLength:
    return PitchLength(word_count(text), spoken_seconds(text))


def draft_pitch(name: str, degree: str, school: str, interests: str, skills: str,
                seeking: str) -> str:
    """A first draft built from the profile fields, for the user to make their own.

    The fields are typed as labels or lists ("Water policy; Urban planning",
    "To learn how agencies hire"); they are put into sentences that read as
    written by hand: common nouns in lower case mid-sentence, lists joined with
    "and", and no phrase doubled ("looking for looking for").
    """
    name, school = " ".join(name.split()), " ".join(school.split())
    degree = mid_sentence(degree, keep_after_acronym=True)
    intro = f"Hi, I'm {name}" if name else "Hi"
    joint = ", " if name else ", I'm "
    if degree and school:
        intro += f"{joint}{article(degree)} {degree} student at {school}"
    elif degree:
        intro += f"{joint}{article(degree)} {degree} student"
    elif school:
        intro += f"{joint}studying at {school}"
    parts = [intro + "."]
    parts.append(_sentence(interests, "I'm interested in", {
        "to ": "I hope to", "interested in ": "I'm interested in",
        "i'm interested in ": "I'm interested in", "i am interested in ": "I'm interested in",
        "in ": "I'm interested in",
    }))
    parts.append(_sentence(skills, "I bring", {
        "can ": "I can", "i can ": "I can", "bring ": "I bring", "i bring ": "I bring",
    }))
    parts.append(_sentence(seeking, "Right now I'm looking for", {
        "to ": "Right now I'd like to", "looking for ": "Right now I'm looking for",
        "i'm looking for ": "Right now I'm looking for",
        "i am looking for ": "Right now I'm looking for",
        **{f"{verb} ": f"Right now I'm {verb}" for verb in ING_VERBS},
    }))
    parts.append("I'd love to hear how you got into your field.")
    return " ".join(p for p in parts if p)


ING_VERBS = ("learning", "exploring", "meeting", "finding", "talking", "trying", "getting",
             "building", "moving", "switching", "changing", "starting", "applying",
             "preparing", "researching", "planning", "figuring", "speaking", "connecting",
             "hoping", "aiming", "working", "looking", "seeking", "making", "transitioning")
"""Words that start a 'what I seek' phrase which already says what the user is doing."""


def _sentence(value: str, lead: str, openings: dict[str, str]) -> str:
    """``value`` after ``lead`` ('I bring …') as one sentence.

    ``openings`` maps how a value may begin (lower case, with its space) to the
    words that replace that beginning: 'to learn how…' after 'Right now I'd like
    to', not after 'Right now I'm looking for'. A value that is a sentence of
    its own ('I want…', 'My aim…') is kept as typed.
    """
    text = join_list(value).rstrip(" .")
    if not text:
        return ""
    lowered = text.lower().replace("’", "'")
    for opening in sorted(openings, key=len, reverse=True):
        if lowered.startswith(opening):
            return end_sentence(f"{openings[opening]} {mid_sentence(text[len(opening):])}")
    if lowered.startswith(("i ", "i'm ", "i'd ", "i've ", "my ")):
        return end_sentence(sentence_start(text))
    return end_sentence(f"{lead} {mid_sentence(text)}")
