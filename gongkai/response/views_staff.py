"""The workbench of 回应关切 (/workbench/response/): public-opinion events with their running
clocks, responses, escalations and evaluation; press conferences; principal-leader counts.

Views translate HTTP into calls of ``gongkai.response.services`` and show a refusal
(``DomainError`` and its kinds) on the page it came from, with the matching 4xx status. Records
outside the user's scope answer 404. Opening the list of events escalates the clocks that ran
out since the last ``response_escalate`` run.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.staff_views import run_form, run_service, show_error
from gongkai.core.timeutil import local_date
from gongkai.orgs.permissions import is_openness_staff

from . import selectors, services
from .choices import OPEN_STATUSES, EventStatus
from .forms import (
    ArchiveForm,
    ConferenceForm,
    EvaluateForm,
    EventForm,
    LevelForm,
    ReassignForm,
    ResponseForm,
    SpeakerFormSet,
)
from .models import OpinionEvent, PressConference
from .routing import suggest_responsible

PAGE_SIZE = 30
TABS = (
    ("open", gettext_lazy("办理中")),
    ("missed", gettext_lazy("有超时")),
    ("closed", gettext_lazy("已评估、已归档")),
    ("all", gettext_lazy("全部")),
)
MIN_YEAR, MAX_YEAR = 2000, 2100


def _require_workbench(user) -> None:
    if not is_openness_staff(user):
        raise NotAllowed(_("只有政务公开工作机构的人员可以办理政务舆情和新闻发布会。"))


def _event(user, pk) -> OpinionEvent:
    _require_workbench(user)
    try:
        return selectors.staff_event(user, pk)
    except OpinionEvent.DoesNotExist:
        raise Http404 from None


def _conference(user, pk) -> PressConference:
    _require_workbench(user)
    try:
        return (
            selectors.staff_conferences(user)
            .select_related("event", "created_by")
            .prefetch_related("interpretations", "items")
            .get(pk=pk)
        )
    except PressConference.DoesNotExist:
        raise Http404 from None


def _year(value, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("年份应为四位数字，如 2025。"), field="year") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(_("年份应在2000年至2100年之间。"), field="year")
    return year


# ---------------------------------------------------------------- events


@login_required
def event_list(request):
    user = request.user
    _require_workbench(user)
    now = timezone.now()
    tab = request.GET.get("tab", "open")
    if tab not in dict(TABS):
        raise DomainError(_("未知的列表分类。"))
    visible = selectors.staff_events(user)
    services.escalate_missed_clocks(now=now, events=visible)
    events = visible.prefetch_related("escalations")
    if tab in ("open", "missed"):
        events = events.filter(status__in=OPEN_STATUSES)
    elif tab == "closed":
        events = events.exclude(status__in=OPEN_STATUSES)
    rows = selectors.event_rows(events, now)
    if tab == "missed":
        rows = [row for row in rows if row.missed]
    if tab in ("open", "missed"):
        # The most urgent first: the earliest unmet due time, then the rest.
        far = now.replace(year=now.year + 100)
        rows.sort(key=lambda row: min((c.due_at for c in row.running), default=far))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "response/staff/events.html",
        {"page": page, "tab": tab, "tabs": TABS, "now": now},
    )


def _event_form_page(request, form, *, suggestion=None, status=200):
    return render(
        request,
        "response/staff/event_form.html",
        {"form": form, "suggestion": suggestion},
        status=status,
    )


@login_required
def event_create(request):
    user = request.user
    _require_workbench(user)
    reporters = selectors.office_organizations(user)
    if not reporters.exists():
        raise NotAllowed(_("您不是任何单位的政务公开工作机构人员，不能录入舆情。"))
    form = EventForm(request.POST or None, reporters=reporters)
    if request.method != "POST":
        return _event_form_page(request, form)
    if not form.is_valid():
        return _event_form_page(request, form, status=400)
    data = form.cleaned_data
    try:
        suggestion = suggest_responsible(
            level=data["level"], place=data["place"], subject=data["subject"]
        )
    except DomainError as exc:
        show_error(form, exc)
        return _event_form_page(request, form, status=exc.status_code)
    if request.POST.get("action") == "suggest":
        return _event_form_page(request, form, suggestion=suggestion)
    now = timezone.now()
    try:
        event = services.event_record(
            reported_by=data["reported_by"],
            title=data["title"],
            source_kind=data["source_kind"],
            source_detail=data["source_detail"],
            summary=data["summary"],
            level=data["level"],
            first_seen_at=data["first_seen_at"],
            place=data["place"],
            subject=data["subject"],
            responsible=data["responsible"],
            override_reason=data["override_reason"],
            is_public=data["is_public"],
            actor=user,
            now=now,
        )
    except DomainError as exc:
        show_error(form, exc)
        return _event_form_page(request, form, suggestion=suggestion, status=exc.status_code)
    messages.success(
        request,
        _("已录入舆情，责任单位：%(org)s。") % {"org": event.responsible_organization.name},
    )
    return redirect("response_staff:event", event.pk)


def _detail(request, event, *, status=200, **forms):
    user = request.user
    now = timezone.now()
    can_manage = selectors.in_scope(user, event.responsible_organization_id)
    context = {
        "event": event,
        "clocks": selectors.event_rows([event], now)[0].clocks,
        "now": now,
        "can_manage": can_manage,
        "audit": _audit_trail(event),
        "recent_items": selectors.published_items_for_link()
        .filter(organization__in=selectors.scope_organizations(user))
        .order_by("-published_at", "-id")[:30],
    }
    if can_manage and event.status != EventStatus.ARCHIVED:
        context.update(
            response_form=forms.get("response_form")
            or ResponseForm(prefix="response", event=event, user=user),
            level_form=forms.get("level_form")
            or LevelForm(prefix="level", initial={"level": event.level}),
            reassign_form=forms.get("reassign_form") or ReassignForm(prefix="reassign"),
            archive_form=forms.get("archive_form") or ArchiveForm(prefix="archive"),
        )
        if event.status in (EventStatus.RESPONDED, EventStatus.EVALUATED):
            context["evaluate_form"] = forms.get("evaluate_form") or EvaluateForm(
                prefix="evaluate",
                initial={"evaluation": event.evaluation, "accountability": event.accountability},
            )
    if forms.get("error"):
        context["error"] = forms["error"]
    return render(request, "response/staff/event.html", context, status=status)


def _audit_trail(event):
    from django.contrib.contenttypes.models import ContentType

    from gongkai.core.models import AuditEntry

    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(OpinionEvent), object_id=event.pk
        )
        .select_related("actor")
        .order_by("at", "id")
    )


@login_required
def event_detail(request, pk):
    return _detail(request, _event(request.user, pk))


@login_required
@require_POST
def response_create(request, pk):
    user = request.user
    event = _event(user, pk)
    form = ResponseForm(request.POST, prefix="response", event=event, user=user)
    return run_form(
        request,
        form,
        lambda data: services.response_record(
            event=event,
            kind=data["kind"],
            released_at=data["released_at"],
            summary=data["summary"],
            item=data["item"],
            press_conference=data["press_conference"],
            actor=user,
            now=timezone.now(),
        ),
        _("已登记回应。"),
        reverse("response_staff:event", args=[event.pk]),
        partial(_form_on_detail, request, event, "response_form", form),
    )


ACTIONS = {
    # action: (form class or None, form name on the page)
    "handle": (None, None),
    "public": (None, None),
    "private": (None, None),
    "level": (LevelForm, "level_form"),
    "reassign": (ReassignForm, "reassign_form"),
    "evaluate": (EvaluateForm, "evaluate_form"),
    "archive": (ArchiveForm, "archive_form"),
}
DONE = {
    "handle": gettext_lazy("已转入处置。"),
    "public": gettext_lazy("已设为在门户公开回应。"),
    "private": gettext_lazy("已取消在门户公开。"),
    "level": gettext_lazy("已调整舆情级别，回应时限已按新级别计算。"),
    "reassign": gettext_lazy("已调整责任单位。"),
    "evaluate": gettext_lazy("已保存评估。"),
    "archive": gettext_lazy("已归档。"),
}


def _form_on_detail(request, event, form_name, form, *, status, error):
    """The event's page again for a posted form: a refusal about a field shows at the field,
    any other above the page (the form may no longer be offered, e.g. after another member
    of the office changed the event's status)."""
    return _detail(
        request,
        event,
        status=status,
        error=error if form.non_field_errors() else None,
        **{form_name: form},
    )


def _call_service(action, event, data, user, now):
    if action == "handle":
        services.event_start_handling(event=event, actor=user, now=now)
    elif action in ("public", "private"):
        services.event_set_public(event=event, is_public=action == "public", actor=user, now=now)
    elif action == "level":
        services.event_change_level(
            event=event, level=data["level"], reason=data["reason"], actor=user, now=now
        )
    elif action == "reassign":
        services.event_reassign(
            event=event,
            organization=data["organization"],
            reason=data["reason"],
            actor=user,
            now=now,
        )
    elif action == "evaluate":
        services.event_evaluate(
            event=event,
            evaluation=data["evaluation"],
            accountability=data["accountability"],
            actor=user,
            now=now,
        )
    elif action == "archive":
        services.event_archive(event=event, reason=data["reason"], actor=user, now=now)


@login_required
@require_POST
def event_action(request, pk, action):
    user = request.user
    event = _event(user, pk)
    if action not in ACTIONS:
        return _detail(request, event, status=400, error=_("未知的操作。"))
    form_class, form_name = ACTIONS[action]
    url, done = reverse("response_staff:event", args=[event.pk]), str(DONE[action])
    if form_class is None:
        return run_service(
            request,
            lambda: _call_service(action, event, {}, user, timezone.now()),
            done,
            url,
            partial(_detail, request, event),
        )
    form = form_class(request.POST, prefix=action)
    return run_form(
        request,
        form,
        lambda data: _call_service(action, event, data, user, timezone.now()),
        done,
        url,
        partial(_form_on_detail, request, event, form_name, form),
    )


# ---------------------------------------------------------------- press conferences


@login_required
def conference_list(request):
    user = request.user
    _require_workbench(user)
    conferences = selectors.staff_conferences(user).select_related("event")
    page = Paginator(conferences, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "response/staff/conferences.html", {"page": page})


def _conference_input(form, formset) -> dict:
    """What the conference services take from a valid form and its speakers' formset."""
    return {
        "data": form.service_data(),
        "speakers": [f.cleaned_data for f in formset.forms if f.cleaned_data],
        "interpretations": form.cleaned_data["interpretations"],
        "items": form.cleaned_data["items"],
    }


def _conference_form_page(request, form, formset, *, conference=None, status=200, error=None):
    """The conference's form; a refusal shows on the form (``error`` is not repeated above)."""
    return render(
        request,
        "response/staff/conference_form.html",
        {"form": form, "formset": formset, "conference": conference},
        status=status,
    )


@login_required
def conference_create(request):
    user = request.user
    _require_workbench(user)
    form = ConferenceForm(request.POST or None, user=user)
    formset = SpeakerFormSet(request.POST or None, prefix="speakers")
    if request.method != "POST":
        return _conference_form_page(request, form, formset)
    page = partial(_conference_form_page, request, form, formset)
    if not (form.is_valid() and formset.is_valid()):
        return page(status=400)
    return run_service(
        request,
        lambda: services.press_conference_create(
            organization=form.cleaned_data["organization"],
            **_conference_input(form, formset),
            actor=user,
            now=timezone.now(),
        ),
        _("已保存新闻发布会。"),
        lambda conference: reverse("response_staff:conference", args=[conference.pk]),
        page,
        form=form,
    )


@login_required
def conference_edit(request, pk):
    user = request.user
    conference = _conference(user, pk)
    if request.method == "POST":
        form = ConferenceForm(request.POST, user=user)
        formset = SpeakerFormSet(request.POST, prefix="speakers")
    else:
        form = ConferenceForm(
            user=user,
            initial={
                "organization": conference.organization_id,
                "topic": conference.topic,
                "held_at": timezone.localtime(conference.held_at),
                "location": conference.location,
                "transcript": conference.transcript,
                "media": conference.media,
                "event": conference.event_id,
                "interpretations": [i.pk for i in conference.interpretations.all()],
                "items": "\n".join(i.index_number for i in conference.items.all()),
            },
        )
        form.fields["organization"].disabled = True
        formset = SpeakerFormSet(
            prefix="speakers",
            initial=[
                {"name": s.name, "post": s.post, "is_principal_leader": s.is_principal_leader}
                for s in conference.speakers.all()
            ],
        )
        return _conference_form_page(request, form, formset, conference=conference)
    form.fields["organization"].required = False
    page = partial(_conference_form_page, request, form, formset, conference=conference)
    if not (form.is_valid() and formset.is_valid()):
        return page(status=400)
    return run_service(
        request,
        lambda: services.press_conference_update(
            conference=conference,
            **_conference_input(form, formset),
            actor=user,
            now=timezone.now(),
        ),
        _("已保存。"),
        reverse("response_staff:conference", args=[conference.pk]),
        page,
        form=form,
    )


def _conference_page(request, conference, *, status=200, error=None):
    year = timezone.localtime(conference.held_at).year
    count, required, met = selectors.principal_leader_appearances(conference.organization, year)
    return render(
        request,
        "response/staff/conference.html",
        {
            "conference": conference,
            "year": year,
            "leaders": {"count": count, "required": required, "met": met},
            "error": error,
        },
        status=status,
    )


@login_required
def conference_detail(request, pk):
    return _conference_page(request, _conference(request.user, pk))


@login_required
@require_POST
def conference_publish(request, pk):
    user = request.user
    conference = _conference(user, pk)
    return run_service(
        request,
        lambda: services.press_conference_publish(
            conference=conference, actor=user, now=timezone.now()
        ),
        _("已发布，门户“回应关切”栏目可以看到。"),
        reverse("response_staff:conference", args=[conference.pk]),
        partial(_conference_page, request, conference),
    )


@login_required
def leaders(request):
    user = request.user
    _require_workbench(user)
    year = _year(request.GET.get("year"), local_date(timezone.now()).year)
    rows = selectors.leader_table(year, selectors.scope_organizations(user))
    return render(
        request,
        "response/staff/leaders.html",
        {
            "rows": rows,
            "year": year,
            "years": range(
                local_date(timezone.now()).year, local_date(timezone.now()).year - 6, -1
            ),
            "unmet": sum(1 for row in rows if not row.met),
        },
    )
