"""Policy interpretations: drafted with the policy, approved with it, published with it."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed, full_clean_or_raise
from gongkai.core.sanitize import clean_html
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import require_role
from gongkai.portal.cache import purge_public_pages
from gongkai.publishing.choices import POLICY_TYPES, Action
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import Item
from gongkai.publishing.register import register_append, sha256_json

from .models import Interpretation, Status

READY = (Status.APPROVED, Status.PUBLISHED)


def _check_policies(organization: Organization, policies) -> list[Item]:
    policies = list(policies)
    if not policies:
        raise DomainError(_("请选择被解读的政策文件。"), field="policies")
    for policy in policies:
        if policy.organization_id != organization.pk:
            raise DomainError(
                _("谁起草谁解读：《%s》不是本机构起草的文件。") % policy.title, field="policies"
            )
        if policy.info_type not in POLICY_TYPES:
            raise DomainError(_("《%s》不是政策文件，无需解读。") % policy.title, field="policies")
    return policies


@transaction.atomic
def interpretation_create(
    *,
    organization: Organization,
    actor,
    now: datetime,
    policies,
    title: str,
    body: str,
    form: str,
    interpreter: str = "",
    media_url: str = "",
) -> Interpretation:
    require_role(actor, organization, Role.DRAFTER)
    policies = _check_policies(organization, policies)
    if not title.strip() or not body.strip():
        raise DomainError(_("请填写解读标题和正文。"))
    interpretation = Interpretation(
        organization=organization,
        title=title.strip(),
        body=clean_html(body),
        form=form,
        interpreter=interpreter.strip(),
        media_url=media_url,
        created_by=actor,
        created_at=now,
    )
    full_clean_or_raise(interpretation)
    interpretation.save()
    interpretation.policies.set(policies)
    audit(subject=interpretation, action="create", actor=actor, at=now, summary=title)
    return interpretation


def _transition(interpretation, status, actor, now, action, *, reason="", **fields):
    interpretation.status = status
    for name, value in fields.items():
        setattr(interpretation, name, value)
    interpretation.save(update_fields=["status", *fields])
    audit(
        subject=interpretation,
        action=action,
        actor=actor,
        at=now,
        summary=interpretation.title,
        reason=reason,
    )
    return interpretation


@transaction.atomic
def interpretation_submit(*, interpretation: Interpretation, actor, now) -> Interpretation:
    if interpretation.status != Status.DRAFT:
        raise InvalidTransition(_("只有起草中的解读可以提交审核。"))
    require_role(actor, interpretation.organization, Role.DRAFTER)
    return _transition(interpretation, Status.SUBMITTED, actor, now, "submit")


@transaction.atomic
def interpretation_review(
    *, interpretation: Interpretation, actor, now, approve: bool, reason: str = ""
) -> Interpretation:
    """The unit reviewer approves the interpretation (同步审签) or returns it."""
    if interpretation.status != Status.SUBMITTED:
        raise InvalidTransition(_("该解读不在待审核状态。"))
    require_role(actor, interpretation.organization, Role.UNIT_REVIEWER)
    if interpretation.created_by_id == actor.pk:
        raise NotAllowed(_("起草人不能审核自己起草的解读。"))
    if approve:
        return _transition(
            interpretation,
            Status.APPROVED,
            actor,
            now,
            "approve",
            approved_by=actor,
            approved_at=now,
        )
    if not reason.strip():
        raise DomainError(_("退回修改时请写明意见。"), field="reason")
    return _transition(interpretation, Status.DRAFT, actor, now, "return", reason=reason)


def ready_for(item: Item) -> bool:
    """Whether the policy has an approved (or already public) interpretation."""
    return item.interpretations.filter(status__in=READY).exists()


def _publish(interpretation: Interpretation, actor, now: datetime) -> None:
    purge_public_pages()
    _transition(interpretation, Status.PUBLISHED, actor, now, "publish", published_at=now)
    register_append(
        subject_kind="interpretation",
        subject_id=interpretation.pk,
        index_number=f"解读-{interpretation.pk}",
        title=interpretation.title,
        action=Action.PUBLISH,
        content_hash=sha256_json({"title": interpretation.title, "body": interpretation.body}),
        organization_code=interpretation.organization.code,
        organization_name=interpretation.organization.name,
        reviewers=_("审核：%s")
        % (interpretation.approved_by.get_full_name() or interpretation.approved_by.get_username()),
        publisher=actor.get_full_name() or actor.get_username() if actor else _("系统"),
        channel="政府信息公开平台",
        at=now,
    )


def interpretations_publish_with(*, item: Item, actor, now: datetime) -> None:
    """Called by item_publish inside its transaction: approved interpretations whose policies
    are all public now go public at the same moment."""
    for interpretation in item.interpretations.filter(status=Status.APPROVED).select_related(
        "organization", "approved_by"
    ):
        if not interpretation.policies.exclude(status=ItemStatus.PUBLISHED).exists():
            _publish(interpretation, actor, now)


@transaction.atomic
def interpretation_publish(*, interpretation: Interpretation, actor, now) -> Interpretation:
    """Publish an approved interpretation of policies that are already public."""
    if interpretation.status != Status.APPROVED:
        raise InvalidTransition(_("只有审核通过的解读可以发布。"))
    require_role(actor, interpretation.organization, Role.OPENNESS_OFFICE)
    if interpretation.policies.exclude(status=ItemStatus.PUBLISHED).exists():
        raise DomainError(_("被解读的政策文件尚未全部发布，解读将与文件同步发布。"))
    _publish(interpretation, actor, now)
    return interpretation
