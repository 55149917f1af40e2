"""The workbench of 会议公开 (/workbench/participation/meetings/): meetings and their agenda,
announcement, invitees, the review of applications to attend, and the decisions taken.

As ``views_staff``: views translate HTTP into calls of ``gongkai.participation.meetings`` and
show a refusal on the page it came from, with the matching 4xx status. Meetings of
organizations the user does not handle answer 404.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.core.staff_views import run_form, run_service, show_error
from gongkai.publishing.models import Item

from . import meetings, selectors
from .choices import ApplicationStatus, MeetingStatus
from .forms_meetings import (
    DeclineForm,
    InviteeForm,
    MeetingForm,
    OutcomeForm,
    agenda_formset,
)
from .models import Meeting
from .views_staff import PAGE_SIZE, _organizations, _require_workbench

TABS = (
    ("all", gettext_lazy("全部")),
    (MeetingStatus.PLANNED, MeetingStatus.PLANNED.label),
    (MeetingStatus.ANNOUNCED, MeetingStatus.ANNOUNCED.label),
    (MeetingStatus.HELD, gettext_lazy("已召开待公布结果")),
    (MeetingStatus.REPORTED, MeetingStatus.REPORTED.label),
)


def _meeting(user, pk) -> Meeting:
    _require_workbench(user)
    return get_object_or_404(selectors.staff_meetings(user), pk=pk)


@login_required
def meeting_list(request):
    user = request.user
    _require_workbench(user)
    tab = request.GET.get("tab", "all")
    if tab not in dict(TABS):
        tab = "all"
    rows = selectors.staff_meetings(user)
    counts = dict.fromkeys(dict(TABS), 0)
    for status in rows.values_list("status", flat=True):
        counts["all"] += 1
        counts[status] = counts.get(status, 0) + 1
    if tab != "all":
        rows = rows.filter(status=tab)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/staff/meetings.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(key, label, counts.get(key, 0)) for key, label in TABS],
            "now": timezone.now(),
        },
    )


# ---------------------------------------------------------------- the meeting and its agenda


def _form_page(request, form, agenda, *, meeting=None, status=200):
    return render(
        request,
        "participation/staff/meeting_form.html",
        {"form": form, "agenda": agenda, "meeting": meeting},
        status=status,
    )


def _show_meeting_error(form, agenda, exc: DomainError) -> None:
    if exc.field == "items":
        agenda._non_form_errors = agenda.error_class([str(exc.message)])
    else:
        show_error(form, exc)


@login_required
def meeting_create(request):
    user = request.user
    _require_workbench(user)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, organizations=_organizations(user))
    agenda = agenda_formset(data, blank_rows=3)
    if request.method != "POST":
        return _form_page(request, form, agenda)
    if not (form.is_valid() and agenda.is_valid()):
        return _form_page(request, form, agenda, status=400)
    try:
        meeting = meetings.meeting_create(
            organization=form.cleaned_data["organization"],
            data=form.service_data(),
            items=agenda.service_items(),
            actor=user,
            now=timezone.now(),
        )
    except DomainError as exc:
        _show_meeting_error(form, agenda, exc)
        return _form_page(request, form, agenda, status=exc.status_code)
    messages.success(request, _("已保存会议。核对议题后即可公告。"))
    return redirect("participation_staff:meeting", meeting.pk)


@login_required
def meeting_edit(request, pk):
    user = request.user
    meeting = _meeting(user, pk)
    if meeting.status not in meetings.EDITABLE:
        messages.error(request, _("会议已召开，不能再修改会议信息。"))
        return redirect("participation_staff:meeting", meeting.pk)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, meeting=meeting)
    agenda = agenda_formset(data, meeting=meeting)
    if request.method != "POST":
        return _form_page(request, form, agenda, meeting=meeting)
    if not (form.is_valid() and agenda.is_valid()):
        return _form_page(request, form, agenda, meeting=meeting, status=400)
    try:
        meetings.meeting_update(
            meeting=meeting,
            data=form.service_data(),
            items=agenda.service_items(),
            reason=form.cleaned_data.get("reason", ""),
            actor=user,
            now=timezone.now(),
        )
    except DomainError as exc:
        _show_meeting_error(form, agenda, exc)
        return _form_page(request, form, agenda, meeting=meeting, status=exc.status_code)
    messages.success(request, _("已保存。"))
    return redirect("participation_staff:meeting", meeting.pk)


def _detail(request, meeting, *, status=200, error=None, **forms):
    now = timezone.now()
    applications = list(selectors.meeting_applications(meeting))
    outcomes = list(meeting.outcomes.prefetch_related("items").order_by("order", "id"))
    decline_forms = {
        a.pk: forms.get(f"decline_{a.pk}") or DeclineForm(prefix=f"a{a.pk}") for a in applications
    }
    return render(
        request,
        "participation/staff/meeting.html",
        {
            "m": meeting,
            "now": now,
            "error": error,
            "items": meeting.items.select_related("decision", "consultation"),
            "invitees": meeting.invitees.all(),
            "invitee_form": forms.get("invitee_form") or InviteeForm(prefix="invitee"),
            "applications": [(a, decline_forms[a.pk]) for a in applications],
            "pending": sum(1 for a in applications if a.status == ApplicationStatus.PENDING),
            "window": meetings.attendance_window(meeting, now),
            "outcomes": outcomes,
            "drafts": [o for o in outcomes if not o.is_published],
            "outcome_form": forms.get("outcome_form") or OutcomeForm(prefix="outcome"),
            "can_hold": meeting.status == MeetingStatus.ANNOUNCED and now >= meeting.held_at,
            "statuses": MeetingStatus,
        },
        status=status,
    )


@login_required
def meeting_detail(request, pk):
    return _detail(request, _meeting(request.user, pk))


def _url(meeting) -> str:
    return reverse("participation_staff:meeting", args=[meeting.pk])


@require_POST
@login_required
def meeting_action(request, pk, action):
    user = request.user
    meeting = _meeting(user, pk)
    if action == "announce":
        service, done = (
            meetings.meeting_announce,
            _("会议已公告，公众可以在门户网站上看到会议信息。"),
        )
    elif action == "held":
        service, done = meetings.meeting_mark_held, _("已标记为已召开，请填写并公布议定事项。")
    elif action == "publish":
        service, done = meetings.meeting_outcomes_publish, _("议定事项已公布。")
    else:
        raise Http404
    now = timezone.now()
    return run_service(
        request,
        lambda: service(meeting=meeting, actor=user, now=now),
        done,
        _url(meeting),
        partial(_detail, request, meeting),
    )


# ---------------------------------------------------------------- invitees


@require_POST
@login_required
def invitee_add(request, pk):
    user = request.user
    meeting = _meeting(user, pk)
    form = InviteeForm(request.POST, prefix="invitee")
    return run_form(
        request,
        form,
        lambda data: meetings.meeting_invitee_add(
            meeting=meeting, actor=user, now=timezone.now(), **data
        ),
        _("已添加参会人员。"),
        _url(meeting),
        partial(_detail, request, meeting, invitee_form=form),
    )


@require_POST
@login_required
def invitee_remove(request, pk, invitee_pk):
    user = request.user
    meeting = _meeting(user, pk)
    invitee = get_object_or_404(meeting.invitees.all(), pk=invitee_pk)
    return run_service(
        request,
        lambda: meetings.meeting_invitee_remove(invitee=invitee, actor=user, now=timezone.now()),
        _("已取消邀请。"),
        _url(meeting),
        partial(_detail, request, meeting),
    )


# ---------------------------------------------------------------- applications


@require_POST
@login_required
def application_decide(request, pk, application_pk, result):
    user = request.user
    meeting = _meeting(user, pk)
    application = get_object_or_404(meeting.applications.all(), pk=application_pk)
    form, forms, reason = None, {}, ""
    if result == "approve":
        status, done = ApplicationStatus.APPROVED, _("已同意列席申请 %(code)s。")
    elif result == "decline":
        status, done = ApplicationStatus.DECLINED, _("已答复不同意列席申请 %(code)s。")
        form = forms[f"decline_{application.pk}"] = DeclineForm(
            request.POST, prefix=f"a{application.pk}"
        )
        if not form.is_valid():
            return _detail(request, meeting, status=400, **forms)
        reason = form.cleaned_data["reason"]
    else:
        raise Http404
    return run_service(
        request,
        lambda: meetings.meeting_attendance_decide(
            application=application, result=status, reason=reason, actor=user, now=timezone.now()
        ),
        done % {"code": application.receipt_code},
        _url(meeting),
        partial(_detail, request, meeting, **forms),
        form=form,
    )


# ---------------------------------------------------------------- 议定事项


@require_POST
@login_required
def outcome_add(request, pk):
    user = request.user
    meeting = _meeting(user, pk)
    form = OutcomeForm(request.POST, prefix="outcome")
    if not form.is_valid():
        return _detail(request, meeting, status=400, outcome_form=form)
    ids = form.cleaned_data["items"]
    items = list(Item.objects.filter(pk__in=ids))
    if len(items) != len(ids):
        missing = sorted(set(ids) - {item.pk for item in items})
        form.add_error(
            "items", _("没有编号为 %(ids)s 的信息。") % {"ids": "、".join(map(str, missing))}
        )
        return _detail(request, meeting, status=400, outcome_form=form)
    return run_service(
        request,
        lambda: meetings.meeting_outcome_add(
            meeting=meeting,
            text=form.cleaned_data["text"],
            items=items,
            actor=user,
            now=timezone.now(),
        ),
        _("已添加议定事项（尚未公布）。"),
        _url(meeting),
        partial(_detail, request, meeting, outcome_form=form),
        form=form,
    )


@require_POST
@login_required
def outcome_remove(request, pk, outcome_pk):
    user = request.user
    meeting = _meeting(user, pk)
    outcome = get_object_or_404(meeting.outcomes.all(), pk=outcome_pk)
    return run_service(
        request,
        lambda: meetings.meeting_outcome_remove(outcome=outcome, actor=user, now=timezone.now()),
        _("已删除未公布的议定事项。"),
        _url(meeting),
        partial(_detail, request, meeting),
    )
