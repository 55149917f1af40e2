from datetime import date

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.participation import services
from gongkai.participation.choices import Channel, ConsultationState
from gongkai.participation.models import ParticipationSettings
from gongkai.participation.services import period_warning
from gongkai.participation.testing import at, make_consultation


def test_create_splits_the_draft_and_keeps_it_private(org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31), publish=False
    )
    headings = list(consultation.articles.values_list("heading", flat=True))
    assert headings == ["", "第一条", "第二条", "第三条", "第四条", "第五条"]
    assert consultation.articles.get(number=3).anchor == "art-3"
    assert {c.kind: c.details for c in consultation.channels.all()} == {
        Channel.ONLINE: "",
        Channel.EMAIL: "jtj@example.gov.cn",
    }
    assert consultation.state(date(2026, 3, 10)) == ConsultationState.DRAFT


def test_create_checks_its_input(org, office, outsider):
    base = {"title": "办法", "draft_text": "第一条 内容。", "opens_on": date(2026, 3, 2)}
    with pytest.raises(DomainError) as exc:
        services.consultation_create(
            organization=org,
            data={**base, "closes_on": date(2026, 3, 1)},
            channels={"online": ""},
            actor=office,
            now=at(date(2026, 3, 1)),
        )
    assert exc.value.field == "closes_on" and "截止日期不能早于开始日期" in str(exc.value)
    with pytest.raises(DomainError) as exc:
        services.consultation_create(
            organization=org,
            data={**base, "closes_on": date(2026, 3, 31)},
            channels={},
            actor=office,
            now=at(date(2026, 3, 1)),
        )
    assert exc.value.field == "channels"
    with pytest.raises(NotAllowed):
        services.consultation_create(
            organization=org,
            data={**base, "closes_on": date(2026, 3, 31)},
            channels={"online": ""},
            actor=outsider,
            now=at(date(2026, 3, 1)),
        )


@pytest.mark.parametrize(
    ("major", "opens_on", "closes_on", "warns"),
    [
        (True, date(2026, 3, 2), date(2026, 3, 31), False),  # 30 days
        (True, date(2026, 3, 2), date(2026, 3, 30), True),  # 29 days
        # 12 calendar days over National Day 2025: only 4 working days.
        (False, date(2025, 9, 29), date(2025, 10, 10), True),
        # 9 calendar days with the Saturday 11 October 2025 worked: 7 working days.
        (False, date(2025, 10, 9), date(2025, 10, 17), False),
        (False, date(2026, 3, 2), date(2026, 3, 10), False),  # 7 working days
        (False, date(2026, 3, 2), date(2026, 3, 9), True),  # 6
    ],
)
def test_period_warning(db, major, opens_on, closes_on, warns):
    warning = period_warning(major=major, opens_on=opens_on, closes_on=closes_on)
    assert bool(warning) is warns
    if warns:
        assert ("30日" if major else "7个工作日") in warning


def test_period_minimums_are_configurable(db):
    config = ParticipationSettings.load()
    config.policy_min_working_days = 10
    config.save()
    warning = period_warning(major=False, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 10))
    assert warning == (
        "征求意见期为7个工作日，少于10个工作日。确需缩短的，请在“征求意见期限较短的说明”中写明理由。"
    )


def test_a_short_period_is_saved_with_a_warning_not_refused(org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 4)
    )
    assert consultation.is_published
    assert "3个工作日" in services.consultation_period_warning(consultation)


def test_states_follow_the_dates(org, office):
    consultation = make_consultation(
        org,
        office,
        opens_on=date(2026, 3, 9),
        closes_on=date(2026, 4, 7),
        now=at(date(2026, 3, 2)),
    )
    assert consultation.state(date(2026, 3, 8)) == ConsultationState.UPCOMING
    assert consultation.state(date(2026, 3, 9)) == ConsultationState.OPEN
    assert consultation.state(date(2026, 4, 7)) == ConsultationState.OPEN
    assert consultation.state(date(2026, 4, 8)) == ConsultationState.CLOSED


def test_published_draft_cannot_be_edited(org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
    )
    with pytest.raises(InvalidTransition):
        services.consultation_update(
            consultation=consultation,
            data={"title": "新标题"},
            channels={"online": ""},
            actor=office,
            now=at(date(2026, 3, 3)),
        )
    with pytest.raises(InvalidTransition):
        services.consultation_publish(
            consultation=consultation, actor=office, now=at(date(2026, 3, 3))
        )


def test_publishing_after_the_end_date_is_refused(org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31), publish=False
    )
    with pytest.raises(DomainError, match="截止日期已过"):
        services.consultation_publish(
            consultation=consultation, actor=office, now=at(date(2026, 4, 1))
        )


def test_extend_and_close(org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
    )
    with pytest.raises(DomainError):
        services.consultation_extend(
            consultation=consultation,
            closes_on=date(2026, 3, 20),
            reason="x",
            actor=office,
            now=at(date(2026, 3, 10)),
        )
    services.consultation_extend(
        consultation=consultation,
        closes_on=date(2026, 4, 10),
        reason="意见较多，延长征集",
        actor=office,
        now=at(date(2026, 3, 10)),
    )
    assert consultation.closes_on == date(2026, 4, 10)
    # Closing early needs a reason, shown on the page.
    with pytest.raises(DomainError) as exc:
        services.consultation_close(
            consultation=consultation, actor=office, now=at(date(2026, 3, 20))
        )
    assert exc.value.field == "reason"
    services.consultation_close(
        consultation=consultation,
        reason="上位法已修改，草案需重新起草",
        actor=office,
        now=at(date(2026, 3, 20)),
    )
    assert consultation.state(date(2026, 3, 21)) == ConsultationState.CLOSED
    assert consultation.closed_on() == date(2026, 3, 20)
    with pytest.raises(InvalidTransition):
        services.consultation_close(
            consultation=consultation, actor=office, now=at(date(2026, 3, 21))
        )


def test_closing_after_the_end_date_needs_no_reason(org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
    )
    services.consultation_close(consultation=consultation, actor=office, now=at(date(2026, 4, 2)))
    assert consultation.close_reason == "" and consultation.closed_on() == date(2026, 3, 31)
