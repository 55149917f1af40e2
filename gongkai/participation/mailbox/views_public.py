"""The citizen's side of the mailbox: write, track and rate, the public Q&A and the FAQ.

The forms and the writer's pages are never kept by the portal's page cache: they carry a CSRF
token or personal data, and send ``Cache-Control: private, no-store``. The tracking code never
appears in a URL: the done page and the tracking result read it from the session, which
forgets it after ``tracking.SESSION_MINUTES``. The Q&A and FAQ pages are the same for every
visitor and use ``@cache_public_page``; the services purge the cache when what they show
changes.

Rate limits per client address (django-ratelimit, counted in the default cache): every POST of
the message form, messages actually created, tracking queries and ratings. Change them with the
``GONGKAI_MAILBOX_RATES`` setting (same keys as ``RATES``). Behind a reverse proxy, set
``RATELIMIT_IP_META_KEY`` so that the client's address is counted, not the proxy's.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from gongkai.core import tracking
from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization
from gongkai.portal.cache import cache_public_page

from . import selectors, services
from .choices import Kind, Status
from .forms import MessageForm, RatingForm, TrackForm
from .models import MailboxSettings, Message

RATES = {
    "write_attempt": "20/h",  # every POST of the message form
    "write_submit": "5/h",  # messages actually created
    "track_minute": "10/m",
    "track_hour": "30/h",
    "rate": "10/h",
}
DONE_KEY = "mailbox_done"
TRACK_KEY = "mailbox_track"
PER_PAGE = 15
MAX_QUERY = 50


def _rate(name: str):
    def rate(group, request) -> str:
        return getattr(settings, "GONGKAI_MAILBOX_RATES", {}).get(name, RATES[name])

    return rate


def _chinese_date(day) -> str:
    return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


def _page(request, queryset):
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number, on_each_side=2)
    return page


# --- writing ---------------------------------------------------------------------------------


def _write_page(request, form, *, status=200, limited=False):
    response = render(
        request,
        "mailbox/public/write.html",
        {
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
            "limited": limited,
            "reply_days": MailboxSettings.load().reply_days,
        },
        status=status,
    )
    return tracking.no_store(response)


@require_http_methods(["GET", "POST"])
@ratelimit(
    group="mailbox:write_attempt",
    key="ip",
    rate=_rate("write_attempt"),
    method="POST",
    block=False,
)
def write(request):
    if request.method == "GET":
        initial = {}
        slug = request.GET.get("org", "")
        if slug and Organization.objects.filter(slug=slug, is_active=True).exists():
            initial["organization"] = slug
        if request.GET.get("kind") in Kind.values:
            initial["kind"] = request.GET["kind"]
        return _write_page(request, MessageForm(initial=initial))

    form = MessageForm(request.POST)
    if getattr(request, "limited", False):
        form.is_valid()  # keep what was typed, with its errors, on the page
        return _write_page(request, form, status=429, limited=True)
    if form.is_spam:
        form.is_valid()
        form.add_error(None, _("提交未成功，请刷新页面后重新提交。"))
        return _write_page(request, form, status=400)
    if not form.is_valid():
        return _write_page(request, form, status=400)
    if is_ratelimited(
        request,
        group="mailbox:write_submit",
        key="ip",
        rate=_rate("write_submit"),
        method="POST",
        increment=True,
    ):
        return _write_page(request, form, status=429, limited=True)

    now = timezone.now()
    try:
        message = services.message_submit(
            data=form.service_data(), chosen_organization=form.chosen_organization(), now=now
        )
    except DomainError as exc:
        form.add_error(form.form_field_for(exc.field), str(exc.message))
        return _write_page(request, form, status=400)
    tracking.remember(
        request,
        DONE_KEY,
        now,
        code=message.tracking_code,
        number=message.number,
        organization=message.organization.name,
        kind=message.get_kind_display(),
        emailed=bool(message.email),
        due_on=_chinese_date(
            selectors.clock_of(message, local_date(now), selectors.limits()).due_on
        ),
    )
    return redirect("mailbox:done")


@require_GET
def done(request):
    values = tracking.recall(request, DONE_KEY, timezone.now())
    if values is None:
        return redirect("mailbox:track")
    return tracking.no_store(render(request, "mailbox/public/done.html", {"done": values}))


# --- tracking and rating ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@ratelimit(
    group="mailbox:track_minute", key="ip", rate=_rate("track_minute"), method="POST", block=False
)
@ratelimit(
    group="mailbox:track_hour", key="ip", rate=_rate("track_hour"), method="POST", block=False
)
def track(request):
    return tracking.track_query(
        request,
        form_class=TrackForm,
        find=services.track,
        template="mailbox/public/track.html",
        session_key=TRACK_KEY,
        result_url="mailbox:track_result",
    )


def _tracked(request):
    values = tracking.recall(request, TRACK_KEY, timezone.now())
    if values is None:
        return None
    return (
        Message.objects.select_related("organization", "reply_organization")
        .prefetch_related("transfers__to_organization")
        .filter(pk=values.get("id"))
        .first()
    )


def _result_page(request, message, *, rating_form=None, status=200, limited=False):
    now = timezone.now()
    clock = selectors.clock_of(message, local_date(now), selectors.limits())
    can_rate = message.status == Status.REPLIED and not message.rating
    rating_form = rating_form or (RatingForm() if can_rate else None)
    return tracking.no_store(
        render(
            request,
            "mailbox/public/result.html",
            {
                "message": message,
                "clock": clock,
                "can_rate": can_rate,
                "rating_form": rating_form,
                "rating_errors": rating_form.error_list()
                if rating_form is not None and rating_form.is_bound
                else [],
                "limited": limited,
                "minutes": tracking.SESSION_MINUTES,
            },
            status=status,
        )
    )


@require_GET
def track_result(request):
    message = _tracked(request)
    if message is None:
        return redirect(reverse("mailbox:track") + "?expired=1")
    return _result_page(request, message)


@require_POST
@ratelimit(group="mailbox:rate", key="ip", rate=_rate("rate"), method="POST", block=False)
def rate(request):
    message = _tracked(request)
    if message is None:
        return redirect(reverse("mailbox:track") + "?expired=1")
    form = RatingForm(request.POST)
    if getattr(request, "limited", False):
        return _result_page(request, message, rating_form=form, status=429, limited=True)
    if not form.is_valid():
        return _result_page(request, message, rating_form=form, status=400)
    try:
        services.message_rate(
            message=message,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            now=timezone.now(),
        )
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return _result_page(request, message, rating_form=form, status=exc.status_code)
    return redirect(reverse("mailbox:track_result") + "#rating")


@require_POST
def track_end(request):
    request.session.pop(TRACK_KEY, None)
    return redirect("mailbox:track")


# --- the public Q&A --------------------------------------------------------------------------


@require_safe
@cache_public_page
def qa_list(request):
    messages = selectors.public_messages()
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        messages = messages.filter(kind=kind)
    else:
        kind = ""
    org_slug = request.GET.get("org", "")[:40]
    organization = (
        Organization.objects.filter(slug=org_slug).only("pk", "name", "slug").first()
        if org_slug
        else None
    )
    if organization is not None:
        messages = messages.filter(reply_organization=organization)
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    if q:
        messages = selectors.search_public_messages(messages, q)
    return render(
        request,
        "mailbox/public/qa_list.html",
        {
            "page_obj": _page(request, messages),
            "kinds": Kind.choices,
            "kind": kind,
            "organization": organization,
            "q": q,
        },
    )


@require_safe
@cache_public_page
def qa_detail(request, pk: int):
    message = selectors.public_message(pk)
    if message is None:
        raise Http404(_("没有这条公开答复，或尚未公开。"))
    return render(request, "mailbox/public/qa_detail.html", {"message": message})


# --- the FAQ knowledge base ------------------------------------------------------------------


@require_safe
@cache_public_page
def faq_list(request):
    entries = selectors.published_faq()
    topic = request.GET.get("topic", "")[:40]
    if topic:
        entries = entries.filter(topic=topic)
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    context = {"q": q, "topic": topic, "topics": selectors.faq_topics()}
    if q:
        context["hits"] = selectors.faq_search(entries, q)
    else:
        context["page_obj"] = _page(request, entries)
    return render(request, "mailbox/public/faq_list.html", context)


@require_safe
@cache_public_page
def faq_detail(request, pk: int):
    entry = selectors.published_faq().filter(pk=pk).first()
    if entry is None:
        raise Http404(_("没有这个问题，或尚未发布。"))
    return render(request, "mailbox/public/faq_detail.html", {"entry": entry})
