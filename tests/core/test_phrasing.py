"""Profile and person fields read naturally inside sentences."""

import pytest

from netdesk.core.phrasing import article, end_sentence, join_list, keeps_case, mid_sentence


@pytest.mark.parametrize(("typed", "inside"), [
    ("Water policy", "water policy"),
    ("Program director", "program director"),
    ("Program Director", "program director"),
    ("Director of Public Health", "director of public health"),
    ("Senior UX Designer", "senior UX designer"),
    ("UX research", "UX research"),
    ("NASA missions", "NASA missions"),
    ("Python development", "Python development"),
    ("Spanish teaching", "Spanish teaching"),
    ("Water policy at the United Nations", "water policy at the United Nations"),
    ("iOS apps", "iOS apps"),
    ("Public health, Urban planning", "public health, urban planning"),
    ("public health", "public health"),
    ("  Data   science ", "data science"),
])
def test_mid_sentence_lowers_common_nouns_and_keeps_names(typed, inside):
    assert mid_sentence(typed) == inside


def test_a_label_that_starts_with_an_acronym_can_stay_whole():
    assert mid_sentence("MSc Data Science", keep_after_acronym=True) == "MSc Data Science"
    assert mid_sentence("Economics", keep_after_acronym=True) == "economics"


@pytest.mark.parametrize(("word", "kept"), [
    ("UX", True), ("PhD", True), ("McKinsey", True), ("Python", True), ("Excel's", True),
    ("Water", False), ("Director", False), ("covid-19", True),
])
def test_keeps_case(word, kept):
    assert keeps_case(word) is kept


@pytest.mark.parametrize(("phrase", "word"), [
    ("MSc student", "an"), ("BA student", "a"), ("MBA", "an"), ("economics", "an"),
    ("hour", "an"), ("user researcher", "a"), ("university", "a"), ("UX designer", "a"),
    ("engineer", "an"), ("policy analyst", "a"), ("", "a"),
])
def test_article_follows_the_sound(phrase, word):
    assert article(phrase) == word


def test_join_list_and_end_sentence():
    assert join_list("a, b, c") == "a, b and c"
    assert join_list("maps\nwater; cities") == "maps, water and cities"
    assert join_list("water, cities and maps") == "water, cities and maps"
    assert join_list("one thing") == "one thing"
    assert join_list("") == ""
    assert end_sentence("done...") == "done."
    assert end_sentence("really?") == "really?"
