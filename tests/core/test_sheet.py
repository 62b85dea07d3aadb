"""The question sheet's content: header, pitch, questions in order, checklist, closing, escaping."""

import datetime
import html
import re

import pytest

from netdesk.core.checklists import day_of_checklist
from netdesk.core.interview_plan import TIARA_ORDER
from netdesk.core.sheet import (
    SheetError,
    blank_sheet,
    category_from_text,
    default_page_size,
    interview_for_person,
    interview_sheet,
    note_lines,
)
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


def text_of(markup: str) -> str:
    """What a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def make_interview(person=None, questions=(), **fields):
    person = person or Person.create(first_name="Ann", last_name="Lee")
    interview = Interview.create(person=person, **fields)
    for position, (text, category, minutes) in enumerate(questions):
        InterviewQuestion.create(interview=interview, position=position, text=text,
                                 category=category, minutes=minutes)
    return interview


# Checklists ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["phone", "video", "in_person"])
def test_every_mode_has_its_own_checklist(mode):
    items = day_of_checklist(mode)
    assert len(items) >= 5
    assert all(isinstance(i, str) and i.strip() == i and i for i in items)
    assert len(set(items)) == len(items)
    assert any("on time" in i for i in items)


def test_checklists_follow_the_mode():
    video, phone, in_person = (day_of_checklist(m) for m in ("video", "phone", "in_person"))
    assert any("camera" in i for i in video)
    assert not any("camera" in i for i in phone + in_person)
    assert any("quiet" in i for i in video) and any("quiet" in i for i in phone)
    assert not any("quiet" in i for i in in_person)
    assert any("address" in i for i in in_person)
    assert any("voice" in i for i in phone)


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="carrier pigeon"):
        day_of_checklist("carrier pigeon")


# Small rules -----------------------------------------------------------------------------


def test_note_space_grows_with_the_minutes_within_bounds():
    assert note_lines(1) == 2
    assert note_lines(3) == 4
    assert note_lines(5) > note_lines(3)
    assert note_lines(60) == 10


@pytest.mark.parametrize(("territory", "paper"), [
    ("US", "Letter"), ("ca", "Letter"), ("MX", "Letter"), ("PH", "Letter"),
    ("DE", "A4"), ("GB", "A4"), ("IN", "A4"), ("", "A4"),
])
def test_paper_follows_the_territory(territory, paper):
    assert default_page_size(territory) == paper


@pytest.mark.parametrize("text", ["advice", "Advice", " ADVICE "])
def test_category_by_key_or_label(text):
    assert category_from_text(text) == "advice"


def test_category_spellings():
    assert category_from_text("career-path") == "career_path"
    assert category_from_text("Career path") == "career_path"
    assert category_from_text("work environment") == "environment"
    with pytest.raises(SheetError, match="career_path, environment"):
        category_from_text("hobbies")


# The interview sheet ---------------------------------------------------------------------


def test_sheet_for_a_sample_interview(sample_db):
    interview = Interview.select().where(Interview.status == "scheduled").first()
    sheet = interview_sheet(interview.id)
    person = interview.person
    shown = text_of(sheet.html)
    assert person.full_name in shown and person.job_title in shown
    assert person.organization.name in shown
    assert interview.place in shown
    assert interview.career_field.name in shown
    assert f"{interview.scheduled_at:%H:%M}" in shown
    assert str(interview.scheduled_at.year) in shown
    assert "MY ELEVATOR PITCH" in shown
    assert Profile.get().pitch[:60] in shown
    assert sheet.footer.startswith(person.full_name)
    assert sheet.filename.endswith(".pdf") and "/" not in sheet.filename
    chosen = [q.text for q in interview.questions.order_by(InterviewQuestion.position)]
    assert [q.text for q in sheet.questions] == chosen
    positions = [shown.index(text) for text in chosen]
    assert positions == sorted(positions)


def test_questions_are_numbered_in_order_and_grouped_by_category(db):
    interview = make_interview(questions=[
        ("First of the path?", "career_path", 3),
        ("Second of the path?", "career_path", 2),
        ("Advice please?", "advice", 2),
        ("Back to the path?", "career_path", 1),
    ])
    shown = text_of(interview_sheet(interview.id).html)
    expected = ["Career path", "1. First of the path?", "2. Second of the path?", "Advice",
                "3. Advice please?", "Career path", "4. Back to the path?"]
    at = 0
    for piece in expected:
        found = shown.find(piece, at)
        assert found >= 0, piece
        at = found + len(piece)


def test_note_lines_follow_each_questions_minutes(db):
    interview = make_interview(questions=[("Short?", "advice", 1), ("Long?", "advice", 6)])
    markup = interview_sheet(interview.id).html
    tables = markup.split("<table")
    short = next(t for t in tables if "Short?" in t)
    long = next(t for t in tables if "Long?" in t)
    assert short.count("border-bottom: 1px solid #9a9a9a") == note_lines(1)
    assert long.count("border-bottom: 1px solid #9a9a9a") == note_lines(6)
    assert "page-break-inside: avoid" in short


def test_user_text_is_escaped_everywhere(db):
    organization = Organization.create(name="Smith & <Sons>")
    person = Person.create(first_name="<b>Ann</b>", last_name="O'Neil \"Jr\"",
                           job_title="<i>Chief</i>", organization=organization,
                           email="ann@example.org", phone="<script>")
    Profile.create(pitch="I <3 maps & <u>data</u>")
    interview = make_interview(person, [("Is <this> & that ok?", "own", 2)],
                               place="<img src=x>", mode="in_person")
    sheet = interview_sheet(interview.id)
    markup = sheet.html
    for raw in ("<b>Ann</b>", "<i>Chief</i>", "<Sons>", "<this>", "<u>data</u>", "<img",
                "<script>"):
        assert raw not in markup
    shown = text_of(markup)
    for literal in ("<b>Ann</b>", "O'Neil \"Jr\"", "<i>Chief</i>", "Smith & <Sons>",
                    "Is <this> & that ok?", "I <3 maps & <u>data</u>", "<img src=x>"):
        assert literal in shown
    assert sheet.footer.startswith("<b>Ann</b> O'Neil")  # plain text, painted as is


def test_notes_already_taken_print_above_the_lines(db):
    interview = make_interview(questions=[("Asked?", "advice", 2)])
    InterviewQuestion.update(notes="Said <yes>\nand more").execute()
    sheet = interview_sheet(interview.id)
    assert sheet.questions[0].notes == "Said <yes>\nand more"
    assert "Said &lt;yes&gt;<br>and more" in sheet.html
    assert "Asked? ~2 min Said <yes> and more" in text_of(sheet.html)


def test_video_link_is_clickable_only_for_web_addresses(db):
    web = make_interview(mode="video", place="https://meet.example/x?a=1&b=2")
    assert '<a href="https://meet.example/x?a=1&amp;b=2"' in interview_sheet(web.id).html
    other = make_interview(mode="video", place="javascript:alert(1)")
    assert "<a href" not in interview_sheet(other.id).html


def test_phone_interview_falls_back_to_the_persons_number(db):
    person = Person.create(first_name="Ann", phone="+1 555 0100")
    interview = make_interview(person, mode="phone", place="")
    assert "Phone +1 555 0100" in text_of(interview_sheet(interview.id).html)


@pytest.mark.parametrize(("mode", "label", "item"), [
    ("phone", "On the day: phone call", "voice"),
    ("video", "On the day: video call", "camera"),
    ("in_person", "On the day: in person", "address"),
])
def test_day_of_checklist_matches_the_mode(db, mode, label, item):
    shown = text_of(interview_sheet(make_interview(mode=mode).id).html)
    assert label in shown
    for line in day_of_checklist(mode):
        assert line in shown
    assert item in shown


def test_closing_block_with_follow_up_dates_and_referrers(db):
    person = Person.create(first_name="Ann", last_name="Lee")
    helper = Person.create(first_name="Tom", last_name="Becker")
    Referral.create(referrer=helper, referred=person)
    interview = make_interview(person, scheduled_at=datetime.datetime(2026, 3, 6, 10, 0))
    shown = text_of(interview_sheet(interview.id).html)
    assert "Who else would you suggest I talk to?" in shown
    assert "Thank them" in shown
    assert "thank-you note by Saturday 7 March 2026" in shown
    assert "around Friday 5 June 2026" in shown
    assert "thank Tom Becker for the introduction" in shown


def test_unscheduled_interview_without_questions_still_prints(db):
    interview = make_interview(scheduled_at=None, duration_minutes=45)
    sheet = interview_sheet(interview.id)
    shown = text_of(sheet.html)
    assert "Not scheduled yet (45 minutes planned)" in shown
    assert "No questions chosen yet" in shown
    assert "thank-you note by ____" in shown
    assert sheet.questions == ()
    assert sheet.footer == "Ann Lee"


def test_no_pitch_box_without_a_pitch(db):
    assert "ELEVATOR PITCH" not in interview_sheet(make_interview().id).html


def test_unknown_interview(db):
    with pytest.raises(SheetError, match="no interview with id 4242"):
        interview_sheet(4242)


# Blank sheets ----------------------------------------------------------------------------


def test_blank_sheet_for_a_category(sample_db):
    sheet = blank_sheet(category="advice")
    bank = [q.text for q in Question.select().where(
        (Question.category == "advice") & ~Question.hidden).order_by(Question.position)]
    assert [q.text for q in sheet.questions] == bank
    shown = text_of(sheet.html)
    assert shown.startswith("Questions: Advice")
    assert "Name ____" in shown and "Organization ____" in shown
    assert sheet.footer == "Questions: Advice"
    assert sheet.filename == "questions-advice.pdf"


def test_blank_sheet_leaves_out_hidden_questions(sample_db):
    hidden = Question.select().where(Question.category == "advice").first()
    hidden.hidden = True
    hidden.save()
    assert hidden.text not in [q.text for q in blank_sheet(category="advice").questions]


def test_blank_sheet_of_picked_questions_keeps_their_order(sample_db):
    picked = [q.id for q in Question.select().order_by(Question.id.desc()).limit(3)]
    sheet = blank_sheet(question_ids=picked, heading="Riverton career fair")
    assert [q.text for q in sheet.questions] == [Question.get_by_id(i).text for i in picked]
    assert text_of(sheet.html).startswith("Riverton career fair")
    assert sheet.filename == "riverton-career-fair.pdf"


def test_blank_sheet_of_the_whole_bank(sample_db):
    sheet = blank_sheet()
    assert len(sheet.questions) == Question.select().where(~Question.hidden).count()
    categories = [q.category for q in sheet.questions]
    assert categories == sorted(categories, key=list(QUESTION_CATEGORIES).index)
    tiara = [c for c in dict.fromkeys(categories) if c in TIARA_ORDER]
    assert tiara == list(TIARA_ORDER)  # Trends, Insights, Advice, Resources, Assignments


def test_blank_sheet_errors(sample_db):
    with pytest.raises(SheetError, match="no questions in the category 'My own'"):
        blank_sheet(category="own")
    with pytest.raises(SheetError, match="unknown question category"):
        blank_sheet(category="gossip")
    with pytest.raises(SheetError, match="no question with id 9999"):
        blank_sheet(question_ids=[1, 9999])


# Which interview a person's menu prints ---------------------------------------------------


def test_interview_for_person_prefers_the_next_one(db):
    person = Person.create(first_name="Ann")
    now = datetime.datetime(2026, 5, 1, 12, 0)
    assert interview_for_person(person.id, now) is None
    past = make_interview(person, scheduled_at=now - datetime.timedelta(days=9), status="done")
    assert interview_for_person(person.id, now) == past.id
    planning = make_interview(person, scheduled_at=None)
    assert interview_for_person(person.id, now) == planning.id
    later = make_interview(person, scheduled_at=now + datetime.timedelta(days=20))
    sooner = make_interview(person, scheduled_at=now + datetime.timedelta(days=2))
    make_interview(person, scheduled_at=now + datetime.timedelta(days=1), status="cancelled")
    assert interview_for_person(person.id, now) == sooner.id
    assert later.id != sooner.id
