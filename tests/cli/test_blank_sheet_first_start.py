"""``netdesk sheet --blank`` before netdesk was ever started: the shipped question bank."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader

from netdesk.app import main
from netdesk.paths import resource_path


@pytest.fixture(autouse=True)
def _application(qapp):
    return qapp


@pytest.fixture
def empty_home(tmp_path, monkeypatch):
    """Per-user folders that do not exist yet, and no NETDESK_DB."""
    home = tmp_path / "home"
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.delenv("NETDESK_DB", raising=False)
    return home


def pdf_text(path) -> str:
    return " ".join(unicodedata.normalize("NFKC", " ".join(
        (page.extract_text() or "") for page in PdfReader(path).pages)).split())


def shipped(category: str) -> list[str]:
    questions = json.loads(resource_path("questions.json").read_text("utf-8"))["questions"]
    return [q["text"] for q in questions if q["category"] == category]


def test_blank_category_sheet_from_the_shipped_bank_in_a_new_process(empty_home, tmp_path):
    """As typed by someone who just installed netdesk: no display, no data folder."""
    target = tmp_path / "x.pdf"
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "sheet", "--blank", "--category", "advice",
         "-o", str(target)], capture_output=True, text=True, timeout=120, env=environment)
    assert result.returncode == 0, result.stderr
    advice = shipped("advice")
    assert f"{len(advice)} questions from the default question bank" in result.stdout
    text = pdf_text(target)
    assert text.startswith("Questions: Advice")
    assert all(" ".join(question.split())[:30] in text for question in advice)
    assert not empty_home.exists()  # no database, no data folder, no backups


def test_picked_questions_have_the_ids_a_new_database_gives_them(empty_home, tmp_path, db):
    """``--question 2`` prints the same question before and after the first start."""
    from netdesk.core.question_bank import ensure_default_questions
    from netdesk.db.models import Question

    ensure_default_questions()
    second = Question.get_by_id(2).text
    db.close()
    target = tmp_path / "picked.pdf"
    assert main(["sheet", "--blank", "--question", "2", "-o", str(target)]) == 0
    assert " ".join(second.split())[:40] in pdf_text(target)
    assert not empty_home.exists()


def test_an_unknown_category_is_still_a_clear_error(empty_home, tmp_path, capsys):
    assert main(["sheet", "--blank", "--category", "gossip", "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert "unknown question category" in capsys.readouterr().err
    assert not empty_home.exists()


@pytest.mark.parametrize("how", ["--db", "NETDESK_DB"])
def test_a_database_named_but_missing_is_still_reported(empty_home, tmp_path, capsys,
                                                       monkeypatch, how):
    """Naming a file that is not there is more likely a typo than a first start."""
    missing = tmp_path / "typo.sqlite3"
    arguments = ["sheet", "--blank", "-o", str(tmp_path / "x.pdf")]
    if how == "--db":
        arguments += ["--db", str(missing)]
    else:
        monkeypatch.setenv("NETDESK_DB", str(missing))
    assert main(arguments) == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "x.pdf").exists()


def test_an_interview_sheet_still_needs_a_database(empty_home, tmp_path, capsys):
    assert main(["sheet", "1", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not empty_home.exists()
