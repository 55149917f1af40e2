"""Every change to 公众参与 goes through these functions.

- The catalog of major decisions: ``decision_create`` lists an entry, ``decision_update``
  adjusts it (a reason is required and becomes a public history line), ``decision_advance``
  moves it one stage on (计划 → 草案公开征求意见 → 审议 → 已决策 → 后评估), ``decision_remove``
  takes it out of the catalog (the entry and its history stay visible).
- A consultation is drafted (``consultation_create`` / ``consultation_update``, its draft split
  into articles), published, possibly extended, and closes on its end date or when staff close
  it early with a reason.
- Citizens' comments (``comment_submit``) wait for review; ``comment_approve`` makes one public,
  ``comment_reject`` keeps it hidden with the reason. Nothing is ever deleted.
- After closing, staff group similar opinions and mark each opinion or group 采纳 / 部分采纳 /
  未采纳, enter the offline channels' counts, and ``feedback_report_publish`` freezes the report.

Each function checks the actor's role (政务公开工作机构 of the organization) and the state before
changing anything, writes its audit row in the same transaction and purges the public page cache
when what the portal shows changes.
"""

import hashlib
import hmac
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, full_clean_or_raise
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import require_role
from gongkai.portal.cache import purge_public_pages
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.workdays import working_days_between

from . import drafts, spam
from .choices import (
    DECISION_ORDER,
    OFFLINE_CHANNELS,
    REASON_REQUIRED,
    Adoption,
    ChangeKind,
    Channel,
    CommentStatus,
    ConsultationState,
    DecisionStatus,
)
from .models import (
    Comment,
    Consultation,
    ConsultationChannel,
    Decision,
    DecisionChange,
    DraftArticle,
    FeedbackReport,
    OpinionGroup,
    ParticipationSettings,
    SpamWord,
)

ROLE = Role.OPENNESS_OFFICE
RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
MAX_COMMENT_CHARS = 3000
MAX_NAME_CHARS = 40
DECISION_FIELDS = ("year", "title", "basis", "planned_time")
CONSULTATION_FIELDS = (
    "title",
    "draft_text",
    "basis",
    "explanation",
    "opens_on",
    "closes_on",
    "short_period_reason",
)


def _require(actor, organization: Organization) -> None:
    require_role(actor, organization, ROLE)


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) else value


# ---------------------------------------------------------------- 重大行政决策目录


def _display(decision: Decision, field: str, value) -> str:
    if value in (None, ""):
        return _("（空）")
    if field == "decision_item":
        return value.title
    return str(value)


def _check_item(item) -> None:
    if item is not None and item.status != ItemStatus.PUBLISHED:
        raise DomainError(_("决策文件须为已公开的政府信息。"), field="decision_item")


@transaction.atomic
def decision_create(
    *,
    organization: Organization,
    year: int,
    title: str,
    basis: str = "",
    planned_time: str = "",
    actor,
    now: datetime,
) -> Decision:
    """List a decision in the organization's catalog for ``year`` (public at once)."""
    _require(actor, organization)
    decision = Decision(
        organization=organization,
        year=year,
        title=_text(title),
        basis=_text(basis),
        planned_time=_text(planned_time),
        created_at=now,
        updated_at=now,
    )
    if not decision.title:
        raise DomainError(_("请填写决策事项名称。"), field="title")
    full_clean_or_raise(decision, exclude=["decision_item"])
    decision.save()
    DecisionChange.objects.create(
        decision=decision,
        kind=ChangeKind.LISTED,
        summary=_("列入%(year)s年度重大行政决策目录") % {"year": year},
        at=now,
        actor=actor,
    )
    audit(
        subject=decision,
        action="participation.decision_create",
        actor=actor,
        at=now,
        summary=_("列入重大行政决策目录：%(title)s") % {"title": decision.title},
    )
    purge_public_pages()
    return decision


@transaction.atomic
def decision_update(
    *, decision: Decision, changes: dict, reason: str, actor, now: datetime
) -> DecisionChange:
    """Adjust a catalog entry. Every adjustment is published with its reason (目录调整)."""
    _require(actor, decision.organization)
    if decision.is_removed:
        raise InvalidTransition(_("该事项已调出目录，不能再调整。"))
    reason = _text(reason)
    if not reason:
        raise DomainError(_("请填写调整理由，将随调整记录公开。"), field="reason")
    allowed = (*DECISION_FIELDS, "decided_on", "decision_item")
    diff: dict[str, list] = {}
    lines = []
    for field, value in changes.items():
        if field not in allowed:
            raise DomainError(_("不能修改该项内容。"), field=field)
        value = _text(value)
        old = getattr(decision, field)
        if field == "decision_item":
            _check_item(value)
        if old == value or (old in (None, "") and value in (None, "")):
            continue
        label = Decision._meta.get_field(field).verbose_name
        diff[field] = [_display(decision, field, old), _display(decision, field, value)]
        if field == "basis":
            lines.append(_("调整%(label)s") % {"label": label})
        else:
            lines.append(
                _("%(label)s由“%(old)s”调整为“%(new)s”")
                % {"label": label, "old": diff[field][0], "new": diff[field][1]}
            )
        setattr(decision, field, value)
    if not diff:
        raise DomainError(_("没有修改任何内容。"))
    if not decision.title:
        raise DomainError(_("请填写决策事项名称。"), field="title")
    decision.updated_at = now
    full_clean_or_raise(decision)
    decision.save()
    change = DecisionChange.objects.create(
        decision=decision,
        kind=ChangeKind.ADJUSTED,
        summary="；".join(lines)[:500],
        changes=diff,
        reason=reason,
        at=now,
        actor=actor,
    )
    audit(
        subject=decision,
        action="participation.decision_update",
        actor=actor,
        at=now,
        summary=change.summary,
        reason=reason,
        data=diff,
    )
    purge_public_pages()
    return change


def next_status(status: str) -> str | None:
    index = DECISION_ORDER.index(DecisionStatus(status))
    return DECISION_ORDER[index + 1].value if index + 1 < len(DECISION_ORDER) else None


def _advance(
    decision: Decision, to: str, *, actor, now: datetime, note: str = ""
) -> DecisionChange:
    old = decision.status
    decision.status = to
    decision.updated_at = now
    decision.save(update_fields=["status", "decided_on", "decision_item", "updated_at"])
    change = DecisionChange.objects.create(
        decision=decision,
        kind=ChangeKind.ADVANCED,
        summary=_("进展更新为“%(status)s”") % {"status": DecisionStatus(to).label},
        changes={"status": [old, to]},
        reason=note,
        at=now,
        actor=actor,
    )
    audit(
        subject=decision,
        action="participation.decision_advance",
        actor=actor,
        at=now,
        summary=change.summary,
        reason=note,
    )
    return change


@transaction.atomic
def decision_advance(
    *,
    decision: Decision,
    to: str,
    actor,
    now: datetime,
    note: str = "",
    decided_on: date | None = None,
    decision_item=None,
) -> DecisionChange:
    """Move the decision to the next stage; stages are never skipped or gone back over."""
    _require(actor, decision.organization)
    if decision.is_removed:
        raise InvalidTransition(_("该事项已调出目录。"))
    expected = next_status(decision.status)
    if to != expected:
        if expected is None:
            raise InvalidTransition(_("该事项已处于最后阶段“后评估”。"))
        raise InvalidTransition(
            _("进展须按顺序更新：当前为“%(now)s”，下一阶段是“%(next)s”。")
            % {"now": decision.get_status_display(), "next": DecisionStatus(expected).label}
        )
    today = local_date(now)
    if to == DecisionStatus.DELIBERATION:
        for consultation in decision.consultations.all():
            if consultation.state(today) in (ConsultationState.OPEN, ConsultationState.UPCOMING):
                raise InvalidTransition(_("草案征求意见尚未结束，不能提请审议。"))
    if to == DecisionStatus.DECIDED:
        decided_on = decided_on or today
        if decided_on > today:
            raise DomainError(_("决策日期不能晚于今天。"), field="decided_on")
        _check_item(decision_item)
        decision.decided_on = decided_on
        if decision_item is not None:
            decision.decision_item = decision_item
    change = _advance(decision, to, actor=actor, now=now, note=_text(note))
    purge_public_pages()
    return change


@transaction.atomic
def decision_remove(*, decision: Decision, reason: str, actor, now: datetime) -> DecisionChange:
    """Take the entry out of the catalog (调出目录); it stays listed, marked, with the reason."""
    _require(actor, decision.organization)
    if decision.is_removed:
        raise InvalidTransition(_("该事项已调出目录。"))
    reason = _text(reason)
    if not reason:
        raise DomainError(_("请填写调出目录的理由，将随调整记录公开。"), field="reason")
    decision.removed_at = now
    decision.updated_at = now
    decision.save(update_fields=["removed_at", "updated_at"])
    change = DecisionChange.objects.create(
        decision=decision,
        kind=ChangeKind.REMOVED,
        summary=_("调出目录"),
        reason=reason,
        at=now,
        actor=actor,
    )
    audit(
        subject=decision,
        action="participation.decision_remove",
        actor=actor,
        at=now,
        summary=_("调出重大行政决策目录：%(title)s") % {"title": decision.title},
        reason=reason,
    )
    purge_public_pages()
    return change


# ---------------------------------------------------------------- 意见征集: the draft


def period_warning(
    *, major: bool, opens_on: date, closes_on: date, config: ParticipationSettings | None = None
) -> str | None:
    """A warning (never an error) when the comment period is shorter than the default minimum:
    calendar days for a major decision's draft, working days for other drafts."""
    if not opens_on or not closes_on or closes_on < opens_on:
        return None
    config = config or ParticipationSettings.load()
    if major:
        days = (closes_on - opens_on).days + 1
        if days < config.major_decision_min_days:
            return _(
                "征求意见期为%(days)s日，少于重大行政决策草案征求意见期一般不少于%(min)s日的要求。"
                "确需缩短的，请在“征求意见期限较短的说明”中写明理由。"
            ) % {"days": days, "min": config.major_decision_min_days}
        return None
    days = working_days_between(opens_on - timedelta(days=1), closes_on)
    if days < config.policy_min_working_days:
        return _(
            "征求意见期为%(days)s个工作日，少于%(min)s个工作日。"
            "确需缩短的，请在“征求意见期限较短的说明”中写明理由。"
        ) % {"days": int(days), "min": config.policy_min_working_days}
    return None


def consultation_period_warning(consultation: Consultation) -> str | None:
    return period_warning(
        major=consultation.is_major_decision,
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
    )


def _store_articles(consultation: Consultation) -> None:
    parsed = drafts.parse_articles(consultation.draft_text)
    if not any(article.number is not None for article in parsed):
        raise DomainError(_("征求意见稿没有可以识别的内容，请粘贴草案全文。"), field="draft_text")
    consultation.articles.all().delete()
    seen: set[str] = set()
    rows = []
    for position, article in enumerate(parsed, start=1):
        anchor = article.anchor
        if anchor in seen:  # the same number twice (a quotation, a typo): keep both reachable
            anchor = f"{anchor}-{position}"
        seen.add(anchor)
        rows.append(
            DraftArticle(
                consultation=consultation,
                position=position,
                number=article.number,
                heading=article.heading,
                chapter=article.chapter[:120],
                text=article.text,
                anchor=anchor,
            )
        )
    DraftArticle.objects.bulk_create(rows)


def _store_channels(consultation: Consultation, channels: dict[str, str]) -> None:
    if not channels:
        raise DomainError(_("请至少选择一种意见征集渠道。"), field="channels")
    for kind in channels:
        if kind not in Channel.values:
            raise DomainError(_("未知的征集渠道。"), field="channels")
    existing = {c.kind: c for c in consultation.channels.all()}
    for kind, channel in existing.items():
        if kind not in channels:
            channel.delete()
    for kind, details in channels.items():
        channel = existing.get(kind) or ConsultationChannel(consultation=consultation, kind=kind)
        channel.details = _text(details)[:300]
        channel.save()


def _check_decision(decision: Decision | None, organization: Organization) -> None:
    if decision is None:
        return
    if decision.organization_id != organization.pk:
        raise DomainError(_("只能为本单位承办的重大行政决策事项征求意见。"), field="decision")
    if decision.is_removed:
        raise DomainError(_("该决策事项已调出目录。"), field="decision")


def _apply(consultation: Consultation, data: dict) -> None:
    for field in CONSULTATION_FIELDS:
        if field in data:
            setattr(consultation, field, _text(data[field]))
    if "decision" in data:
        consultation.decision = data["decision"]
    if not consultation.title:
        raise DomainError(_("请填写标题。"), field="title")
    if not consultation.draft_text:
        raise DomainError(_("请粘贴征求意见稿全文。"), field="draft_text")
    if not consultation.opens_on:
        raise DomainError(_("请填写开始日期。"), field="opens_on")
    if not consultation.closes_on:
        raise DomainError(_("请填写截止日期。"), field="closes_on")
    if consultation.closes_on < consultation.opens_on:
        raise DomainError(_("截止日期不能早于开始日期。"), field="closes_on")


def _save_draft(consultation: Consultation, data: dict, channels: dict[str, str]) -> None:
    """Check and store the draft, split into its articles, with its channels."""
    _apply(consultation, data)
    full_clean_or_raise(consultation, exclude=["created_by"])
    consultation.save()
    _store_articles(consultation)
    _store_channels(consultation, channels)


@transaction.atomic
def consultation_create(
    *,
    organization: Organization,
    data: dict,
    channels: dict[str, str],
    actor,
    now: datetime,
) -> Consultation:
    """A draft consultation; nothing is public until ``consultation_publish``."""
    _require(actor, organization)
    _check_decision(data.get("decision"), organization)
    consultation = Consultation(
        organization=organization, created_at=now, updated_at=now, created_by=actor
    )
    _save_draft(consultation, data, channels)
    audit(
        subject=consultation,
        action="participation.consultation_create",
        actor=actor,
        at=now,
        summary=_("新建意见征集：%(title)s") % {"title": consultation.title},
    )
    return consultation


@transaction.atomic
def consultation_update(
    *, consultation: Consultation, data: dict, channels: dict[str, str], actor, now: datetime
) -> Consultation:
    """Edit a consultation that is not published yet (its draft is re-split into articles)."""
    _require(actor, consultation.organization)
    if consultation.is_published:
        raise InvalidTransition(
            _("意见征集已发布，不能再修改征求意见稿；如需延长期限请使用“延长期限”。")
        )
    _check_decision(data.get("decision", consultation.decision), consultation.organization)
    consultation.updated_at = now
    _save_draft(consultation, data, channels)
    audit(
        subject=consultation,
        action="participation.consultation_update",
        actor=actor,
        at=now,
        summary=_("修改意见征集：%(title)s") % {"title": consultation.title},
    )
    return consultation


@transaction.atomic
def consultation_publish(*, consultation: Consultation, actor, now: datetime) -> Consultation:
    """Put the draft on the portal. A catalog decision still 计划 moves to 草案公开征求意见."""
    _require(actor, consultation.organization)
    if consultation.is_published:
        raise InvalidTransition(_("该意见征集已发布。"))
    if consultation.closes_on < local_date(now):
        raise DomainError(_("截止日期已过，请修改征求意见期限后再发布。"), field="closes_on")
    consultation.published_at = now
    consultation.updated_at = now
    consultation.save(update_fields=["published_at", "updated_at"])
    audit(
        subject=consultation,
        action="participation.consultation_publish",
        actor=actor,
        at=now,
        summary=_("发布意见征集：%(title)s") % {"title": consultation.title},
    )
    decision = consultation.decision
    if (
        decision is not None
        and decision.status == DecisionStatus.PLANNED
        and not decision.is_removed
    ):
        _advance(
            decision,
            DecisionStatus.CONSULTING,
            actor=actor,
            now=now,
            note=_("《%(title)s》公开征求意见") % {"title": consultation.title},
        )
    purge_public_pages()
    return consultation


@transaction.atomic
def consultation_extend(
    *, consultation: Consultation, closes_on: date, reason: str, actor, now: datetime
) -> Consultation:
    """Move the end date later while the consultation has not closed."""
    _require(actor, consultation.organization)
    if consultation.state(local_date(now)) not in (
        ConsultationState.OPEN,
        ConsultationState.UPCOMING,
    ):
        raise InvalidTransition(_("只有尚未结束的意见征集可以延长期限。"))
    if closes_on is None or closes_on <= consultation.closes_on:
        raise DomainError(_("新的截止日期须晚于原截止日期。"), field="closes_on")
    reason = _text(reason)
    if not reason:
        raise DomainError(_("请填写延长期限的理由。"), field="reason")
    old = consultation.closes_on
    consultation.closes_on = closes_on
    consultation.updated_at = now
    consultation.save(update_fields=["closes_on", "updated_at"])
    audit(
        subject=consultation,
        action="participation.consultation_extend",
        actor=actor,
        at=now,
        summary=_("截止日期由%(old)s延长至%(new)s") % {"old": old, "new": closes_on},
        reason=reason,
    )
    purge_public_pages()
    return consultation


@transaction.atomic
def consultation_close(
    *, consultation: Consultation, actor, now: datetime, reason: str = ""
) -> Consultation:
    """Stop taking opinions. Before the end date this needs a reason, published on the page."""
    _require(actor, consultation.organization)
    today = local_date(now)
    state = consultation.state(today)
    if state == ConsultationState.DRAFT:
        raise InvalidTransition(_("意见征集尚未发布。"))
    if consultation.closed_at is not None or state == ConsultationState.REPORTED:
        raise InvalidTransition(_("该意见征集已结束。"))
    reason = _text(reason)
    if today <= consultation.closes_on and not reason:
        raise DomainError(_("提前结束意见征集须填写理由，将在页面上公开。"), field="reason")
    consultation.closed_at = now
    consultation.close_reason = reason if today <= consultation.closes_on else ""
    consultation.updated_at = now
    consultation.save(update_fields=["closed_at", "close_reason", "updated_at"])
    audit(
        subject=consultation,
        action="participation.consultation_close",
        actor=actor,
        at=now,
        summary=_("结束意见征集：%(title)s") % {"title": consultation.title},
        reason=reason,
    )
    purge_public_pages()
    return consultation


# ---------------------------------------------------------------- comments


def ip_key(ip: str) -> str:
    """A keyed digest of the client address: tells repeated senders apart without keeping
    the address itself."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"participation-ip:{ip or ''}".encode(), hashlib.sha256
    ).hexdigest()


def unique_receipt(prefix: str, model, field: str, now: datetime) -> str:
    """A receipt such as ``YJ20260415-ABC234``: the prefix, the local date and six characters
    that are hard to misread, not yet used in ``model.field``."""
    while True:
        suffix = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
        receipt = f"{prefix}{local_date(now):%Y%m%d}-{suffix}"
        if not model.objects.filter(**{field: receipt}).exists():
            return receipt


def spam_flags(text: str, *, honeypot: bool) -> list[str]:
    """Why a submission from the public looks like spam, by the admin's active word list."""
    words = list(SpamWord.objects.filter(is_active=True).values_list("word", flat=True))
    return spam.spam_reasons(text, words=words, honeypot=honeypot)


def _check_contact(phone: str, email: str) -> None:
    digits = sum(ch.isdigit() for ch in phone)
    allowed = all(ch.isdigit() or ch in "+-() " for ch in phone)
    if phone and not (allowed and 7 <= digits <= 20):
        raise DomainError(
            _("联系电话格式不正确，请填写手机号码或带区号的固定电话。"), field="phone"
        )
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise DomainError(
                _("请填写正确的电子邮箱地址，如 name@example.com。"), field="email"
            ) from exc


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    body: str,
    now: datetime,
    article: DraftArticle | None = None,
    name: str = "",
    signed: bool = False,
    phone: str = "",
    email: str = "",
    ip: str = "",
    honeypot: bool = False,
) -> Comment:
    """A citizen's online opinion. It is stored whatever it contains, waits for review, and its
    receipt number is shown at once."""
    state = consultation.state(local_date(now))
    if state == ConsultationState.UPCOMING:
        raise DomainError(_("意见征集尚未开始，请在开始日期后提交。"))
    if state != ConsultationState.OPEN:
        raise DomainError(_("本次意见征集已结束，不再接受网上意见。"))
    if not consultation.channels.filter(kind=Channel.ONLINE).exists():
        raise DomainError(_("本次意见征集不接受网上提交，请通过页面列出的其他渠道提出意见。"))
    if article is not None and (
        article.consultation_id != consultation.pk or not article.is_commentable
    ):
        raise DomainError(_("请从列表中选择意见针对的条文。"), field="article")
    text = spam.plain_text(body)
    if not text:
        raise DomainError(_("请填写意见内容。"), field="body")
    if len(text) > MAX_COMMENT_CHARS:
        raise DomainError(
            _("意见内容不能超过%(max)s字，当前为%(n)s字。")
            % {"max": MAX_COMMENT_CHARS, "n": len(text)},
            field="body",
        )
    name = spam.plain_text(name)
    if len(name) > MAX_NAME_CHARS:
        raise DomainError(_("姓名过长。"), field="name")
    if signed and not name:
        raise DomainError(_("选择公开署名时，请填写姓名。"), field="name")
    phone, email = _text(phone), _text(email)
    _check_contact(phone, email)
    flags = spam_flags(f"{name}\n{text}", honeypot=honeypot)
    comment = Comment.objects.create(
        consultation=consultation,
        article=article,
        body=text,
        name=name,
        signed=bool(signed and name),
        phone=phone,
        email=email,
        ip_hash=ip_key(ip) if ip else "",
        receipt_number=unique_receipt("YJ", Comment, "receipt_number", now),
        submitted_at=now,
        spam_flags=flags,
    )
    audit(
        subject=comment,
        action="participation.comment_submit",
        actor=None,
        at=now,
        summary=_("收到网上意见 %(number)s") % {"number": comment.receipt_number},
        data={"flags": flags},
    )
    return comment


def _moderatable(comment: Comment, actor) -> None:
    _require(actor, comment.consultation.organization)
    if comment.status != CommentStatus.PENDING:
        raise InvalidTransition(
            _("该意见已审核（%(status)s）。") % {"status": comment.get_status_display()}
        )


@transaction.atomic
def comment_approve(*, comment: Comment, actor, now: datetime) -> Comment:
    """Publish a reviewed comment (without the writer's personal data)."""
    _moderatable(comment, actor)
    comment.status = CommentStatus.PUBLISHED
    comment.moderated_at, comment.moderated_by = now, actor
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    audit(
        subject=comment,
        action="participation.comment_approve",
        actor=actor,
        at=now,
        summary=_("意见 %(number)s 审核通过并公开") % {"number": comment.receipt_number},
    )
    purge_public_pages()
    return comment


@transaction.atomic
def comment_reject(*, comment: Comment, reason: str, actor, now: datetime) -> Comment:
    """Keep a comment off the portal. It stays stored, with the reason, for staff."""
    _moderatable(comment, actor)
    reason = _text(reason)
    if not reason:
        raise DomainError(_("请填写不予公开的理由。"), field="reason")
    comment.status = CommentStatus.REJECTED
    comment.reject_reason = reason
    comment.moderated_at, comment.moderated_by = now, actor
    comment.save(update_fields=["status", "reject_reason", "moderated_at", "moderated_by"])
    audit(
        subject=comment,
        action="participation.comment_reject",
        actor=actor,
        at=now,
        summary=_("意见 %(number)s 不予公开") % {"number": comment.receipt_number},
        reason=reason,
    )
    return comment


# ---------------------------------------------------------------- feedback


def _require_marking(consultation: Consultation, actor, now: datetime) -> None:
    _require(actor, consultation.organization)
    state = consultation.state(local_date(now))
    if state == ConsultationState.REPORTED:
        raise InvalidTransition(_("采纳情况反馈已发布，不能再修改。"))
    if state != ConsultationState.CLOSED:
        raise InvalidTransition(_("意见征集结束后才能标注采纳情况。"))


def _check_adoption(adoption: str, reason: str) -> None:
    if adoption and adoption not in Adoption.values:
        raise DomainError(_("请选择采纳情况。"), field="adoption")
    if adoption in REASON_REQUIRED and not reason:
        raise DomainError(
            _("“%(label)s”须说明理由，将在反馈中公开。") % {"label": Adoption(adoption).label},
            field="reason",
        )


def _group_texts(summary: str, adoption: str, reason: str) -> tuple[str, str]:
    """A group's summary and reason, trimmed and checked."""
    summary, reason = _text(summary), _text(reason)
    if not summary:
        raise DomainError(_("请概述这组意见的内容，将在反馈中公开。"), field="summary")
    _check_adoption(adoption, reason)
    return summary, reason


def _group_comments(consultation: Consultation, comment_ids) -> list[Comment]:
    ids = {int(pk) for pk in comment_ids}
    comments = list(consultation.comments.filter(pk__in=ids, status=CommentStatus.PUBLISHED))
    if len(comments) != len(ids):
        raise DomainError(_("只能归并本次征集中已公开的意见。"), field="comments")
    return comments


@transaction.atomic
def opinion_group_create(
    *,
    consultation: Consultation,
    summary: str,
    comment_ids=(),
    offline_count: int = 0,
    concentrated: bool = False,
    adoption: str = "",
    reason: str = "",
    actor,
    now: datetime,
) -> OpinionGroup:
    """Group similar opinions so they are answered together (and counted as one opinion group)."""
    _require_marking(consultation, actor, now)
    summary, reason = _group_texts(summary, adoption, reason)
    comments = _group_comments(consultation, comment_ids)
    if not comments and not offline_count:
        raise DomainError(_("请选择归入的意见，或填写线下同类意见数。"), field="comments")
    group = OpinionGroup.objects.create(
        consultation=consultation,
        summary=summary,
        offline_count=max(0, int(offline_count or 0)),
        marked_concentrated=bool(concentrated),
        adoption=adoption,
        reason=reason,
        created_at=now,
        updated_at=now,
    )
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(
        group=group, adoption="", adoption_reason=""
    )
    audit(
        subject=group,
        action="participation.group_create",
        actor=actor,
        at=now,
        summary=_("归并同类意见 %(n)s 条") % {"n": len(comments)},
        data={"comments": [c.pk for c in comments]},
    )
    return group


@transaction.atomic
def opinion_group_update(
    *,
    group: OpinionGroup,
    summary: str,
    offline_count: int,
    concentrated: bool,
    adoption: str,
    reason: str,
    actor,
    now: datetime,
) -> OpinionGroup:
    """Change a group's summary, offline count, concentrated mark or adoption."""
    _require_marking(group.consultation, actor, now)
    summary, reason = _group_texts(summary, adoption, reason)
    group.summary = summary
    group.offline_count = max(0, int(offline_count or 0))
    group.marked_concentrated = bool(concentrated)
    group.adoption, group.reason = adoption, reason
    group.updated_at = now
    group.save()
    audit(
        subject=group,
        action="participation.group_update",
        actor=actor,
        at=now,
        summary=_("标注同类意见：%(adoption)s")
        % {"adoption": Adoption(adoption).label if adoption else _("未标注")},
        reason=reason,
    )
    return group


@transaction.atomic
def comment_mark(
    *,
    comment: Comment,
    actor,
    now: datetime,
    adoption: str = "",
    reason: str = "",
    group: OpinionGroup | None = None,
) -> Comment:
    """Mark one published opinion: put it in a group (answered with the group), or give it
    its own 采纳 / 部分采纳 / 未采纳 with a reason."""
    consultation = comment.consultation
    _require_marking(consultation, actor, now)
    if comment.status != CommentStatus.PUBLISHED:
        raise InvalidTransition(_("只能标注已公开的意见。"))
    reason = _text(reason)
    if group is not None:
        if group.consultation_id != consultation.pk:
            raise DomainError(_("请选择本次征集的同类意见。"), field="group")
        comment.group, comment.adoption, comment.adoption_reason = group, "", ""
    else:
        _check_adoption(adoption, reason)
        comment.group, comment.adoption, comment.adoption_reason = None, adoption, reason
    comment.save(update_fields=["group", "adoption", "adoption_reason"])
    audit(
        subject=comment,
        action="participation.comment_mark",
        actor=actor,
        at=now,
        summary=_("标注意见 %(number)s") % {"number": comment.receipt_number},
        reason=reason,
        data={"group": group.pk if group else None, "adoption": adoption},
    )
    return comment


@transaction.atomic
def channel_counts_set(
    *, consultation: Consultation, counts: dict[str, int], actor, now: datetime
) -> None:
    """Enter how many opinions came by post, e-mail, hearings and symposiums."""
    _require(actor, consultation.organization)
    if not consultation.is_published:
        raise InvalidTransition(_("意见征集尚未发布。"))
    if consultation.has_report():
        raise InvalidTransition(_("采纳情况反馈已发布，不能再修改。"))
    for kind, count in counts.items():
        if kind not in OFFLINE_CHANNELS:
            raise DomainError(_("网上意见由系统自动统计。"), field=kind)
        if count is None or int(count) < 0:
            raise DomainError(_("意见数不能为负数。"), field=kind)
        channel = consultation.channels.filter(kind=kind).first()
        if channel is None:
            raise DomainError(_("本次征集未开通该渠道。"), field=kind)
        channel.received_count = int(count)
        channel.save(update_fields=["received_count"])
    audit(
        subject=consultation,
        action="participation.channel_counts",
        actor=actor,
        at=now,
        summary=_("录入线下渠道意见数"),
        data={k: int(v) for k, v in counts.items()},
    )


def report_problems(consultation: Consultation) -> list[str]:
    """What still stops the report from being published (empty when nothing does)."""
    problems = []
    comments = list(consultation.comments.select_related("group"))
    pending = sum(1 for c in comments if c.status == CommentStatus.PENDING)
    if pending:
        problems.append(_("尚有%(n)s条意见未审核。") % {"n": pending})
    unmarked = sum(
        1
        for c in comments
        if c.status == CommentStatus.PUBLISHED and not c.group_id and not c.adoption
    )
    if unmarked:
        problems.append(_("尚有%(n)s条已公开的意见未标注采纳情况。") % {"n": unmarked})
    groups = [g for g in consultation.opinion_groups.all() if not g.adoption]
    if groups:
        problems.append(_("尚有%(n)s组同类意见未标注采纳情况。") % {"n": len(groups)})
    return problems


@transaction.atomic
def feedback_report_publish(
    *, consultation: Consultation, summary: str, actor, now: datetime
) -> FeedbackReport:
    """Build the report from the marks and freeze it (意见采纳情况反馈)."""
    from .selectors import report_data

    _require_marking(consultation, actor, now)
    problems = report_problems(consultation)
    if problems:
        raise DomainError(" ".join(problems))
    report = FeedbackReport.objects.create(
        consultation=consultation,
        summary=_text(summary),
        data=report_data(consultation),
        published_at=now,
        published_by=actor,
    )
    audit(
        subject=consultation,
        action="participation.report_publish",
        actor=actor,
        at=now,
        summary=_("发布意见采纳情况反馈：%(title)s") % {"title": consultation.title},
    )
    purge_public_pages()
    return report
