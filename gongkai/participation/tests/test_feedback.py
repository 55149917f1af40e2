from datetime import date

import pytest

from gongkai.core.errors import DomainError, InvalidTransition
from gongkai.participation import services
from gongkai.participation.choices import Adoption, Channel, ConsultationState, DecisionStatus
from gongkai.participation.models import ParticipationSettings
from gongkai.participation.selectors import report_data, report_due_on, staff_row
from gongkai.participation.testing import article, at, comment, make_consultation

OPEN_DAY = date(2026, 3, 10)
AFTER = at(date(2026, 4, 2))


def _published(consultation, office, body, **kwargs):
    stored = comment(consultation, now=at(OPEN_DAY), body=body, **kwargs)
    services.comment_approve(comment=stored, actor=office, now=at(OPEN_DAY, 11))
    return stored


@pytest.fixture
def decision(org, office):
    return services.decision_create(
        organization=org,
        year=2026,
        title="制定临江市公共自行车管理办法",
        actor=office,
        now=at(date(2026, 2, 2)),
    )


@pytest.fixture
def consultation(org, office, decision):
    return make_consultation(
        org,
        office,
        opens_on=date(2026, 3, 2),
        closes_on=date(2026, 3, 31),
        decision=decision,
        channels={
            Channel.ONLINE: "",
            Channel.POST: "临江市人民路1号",
            Channel.SYMPOSIUM: "3月20日",
        },
    )


@pytest.fixture
def opinions(consultation, office):
    """Three alike opinions on article 3, one on article 5, one general, one rejected, one pending."""
    third = article(consultation, 3)
    alike = [
        _published(consultation, office, f"第三条应写明区政府的考核责任（{n}）", article=third)
        for n in range(3)
    ]
    fifth = _published(
        consultation, office, "施行日期过早，建议推迟。", article=article(consultation, 5)
    )
    general = _published(consultation, office, "总体赞同。")
    rejected = comment(consultation, now=at(OPEN_DAY), body="广告")
    services.comment_reject(comment=rejected, reason="广告", actor=office, now=at(OPEN_DAY, 11))
    pending = comment(consultation, now=at(OPEN_DAY), body="晚到的意见")
    return {"alike": alike, "fifth": fifth, "general": general, "pending": pending}


def test_marking_waits_until_the_consultation_closes(consultation, office, opinions):
    with pytest.raises(InvalidTransition, match="结束后"):
        services.comment_mark(
            comment=opinions["general"],
            adoption=Adoption.ADOPTED,
            actor=office,
            now=at(OPEN_DAY),
        )


def test_report_with_a_rejected_concentrated_opinion(consultation, office, opinions, decision):
    services.channel_counts_set(
        consultation=consultation,
        counts={Channel.POST: 2, Channel.SYMPOSIUM: 5},
        actor=office,
        now=AFTER,
    )
    group = services.opinion_group_create(
        consultation=consultation,
        summary="建议在第三条写明区人民政府的考核责任",
        comment_ids=[c.pk for c in opinions["alike"]],
        actor=office,
        now=AFTER,
    )
    with pytest.raises(DomainError) as exc:
        services.opinion_group_update(
            group=group,
            summary=group.summary,
            offline_count=1,
            concentrated=False,
            adoption=Adoption.NOT_ADOPTED,
            reason="",
            actor=office,
            now=AFTER,
        )
    assert exc.value.field == "reason"
    services.opinion_group_update(
        group=group,
        summary=group.summary,
        offline_count=1,
        concentrated=False,
        adoption=Adoption.NOT_ADOPTED,
        reason="考核事项由市政府统一规定，不宜在本办法中重复",
        actor=office,
        now=AFTER,
    )
    services.comment_mark(
        comment=opinions["fifth"],
        adoption=Adoption.PARTIAL,
        reason="施行日期推迟一个月",
        actor=office,
        now=AFTER,
    )
    services.comment_mark(
        comment=opinions["general"], adoption=Adoption.ADOPTED, actor=office, now=AFTER
    )

    # The pending comment must be reviewed first.
    with pytest.raises(DomainError, match="尚有1条意见未审核"):
        services.feedback_report_publish(
            consultation=consultation, summary="", actor=office, now=AFTER
        )
    services.comment_approve(comment=opinions["pending"], actor=office, now=AFTER)
    assert services.report_problems(consultation) == ["尚有1条已公开的意见未标注采纳情况。"]
    services.comment_mark(comment=opinions["pending"], group=group, actor=office, now=AFTER)
    assert services.report_problems(consultation) == []

    report = services.feedback_report_publish(
        consultation=consultation,
        summary="共收到意见若干条，经研究吸收了部分意见。",
        actor=office,
        now=AFTER,
    )
    data = report.data
    assert data["channels"] == [
        {"kind": "online", "label": "网上提交", "count": 7},
        {"kind": "post", "label": "信函", "count": 2},
        {"kind": "symposium", "label": "座谈会", "count": 5},
    ]
    assert data["total"] == 14
    assert data["online"] == {"received": 7, "published": 6, "rejected": 1}
    # 4 online + 1 offline in the group, not adopted; one partial; one adopted.
    assert {row["code"]: row["count"] for row in data["adoption"]} == {
        "adopted": 1,
        "partial": 1,
        "not_adopted": 5,
    }
    [concentrated] = data["concentrated_not_adopted"]
    assert concentrated["summary"] == "建议在第三条写明区人民政府的考核责任"
    assert concentrated["articles"] == ["第三条"] and concentrated["size"] == 5
    assert concentrated["reason"] == "考核事项由市政府统一规定，不宜在本办法中重复"
    assert [row["adoption"] for row in data["individual"]] == ["partial", "adopted"]
    assert consultation.state(date(2026, 4, 3)) == ConsultationState.REPORTED

    # Frozen: no more marking; the decision still links it.
    with pytest.raises(InvalidTransition, match="已发布"):
        services.comment_mark(
            comment=opinions["general"],
            adoption=Adoption.NOT_ADOPTED,
            reason="x",
            actor=office,
            now=AFTER,
        )
    assert decision.consultations.get().report == report


def test_small_groups_are_concentrated_only_when_marked(consultation, office, opinions):
    group = services.opinion_group_create(
        consultation=consultation,
        summary="考核",
        comment_ids=[c.pk for c in opinions["alike"][:2]],
        adoption=Adoption.NOT_ADOPTED,
        reason="另有规定",
        actor=office,
        now=AFTER,
    )
    assert report_data(consultation)["concentrated_not_adopted"] == []
    services.opinion_group_update(
        group=group,
        summary="考核",
        offline_count=0,
        concentrated=True,
        adoption=Adoption.NOT_ADOPTED,
        reason="另有规定",
        actor=office,
        now=AFTER,
    )
    assert [g["summary"] for g in report_data(consultation)["concentrated_not_adopted"]] == ["考核"]
    config = ParticipationSettings.load()
    config.concentrated_threshold = 2
    config.save()
    services.opinion_group_update(
        group=group,
        summary="考核",
        offline_count=0,
        concentrated=False,
        adoption=Adoption.NOT_ADOPTED,
        reason="另有规定",
        actor=office,
        now=AFTER,
    )
    assert len(report_data(consultation)["concentrated_not_adopted"]) == 1


def test_only_published_comments_of_the_consultation_are_grouped(consultation, office, opinions):
    with pytest.raises(DomainError):
        services.opinion_group_create(
            consultation=consultation,
            summary="x",
            comment_ids=[opinions["pending"].pk],
            actor=office,
            now=AFTER,
        )


@pytest.mark.parametrize(
    ("closes_on", "due_on"),
    [
        # 15 working days over National Day 2025 (28 Sep and 11 Oct were worked).
        (date(2025, 9, 26), date(2025, 10, 23)),
        # Over the 2026 Spring Festival (15–23 Feb off, 14 and 28 Feb worked).
        (date(2026, 2, 13), date(2026, 3, 12)),
    ],
)
def test_report_overdue_after_n_working_days(org, office, closes_on, due_on):
    consultation = make_consultation(
        org,
        office,
        opens_on=date(closes_on.year, closes_on.month, 1),
        closes_on=closes_on,
        now=at(date(closes_on.year, closes_on.month, 1)),
    )
    assert report_due_on(consultation) == due_on and not report_due_on(consultation).provisional
    assert not staff_row(consultation, due_on).overdue
    row = staff_row(consultation, date.fromordinal(due_on.toordinal() + 1))
    assert row.overdue and row.state == ConsultationState.CLOSED


def test_report_deadline_is_configurable_and_counts_from_an_early_close(org, office):
    config = ParticipationSettings.load()
    config.report_due_working_days = 5
    config.save()
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
    )
    services.consultation_close(
        consultation=consultation, reason="草案撤回", actor=office, now=at(date(2026, 3, 13))
    )
    assert report_due_on(consultation) == date(2026, 3, 20)
    assert staff_row(consultation, date(2026, 3, 23)).overdue


def test_decision_status_is_not_touched_by_the_report(decision, consultation):
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CONSULTING
