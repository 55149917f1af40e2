"""回应关切 on the portal (/hygq/): the landing page, press conferences with the count of
principal-leader appearances, and the responses to public concern.

Only published press conferences and the released responses of events staff made public are
shown; the monitoring record of an event (source, summary, level, escalations, evaluation,
accountability) never is. Every page here is read-only and kept by the public page cache; the
services purge it when what these pages show changes.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.portal.cache import cache_public_page

from . import selectors
from .models import OpinionEvent, PressConference

PAGE_SIZE = 20
HOME_SIZE = 6
MIN_YEAR, MAX_YEAR = 2000, 2100


@require_GET
@cache_public_page
def home(request):
    return render(
        request,
        "response/public/home.html",
        {
            "responses": selectors.public_responses()[:HOME_SIZE],
            "conferences": selectors.published_conferences()[:HOME_SIZE],
        },
    )


def _year_param(request, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return years[0] if years else local_date(timezone.now()).year
    if not (raw.isdigit() and len(raw) == 4 and MIN_YEAR <= int(raw) <= MAX_YEAR):
        raise DomainError(_("年份参数不正确，应为2000年至2100年之间的四位数字，如 2025。"))
    return int(raw)


@require_GET
@cache_public_page
def conferences(request):
    years = selectors.conference_years()
    year = _year_param(request, years)
    organizations = list(selectors.conference_organizations())
    slug = request.GET.get("org", "")
    org = None
    if slug:
        org = next((o for o in organizations if o.slug == slug), None)
        if org is None:
            raise DomainError(_("没有该机构举行的新闻发布会，请从列表中选择机构。"))
    rows = selectors.published_conferences()
    if org is not None:
        rows = rows.filter(organization=org)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "response/public/conferences.html",
        {
            "page_obj": page,
            "org": org,
            "organizations": organizations,
            "year": year,
            "years": years,
            "leaders": selectors.leader_table(year, [org] if org else organizations),
        },
    )


@require_GET
@cache_public_page
def conference(request, pk):
    try:
        conference = selectors.public_conference(pk)
    except PressConference.DoesNotExist:
        raise Http404 from None
    return render(request, "response/public/conference.html", {"conference": conference})


@require_GET
@cache_public_page
def responses(request):
    page = Paginator(selectors.public_responses(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "response/public/responses.html", {"page_obj": page})


@require_GET
@cache_public_page
def event(request, pk):
    try:
        event = selectors.public_event(pk)
    except OpinionEvent.DoesNotExist:
        raise Http404 from None
    return render(request, "response/public/event.html", {"event": event})
