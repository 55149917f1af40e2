"""会议公开 on the portal (/hdjl/hy/): the list of announced meetings, each meeting's page with
its agenda, how to follow or attend it, the invitees (by category), the application form while
applications are open, and the decisions taken once published; the receipt and the lookup of
an application's result.

The list is kept by the public page cache; the services purge it when a meeting is announced,
changed, held or its outcomes published. A meeting's page is never cached: while applications
are open it carries the form (CSRF token, captcha), and its seat count changes with every
approval. The receipt page reads the receipt code from the session, never from the URL.

Applications are rate-limited per client address like comments (``views``): every POST
(``meeting_attempt``), applications stored (``meeting_burst``, ``meeting_day``), and lookups
(``meeting_lookup``); the ``GONGKAI_PARTICIPATION_RATES`` setting overrides them.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from django_ratelimit.decorators import ratelimit

from gongkai.core.errors import DomainError
from gongkai.portal.cache import cache_public_page

from . import meetings, selectors
from .choices import MeetingStatus
from .forms import error_rows
from .forms_meetings import AttendanceForm, LookupForm
from .meetings import Window
from .models import AttendanceApplication, Meeting
from .selectors import MeetingTab
from .views import (
    PAGE_SIZE,
    _no_store,
    client_ip,
    rate_for,
    recall_receipt,
    remember_receipt,
    render_with_form,
    stored_too_often,
)

RATES = {
    "meeting_attempt": "30/h",  # every POST of the application form
    "meeting_burst": "5/10m",  # applications stored
    "meeting_day": "20/d",
    "meeting_lookup": "20/h",  # lookups of a result
}
DONE_KEY = "participation_meeting_done"
TABS = (
    (MeetingTab.UPCOMING, gettext_lazy("即将召开")),
    (MeetingTab.PAST, gettext_lazy("已召开")),
    (MeetingTab.REPORTED, gettext_lazy("已公布议定事项")),
    (MeetingTab.ALL, gettext_lazy("全部")),
)


@require_GET
@cache_public_page
def meeting_list(request):
    now = timezone.now()
    tab = request.GET.get("tab", MeetingTab.UPCOMING)
    if tab not in dict(TABS):
        tab = MeetingTab.UPCOMING
    page = Paginator(selectors.meetings_in(tab, now), PAGE_SIZE).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number)
    return render(
        request,
        "participation/public/meetings.html",
        {"page_obj": page, "tab": tab, "tabs": TABS, "now": now},
    )


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.public_meeting(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _meeting_page(request, meeting, *, form=None, status=200, limited=False, notice=None):
    now = timezone.now()
    window = meetings.attendance_window(meeting, now, approved=meeting.approved)
    if form is None and window == Window.OPEN:
        form = AttendanceForm()
    return render_with_form(
        request,
        "participation/public/meeting.html",
        {
            "meeting": meeting,
            "items": list(meeting.items.all()),
            "invitee_groups": selectors.invitee_groups(meeting.invitees.all()),
            "outcomes": meeting.published_outcomes,
            "window": window,
            "window_refusal": meetings.window_refusal(window)
            if window in meetings.WINDOW_REFUSALS
            else "",
            "seats_left": max(0, meeting.capacity - meeting.approved),
            "statuses": MeetingStatus,
        },
        form=form,
        status=status,
        limited=limited,
        notice=notice,
    )


@require_GET
def meeting_detail(request, pk: int):
    return _meeting_page(request, _meeting_or_404(pk))


@require_POST
@ratelimit(
    group="participation:meeting_attempt",
    key="ip",
    rate=rate_for("meeting_attempt", RATES),
    block=False,
)
def meeting_apply(request, pk: int):
    meeting = _meeting_or_404(pk)
    form = AttendanceForm(request.POST)
    if getattr(request, "limited", False):
        return _meeting_page(request, meeting, form=form, status=429, limited=True)
    now = timezone.now()
    window = meetings.attendance_window(meeting, now, approved=meeting.approved)
    if window != Window.OPEN:
        return _no_store(
            _meeting_page(request, meeting, status=400, notice=meetings.window_refusal(window))
        )
    if not form.is_valid():
        return _meeting_page(request, meeting, form=form, status=400)
    if stored_too_often(request, ("meeting_burst", "meeting_day"), RATES):
        return _meeting_page(request, meeting, form=form, status=429, limited=True)
    try:
        stored = meetings.meeting_attendance_apply(
            meeting=meeting,
            now=now,
            ip=client_ip(request),
            honeypot=form.is_spam,
            **form.service_kwargs(),
        )
    except DomainError as exc:
        field = form.field_for(exc.field)
        form.add_error(field, str(exc.message))
        return _meeting_page(request, meeting, form=form, status=exc.status_code)
    remember_receipt(request, DONE_KEY, now, receipt=stored.receipt_code, meeting=meeting.pk)
    return redirect("participation:meeting_apply_done", pk=meeting.pk)


@require_GET
def meeting_apply_done(request, pk: int):
    meeting = _meeting_or_404(pk)
    receipt = recall_receipt(request, DONE_KEY, meeting=meeting.pk)
    if receipt is None:
        return redirect("participation:meeting", pk=meeting.pk)
    stored = AttendanceApplication.objects.filter(receipt_code=receipt, meeting=meeting).first()
    if stored is None:
        return redirect("participation:meeting", pk=meeting.pk)
    return _no_store(
        render(
            request,
            "participation/public/meeting_apply_done.html",
            {"meeting": meeting, "application": stored},
        )
    )


def _lookup_page(request, form, *, status=200, application=None, limited=False, failed=False):
    response = render(
        request,
        "participation/public/meeting_lookup.html",
        {
            "form": form,
            "errors": error_rows(form) if form.is_bound else [],
            "application": application,
            "limited": limited,
            "failed": failed,
        },
        status=status,
    )
    return _no_store(response)


@require_http_methods(["GET", "POST"])
@ratelimit(
    group="participation:meeting_lookup",
    key="ip",
    rate=rate_for("meeting_lookup", RATES),
    method="POST",
    block=False,
)
def meeting_lookup(request):
    """The result of an application, for whoever has its receipt code and phone. The phone
    number is never written back into the page."""
    if request.method == "GET":
        return _lookup_page(request, LookupForm())
    code = request.POST.get("receipt_code", "")[:40]
    if getattr(request, "limited", False):
        return _lookup_page(
            request, LookupForm(initial={"receipt_code": code}), status=429, limited=True
        )
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _lookup_page(request, form, status=400)
    found = meetings.attendance_lookup(
        form.cleaned_data["receipt_code"], form.cleaned_data["phone"]
    )
    if found is None:
        # 400 for a wrong code and a wrong phone alike: nothing tells which one it was.
        return _lookup_page(
            request, LookupForm(initial={"receipt_code": code}), status=400, failed=True
        )
    return _lookup_page(request, LookupForm(), application=found)
