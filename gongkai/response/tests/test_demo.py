"""The demo generator fills every level and state through the services."""

from collections import Counter

from gongkai.core.testing import aware
from gongkai.response.choices import EventLevel, EventStatus
from gongkai.response.demo import generate
from gongkai.response.models import (
    Escalation,
    EventResponse,
    OpinionEvent,
    PressConference,
    Speaker,
)
from gongkai.response.selectors import event_rows, leader_table

from .factories import published_item

NOW = aware(2026, 3, 16, 18, 0)


def test_demo_fills_every_level_and_state(city):
    for org in (city.city, city.education, city.health, city.reform, city.district_education):
        for month in (1, 6):
            published_item(org, title=f"{org.name}工作通报", at=aware(2025, month, 3, 9, 0))
    summary = generate(now=NOW, seed=7)

    levels = Counter(OpinionEvent.objects.values_list("level", flat=True))
    assert set(levels) == set(EventLevel.values)
    assert summary.events == levels
    statuses = set(OpinionEvent.objects.values_list("status", flat=True))
    assert {
        EventStatus.MONITORING,
        EventStatus.HANDLING,
        EventStatus.EVALUATED,
        EventStatus.ARCHIVED,
    } <= statuses

    rows = event_rows(OpinionEvent.objects.prefetch_related("responses", "press_conferences"), NOW)
    states = Counter(clock.state for row in rows for clock in row.clocks)
    assert {"met", "met_late", "running", "overdue"} <= set(states)
    assert (
        summary.running_clocks
        == sum(1 for row in rows if row.event.is_open for c in row.running if not c.overdue)
        > 0
    )
    # Every missed clock of an event still open, or answered late, was escalated once.
    assert Escalation.objects.count() == summary.escalations >= 4
    for row in rows:
        escalated = set(row.event.escalations.values_list("clock", flat=True))
        for clock in row.clocks:
            if clock.overdue and row.event.status != EventStatus.ARCHIVED:
                assert clock.kind in escalated

    assert EventResponse.objects.count() == summary.responses
    assert OpinionEvent.objects.filter(is_public=True, responses__isnull=False).exists()
    assert OpinionEvent.objects.exclude(accountability="").exists()
    assert EventResponse.objects.filter(item__isnull=False).exists()

    conferences = PressConference.objects.filter(is_published=True)
    assert conferences.count() == summary.conferences > 5
    assert Speaker.objects.filter(is_principal_leader=True).exists()
    assert Speaker.objects.filter(is_principal_leader=False).exists()
    assert all("主持人" in c.transcript for c in conferences)
    table = leader_table(2025, [city.city, city.education, city.health])
    assert any(row.count for row in table)
    assert summary.lines()[0].startswith("回应关切：政务舆情")


def test_demo_is_repeatable_in_shape_and_skips_without_offices(db):
    from gongkai.core.testing import OrganizationFactory
    from gongkai.orgs.models import Level

    OrganizationFactory(level=Level.GOVERNMENT, parent=None)
    summary = generate(now=NOW)
    assert summary.conferences == 0 and not OpinionEvent.objects.exists()
