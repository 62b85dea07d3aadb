"""The outreach checker's verdicts on good and bad first messages."""

import pytest

from netdesk.core.outreach_check import MAX_WORDS, check

GOOD = """Dear Ms. Okafor,

Priya Natarajan suggested I write to you. Your work on river restoration at the agency is
what I hope to learn about. I am finishing a degree in environmental science and would value
your advice on how you moved into water policy. Could we talk for 20 minutes next week?

Best regards,
Ana Lima"""

JOB_REQUEST = """Hi,
I am looking for a job in water policy and I saw you are hiring. I attached my resume.
I have five years of experience and I am a hard worker. Please let me know if there are
any openings.
Thanks"""


def _verdicts(message, connections=()):
    return {hint.key: hint.ok for hint in check(message, connections)}


def test_a_good_message_passes_every_check():
    assert _verdicts(GOOD) == dict.fromkeys(
        ("short", "insight", "connection", "question", "about_them"), True)


def test_a_job_request_is_flagged_with_the_words_that_make_it_one():
    hints = {hint.key: hint for hint in check(JOB_REQUEST)}
    assert not hints["insight"].ok
    for word in ("job", "hiring", "resume", "openings"):
        assert f"“{word}”" in hints["insight"].headline
    assert not hints["question"].ok and not hints["about_them"].ok
    assert all(hint.why for hint in hints.values())


@pytest.mark.parametrize(("message", "key", "ok"), [
    ("Hello,\n" + "word " * (MAX_WORDS + 1) + "?", "short", False),
    ("Hello,\n" + "word " * (MAX_WORDS - 5) + "?", "short", True),
    ("", "short", False),
    ("Could you tell me about your path?", "question", True),
    ("Could you tell me about your path?\n\nThanks,\nAna", "question", True),
    ("Tell me about your path.\n\nThanks,\nAna", "question", False),
    ("As a fellow alumna of Leeds, I would love your view. Could we talk?", "connection", True),
    ("I read your article on wetlands. Could we talk?", "connection", True),
    ("I want to learn about wetlands. Could we talk?", "connection", False),
    ("Is there a position for me?", "insight", False),
    ("Is your team applying new methods?", "insight", False),  # "applying" reads as a job
    ("What trends do you see in the field?", "insight", True),
    ("I, me, my: I want my chance. Could you help?", "about_them", False),
])
def test_each_check_on_samples(message, key, ok):
    assert _verdicts(message)[key] is ok


def test_the_referrer_named_first_states_the_connection():
    message = "Maria Okafor thought we should talk. Could we meet?"
    assert not _verdicts(message)["connection"]
    assert _verdicts(message, ("Maria Okafor",))["connection"]


def test_a_denied_job_word_is_no_request():
    assert _verdicts("I'm not looking for a job opening. Could we talk?")["insight"]
    assert _verdicts("I am not asking about jobs. Could we talk?")["insight"]
    assert not _verdicts("Not sure, but do you have a job for me?")["insight"]


def test_the_default_outreach_templates_pass_filled_in():
    from netdesk.core.templates import default_templates, render

    values = {"person_first_name": "Ana", "referrer_name": "Sam Lee",
              "career_field": "public health", "organization": "Acme Health",
              "my_name": "Jordan Avery", "my_degree": "BA Geography",
              "my_school": "Riverton University", "person_job_title": "Epidemiologist",
              "my_email": "jordan@example.org"}
    for template in default_templates():
        if template["kind"] == "outreach":
            body = render(template["body"], values)
            failed = [h.headline for h in check(body, ("Sam Lee",)) if not h.ok]
            assert failed == [], (template["name"], failed)
