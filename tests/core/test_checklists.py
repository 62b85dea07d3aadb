import pytest

from netdesk.core.checklists import (
    RESEARCH_CHECKLIST,
    day_of_checklist,
    format_research_checklist,
    parse_research_checklist,
)
from netdesk.db.models import INTERVIEW_MODES


@pytest.mark.parametrize("mode", INTERVIEW_MODES)
def test_day_of_checklist_per_mode(mode):
    items = day_of_checklist(mode)
    assert len(items) >= 6 and all(isinstance(i, str) and i for i in items)


def test_modes_differ():
    assert any("camera" in i for i in day_of_checklist("video"))
    assert not any("camera" in i for i in day_of_checklist("phone"))
    assert any("arrive" in i for i in day_of_checklist("in_person"))


def test_research_checklist_round_trip():
    stored = format_research_checklist({"why_them", "bio", "bogus"})
    assert stored == "bio,why_them"
    assert parse_research_checklist(stored + ",bogus") == {"bio", "why_them"}
    assert parse_research_checklist("") == set()
    assert set(RESEARCH_CHECKLIST) >= {"bio", "organization_site", "why_them"}
