"""Screenshots of the dashboard, a person's timeline, Preferences and the "Record a no" dialog."""

from __future__ import annotations

from netdesk.db.models import Person


def shots(window):
    from netdesk.ui.dashboard.dashboard import DashboardWidget
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog
    from netdesk.ui.people.decline_dialog import DeclineDialog
    from netdesk.ui.people.timeline import TimelineWidget

    dashboard = DashboardWidget()
    dashboard.resize(1100, 820)
    yield "dashboard", dashboard

    helen = Person.get(Person.first_name == "Helen")
    timeline = TimelineWidget(helen.id)
    timeline.resize(560, 560)
    yield "timeline", timeline

    preferences = PreferencesDialog(window)
    yield "preferences", preferences

    # Shown before recording, so the sample network stays as it is for later shots.
    fatima = Person.get(Person.first_name == "Fatima")
    yield "record-a-no", DeclineDialog(fatima.id, window)
