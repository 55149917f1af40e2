"""The open API's 回应关切 endpoints, registered on ``gongkai.portal.api.api`` (see api_urls):
published press conferences (speakers, transcript, media, linked interpretations and items) and
the released responses of events staff made public. Conventions (pagination, errors, Chinese
messages) are the portal API's. An event's monitoring data — source, summary, level,
escalations, evaluation, accountability — never goes out: a response carries only the event's
id and title.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from gongkai.portal.api import (
    ERRORS,
    NOT_FOUND,
    Id,
    OrganizationParam,
    PageParams,
    _abs,
    _choice,
    _local,
    _org_ref,
    _organization_ids,
    _page,
)
from gongkai.portal.api_schemas import Choice, OrganizationRef, Page

from . import selectors
from .choices import ResponseKind
from .models import EventResponse, PressConference

router = Router(tags=["回应关切"])


# ---------------------------------------------------------------- schemas


class SpeakerOut(Schema):
    name: str
    post: str = Field(description="职务")
    principal_leader: bool = Field(description="是否为本机构主要负责人")


class PressConferenceOut(Schema):
    id: int
    topic: str
    organization: OrganizationRef
    held_at: datetime
    location: str
    speakers: list[SpeakerOut]
    published_at: datetime
    url: str = Field(description="门户网站上的发布会页面")


class LinkOut(Schema):
    id: int
    title: str
    url: str


class PressConferenceDetailOut(PressConferenceOut):
    transcript: str = Field(description="发布会实录（HTML，已净化）")
    media: list[str] = Field(description="出席媒体")
    interpretations: list[LinkOut] = Field(description="相关政策解读")
    items: list[LinkOut] = Field(description="相关公开信息")


class EventRef(Schema):
    id: int
    title: str = Field(description="回应的社会关切")


class ResponseOut(Schema):
    id: int
    event: EventRef
    organization: OrganizationRef = Field(description="回应单位")
    kind: Choice = Field(description="回应方式")
    released_at: datetime
    summary: str = Field(description="回应内容摘要")
    item_url: str | None = Field(description="关联的公开信息（门户页面）")
    press_conference_id: int | None = Field(description="关联的新闻发布会")
    url: str = Field(description="门户网站上的回应页面")


# ---------------------------------------------------------------- press conferences


class ConferenceFilters(PageParams):
    organization: OrganizationParam = None
    year: int | None = Field(None, ge=2000, le=2100, description="举行年度")


def _conference(request, conference: PressConference) -> dict:
    return {
        "id": conference.pk,
        "topic": conference.topic,
        "organization": _org_ref(conference.organization),
        "held_at": _local(conference.held_at),
        "location": conference.location,
        "speakers": [
            {"name": s.name, "post": s.post, "principal_leader": s.is_principal_leader}
            for s in conference.speakers.all()
        ],
        "published_at": _local(conference.published_at),
        "url": _abs(request, "response:conference", conference.pk),
    }


@router.get(
    "/press-conferences",
    response={200: Page[PressConferenceOut], **ERRORS},
    summary="新闻发布会列表",
)
def list_press_conferences(request, filters: Query[ConferenceFilters]):
    """已发布的新闻发布会，按举行时间从新到旧；可按发布机构和年度筛选。"""
    conferences = selectors.published_conferences()
    if filters.organization:
        conferences = conferences.filter(organization__in=_organization_ids(filters.organization))
    if filters.year:
        start = timezone.make_aware(datetime(filters.year, 1, 1))
        end = timezone.make_aware(datetime(filters.year + 1, 1, 1))
        conferences = conferences.filter(held_at__gte=start, held_at__lt=end)
    return _page(conferences, filters.page, filters.page_size, lambda c: _conference(request, c))


@router.get(
    "/press-conferences/{conference_id}",
    response={200: PressConferenceDetailOut, **NOT_FOUND},
    summary="新闻发布会详情",
    url_name="press_conference",
)
def get_press_conference(request, conference_id: Id):
    """一场已发布的新闻发布会：发布人及职务、实录、出席媒体、相关政策解读和公开信息。"""
    try:
        conference = selectors.public_conference(conference_id)
    except PressConference.DoesNotExist as exc:
        raise HttpError(404, gettext("没有这场新闻发布会，或尚未发布。")) from exc
    return {
        **_conference(request, conference),
        "transcript": conference.transcript,
        "media": conference.media_list(),
        "interpretations": [
            {"id": i.pk, "title": i.title, "url": _abs(request, "portal:interpretation", i.pk)}
            for i in conference.public_interpretations
        ],
        "items": [
            {"id": i.pk, "title": i.title, "url": _abs(request, "portal:item", i.pk)}
            for i in conference.public_items
        ],
    }


# ---------------------------------------------------------------- responses


class ResponseFilters(PageParams):
    organization: OrganizationParam = None


def _response(request, response: EventResponse) -> dict:
    event = response.event
    item = response.item
    conference = response.press_conference
    return {
        "id": response.pk,
        "event": {"id": event.pk, "title": event.title},
        "organization": _org_ref(event.responsible_organization),
        "kind": _choice(ResponseKind, response.kind),
        "released_at": _local(response.released_at),
        "summary": response.summary,
        "item_url": _abs(request, "portal:item", item.pk)
        if item is not None and item.is_public
        else None,
        "press_conference_id": conference.pk
        if conference is not None and conference.is_published
        else None,
        "url": _abs(request, "response:event", event.pk) + f"#response-{response.pk}",
    }


@router.get(
    "/responses",
    response={200: Page[ResponseOut], **ERRORS},
    summary="舆情回应列表",
)
def list_responses(request, filters: Query[ResponseFilters]):
    """对社会关切已发布的回应（权威发布、新闻发布会、答记者问、政策解读等），按发布时间从新到旧；
    可按回应单位筛选。不含舆情监测信息。"""
    responses = selectors.public_responses()
    if filters.organization:
        responses = responses.filter(
            event__responsible_organization__in=_organization_ids(filters.organization)
        )
    return _page(responses, filters.page, filters.page_size, lambda r: _response(request, r))


@router.get(
    "/responses/{response_id}",
    response={200: ResponseOut, **NOT_FOUND},
    summary="舆情回应详情",
    url_name="event_response",
)
def get_response(request, response_id: Id):
    """一条已公开的回应。"""
    try:
        response = selectors.public_responses().get(pk=response_id)
    except EventResponse.DoesNotExist as exc:
        raise HttpError(404, gettext("没有这条回应，或尚未公开。")) from exc
    return _response(request, response)
