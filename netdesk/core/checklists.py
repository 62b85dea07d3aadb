"""Checklists in our own words: research before reaching out, and the day of the interview."""

from __future__ import annotations

from netdesk.core.vocabulary import MODE_LABELS as MODE_LABELS  # for its old importers

MODES = ("in_person", "phone", "video")
# key -> label; the keys are stored in Interview.research_checklist, comma-separated.
RESEARCH_CHECKLIST: dict[str, str] = {
    "bio": "Read their bio or profile (organization site, LinkedIn)",
    "organization_site": "Read the organization's website and recent news",
    "why_them": "Know why I want to talk with this person in particular",
    "questions_fit": "Checked my questions are not answered on their site already",
}

_EVERY_TIME = [
    "Be on time: plan to be ready five minutes early.",
    "Have this question sheet and a pen at hand for notes.",
    "Remember: you are here to learn, not to ask for a job.",
]

_PHONE_OR_VIDEO = [
    "Pick a quiet room where no one will interrupt; tell housemates the time.",
    "Close the apps you do not need and silence notifications.",
]

_BY_MODE = {
    "in_person": [
        "Check the address and the route the day before, and plan to arrive a few minutes early.",
        "Dress as you would to work there; it shows you take their time seriously.",
        "Know whom to ask for at the front desk, and have their phone number.",
        "Switch your phone to silent before you walk in.",
    ],
    "phone": [
        "Charge the phone and check the signal where you will sit.",
        "Let your voice carry your interest: smile, speak clearly, sound awake.",
        "Listen closely and let them finish; pauses are harder to read on the phone.",
    ],
    "video": [
        "Test the link, camera and microphone a few minutes before.",
        "Dress as you would to meet them in person, at least from the waist up.",
        "Sit facing the light, not with a window or lamp behind you.",
        "Use a plain, tidy background with nothing distracting.",
        "Put the camera at eye level and frame yourself from the chest up.",
        "Look into the camera when you speak; it reads as eye contact.",
    ],
}


def day_of_checklist(mode: str) -> list[str]:
    """The checklist for an interview held in ``mode`` ('in_person', 'phone' or 'video').

    Raises ``ValueError`` for any other mode.
    """
    if mode not in _BY_MODE:
        raise ValueError(f"unknown interview mode {mode!r}; expected one of {', '.join(MODES)}")
    items = list(_EVERY_TIME)
    if mode in ("phone", "video"):
        items += _PHONE_OR_VIDEO
    return items + _BY_MODE[mode]


def parse_research_checklist(stored: str) -> set[str]:
    """The checked keys from ``Interview.research_checklist``."""
    return {key.strip() for key in (stored or "").split(",") if key.strip() in RESEARCH_CHECKLIST}


def format_research_checklist(checked: set[str] | list[str]) -> str:
    """Checked keys as stored, in the checklist's own order."""
    return ",".join(key for key in RESEARCH_CHECKLIST if key in set(checked))
