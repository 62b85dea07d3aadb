import pytest

from netdesk.core.pitch import (
    TARGET_SECONDS,
    WORDS_PER_MINUTE,
    draft_pitch,
    pitch_length,
    spoken_seconds,
    word_count,
)


def test_word_count_ignores_punctuation():
    assert word_count("") == 0
    assert word_count("Hi, I'm Jordan — a senior at Riverton.") == 7
    assert word_count("  — ... !") == 0
    assert word_count("health-programme planning") == 2


def test_spoken_seconds_at_a_typical_rate():
    assert WORDS_PER_MINUTE == 130
    assert spoken_seconds("word " * 130) == 60
    assert spoken_seconds("word " * 65) == 30
    assert spoken_seconds("word") == 1


def test_pitch_length_against_the_target():
    ok = pitch_length("word " * 60)
    assert not ok.over and "within the 30-second target" in ok.summary()
    long = pitch_length("word " * 100)
    assert long.over and long.seconds - TARGET_SECONDS == 17
    assert "cut about 35 words" in long.summary()
    assert "short" in pitch_length("word " * 10).summary()
    assert pitch_length("").summary().startswith("Empty")


def test_draft_pitch_uses_the_profile():
    text = draft_pitch("Jordan", "BA Geography", "Riverton University", "public health",
                       "statistics", "An entry-level role")
    assert text.startswith("Hi, I'm Jordan, a BA Geography student at Riverton University.")
    assert "an entry-level role" in text
    empty = draft_pitch("", "", "", "", "", "")
    assert empty == "Hi. I'd love to hear how you got into your field."


@pytest.mark.parametrize(("profile", "expected", "never"), [
    (("Ana", "MSc Data Science", "Leeds", "Water policy, Urban planning, NASA missions",
      "Python, Data analysis; fieldwork", "To learn how agencies hire"),
     "Hi, I'm Ana, an MSc Data Science student at Leeds. I'm interested in water policy, "
     "urban planning and NASA missions. I bring Python, data analysis and fieldwork. Right "
     "now I'd like to learn how agencies hire. I'd love to hear how you got into your field.",
     "looking for to"),
    (("Li", "Economics", "", "Program Management", "UX research and Excel",
      "Internships in water policy"),
     "Hi, I'm Li, an economics student. I'm interested in program management. I bring UX "
     "research and Excel. Right now I'm looking for internships in water policy.",
     "Program Management"),
    (("", "", "City College", "to work on climate", "I can run workshops",
      "learning how hospitals buy software"),
     "Hi, I'm studying at City College. I hope to work on climate. I can run workshops. "
     "Right now I'm learning how hospitals buy software.", "looking for learning"),
    (("Sam", "BA History", "LSE", "I love maps", "can code in R", "Looking for a mentor."),
     "Hi, I'm Sam, a BA History student at LSE. I love maps. I can code in R. Right now I'm "
     "looking for a mentor.", "looking for looking"),
    (("Kim", "", "", "In Healthcare Administration", "", "I'm looking for a mentor"),
     "Hi, I'm Kim. I'm interested in healthcare administration. Right now I'm looking for a "
     "mentor.", "in In"),
])
def test_draft_pitch_reads_naturally_for_varied_profiles(profile, expected, never):
    text = draft_pitch(*profile)
    assert text.startswith(expected)
    assert never not in text
    assert ".." not in text and "  " not in text
