"""``netdesk sheet``: interview and blank sheets to PDF, page sizes, clear errors, no display."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader

from netdesk.app import main
from netdesk.core.demo import write_sample_database


@pytest.fixture(autouse=True)
def _application(qapp):
    """The suite's QApplication, so the command finds it rather than making a bare one."""
    return qapp


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("sheet-cli") / "sample.sqlite3"
    write_sample_database(path)
    return path


def pdf_text(path) -> str:
    return " ".join(unicodedata.normalize("NFKC", " ".join(
        (page.extract_text() or "") for page in PdfReader(path).pages)).split())


def interview_ids(path) -> list[int]:
    import sqlite3

    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM interview ORDER BY id")]


def run_netdesk(*arguments, env=None):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "netdesk", *arguments], capture_output=True,
                          text=True, timeout=120, env={**environment, **(env or {})})


def test_interview_sheet_without_a_display(sample_file, tmp_path):
    """A separate process with no DISPLAY and no QT_QPA_PLATFORM: it goes offscreen."""
    target = tmp_path / "sheet.pdf"
    interview = interview_ids(sample_file)[0]
    result = run_netdesk("sheet", str(interview), "-o", str(target), "--db", str(sample_file),
                         "--page-size", "Letter")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {target}" in result.stdout and "8 questions" in result.stdout
    reader = PdfReader(target)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612, abs=1)
    text = pdf_text(target)
    assert "Informational interview with Helen Marsh" in text
    assert "Walk me through a typical week" in text


def test_blank_sheet_for_a_category(sample_file, tmp_path, capsys):
    target = tmp_path / "advice.pdf"
    assert main(["--db", str(sample_file), "sheet", "--blank", "--category", "advice",
                 "-o", str(target), "--page-size", "a4"]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert float(PdfReader(target).pages[0].mediabox.height) == pytest.approx(841.9, abs=1)
    text = pdf_text(target)
    assert text.startswith("Questions: Advice")
    assert "Are there professional groups" in text or "professional groups" in text


def test_blank_sheet_of_picked_questions_with_a_heading(sample_file, tmp_path):
    target = tmp_path / "fair.pdf"
    assert main(["sheet", "--blank", "--question", "3", "--question", "1", "--heading",
                 "Career fair", "-o", str(target), "--db", str(sample_file)]) == 0
    text = pdf_text(target)
    assert text.startswith("Career fair")
    assert text.index("1. How did you end up") < text.index("2. Walk me through")


def test_page_size_defaults_to_the_locale(sample_file, tmp_path, monkeypatch):
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("en_US"))
    try:
        target = tmp_path / "us.pdf"
        assert main(["sheet", "1", "-o", str(target), "--db", str(sample_file)]) == 0
        assert float(PdfReader(target).pages[0].mediabox.width) == pytest.approx(612, abs=1)
        QLocale.setDefault(QLocale("de_DE"))
        target = tmp_path / "de.pdf"
        assert main(["sheet", "1", "-o", str(target), "--db", str(sample_file)]) == 0
        assert float(PdfReader(target).pages[0].mediabox.width) == pytest.approx(595.3, abs=1)
    finally:
        QLocale.setDefault(QLocale.system())


@pytest.mark.parametrize(("arguments", "message"), [
    (["sheet", "4242", "-o", "{out}"], "there is no interview with id 4242"),
    (["sheet", "-o", "{out}"], "give an INTERVIEW_ID, or --blank"),
    (["sheet", "1", "--blank", "-o", "{out}"], "not both"),
    (["sheet", "1", "--category", "advice", "-o", "{out}"], "go with --blank"),
    (["sheet", "--blank", "--category", "gossip", "-o", "{out}"], "unknown question category"),
    (["sheet", "--blank", "--category", "own", "-o", "{out}"], "no questions in the category"),
    (["sheet", "--blank", "--question", "999", "-o", "{out}"], "no question with id 999"),
    (["sheet", "--blank", "--category", "advice", "--question", "1", "-o", "{out}"],
     "either --category or --question"),
    (["sheet", "1", "-o", "{dir}/sheet.txt"], "must end in .pdf"),
    (["sheet", "1", "-o", "{dir}/missing/sheet.pdf"], "does not exist"),
])
def test_bad_requests_exit_2_with_a_clear_message(sample_file, tmp_path, capsys, arguments,
                                                  message):
    out = tmp_path / "x.pdf"
    filled = [a.format(out=out, dir=tmp_path) for a in arguments]
    assert main([*filled, "--db", str(sample_file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netdesk sheet: ") and message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_missing_database_is_not_created(tmp_path, capsys):
    missing = tmp_path / "nothing.sqlite3"
    assert main(["sheet", "1", "-o", str(tmp_path / "x.pdf"), "--db", str(missing)]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists()


def test_a_file_that_is_not_a_database(tmp_path, capsys):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("just notes\n")
    assert main(["sheet", "1", "-o", str(tmp_path / "x.pdf"), "--db", str(notes)]) == 2
    assert "cannot open the database" in capsys.readouterr().err
    assert notes.read_text() == "just notes\n"


def test_unknown_page_size_is_a_usage_error(sample_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["sheet", "1", "-o", str(tmp_path / "x.pdf"), "--page-size", "B5"])
    assert stop.value.code == 2
    assert "choose A4 or Letter" in capsys.readouterr().err


def test_help_shows_examples(capsys):
    with pytest.raises(SystemExit):
        main(["sheet", "--help"])
    out = capsys.readouterr().out
    assert "--blank" in out and "--page-size" in out and "netdesk sheet 12 -o" in out
