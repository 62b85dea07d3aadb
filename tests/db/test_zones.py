"""The user's zone comes from NETDESK_TZ, then TZ, then the system; wall times meet DST here."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from netdesk.db import zones

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("netdesk_tz, tz, expected", [
    ("Europe/Berlin", "Asia/Tokyo", "Europe/Berlin"),
    ("", "Asia/Tokyo", "Asia/Tokyo"),
    ("Not/AZone", ":America/New_York", "America/New_York"),
    ("", "/usr/share/zoneinfo/Europe/Lisbon", "Europe/Lisbon"),
])
def test_the_system_zone_is_read_from_the_environment_each_time(
        monkeypatch, netdesk_tz, tz, expected):
    monkeypatch.setenv("NETDESK_TZ", netdesk_tz)
    monkeypatch.setenv("TZ", tz)
    assert zones.system_zone().key == expected


def test_without_variables_the_configured_zone_is_used(monkeypatch):
    monkeypatch.delenv("NETDESK_TZ", raising=False)
    monkeypatch.delenv("TZ", raising=False)
    assert isinstance(zones.system_zone(), ZoneInfo)


def test_gaps_and_repeats_are_told_apart():
    assert zones.is_gap(datetime.datetime(2026, 3, 29, 2, 30), BERLIN)
    assert not zones.is_gap(datetime.datetime(2026, 3, 29, 3, 0), BERLIN)
    assert zones.is_repeated(datetime.datetime(2026, 10, 25, 2, 30), BERLIN)
    assert not zones.is_repeated(datetime.datetime(2026, 10, 25, 3, 0), BERLIN)
    assert zones.resolve(datetime.datetime(2026, 3, 29, 2, 30), BERLIN).hour == 3


def test_a_repeated_time_is_shown_with_its_offset_name():
    first = zones.resolve(datetime.datetime(2026, 10, 25, 2, 30), BERLIN)
    second = zones.resolve(datetime.datetime(2026, 10, 25, 2, 30, fold=1), BERLIN)
    assert (zones.clock(first), zones.clock(second)) == ("02:30 CEST", "02:30 CET")
    assert zones.clock(datetime.datetime(2026, 10, 25, 4, 0, tzinfo=BERLIN)) == "04:00"
    assert "the first time, 02:30 CEST, not 02:30 CET" in zones.overlap_message(
        datetime.datetime(2026, 10, 25, 2, 30), BERLIN)


def test_an_instant_is_stored_as_naive_utc_and_a_naive_one_is_refused():
    moment = datetime.datetime(2026, 12, 2, 15, 0, tzinfo=BERLIN)
    assert zones.storage(moment) == datetime.datetime(2026, 12, 2, 14, 0)
    with pytest.raises(ValueError, match="time zone"):
        zones.storage(datetime.datetime(2026, 12, 2, 15, 0))
