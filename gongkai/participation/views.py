"""互动交流 on the portal: the landing page, the catalog of major decisions, consultations with
their drafts, comment form, reviewed comments and feedback reports.

Read-only pages are kept by the public page cache (``@cache_public_page``); the services purge it
whenever what they show changes. The consultation page is never cached: while open it carries the
comment form (CSRF token, captcha). The receipt page is personal (``no-store``) and reads the
receipt number from the session, never from the URL.

Comment submissions are rate-limited per client address (django-ratelimit, default cache):
every POST of the form (``attempt``), and comments actually stored, in a 10-minute and a daily
window. Rates can be changed with the ``GONGKAI_PARTICIPATION_RATES`` setting (same keys as
``RATES``). Behind a reverse proxy, set ``RATELIMIT_IP_META_KEY``.
"""

from datetime import date, timedelta
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization
from gongkai.portal.cache import cache_public_page

from . import selectors, services
from .choices import DECISION_ORDER, Adoption, ConsultationState
from .forms import CommentForm, error_rows
from .models import Comment, Consultation, Decision

PAGE_SIZE = 20
RATES = {
    "attempt": "30/h",  # every POST of the comment form
    "burst": "5/10m",  # comments stored
    "day": "20/d",
}
SESSION_MINUTES = 30
DONE_KEY = "participation_done"
# The landing page includes this template when the mailbox adds it (its entries, its links).
MAILBOX_BLOCK = "mailbox/public/hdjl_block.html"
STATE_TABS = (
    (ConsultationState.OPEN, ConsultationState.OPEN.label),
    (ConsultationState.CLOSED, ConsultationState.CLOSED.label),
    (ConsultationState.REPORTED, ConsultationState.REPORTED.label),
    ("all", gettext_lazy("全部")),
)


def rate_for(name: str, defaults: dict[str, str]):
    """The rate ``name`` for django-ratelimit: the ``GONGKAI_PARTICIPATION_RATES`` setting's,
    else the one in ``defaults``."""

    def rate(group, request) -> str:
        return getattr(settings, "GONGKAI_PARTICIPATION_RATES", {}).get(name, defaults[name])

    return rate


def stored_too_often(request, windows: tuple[str, ...], defaults: dict[str, str]) -> bool:
    """Count one more stored submission from this address in each window; True as soon as one
    of them is over its rate."""
    return any(
        is_ratelimited(
            request,
            group=f"participation:{window}",
            key="ip",
            rate=rate_for(window, defaults),
            method="POST",
            increment=True,
        )
        for window in windows
    )


def client_ip(request) -> str:
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    if isinstance(key, str) and request.META.get(key):
        return request.META[key].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _no_store(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def render_with_form(
    request, template: str, context: dict, *, form, status: int, limited: bool, notice
) -> HttpResponse:
    """A page carrying a public form, with its error summary and the rate-limit notice. Once it
    shows what someone typed, no cache keeps it."""
    filled = form is not None and form.is_bound
    context = {
        **context,
        "form": form,
        "errors": error_rows(form) if filled else [],
        "limited": limited,
        "notice": notice,
    }
    response = render(request, template, context, status=status)
    return _no_store(response) if filled else response


def remember_receipt(request, key: str, now, **values) -> None:
    """Keep the receipt for the page after the redirect, in the session, never in the URL."""
    expires = now + timedelta(minutes=SESSION_MINUTES)
    request.session[key] = {**values, "expires": expires.timestamp()}


def recall_receipt(request, key: str, **expected) -> str | None:
    """The receipt kept by ``remember_receipt`` if it is for ``expected`` and still fresh."""
    done = request.session.get(key)
    if not isinstance(done, dict) or done.get("expires", 0) < timezone.now().timestamp():
        return None
    if any(done.get(name) != value for name, value in expected.items()):
        return None
    return done.get("receipt")


def _today():
    return local_date(timezone.now())


# ---------------------------------------------------------------- 互动交流


def _mailbox_block():
    try:
        return select_template([MAILBOX_BLOCK])
    except TemplateDoesNotExist:
        return None


@require_GET
@cache_public_page
def home(request):
    today = _today()
    return render(
        request,
        "participation/public/home.html",
        {
            "open_consultations": selectors.consultations_in(ConsultationState.OPEN, today)[:5],
            "upcoming_meetings": selectors.meetings_in(
                selectors.MeetingTab.UPCOMING, timezone.now()
            )[:5],
            "reports": selectors.recent_reports(5),
            "years": selectors.decision_years()[:3],
            "mailbox_block": _mailbox_block(),
            "today": today,
        },
    )


# ---------------------------------------------------------------- 重大行政决策目录


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10_000 else None


@require_GET
@cache_public_page
def decisions(request):
    years = selectors.decision_years()
    year = _int(request.GET.get("year"))
    if year not in years:
        year = years[0] if years else None
    organizations = list(
        Organization.objects.filter(is_active=True, major_decisions__year=year)
        .distinct()
        .order_by("sort_order", "id")
    )
    slug = request.GET.get("org", "")
    org = next((o for o in organizations if o.slug == slug), None)
    rows = selectors.public_decisions().filter(year=year)
    if org is not None:
        rows = rows.filter(organization=org)
    grouped = [
        (organization, list(entries))
        for organization, entries in groupby(rows, key=lambda d: d.organization)
    ]
    return render(
        request,
        "participation/public/decisions.html",
        {
            "years": years,
            "year": year,
            "organizations": organizations,
            "org": org,
            "grouped": grouped,
            "stages": DECISION_ORDER,
        },
    )


@require_GET
@cache_public_page
def decision(request, pk: int):
    try:
        entry = selectors.public_decisions().get(pk=pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "participation/public/decision.html",
        {
            "decision": entry,
            "item": selectors.public_decision_item(entry),
            "stages": DECISION_ORDER,
        },
    )


# ---------------------------------------------------------------- 意见征集


@require_GET
@cache_public_page
def consultations(request):
    today = _today()
    state = request.GET.get("state", ConsultationState.OPEN)
    if state not in dict(STATE_TABS):
        state = ConsultationState.OPEN
    page = Paginator(selectors.consultations_in(state, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.elided_range = page.paginator.get_elided_page_range(page.number)
    rows = [
        (c, state, ConsultationState(state).label)
        for c in page.object_list
        for state in [c.state(today)]
    ]
    return render(
        request,
        "participation/public/consultations.html",
        {"page_obj": page, "rows": rows, "state": state, "tabs": STATE_TABS, "today": today},
    )


def _consultation_or_404(pk: int) -> Consultation:
    try:
        return selectors.public_consultation(pk)
    except Consultation.DoesNotExist:
        raise Http404 from None


def _consultation_page(request, consultation, *, form=None, status=200, limited=False, notice=None):
    today = _today()
    state = consultation.state(today)
    articles = list(consultation.articles.all())
    commentable = [a for a in articles if a.is_commentable]
    accepts_online = any(c.kind == "online" for c in consultation.channels.all())
    if form is None and state == ConsultationState.OPEN and accepts_online:
        initial = {}
        chosen = request.GET.get("article", "")
        if chosen in {str(a.pk) for a in commentable}:
            initial["article"] = chosen
        form = CommentForm(initial=initial, articles=commentable)
    comments = list(selectors.public_comments(consultation))
    report = consultation.report if consultation.has_report() else None
    marks = {}
    if report is not None:
        marks = {row["comment_id"]: row for row in report.data.get("individual", [])}
        group_marks = {g["id"]: g for g in report.data.get("groups", [])}
        for comment in comments:
            if comment.group_id in group_marks:
                marks[comment.pk] = group_marks[comment.group_id]
    return render_with_form(
        request,
        "participation/public/consultation.html",
        {
            "consultation": consultation,
            "state": state,
            "state_label": ConsultationState(state).label,
            "articles": articles,
            "channels": consultation.channels.all(),
            "comments": [(c, marks.get(c.pk)) for c in comments],
            "report": report,
            "period_days": (consultation.closes_on - consultation.opens_on).days + 1,
        },
        form=form,
        status=status,
        limited=limited,
        notice=notice,
    )


@require_GET
def consultation(request, pk: int):
    return _consultation_page(request, _consultation_or_404(pk))


@require_POST
@ratelimit(group="participation:attempt", key="ip", rate=rate_for("attempt", RATES), block=False)
def comment(request, pk: int):
    consultation = _consultation_or_404(pk)
    today = _today()
    commentable = selectors.commentable_articles(consultation)
    form = CommentForm(request.POST, articles=commentable)
    if getattr(request, "limited", False):
        return _consultation_page(request, consultation, form=form, status=429, limited=True)
    if not consultation.is_open(today):
        message = (
            _("意见征集尚未开始，请在开始日期后提交。")
            if today < consultation.opens_on
            else _("本次意见征集已结束，不再接受网上意见。")
        )
        return _no_store(_consultation_page(request, consultation, status=400, notice=message))
    if not form.is_valid():
        return _consultation_page(request, consultation, form=form, status=400)
    if stored_too_often(request, ("burst", "day"), RATES):
        return _consultation_page(request, consultation, form=form, status=429, limited=True)
    now = timezone.now()
    try:
        stored = services.comment_submit(
            consultation=consultation,
            now=now,
            ip=client_ip(request),
            honeypot=form.is_spam,
            **form.service_kwargs(),
        )
    except DomainError as exc:
        form.add_error(form.field_for(exc.field), str(exc.message))
        return _consultation_page(request, consultation, form=form, status=exc.status_code)
    remember_receipt(
        request, DONE_KEY, now, receipt=stored.receipt_number, consultation=consultation.pk
    )
    return redirect("participation:comment_done", pk=consultation.pk)


@require_GET
def comment_done(request, pk: int):
    consultation = _consultation_or_404(pk)
    receipt = recall_receipt(request, DONE_KEY, consultation=consultation.pk)
    if receipt is None:
        return redirect("participation:consultation", pk=consultation.pk)
    stored = (
        Comment.objects.select_related("article")
        .filter(receipt_number=receipt, consultation=consultation)
        .first()
    )
    if stored is None:
        return redirect("participation:consultation", pk=consultation.pk)
    return _no_store(
        render(
            request,
            "participation/public/comment_done.html",
            {"consultation": consultation, "comment": stored},
        )
    )


@require_GET
@cache_public_page
def report(request, pk: int):
    consultation = _consultation_or_404(pk)
    if not consultation.has_report():
        raise Http404
    feedback = consultation.report
    return render(
        request,
        "participation/public/report.html",
        {
            "consultation": consultation,
            "report": feedback,
            "data": feedback.data,
            "closed_on": date.fromisoformat(feedback.data["closed_on"]),
            "not_adopted": Adoption.NOT_ADOPTED.value,
        },
    )


def consultation_url(consultation: Consultation) -> str:
    return reverse("participation:consultation", args=[consultation.pk])
