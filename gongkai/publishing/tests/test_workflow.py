from datetime import date, timedelta

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.testing import OrganizationFactory, Team, aware, item_fields, staff
from gongkai.orgs.models import Role
from gongkai.publishing import services
from gongkai.publishing.choices import Action, Attribute, Ground, InfoType, Status, Validity
from gongkai.publishing.models import ItemEvent, PublicationTimeLimit, ReleaseRecord
from gongkai.publishing.register import register_verify

pytestmark = pytest.mark.django_db
NOW = aware(2025, 3, 10, 9, 30)


def draft(team, **overrides):
    return services.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields(**overrides)
    )


def to_approved(team, item):
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_approve(item=item, actor=team.reviewer, now=NOW)
    if item.attribute != Attribute.PROACTIVE:
        services.item_approve(item=item, actor=team.office, now=NOW)
    return services.item_approve(item=item, actor=team.secrecy, now=NOW)


def test_index_number_is_generated_per_organization_and_year(team):
    first, second = draft(team), draft(team, title="第二份通知")
    assert first.index_number == f"{team.org.code}/2025-00001"
    assert second.index_number == f"{team.org.code}/2025-00002"
    other = Team()
    assert draft(other).index_number.endswith("/2025-00001")


def test_proactive_item_goes_through_unit_and_confidentiality_review(team):
    item = draft(team)
    assert services.item_submit(item=item, actor=team.drafter, now=NOW).status == Status.UNIT_REVIEW
    item = services.item_approve(item=item, actor=team.reviewer, now=NOW)
    assert item.status == Status.CONFIDENTIALITY_REVIEW  # no attribute review for 主动公开
    item = services.item_approve(item=item, actor=team.secrecy, now=NOW)
    assert item.status == Status.APPROVED
    item = services.item_publish(item=item, actor=team.office, now=NOW)
    assert item.status == Status.PUBLISHED and item.published_at == NOW
    actions = list(item.events.values_list("action", flat=True))
    assert actions == [
        Action.CREATE,
        Action.SUBMIT,
        Action.APPROVE,
        Action.CONFIDENTIALITY_PASS,
        Action.PUBLISH,
    ]
    record = ReleaseRecord.objects.get()
    assert record.index_number == item.index_number
    assert record.content_hash == services.content_hash(item)
    assert "保密审查" in record.reviewers and team.secrecy.first_name in record.reviewers


def test_on_request_item_goes_to_openness_office_and_is_filed(team):
    item = draft(
        team,
        attribute=Attribute.ON_REQUEST,
        ground=Ground.NOT_PROACTIVE_SCOPE,
        attribute_explanation="仅涉及个别企业的批复事项",
    )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    item = services.item_approve(item=item, actor=team.reviewer, now=NOW)
    assert item.status == Status.ATTRIBUTE_REVIEW
    item = services.item_approve(item=item, actor=team.office, now=NOW)
    assert item.status == Status.FILED
    with pytest.raises(InvalidTransition):
        services.item_publish(item=item, actor=team.office, now=NOW)


def test_openness_office_may_change_the_attribute_to_proactive(team):
    item = draft(
        team,
        attribute=Attribute.ON_REQUEST,
        ground=Ground.INTERNAL,
        attribute_explanation="内部管理",
    )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_approve(item=item, actor=team.reviewer, now=NOW)
    item = services.item_attribute_decide(
        item=item,
        actor=team.office,
        now=NOW,
        attribute=Attribute.PROACTIVE,
        comment="属于法定主动公开内容",
    )
    assert item.status == Status.CONFIDENTIALITY_REVIEW and item.ground == ""
    assert item.events.filter(action=Action.ATTRIBUTE_CHANGE).exists()


def test_not_public_without_ground_is_refused(team):
    with pytest.raises(DomainError) as exc:
        draft(team, attribute=Attribute.NOT_PUBLIC, attribute_explanation="涉密")
    assert exc.value.field == "ground" and "法定依据" in str(exc.value)


def test_written_date_in_future_is_refused(team):
    with pytest.raises(DomainError) as exc:
        draft(team, written_on=date(2025, 3, 11))
    assert exc.value.field == "written_on" and "成文日期" in str(exc.value)


def test_duplicate_document_number_in_one_organization(team):
    draft(team, document_number="测政办发〔2025〕3号")
    with pytest.raises(DomainError) as exc:
        draft(team, title="另一份", document_number="测政办发[2025]3号")  # same after normalizing
    assert exc.value.field == "document_number"
    # another organization may use the same number
    other = Team()
    services.item_create(
        organization=other.org,
        actor=other.drafter,
        now=NOW,
        **item_fields(document_number="测政办发〔2025〕3号"),
    )


def test_staff_cannot_act_on_another_organizations_items(team):
    item = draft(team)
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    outsider = staff(OrganizationFactory(), Role.UNIT_REVIEWER, Role.DRAFTER)
    with pytest.raises(NotAllowed) as exc:
        services.item_approve(item=item, actor=outsider, now=NOW)
    assert team.org.name in str(exc.value)
    with pytest.raises(NotAllowed):
        services.item_create(organization=team.org, actor=outsider, now=NOW, **item_fields())
    assert item.events.count() == 2  # nothing recorded for the refused attempts


def test_drafter_cannot_review_own_item(team):
    both = staff(team.org, Role.DRAFTER, Role.UNIT_REVIEWER)
    item = services.item_create(organization=team.org, actor=both, now=NOW, **item_fields())
    services.item_submit(item=item, actor=both, now=NOW)
    with pytest.raises(NotAllowed):
        services.item_approve(item=item, actor=both, now=NOW)


def test_return_needs_reason_and_goes_back_to_draft(team):
    item = draft(team)
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    with pytest.raises(DomainError):
        services.item_return(item=item, actor=team.reviewer, now=NOW, reason=" ")
    item = services.item_return(item=item, actor=team.reviewer, now=NOW, reason="请补充文号")
    assert item.status == Status.DRAFT
    assert item.events.last().reason == "请补充文号"


def test_confidentiality_reviewer_fixes_and_approval_records_findings(team):
    item = draft(team, body="<p>申请人身份证号11010519491231002X。</p>")
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_approve(item=item, actor=team.reviewer, now=NOW)
    assert [f.kind for f in services.findings_for(item)] == ["id_number"]
    item = services.item_deidentify(item=item, actor=team.secrecy, now=NOW)
    assert services.findings_for(item) == []
    item = services.item_approve(item=item, actor=team.secrecy, now=NOW)
    assert item.events.get(action=Action.CONFIDENTIALITY_PASS).data["findings"] == []


def test_body_is_sanitized(team):
    item = draft(team, body='<p onclick="x()">正文<script>alert(1)</script></p>')
    assert "script" not in item.body and "onclick" not in item.body


def test_scheduled_publication(team):
    item = to_approved(team, draft(team))
    later = NOW + timedelta(hours=3)
    item = services.item_publish(item=item, actor=team.office, now=NOW, at=later)
    assert item.status == Status.SCHEDULED
    assert services.items_publish_due(now=NOW + timedelta(hours=1)) == []
    (published,) = services.items_publish_due(now=later)
    assert published.status == Status.PUBLISHED and published.published_at == later


def test_publication_deadline_and_overdue_flag(team):
    # 成文 Mon 2025-01-20: working days skip 春节 (1/28–2/4) and count the make-up days
    # Sun 1/26 (5th) and Sat 2/8 (10th).
    item = draft(team, written_on=date(2025, 1, 20))
    assert services.publication_due_on(item) == date(2025, 2, 21)
    PublicationTimeLimit.objects.create(organization=team.org, info_type=InfoType.NOTICE, days=10)
    assert services.publication_due_on(item) == date(2025, 2, 8)
    PublicationTimeLimit.objects.create(organization=None, info_type="", days=5)
    assert services.publication_due_on(item) == date(2025, 2, 8)  # the specific rule wins
    item = services.item_publish(item=to_approved(team, item), actor=team.office, now=NOW)
    assert item.due_on == date(2025, 2, 8)
    assert item.events.get(action=Action.PUBLISH).data["late"] is True


def test_correct_withdraw_abolish_keep_history_and_register(team):
    item = to_approved(
        team, draft(team, info_type=InfoType.NORMATIVE, document_number="测规〔2025〕1号")
    )
    item = services.item_publish(item=item, actor=team.office, now=NOW)
    assert item.validity == Validity.CURRENT
    with pytest.raises(DomainError):
        services.item_correct(item=item, actor=team.office, now=NOW, reason="", title="x")
    item = services.item_correct(
        item=item,
        actor=team.office,
        now=NOW,
        reason="标题错字",
        title="关于开展2025年度政务公开重点工作的通知（更正）",
    )
    assert item.versions.count() == 2
    with pytest.raises(DomainError):  # corrections are checked for personal data
        services.item_correct(
            item=item,
            actor=team.office,
            now=NOW,
            reason="补充",
            body="<p>联系人手机13912345678</p>",
        )
    item = services.item_abolish(item=item, actor=team.office, now=NOW, reason="已被新文件取代")
    assert item.validity == Validity.ABOLISHED and item.status == Status.PUBLISHED
    item = services.item_withdraw(item=item, actor=team.office, now=NOW, reason="发布渠道调整")
    assert item.status == Status.WITHDRAWN
    assert list(ReleaseRecord.objects.values_list("action", flat=True)) == [
        Action.PUBLISH,
        Action.CORRECT,
        Action.ABOLISH,
        Action.WITHDRAW,
    ]
    public = [e.action for e in ItemEvent.objects.filter(item=item) if e.is_public]
    assert public == [Action.PUBLISH, Action.CORRECT, Action.ABOLISH, Action.WITHDRAW]


def test_register_verify_detects_tampering(team):
    for n in range(3):
        item = to_approved(team, draft(team, title=f"通知{n}"))
        services.item_publish(item=item, actor=team.office, now=NOW)
    assert register_verify().ok
    call_command("register_verify")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE publishing_releaserecord SET title = %s WHERE seq = 2", ["篡改"])
    result = register_verify()
    assert (result.ok, result.broken_seq, result.problem) == (False, 2, "record_hash")
    with pytest.raises(CommandError, match="第 2 条"):
        call_command("register_verify")


def test_register_verify_detects_deleted_row(team):
    for n in range(3):
        services.item_publish(
            item=to_approved(team, draft(team, title=f"通知{n}")), actor=team.office, now=NOW
        )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM publishing_releaserecord WHERE seq = 3")
    assert register_verify().problem == "truncated"
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM publishing_releaserecord WHERE seq = 1")
    assert (register_verify().broken_seq, register_verify().problem) == (1, "missing")


def test_register_verify_detects_content_changed_outside_the_workflow(team):
    item = services.item_publish(item=to_approved(team, draft(team)), actor=team.office, now=NOW)
    services.item_correct(item=item, actor=team.office, now=NOW, reason="错字", title="新标题")
    call_command("register_verify")  # a correction goes through the register: fine
    with connection.cursor() as cursor:
        cursor.execute("UPDATE publishing_item SET body = %s WHERE id = %s", ["<p>改</p>", item.pk])
    with pytest.raises(CommandError, match="内容与发布登记不符"):
        call_command("register_verify")
