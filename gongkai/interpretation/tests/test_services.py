import pytest

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.testing import Team, aware, item_fields
from gongkai.interpretation import services
from gongkai.interpretation.models import Form, Status
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import InfoType
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import ReleaseRecord

pytestmark = pytest.mark.django_db
NOW = aware(2025, 6, 3, 10, 0)


@pytest.fixture
def team():
    return Team()


def approved_policy(team, **overrides):
    fields = {
        "info_type": InfoType.NORMATIVE,
        "needs_interpretation": True,
        "title": "临江市城市更新管理办法",
        "document_number": "临政规〔2025〕2号",
        **overrides,
    }
    item = publishing.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields(**fields)
    )
    publishing.item_submit(item=item, actor=team.drafter, now=NOW)
    publishing.item_approve(item=item, actor=team.reviewer, now=NOW)
    return publishing.item_approve(item=item, actor=team.secrecy, now=NOW)


def interpretation_for(team, policy):
    return services.interpretation_create(
        organization=team.org,
        actor=team.drafter,
        now=NOW,
        policies=[policy],
        title="《临江市城市更新管理办法》政策解读",
        body="<p>一、制定背景……</p>",
        form=Form.QA,
    )


def test_policy_needing_interpretation_cannot_publish_without_approved_one(team):
    policy = approved_policy(team)
    with pytest.raises(DomainError, match="需要同步发布政策解读"):
        publishing.item_publish(item=policy, actor=team.office, now=NOW)
    interpretation = interpretation_for(team, policy)
    with pytest.raises(DomainError):  # a draft interpretation is not enough
        publishing.item_publish(item=policy, actor=team.office, now=NOW)
    services.interpretation_submit(interpretation=interpretation, actor=team.drafter, now=NOW)
    services.interpretation_review(
        interpretation=interpretation, actor=team.reviewer, now=NOW, approve=True
    )
    publishing.item_publish(item=policy, actor=team.office, now=NOW)
    interpretation.refresh_from_db()
    assert interpretation.status == Status.PUBLISHED and interpretation.published_at == NOW
    kinds = set(ReleaseRecord.objects.values_list("subject_kind", flat=True))
    assert kinds == {"item", "interpretation"}


def test_interpretation_waits_for_its_policy(team):
    policy = approved_policy(team, needs_interpretation=False)
    interpretation = interpretation_for(team, policy)
    services.interpretation_submit(interpretation=interpretation, actor=team.drafter, now=NOW)
    services.interpretation_review(
        interpretation=interpretation, actor=team.reviewer, now=NOW, approve=True
    )
    with pytest.raises(DomainError, match="尚未全部发布"):
        services.interpretation_publish(interpretation=interpretation, actor=team.office, now=NOW)
    publishing.item_publish(item=policy, actor=team.office, now=NOW)
    interpretation.refresh_from_db()
    assert interpretation.status == Status.PUBLISHED  # went public with the policy


def test_drafting_organization_interprets_its_own_policies(team):
    policy = approved_policy(team)
    other = Team()
    with pytest.raises(NotAllowed):  # a drafter of another organization
        services.interpretation_create(
            organization=team.org,
            actor=other.drafter,
            now=NOW,
            policies=[policy],
            title="解读",
            body="<p>正文</p>",
            form=Form.TEXT,
        )
    with pytest.raises(DomainError, match="谁起草谁解读"):
        services.interpretation_create(
            organization=other.org,
            actor=other.drafter,
            now=NOW,
            policies=[policy],
            title="解读",
            body="<p>正文</p>",
            form=Form.TEXT,
        )


def test_only_policies_are_interpreted(team):
    notice = publishing.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields()
    )
    with pytest.raises(DomainError, match="不是政策文件"):
        interpretation_for(team, notice)


def test_reviewer_returns_interpretation_with_reason(team):
    interpretation = interpretation_for(team, approved_policy(team))
    services.interpretation_submit(interpretation=interpretation, actor=team.drafter, now=NOW)
    with pytest.raises(DomainError):
        services.interpretation_review(
            interpretation=interpretation, actor=team.reviewer, now=NOW, approve=False, reason=""
        )
    services.interpretation_review(
        interpretation=interpretation,
        actor=team.reviewer,
        now=NOW,
        approve=False,
        reason="请补充政策背景",
    )
    assert interpretation.status == Status.DRAFT
    assert ItemStatus.APPROVED == interpretation.policies.get().status


def test_media_link_must_be_a_web_address(team):
    with pytest.raises(DomainError) as exc:
        services.interpretation_create(
            organization=team.org,
            actor=team.drafter,
            now=NOW,
            policies=[approved_policy(team)],
            title="图解",
            body="<p>图解说明</p>",
            form=Form.GRAPHIC,
            media_url="javascript:alert(1)",
        )
    assert exc.value.field == "media_url"
