"""``python -m tests.shots.shots_method OUTDIR WIDTHxHEIGHT SCALE``: the method mode's
windows (the reach-out page with the outreach checker, the research page's hints, the
TIARA questions, the LAMP list and its introduction requests) and Find Duplicates, in
light and dark, each alone (``NAME-MODE.png``) and as the screen shows it
(``NAME-MODE-screen.png``), on a screen of the given size and scale."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from tests.shots.screen_script import run

LAMP_SAMPLE = (
    ("King County Public Health", "dream", 3, 3),
    ("Seattle Water Partners", "alumni", 2, 2),
    ("Northwest Climate Fund", "posting", 3, 1),
    ("City of Tacoma", "trending", 1, 2),
    ("Cascade Data Works", "alumni", 2, 3),
    ("Puget Sound Trust", "dream", 0, 1),
)
"""Name, pass it was found in, motivation, posting."""


def _sample_method_data() -> None:
    """A LAMP list, one introduction request and one likely duplicate."""
    from netdesk.core.introductions import record_asked
    from netdesk.core.lamp import add_organization, set_scores
    from netdesk.db.models import Person, Profile

    for name, found_in, motivation, posting in LAMP_SAMPLE:
        entry = add_organization(name, found_in).id
        set_scores(entry, motivation=motivation, posting=posting)
    people = list(Person.select().order_by(Person.id))
    today = datetime.date.today()
    record_asked(people[0].id, people[3].id, "Would you introduce me?",
                 today - datetime.timedelta(days=4))
    Profile.update(
        answer_about_me="A geography graduate who maps public health data.",
        answer_why_field="Maps of clinics and bus lines decide who gets care.",
        answer_why_organization="Your county's outbreak dashboards are the ones I learn from.",
    ).execute()
    fatima = Person.get(Person.first_name == "Fatima")
    Person.create(first_name=fatima.first_name, last_name=fatima.last_name,
                  email=fatima.email, job_title="Epidemiologist",
                  source="LinkedIn import")


def _windows(window, fatima: int):
    from netdesk.ui.people.duplicates_dialog import DuplicatesDialog

    plan = window.interview_actions.plan(person_id=fatima)
    plan.next()
    yield "method-research", plan
    plan.next()
    yield "method-reach-out", plan
    plan.next()
    yield "method-tiara-questions", plan
    plan.questions.picker.tiara_button.click()
    yield "method-tiara-chosen", plan
    plan.button(plan.WizardButton.CustomButton1).click()  # Save for later
    lamp = window.lamp_action.opened()
    yield "lamp-list", lamp
    lamp.tabs.setCurrentIndex(1)
    yield "lamp-requests", lamp
    duplicates = DuplicatesDialog(window.undo_stack, window)
    yield "find-duplicates", duplicates


KEPT_OPEN = ("method-research", "method-reach-out", "method-tiara-questions", "lamp-list")
"""Shots whose window the next shot goes on using."""


def _prepare() -> None:
    from PySide6.QtCore import QSettings

    from netdesk.ui.method.method_settings import ENABLED_KEY

    QSettings().setValue(ENABLED_KEY, True)
    _sample_method_data()


def _shots(window, _db_path):
    from netdesk.db.models import Person

    return _windows(window, Person.get(Person.first_name == "Fatima").id)


def main(argv: list[str]) -> int:
    return run(argv, "netdesk-shots-method-", _shots, _prepare,
               hide_after=lambda name: name not in KEPT_OPEN, finish=_tiara_sheet)


def _tiara_sheet(outdir: Path) -> None:
    """The TIARA interview saved above, printed to PDF, and its pages as PNGs."""
    from netdesk.core.sheet import interview_sheet
    from netdesk.db.models import Interview
    from netdesk.render.sheet_pages import render_page_image, write_sheet_pdf

    sheet = interview_sheet(Interview.select().order_by(Interview.id.desc()).first().id)
    pages = write_sheet_pdf(sheet, outdir / "tiara-sheet.pdf", "A4")
    for page in range(pages):
        render_page_image(sheet, page, dpi=90).save(
            str(outdir / f"tiara-sheet-page-{page + 1}.png"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
