"""Press conferences: speakers, sanitized transcript, links, publication and the yearly count
of principal-leader appearances."""

from datetime import timedelta

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.testing import aware
from gongkai.interpretation.models import Interpretation
from gongkai.interpretation.models import Status as InterpretationStatus
from gongkai.orgs.models import Level
from gongkai.response import services
from gongkai.response.models import PrincipalLeaderRule
from gongkai.response.selectors import leader_table, principal_leader_appearances

from .factories import conference, published_item


def interpretation(org, status=InterpretationStatus.PUBLISHED):
    return Interpretation.objects.create(
        organization=org,
        title="《临江市义务教育招生办法》解读",
        body="<p>解读正文</p>",
        status=status,
        published_at=aware(2025, 3, 1, 9, 0) if status == InterpretationStatus.PUBLISHED else None,
        created_at=aware(2025, 3, 1, 9, 0),
    )


def test_principal_leader_appearances_count_published_conferences_of_the_year(city):
    office = city.education_office
    conference(city.education, office, held_at=aware(2025, 3, 10, 10, 0))
    conference(city.education, office, held_at=aware(2025, 9, 1, 10, 0))
    conference(city.education, office, held_at=aware(2025, 11, 1, 10, 0), principal=False)
    conference(city.education, office, held_at=aware(2025, 12, 1, 10, 0), publish=False)
    # 2025-12-31 23:30 in Beijing is still 2025 (15:30 UTC); 2026-01-01 00:30 is not.
    conference(city.education, office, held_at=aware(2025, 12, 31, 23, 30))
    conference(city.education, office, held_at=aware(2026, 1, 1, 0, 30))

    assert principal_leader_appearances(city.education, 2025) == (3, 2, True)
    assert principal_leader_appearances(city.education, 2026) == (1, 2, False)
    assert principal_leader_appearances(city.city, 2025) == (0, 4, False)


def test_required_minimum_is_configurable_per_level(city):
    PrincipalLeaderRule.objects.filter(level=Level.DEPARTMENT).update(min_per_year=1)
    conference(city.education, city.education_office, held_at=aware(2025, 3, 10, 10, 0))
    assert principal_leader_appearances(city.education, 2025) == (1, 1, True)
    PrincipalLeaderRule.objects.all().delete()  # the defaults apply
    assert principal_leader_appearances(city.education, 2025) == (1, 2, False)
    assert principal_leader_appearances(city.town, 2025) == (0, 0, True)


def test_leader_table_matches_the_function(city, django_assert_max_num_queries):
    conference(city.education, city.education_office, held_at=aware(2025, 3, 10, 10, 0))
    conference(city.city, city.city_office, held_at=aware(2025, 4, 10, 10, 0), principal=False)
    orgs = [city.city, city.education, city.health]
    with django_assert_max_num_queries(3):
        rows = leader_table(2025, orgs)
    assert [(r.count, r.required, r.met, r.conferences) for r in rows] == [
        (0, 4, False, 1),
        (1, 2, False, 1),
        (0, 2, False, 0),
    ]
    assert [tuple(principal_leader_appearances(o, 2025)) for o in orgs] == [
        (r.count, r.required, r.met) for r in rows
    ]


def test_transcript_is_sanitized_and_links_must_be_published(city):
    office = city.education_office
    made = services.press_conference_create(
        organization=city.education,
        data={
            "topic": "招生政策发布会",
            "held_at": aware(2025, 5, 6, 10, 0),
            "transcript": '<p onclick="x()">答：<script>alert(1)</script>欢迎提问。</p>',
        },
        speakers=[{"name": "李华", "post": "局长", "is_principal_leader": True}],
        interpretations=[interpretation(city.education)],
        items=[published_item(city.education)],
        actor=office,
        now=aware(2025, 5, 1, 10, 0),
    )
    assert made.transcript == "<p>答：欢迎提问。</p>"
    assert made.interpretations.count() == 1 and made.items.count() == 1
    with pytest.raises(DomainError, match="尚未发布"):
        services.press_conference_create(
            organization=city.education,
            data={"topic": "另一场", "held_at": aware(2025, 5, 6, 10, 0)},
            interpretations=[interpretation(city.education, InterpretationStatus.DRAFT)],
            actor=office,
            now=aware(2025, 5, 1, 10, 0),
        )


def test_publish_needs_the_conference_held_with_speakers_and_transcript(city):
    office = city.education_office
    held = aware(2025, 5, 6, 10, 0)
    made = services.press_conference_create(
        organization=city.education,
        data={"topic": "招生政策发布会", "held_at": held},
        actor=office,
        now=held - timedelta(days=1),
    )
    with pytest.raises(DomainError, match="举行后"):
        services.press_conference_publish(conference=made, actor=office, now=held - timedelta(1))
    with pytest.raises(DomainError, match="发布人"):
        services.press_conference_publish(conference=made, actor=office, now=held)
    services.press_conference_update(
        conference=made,
        data={"topic": "招生政策发布会", "held_at": held, "transcript": "<p>实录</p>"},
        speakers=[{"name": "李华", "post": "局长", "is_principal_leader": True}],
        actor=office,
        now=held,
    )
    services.press_conference_publish(conference=made, actor=office, now=held)
    assert made.is_published and made.published_at == held
    with pytest.raises(InvalidTransition):
        services.press_conference_publish(conference=made, actor=office, now=held)


def test_speaker_rows_need_name_and_post(city):
    with pytest.raises(DomainError, match="姓名和职务"):
        services.press_conference_create(
            organization=city.education,
            data={"topic": "发布会", "held_at": aware(2025, 5, 6, 10, 0)},
            speakers=[{"name": "李华", "post": ""}],
            actor=city.education_office,
            now=aware(2025, 5, 1, 10, 0),
        )


def test_only_offices_of_the_organization_or_above_record_its_conferences(city):
    data = {"topic": "发布会", "held_at": aware(2025, 5, 6, 10, 0)}
    with pytest.raises(NotAllowed):
        services.press_conference_create(
            organization=city.education,
            data=data,
            actor=city.health_office,
            now=aware(2025, 5, 1, 10, 0),
        )
    services.press_conference_create(
        organization=city.education, data=data, actor=city.city_office, now=aware(2025, 5, 1)
    )
