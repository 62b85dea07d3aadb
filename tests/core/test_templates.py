import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdesk.core.templates import (
    PLACEHOLDERS,
    context,
    default_templates,
    ensure_default_templates,
    missing_text,
    placeholders_in,
    render,
    restore_default_templates,
    templates_of,
    unknown_placeholders,
)
from netdesk.db.models import (
    CareerField,
    Interview,
    Organization,
    Person,
    Profile,
    Referral,
    Template,
)


def test_render_fills_values():
    text = "Dear {person_first_name}, {referrer_name} suggested I write. — {my_name}"
    values = {"person_first_name": "Ana", "referrer_name": "Sam Lee", "my_name": "Jo"}
    assert render(text, values) == "Dear Ana, Sam Lee suggested I write. — Jo"


def test_missing_values_render_as_bracketed_hints():
    text = "Dear {person_first_name}, {referrer_name} suggested I write about {career_field}."
    assert render(text, {"person_first_name": "  "}) == (
        "Dear [their first name], [who referred you] suggested I write about "
        "[the career field]."
    )


def test_unknown_placeholders_and_stray_braces_never_crash():
    assert render("Hi {nmae} {0} { } {", {}) == "Hi [unknown: nmae] {0} { } {"
    assert unknown_placeholders("{my_name} {nmae} {my_name}") == ["nmae"]
    assert placeholders_in("{a} {b} {a}") == ["a", "b"]
    assert missing_text("my_name") == "[your name]"


@given(st.text())
def test_render_never_raises(text):
    assert isinstance(render(text, {"my_name": "Jo"}), str)


def test_every_shipped_template_uses_known_placeholders():
    templates = default_templates()
    assert {t["kind"] for t in templates} == {"outreach", "thank_you", "keep_in_touch"}
    for template in templates:
        assert unknown_placeholders(template["subject"] + template["body"]) == []
    outreach = " ".join(t["body"] for t in templates if t["kind"] == "outreach")
    assert "not" in outreach and "job" in outreach  # to learn, not to ask for a job


def test_context_from_database(db):
    Profile.create(name="Jordan Avery", degree="BA Geography", school="Riverton University")
    organization = Organization.create(name="Acme")
    referrer = Person.create(first_name="Sam", last_name="Lee")
    person = Person.create(first_name="Ana", last_name="Ruiz", job_title="Planner",
                           organization=organization)
    Referral.create(referrer=referrer, referred=person)
    field = CareerField.create(name="Urban planning")
    interview = Interview.create(person=person, career_field=field, advice="Join the APA.",
                                 scheduled_at=datetime.datetime(2026, 3, 3, 10))
    values = context(interview_id=interview.id)
    assert values["my_name"] == "Jordan Avery"
    assert values["person_first_name"] == "Ana"
    assert values["organization"] == "Acme"
    assert values["referrer_name"] == "Sam Lee"
    assert values["career_field"] == "Urban planning"
    assert values["interview_date"] == "Tuesday 3 March"
    assert values["advice"] == "Join the APA."
    overridden = context(person.id, career_field="Transport", referrer_id=None)
    assert overridden["career_field"] == "Transport"


def test_context_with_nothing_known(db):
    values = context()
    body = default_templates()[0]["body"]
    rendered = render(body, values)
    assert "[your name]" in rendered and "[their first name]" in rendered
    assert set(PLACEHOLDERS) >= set(placeholders_in(body))


def test_seeding_and_restoring_defaults(db):
    assert ensure_default_templates().templates
    assert Template.select().count() == len(default_templates())
    assert not ensure_default_templates()
    outreach = templates_of("outreach")
    assert len(outreach) == 2 and all(t.is_default for t in outreach)
    Template.create(name="Mine", kind="outreach", body="Hello {person_first_name}")
    Template.update(body="changed").where(Template.is_default).execute()
    Template.delete().where(Template.kind == "thank_you").execute()
    assert restore_default_templates().templates
    assert Template.get(Template.name == "Mine").body == "Hello {person_first_name}"
    assert Template.select().where(Template.is_default).count() == len(default_templates())
    assert not Template.select().where(Template.body == "changed").exists()


@pytest.mark.parametrize("kind", ["outreach", "thank_you", "keep_in_touch"])
def test_templates_of_each_kind(db, kind):
    ensure_default_templates()
    assert templates_of(kind)


def test_save_and_delete_templates(db):
    from netdesk.core.templates import delete_template, preview_values, save_template

    saved = save_template(None, "  My   note ", "thank_you", " Thanks ", "Hi {x}")
    template_id = saved.id
    assert saved.templates
    template = Template.get_by_id(template_id)
    assert (template.name, template.subject, template.is_default) == ("My note", "Thanks", False)
    with pytest.raises(ValueError, match="name"):
        save_template(template_id, "", "thank_you", "", "body")
    with pytest.raises(ValueError, match="Choose"):
        save_template(template_id, "n", "letter", "", "body")
    with pytest.raises(ValueError, match="empty"):
        save_template(template_id, "n", "outreach", "", "  ")
    assert Template.get_by_id(template_id).body == "Hi {x}"
    assert delete_template(template_id).templates
    assert Template.select().count() == 0
    assert not delete_template(template_id)
    assert preview_values()["person_first_name"] == "Alex"


@pytest.mark.parametrize(("values", "expected"), [
    ({"person_job_title": "Program director", "career_field": "Public Health"},
     "I'm curious about your role as program director in public health."),
    ({"person_job_title": "Senior UX Designer", "career_field": "UX research"},
     "I'm curious about your role as senior UX designer in UX research."),
    ({"person_job_title": "NASA engineer", "career_field": "Python development"},
     "I'm curious about your role as NASA engineer in Python development."),
])
def test_values_read_as_part_of_the_sentence(values, expected):
    text = "I'm curious about your role as {person_job_title} in {career_field}."
    assert render(text, values) == expected


def test_articles_agree_and_sentence_starts_are_capitalised():
    text = "I'm a {my_degree} student. {career_field} is what I explore; a {person_job_title}."
    rendered = render(text, {"my_degree": "MSc Economics", "career_field": "public health",
                             "person_job_title": "Engineer"})
    assert rendered == "I'm an MSc Economics student. Public health is what I explore; " \
                       "an engineer."
    assert render("A {my_degree} student", {"my_degree": "Economics"}) == \
        "An economics student"


def test_names_and_addresses_stay_as_typed():
    text = "{organization} and {person_name}\n{my_email}"
    assert render(text, {"organization": "the Water Trust", "person_name": "de la Cruz",
                         "my_email": "jo@example.org"}) == \
        "the Water Trust and de la Cruz\njo@example.org"


def test_shipped_templates_read_naturally_for_a_varied_profile(db):
    values = {"person_first_name": "Ana", "referrer_name": "Sam Lee",
              "career_field": "Public Health", "organization": "Example Foundation",
              "my_name": "Jo", "my_degree": "MSc Economics", "my_school": "LSE",
              "person_job_title": "Program Director", "my_email": "jo@example.org"}
    bodies = "\n".join(render(t["body"], values) for t in default_templates())
    assert "role as program director" in bodies
    assert "an MSc Economics student" in bodies
    assert "work in public health at Example Foundation" in bodies
    assert "\njo@example.org" in bodies
    assert "Program Director" not in bodies and "Public Health" not in bodies
