"""Every change in 回应关切: recording and handling public-opinion events, the responses
released, escalation of missed clocks, and press conferences.

Each service checks permissions before changing anything (``selectors.office_scope``: the
openness office of the organization or of any organization above it), runs in one
transaction with its audit row, and purges the public page cache after commit when what the
portal shows changes. Nothing here deletes an event, a response or an escalation.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed, full_clean_or_raise
from gongkai.core.sanitize import clean_html, html_to_text
from gongkai.interpretation.models import Status as InterpretationStatus
from gongkai.orgs.models import Level, Organization, Role
from gongkai.orgs.permissions import is_openness_staff, is_platform_admin, require_role
from gongkai.orgs.selectors import staff_of
from gongkai.portal.cache import purge_public_pages
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import Item

from . import selectors
from .choices import OPEN_STATUSES, EventLevel, EventStatus, ResponseKind, SourceKind
from .clocks import Clock, event_clocks, format_duration
from .models import (
    DEFAULT_CLOCK_HOURS,
    Escalation,
    EventResponse,
    OpinionEvent,
    PressConference,
    ResponseClockRule,
    Speaker,
)
from .routing import DEPARTMENT_LEVELS, overseeing_organization, suggest_responsible

MAX_SPEAKERS = 20
MAX_SUMMARY_CHARS = 2000
PLACE_LEVELS = (Level.DISTRICT, Level.TOWN)


# ---------------------------------------------------------------- checks


def _require_workbench(actor) -> None:
    if not is_openness_staff(actor):
        raise NotAllowed(_("只有政务公开工作机构的人员可以办理政务舆情和新闻发布会。"))


def _require_event_manager(actor, event: OpinionEvent) -> None:
    if not selectors.in_scope(actor, event.responsible_organization_id):
        raise NotAllowed(
            _("您不是“%(org)s”或其上级机构的政务公开工作机构人员，无权办理该舆情。")
            % {"org": event.responsible_organization.name}
        )


def _require_org_manager(actor, organization: Organization) -> None:
    if not selectors.in_scope(actor, organization):
        raise NotAllowed(
            _("您不是“%(org)s”或其上级机构的政务公开工作机构人员，无权办理。")
            % {"org": organization.name}
        )


def _aware(moment, field: str, label: str) -> datetime:
    if not isinstance(moment, datetime):
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _text(value: str, field: str, message: str, *, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if limit and len(value) > limit:
        raise DomainError(
            _("内容不能超过%(limit)d字。") % {"limit": limit},
            field=field,
        )
    return value


def clock_hours(level: str) -> tuple[int, int | None]:
    """(first release hours, press conference hours or None) for ``level``: the
    ``ResponseClockRule`` row, or the defaults when there is none."""
    rule = ResponseClockRule.objects.filter(level=level).first()
    if rule is not None:
        return rule.first_release_hours, rule.press_conference_hours
    return DEFAULT_CLOCK_HOURS[level]


def _purge_if_public(event: OpinionEvent) -> None:
    if event.is_public:
        purge_public_pages()


# ---------------------------------------------------------------- events


@transaction.atomic
def event_record(
    *,
    reported_by: Organization,
    title: str,
    source_kind: str,
    summary: str,
    level: str,
    first_seen_at: datetime,
    source_detail: str = "",
    place: Organization | None = None,
    subject: Organization | None = None,
    responsible: Organization | None = None,
    override_reason: str = "",
    is_public: bool = False,
    actor,
    now: datetime,
) -> OpinionEvent:
    """Record an event as monitored. The responsible organization is the one proposed by
    ``routing.suggest_responsible`` unless staff choose another, with a reason."""
    if not is_platform_admin(actor):
        require_role(actor, reported_by, Role.OPENNESS_OFFICE)
    title = _text(title, "title", _("请填写舆情标题。"), limit=200)
    summary = _text(summary, "summary", _("请填写舆情摘要。"), limit=MAX_SUMMARY_CHARS)
    if source_kind not in SourceKind.values:
        raise DomainError(_("请选择舆情来源。"), field="source_kind")
    if level not in EventLevel.values:
        raise DomainError(_("请选择舆情级别。"), field="level")
    first_seen_at = _aware(first_seen_at, "first_seen_at", _("首次发现时间"))
    if first_seen_at > now:
        raise DomainError(_("首次发现时间不能晚于当前时间。"), field="first_seen_at")
    if place is not None and place.level not in PLACE_LEVELS:
        raise DomainError(_("事发地应为区县政府或乡镇（街道）；全市性事件请留空。"), field="place")
    if subject is not None and subject.level not in DEPARTMENT_LEVELS:
        raise DomainError(_("主管部门应为政府工作部门。"), field="subject")
    suggestion = suggest_responsible(level=level, place=place, subject=subject)
    responsible = responsible or suggestion.organization
    override_reason = (override_reason or "").strip()
    if responsible.pk != suggestion.organization.pk and not override_reason:
        raise DomainError(
            _("责任单位与系统建议的“%(org)s”不同，请说明调整理由。")
            % {"org": suggestion.organization.name},
            field="override_reason",
        )
    if not responsible.is_active:
        raise DomainError(_("该机构已停用，不能作为责任单位。"), field="responsible")
    first_hours, press_hours = clock_hours(level)
    event = OpinionEvent(
        title=title,
        source_kind=source_kind,
        source_detail=(source_detail or "").strip(),
        summary=summary,
        level=level,
        first_seen_at=first_seen_at,
        place=place,
        subject_department=subject,
        suggested_organization=suggestion.organization,
        responsible_organization=responsible,
        override_reason=override_reason if responsible != suggestion.organization else "",
        reported_by_organization=reported_by,
        first_release_hours=first_hours,
        press_conference_hours=press_hours,
        is_public=is_public,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    full_clean_or_raise(event)
    event.save()
    audit(
        subject=event,
        action="response.event_record",
        actor=actor,
        at=now,
        summary=title,
        reason=event.override_reason,
        data={
            "level": level,
            "suggested": suggestion.organization.pk,
            "responsible": responsible.pk,
            "explanation": suggestion.explanation,
            "first_release_hours": first_hours,
            "press_conference_hours": press_hours,
        },
    )
    return event


def _save(event: OpinionEvent, now: datetime, *fields: str) -> None:
    event.updated_at = now
    event.save(update_fields=[*fields, "updated_at"])


def _require_open(event: OpinionEvent) -> None:
    if event.status == EventStatus.ARCHIVED:
        raise InvalidTransition(_("该舆情已归档，不能再办理。"))


@transaction.atomic
def event_reassign(
    *, event: OpinionEvent, organization: Organization, reason: str, actor, now: datetime
) -> OpinionEvent:
    """Give the event to another responsible organization, with the reason."""
    _require_event_manager(actor, event)
    _require_open(event)
    reason = _text(reason, "reason", _("请说明调整责任单位的理由。"))
    if organization.pk == event.responsible_organization_id:
        raise DomainError(_("责任单位没有变化。"), field="organization")
    if not organization.is_active:
        raise DomainError(_("该机构已停用，不能作为责任单位。"), field="organization")
    previous = event.responsible_organization
    event.responsible_organization = organization
    event.override_reason = reason if organization.pk != event.suggested_organization_id else ""
    _save(event, now, "responsible_organization", "override_reason")
    audit(
        subject=event,
        action="response.event_reassign",
        actor=actor,
        at=now,
        summary=_("责任单位由%(old)s调整为%(new)s")
        % {"old": previous.name, "new": organization.name},
        reason=reason,
        data={"from": previous.pk, "to": organization.pk},
    )
    return event


@transaction.atomic
def event_change_level(
    *, event: OpinionEvent, level: str, reason: str, actor, now: datetime
) -> OpinionEvent:
    """Change the level: the clocks take the new level's hours (still counted from the first
    sighting) and the suggestion is recomputed; the responsible organization stays until staff
    reassign it."""
    _require_event_manager(actor, event)
    _require_open(event)
    if level not in EventLevel.values:
        raise DomainError(_("请选择舆情级别。"), field="level")
    if level == event.level:
        raise DomainError(_("舆情级别没有变化。"), field="level")
    reason = _text(reason, "reason", _("请说明调整级别的理由。"))
    previous = event.level
    first_hours, press_hours = clock_hours(level)
    suggestion = suggest_responsible(
        level=level, place=event.place, subject=event.subject_department
    )
    event.level = level
    event.first_release_hours, event.press_conference_hours = first_hours, press_hours
    event.suggested_organization = suggestion.organization
    _save(
        event,
        now,
        "level",
        "first_release_hours",
        "press_conference_hours",
        "suggested_organization",
    )
    audit(
        subject=event,
        action="response.event_level",
        actor=actor,
        at=now,
        summary=_("级别由%(old)s调整为%(new)s")
        % {"old": EventLevel(previous).label, "new": EventLevel(level).label},
        reason=reason,
        data={"from": previous, "to": level, "suggested": suggestion.organization.pk},
    )
    return event


@transaction.atomic
def event_start_handling(*, event: OpinionEvent, actor, now: datetime) -> OpinionEvent:
    _require_event_manager(actor, event)
    if event.status != EventStatus.MONITORING:
        raise InvalidTransition(_("只有监测中的舆情可以转入处置。"))
    event.status = EventStatus.HANDLING
    _save(event, now, "status")
    audit(subject=event, action="response.event_handle", actor=actor, at=now, summary=event.title)
    return event


@transaction.atomic
def event_set_public(*, event: OpinionEvent, is_public: bool, actor, now: datetime):
    """Whether the portal shows the event's title and released responses."""
    _require_event_manager(actor, event)
    if event.is_public == is_public:
        return event
    event.is_public = is_public
    _save(event, now, "is_public")
    audit(
        subject=event,
        action="response.event_public" if is_public else "response.event_private",
        actor=actor,
        at=now,
        summary=_("在门户公开回应") if is_public else _("取消在门户公开回应"),
    )
    purge_public_pages()
    return event


@transaction.atomic
def event_evaluate(
    *, event: OpinionEvent, evaluation: str, accountability: str = "", actor, now: datetime
) -> OpinionEvent:
    """Record how the response worked and any accountability; may be revised later."""
    _require_event_manager(actor, event)
    if event.status not in (EventStatus.RESPONDED, EventStatus.EVALUATED):
        raise InvalidTransition(_("已回应的舆情才能评估。"))
    event.evaluation = _text(evaluation, "evaluation", _("请填写回应效果评估。"))
    event.accountability = (accountability or "").strip()
    event.evaluated_at, event.evaluated_by = now, actor
    event.status = EventStatus.EVALUATED
    _save(event, now, "evaluation", "accountability", "evaluated_at", "evaluated_by", "status")
    audit(
        subject=event,
        action="response.event_evaluate",
        actor=actor,
        at=now,
        summary=event.title,
        data={"accountability": bool(event.accountability)},
    )
    return event


@transaction.atomic
def event_archive(*, event: OpinionEvent, reason: str = "", actor, now: datetime) -> OpinionEvent:
    """Close the event. Without an evaluation a reason is needed (e.g. 经研判无需回应)."""
    _require_event_manager(actor, event)
    _require_open(event)
    reason = (reason or "").strip()
    if event.status != EventStatus.EVALUATED and not reason:
        raise DomainError(_("该舆情尚未评估，归档须说明理由。"), field="reason")
    event.status = EventStatus.ARCHIVED
    event.archived_at, event.archive_reason = now, reason
    _save(event, now, "status", "archived_at", "archive_reason")
    audit(
        subject=event,
        action="response.event_archive",
        actor=actor,
        at=now,
        summary=event.title,
        reason=reason,
    )
    return event


# ---------------------------------------------------------------- responses


@transaction.atomic
def response_record(
    *,
    event: OpinionEvent,
    kind: str,
    released_at: datetime,
    summary: str,
    item: Item | None = None,
    press_conference: PressConference | None = None,
    actor,
    now: datetime,
) -> EventResponse:
    """Record a response released about the event. An authoritative release stops the first
    clock, a press conference the second (see ``clocks``)."""
    _require_event_manager(actor, event)
    _require_open(event)
    if kind not in ResponseKind.values:
        raise DomainError(_("请选择回应方式。"), field="kind")
    summary = _text(summary, "summary", _("请填写回应内容摘要。"), limit=MAX_SUMMARY_CHARS)
    released_at = _aware(released_at, "released_at", _("发布时间"))
    if released_at > now:
        raise DomainError(_("回应发布后才能登记：发布时间不能晚于当前时间。"), field="released_at")
    if released_at < event.first_seen_at:
        raise DomainError(_("回应发布时间不能早于舆情首次发现时间。"), field="released_at")
    if item is not None and item.status != ItemStatus.PUBLISHED:
        raise DomainError(_("关联的信息尚未发布（或已撤回），不能作为回应。"), field="item")
    if press_conference is not None:
        if press_conference.event_id not in (None, event.pk):
            raise DomainError(_("该新闻发布会已关联其他舆情。"), field="press_conference")
        if press_conference.held_at > now:
            raise DomainError(_("该新闻发布会尚未举行。"), field="press_conference")
        if press_conference.event_id is None:
            press_conference.event = event
            press_conference.updated_at = now
            press_conference.save(update_fields=["event", "updated_at"])
    response = EventResponse.objects.create(
        event=event,
        kind=kind,
        released_at=released_at,
        summary=summary,
        item=item,
        press_conference=press_conference,
        created_by=actor,
        created_at=now,
    )
    if event.status in (EventStatus.MONITORING, EventStatus.HANDLING):
        event.status = EventStatus.RESPONDED
        _save(event, now, "status")
    audit(
        subject=event,
        action="response.response_record",
        actor=actor,
        at=now,
        summary=_("%(kind)s：%(summary)s")
        % {"kind": ResponseKind(kind).label, "summary": summary[:200]},
        data={
            "response": response.pk,
            "kind": kind,
            "released_at": released_at.isoformat(),
            "item": item.pk if item else None,
            "press_conference": press_conference.pk if press_conference else None,
        },
    )
    _purge_if_public(event)
    return response


# ---------------------------------------------------------------- escalation


def _escalation_reason(event: OpinionEvent, clock: Clock) -> str:
    values = {
        "clock": clock.label,
        "hours": clock.hours,
        "due": timezone.localtime(clock.due_at).strftime("%Y-%m-%d %H:%M"),
        "org": event.responsible_organization.name,
    }
    if clock.met_at is None:
        return _("%(clock)s时限（%(hours)d小时）已于%(due)s届满，%(org)s尚未完成。") % values
    values["met"] = timezone.localtime(clock.met_at).strftime("%Y-%m-%d %H:%M")
    values["late"] = format_duration(clock.met_at - clock.due_at)
    return _(
        "%(clock)s时限（%(hours)d小时）已于%(due)s届满，%(org)s于%(met)s完成，超时%(late)s。"
    ) % (values)


def _office_emails(organization: Organization) -> list[str]:
    users = staff_of(organization, Role.OPENNESS_OFFICE)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def _mail_escalation(escalation: Escalation, recipients: list[str]) -> None:
    event = escalation.event
    link = getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/") + reverse(
        "response_staff:event", args=[event.pk]
    )
    send_mail(
        subject=_("政务舆情回应超时：%(title)s") % {"title": event.title},
        message=_(
            "%(reason)s\n\n舆情：%(title)s\n级别：%(level)s\n责任单位：%(org)s\n"
            "请督促责任单位尽快回应。办理页面：%(link)s"
        )
        % {
            "reason": escalation.reason,
            "title": event.title,
            "level": event.get_level_display(),
            "org": event.responsible_organization.name,
            "link": link,
        },
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )


def _escalate(event: OpinionEvent, clock: Clock, now: datetime) -> Escalation | None:
    to_org = overseeing_organization(event.responsible_organization)
    recipients = _office_emails(to_org)
    with transaction.atomic():
        escalation, created = Escalation.objects.get_or_create(
            event=event,
            clock=clock.kind,
            defaults={
                "due_at": clock.due_at,
                "escalated_at": now,
                "from_organization": event.responsible_organization,
                "to_organization": to_org,
                "reason": _escalation_reason(event, clock),
                "notified": len(recipients),
            },
        )
        if not created:
            return None
        audit(
            subject=event,
            action="response.escalate",
            actor=None,
            at=now,
            summary=_("超时上报%(org)s") % {"org": to_org.name},
            reason=escalation.reason,
            data={"clock": clock.kind, "to": to_org.pk, "notified": len(recipients)},
        )
        if recipients:
            transaction.on_commit(lambda: _mail_escalation(escalation, recipients))
    return escalation


def escalate_missed_clocks(*, now: datetime, events=None) -> list[Escalation]:
    """Escalate every missed clock of the open events (or of ``events``) that has not been
    escalated yet: one ``Escalation`` per event and clock, to the overseeing organization, whose
    openness-office members are e-mailed. Run by ``manage.py response_escalate`` and, lazily,
    when staff open the list of events."""
    if events is None:
        events = OpinionEvent.objects.all()
    events = (
        events.filter(status__in=OPEN_STATUSES)
        .select_related("responsible_organization__parent")
        .prefetch_related(None)
        .prefetch_related("responses", "press_conferences", "escalations")
    )
    created = []
    for event in events:
        done = {e.clock for e in event.escalations.all()}
        for clock in event_clocks(event, now):
            if clock.overdue and clock.kind not in done:
                escalation = _escalate(event, clock, now)
                if escalation is not None:
                    created.append(escalation)
    return created


# ---------------------------------------------------------------- press conferences


def _speakers(rows) -> list[dict]:
    speakers = []
    for row in rows or ():
        name = (row.get("name") or "").strip()
        post = (row.get("post") or "").strip()
        if not name and not post:
            continue
        if not name or not post:
            raise DomainError(_("请填写每位发布人的姓名和职务。"), field="speakers")
        if len(name) > 40 or len(post) > 100:
            raise DomainError(_("发布人姓名或职务过长。"), field="speakers")
        speakers.append(
            {
                "name": name,
                "post": post,
                "is_principal_leader": bool(row.get("is_principal_leader")),
            }
        )
    if len(speakers) > MAX_SPEAKERS:
        raise DomainError(_("发布人不能超过%(max)d位。") % {"max": MAX_SPEAKERS}, field="speakers")
    return speakers


def _check_links(interpretations, items) -> tuple[list, list]:
    interpretations, items = list(interpretations or ()), list(items or ())
    for interpretation in interpretations:
        if interpretation.status != InterpretationStatus.PUBLISHED:
            raise DomainError(
                _("《%(title)s》尚未发布，不能关联。") % {"title": interpretation.title},
                field="interpretations",
            )
    for item in items:
        if item.status != ItemStatus.PUBLISHED:
            raise DomainError(
                _("《%(title)s》尚未发布，不能关联。") % {"title": item.title}, field="items"
            )
    return interpretations, items


def _conference_fields(conference: PressConference, data: dict, actor) -> None:
    conference.topic = _text(data.get("topic"), "topic", _("请填写发布会主题。"), limit=200)
    conference.held_at = _aware(data.get("held_at"), "held_at", _("举行时间"))
    conference.location = (data.get("location") or "").strip()
    conference.transcript = clean_html(data.get("transcript") or "")
    conference.media = (data.get("media") or "").strip()
    event = data.get("event")
    if event is not None and event.pk != conference.event_id:
        if not selectors.in_scope(actor, event.responsible_organization_id):
            raise DomainError(_("只能关联本单位负责的舆情。"), field="event")
    conference.event = event


def _conference_write(
    conference: PressConference, data: dict, speakers, interpretations, items, *, actor, now
) -> None:
    """Check and save a conference's fields, then replace its speakers and links."""
    _conference_fields(conference, data, actor)
    speakers = _speakers(speakers)
    if conference.is_published and not speakers:
        raise DomainError(_("已发布的新闻发布会至少应有一位发布人。"), field="speakers")
    interpretations, items = _check_links(interpretations, items)
    conference.updated_at = now
    full_clean_or_raise(conference)
    conference.save()
    conference.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(conference=conference, sort_order=i, **row) for i, row in enumerate(speakers)
    )
    conference.interpretations.set(interpretations)
    conference.items.set(items)


def _snapshot(conference: PressConference) -> dict:
    return {
        "topic": conference.topic,
        "held_at": conference.held_at.isoformat() if conference.held_at else None,
        "location": conference.location,
        "speakers": [[s.name, s.post, s.is_principal_leader] for s in conference.speakers.all()],
        "event": conference.event_id,
    }


@transaction.atomic
def press_conference_create(
    *,
    organization: Organization,
    data: dict,
    speakers=(),
    interpretations=(),
    items=(),
    actor,
    now: datetime,
) -> PressConference:
    """Record a press conference (unpublished until ``press_conference_publish``)."""
    _require_workbench(actor)
    _require_org_manager(actor, organization)
    conference = PressConference(organization=organization, created_by=actor, created_at=now)
    _conference_write(conference, data, speakers, interpretations, items, actor=actor, now=now)
    audit(
        subject=conference,
        action="response.conference_create",
        actor=actor,
        at=now,
        summary=conference.topic,
        data=_snapshot(conference),
    )
    return conference


@transaction.atomic
def press_conference_update(
    *,
    conference: PressConference,
    data: dict,
    speakers=(),
    interpretations=(),
    items=(),
    actor,
    now: datetime,
) -> PressConference:
    """Change a press conference; the audit row keeps what it was before."""
    _require_org_manager(actor, conference.organization)
    before = _snapshot(conference)
    _conference_write(conference, data, speakers, interpretations, items, actor=actor, now=now)
    audit(
        subject=conference,
        action="response.conference_update",
        actor=actor,
        at=now,
        summary=conference.topic,
        data={"before": before, "after": _snapshot(conference)},
    )
    if conference.is_published:
        purge_public_pages()
    return conference


@transaction.atomic
def press_conference_publish(*, conference: PressConference, actor, now: datetime):
    """Publish the record of a press conference held: speakers, transcript, media, links."""
    _require_org_manager(actor, conference.organization)
    if conference.is_published:
        raise InvalidTransition(_("该新闻发布会已发布。"))
    if conference.held_at > now:
        raise DomainError(_("发布会举行后才能发布实录。"), field="held_at")
    if not conference.speakers.exists():
        raise DomainError(_("请先填写发布人。"), field="speakers")
    if not html_to_text(conference.transcript):
        raise DomainError(_("请先填写发布会实录。"), field="transcript")
    conference.is_published, conference.published_at = True, now
    conference.updated_at = now
    conference.save(update_fields=["is_published", "published_at", "updated_at"])
    audit(
        subject=conference,
        action="response.conference_publish",
        actor=actor,
        at=now,
        summary=conference.topic,
    )
    purge_public_pages()
    return conference
