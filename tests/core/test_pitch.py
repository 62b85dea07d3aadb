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
