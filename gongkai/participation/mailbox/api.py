"""The open API's part for the mailbox: the published Q&A and the FAQ knowledge base.

Only what the public pages show goes out, every field listed on purpose: the staff-confirmed
public version of a published exchange (never the writer's name, phone, e-mail, address or
original text), the answering organization and the dates. Registered on the portal's API in
``gongkai.portal.api_urls``; errors, pagination and dates follow that API's conventions.
"""

from datetime import date, datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from gongkai.orgs.models import Organization
from gongkai.portal.api import ERRORS, MAX_ID, NOT_FOUND, Id, OrganizationParam, PageParams, coded
from gongkai.portal.api_schemas import Choice, OrganizationRef, Page
from gongkai.search.segment import query_tokens

from . import selectors
from .choices import Kind, Rating
from .models import FaqEntry, Message

router = Router(tags=["政民互动"])

KindCode = coded(Kind)
QUERY_PATTERN = r"^[^\x00-\x1f\x7f]*$"


class MessageOut(Schema):
    id: int
    number: str = Field(description="留言编号")
    kind: Choice = Field(description="类别：领导信箱、咨询、建议、投诉")
    subject: str = Field(description="公开标题（已去除个人信息）")
    organization: OrganizationRef = Field(description="答复机构")
    received_on: date = Field(description="收到留言日期")
    replied_at: datetime = Field(description="答复时间")
    url: str = Field(description="门户网站上的页面")


class MessageDetailOut(MessageOut):
    question: str = Field(description="公开的留言内容（已去除个人信息）")
    reply: str = Field(description="公开的答复内容")
    rating: Choice | None = Field(description="写信人的满意度评价，未评价为空")


class FaqOut(Schema):
    id: int
    question: str
    topic: str
    organization: OrganizationRef = Field(description="解答机构")
    published_at: datetime
    url: str


class FaqDetailOut(FaqOut):
    answer: str


class MessageFilters(PageParams):
    organization: OrganizationParam = None
    kind: KindCode | None = Field(None, description="类别")
    q: str | None = Field(None, max_length=50, pattern=QUERY_PATTERN, description="关键词")


class FaqFilters(PageParams):
    organization: OrganizationParam = None
    topic: str | None = Field(None, max_length=40, pattern=QUERY_PATTERN, description="主题")
    q: str | None = Field(None, max_length=50, pattern=QUERY_PATTERN, description="关键词")


def _abs(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _org(org: Organization) -> dict:
    return {"id": org.pk, "slug": org.slug, "name": org.name}


def _organizations(value: str):
    match = Q(slug=value)
    if value.isdigit() and int(value) <= MAX_ID:
        match |= Q(pk=int(value))
    return Organization.objects.filter(match).values("pk")


def _page(queryset, page: int, page_size: int, build) -> dict:
    count = queryset.count()
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size]) if start < count else []
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "results": [build(r) for r in rows],
    }


def _message(request, message: Message) -> dict:
    return {
        "id": message.pk,
        "number": message.number,
        "kind": {"code": message.kind, "label": str(Kind(message.kind).label)},
        "subject": message.public_subject,
        "organization": _org(message.reply_organization),
        "received_on": message.received_on,
        "replied_at": timezone.localtime(message.replied_at),
        "url": _abs(request, "mailbox:qa_detail", message.pk),
    }


def _faq(request, entry: FaqEntry) -> dict:
    return {
        "id": entry.pk,
        "question": entry.question,
        "topic": entry.topic,
        "organization": _org(entry.organization),
        "published_at": timezone.localtime(entry.published_at),
        "url": _abs(request, "faq:detail", entry.pk),
    }


@router.get(
    "/mailbox/messages",
    response={200: Page[MessageOut], **ERRORS},
    summary="公开答复列表",
)
def list_messages(request, filters: Query[MessageFilters]):
    """经写信人同意、去除个人信息后公开的留言和答复，按答复时间从新到旧。"""
    messages = selectors.public_messages()
    if filters.organization:
        messages = messages.filter(reply_organization__in=_organizations(filters.organization))
    if filters.kind:
        messages = messages.filter(kind=filters.kind)
    if filters.q and filters.q.strip():
        messages = selectors.search_public_messages(messages, filters.q)
    return _page(messages, filters.page, filters.page_size, lambda m: _message(request, m))


@router.get(
    "/mailbox/messages/{message_id}",
    response={200: MessageDetailOut, **NOT_FOUND},
    summary="公开答复详情",
)
def get_message(request, message_id: Id):
    """一条公开的留言及其答复（公开版本）。"""
    message = selectors.public_message(message_id)
    if message is None:
        raise HttpError(404, gettext("没有这条公开答复，或尚未公开。"))
    return {
        **_message(request, message),
        "question": message.public_question,
        "reply": message.public_reply,
        "rating": {"code": message.rating, "label": str(Rating(message.rating).label)}
        if message.rating
        else None,
    }


@router.get("/faq", response={200: Page[FaqOut], **ERRORS}, summary="常见问题列表")
def list_faq(request, filters: Query[FaqFilters]):
    """已发布的常见问题，按发布时间从新到旧；带关键词时按相关度排序。"""
    entries = selectors.published_faq()
    if filters.organization:
        entries = entries.filter(organization__in=_organizations(filters.organization))
    if filters.topic:
        entries = entries.filter(topic=filters.topic)
    if filters.q and query_tokens(filters.q):
        hits = selectors.faq_search(entries, filters.q)
        start = (filters.page - 1) * filters.page_size
        return {
            "count": len(hits),
            "page": filters.page,
            "page_size": filters.page_size,
            "results": [_faq(request, h.entry) for h in hits[start : start + filters.page_size]],
        }
    return _page(entries, filters.page, filters.page_size, lambda e: _faq(request, e))


@router.get("/faq/{entry_id}", response={200: FaqDetailOut, **NOT_FOUND}, summary="常见问题详情")
def get_faq(request, entry_id: Id):
    """一个已发布的常见问题及其解答。"""
    entry = selectors.published_faq().filter(pk=entry_id).first()
    if entry is None:
        raise HttpError(404, gettext("没有这个问题，或尚未发布。"))
    return {**_faq(request, entry), "answer": entry.answer}
