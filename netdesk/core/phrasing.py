"""Putting what the user typed into a sentence: case mid-sentence, "a" or "an", lists.

Profile and person fields are typed as labels ("Water policy", "Program Director",
"UX research") and read wrong when dropped mid-sentence as they are. These helpers
lower-case the words that are common nouns and keep the ones that are not:
acronyms and words with capitals inside ("UX", "NASA", "iOS", "PhD"), and a short
list of proper nouns people often put in a profile ("Python", "Excel", "Spanish").
A word capitalised in the middle of sentence-case text ("policy at the United
Nations") is taken to be a proper noun and kept.
"""

from __future__ import annotations

import re

PROPER_NOUNS = frozenset("""
    python java javascript typescript kotlin swift ruby perl scala haskell julia matlab
    fortran cobol rust django flask react angular vue linux unix android excel powerpoint
    outlook tableau salesforce figma photoshop illustrator indesign autocad revit solidworks
    arcgis qgis stata spss jupyter github gitlab docker kubernetes aws azure google microsoft
    apple amazon meta linkedin wikipedia oracle sap
    english spanish french german italian portuguese dutch russian polish ukrainian greek
    turkish arabic hebrew persian farsi hindi urdu bengali punjabi tamil chinese mandarin
    cantonese japanese korean vietnamese thai indonesian malay swahili yoruba igbo hausa
    amharic zulu latin
    africa african america american americas asia asian europe european australia
    australian canada canadian mexico mexican britain british england english scotland
    scottish ireland irish wales welsh india indian china japan brazil brazilian
    nigeria nigerian kenya kenyan ghana ghanaian egypt egyptian france germany italy spain
    latinx indigenous arctic antarctic atlantic pacific mediterranean caribbean
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    i
""".split())
"""Lower-case forms of words kept capitalised wherever they stand."""

SMALL_WORDS = frozenset("a an and as at by for from in into of on or per the to via vs with"
                        .split())
"""Words a Title Case label leaves in lower case ("Director of Public Health")."""

_WORD_CORE = re.compile(r"^[^\w]*(\w(?:[\w'’.-]*\w)?)")
_SPACES = re.compile(r"(\s+)")
_LIST_SEPARATOR = re.compile(r"\s*(?:[;\n]|,(?!\d))\s*")


def _core(word: str) -> str:
    """The word without the punctuation around it and without a possessive 's."""
    match = _WORD_CORE.match(word)
    core = match.group(1) if match else ""
    for ending in ("'s", "’s"):
        if core.lower().endswith(ending):
            core = core[: -len(ending)]
    return core


def keeps_case(word: str) -> bool:
    """True for a word whose capitals must stay: an acronym, a capital inside, a proper noun."""
    core = _core(word)
    letters = [c for c in core if c.isalpha()]
    if not letters:
        return True
    if any(c.isupper() for c in core[1:]):  # UX, NASA, iOS, PhD, McKinsey, Covid-19 stays
        return True
    if any(c.isdigit() for c in core):
        return True
    return core.lower() in PROPER_NOUNS or any(
        part in PROPER_NOUNS for part in re.split(r"[-'’]", core.lower()) if part)


def _capitalised(word: str) -> bool:
    core = _core(word)
    return bool(core) and core[0].isupper()


def _lower_word(word: str) -> str:
    if keeps_case(word) or not _capitalised(word):
        return word
    index = next(i for i, c in enumerate(word) if c.isalpha())
    return word[:index] + word[index].lower() + word[index + 1:]


def _is_title_case(words: list[str]) -> bool:
    """Two or more words, each one that matters capitalised: a label such as a job title."""
    significant = [w for w in words if _core(w) and _core(w).lower() not in SMALL_WORDS]
    return len(significant) >= 2 and all(_capitalised(w) for w in significant)


def mid_sentence(text: str, *, keep_after_acronym: bool = False) -> str:
    """``text`` as it reads inside a sentence: 'Program Director' → 'program director',
    'Water policy' → 'water policy'; 'UX research', 'Python' and 'NASA' stay as they are.

    Each item of a list (commas, semicolons, lines) is treated on its own. With
    ``keep_after_acronym`` a label that starts with an acronym is a name and stays
    whole ('MSc Data Science').
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    parts = re.split(r"(\s*[,;]\s*)", text)
    return "".join(part if index % 2 else _item_mid_sentence(part, keep_after_acronym)
                   for index, part in enumerate(parts))


def _item_mid_sentence(item: str, keep_after_acronym: bool) -> str:
    pieces = _SPACES.split(item)
    words = [p for p in pieces if p and not p.isspace()]
    if not words:
        return item
    if _is_title_case(words):
        if keep_after_acronym and keeps_case(words[0]) and _core(words[0]).lower() \
                not in PROPER_NOUNS:
            return item
        return "".join(p if p.isspace() else _lower_word(p) for p in pieces)
    first = next(i for i, p in enumerate(pieces) if p and not p.isspace())
    pieces[first] = _lower_word(pieces[first])
    return "".join(pieces)


def sentence_start(text: str) -> str:
    """``text`` with its first letter capitalised (as it reads at the start of a sentence)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
    return text


def article(phrase: str) -> str:
    """'a' or 'an' before ``phrase``, by its sound: 'an MSc', 'a BA', 'an hour', 'a user'."""
    word = _core(phrase.strip().split(" ")[0] if phrase.strip() else "")
    if not word:
        return "a"
    letters = [c for c in word if c.isalpha()]
    spelled = len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2  # BA, MSc, UX, MBA
    if spelled or len(word) == 1:
        return "an" if word[0].upper() in "AEFHILMNORSX" else "a"
    lower = word.lower()
    if lower.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    if lower.startswith(("uni", "use", "usu", "uti", "ura", "uro", "eu", "ew", "one", "once",
                         "ubi", "uk")):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def join_list(text: str) -> str:
    """Items typed one a line, or with commas or semicolons → 'a, b and c'.

    A list that already joins its last item with 'and' or 'or' is left so.
    """
    items = [" ".join(i.split()) for i in _LIST_SEPARATOR.split((text or "").strip())]
    items = [i for i in items if i]
    if len(items) <= 1:
        return items[0] if items else ""
    if re.search(r"\b(and|or)\b", items[-1]):
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def end_sentence(text: str) -> str:
    """``text`` ending in a full stop (a question or exclamation mark is kept)."""
    text = text.rstrip(" ,;:.")
    if not text:
        return ""
    return text if text.endswith(("?", "!")) else text + "."
