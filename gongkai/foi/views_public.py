"""The citizen's side of 依申请公开: the guide, the online application and the progress query.

Nothing here is kept by the portal's page cache (no ``@cache_public_page``): the forms carry a
CSRF token, and the done and result pages are personal; those send ``Cache-Control: private,
no-store`` as well. The tracking code never appears in a URL: the done page and the query
result read it from the session, which forgets it after ``tracking.SESSION_MINUTES``.

Rate limits per client address (django-ratelimit, counted in the default cache): online
submissions, all attempts at the application form, and progress queries. The rates can be
changed with the ``GONGKAI_FOI_RATES`` setting (same keys as ``RATES``). Behind a reverse
proxy, set ``RATELIMIT_IP_META_KEY`` so that the client's address is counted, not the proxy's.
"""

from itertools import groupby

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from gongkai.core import tracking
from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Level, Organization

from . import letters, services
from .choices import CONCLUDED_STATUSES, OPEN_STATUSES, LetterKind, Status
from .clock import MAX_EXTENSION_DAYS, REPLY_DAYS, SUPPLEMENT_NOTICE_DAYS
from .forms_public import ApplicationForm, TrackForm
from .models import Application, Letter

RATES = {
    "apply_attempt": "30/h",  # every POST of the application form
    "apply_submit": "10/h",  # applications actually created
    "track_minute": "10/m",
    "track_hour": "30/h",
}
DONE_KEY = "foi_done"
TRACK_KEY = "foi_track"
# Letters addressed to the applicant; a 征求意见函 goes to the third party or agency consulted.
APPLICANT_LETTERS = (
    LetterKind.REPLY,
    LetterKind.SUPPLEMENT,
    LetterKind.EXTENSION,
    LetterKind.FEE,
    LetterKind.REASONS,
    LetterKind.DEFERRAL,
)
LETTER_FORMATS = {
    "docx": (
        "to_docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("to_pdf", "application/pdf"),
}


def _rate(name: str):
    def rate(group, request) -> str:
        return getattr(settings, "GONGKAI_FOI_RATES", {}).get(name, RATES[name])

    return rate


def mask_name(name: str) -> str:
    """``张三`` → ``张*``: the first character only."""
    name = (name or "").strip()
    return name[:1] + "*" * min(len(name) - 1, 8) if name else ""


# --- the guide ------------------------------------------------------------------------------


@require_GET
def home(request):
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    labels = dict(Level.choices)
    order = {level.value: index for index, level in enumerate(Level)}
    grouped = [
        (labels.get(level, level), list(members))
        for level, members in groupby(
            sorted(orgs, key=lambda o: (order.get(o.level, 99), o.sort_order, o.id)),
            key=lambda o: o.level,
        )
    ]
    return render(
        request,
        "foi/public/home.html",
        {
            "groups": grouped,
            "reply_days": REPLY_DAYS,
            "extension_days": MAX_EXTENSION_DAYS,
            "supplement_days": SUPPLEMENT_NOTICE_DAYS,
        },
    )


# --- the online application -----------------------------------------------------------------


def _apply_page(request, form, *, status=200, limited=False):
    response = render(
        request,
        "foi/public/apply.html",
        {"form": form, "errors": form.error_list() if form.is_bound else [], "limited": limited},
        status=status,
    )
    return tracking.no_store(response) if form.is_bound else response


@require_http_methods(["GET", "POST"])
@ratelimit(
    group="foi:apply_attempt", key="ip", rate=_rate("apply_attempt"), method="POST", block=False
)
def apply(request):
    if request.method == "GET":
        initial = {}
        slug = request.GET.get("org", "")
        if slug and Organization.objects.filter(slug=slug, is_active=True).exists():
            initial["organization"] = slug
        return _apply_page(request, ApplicationForm(initial=initial))

    form = ApplicationForm(request.POST)
    if getattr(request, "limited", False):
        return _apply_page(request, form, status=429, limited=True)
    if form.is_spam:
        form.is_valid()
        form.add_error(None, _("提交未成功，请刷新页面后重新提交。"))
        return _apply_page(request, form, status=400)
    if not form.is_valid():
        return _apply_page(request, form, status=400)

    organization = Organization.objects.filter(
        slug=form.cleaned_data["organization"], is_active=True
    ).first()
    if organization is None:
        form.add_error("organization", _("请从列表中选择受理机关。"))
        return _apply_page(request, form, status=400)
    if is_ratelimited(
        request,
        group="foi:apply_submit",
        key="ip",
        rate=_rate("apply_submit"),
        method="POST",
        increment=True,
    ):
        return _apply_page(request, form, status=429, limited=True)

    now = timezone.now()
    try:
        application = services.application_submit(
            organization=organization, data=form.service_data(), now=now
        )
    except DomainError as exc:
        form.add_error(form.form_field_for(exc.field), str(exc.message))
        return _apply_page(request, form, status=400)
    tracking.remember(
        request,
        DONE_KEY,
        now,
        code=application.tracking_code,
        organization=organization.name,
        emailed=bool(application.email),
    )
    return redirect("foi:apply_done")


@require_GET
def apply_done(request):
    done = tracking.recall(request, DONE_KEY, timezone.now())
    if done is None:
        return redirect("foi:track")
    return tracking.no_store(render(request, "foi/public/done.html", {"done": done}))


# --- progress -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@ratelimit(
    group="foi:track_minute", key="ip", rate=_rate("track_minute"), method="POST", block=False
)
@ratelimit(group="foi:track_hour", key="ip", rate=_rate("track_hour"), method="POST", block=False)
def track(request):
    return tracking.track_query(
        request,
        form_class=TrackForm,
        find=services.track,
        template="foi/public/track.html",
        session_key=TRACK_KEY,
        result_url="foi:track_result",
    )


def _tracked(request) -> Application | None:
    values = tracking.recall(request, TRACK_KEY, timezone.now())
    if values is None:
        return None
    return (
        Application.objects.select_related("organization")
        .prefetch_related("clock_entries")
        .filter(pk=values.get("id"))
        .first()
    )


def _result_page(request, application, *, status=200, supplement_error="", supplement_text=""):
    now = timezone.now()
    state = services.clock_for(application, today=local_date(now))
    concluded = application.status in CONCLUDED_STATUSES
    sent = application.letters.filter(kind__in=APPLICANT_LETTERS).order_by("sent_at", "id")
    return tracking.no_store(
        render(
            request,
            "foi/public/result.html",
            {
                "application": application,
                "applicant": mask_name(application.applicant_name),
                "state": state,
                "waiting": application.status == Status.SUBMITTED,
                "outcome": application.get_outcome_display()
                if concluded and application.outcome
                else "",
                "letters": sent,
                "minutes": tracking.SESSION_MINUTES,
                "supplement_open": application.status in OPEN_STATUSES
                and services.supplement_pending(application),
                "supplement_error": supplement_error,
                "supplement_text": supplement_text,
                "supplemented": request.GET.get("supplemented") == "1",
            },
            status=status,
        )
    )


@require_GET
def track_result(request):
    application = _tracked(request)
    if application is None:
        return redirect(reverse("foi:track") + "?expired=1")
    return _result_page(request, application)


@require_http_methods(["POST"])
@ratelimit(group="foi:track_hour", key="ip", rate=_rate("track_hour"), method="POST", block=False)
def track_supplement(request):
    """The applicant answers a 补正 notice online."""
    application = _tracked(request)
    if application is None:
        return redirect(reverse("foi:track") + "?expired=1")
    text = request.POST.get("text", "")
    if getattr(request, "limited", False):
        return _result_page(
            request,
            application,
            status=429,
            supplement_error=_("提交过于频繁，请稍后再试。"),
            supplement_text=text,
        )
    try:
        services.application_supplement(application=application, text=text, now=timezone.now())
    except DomainError as exc:
        return _result_page(
            request,
            application,
            status=exc.status_code,
            supplement_error=exc.message,
            supplement_text=text,
        )
    return redirect(reverse("foi:track_result") + "?supplemented=1")


@require_http_methods(["POST"])
def track_end(request):
    request.session.pop(TRACK_KEY, None)
    return redirect("foi:track")


@require_GET
def track_letter(request, pk: int, fmt: str):
    application = _tracked(request)
    if application is None or fmt not in LETTER_FORMATS:
        raise Http404
    letter = (
        Letter.objects.filter(pk=pk, application=application, kind__in=APPLICANT_LETTERS)
        .select_related("application__organization")
        .first()
    )
    if letter is None:
        raise Http404
    render_name, content_type = LETTER_FORMATS[fmt]
    content = getattr(letters, render_name)(letter)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{letter.title}（{letter.number}）.{fmt}"
    )
    return tracking.no_store(response)
