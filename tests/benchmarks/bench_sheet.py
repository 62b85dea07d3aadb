"""Question sheet to PDF: a 40-question interview, in process, against Qt's own
``QTextDocument.print_`` of the same HTML (no kept-together questions, no footer)."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from tests.benchmarks.report import report, timed

QUESTIONS = 40
GOAL_MS = 300


def build(folder: Path) -> int:
    """A database holding the sample network and one interview with 40 questions."""
    from netdesk.core.demo import populate_sample
    from netdesk.db import open_database
    from netdesk.db.models import Interview, InterviewQuestion, Person, Question

    open_database(folder / "bench.sqlite3")
    populate_sample()
    bank = list(Question.select().order_by(Question.position))
    interview = Interview.create(
        person=Person.get(Person.first_name == "Fatima"), mode="video",
        scheduled_at=datetime.datetime(2026, 3, 6, 14, 30), place="https://meet.example/f")
    for position in range(QUESTIONS):
        question = bank[position % len(bank)]
        InterviewQuestion.create(interview=interview, question=question, position=position,
                                 text=question.text, category=question.category, minutes=1)
    return interview.id


def main() -> None:
    from PySide6.QtGui import QGuiApplication, QPdfWriter, QTextDocument

    from netdesk.core.sheet import interview_sheet
    from netdesk.render.sheet_pages import (
        PDF_RESOLUTION,
        page_size_named,
        sheet_page_layout,
        write_sheet_pdf,
    )

    QGuiApplication.instance() or QGuiApplication([])
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-sheet-"))
    interview_id = build(folder)
    target = folder / "sheet.pdf"
    pages = write_sheet_pdf(interview_sheet(interview_id), target, "A4")  # warm up fonts

    def netdesk_sheet() -> None:
        write_sheet_pdf(interview_sheet(interview_id), target, "A4")

    def plain_qt() -> None:
        writer = QPdfWriter(str(folder / "plain.pdf"))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(sheet_page_layout(page_size_named("A4")))
        document = QTextDocument()
        document.setHtml(interview_sheet(interview_id).html)
        document.print_(writer)

    baseline = timed(plain_qt, repeat=7)
    figure = timed(netdesk_sheet, repeat=7)
    report(f"sheet_{QUESTIONS}_questions_{pages}_pages_to_pdf", figure, "ms", baseline=baseline,
           goal=f"< {GOAL_MS} ms")
    report("sheet_per_page", figure / pages, "ms")


if __name__ == "__main__":
    main()
