"""The vocabulary: one label per stored word, for every word list, in the list's order."""

from __future__ import annotations

import pytest

from netdesk.core import vocabulary
from netdesk.db import models

WORD_LISTS = [
    (vocabulary.RELATIONSHIP_LABELS, models.RELATIONSHIPS),
    (vocabulary.STAGE_LABELS, models.STAGES),
    (vocabulary.SECTOR_LABELS, ("", *models.SECTORS)),
    (vocabulary.MODE_LABELS, models.INTERVIEW_MODES),
    (vocabulary.MODE_PHRASES, models.INTERVIEW_MODES),
    (vocabulary.PLACE_LABELS, models.INTERVIEW_MODES),
    (vocabulary.STATUS_LABELS, models.INTERVIEW_STATUSES),
    (vocabulary.CATEGORY_LABELS, models.QUESTION_CATEGORIES),
    (vocabulary.INTERACTION_LABELS, models.INTERACTION_KINDS),
    (vocabulary.FOLLOW_UP_LABELS, models.FOLLOW_UP_KINDS),
    (vocabulary.TEMPLATE_KIND_LABELS, models.TEMPLATE_KINDS),
    (vocabulary.ENTRY_KIND_LABELS, models.ENTRY_KINDS),
    (vocabulary.LAMP_PASS_LABELS, models.LAMP_PASSES),
    (vocabulary.LAMP_PASS_SHORT_LABELS, models.LAMP_PASSES),
    (vocabulary.INTRODUCTION_LABELS, models.INTRODUCTION_STATUSES),
]


@pytest.mark.parametrize("labels, words", WORD_LISTS)
def test_every_stored_word_has_one_label_in_order(labels, words):
    assert tuple(labels) == tuple(words)
    assert all(label.strip() for label in labels.values())


def test_the_old_names_are_the_vocabulary_itself():
    from netdesk.core import checklists, followups, people

    assert people.RELATIONSHIP_LABELS is vocabulary.RELATIONSHIP_LABELS
    assert people.SECTOR_LABELS is vocabulary.SECTOR_LABELS
    assert checklists.MODE_LABELS is vocabulary.MODE_LABELS
    assert followups.KIND_LABELS is vocabulary.FOLLOW_UP_LABELS


def test_one_wording_where_copies_disagreed():
    assert vocabulary.SECTOR_LABELS["private"] == "Private sector"
    assert vocabulary.RELATIONSHIP_LABELS["referral"] == "Referred to me"
    assert vocabulary.MODE_LABELS["phone"] == "Phone call"
