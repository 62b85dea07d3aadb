"""Printed sheets read back from the PDF; preview, export, the blank-sheet dialog, the actions."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from netdesk.core.changes import Changes
from netdesk.core.sheet import blank_sheet, interview_sheet
from netdesk.db.models import (
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    Profile,
    Question,
)
from netdesk.render import sheet_pages
from netdesk.render.sheet_pages import (
    SheetLayout,
    locale_page_size_name,
    page_size_named,
    render_page_image,
    write_sheet_pdf,
)
from netdesk.ui.sheets import printing
from netdesk.ui.sheets.blank_sheet_dialog import BlankSheetDialog
from netdesk.ui.sheets.printing import (
    SheetActions,
    export_interview_sheet_pdf,
    open_blank_sheet_dialog,
    person_sheet_actions,
    print_interview_sheet,
)

A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)


def pdf_pages(path: Path) -> list[str]:
    """Each page's text with whitespace collapsed (wrapped lines joined) and ligatures
    such as 'ﬁ' spelled out."""
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
            for page in PdfReader(path).pages]


def assert_in_order(text: str, pieces: list[str]) -> None:
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= 0, f"{piece!r} missing (or out of order) after position {at}"
        at = found + len(piece)


def make_interview(count: int, *, first_name="Ann", minutes=3, **fields) -> Interview:
    organization = Organization.create(name=f"Riverside Clinic {first_name}")
    person = Person.create(first_name=first_name, last_name="Lee", job_title="Epidemiologist",
                           organization=organization, email="ann.lee@example.org")
    fields.setdefault("scheduled_at", datetime.datetime(2026, 3, 6, 14, 30))
    fields.setdefault("mode", "video")
    fields.setdefault("place", "https://meet.example/ann")
    interview = Interview.create(person=person, **fields)
    categories = ("career_path", "environment", "organization", "advice")
    for n in range(count):
        InterviewQuestion.create(
            interview=interview, position=n, category=categories[n * 4 // max(count, 1)],
            minutes=minutes, text=f"Question number {n + 1} about the work, asked in order?")
    return interview


@pytest.fixture
def pdf(tmp_path):
    def write(sheet, page_size="A4", name="sheet.pdf"):
        path = tmp_path / name
        pages = write_sheet_pdf(sheet, path, page_size)
        assert len(PdfReader(path).pages) == pages
        return path

    return write


# The PDF, read back -----------------------------------------------------------------------


def test_every_chosen_question_prints_in_order(sample_db, pdf):
    interview = Interview.select().where(Interview.status == "scheduled").first()
    chosen = [q.text for q in interview.questions.order_by(InterviewQuestion.position)]
    assert len(chosen) == 8
    text = " ".join(pdf_pages(pdf(interview_sheet(interview.id))))
    assert_in_order(text, [f"{n}. {q}" for n, q in enumerate(chosen, start=1)])


def test_header_fields_print(sample_db, pdf):
    interview = Interview.select().where(Interview.mode == "in_person").first()
    person = interview.person
    first_page = pdf_pages(pdf(interview_sheet(interview.id)))[0]
    when = interview.scheduled_at
    assert_in_order(first_page, [
        f"Informational interview with {person.full_name}",
        f"{person.job_title}, {person.organization.name}",
        f"{when:%A} {when.day} {when:%B %Y}, {when:%H:%M}",
        "In person", interview.place, interview.career_field.name, person.email,
        "MY ELEVATOR PITCH", Profile.get().pitch[:40],
        "On the day: in person", "Be on time",
    ])


def test_footer_has_the_name_and_page_numbers(db, pdf):
    pages = pdf_pages(pdf(interview_sheet(make_interview(12).id)))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Ann Lee · Fri 6 Mar 2026" in text


def test_page_count_is_sensible_for_5_and_40_questions(db, pdf):
    five = len(pdf_pages(pdf(interview_sheet(make_interview(5).id), name="five.pdf")))
    forty = len(pdf_pages(pdf(interview_sheet(make_interview(40, first_name="Bo").id),
                              name="forty.pdf")))
    assert 1 <= five <= 3
    assert five < forty <= 14


def test_user_text_prints_literally(db, pdf):
    interview = make_interview(2, first_name="<b>Ann</b>", place="<i>Room & 5</i>",
                               mode="in_person")
    interview.questions.first()
    InterviewQuestion.update(text="Is <u>this</u> & that fine?").where(
        InterviewQuestion.interview == interview, InterviewQuestion.position == 0).execute()
    text = " ".join(pdf_pages(pdf(interview_sheet(interview.id))))
    assert "Informational interview with <b>Ann</b> Lee" in text
    assert "<i>Room & 5</i>" in text
    assert "1. Is <u>this</u> & that fine?" in text
    assert "<b>Ann</b> Lee · Fri 6 Mar 2026" in text


@pytest.mark.parametrize(("name", "size"), [("A4", A4), ("Letter", LETTER), ("letter", LETTER)])
def test_page_sizes(db, pdf, name, size):
    path = pdf(interview_sheet(make_interview(3).id), name)
    for page in PdfReader(path).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=1)


def test_video_link_is_clickable_in_the_pdf(db, pdf):
    def links(path):
        return [a.get_object()["/A"]["/URI"] for page in PdfReader(path).pages
                for a in (page.get("/Annots") or [])]

    web = pdf(interview_sheet(make_interview(1).id), name="web.pdf")
    assert links(web) == ["https://meet.example/ann"]
    odd = make_interview(1, first_name="Bo", place="javascript:alert(1)")
    assert links(pdf(interview_sheet(odd.id), name="odd.pdf")) == []


def test_pdf_metadata(db, pdf):
    reader = PdfReader(pdf(interview_sheet(make_interview(1).id)))
    assert reader.metadata.title == "Questions for Ann Lee"


def test_blank_sheet_pdf(sample_db, pdf):
    sheet = blank_sheet(category="advice")
    text = " ".join(pdf_pages(pdf(sheet, "Letter")))
    assert_in_order(text, ["Questions: Advice", "Name", "Organization", "Date"]
                    + [q.text for q in sheet.questions] + ["Before you say goodbye"])


def test_write_leaves_nothing_behind_on_failure(db, tmp_path, monkeypatch):
    sheet = interview_sheet(make_interview(1).id)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "sheet.pdf"
    target.write_bytes(b"the old file")

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(sheet_pages, "render_sheet", broken)
    with pytest.raises(OSError, match="disk full"):
        write_sheet_pdf(sheet, target, "A4")
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in out.iterdir()] == ["sheet.pdf"]


def test_unwritable_folder_raises_oserror(db, tmp_path):
    with pytest.raises(OSError):
        write_sheet_pdf(interview_sheet(make_interview(1).id), tmp_path / "no" / "x.pdf", "A4")


# Page breaks -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 17, 40])
@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_no_question_is_split_from_its_note_space(db, tmp_path, count, size):
    sheet = interview_sheet(make_interview(count, minutes=4).id)
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setResolution(sheet_pages.PDF_RESOLUTION)
    writer.setPageLayout(sheet_pages.sheet_page_layout(page_size_named(size)))
    layout = SheetLayout(sheet, writer)
    spans = layout.frame_pages()
    assert all(first == last for first, last in spans), spans
    assert spans[-1][1] == layout.page_count - 1
    assert len({first for first, _ in spans}) == layout.page_count  # no empty pages


def test_a_block_taller_than_a_page_still_prints(db, pdf):
    Profile.create(pitch="\n".join(f"Line {n} of a very long pitch." for n in range(120)))
    text = " ".join(pdf_pages(pdf(interview_sheet(make_interview(2).id))))
    assert "Line 0 of" in text and "Line 119 of" in text
    assert "2. Question number 2" in text


def test_natural_height_of_a_block_split_by_the_page(db, tmp_path):
    from PySide6.QtGui import QPdfWriter

    Profile.create(pitch="\n".join(f"Line {n} of a very long pitch." for n in range(90)))
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setResolution(sheet_pages.PDF_RESOLUTION)
    writer.setPageLayout(sheet_pages.sheet_page_layout(page_size_named("A4")))
    layout = SheetLayout(interview_sheet(make_interview(3).id), writer)
    frames = layout.document.rootFrame().childFrames()
    rects = [layout.document.documentLayout().frameBoundingRect(f) for f in frames]
    spans = layout.frame_pages()
    pitch = next(i for i, (first, last) in enumerate(spans) if first != last)
    assert layout._natural_height(pitch) < rects[pitch].height()  # the page gap is left out
    whole = next(i for i, (first, last) in enumerate(spans) if first == last and i > pitch)
    assert layout._natural_height(whole) == pytest.approx(rects[whole].height(), abs=1)


def test_a_question_sits_whole_on_one_page_of_the_pdf(db, pdf):
    pages = pdf_pages(pdf(interview_sheet(make_interview(40).id)))
    for n in range(1, 41):
        holding = [p for p in pages if f"Question number {n} about the work, asked in order?" in p]
        assert len(holding) == 1, n


# Paper from the locale -------------------------------------------------------------------


def test_paper_from_the_locale():
    assert locale_page_size_name(QLocale("en_US")) == "Letter"
    assert locale_page_size_name(QLocale("fr_CA")) == "Letter"
    assert locale_page_size_name(QLocale("es_MX")) == "Letter"
    assert locale_page_size_name(QLocale("en_GB")) == "A4"
    assert locale_page_size_name(QLocale("de_DE")) == "A4"
    assert page_size_named("letter").id() == QPageSize.PageSizeId.Letter
    with pytest.raises(ValueError, match="B5"):
        page_size_named("B5")


def test_saved_paper_choice_wins_over_the_locale(qapp):
    QSettings().setValue(printing.PAGE_SIZE_KEY, "Letter")
    assert printing.preferred_page_size_name() == "Letter"
    QSettings().setValue(printing.PAGE_SIZE_KEY, "nonsense")
    assert printing.preferred_page_size_name() == locale_page_size_name()
    QSettings().remove(printing.PAGE_SIZE_KEY)


def test_page_image_is_black_on_white_even_with_a_dark_theme(db, qapp):
    from netdesk.ui.common.theme import dark_palette

    before = qapp.palette()
    qapp.setPalette(dark_palette())
    try:
        image = render_page_image(interview_sheet(make_interview(3).id), 0, dpi=60)
    finally:
        qapp.setPalette(before)
    assert image.pixelColor(5, 5).name() == "#ffffff"
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, 200, 3)
               if image.pixelColor(x, y).lightness() < 80)
    assert dark > 50  # the title is printed in black


# From the application --------------------------------------------------------------------


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_print_preview_shows_every_page(db, parent, qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    interview = make_interview(20)
    dialog = print_interview_sheet(parent, interview.id)
    qtbot.addWidget(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    expected = SheetLayout(interview_sheet(interview.id), dialog.printer_).page_count
    assert preview.pageCount() == expected >= 2
    assert "Ann Lee" in dialog.windowTitle()
    assert dialog.printer_.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    dialog.close()


def test_printer_page_range_is_honoured(db, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    sheet = interview_sheet(make_interview(30).id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(sheet_pages.sheet_page_layout(page_size_named("A4")))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert sheet_pages.render_sheet(sheet, printer) == 2
    pages = pdf_pages(tmp_path / "printed.pdf")
    assert len(pages) == 2
    assert "Page 2 of" in pages[0] and "Page 3 of" in pages[1]


def test_print_unknown_interview_explains(db, parent, monkeypatch):
    shown = []
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: shown.append(box.text()))
    assert print_interview_sheet(parent, 777) is None
    assert "no interview with id 777" in shown[0]


def test_export_pdf_asks_for_a_file_and_writes_it(db, parent, tmp_path, monkeypatch):
    interview = make_interview(4)
    asked = []

    def save_name(_parent, caption, start, file_filter):
        asked.append((caption, start, file_filter))
        return str(tmp_path / "ann"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    path = export_interview_sheet_pdf(parent, interview.id)
    assert path == tmp_path / "ann.pdf"
    assert "Ann Lee" in " ".join(pdf_pages(path))
    assert asked[0][1].endswith("questions-ann-lee-2026-03-06.pdf")
    assert "*.pdf" in asked[0][2]
    # The next export starts in the folder used last.
    export_interview_sheet_pdf(parent, interview.id)
    assert asked[1][1] == str(tmp_path / "questions-ann-lee-2026-03-06.pdf")


def test_export_pdf_cancelled_writes_nothing(db, parent, tmp_path, monkeypatch):
    before = sorted(tmp_path.rglob("*"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert export_interview_sheet_pdf(parent, make_interview(1).id) is None
    assert not [p for p in tmp_path.rglob("*.pdf*") if p not in before]


def test_export_pdf_failure_is_explained(db, parent, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "missing" / "x.pdf"), ""))
    shown = []
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: shown.append(box.text()))
    assert export_interview_sheet_pdf(parent, make_interview(1).id) is None
    assert "could not be saved" in shown[0] and "x.pdf" in shown[0]


# The blank-sheet dialog -------------------------------------------------------------------


@pytest.fixture
def dialog(sample_db, parent, qtbot):
    dialog = open_blank_sheet_dialog(parent)
    qtbot.addWidget(dialog)
    return dialog


def test_blank_dialog_by_category(dialog, qtbot, tmp_path, monkeypatch):
    assert dialog.isVisible()
    dialog.category.setCurrentIndex(dialog.category.findData("advice"))
    count = Question.select().where(Question.category == "advice").count()
    assert dialog.summary.text().startswith(f"{count} questions")
    qtbot.keyClicks(dialog.heading, "Spring <career> fair")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _c, start, f: (str(tmp_path / Path(start).name), f))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    path = tmp_path / "spring-career-fair.pdf"
    text = " ".join(pdf_pages(path))
    assert text.startswith("Spring <career> fair")
    assert Question.select().where(Question.category == "advice").first().text in text


def test_blank_dialog_picked_questions_and_paper(dialog, qtbot, tmp_path, monkeypatch):
    items = dialog._question_items()
    for item in (items[5], items[1]):
        dialog.questions.setCurrentItem(item)
        qtbot.keyClick(dialog.questions, Qt.Key.Key_Space)
        assert item.checkState() == Qt.CheckState.Checked
    assert dialog.by_hand.isChecked()  # ticking switches to picking by hand
    assert not dialog.category.isEnabled()
    assert dialog.summary.text().startswith("2 questions")
    dialog.paper.setCurrentText("Letter")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "picked.pdf"), ""))
    dialog.pdf_button.click()
    reader = PdfReader(tmp_path / "picked.pdf")
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612, abs=1)
    text = " ".join(pdf_pages(tmp_path / "picked.pdf"))
    bank_order = [items[1].data(Qt.ItemDataRole.UserRole), items[5].data(Qt.ItemDataRole.UserRole)]
    assert_in_order(text, [f"1. {Question.get_by_id(bank_order[0]).text}",
                           f"2. {Question.get_by_id(bank_order[1]).text}"])
    assert QSettings().value(printing.PAGE_SIZE_KEY) == "Letter"
    QSettings().remove(printing.PAGE_SIZE_KEY)


def test_blank_dialog_needs_something_to_print(dialog):
    dialog.by_hand.setChecked(True)
    assert not dialog.preview_button.isEnabled() and not dialog.pdf_button.isEnabled()
    assert "Tick at least one question" in dialog.summary.text()
    dialog.by_category.setChecked(True)
    dialog.category.setCurrentIndex(dialog.category.findData("own"))
    assert not dialog.pdf_button.isEnabled()
    assert "no questions yet" in dialog.summary.text()
    assert dialog.category.currentText() == "My own (0)"


def test_blank_dialog_filter(dialog, qtbot):
    qtbot.keyClicks(dialog.filter, "professional groups")
    shown = [i for i in dialog._question_items() if not i.isHidden()]
    assert len(shown) == 1 and "professional groups" in shown[0].text()
    headers = [dialog.questions.item(r) for r in range(dialog.questions.count())
               if dialog.questions.item(r).data(Qt.ItemDataRole.UserRole) is None]
    assert [h.text() for h in headers if not h.isHidden()] == ["Advice"]
    dialog.filter.clear()
    assert not any(i.isHidden() for i in dialog._question_items())


def test_blank_dialog_follows_the_bank(dialog, events):
    before = len(dialog._question_items())
    dialog.set_picked([dialog._question_items()[0].data(Qt.ItemDataRole.UserRole)])
    Question.create(text="My very own question?", category="own", minutes=2)
    events.publish(Changes(questions=True))
    assert len(dialog._question_items()) == before + 1
    assert dialog.category.itemText(dialog.category.findData("own")) == "My own (1)"
    assert len(dialog.picked_ids()) == 1  # ticks survive the reload


def test_blank_dialog_preview(dialog, qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    dialog.category.setCurrentIndex(dialog.category.findData("career_path"))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview_dialog = dialog.findChild(QDialog, None,
                                      Qt.FindChildOption.FindDirectChildrenOnly)
    assert preview_dialog is not None
    preview = preview_dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    preview_dialog.close()


# Actions ---------------------------------------------------------------------------------


def test_sheet_actions_follow_the_selection(db, parent, monkeypatch, events):
    interview = make_interview(2)
    selected = {"interview": None, "person": None}
    actions = SheetActions(parent, lambda: selected["interview"], lambda: selected["person"])
    for action in actions.actions():
        assert action.text() and action.statusTip()
    assert actions.print_action.shortcut().toString() == "Ctrl+P"
    assert not actions.print_action.isEnabled()
    selected["person"] = interview.person_id
    actions.update_enabled()  # the window calls it when the selection changes
    assert actions.print_action.isEnabled()
    Interview.delete().execute()
    events.publish(Changes(interviews=frozenset({0})))
    assert not actions.print_action.isEnabled()
    interview = make_interview(2, first_name="Cy")
    selected["person"] = interview.person_id
    events.publish(Changes(interviews=frozenset({0})))
    assert actions.print_action.isEnabled() and actions.export_pdf_action.isEnabled()
    opened = []
    monkeypatch.setattr(printing, "print_interview_sheet", lambda p, i: opened.append(i))
    actions.print_action.trigger()
    assert opened == [interview.id]
    written = []
    actions.sheet_written.connect(written.append)
    monkeypatch.setattr(printing, "export_interview_sheet_pdf", lambda p, i: Path(f"/x/{i}.pdf"))
    actions.export_pdf_action.trigger()
    assert written == [f"/x/{interview.id}.pdf"]


def test_blank_sheet_action_opens_the_dialog(sample_db, parent, qtbot):
    actions = SheetActions(parent, lambda: None)
    actions.blank_sheet_action.trigger()
    dialog = parent.findChild(BlankSheetDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()


def test_person_context_menu_actions(db, parent, monkeypatch):
    nobody = Person.create(first_name="Zed")
    disabled = person_sheet_actions(parent, nobody.id)
    assert [a.isEnabled() for a in disabled] == [False, False]
    assert "No interview" in disabled[0].statusTip()
    interview = make_interview(1)
    opened = []
    monkeypatch.setattr(printing, "print_interview_sheet", lambda p, i: opened.append(i))
    print_action, export_action = person_sheet_actions(parent, interview.person_id)
    print_action.trigger()
    assert opened == [interview.id]
    assert export_action.isEnabled()


def test_wiring_into_the_main_window(sample_window, qtbot, monkeypatch):
    """The wiring the main window is meant to use: actions that follow the selected person."""
    window = sample_window
    actions = SheetActions(window, lambda: None, lambda: (
        window.editor.person_id or window.contact_tree.selected_person_id()))
    window.contact_tree.person_selected.connect(lambda _id: actions.update_enabled())
    for action in actions.actions():
        window.file_menu.insertAction(window.quit_action, action)
    window.contact_tree.view.addAction(actions.print_action)
    fatima = Person.get(Person.first_name == "Fatima")
    window.select_person(fatima.id)
    actions.update_enabled()
    assert actions.print_action.isEnabled()
    opened = []
    monkeypatch.setattr(printing, "preview_sheet", lambda parent, sheet: opened.append(sheet))
    actions.print_action.trigger()
    assert opened and opened[0].footer.startswith("Fatima Noor")
    tom = Person.get(Person.first_name == "Tom")
    window.select_person(tom.id)
    actions.update_enabled()
    assert not actions.print_action.isEnabled()
