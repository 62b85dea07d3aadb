"""Checklists in our own words: research before reaching out, and the day of the interview."""

from __future__ import annotations

# key -> label; the keys are stored in Interview.research_checklist, comma-separated.
RESEARCH_CHECKLIST: dict[str, str] = {
    "bio": "Read their bio or profile (organization site, LinkedIn)",
    "organization_site": "Read the organization's website and recent news",
    "why_them": "Know why I want to talk with this person in particular",
    "questions_fit": "Checked my questions are not answered on their site already",
}

MODE_LABELS = {"in_person": "In person", "phone": "Phone", "video": "Video"}

_COMMON_BEFORE = [
    "Read over your research notes and questions one more time.",
    "Have your question sheet and something to take notes with.",
    "Keep your elevator pitch ready: who you are and what you are exploring.",
]
_COMMON_AFTER = [
    "Keep to the time they offered; offer to stop when it is up.",
    "Ask who else they would suggest you talk with.",
    "Thank them at the end, and send a thank-you note within a day.",
]
_BY_MODE = {
    "in_person": [
        "Plan the route and arrive five to ten minutes early.",
        "Dress a step more formally than the people who work there.",
        "Bring a printed copy of your questions; a résumé only in case they ask for it.",
    ],
    "phone": [
        "Find a quiet room where nobody will interrupt; tell your housemates.",
        "Charge your phone and check the signal where you will sit.",
        "Let your voice carry your interest: smile, speak clearly, don't rush.",
        "Listen to the end of each answer before you speak; pauses are fine.",
        "Silence notifications and close programs that make sounds.",
    ],
    "video": [
        "Test the link, camera and microphone ten minutes before.",
        "Sit facing the light, not with a window or lamp behind you.",
        "Put the camera at eye level and look into it when you speak.",
        "Frame yourself from the chest up, against a plain, tidy background.",
        "Find a quiet room; tell your housemates, silence notifications, close other apps.",
    ],
}


def day_of_checklist(mode: str) -> list[str]:
    """What to do on the day of an interview held in ``mode`` (in_person, phone, video)."""
    return [*_COMMON_BEFORE, *_BY_MODE.get(mode, []), *_COMMON_AFTER]


def parse_research_checklist(stored: str) -> set[str]:
    """The checked keys from ``Interview.research_checklist``."""
    return {key.strip() for key in (stored or "").split(",") if key.strip() in RESEARCH_CHECKLIST}


def format_research_checklist(checked: set[str] | list[str]) -> str:
    """Checked keys as stored, in the checklist's own order."""
    return ",".join(key for key in RESEARCH_CHECKLIST if key in set(checked))
