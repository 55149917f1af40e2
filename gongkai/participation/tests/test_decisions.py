from datetime import date

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.testing import Team, aware, item_fields
from gongkai.participation import services
from gongkai.participation.choices import ChangeKind, DecisionStatus
from gongkai.participation.testing import make_consultation
from gongkai.publishing import services as publishing

NOW = aware(2026, 3, 2, 10, 0)


@pytest.fixture
def decision(org, office):
    return services.decision_create(
        organization=org,
        year=2026,
        title="制定临江市公共自行车管理办法",
        basis="《临江市城市交通管理条例》第二十条",
        planned_time="2026年第三季度",
        actor=office,
        now=NOW,
    )


def test_create_lists_the_entry_with_a_history_line(decision):
    assert decision.status == DecisionStatus.PLANNED
    [change] = decision.changes.all()
    assert change.kind == ChangeKind.LISTED and change.summary == "列入2026年度重大行政决策目录"
    assert AuditEntry.objects.filter(action="participation.decision_create").count() == 1


def test_only_the_office_of_the_organization_may_list(org, outsider):
    with pytest.raises(NotAllowed):
        services.decision_create(
            organization=org, year=2026, title="某事项", actor=outsider, now=NOW
        )


def test_update_records_what_changed_and_why(decision, office):
    change = services.decision_update(
        decision=decision,
        changes={"planned_time": "2026年第四季度", "title": decision.title},
        reason="需要与省级规定衔接，延后出台",
        actor=office,
        now=aware(2026, 6, 1, 9, 0),
    )
    decision.refresh_from_db()
    assert decision.planned_time == "2026年第四季度"
    assert change.kind == ChangeKind.ADJUSTED
    assert change.summary == "计划完成时间由“2026年第三季度”调整为“2026年第四季度”"
    assert change.reason == "需要与省级规定衔接，延后出台"
    assert change.changes == {"planned_time": ["2026年第三季度", "2026年第四季度"]}
    assert list(decision.changes.values_list("kind", flat=True)) == ["listed", "adjusted"]


def test_update_needs_a_reason_and_a_change(decision, office):
    with pytest.raises(DomainError) as exc:
        services.decision_update(
            decision=decision, changes={"planned_time": "2027年"}, reason=" ", actor=office, now=NOW
        )
    assert exc.value.field == "reason"
    with pytest.raises(DomainError, match="没有修改任何内容"):
        services.decision_update(
            decision=decision,
            changes={"planned_time": "2026年第三季度"},
            reason="核对",
            actor=office,
            now=NOW,
        )
    assert decision.changes.count() == 1


def test_stages_are_reached_in_order(decision, office):
    with pytest.raises(InvalidTransition, match="下一阶段是“草案公开征求意见”"):
        services.decision_advance(
            decision=decision, to=DecisionStatus.DECIDED, actor=office, now=NOW
        )
    for stage in (DecisionStatus.CONSULTING, DecisionStatus.DELIBERATION):
        services.decision_advance(decision=decision, to=stage, actor=office, now=NOW)
    with pytest.raises(InvalidTransition):
        services.decision_advance(
            decision=decision, to=DecisionStatus.CONSULTING, actor=office, now=NOW
        )
    services.decision_advance(
        decision=decision,
        to=DecisionStatus.DECIDED,
        decided_on=date(2026, 3, 1),
        actor=office,
        now=NOW,
    )
    services.decision_advance(
        decision=decision, to=DecisionStatus.EVALUATION, actor=office, now=NOW
    )
    with pytest.raises(InvalidTransition, match="最后阶段"):
        services.decision_advance(decision=decision, to="", actor=office, now=NOW)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.EVALUATION
    assert decision.decided_on == date(2026, 3, 1)
    summaries = list(decision.changes.values_list("summary", flat=True))
    assert summaries[1:] == [
        "进展更新为“草案公开征求意见”",
        "进展更新为“审议”",
        "进展更新为“已决策”",
        "进展更新为“后评估”",
    ]


def test_the_decision_document_must_be_published(org, decision, office):
    team = Team(org)
    team.office = office
    item = publishing.item_create(
        organization=org,
        actor=team.drafter,
        now=NOW,
        **item_fields(title="临江市公共自行车管理办法"),
    )
    decision.status = DecisionStatus.DELIBERATION
    decision.save()
    with pytest.raises(DomainError, match="已公开"):
        services.decision_advance(
            decision=decision, to=DecisionStatus.DECIDED, decision_item=item, actor=office, now=NOW
        )


def test_publishing_the_draft_moves_a_planned_decision_on(org, office, decision):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31), decision=decision
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CONSULTING
    assert decision.changes.last().reason == f"《{consultation.title}》公开征求意见"
    # Deliberation waits until the consultation has closed.
    with pytest.raises(InvalidTransition, match="征求意见尚未结束"):
        services.decision_advance(
            decision=decision,
            to=DecisionStatus.DELIBERATION,
            actor=office,
            now=aware(2026, 3, 20, 9, 0),
        )
    services.decision_advance(
        decision=decision, to=DecisionStatus.DELIBERATION, actor=office, now=aware(2026, 4, 1, 9, 0)
    )


def test_removal_keeps_the_entry_with_its_reason(decision, office):
    services.decision_remove(decision=decision, reason="上级已统一立法", actor=office, now=NOW)
    decision.refresh_from_db()
    assert decision.is_removed
    assert decision.changes.last().kind == ChangeKind.REMOVED
    with pytest.raises(InvalidTransition):
        services.decision_update(
            decision=decision, changes={"title": "新"}, reason="x", actor=office, now=NOW
        )
