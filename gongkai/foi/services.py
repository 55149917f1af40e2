"""Every change to an application for government information goes through these functions.

The workflow (Art. 45): 提交 (online) or 登记 (staff) → 确认接收 → 分配承办人 → 检索、关联已公开信息
→ 补正 / 征求意见 / 延期 / 收费 / 要求说明理由 and 延迟答复 (Art. 35) as needed (clock entries) →
拟办结果 → 审批 → 答复 (the reply letter is issued and frozen) → 送达 → 归档. A 补正 or fee that
lapses ends the application with the matching 其他处理 outcome. Each function checks the actor's
role and the state first and changes the application, its clock entries, letters and audit trail
in one transaction.
"""

import hashlib
import hmac
import unicodedata
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed, full_clean_or_raise
from gongkai.core.sanitize import html_to_text
from gongkai.core.timeutil import local_date
from gongkai.core.tracking import new_tracking_code, normalize_tracking_code, phone_matches
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import has_role, require_role

from . import clock, validators
from .choices import (
    LAPSE_OUTCOMES,
    OPEN_STATUSES,
    ApplicantKind,
    Channel,
    LetterKind,
    Outcome,
    RemedyResult,
    Status,
)
from .clock import ClockEvent, ClockState, EventKind
from .fees import FeeMethod, FeeQuote, fee_for
from .letters import content_hash, render_letter
from .models import Application, ClockEntry, Letter, Remedy

APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_name",
    "phone",
    "email",
    "address",
    "postcode",
)
REQUEST_FIELDS = ("title_hint", "document_number_hint", "description", "provision_form", "delivery")

# Clock entries that come with a letter, and the letter.
ENTRY_LETTERS = {
    EventKind.SUPPLEMENT_REQUESTED: LetterKind.SUPPLEMENT,
    EventKind.EXTENSION_APPROVED: LetterKind.EXTENSION,
    EventKind.FEE_NOTICE_SENT: LetterKind.FEE,
    EventKind.CONSULTATION_STARTED: LetterKind.CONSULTATION,
    EventKind.REASONS_REQUESTED: LetterKind.REASONS,
    EventKind.DEFERRAL_SET: LetterKind.DEFERRAL,
}
# Clock entries that end the application, and the outcome they count under.
LAPSES = {
    EventKind.SUPPLEMENT_LAPSED: Outcome.OTHER_NO_SUPPLEMENT,
    EventKind.FEE_LAPSED: Outcome.OTHER_FEE_UNPAID,
}


# --- identity -------------------------------------------------------------------------------


def applicant_key(identifier: str) -> str:
    """A keyed digest of an ID number or credit code: counts applications per applicant
    (fees per calendar month, repeats) without keeping a searchable copy of the number."""
    normal = unicodedata.normalize("NFKC", identifier or "").strip().upper()
    return hmac.new(settings.SECRET_KEY.encode(), normal.encode(), hashlib.sha256).hexdigest()


def _check(field: str, validate, *args) -> None:
    try:
        validate(*args)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field=field) from exc


def _require(data: dict, field: str, message: str) -> None:
    if not str(data.get(field) or "").strip():
        raise DomainError(message, field=field)


def validate_application_data(data: dict) -> dict:
    """Check what Art. 29 requires and return the normalized fields.

    Natural persons give an identity document; organizations their unified social credit
    code, legal representative and a contact person. Both give a phone number and a
    description of the information.
    """
    data = {
        key: (value.strip() if isinstance(value, str) else value) for key, value in data.items()
    }
    kind = data.get("applicant_kind")
    if kind not in ApplicantKind.values:
        raise DomainError(_("请选择申请人类型。"), field="applicant_kind")
    _require(data, "applicant_name", _("请填写申请人姓名或名称。"))
    if kind == ApplicantKind.NATURAL:
        _require(data, "id_type", _("请选择证件类型。"))
        _require(data, "id_number", _("请填写证件号码。"))
        data["id_number"] = validators.normalize_id_number(data["id_number"])
        _check("id_number", validators.validate_id_document, data["id_type"], data["id_number"])
        data["credit_code"] = data["legal_representative"] = ""
    else:
        _require(data, "credit_code", _("请填写统一社会信用代码。"))
        data["credit_code"] = validators.normalize_credit_code(data["credit_code"])
        _check("credit_code", validators.validate_credit_code, data["credit_code"])
        _require(data, "legal_representative", _("请填写法定代表人或者负责人。"))
        _require(data, "contact_name", _("请填写联系人。"))
        data["id_type"] = data["id_number"] = ""
    _require(data, "phone", _("请填写联系电话。"))
    _check("phone", validators.validate_mobile_or_phone, data["phone"])
    _require(data, "description", _("请描述所需政府信息：名称、文号或者便于查询的其他特征。"))
    if data.get("delivery") == "email" and not data.get("email"):
        raise DomainError(_("选择电子邮件获取时，请填写电子邮箱。"), field="email")
    if data.get("delivery") == "post" and not data.get("address"):
        raise DomainError(_("选择邮寄获取时，请填写通信地址。"), field="address")
    return {field: data.get(field) or "" for field in APPLICANT_FIELDS + REQUEST_FIELDS}


def receipt_date(
    channel: str,
    *,
    submitted_on: date,
    confirmed_on: date | None = None,
    signed_on: date | None = None,
) -> date:
    """收到申请之日 under Art. 31.

    当面提交: the day it is handed in. 信函: the day the agency signs for it. 平常信函 (no
    signature needed): the day it arrives, on which the agency confirms with the applicant.
    网上申请, 传真 and 电子邮件 (数据电文): the day both sides confirm.
    """
    if channel in (Channel.IN_PERSON, Channel.POST_UNSIGNED):
        return submitted_on
    if channel == Channel.POST:
        if signed_on is None:
            raise DomainError(_("信函申请请填写签收日期。"), field="signed_on")
        if signed_on < submitted_on:
            raise DomainError(_("签收日期不能早于申请提交日期。"), field="signed_on")
        return signed_on
    if confirmed_on is None:
        raise DomainError(_("请填写双方确认之日。"), field="confirmed_on")
    if confirmed_on < submitted_on:
        raise DomainError(_("确认日期不能早于申请提交日期。"), field="confirmed_on")
    return confirmed_on


def _create(*, organization: Organization, data: dict, channel: str, now: datetime, **extra):
    data = validate_application_data(data)
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    year = local_date(now).year
    last = Application.objects.filter(organization=organization, year=year).aggregate(
        Max("serial")
    )["serial__max"]
    application = Application(
        organization=organization,
        tracking_code=new_tracking_code(),
        year=year,
        serial=(last or 0) + 1,
        channel=channel,
        submitted_at=now,
        applicant_key=applicant_key(data["id_number"] or data["credit_code"]),
        created_at=now,
        updated_at=now,
        **data,
        **extra,
    )
    full_clean_or_raise(application, exclude=["handler", "decided_by", "approved_by"])
    application.save()
    return application


@transaction.atomic
def application_submit(*, organization: Organization, data: dict, now: datetime) -> Application:
    """A citizen's online application. It waits for the office to confirm receipt; its tracking
    code is shown at once and sent by e-mail when an address was given."""
    if not organization.is_active:
        raise DomainError(_("该机关不受理网上申请。"), field="organization")
    application = _create(organization=organization, data=data, channel=Channel.ONLINE, now=now)
    audit(
        subject=application,
        action="foi.submit",
        actor=None,
        at=now,
        summary=_("网上提交申请 %(number)s") % {"number": application.number},
    )
    if application.email:
        transaction.on_commit(lambda: _mail_tracking_code(application))
    return application


def _mail_tracking_code(application: Application) -> None:
    send_mail(
        subject=_("政府信息公开申请已提交"),
        message=_(
            "您向%(org)s提交的政府信息公开申请已收到，查询码：%(code)s。"
            "请凭查询码和联系电话在网站“依申请公开”栏目查询办理进度。"
        )
        % {"org": application.organization.name, "code": application.tracking_code},
        from_email=None,
        recipient_list=[application.email],
        fail_silently=True,
    )


@transaction.atomic
def application_register(
    *,
    organization: Organization,
    data: dict,
    channel: str,
    submitted_on: date,
    actor,
    now: datetime,
    confirmed_on: date | None = None,
    signed_on: date | None = None,
) -> Application:
    """Staff enter an application that came in person, by post, fax or e-mail; its receipt date
    follows Art. 31 and the clock starts at once."""
    require_role(actor, organization, Role.OPENNESS_OFFICE)
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise DomainError(_("请选择线下申请方式。"), field="channel")
    received = receipt_date(
        channel, submitted_on=submitted_on, confirmed_on=confirmed_on, signed_on=signed_on
    )
    if received > local_date(now):
        raise DomainError(_("收到申请日期不能晚于今天。"), field="submitted_on")
    application = _create(
        organization=organization,
        data=data,
        channel=channel,
        now=now,
        received_on=received,
        status=Status.PROCESSING,
    )
    _audit(
        application,
        "foi.register",
        actor,
        now,
        _("登记%(channel)s申请，收到日期 %(day)s")
        % {"channel": Channel(channel).label, "day": received.isoformat()},
    )
    return application


# --- workflow -------------------------------------------------------------------------------


def _audit(application, action, actor, now, summary, *, reason="", data=None) -> None:
    audit(
        subject=application,
        action=action,
        actor=actor,
        at=now,
        summary=summary,
        reason=reason,
        data=data,
    )


def _require_office(application: Application, actor) -> None:
    require_role(actor, application.organization, Role.OPENNESS_OFFICE)


def _require_status(application: Application, *statuses: str) -> None:
    if application.status not in statuses:
        raise InvalidTransition(
            _("申请当前状态为“%(status)s”，不能进行此操作。")
            % {"status": application.get_status_display()}
        )


def _save(application: Application, now: datetime, *fields: str) -> None:
    application.updated_at = now
    application.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def application_confirm(*, application: Application, actor, now: datetime) -> Application:
    """Confirm receipt of an online application: that day is its receipt date (Art. 31)."""
    _require_office(application, actor)
    _require_status(application, Status.SUBMITTED)
    application.received_on = local_date(now)
    application.status = Status.PROCESSING
    _save(application, now, "received_on", "status")
    _audit(application, "foi.confirm", actor, now, _("确认收到申请"))
    return application


@transaction.atomic
def application_assign(*, application: Application, handler, actor, now: datetime) -> Application:
    _require_office(application, actor)
    _require_status(application, Status.PROCESSING)
    if not has_role(handler, application.organization, Role.OPENNESS_OFFICE):
        raise DomainError(_("承办人须为本机关政务公开工作机构人员。"), field="handler")
    application.handler = handler
    _save(application, now, "handler")
    _audit(
        application,
        "foi.assign",
        actor,
        now,
        _("分配承办人：%(name)s") % {"name": handler.get_full_name() or handler.username},
    )
    return application


@transaction.atomic
def application_link_items(*, application: Application, items, actor, now: datetime) -> None:
    """Record published items that answer the request (已主动公开的信息)."""
    from gongkai.publishing.selectors import published_items

    _require_office(application, actor)
    _require_status(application, Status.PROCESSING)
    items = list(items)
    public_ids = set(
        published_items().filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True)
    )
    if len(public_ids) != len(items):
        raise DomainError(_("只能关联已发布的政府信息。"), field="items")
    application.linked_items.set(items)
    _save(application, now)
    _audit(
        application,
        "foi.link_items",
        actor,
        now,
        _("关联已主动公开信息 %(count)s 条") % {"count": len(items)},
        data={"items": sorted(public_ids)},
    )


def clock_events(application: Application) -> list[ClockEvent]:
    return [
        ClockEvent(
            kind=EventKind(entry.kind),
            on=entry.on,
            days=entry.days,
            until=entry.until,
            party=entry.party,
        )
        for entry in application.clock_entries.all()
    ]


def clock_for(application: Application, *, today: date) -> ClockState | None:
    """The legal clock now; None before the receipt is confirmed."""
    if application.received_on is None:
        return None
    return clock.compute(application.received_on, clock_events(application), today=today)


def _issue_letter(application: Application, kind: str, actor, now: datetime, extra=None) -> Letter:
    title, body = render_letter(application, kind, today=local_date(now), extra=extra or {})
    year = local_date(now).year
    # Numbers count the organization's letters of the year: serialize on the organization.
    Organization.objects.select_for_update().filter(pk=application.organization_id).first()
    count = Letter.objects.filter(
        application__organization=application.organization, sent_at__year=year
    ).count()
    org = application.organization
    letter = Letter.objects.create(
        application=application,
        kind=kind,
        number=_("%(org)s依申公开〔%(year)s〕%(n)s号")
        % {"org": org.short_name or org.name, "year": year, "n": count + 1},
        title=title,
        body=body,
        content_hash=content_hash(title, body),
        sent_at=now,
        sent_by=actor,
    )
    _audit(
        application,
        "foi.letter",
        actor,
        now,
        _("发出%(title)s") % {"title": title},
        data={"letter": letter.pk},
    )
    return letter


@transaction.atomic
def clock_entry_add(
    *,
    application: Application,
    kind: str,
    on: date,
    actor,
    now: datetime,
    days: int | None = None,
    until: date | None = None,
    party: str = "",
    note: str = "",
) -> ClockEntry:
    """Record a clock event (补正, consultation, extension, fee, Art.35 reasons and later
    deadline, lapse) as data. Notices go out with their letter; a lapse ends the application
    under its 其他处理 outcome and sends the applicant the matching reply letter."""
    _require_office(application, actor)
    _require_status(application, Status.PROCESSING, Status.PENDING_APPROVAL)
    kind = EventKind(kind)
    if kind == EventKind.REPLIED:
        raise DomainError(_("答复请通过“发出答复书”办理。"), field="kind")
    if on > local_date(now):
        raise DomainError(_("日期不能晚于今天。"), field="on")
    event = ClockEvent(kind=kind, on=on, days=days, until=until, party=party)
    clock.validate_event(application.received_on, clock_events(application), event)
    entry = ClockEntry.objects.create(
        application=application,
        kind=kind,
        on=on,
        days=days,
        until=until,
        party=party,
        note=note,
        created_by=actor,
        created_at=now,
    )
    _audit(
        application,
        f"foi.clock.{kind.value}",
        actor,
        now,
        f"{on.isoformat()} {kind.label}",
        reason=note,
    )
    if kind in ENTRY_LETTERS:
        _issue_letter(application, ENTRY_LETTERS[kind], actor, now, extra={"entry": entry})
    if kind in LAPSES:
        application.outcome = LAPSES[kind]
        application.status = Status.CLOSED
        application.concluded_on = on
        _save(application, now, "outcome", "status", "concluded_on")
        _issue_letter(application, LetterKind.REPLY, actor, now)
    else:
        _save(application, now)
    return entry


def supplement_pending(application: Application) -> bool:
    """Whether a 补正 notice is waiting for the applicant's supplement."""
    kinds = [
        entry.kind
        for entry in application.clock_entries.all()
        if entry.kind
        in (
            EventKind.SUPPLEMENT_REQUESTED,
            EventKind.SUPPLEMENT_RECEIVED,
            EventKind.SUPPLEMENT_LAPSED,
        )
    ]
    return bool(kinds) and kinds[-1] == EventKind.SUPPLEMENT_REQUESTED


@transaction.atomic
def application_supplement(*, application: Application, text: str, now: datetime) -> ClockEntry:
    """The applicant supplements the application online (after a 补正 notice). The day it
    arrives restarts the 20 working days (Art. 30)."""
    text = html_to_text(text or "").strip()
    if not text:
        raise DomainError(_("请填写补正内容。"), field="text")
    if len(text) > 2000:
        raise DomainError(_("补正内容请不超过2000字。"), field="text")
    if application.status not in OPEN_STATUSES or not supplement_pending(application):
        raise InvalidTransition(_("该申请目前不需要补正。"))
    event = ClockEvent(kind=EventKind.SUPPLEMENT_RECEIVED, on=local_date(now))
    clock.validate_event(application.received_on, clock_events(application), event)
    entry = ClockEntry.objects.create(
        application=application,
        kind=EventKind.SUPPLEMENT_RECEIVED,
        on=event.on,
        note=text,
        created_by=None,
        created_at=now,
    )
    _audit(application, "foi.clock.supplement_received", None, now, _("申请人在线提交补正"))
    _save(application, now)
    return entry


def fee_quote(application: Application, *, method: str, pages: int | None = None) -> FeeQuote:
    """信息处理费 for this application: 按件 counts the applicant's applications to this
    organization received in the same calendar month, up to and including this one."""
    if method == FeeMethod.BY_APPLICATION:
        received = application.received_on
        nth = (
            Application.objects.filter(
                organization=application.organization_id,
                applicant_key=application.applicant_key,
                received_on__year=received.year,
                received_on__month=received.month,
                received_on__lte=received,
            )
            .exclude(pk=application.pk)
            .count()
            + 1
        )
        return fee_for(method, nth_in_month=nth)
    return fee_for(method, pages=pages)


@transaction.atomic
def fee_notice_send(
    *, application: Application, method: str, actor, now: datetime, pages: int | None = None
) -> ClockEntry:
    _require_office(application, actor)
    _require_status(application, Status.PROCESSING, Status.PENDING_APPROVAL)
    try:
        quote = fee_quote(application, method=method, pages=pages)
    except ValueError as exc:
        raise DomainError(str(exc), field="pages") from exc
    if quote.amount <= 0:
        raise DomainError(_("按现有数量不收取信息处理费，无需发出收费通知。"), field="method")
    application.fee_method, application.fee_pages, application.fee_amount = (
        method,
        pages,
        quote.amount,
    )
    _save(application, now, "fee_method", "fee_pages", "fee_amount")
    return clock_entry_add(
        application=application,
        kind=EventKind.FEE_NOTICE_SENT,
        on=local_date(now),
        actor=actor,
        now=now,
        note=_("应缴 %(amount)s 元") % {"amount": quote.amount},
    )


@transaction.atomic
def application_decide(
    *,
    application: Application,
    outcome: str,
    actor,
    now: datetime,
    reasons: str = "",
    processing_summary: str = "",
) -> Application:
    """The handler proposes the outcome (拟办); it goes to approval."""
    _require_office(application, actor)
    _require_status(application, Status.PROCESSING)
    if outcome not in Outcome.values:
        raise DomainError(_("请选择办理结果。"), field="outcome")
    if outcome in LAPSE_OUTCOMES:
        raise DomainError(
            _("逾期不补正、逾期未缴费由登记相应时限事项自动办结，不能直接选择。"), field="outcome"
        )
    state = clock_for(application, today=local_date(now))
    if state.paused:
        raise DomainError(
            _("申请处于暂停计时状态（%(reason)s），请先登记其结束。")
            % {"reason": state.pause_reason},
            field="outcome",
        )
    if (
        outcome == Outcome.REJECT_EXCESSIVE
        and not application.clock_entries.filter(kind=EventKind.REASONS_REQUESTED).exists()
    ):
        raise DomainError(
            _("以“无正当理由大量反复申请”不予处理，应先要求申请人说明理由（条例第三十五条）。"),
            field="outcome",
        )
    if outcome != Outcome.DISCLOSE and not reasons.strip():
        raise DomainError(_("请写明理由及依据。"), field="reasons")
    if outcome == Outcome.DISCLOSE and not (
        processing_summary.strip() or application.linked_items.exists()
    ):
        raise DomainError(
            _("请说明提供的信息或获取方式，或关联已主动公开的信息。"), field="processing_summary"
        )
    application.outcome = outcome
    application.reasons = reasons.strip()
    application.processing_summary = processing_summary.strip()
    application.decided_by = actor
    application.status = Status.PENDING_APPROVAL
    _save(application, now, "outcome", "reasons", "processing_summary", "decided_by", "status")
    _audit(
        application,
        "foi.decide",
        actor,
        now,
        _("拟办结果：%(outcome)s") % {"outcome": Outcome(outcome).label},
    )
    return application


@transaction.atomic
def application_approve(*, application: Application, actor, now: datetime) -> Application:
    """Approval by another member of the office (four eyes)."""
    _require_office(application, actor)
    _require_status(application, Status.PENDING_APPROVAL)
    if actor.pk == application.decided_by_id:
        raise NotAllowed(_("拟办人不能审批自己拟办的结果，请由其他人员审批。"))
    application.approved_by, application.approved_at = actor, now
    application.status = Status.APPROVED
    _save(application, now, "approved_by", "approved_at", "status")
    _audit(application, "foi.approve", actor, now, _("审批同意"))
    return application


@transaction.atomic
def application_send_back(
    *, application: Application, actor, now: datetime, reason: str
) -> Application:
    _require_office(application, actor)
    _require_status(application, Status.PENDING_APPROVAL, Status.APPROVED)
    if not reason.strip():
        raise DomainError(_("请填写退回理由。"), field="reason")
    application.status = Status.PROCESSING
    application.approved_by = application.approved_at = None
    _save(application, now, "status", "approved_by", "approved_at")
    _audit(application, "foi.send_back", actor, now, _("退回重新办理"), reason=reason)
    return application


@transaction.atomic
def application_reply(*, application: Application, actor, now: datetime) -> Letter:
    """Issue the reply letter. Replying after the due date is allowed and marked overdue."""
    _require_office(application, actor)
    _require_status(application, Status.APPROVED)
    today = local_date(now)
    state = clock_for(application, today=today)
    ClockEntry.objects.create(
        application=application, kind=EventKind.REPLIED, on=today, created_by=actor, created_at=now
    )
    application.status = Status.REPLIED
    application.concluded_on = today
    application.replied_late = bool(state.due_on and today > state.due_on)
    _save(application, now, "status", "concluded_on", "replied_late")
    return _issue_letter(application, LetterKind.REPLY, actor, now)


@transaction.atomic
def application_deliver(
    *, application: Application, actor, now: datetime, note: str
) -> Application:
    _require_office(application, actor)
    _require_status(application, Status.REPLIED)
    if not note.strip():
        raise DomainError(_("请填写送达方式和情况。"), field="note")
    application.delivered_at, application.delivery_note = now, note.strip()
    application.status = Status.DELIVERED
    _save(application, now, "delivered_at", "delivery_note", "status")
    _audit(application, "foi.deliver", actor, now, _("送达：%(note)s") % {"note": note.strip()})
    return application


@transaction.atomic
def application_archive(*, application: Application, actor, now: datetime) -> Application:
    _require_office(application, actor)
    _require_status(application, Status.DELIVERED, Status.CLOSED)
    if application.archived_at is not None:
        raise InvalidTransition(_("申请已归档。"))
    application.archived_at = now
    if application.status == Status.DELIVERED:
        application.status = Status.ARCHIVED
    _save(application, now, "archived_at", "status")
    _audit(application, "foi.archive", actor, now, _("归档"))
    return application


# --- remedies --------------------------------------------------------------------------------


@transaction.atomic
def remedy_add(
    *,
    application: Application,
    kind: str,
    filed_on: date,
    actor,
    now: datetime,
    body: str = "",
    note: str = "",
) -> Remedy:
    _require_office(application, actor)
    if application.status == Status.SUBMITTED:
        raise InvalidTransition(_("申请尚未受理，不能登记复议或诉讼。"))
    if filed_on > local_date(now):
        raise DomainError(_("立案日期不能晚于今天。"), field="filed_on")
    if filed_on < application.received_on:
        raise DomainError(_("立案日期不能早于收到申请日期。"), field="filed_on")
    remedy = Remedy(
        application=application, kind=kind, filed_on=filed_on, body=body, note=note, created_at=now
    )
    full_clean_or_raise(remedy)
    remedy.save()
    _audit(application, "foi.remedy_add", actor, now, remedy.get_kind_display())
    return remedy


@transaction.atomic
def remedy_conclude(
    *, remedy: Remedy, result: str, concluded_on: date, actor, now: datetime, note: str = ""
) -> Remedy:
    _require_office(remedy.application, actor)
    if result not in RemedyResult.values or result == RemedyResult.PENDING:
        raise DomainError(_("请选择审结结果。"), field="result")
    if concluded_on < remedy.filed_on:
        raise DomainError(_("审结日期不能早于立案日期。"), field="concluded_on")
    if concluded_on > local_date(now):
        raise DomainError(_("审结日期不能晚于今天。"), field="concluded_on")
    remedy.result, remedy.concluded_on = result, concluded_on
    if note:
        remedy.note = note
    remedy.save(update_fields=["result", "concluded_on", "note"])
    _audit(
        remedy.application,
        "foi.remedy_conclude",
        actor,
        now,
        f"{remedy.get_kind_display()} {remedy.get_result_display()}",
    )
    return remedy


# --- the applicant's view --------------------------------------------------------------------


def track(tracking_code: str, phone: str) -> Application | None:
    """The application with this code if ``phone`` is its contact number; None otherwise, with
    no hint which of the two was wrong."""
    code = normalize_tracking_code(tracking_code)
    application = (
        Application.objects.select_related("organization").filter(tracking_code=code).first()
    )
    if application is None or not phone_matches(phone, application.phone):
        return None
    return application
