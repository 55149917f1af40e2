"""The hour clocks: 5 h to the first authoritative release and 24 h to a press conference for
major events, in elapsed hours (nights and holidays count), configurable per level."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.testing import aware
from gongkai.response import services
from gongkai.response.choices import ClockKind, EventLevel, ResponseKind, SourceKind
from gongkai.response.clocks import compute_clocks, event_clocks, format_duration
from gongkai.response.models import ResponseClockRule
from gongkai.workdays import is_working_day

from .conftest import HOLIDAY_NIGHT

SHANGHAI = ZoneInfo("Asia/Shanghai")


def record(city, *, level=EventLevel.MAJOR, first_seen_at=HOLIDAY_NIGHT, now=None, **extra):
    return services.event_record(
        reported_by=city.city,
        title="滨江街道一小区自来水出现异味",
        source_kind=SourceKind.SELF_MEDIA,
        summary="多名居民在短视频平台反映自来水有异味，转发量较大。",
        level=level,
        first_seen_at=first_seen_at,
        place=city.town,
        subject=city.health,
        actor=city.city_office,
        now=now or first_seen_at + timedelta(minutes=20),
        **extra,
    )


def clocks_of(event, now):
    return {c.kind: c for c in event_clocks(event, now)}


def test_major_event_first_seen_on_a_holiday_night_runs_in_hours(city):
    assert not is_working_day(HOLIDAY_NIGHT.date())
    event = record(city)
    clocks = clocks_of(event, aware(2025, 10, 2, 1, 0))
    first, press = clocks[ClockKind.FIRST_RELEASE], clocks[ClockKind.PRESS_CONFERENCE]
    # 22:30 + 5 h = 03:30 the next morning, still a holiday; + 24 h = 22:30 the next day.
    assert first.due_at == datetime(2025, 10, 2, 3, 30, tzinfo=SHANGHAI)
    assert press.due_at == datetime(2025, 10, 2, 22, 30, tzinfo=SHANGHAI)
    assert first.remaining == timedelta(hours=2, minutes=30)
    assert first.state == "running" and not first.overdue and first.running
    assert press.remaining == timedelta(hours=21, minutes=30)


def test_due_times_are_exact_in_utc(city):
    event = record(city)
    first = clocks_of(event, HOLIDAY_NIGHT)[ClockKind.FIRST_RELEASE]
    assert first.due_at.astimezone(UTC) == datetime(2025, 10, 1, 19, 30, tzinfo=UTC)


def test_first_release_within_five_hours_meets_the_first_clock(city):
    event = record(city)
    services.response_record(
        event=event,
        kind=ResponseKind.AUTHORITATIVE,
        released_at=aware(2025, 10, 2, 3, 0),
        summary="经检测，供水水质符合国家标准，异味系管网冲洗所致。",
        actor=city.health_office,
        now=aware(2025, 10, 2, 3, 10),
    )
    clocks = clocks_of(event, aware(2025, 10, 2, 23, 0))
    first, press = clocks[ClockKind.FIRST_RELEASE], clocks[ClockKind.PRESS_CONFERENCE]
    assert first.met_at == aware(2025, 10, 2, 3, 0)
    assert first.state == "met" and not first.overdue and first.remaining is None
    # No press conference by 22:30: the second clock is missed.
    assert press.state == "overdue" and press.overdue
    assert press.remaining == -timedelta(minutes=30)


def test_release_at_the_due_minute_is_on_time_and_one_minute_late_is_not(city):
    on_time = compute_clocks(
        first_seen_at=HOLIDAY_NIGHT,
        first_release_hours=5,
        press_conference_hours=24,
        release_times=[aware(2025, 10, 2, 3, 30)],
        conference_times=[aware(2025, 10, 2, 22, 31)],
        now=aware(2025, 10, 3, 9, 0),
    )
    assert on_time[0].state == "met"
    assert on_time[1].state == "met_late" and on_time[1].overdue


def test_other_kinds_do_not_stop_the_first_clock(city):
    event = record(city)
    services.response_record(
        event=event,
        kind=ResponseKind.INTERPRETATION,
        released_at=aware(2025, 10, 2, 1, 0),
        summary="对供水管网冲洗安排作了说明。",
        actor=city.health_office,
        now=aware(2025, 10, 2, 1, 0),
    )
    first = clocks_of(event, aware(2025, 10, 2, 4, 0))[ClockKind.FIRST_RELEASE]
    assert first.met_at is None and first.overdue


def test_press_conference_response_meets_both_clocks(city):
    event = record(city)
    services.response_record(
        event=event,
        kind=ResponseKind.PRESS_CONFERENCE,
        released_at=aware(2025, 10, 2, 2, 0),
        summary="召开新闻发布会通报情况。",
        actor=city.health_office,
        now=aware(2025, 10, 2, 2, 0),
    )
    clocks = clocks_of(event, aware(2025, 10, 3, 0, 0))
    assert all(c.state == "met" for c in clocks.values())


def test_linked_press_conference_held_meets_the_second_clock(city):
    event = record(city)
    services.press_conference_create(
        organization=city.health,
        data={
            "topic": "供水水质情况新闻发布会",
            "held_at": aware(2025, 10, 2, 15, 0),
            "event": event,
        },
        speakers=[{"name": "张明", "post": "市卫生健康委员会主任", "is_principal_leader": True}],
        actor=city.health_office,
        now=aware(2025, 10, 2, 10, 0),
    )
    event.refresh_from_db()
    before = clocks_of(event, aware(2025, 10, 2, 14, 0))[ClockKind.PRESS_CONFERENCE]
    assert before.running  # not held yet
    after = clocks_of(event, aware(2025, 10, 2, 16, 0))[ClockKind.PRESS_CONFERENCE]
    assert after.met_at == aware(2025, 10, 2, 15, 0) and after.state == "met"


def test_lower_levels_have_no_press_conference_clock_and_longer_limits(city):
    large = record(city, level=EventLevel.LARGE)
    general = record(city, level=EventLevel.GENERAL)
    assert [c.hours for c in event_clocks(large, HOLIDAY_NIGHT)] == [24]
    assert [c.hours for c in event_clocks(general, HOLIDAY_NIGHT)] == [48]
    assert event_clocks(general, HOLIDAY_NIGHT)[0].due_at == aware(2025, 10, 3, 22, 30)


def test_hours_come_from_the_rule_of_the_level_and_stay_with_the_event(city):
    ResponseClockRule.objects.filter(level=EventLevel.MAJOR).update(
        first_release_hours=3, press_conference_hours=12
    )
    event = record(city)
    assert [c.hours for c in event_clocks(event, HOLIDAY_NIGHT)] == [3, 12]
    ResponseClockRule.objects.filter(level=EventLevel.MAJOR).update(first_release_hours=8)
    event.refresh_from_db()
    assert event_clocks(event, HOLIDAY_NIGHT)[0].hours == 3  # recorded events keep theirs


def test_without_a_rule_row_the_defaults_apply(city):
    ResponseClockRule.objects.all().delete()
    assert services.clock_hours(EventLevel.EXTRAORDINARY) == (5, 24)
    assert services.clock_hours(EventLevel.GENERAL) == (48, None)


def test_raising_the_level_starts_the_press_clock_from_the_first_sighting(city):
    event = record(city, level=EventLevel.LARGE)
    services.event_change_level(
        event=event,
        level=EventLevel.MAJOR,
        reason="转发量激增，已引发全网关注。",
        actor=city.health_office,
        now=aware(2025, 10, 2, 0, 30),
    )
    clocks = clocks_of(event, aware(2025, 10, 2, 0, 30))
    assert clocks[ClockKind.FIRST_RELEASE].due_at == aware(2025, 10, 2, 3, 30)
    assert clocks[ClockKind.PRESS_CONFERENCE].due_at == aware(2025, 10, 2, 22, 30)


def test_first_seen_in_the_future_is_refused(city):
    from gongkai.core.errors import DomainError

    with pytest.raises(DomainError, match="不能晚于当前时间"):
        record(city, now=HOLIDAY_NIGHT - timedelta(hours=1))


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(minutes=40), "40分钟"),
        (timedelta(hours=3, minutes=5), "3小时05分"),
        (-timedelta(hours=1, minutes=30, seconds=59), "1小时30分"),
        (timedelta(days=3, hours=2), "3天2小时"),
    ],
)
def test_format_duration(delta, text):
    assert format_duration(delta) == text
