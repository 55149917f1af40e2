"""Every change to a mailbox message and to the FAQ knowledge base goes through these functions.

The workflow: 提交 (the writer; routed at once, ``routing.route``) → 受理 (staff of the
receiving organization's openness office, optionally naming a handler) → 转办 to another
organization when it belongs there (recorded, back to 待受理 there) → 答复 (or 不予受理 with
a reason) → the publication decision (only with the writer's consent, only a de-identified
version confirmed by staff) → the writer's rating, once. Staff curate FAQ entries from answers.

Each function checks the actor's role and the state first, then changes the message and writes
its audit row in one transaction; mail and page-cache purges run after commit. Nothing is ever
deleted: a message that is not handled is closed as 不予受理 with its reason.
"""

import re
from datetime import datetime
from html import unescape

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

import nh3

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed, full_clean_or_raise
from gongkai.core.timeutil import local_date
from gongkai.core.tracking import new_tracking_code, normalize_tracking_code, phone_matches
from gongkai.foi.validators import normalize_phone, validate_mobile_or_phone
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import has_role, is_platform_admin
from gongkai.orgs.selectors import staff_of
from gongkai.search.segment import index_text

from . import deadlines, privacy
from .choices import Kind, Rating, RoutedBy, Status
from .models import FaqEntry, MailboxSettings, Message, MessageTransfer
from .routing import root_organization, route

SUBJECT_MAX = 100
BODY_MAX = 5000
REPLY_MAX = 10000
NAME_MAX = 40
ADDRESS_MAX = 200
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- text ------------------------------------------------------------------------------------


def plain_text(value: str) -> str:
    """What a writer or staff member typed, as plain text: markup and scripts dropped (the
    pages escape it again when they show it), control characters removed, line ends unified."""
    text = unescape(nh3.clean(value or "", tags=set()))
    text = CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def _required_text(value: str, field: str, message: str, max_length: int) -> str:
    text = plain_text(value)
    if not text:
        raise DomainError(message, field=field)
    if len(text) > max_length:
        raise DomainError(_("内容过长，最多 %(n)s 个字。") % {"n": max_length}, field=field)
    return text


# --- who may act ------------------------------------------------------------------------------


def can_handle(user, message: Message) -> bool:
    """The openness office of the organization that has the message; the general office of the
    top government for letters to the leader's mailbox (it supervises them); platform admins."""
    if not user or not user.is_authenticated:
        return False
    if is_platform_admin(user) or has_role(user, message.organization_id, Role.OPENNESS_OFFICE):
        return True
    if message.kind == Kind.LEADER:
        return has_role(user, root_organization().pk, Role.OPENNESS_OFFICE)
    return False


def _require_handler(user, message: Message) -> None:
    if not can_handle(user, message):
        raise NotAllowed(
            _("您不是“%(org)s”政务公开工作机构的人员，无权办理这条留言。")
            % {"org": message.organization.name}
        )


def can_curate(user, organization: Organization) -> bool:
    if not user or not user.is_authenticated:
        return False
    return is_platform_admin(user) or has_role(user, organization, Role.OPENNESS_OFFICE)


def _require_curator(user, organization: Organization) -> None:
    if not can_curate(user, organization):
        raise NotAllowed(
            _("您不是“%(org)s”政务公开工作机构的人员，无权编辑其常见问题。")
            % {"org": organization.name}
        )


def _require_status(message: Message, *statuses: str) -> None:
    if message.status not in statuses:
        raise InvalidTransition(
            _("留言当前状态为“%(status)s”，不能进行此操作。")
            % {"status": message.get_status_display()}
        )


def _audit(message, action, actor, now, summary, *, reason="", data=None) -> None:
    audit(
        subject=message,
        action=action,
        actor=actor,
        at=now,
        summary=summary,
        reason=reason,
        data=data,
    )


def _save(message: Message, now: datetime, *fields: str) -> None:
    message.updated_at = now
    message.save(update_fields=[*fields, "updated_at"])


def _purge_public_pages() -> None:
    from gongkai.portal.cache import purge_public_pages

    purge_public_pages()


# --- submission -------------------------------------------------------------------------------


def validate_message_data(data: dict) -> dict:
    """The writer's fields, checked and normalized (plain text, phone in one form)."""
    kind = data.get("kind")
    if kind not in Kind.values:
        raise DomainError(_("请选择留言类别。"), field="kind")
    subject = _required_text(data.get("subject"), "subject", _("请填写标题。"), SUBJECT_MAX)
    body = _required_text(data.get("body"), "body", _("请填写留言内容。"), BODY_MAX)
    name = _required_text(data.get("writer_name"), "writer_name", _("请填写姓名。"), NAME_MAX)
    phone = (data.get("phone") or "").strip()
    if not phone:
        raise DomainError(_("请填写联系电话。"), field="phone")
    try:
        validate_mobile_or_phone(phone)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="phone") from exc
    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise DomainError(
                _("请填写正确的电子邮箱地址，如 name@example.com。"), field="email"
            ) from exc
    address = plain_text(data.get("address") or "")[:ADDRESS_MAX]
    return {
        "kind": kind,
        "subject": subject,
        "body": body,
        "writer_name": name,
        "phone": normalize_phone(phone),
        "email": email,
        "address": address,
        "consent_publish": bool(data.get("consent_publish")),
    }


@transaction.atomic
def message_submit(
    *, data: dict, chosen_organization: Organization | None, now: datetime
) -> Message:
    """A writer's message: checked, routed to an organization and given its tracking code and
    its reply deadline (``MailboxSettings``, in working days from today)."""
    fields = validate_message_data(data)
    if chosen_organization is not None and not chosen_organization.is_active:
        raise DomainError(_("该机构不受理留言，请重新选择。"), field="organization")
    routing = route(
        kind=fields["kind"],
        chosen_organization=chosen_organization,
        subject=fields["subject"],
        body=fields["body"],
    )
    config = MailboxSettings.load()
    year = local_date(now).year
    # Serials are per year; the lock on the settings row serializes concurrent submissions.
    MailboxSettings.objects.select_for_update().filter(pk=config.pk).first()
    last = Message.objects.filter(year=year).aggregate(Max("serial"))["serial__max"] or 0
    message = Message(
        number=f"{year}{last + 1:06d}",
        year=year,
        serial=last + 1,
        tracking_code=new_tracking_code(),
        chosen_organization=chosen_organization if fields["kind"] != Kind.LEADER else None,
        routed_by=routing.routed_by,
        routing_rule=routing.rule,
        organization=routing.organization,
        submitted_at=now,
        received_on=local_date(now),
        reply_days=config.reply_days_for(fields["kind"]),
        created_at=now,
        updated_at=now,
        **fields,
    )
    full_clean_or_raise(message, exclude=["handler", "accepted_by", "replied_by"])
    message.save()
    summary = _("收到%(kind)s留言 %(number)s，分送%(org)s（%(how)s）") % {
        "kind": message.get_kind_display(),
        "number": message.number,
        "org": routing.organization.name,
        "how": RoutedBy(routing.routed_by).label,
    }
    _audit(
        message,
        "mailbox.submit",
        None,
        now,
        summary,
        data={"rule": routing.rule.pk if routing.rule else None, "score": routing.score},
    )
    if message.email:
        transaction.on_commit(lambda: _mail_tracking_code(message))
    return message


def _mail_tracking_code(message: Message) -> None:
    send_mail(
        subject=_("您的留言已提交"),
        message=_(
            "您的留言（编号 %(number)s）已收到，查询码：%(code)s。"
            "请凭查询码和联系电话在网站“政民互动信箱”栏目查询办理情况。"
        )
        % {"number": message.number, "code": message.tracking_code},
        from_email=None,
        recipient_list=[message.email],
        fail_silently=True,
    )


# --- handling ---------------------------------------------------------------------------------


def _check_handler_user(message: Message, handler) -> None:
    if handler is None:
        return
    if not staff_of(message.organization).filter(pk=handler.pk).exists():
        raise DomainError(
            _("承办人须为“%(org)s”的工作人员。") % {"org": message.organization.name},
            field="handler",
        )


@transaction.atomic
def message_accept(*, message: Message, actor, now: datetime, handler=None) -> Message:
    """受理: the organization takes the message on, optionally naming its handler."""
    _require_handler(actor, message)
    _require_status(message, Status.PENDING)
    _check_handler_user(message, handler)
    message.status = Status.PROCESSING
    message.accepted_at, message.accepted_by = now, actor
    message.handler = handler
    _save(message, now, "status", "accepted_at", "accepted_by", "handler")
    _audit(
        message,
        "mailbox.accept",
        actor,
        now,
        _("受理留言 %(number)s") % {"number": message.number},
        data={"handler": handler.pk if handler else None},
    )
    return message


@transaction.atomic
def message_assign(*, message: Message, handler, actor, now: datetime) -> Message:
    """Name (or change) the person who drafts the reply."""
    _require_handler(actor, message)
    _require_status(message, Status.PROCESSING)
    if handler is None:
        raise DomainError(_("请选择承办人。"), field="handler")
    _check_handler_user(message, handler)
    message.handler = handler
    _save(message, now, "handler")
    _audit(
        message,
        "mailbox.assign",
        actor,
        now,
        _("指定承办人 %(name)s") % {"name": handler.get_full_name() or handler.username},
        data={"handler": handler.pk},
    )
    return message


@transaction.atomic
def message_transfer(
    *, message: Message, to_organization: Organization, reason: str, actor, now: datetime
) -> MessageTransfer:
    """转办: hand the message to the organization in charge. It waits there for acceptance;
    the reply deadline still runs from the day the message was first received."""
    _require_handler(actor, message)
    _require_status(message, Status.PENDING, Status.PROCESSING)
    reason = plain_text(reason)
    if not reason:
        raise DomainError(_("请填写转办理由。"), field="reason")
    if to_organization is None or not to_organization.is_active:
        raise DomainError(_("请选择转入机构。"), field="to_organization")
    if to_organization.pk == message.organization_id:
        raise DomainError(_("留言已在该机构办理，请选择其他机构。"), field="to_organization")
    transfer = MessageTransfer.objects.create(
        message=message,
        from_organization=message.organization,
        to_organization=to_organization,
        reason=reason,
        by=actor,
        at=now,
    )
    message.organization = to_organization
    message.status = Status.PENDING
    message.handler = None
    message.accepted_at = message.accepted_by = None
    _save(message, now, "organization", "status", "handler", "accepted_at", "accepted_by")
    _audit(
        message,
        "mailbox.transfer",
        actor,
        now,
        _("转办：%(src)s → %(dst)s")
        % {"src": transfer.from_organization.name, "dst": to_organization.name},
        reason=reason,
        data={"from": transfer.from_organization_id, "to": to_organization.pk},
    )
    return transfer


def _answered(message: Message, now: datetime) -> None:
    clock = deadlines.reply_clock(
        message.received_on, message.reply_days, today=local_date(now), answered_on=local_date(now)
    )
    message.replied_late = clock.overdue


@transaction.atomic
def message_reply(*, message: Message, text: str, actor, now: datetime) -> Message:
    """答复. A message still waiting for acceptance is accepted by replying to it."""
    _require_handler(actor, message)
    _require_status(message, Status.PENDING, Status.PROCESSING)
    text = _required_text(text, "reply", _("请填写答复内容。"), REPLY_MAX)
    if message.status == Status.PENDING:
        message.accepted_at, message.accepted_by = now, actor
    message.status = Status.REPLIED
    message.reply = text
    message.replied_at, message.replied_by = now, actor
    message.reply_organization = message.organization
    _answered(message, now)
    _save(
        message,
        now,
        "status",
        "accepted_at",
        "accepted_by",
        "reply",
        "replied_at",
        "replied_by",
        "reply_organization",
        "replied_late",
    )
    _audit(
        message,
        "mailbox.reply",
        actor,
        now,
        _("答复留言 %(number)s") % {"number": message.number},
        data={"late": message.replied_late},
    )
    if message.email:
        transaction.on_commit(lambda: _mail_replied(message))
    return message


def _mail_replied(message: Message) -> None:
    send_mail(
        subject=_("您的留言已答复"),
        message=_(
            "您的留言（编号 %(number)s）已由%(org)s答复。请凭查询码和联系电话在网站"
            "“政民互动信箱”栏目查看答复内容，并对办理情况作出评价。"
        )
        % {"number": message.number, "org": message.organization.name},
        from_email=None,
        recipient_list=[message.email],
        fail_silently=True,
    )


@transaction.atomic
def message_decline(*, message: Message, reason: str, actor, now: datetime) -> Message:
    """不予受理 (e.g. not a matter for the government, abusive, a duplicate): closed, kept, and
    the writer sees the reason when tracking."""
    _require_handler(actor, message)
    _require_status(message, Status.PENDING, Status.PROCESSING)
    reason = _required_text(reason, "reason", _("请填写不予受理的理由。"), REPLY_MAX)
    message.status = Status.DECLINED
    message.declined_reason = reason
    message.replied_at, message.replied_by = now, actor
    message.reply_organization = message.organization
    _answered(message, now)
    _save(
        message,
        now,
        "status",
        "declined_reason",
        "replied_at",
        "replied_by",
        "reply_organization",
        "replied_late",
    )
    _audit(
        message,
        "mailbox.decline",
        actor,
        now,
        _("不予受理留言 %(number)s") % {"number": message.number},
        reason=reason,
    )
    return message


# --- publication ------------------------------------------------------------------------------


def publication_proposal(message: Message) -> dict:
    """A de-identified public version for staff to edit and confirm."""
    return {
        "public_subject": message.public_subject
        or privacy.deidentify(message.subject, message)[:SUBJECT_MAX],
        "public_question": message.public_question or privacy.deidentify(message.body, message),
        "public_reply": message.public_reply
        or privacy.deidentify(message.reply, message, contacts=False),
    }


def _check_public_text(message: Message, field: str, text: str, *, contacts: bool) -> None:
    left = privacy.personal_data_left(text, message, contacts=contacts)
    if left:
        raise DomainError(
            _("公开版本中仍含有个人信息（%(what)s），请删除后再确认公开。")
            % {"what": "、".join(str(label) for label in left)},
            field=field,
        )


@transaction.atomic
def message_publication_set(
    *,
    message: Message,
    publish: bool,
    actor,
    now: datetime,
    public_subject: str = "",
    public_question: str = "",
    public_reply: str = "",
    confirmed: bool = False,
) -> Message:
    """Decide whether the exchange appears in the public Q&A.

    Publishing needs the writer's consent, a reply, a public version of the subject, question
    and reply with no personal data left, and the staff member's confirmation that they read it
    (``confirmed``). Withdrawing keeps the public version for the record.
    """
    _require_handler(actor, message)
    if publish:
        _require_status(message, Status.REPLIED)
        if not message.consent_publish:
            raise DomainError(_("写信人未同意公开，这条留言不能公开。"), field="publish")
        subject = _required_text(
            public_subject, "public_subject", _("请填写公开标题。"), SUBJECT_MAX
        )
        question = _required_text(
            public_question, "public_question", _("请填写公开的留言内容。"), BODY_MAX
        )
        reply = _required_text(public_reply, "public_reply", _("请填写公开的答复内容。"), REPLY_MAX)
        _check_public_text(message, "public_subject", subject, contacts=True)
        _check_public_text(message, "public_question", question, contacts=True)
        _check_public_text(message, "public_reply", reply, contacts=False)
        if not confirmed:
            raise DomainError(_("请核对公开版本已去除个人信息，并勾选确认。"), field="confirmed")
        message.public_subject, message.public_question, message.public_reply = (
            subject,
            question,
            reply,
        )
        message.may_publish = True
        message.published_at = message.published_at or now
        summary = _("决定公开留言 %(number)s") % {"number": message.number}
    else:
        if not message.may_publish:
            raise InvalidTransition(_("这条留言尚未公开。"))
        message.may_publish = False
        message.published_at = None
        summary = _("撤回公开留言 %(number)s") % {"number": message.number}
    message.publication_decided_at, message.publication_decided_by = now, actor
    _save(
        message,
        now,
        "may_publish",
        "public_subject",
        "public_question",
        "public_reply",
        "published_at",
        "publication_decided_at",
        "publication_decided_by",
    )
    _audit(message, "mailbox.publish" if publish else "mailbox.unpublish", actor, now, summary)
    _purge_public_pages()
    return message


# --- the writer -------------------------------------------------------------------------------


def track(tracking_code: str, phone: str) -> Message | None:
    """The message with this code if ``phone`` is its writer's number; None otherwise, with no
    hint which of the two was wrong."""
    code = normalize_tracking_code(tracking_code)
    message = Message.objects.select_related("organization").filter(tracking_code=code).first()
    if message is None or not phone_matches(phone, message.phone):
        return None
    return message


@transaction.atomic
def message_rate(*, message: Message, rating: str, comment: str = "", now: datetime) -> Message:
    """The writer's satisfaction with the reply: once, after the reply."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    _require_status(message, Status.REPLIED)
    if message.rating:
        raise InvalidTransition(_("您已经评价过这条留言，每条留言只能评价一次。"))
    if rating not in Rating.values:
        raise DomainError(_("请选择满意程度。"), field="rating")
    comment = plain_text(comment)
    if len(comment) > 500:
        raise DomainError(_("评价意见最多500个字。"), field="comment")
    message.rating, message.rating_comment, message.rated_at = rating, comment, now
    _save(message, now, "rating", "rating_comment", "rated_at")
    _audit(
        message,
        "mailbox.rate",
        None,
        now,
        _("写信人评价：%(rating)s") % {"rating": Rating(rating).label},
    )
    if message.is_published:
        _purge_public_pages()  # the public Q&A shows the rating
    return message


# --- FAQ knowledge base -------------------------------------------------------------------------


def _faq_search_text(entry: FaqEntry) -> str:
    return f" {index_text(entry.question + ' ' + entry.answer)} "


def _faq_fields(question: str, answer: str, topic: str) -> dict:
    return {
        "question": _required_text(question, "question", _("请填写问题。"), 200),
        "answer": _required_text(answer, "answer", _("请填写解答。"), REPLY_MAX),
        "topic": plain_text(topic)[:40],
    }


@transaction.atomic
def faq_create_from_message(*, message: Message, actor, now: datetime) -> FaqEntry:
    """加入知识库: a FAQ entry from an answered message. Published at once when the exchange is
    already public (its public version was confirmed); otherwise a draft built from the
    de-identified texts, for staff to check and publish."""
    _require_handler(actor, message)
    _require_status(message, Status.REPLIED)
    if FaqEntry.objects.filter(source_message=message).exists():
        raise InvalidTransition(_("这条留言已经加入知识库。"))
    if message.is_published:
        question, answer = message.public_subject, message.public_reply
    else:
        proposal = publication_proposal(message)
        question, answer = proposal["public_subject"], proposal["public_reply"]
    entry = FaqEntry(
        organization=message.organization,
        source_message=message,
        is_published=message.is_published,
        published_at=now if message.is_published else None,
        created_by=actor,
        created_at=now,
        updated_at=now,
        **_faq_fields(question, answer, ""),
    )
    entry.search_text = _faq_search_text(entry)
    entry.save()
    _audit(
        entry,
        "mailbox.faq_from_message",
        actor,
        now,
        _("由留言 %(number)s 加入知识库") % {"number": message.number},
    )
    if entry.is_published:
        _purge_public_pages()
    return entry


@transaction.atomic
def faq_save(
    *,
    entry: FaqEntry | None = None,
    organization: Organization,
    question: str,
    answer: str,
    topic: str = "",
    actor,
    now: datetime,
) -> FaqEntry:
    """Create a FAQ entry or edit one (a published entry changes on the portal at once)."""
    _require_curator(actor, organization)
    if entry is not None:
        _require_curator(actor, entry.organization)
    fields = _faq_fields(question, answer, topic)
    created = entry is None
    if created:
        entry = FaqEntry(created_by=actor, created_at=now)
    entry.organization = organization
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.updated_at = now
    entry.search_text = _faq_search_text(entry)
    full_clean_or_raise(entry, exclude=["created_by", "source_message"])
    entry.save()
    _audit(
        entry,
        "mailbox.faq_create" if created else "mailbox.faq_edit",
        actor,
        now,
        entry.question,
    )
    if entry.is_published:
        _purge_public_pages()
    return entry


@transaction.atomic
def faq_publish(*, entry: FaqEntry, publish: bool, actor, now: datetime) -> FaqEntry:
    """Show the entry in the public knowledge base, or take it off (it is kept)."""
    _require_curator(actor, entry.organization)
    if entry.is_published == publish:
        raise InvalidTransition(_("该问题已发布。") if publish else _("该问题尚未发布。"))
    if publish:
        left = privacy.personal_data_left(entry.question) + privacy.personal_data_left(
            entry.answer, contacts=False
        )
        if entry.source_message_id:
            left += privacy.personal_data_left(
                entry.question + "\n" + entry.answer, entry.source_message, contacts=False
            )
        if left:
            raise DomainError(
                _("问题或解答中仍含有个人信息（%(what)s），请修改后再发布。")
                % {"what": "、".join(dict.fromkeys(str(label) for label in left))}
            )
    entry.is_published = publish
    entry.published_at = now if publish else None
    entry.updated_at = now
    entry.save(update_fields=["is_published", "published_at", "updated_at"])
    _audit(
        entry,
        "mailbox.faq_publish" if publish else "mailbox.faq_unpublish",
        actor,
        now,
        entry.question,
    )
    _purge_public_pages()
    return entry
