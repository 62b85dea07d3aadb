from dataclasses import dataclass

from netdesk.core.interview_plan import (
    CONVERSATION_ORDER,
    WRAP_MINUTES,
    suggest_balanced,
    time_budget,
)
from netdesk.core.question_bank import default_questions
from netdesk.db.models import QUESTION_CATEGORIES


@dataclass
class Q:
    category: str
    minutes: int
    text: str = ""


def test_budget_fits_is_tight_or_over():
    fits = time_budget([3, 4, 5], 30)
    assert (fits.total, fits.offered, fits.over, fits.tight, fits.spare) == (12, 30, False,
                                                                             False, 18)
    assert "18 min to spare" in fits.summary()
    tight = time_budget([10, 10, 7], 30)
    assert tight.tight and not tight.over and "tight" in tight.summary()
    over = time_budget([10, 10, 12], 30)
    assert over.over and "2 min over" in over.summary()
    assert time_budget([], 20).summary().endswith("choose a few questions.")


def test_conversation_order_covers_every_category():
    assert set(CONVERSATION_ORDER) == set(QUESTION_CATEGORIES)


def test_balanced_set_draws_from_every_category_and_fits():
    bank = [Q(**q) for q in default_questions()]
    chosen = suggest_balanced(bank, 30 - WRAP_MINUTES)
    assert sum(q.minutes for q in chosen) <= 25
    assert {q.category for q in chosen} >= {"career_path", "environment", "organization",
                                             "advice"}
    ranks = [CONVERSATION_ORDER.index(q.category) for q in chosen]
    assert ranks == sorted(ranks)
    assert chosen[-1].category == "advice"


def test_balanced_set_keeps_advice_when_time_is_short():
    bank = [Q("career_path", 3), Q("environment", 3), Q("organization", 3), Q("advice", 2)]
    chosen = suggest_balanced(bank, 5)
    assert [q.category for q in chosen] == ["career_path", "advice"]


def test_balanced_set_edge_cases():
    assert suggest_balanced([], 30) == []
    assert suggest_balanced([Q("advice", 10)], 5) == []
    small = [Q("career_path", 1) for _ in range(4)]
    assert len(suggest_balanced(small, 100)) == 4
