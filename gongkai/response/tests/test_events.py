"""Recording and handling events: the responsible organization, permissions, responses."""

from datetime import timedelta

import pytest

from gongkai.core.audit import AuditEntry
from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.testing import aware
from gongkai.response import services
from gongkai.response.choices import EventLevel, EventStatus, ResponseKind

from .factories import conference, event, published_item, respond


def test_recorded_event_takes_the_suggested_organization_and_the_level_hours(city):
    made = event(city)
    assert made.suggested_organization == made.responsible_organization == city.education
    assert (made.first_release_hours, made.press_conference_hours) == (5, 24)
    assert made.status == EventStatus.MONITORING and not made.is_public
    entry = AuditEntry.objects.get(action="response.event_record")
    assert "市级负责" in entry.data["explanation"]


def test_overriding_the_suggestion_needs_a_reason_which_is_kept(city):
    with pytest.raises(DomainError) as exc:
        event(city, responsible=city.district)
    assert exc.value.field == "override_reason"
    made = event(city, responsible=city.district, override_reason="事发地区政府已牵头处置。")
    assert made.responsible_organization == city.district
    assert made.suggested_organization == city.education
    assert made.override_reason == "事发地区政府已牵头处置。"


def test_choosing_the_suggestion_explicitly_needs_no_reason(city):
    made = event(city, responsible=city.education)
    assert made.override_reason == ""


def test_recording_needs_the_openness_office_of_the_reporting_organization(city):
    with pytest.raises(NotAllowed):
        event(city, actor=city.health_office)  # reported by the city
    made = event(city, reported_by=city.health, actor=city.health_office)
    assert made.reported_by_organization == city.health


def test_place_and_subject_levels_are_checked(city):
    with pytest.raises(DomainError) as exc:
        event(city, place=city.education)
    assert exc.value.field == "place"
    with pytest.raises(DomainError) as exc:
        event(city, subject=city.town)
    assert exc.value.field == "subject"


def test_only_offices_of_the_responsible_organization_or_above_handle_it(city):
    made = event(city)  # 临江市教育局
    with pytest.raises(NotAllowed):
        respond(made, city.district_office)
    with pytest.raises(NotAllowed):
        services.event_start_handling(event=made, actor=city.health_office, now=aware(2025, 10, 2))
    respond(made, city.city_office)  # the city's office oversees its departments
    respond(made, city.education_office)


def test_response_moves_the_event_to_responded_and_validates_its_time_and_item(city):
    made = event(city)
    services.event_start_handling(event=made, actor=city.education_office, now=aware(2025, 10, 2))
    assert made.status == EventStatus.HANDLING
    with pytest.raises(DomainError, match="不能早于"):
        respond(made, city.education_office, at=made.first_seen_at - timedelta(minutes=1))
    with pytest.raises(DomainError, match="不能晚于当前时间"):
        services.response_record(
            event=made,
            kind=ResponseKind.AUTHORITATIVE,
            released_at=aware(2025, 10, 3, 9, 0),
            summary="x",
            actor=city.education_office,
            now=aware(2025, 10, 3, 8, 0),
        )
    draft = published_item(city.education)
    draft.status = "draft"
    draft.save()
    with pytest.raises(DomainError, match="尚未发布"):
        respond(made, city.education_office, item=draft)
    item = published_item(city.education)
    response = respond(made, city.education_office, item=item)
    made.refresh_from_db()
    assert made.status == EventStatus.RESPONDED and response.item == item


def test_press_conference_response_links_the_conference_to_the_event(city):
    made = event(city)
    conf = conference(city.education, city.education_office, held_at=aware(2025, 10, 2, 15, 0))
    respond(
        made,
        city.education_office,
        at=aware(2025, 10, 2, 15, 0),
        kind=ResponseKind.PRESS_CONFERENCE,
        press_conference=conf,
    )
    conf.refresh_from_db()
    assert conf.event == made
    other = event(city, title="另一舆情")
    with pytest.raises(DomainError, match="其他舆情"):
        respond(other, city.education_office, press_conference=conf)


def test_evaluate_then_archive(city):
    made = event(city)
    now = aware(2025, 10, 3, 9, 0)
    with pytest.raises(InvalidTransition):
        services.event_evaluate(event=made, evaluation="好", actor=city.city_office, now=now)
    respond(made, city.education_office)
    services.event_evaluate(
        event=made,
        evaluation="回应及时，网上讨论明显回落。",
        accountability="",
        actor=city.city_office,
        now=now,
    )
    assert made.status == EventStatus.EVALUATED and made.evaluated_by == city.city_office
    services.event_archive(event=made, actor=city.city_office, now=now)
    assert made.status == EventStatus.ARCHIVED
    with pytest.raises(InvalidTransition):
        respond(made, city.education_office)


def test_archiving_without_evaluation_needs_a_reason(city):
    made = event(city, level=EventLevel.GENERAL)
    with pytest.raises(DomainError, match="须说明理由"):
        services.event_archive(event=made, actor=city.city_office, now=aware(2025, 10, 2))


def test_reassign_records_the_reason(city):
    made = event(city)
    services.event_reassign(
        event=made,
        organization=city.district,
        reason="事发地区政府牵头处置。",
        actor=city.city_office,
        now=aware(2025, 10, 2),
    )
    assert made.responsible_organization == city.district
    assert made.override_reason == "事发地区政府牵头处置。"
    entry = AuditEntry.objects.get(action="response.event_reassign")
    assert entry.reason == "事发地区政府牵头处置。"
    with pytest.raises(DomainError):
        services.event_reassign(
            event=made,
            organization=city.district,
            reason="x",
            actor=city.city_office,
            now=aware(2025, 10, 2),
        )
