"""InterviewActions: the interview QActions and the windows they open, ready to put in menus.

The main window creates one InterviewActions, adds its actions to the Interviews
menu, the toolbar and the person context menu, and connects
``print_sheet_requested`` to the part of the app that prints.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from netdesk.ui.common.actions import make_action
from netdesk.ui.interviews.debrief_banner import DebriefBanner


class InterviewActions(QObject):
    """Plan, open, debrief; the question bank & templates; the profile & pitch.

    ``current_person`` returns the person selected in the main window (or None),
    for "Plan Interview with This Person…".
    """

    print_sheet_requested = Signal(int)
    """Print the question sheet of this interview (the main window connects the printer)."""
    status_message = Signal(str)

    def __init__(self, parent: QWidget, current_person: Callable[[], int | None] = lambda: None):
        super().__init__(parent)
        self.window = parent
        self.current_person = current_person
        self._open: dict[int, QWidget] = {}
        self._dialogs: list[QWidget] = []
        self._list: QWidget | None = None
        self.plan_action = make_action(self,
            "&Plan Interview…", self.plan, "Ctrl+I",
            "Plan an informational interview: whom, research, message, questions, date",
            "appointment-new")
        self.plan_with_person_action = make_action(self,
            "Plan &Interview with This Person…", self.plan_with_current_person, None,
            "Plan an informational interview with the selected person", "appointment-new")
        self.open_action = make_action(self,
            "&Open Interview…", self.choose_interview_to_open, "Ctrl+Shift+I",
            "Run an interview: its questions, notes per question, a timer", "document-open")
        self.debrief_action = make_action(self,
            "&Debrief…", self.choose_interview_to_debrief, "Ctrl+Shift+D",
            "After an interview: evaluate it, thank them, add who they suggested", "mail-reply")
        self.list_action = make_action(self,
            "&All Interviews…", self.show_list, None,
            "Every interview by where it stands and when: open, debrief or print one")
        self.bank_action = make_action(self,
            "&Question Bank && Templates…", self.show_bank, None,
            "Add, edit or hide questions; edit the message templates")
        self.profile_action = make_action(self,
            "&My Profile && Pitch…", self.show_profile, None,
            "Your degree, interests and what you seek; your elevator pitch and its length")
        self.banner = DebriefBanner(parent)
        """Put it under the toolbar; it shows itself while interviews wait for a debrief."""
        self.banner.debrief_requested.connect(self.debrief)
        self.banner.choose_requested.connect(self.choose_interview_to_debrief)

    def menu_actions(self) -> list[QAction | None]:
        """For the Interviews menu, in order; None marks a separator."""
        return [self.plan_action, self.open_action, self.debrief_action, self.list_action, None,
                self.bank_action, self.profile_action]

    # Opening -------------------------------------------------------------------------------

    def plan(self, person_id: int | None = None, interview_id: int | None = None):
        """Open the Plan-an-interview wizard (for a person, or reopening a plan)."""
        from netdesk.ui.interviews.interview_wizard import InterviewWizard

        wizard = InterviewWizard(interview_id=interview_id, person_id=person_id,
                                 parent=self.window)
        wizard.print_sheet_requested.connect(self.print_sheet_requested)
        wizard.interview_saved.connect(
            lambda _id: self.status_message.emit("Interview plan saved."))
        self._keep(wizard)
        wizard.open()
        return wizard

    def plan_with_current_person(self):
        person_id = self.current_person()
        if person_id is None:
            self.status_message.emit("Select a person first.")
        return self.plan(person_id=person_id)

    def open_interview(self, interview_id: int):
        """Show the interview window (one per interview; an open one is raised)."""
        from netdesk.ui.interviews.interview_window import InterviewWindow

        window = self._open.get(interview_id)
        if window is None:
            window = InterviewWindow(interview_id)
            window.print_sheet_requested.connect(self.print_sheet_requested)
            window.destroyed.connect(lambda _obj=None, i=interview_id: self._open.pop(i, None))
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._open[interview_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def debrief(self, interview_id: int):
        from netdesk.ui.interviews.debrief_wizard import DebriefWizard

        wizard = DebriefWizard(interview_id, parent=self.window)
        wizard.debrief_saved.connect(
            lambda _id: self.status_message.emit("Debrief saved."))
        self._keep(wizard)
        wizard.open()
        return wizard

    def choose_interview_to_open(self):
        return self._pick("open", self.open_interview)

    def choose_interview_to_debrief(self):
        return self._pick("debrief", self.debrief)

    def _pick(self, purpose: str, then):
        from netdesk.ui.interviews.interview_picker import InterviewPicker

        picker = InterviewPicker(purpose, self.window)
        picker.interview_chosen.connect(then)
        self._keep(picker)
        picker.open()
        return picker

    def show_list(self):
        """The list of every interview: one window, raised when already open."""
        from netdesk.ui.interviews.interview_list import InterviewList

        window = self._list if self._list is not None and _alive(self._list) else None
        if window is None:
            window = self._list = InterviewList(self.window)
            window.open_requested.connect(self.open_interview)
            window.debrief_requested.connect(self.debrief)
            window.print_requested.connect(self.print_sheet_requested)
            window.plan_requested.connect(lambda: self.plan())
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_bank(self):
        from netdesk.ui.interviews.bank_dialog import BankDialog

        dialog = BankDialog(self.window)
        self._keep(dialog)
        dialog.open()
        return dialog

    def show_profile(self):
        from netdesk.ui.interviews.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.window)
        dialog.profile_saved.connect(lambda: self.status_message.emit("Profile saved."))
        self._keep(dialog)
        dialog.open()
        return dialog

    # Debriefs due --------------------------------------------------------------------------

    def offer_debriefs(self, now: datetime.datetime | None = None) -> DebriefBanner | None:
        """If interviews have passed without a debrief, show the banner (never a box that
        takes the keyboard); return it when shown, else None.

        The banner also looks again by itself, on a timer and when interviews change.
        """
        return self.banner if self.banner.refresh(now) else None

    # Helpers -------------------------------------------------------------------------------

    def _keep(self, widget: QWidget) -> None:
        self._dialogs = [d for d in self._dialogs if _alive(d) and d.isVisible()]
        self._dialogs.append(widget)


def _alive(widget: QWidget) -> bool:
    try:
        widget.isVisible()
    except RuntimeError:
        return False
    return True

