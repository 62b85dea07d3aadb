"""The elevator pitch: word count and spoken length against a 30-second target."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

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
    """A first draft built from the profile fields, for the user to make their own."""
    parts = []
    intro = f"Hi, I'm {name.strip()}" if name.strip() else "Hi"
    if degree.strip() and school.strip():
        intro += f", a {degree.strip()} student at {school.strip()}"
    elif degree.strip() or school.strip():
        intro += f", studying {degree.strip() or 'at ' + school.strip()}"
    parts.append(intro + ".")
    if interests.strip():
        parts.append(f"I'm interested in {interests.strip().rstrip('.')}.")
    if skills.strip():
        parts.append(f"I bring {skills.strip().rstrip('.')}.")
    if seeking.strip():
        parts.append(f"Right now I'm looking for {seeking.strip().rstrip('.')[0].lower()}"
                     f"{seeking.strip().rstrip('.')[1:]}.")
    parts.append("I'd love to hear how you got into your field.")
    return " ".join(parts)
