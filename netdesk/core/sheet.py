"""The printable question sheet: HTML for one interview, or a blank sheet of bank questions.

The HTML is written for Qt's rich-text subset (tables, inline CSS) and knows
nothing of pages: ``netdesk.render.sheet_pages`` lays it out on paper, keeps every
top-level table (a question with its note lines, the pitch, the checklist,
the closing block) whole on one page, and paints the footer. Every text the
user typed is escaped, so ``<b>Ann</b>`` prints as typed.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netdesk.core.checklists import day_of_checklist
from netdesk.core.followups import due_date
from netdesk.core.limits import usable_datetime, usable_minutes
from netdesk.core.vocabulary import CATEGORY_LABELS, MODE_LABELS, PLACE_LABELS
from netdesk.db import zones
from netdesk.db.models import (
    QUESTION_CATEGORIES,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    Profile,
    Question,
    Referral,
)

PAGE_SIZES = ("A4", "Letter")

# Territories (ISO 3166 codes) where Letter paper is the norm; A4 everywhere else.
LETTER_TERRITORIES = frozenset({
    "US", "CA", "MX", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "CL", "CO", "VE", "CR",
    "GT", "PA", "DO", "SV", "NI", "HN", "BZ",
})

INK = "#000000"
MUTED = "#555555"
RULE = "#9a9a9a"
BOX = "#f2f2f2"
BOX_BORDER = "#8c8c8c"
NOTE_LINE_PT = 17  # a ruled line for handwriting: about 7 mm apart
FIRST_PAGE_NOTE_LINES = 10  # a sheet with no questions still gets room for notes


class SheetError(LookupError):
    """The sheet cannot be made: the interview, category or questions do not exist."""


@dataclass(frozen=True)
class SheetQuestion:
    """One question on a sheet, in the order it will be asked."""

    text: str
    category: str
    minutes: int
    notes: str = ""
    """Notes already taken (an interview printed again after it happened)."""


@dataclass(frozen=True)
class Sheet:
    """A sheet ready to print: its HTML and what goes around it.

    Attributes:
        title: the document title (PDF metadata, print job name).
        html: the body, in Qt's rich-text subset.
        footer: the text at the foot of every page (the person's name), plain text.
        filename: a suggested file name for the PDF, without folders.
        questions: the questions in print order.
    """

    title: str
    html: str
    footer: str
    filename: str
    questions: tuple[SheetQuestion, ...]


def note_lines(minutes: int) -> int:
    """How many ruled lines to leave under a question expected to take ``minutes``."""
    return max(2, min(10, int(minutes) + 1))


def default_page_size(territory: str) -> str:
    """'Letter' where Letter paper is the norm for ``territory`` (ISO code), else 'A4'."""
    return "Letter" if territory.strip().upper() in LETTER_TERRITORIES else "A4"


def category_from_text(text: str) -> str:
    """The category key a user meant: a key ('career_path'), a label ('Career path') or
    either with dashes or spaces. Raises ``SheetError`` naming the choices."""
    wanted = re.sub(r"[\s\-]+", "_", text.strip().lower())
    for key, label in CATEGORY_LABELS.items():
        if wanted in (key, re.sub(r"\s+", "_", label.lower())):
            return key
    raise SheetError(
        f"unknown question category {text!r}; choose one of {', '.join(QUESTION_CATEGORIES)}"
    )


def interview_for_person(person_id: int, now: datetime.datetime | None = None) -> int | None:
    """The interview whose sheet a person's menu prints: the next one ahead, else one
    still being planned, else the most recent; None when there is none."""
    now = zones.as_instant(now or datetime.datetime.now(datetime.UTC))
    active = Interview.select(Interview.id).where(
        (Interview.person == person_id) & (Interview.status != "cancelled")
    )
    ahead = active.where(Interview.starts_at >= now).order_by(Interview.starts_at).first()
    if ahead:
        return ahead.id
    planning = active.where(Interview.starts_at.is_null()).order_by(
        Interview.id.desc()).first()
    if planning:
        return planning.id
    latest = Interview.select(Interview.id).where(Interview.person == person_id).order_by(
        Interview.starts_at.desc(nulls="LAST"), Interview.id.desc()).first()
    return latest.id if latest else None


def interview_sheet(interview_id: int) -> Sheet:
    """The sheet for one interview. Raises ``SheetError`` when there is no such interview."""
    interview = (
        Interview.select(Interview, Person)
        .join(Person)
        .where(Interview.id == interview_id)
        .first()
    )
    if interview is None:
        raise SheetError(f"there is no interview with id {interview_id}")
    person = interview.person
    organization = (
        Organization.get_or_none(Organization.id == person.organization_id)
        if person.organization_id else None
    )
    questions = tuple(
        SheetQuestion(q.text, q.category, q.minutes, q.notes.strip())
        for q in InterviewQuestion.select()
        .where(InterviewQuestion.interview == interview_id)
        .order_by(InterviewQuestion.position, InterviewQuestion.id)
    )
    name = person.full_name
    parts = [
        _title_block(f"Informational interview with {name}", _subtitle(person, organization)),
        _details_table(_interview_details(interview, person)),
        _pitch_box(_pitch()),
        _answers_box(),
        _checklist_table(interview.mode),
        _question_tables(questions),
        _closing_table(interview, _referrer_names(person.id)),
    ]
    when = _local_start(interview)
    footer = f"{name} · {when:%a} {when.day} {when:%b %Y}" if when else name
    filename = _slug(f"questions {name} {when:%Y-%m-%d}" if when else f"questions {name}")
    return Sheet(
        title=f"Questions for {name}",
        html=_document(parts),
        footer=footer,
        filename=filename + ".pdf",
        questions=questions,
    )


def blank_sheet(
    category: str | None = None,
    question_ids: Sequence[int] | None = None,
    heading: str = "",
) -> Sheet:
    """A sheet with no interview: the bank's questions in ``category``, or the questions
    ``question_ids`` in that order, or (neither given) every visible bank question.

    ``heading`` replaces the default title (e.g. the name of a career fair).
    Raises ``SheetError`` for an unknown category or question id, or no questions.
    """
    if category is not None and category not in QUESTION_CATEGORIES:
        category = category_from_text(category)
    if question_ids:
        found = {q.id: q for q in Question.select().where(Question.id.in_(list(question_ids)))}
        missing = [str(i) for i in question_ids if i not in found]
        if missing:
            raise SheetError(f"there is no question with id {', '.join(missing)}")
        chosen = [found[i] for i in dict.fromkeys(question_ids)]
    else:
        query = Question.select().where(~Question.hidden)
        if category is not None:
            query = query.where(Question.category == category)
        order = {key: index for index, key in enumerate(QUESTION_CATEGORIES)}
        chosen = sorted(query, key=lambda q: (order[q.category], q.position, q.id))
    if not chosen:
        where = f" in the category {CATEGORY_LABELS[category]!r}" if category else ""
        raise SheetError(f"there are no questions{where} to print")
    questions = tuple(SheetQuestion(q.text, q.category, q.minutes) for q in chosen)
    default = (f"Questions: {CATEGORY_LABELS[category]}" if category and not question_ids
               else "Informational interview questions")
    title = heading.strip() or default
    parts = [
        _title_block(title, ""),
        _details_table(_blank_details()),
        _pitch_box(_pitch()),
        _question_tables(questions),
        _closing_table(None, []),
    ]
    return Sheet(
        title=title,
        html=_document(parts),
        footer=title,
        filename=_slug(title) + ".pdf",
        questions=questions,
    )


# Pieces of the sheet ---------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _document(parts: Iterable[str]) -> str:
    body = "\n".join(p for p in parts if p)
    return (
        "<html><head><meta charset=\"utf-8\"></head>"
        f"<body style=\"color: {INK}; font-size: 10pt\">\n{body}\n</body></html>"
    )


def _keep_together(rows: str, *, margin_top: int = 10, extra_style: str = "",
                   padding: int = 0, bgcolor: str = "") -> str:
    """A full-width table that the page layout keeps whole on one page."""
    colour = f' bgcolor="{bgcolor}"' if bgcolor else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{padding}"{colour} '
        f'style="page-break-inside: avoid; border-collapse: collapse; '
        f'margin-top: {margin_top}px; {extra_style}">{rows}</table>'
    )


def _title_block(title: str, subtitle: str) -> str:
    rows = f'<tr><td style="font-size: 17pt; font-weight: bold">{_e(title)}</td></tr>'
    if subtitle:
        rows += f'<tr><td style="font-size: 11pt; color: {MUTED}">{_e(subtitle)}</td></tr>'
    return _keep_together(rows, margin_top=0)


def _subtitle(person: Person, organization: Organization | None) -> str:
    return ", ".join(p for p in (person.job_title, organization.name if organization else "") if p)


def _details_table(details: list[tuple[str, str]]) -> str:
    """Label/value rows; values are plain text, or an http(s) link made clickable."""
    rows = []
    for label, value in details:
        shown = _e(value)
        if re.match(r"https?://\S+$", value.strip(), re.IGNORECASE):
            shown = f'<a href="{_e(value.strip())}" style="color: {INK}">{shown}</a>'
        rows.append(
            f'<tr><td width="22%" style="color: {MUTED}; padding: 2px 8px 2px 0">{_e(label)}</td>'
            f'<td style="padding: 2px 0">{shown}</td></tr>'
        )
    return _keep_together("".join(rows), margin_top=8)


def _local(moment) -> datetime.datetime | None:
    """``moment()`` in local time, or None when it is not set or not a usable date."""
    try:
        return usable_datetime(zones.local(moment()))
    except (TypeError, ValueError, OverflowError):
        return None


def _local_start(interview: Interview) -> datetime.datetime | None:
    return _local(lambda: interview.start)


def _when_text(interview: Interview) -> str:
    start = _local_start(interview)
    minutes = usable_minutes(interview.duration_minutes)
    planned = f"{minutes} minutes planned" if minutes else "no length set"
    if start is None:
        if interview.scheduled_at is not None:  # stored by an older file: not a usable date
            return f"The date stored cannot be read ({planned}); set it again"
        return f"Not scheduled yet ({planned})"
    end = _local(lambda: interview.end) if minutes else None
    if end is None:
        return f"{start:%A} {start.day} {start:%B %Y}, {zones.clock(start)} ({planned})"
    return (f"{start:%A} {start.day} {start:%B %Y}, {zones.clock(start)} to {zones.clock(end)} "
            f"({minutes} minutes)")


def _interview_details(interview: Interview, person: Person) -> list[tuple[str, str]]:
    mode = interview.mode
    place = interview.place.strip()
    if not place and mode == "phone":
        place = person.phone.strip()
    details = [
        ("When", _when_text(interview)),
        ("How", MODE_LABELS.get(mode, mode)),
        (PLACE_LABELS.get(mode, "Place"), place or "—"),
    ]
    if interview.career_field_id:
        details.append(("Career field", interview.career_field.name))
    contact = " · ".join(p for p in (person.email.strip(), person.phone.strip()) if p)
    if contact:
        details.append(("Contact", contact))
    return details


def _blank_details() -> list[tuple[str, str]]:
    blank = "_" * 40
    return [("Name", blank), ("Organization", blank), ("Date", "_" * 20)]


def _pitch() -> str:
    profile = Profile.select().order_by(Profile.id).first()
    return profile.pitch.strip() if profile else ""


def _pitch_box(pitch: str) -> str:
    if not pitch:
        return ""
    paragraphs = "".join(
        f'<p style="margin: 2px 0">{_e(line)}</p>' for line in pitch.splitlines() if line.strip()
    )
    rows = (
        f'<tr><td style="font-size: 9pt"><p style="margin: 0 0 3px 0; font-size: 8pt; '
        f'font-weight: bold; color: {MUTED}">MY ELEVATOR PITCH</p>{paragraphs}</td></tr>'
    )
    return _keep_together(rows, margin_top=10, padding=6, bgcolor=BOX,
                          extra_style=f"border: 1px solid {BOX_BORDER};")


def _answers_box() -> str:
    """The answers the user prepared to questions they may be asked back, when there are."""
    from netdesk.core.profile import load_profile, prepared_answers

    answers = prepared_answers(load_profile())
    if not answers:
        return ""
    rows = (f'<tr><td style="font-size: 8pt; font-weight: bold; color: {MUTED}; '
            'padding-bottom: 3px">READY TO ANSWER</td></tr>')
    for question, answer in answers:
        lines = "".join(f'<p style="margin: 0 0 2px 0">{_e(line)}</p>'
                        for line in answer.splitlines() if line.strip())
        rows += (f'<tr><td style="font-size: 9pt; padding-bottom: 4px">'
                 f'<p style="margin: 0; font-weight: bold">{_e(question)}</p>{lines}</td></tr>')
    return _keep_together(rows, margin_top=8, padding=6, bgcolor=BOX,
                          extra_style=f"border: 1px solid {BOX_BORDER};")


def _checkbox_rows(items: Sequence[str]) -> str:
    """Rows of two cells: a box to tick and the item."""
    return "".join(
        f'<tr><td width="3%" valign="top" style="padding: 1px 6px 1px 0">☐</td>'
        f'<td width="97%" valign="top" style="padding: 1px 8px 1px 0">{_e(text)}</td></tr>'
        for text in items
    )


def _checkbox_columns(items: Sequence[str], columns: int = 2) -> str:
    """Items with a box to tick, flowing down ``columns`` columns that each keep their own
    line spacing."""
    per_column = -(-len(items) // columns)
    cells = "".join(
        f'<td width="{100 // columns}%" valign="top"><table width="100%" cellspacing="0" '
        f'cellpadding="0">{_checkbox_rows(items[c * per_column:(c + 1) * per_column])}'
        f'</table></td>'
        for c in range(columns)
    )
    return f"<tr>{cells}</tr>"


def _checklist_table(mode: str) -> str:
    try:
        items = day_of_checklist(mode)
    except ValueError:
        return ""
    heading = (
        f'<tr><td colspan="2" style="font-size: 12pt; font-weight: bold; padding-bottom: 3px">'
        f'On the day: {_e(MODE_LABELS.get(mode, mode).lower())}</td></tr>'
    )
    return _keep_together(heading + _checkbox_columns(items), margin_top=12,
                          extra_style="font-size: 9pt;")


def _ruled_rows(count: int, colspan: int = 1) -> str:
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return "".join(
        f'<tr><td{span} style="font-size: {NOTE_LINE_PT}pt; '
        f'border-bottom: 1px solid {RULE}">&nbsp;</td></tr>'
        for _ in range(count)
    )


def _notes_rows(notes: str) -> str:
    """Notes already taken, in italics above the empty lines."""
    if not notes:
        return ""
    lines = "<br>".join(_e(line) for line in notes.splitlines())
    return (f'<tr><td colspan="2" style="font-size: 9.5pt; font-style: italic; '
            f'padding-top: 3px">{lines}</td></tr>')


def _question_tables(questions: Sequence[SheetQuestion]) -> str:
    """One table per question: the category heading when it changes, the question, its lines."""
    if not questions:
        rows = (
            '<tr><td style="font-size: 13pt; font-weight: bold; padding-top: 6px">'
            'Questions</td></tr>'
            f'<tr><td style="color: {MUTED}">No questions chosen yet: write yours here.</td></tr>'
            + _ruled_rows(FIRST_PAGE_NOTE_LINES)
        )
        return _keep_together(rows, margin_top=14)
    tables = []
    previous = None
    for number, question in enumerate(questions, start=1):
        rows = ""
        if question.category != previous:
            label = CATEGORY_LABELS.get(question.category, question.category)
            rows += (
                f'<tr><td colspan="2" style="font-size: 13pt; font-weight: bold; '
                f'padding: 8px 0 2px 0; border-bottom: 1px solid {INK}">{_e(label)}</td></tr>'
            )
            previous = question.category
        rows += (
            f'<tr><td width="90%" style="font-size: 10.5pt; font-weight: bold; '
            f'padding-top: 6px">{number}. {_e(question.text)}</td>'
            f'<td width="10%" align="right" valign="top" style="font-size: 8pt; '
            f'color: {MUTED}; padding-top: 7px">~{question.minutes} min</td></tr>'
            + _notes_rows(question.notes)
            + _ruled_rows(note_lines(question.minutes), colspan=2)
        )
        tables.append(_keep_together(rows, margin_top=6))
    return "\n".join(tables)


def _referrer_names(person_id: int) -> list[str]:
    referrers = (
        Person.select()
        .join(Referral, on=Referral.referrer == Person.id)
        .where(Referral.referred == person_id)
        .order_by(Person.last_name, Person.first_name)
    )
    return [p.full_name for p in referrers]


def _closing_table(interview: Interview | None, referrers: Sequence[str]) -> str:
    asks = [
        "Ask: “Who else would you suggest I talk to?” Note the names below.",
        "Ask whether you may keep in touch, and how they prefer to hear from you.",
        "Thank them for their time and advice.",
    ]
    rows = (
        '<tr><td colspan="2" style="font-size: 13pt; font-weight: bold; padding: 8px 0 2px 0; '
        f'border-bottom: 1px solid {INK}">Before you say goodbye</td></tr>'
        + _checkbox_rows(asks)
        + '<tr><td colspan="2" style="padding-top: 4px">People to contact next:</td></tr>'
        + _ruled_rows(3, colspan=2)
    )
    started = _local_start(interview) if interview else None
    start = started.date() if started else None
    if start:
        thanks = due_date("thank_you", start)
        keep = due_date("keep_in_touch", thanks)
        follow = [f"send a thank-you note by {_day(thanks)}",
                  f"keep in touch around {_day(keep)}"]
    else:
        follow = ["send a thank-you note by ______________",
                  "keep in touch around ______________"]
    follow += [f"thank {name} for the introduction" for name in referrers]
    rows += (
        '<tr><td colspan="2" style="padding-top: 8px"><b>Follow-up:</b> '
        + _e("; ".join(follow)) + ".</td></tr>"
    )
    return _keep_together(rows, margin_top=16)


def _day(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _slug(text: str) -> str:
    """A file-name-safe version of ``text``: letters, digits and dashes."""
    cleaned = re.sub(r"[^\w]+", "-", text.strip().lower(), flags=re.UNICODE).strip("-_")
    return cleaned[:80] or "question-sheet"
