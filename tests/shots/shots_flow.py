"""The daily flow: the debrief strip, All Interviews, All Follow-ups, quick capture."""

from __future__ import annotations


def shots(window):
    window.interview_actions.offer_debriefs()
    yield "main-debrief-banner", window
    yield "interview-list", window.interview_actions.show_list()
    window.follow_ups_action.trigger()
    yield "follow-up-list", window.follow_ups_action.opened[0]
    window.quick_capture_action.trigger()
    popup = window.quick_capture_action.popup[0]
    popup.name.setText("Ana Ruiz, Acme Health")
    popup.note.setText("met at the career fair")
    yield "quick-capture", popup
