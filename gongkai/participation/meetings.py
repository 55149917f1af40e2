"""会议公开: every change to the meetings opened to the public goes through these functions.

- ``meeting_create`` / ``meeting_update`` draft a meeting with its agenda (议题). Nothing is
  public until ``meeting_announce`` (计划 → 已公告); an announced meeting may still change
  (time, place, agenda), with a note that is published on its page.
- ``meeting_invitee_add`` / ``meeting_invitee_remove``: who is invited, by category
  (利益相关方 / 公众代表 / 专家 / 媒体).
- ``meeting_attendance_apply`` is the public's: a request to attend, taken from the
  announcement until ``application_close_hours`` before the meeting and while seats remain;
  it is kept whatever happens to it and answered with a receipt code.
  ``meeting_attendance_decide`` says 同意 or 不同意 (with the reason), within the capacity.
- ``meeting_mark_held`` once the meeting took place (已召开); ``meeting_outcome_add`` drafts a
  议定事项, ``meeting_outcomes_publish`` publishes the drafts (结果已公布). Published outcomes
  are never removed; more may be published later.

Each staff function checks the actor's role (政务公开工作机构 of the organization, as the rest
of the app) and the meeting's status before changing anything, writes its audit row in the same
transaction and purges the public page cache when what the portal shows changes. Applicants'
names and contacts never appear in audit summaries.
"""

import hmac
import unicodedata
from datetime import datetime

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, full_clean_or_raise
from gongkai.orgs.models import Organization
from gongkai.portal.cache import purge_public_pages
from gongkai.publishing.choices import Status as ItemStatus

from . import spam
from .choices import (
    ApplicationStatus,
    AttendeeCategory,
    MeetingKind,
    MeetingOpenness,
    MeetingStatus,
    OpenMode,
)
from .models import (
    AttendanceApplication,
    Consultation,
    Decision,
    Meeting,
    MeetingInvitee,
    MeetingItem,
    MeetingOutcome,
)
from .services import (
    MAX_NAME_CHARS,
    _check_contact,
    _require,
    _text,
    ip_key,
    spam_flags,
    unique_receipt,
)

MEETING_FIELDS = (
    "title",
    "kind",
    "held_at",
    "location",
    "description",
    "openness",
    "closed_reason",
    "open_modes",
    "live_url",
    "capacity",
    "application_close_hours",
    "attendance_notes",
)
MAX_CLOSE_HOURS = 720  # 30 days
MAX_REASON_CHARS = 500
EDITABLE = (MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED)


class Window:
    """Whether the public can ask to attend a meeting now (derived, never stored)."""

    NOT_OFFERED = "not_offered"  # not open to attendance, or no seats for the public
    NOT_YET = "not_yet"  # not announced yet
    OPEN = "open"
    FULL = "full"  # every seat given
    CLOSED = "closed"  # past the deadline, or the meeting has been held


# ---------------------------------------------------------------- the meeting


def _modes(value) -> list[str]:
    chosen = set(value or [])
    unknown = chosen - set(OpenMode.values)
    if unknown:
        raise DomainError(_("未知的公开形式。"), field="open_modes")
    return [mode for mode in OpenMode.values if mode in chosen]


def _check_meeting(meeting: Meeting, now: datetime) -> None:
    if not meeting.title:
        raise DomainError(_("请填写会议名称。"), field="title")
    if meeting.kind not in MeetingKind.values:
        raise DomainError(_("请选择会议类型。"), field="kind")
    if meeting.held_at is None:
        raise DomainError(_("请填写召开时间。"), field="held_at")
    if timezone.is_naive(meeting.held_at):
        raise DomainError(_("召开时间格式不正确。"), field="held_at")
    if meeting.held_at <= now:
        raise DomainError(_("召开时间须晚于当前时间。"), field="held_at")
    if not meeting.location:
        raise DomainError(_("请填写会议地点。"), field="location")
    if meeting.openness not in MeetingOpenness.values:
        raise DomainError(_("请选择是否公开。"), field="openness")
    if meeting.openness != MeetingOpenness.OPEN and not meeting.closed_reason:
        raise DomainError(
            _("不公开或部分公开的会议，请说明理由，将在页面上公开。"), field="closed_reason"
        )
    if meeting.openness == MeetingOpenness.CLOSED:
        meeting.open_modes, meeting.live_url, meeting.capacity = [], "", 0
        return
    if meeting.openness == MeetingOpenness.OPEN:
        meeting.closed_reason = ""
    if not meeting.open_modes:
        raise DomainError(
            _("请至少选择一种公开形式（列席、网络直播或图文直播）。"), field="open_modes"
        )
    if OpenMode.VIDEO not in meeting.open_modes:
        meeting.live_url = ""
    if meeting.capacity and OpenMode.ATTEND not in meeting.open_modes:
        raise DomainError(_("设置公众列席名额时，公开形式请选择“列席”。"), field="capacity")
    if meeting.application_close_hours > MAX_CLOSE_HOURS:
        raise DomainError(
            _("报名截止时间最多在会前%(max)s小时。") % {"max": MAX_CLOSE_HOURS},
            field="application_close_hours",
        )


def _apply(meeting: Meeting, data: dict, now: datetime) -> None:
    for field in MEETING_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "open_modes":
            value = _modes(value)
        elif field in ("capacity", "application_close_hours"):
            value = int(value or 0)
            if value < 0:
                raise DomainError(_("请填写不小于0的整数。"), field=field)
        else:
            value = _text(value)
        setattr(meeting, field, value)
    _check_meeting(meeting, now)


def _item_rows(meeting: Meeting, items: list[dict]) -> list[MeetingItem]:
    rows = []
    for order, item in enumerate(items, start=1):
        title = _text(item.get("title"))
        decision: Decision | None = item.get("decision")
        consultation: Consultation | None = item.get("consultation")
        if not title:
            raise DomainError(_("请填写第%(n)s个议题的名称。") % {"n": order}, field="items")
        if len(title) > 200:
            raise DomainError(_("议题名称不能超过200字。"), field="items")
        if decision is not None and consultation is not None:
            raise DomainError(
                _("一个议题只能关联一项重大行政决策事项或一项意见征集。"), field="items"
            )
        if decision is not None and decision.is_removed:
            raise DomainError(_("议题关联的决策事项已调出目录。"), field="items")
        if consultation is not None and not consultation.is_published:
            raise DomainError(_("议题只能关联已发布的意见征集。"), field="items")
        rows.append(
            MeetingItem(
                meeting=meeting,
                order=order,
                title=title,
                description=_text(item.get("description") or ""),
                is_public=bool(item.get("is_public", True)),
                decision=decision,
                consultation=consultation,
            )
        )
    return rows


def _store_items(meeting: Meeting, items: list[dict]) -> None:
    rows = _item_rows(meeting, items)
    if meeting.openness == MeetingOpenness.OPEN:
        for row in rows:
            row.is_public = True
    meeting.items.all().delete()
    MeetingItem.objects.bulk_create(rows)


def _approved(meeting: Meeting) -> int:
    return meeting.applications.filter(status=ApplicationStatus.APPROVED).count()


@transaction.atomic
def meeting_create(
    *, organization: Organization, data: dict, items: list[dict], actor, now: datetime
) -> Meeting:
    """A planned meeting (计划); nothing is public until ``meeting_announce``."""
    _require(actor, organization)
    meeting = Meeting(organization=organization, created_at=now, updated_at=now, created_by=actor)
    _apply(meeting, data, now)
    full_clean_or_raise(meeting, exclude=["created_by"])
    meeting.save()
    _store_items(meeting, items)
    audit(
        subject=meeting,
        action="participation.meeting_create",
        actor=actor,
        at=now,
        summary=_("新建会议：%(title)s") % {"title": meeting.title},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    data: dict,
    items: list[dict] | None = None,
    reason: str = "",
    actor,
    now: datetime,
) -> Meeting:
    """Change a meeting before it is held. Once announced, a reason is required: it is
    published on the meeting's page (变更说明)."""
    _require(actor, meeting.organization)
    if meeting.status not in EDITABLE:
        raise InvalidTransition(_("会议已召开，不能再修改会议信息。"))
    reason = _text(reason)
    announced = meeting.status == MeetingStatus.ANNOUNCED
    if announced and not reason:
        raise DomainError(_("会议已公告，修改须填写变更说明，将在页面上公开。"), field="reason")
    _apply(meeting, data, now)
    if announced:
        approved = _approved(meeting)
        if approved and not meeting.offers_attendance:
            raise DomainError(
                _("已有%(n)s人获准列席，不能取消公众列席。") % {"n": approved}, field="open_modes"
            )
        if approved > meeting.capacity:
            raise DomainError(
                _("已有%(n)s人获准列席，名额不能少于%(n)s人。") % {"n": approved},
                field="capacity",
            )
        meeting.change_note = reason
    meeting.updated_at = now
    full_clean_or_raise(meeting, exclude=["created_by"])
    meeting.save()
    if items is not None:
        _store_items(meeting, items)
    elif meeting.openness == MeetingOpenness.OPEN:
        meeting.items.filter(is_public=False).update(is_public=True)
    audit(
        subject=meeting,
        action="participation.meeting_update",
        actor=actor,
        at=now,
        summary=_("修改会议：%(title)s") % {"title": meeting.title},
        reason=reason,
    )
    if announced:
        purge_public_pages()
    return meeting


def _set_status(
    meeting: Meeting, status: str, *, stamp: str, action: str, summary: str, actor, now: datetime
) -> Meeting:
    """Put the meeting in ``status``, noting when in ``stamp``; the portal shows the change."""
    meeting.status = status
    setattr(meeting, stamp, now)
    meeting.updated_at = now
    meeting.save(update_fields=["status", stamp, "updated_at"])
    audit(
        subject=meeting,
        action=action,
        actor=actor,
        at=now,
        summary=summary % {"title": meeting.title},
    )
    purge_public_pages()
    return meeting


@transaction.atomic
def meeting_announce(*, meeting: Meeting, actor, now: datetime) -> Meeting:
    """Publish the meeting on the portal (已公告); applications to attend open now."""
    _require(actor, meeting.organization)
    if meeting.status != MeetingStatus.PLANNED:
        raise InvalidTransition(_("该会议已公告。"))
    if meeting.held_at <= now:
        raise DomainError(_("召开时间已过，请修改会议时间后再公告。"), field="held_at")
    if not meeting.items.exists():
        raise DomainError(_("请至少列出一个议题后再公告。"), field="items")
    return _set_status(
        meeting,
        MeetingStatus.ANNOUNCED,
        stamp="announced_at",
        action="participation.meeting_announce",
        summary=_("公告会议：%(title)s"),
        actor=actor,
        now=now,
    )


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, actor, now: datetime) -> Meeting:
    """Record that the meeting took place (已召开). Every application must be answered first."""
    _require(actor, meeting.organization)
    if meeting.status != MeetingStatus.ANNOUNCED:
        if meeting.status == MeetingStatus.PLANNED:
            raise InvalidTransition(_("会议尚未公告。"))
        raise InvalidTransition(_("该会议已标记为已召开。"))
    if now < meeting.held_at:
        raise InvalidTransition(_("会议尚未到召开时间。"))
    pending = meeting.applications.filter(status=ApplicationStatus.PENDING).count()
    if pending:
        raise InvalidTransition(_("尚有%(n)s份列席申请未审核，请先答复申请人。") % {"n": pending})
    return _set_status(
        meeting,
        MeetingStatus.HELD,
        stamp="held_marked_at",
        action="participation.meeting_held",
        summary=_("会议已召开：%(title)s"),
        actor=actor,
        now=now,
    )


# ---------------------------------------------------------------- invitees


@transaction.atomic
def meeting_invitee_add(
    *,
    meeting: Meeting,
    category: str,
    name: str,
    note: str = "",
    consent: bool = False,
    actor,
    now: datetime,
) -> MeetingInvitee:
    """Invite someone. Experts' and the media's names are published; stakeholders' and members
    of the public's only with their consent."""
    _require(actor, meeting.organization)
    if meeting.status == MeetingStatus.REPORTED:
        raise InvalidTransition(_("议定事项已公布，不能再修改参会人员。"))
    if category not in AttendeeCategory.values:
        raise DomainError(_("请选择参会人员类别。"), field="category")
    name, note = _text(name), _text(note)
    if not name:
        raise DomainError(_("请填写姓名或单位名称。"), field="name")
    invitee = MeetingInvitee(
        meeting=meeting,
        category=category,
        name=name,
        note=note,
        consent=bool(consent),
        created_at=now,
    )
    full_clean_or_raise(invitee)
    invitee.save()
    audit(
        subject=meeting,
        action="participation.meeting_invitee_add",
        actor=actor,
        at=now,
        summary=_("邀请参会人员（%(category)s）") % {"category": AttendeeCategory(category).label},
        data={"invitee": invitee.pk},
    )
    if meeting.is_public:
        purge_public_pages()
    return invitee


@transaction.atomic
def meeting_invitee_remove(*, invitee: MeetingInvitee, actor, now: datetime) -> None:
    meeting = invitee.meeting
    _require(actor, meeting.organization)
    if meeting.status == MeetingStatus.REPORTED:
        raise InvalidTransition(_("议定事项已公布，不能再修改参会人员。"))
    audit(
        subject=meeting,
        action="participation.meeting_invitee_remove",
        actor=actor,
        at=now,
        summary=_("取消邀请参会人员（%(category)s）")
        % {"category": invitee.get_category_display()},
        data={"invitee": invitee.pk},
    )
    invitee.delete()
    if meeting.is_public:
        purge_public_pages()


# ---------------------------------------------------------------- applications to attend


def attendance_window(meeting: Meeting, now: datetime, approved: int | None = None) -> str:
    """Where the meeting stands for applications to attend at ``now`` (a ``Window`` value)."""
    if not meeting.offers_attendance:
        return Window.NOT_OFFERED
    if meeting.status == MeetingStatus.PLANNED:
        return Window.NOT_YET
    if meeting.status != MeetingStatus.ANNOUNCED or now >= meeting.application_closes_at:
        return Window.CLOSED
    approved = _approved(meeting) if approved is None else approved
    if approved >= meeting.capacity:
        return Window.FULL
    return Window.OPEN


def normalize_receipt_code(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def _digits(phone: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", phone or "") if ch.isdigit())


WINDOW_REFUSALS = {
    Window.NOT_OFFERED: gettext_lazy("本次会议不接受公众报名列席。"),
    Window.NOT_YET: gettext_lazy("本次会议尚未公告。"),
    Window.CLOSED: gettext_lazy("本次会议的列席报名已截止。"),
    Window.FULL: gettext_lazy("本次会议的公众列席名额已满。"),
}


def window_refusal(window: str) -> str:
    return str(WINDOW_REFUSALS[window])


@transaction.atomic
def meeting_attendance_apply(
    *,
    meeting: Meeting,
    name: str,
    phone: str,
    category: str,
    reason: str,
    now: datetime,
    email: str = "",
    ip: str = "",
    honeypot: bool = False,
) -> AttendanceApplication:
    """A citizen's request to attend. Stored and answered with a receipt code at once; staff
    say 同意 or 不同意 before the meeting."""
    # One application at a time per meeting, so the seats are counted right.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    window = attendance_window(meeting, now)
    if window != Window.OPEN:
        raise DomainError(window_refusal(window))
    name = spam.plain_text(name)
    if not name:
        raise DomainError(_("请填写姓名。"), field="name")
    if len(name) > MAX_NAME_CHARS:
        raise DomainError(_("姓名不能超过%(max)s字。") % {"max": MAX_NAME_CHARS}, field="name")
    phone, email = _text(phone), _text(email)
    if not phone:
        raise DomainError(_("请填写联系电话，工作人员将通过电话通知审核结果。"), field="phone")
    _check_contact(phone, email)
    if category not in AttendeeCategory.values:
        raise DomainError(_("请选择申请身份。"), field="category")
    reason = spam.plain_text(reason)
    if not reason:
        raise DomainError(_("请填写申请理由。"), field="reason")
    if len(reason) > MAX_REASON_CHARS:
        raise DomainError(
            _("申请理由不能超过%(max)s字，当前为%(n)s字。")
            % {"max": MAX_REASON_CHARS, "n": len(reason)},
            field="reason",
        )
    digits = _digits(phone)
    for earlier in meeting.applications.exclude(status=ApplicationStatus.DECLINED):
        if _digits(earlier.phone) == digits:
            raise DomainError(
                _("该联系电话已提交过本次会议的列席申请，请勿重复提交。"), field="phone"
            )
    flags = spam_flags(f"{name}\n{reason}", honeypot=honeypot)
    application = AttendanceApplication.objects.create(
        meeting=meeting,
        name=name,
        phone=phone,
        email=email,
        category=category,
        reason=reason,
        ip_hash=ip_key(ip) if ip else "",
        receipt_code=unique_receipt("LX", AttendanceApplication, "receipt_code", now),
        submitted_at=now,
        spam_flags=flags,
    )
    audit(
        subject=application,
        action="participation.attendance_apply",
        actor=None,
        at=now,
        summary=_("收到列席申请 %(code)s") % {"code": application.receipt_code},
        data={"flags": flags},
    )
    return application


def attendance_lookup(receipt_code: str, phone: str) -> AttendanceApplication | None:
    """The application with this code if ``phone`` is its contact number; None otherwise, with
    no hint which of the two was wrong."""
    code = normalize_receipt_code(receipt_code)
    application = (
        AttendanceApplication.objects.select_related("meeting__organization")
        .filter(receipt_code=code)
        .first()
    )
    if application is None:
        return None
    given, stored = _digits(phone), _digits(application.phone)
    if not given or not hmac.compare_digest(given, stored):
        return None
    return application


def _mail_decision(application: AttendanceApplication) -> None:
    meeting = application.meeting
    if application.status == ApplicationStatus.APPROVED:
        text = _(
            "您申请列席的“%(title)s”（回执编号 %(code)s）已同意。会议时间：%(when)s，"
            "地点：%(where)s。请携带本人身份证件按时到场。"
        ) % {
            "title": meeting.title,
            "code": application.receipt_code,
            "when": f"{timezone.localtime(meeting.held_at):%Y-%m-%d %H:%M}",
            "where": meeting.location,
        }
    else:
        text = _("您申请列席的“%(title)s”（回执编号 %(code)s）未获同意。理由：%(reason)s") % {
            "title": meeting.title,
            "code": application.receipt_code,
            "reason": application.decline_reason,
        }
    send_mail(
        subject=_("列席申请审核结果"),
        message=text,
        from_email=None,
        recipient_list=[application.email],
        fail_silently=True,
    )


@transaction.atomic
def meeting_attendance_decide(
    *, application: AttendanceApplication, result: str, reason: str = "", actor, now: datetime
) -> AttendanceApplication:
    """同意 (within the capacity) or 不同意 with the reason, before the meeting is held. The
    applicant sees the result with the receipt code (and by e-mail when one was given)."""
    meeting = application.meeting
    _require(actor, meeting.organization)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if meeting.status != MeetingStatus.ANNOUNCED:
        raise InvalidTransition(_("只能在会议召开前审核列席申请。"))
    if application.status != ApplicationStatus.PENDING:
        raise InvalidTransition(
            _("该申请已审核（%(status)s）。") % {"status": application.get_status_display()}
        )
    reason = _text(reason)
    if result == ApplicationStatus.APPROVED:
        if _approved(meeting) >= meeting.capacity:
            raise InvalidTransition(
                _("公众列席名额（%(n)s人）已满，不能再同意。") % {"n": meeting.capacity}
            )
        application.decline_reason = ""
    elif result == ApplicationStatus.DECLINED:
        if not reason:
            raise DomainError(_("请填写不同意的理由，将告知申请人。"), field="reason")
        application.decline_reason = reason
    else:
        raise DomainError(_("请选择审核结果。"), field="result")
    application.status = result
    application.decided_at, application.decided_by = now, actor
    application.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])
    audit(
        subject=application,
        action="participation.attendance_decide",
        actor=actor,
        at=now,
        summary=_("列席申请 %(code)s：%(result)s")
        % {"code": application.receipt_code, "result": application.get_status_display()},
        reason=reason,
    )
    if application.email:
        transaction.on_commit(lambda: _mail_decision(application))
    return application


# ---------------------------------------------------------------- 议定事项


def _check_items(items) -> list:
    items = list(items or [])
    for item in items:
        if item.status != ItemStatus.PUBLISHED:
            raise DomainError(_("只能关联已公开的政府信息。"), field="items")
    return items


@transaction.atomic
def meeting_outcome_add(
    *, meeting: Meeting, text: str, items=(), actor, now: datetime
) -> MeetingOutcome:
    """Draft a 议定事项 (not public until ``meeting_outcomes_publish``)."""
    _require(actor, meeting.organization)
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.REPORTED):
        raise InvalidTransition(_("会议召开后才能填写议定事项。"))
    text = _text(text)
    if not text:
        raise DomainError(_("请填写议定事项。"), field="text")
    items = _check_items(items)
    last = meeting.outcomes.aggregate(Max("order"))["order__max"] or 0
    outcome = MeetingOutcome.objects.create(
        meeting=meeting, order=last + 1, text=text, created_at=now, created_by=actor
    )
    outcome.items.set(items)
    audit(
        subject=meeting,
        action="participation.meeting_outcome_add",
        actor=actor,
        at=now,
        summary=_("起草议定事项"),
        data={"outcome": outcome.pk, "items": [item.pk for item in items]},
    )
    return outcome


@transaction.atomic
def meeting_outcome_remove(*, outcome: MeetingOutcome, actor, now: datetime) -> None:
    """Drop a draft 议定事项; a published one stays."""
    meeting = outcome.meeting
    _require(actor, meeting.organization)
    outcome.refresh_from_db(fields=["published_at"])
    if outcome.is_published:
        raise InvalidTransition(_("已公布的议定事项不能删除。"))
    audit(
        subject=meeting,
        action="participation.meeting_outcome_remove",
        actor=actor,
        at=now,
        summary=_("删除未公布的议定事项"),
        data={"outcome": outcome.pk, "text": outcome.text[:200]},
    )
    outcome.delete()


@transaction.atomic
def meeting_outcomes_publish(*, meeting: Meeting, actor, now: datetime) -> list[MeetingOutcome]:
    """Publish the drafted 议定事项 (结果已公布). Later additions are published the same way."""
    _require(actor, meeting.organization)
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.REPORTED):
        raise InvalidTransition(_("会议召开后才能公布议定事项。"))
    drafts = list(meeting.outcomes.filter(published_at__isnull=True).prefetch_related("items"))
    if not drafts:
        raise DomainError(_("没有待公布的议定事项，请先填写。"), field="text")
    for outcome in drafts:
        _check_items(outcome.items.all())
    meeting.outcomes.filter(pk__in=[o.pk for o in drafts]).update(published_at=now)
    first = meeting.status == MeetingStatus.HELD
    meeting.status = MeetingStatus.REPORTED
    meeting.reported_at = meeting.reported_at or now
    meeting.updated_at = now
    meeting.save(update_fields=["status", "reported_at", "updated_at"])
    audit(
        subject=meeting,
        action="participation.meeting_outcomes_publish",
        actor=actor,
        at=now,
        summary=(
            _("公布议定事项%(n)s项：%(title)s")
            if first
            else _("补充公布议定事项%(n)s项：%(title)s")
        )
        % {"n": len(drafts), "title": meeting.title},
    )
    purge_public_pages()
    for outcome in drafts:
        outcome.published_at = now
    return drafts
