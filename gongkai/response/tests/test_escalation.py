"""A missed clock is escalated once to the overseeing office, which is e-mailed."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command

import pytest

from gongkai.core.audit import AuditEntry
from gongkai.core.testing import aware
from gongkai.response import services
from gongkai.response.choices import ClockKind, EventLevel, EventStatus, ResponseKind, SourceKind
from gongkai.response.models import Escalation

from .conftest import HOLIDAY_NIGHT


def record(city, level=EventLevel.MAJOR, **extra):
    extra.setdefault("place", city.town)
    extra.setdefault("subject", city.education)
    return services.event_record(
        reported_by=city.city,
        title="网传某校食堂食材过期",
        source_kind=SourceKind.ONLINE_MEDIA,
        source_detail="https://bbs.example.com/t/1",
        summary="论坛帖子称某校食堂使用过期食材，附有图片。",
        level=level,
        first_seen_at=HOLIDAY_NIGHT,
        actor=city.city_office,
        now=HOLIDAY_NIGHT,
        **extra,
    )


def test_nothing_is_escalated_while_clocks_run(city):
    record(city)
    assert services.escalate_missed_clocks(now=aware(2025, 10, 2, 3, 29)) == []


def test_missed_first_clock_is_escalated_once_to_the_parent_office(
    city, django_capture_on_commit_callbacks
):
    event = record(city)  # 重大 → 临江市教育局, overseen by 临江市人民政府
    with django_capture_on_commit_callbacks(execute=True):
        created = services.escalate_missed_clocks(now=aware(2025, 10, 2, 3, 31))
    assert len(created) == 1
    escalation = created[0]
    assert escalation.clock == ClockKind.FIRST_RELEASE
    assert escalation.to_organization == city.city
    assert escalation.from_organization == city.education
    assert escalation.due_at == aware(2025, 10, 2, 3, 30)
    assert "首次权威发布时限（5小时）已于2025-10-02 03:30届满" in escalation.reason
    assert escalation.notified == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["city@example.gov.cn"]
    assert event.title in mail.outbox[0].subject
    assert f"/workbench/response/{event.pk}/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="response.escalate").count() == 1

    # Run again, later: the same clock is not escalated twice; the press clock in its turn.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_missed_clocks(now=aware(2025, 10, 2, 4, 0)) == []
        later = services.escalate_missed_clocks(now=aware(2025, 10, 2, 22, 31))
    assert [e.clock for e in later] == [ClockKind.PRESS_CONFERENCE]
    assert Escalation.objects.filter(event=event).count() == 2
    assert len(mail.outbox) == 2


def test_a_clock_met_late_is_still_escalated(city):
    event = record(city, level=EventLevel.GENERAL)  # → 江北区教育局 → 江北区人民政府
    services.response_record(
        event=event,
        kind=ResponseKind.AUTHORITATIVE,
        released_at=aware(2025, 10, 4, 0, 0),
        summary="区教育局通报核查结果。",
        actor=city.district_education_office,
        now=aware(2025, 10, 4, 0, 5),
    )
    [escalation] = services.escalate_missed_clocks(now=aware(2025, 10, 4, 1, 0))
    assert escalation.to_organization == city.district
    assert "超时1小时30分" in escalation.reason


def test_met_in_time_and_closed_events_are_not_escalated(city):
    met = record(city, level=EventLevel.LARGE)
    services.response_record(
        event=met,
        kind=ResponseKind.PRESS_QA,
        released_at=aware(2025, 10, 2, 9, 0),
        summary="答记者问。",
        actor=city.education_office,
        now=aware(2025, 10, 2, 9, 0),
    )
    closed = record(city, level=EventLevel.LARGE)
    services.event_archive(
        event=closed,
        reason="经核实为旧闻翻炒，无需回应。",
        actor=city.education_office,
        now=aware(2025, 10, 2, 9, 0),
    )
    assert services.escalate_missed_clocks(now=aware(2025, 10, 5, 0, 0)) == []


def test_the_top_government_escalates_to_its_own_office(city):
    event = record(city, subject=None)  # 重大 without a department → 临江市人民政府
    assert event.responsible_organization == city.city
    [escalation] = services.escalate_missed_clocks(now=aware(2025, 10, 2, 3, 31))
    assert escalation.to_organization == city.city


def test_management_command_escalates(city):
    record(city)
    out = StringIO()
    call_command("response_escalate", "--now", "2025-10-03T00:00+08:00", stdout=out)
    assert Escalation.objects.count() == 2
    assert "2" in out.getvalue()


def test_management_command_rejects_a_bad_time(city):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="时间格式"):
        call_command("response_escalate", "--now", "yesterday")


def test_escalation_keeps_the_event_open(city):
    event = record(city)
    services.escalate_missed_clocks(now=HOLIDAY_NIGHT + timedelta(days=2))
    event.refresh_from_db()
    assert event.status == EventStatus.MONITORING
