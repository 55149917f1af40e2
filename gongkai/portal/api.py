"""The open API (开放接口): read-only JSON for syndication to the government's WeChat, Weibo and
app accounts (两微一端) and to the website group.

Choices, stated once here and in the OpenAPI description:

- Page pagination: ``page`` (from 1) and ``page_size`` (1–100, default 20); every list answers
  ``{count, page, page_size, results}``. A page past the end is empty, not an error.
- A withdrawn item answers **410 Gone**, with the withdrawal date and reason in the error body,
  so that syndicated copies can be taken down; drafts and anything never published answer 404.
- Every error is ``{"error": {"code", "message", "details"}}`` with a Chinese message; no input
  produces a 500.
- Only what the public portal shows goes out: no drafters, reviewers, attribute grounds,
  internal workflow events or staff accounts. Every field is built explicitly below.
"""

import json
import logging
import re
from datetime import date, datetime
from pathlib import Path as FilePath
from typing import Annotated, Literal

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import ninja
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer
from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema, field_validator

from gongkai.catalog.models import UpdateFrequency
from gongkai.catalog.selectors import TreeNode, catalog_tree
from gongkai.interpretation.models import Form, Interpretation
from gongkai.orgs.models import Level, Organization
from gongkai.publishing.choices import Action, FivePublic, InfoType, Status, Validity
from gongkai.publishing.models import Item
from gongkai.publishing.selectors import public_item, published_items
from gongkai.search import MAX_PAGE as SEARCH_MAX_PAGE
from gongkai.search import MAX_QUERY_LENGTH, SearchQuery, search

from . import selectors
from .api_schemas import (
    CatalogNodeOut,
    ErrorOut,
    InterpretationDetailOut,
    InterpretationOut,
    ItemDetailOut,
    ItemOut,
    OrganizationDetailOut,
    OrganizationOut,
    Page,
    SearchPage,
)

logger = logging.getLogger("django.request")

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
MAX_ID = 2**63 - 1  # BigAutoField; larger numbers are rejected before they reach the database
SLUG_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"
# Printable text only: a NUL byte is refused by PostgreSQL, other control characters mean nothing.
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
# The same, with at least one character that str.strip() keeps: a blank query means nothing.
# The spaces are listed as characters, since "\s" differs between regex engines (\x85).
_SPACES = " \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
QUERY_PATTERN = rf"^[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f{_SPACES}][^\x00-\x1f\x7f]*$"

DESCRIPTION = """\
政府信息公开平台的只读开放接口，供政务新媒体（两微一端）和政府网站集约化平台同步已公开的政府信息。

- **分页**：列表接口使用页码分页，参数 `page`（从 1 开始）和 `page_size`（1–100，默认 20），
  返回 `{count, page, page_size, results}`；超过最后一页时 `results` 为空。
- **撤回**：已撤回的信息返回 `410 Gone`，错误正文中给出撤回日期和原因；未发布的信息返回 `404`。
- **错误**：所有错误都返回 `{"error": {"code", "message", "details"}}`，`message` 为中文说明。
- **时间**：日期时间均为北京时间（+08:00）。
"""


class ChineseJSONRenderer(JSONRenderer):
    """Chinese text as UTF-8 rather than \\u escapes: half the bytes, readable in a browser."""

    json_dumps_params = {"ensure_ascii": False}


class LocalSwagger(DocsBase):
    """Swagger UI from the copy bundled with django-ninja, served by this app.

    Ninja's default docs page loads its JavaScript from a CDN unless ``ninja`` is an installed
    app; a government network often blocks CDNs, so the assets are served from here instead.
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        asset = lambda name: reverse("api-docs-asset", args=[name])  # noqa: E731
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout"}
        html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(api.title)}</title>
<link rel="stylesheet" href="{asset("swagger-ui.css")}">
<link rel="icon" href="{asset("favicon.png")}" type="image/png">
</head>
<body data-csrf-token="" data-api-csrf="">
<script type="application/json" id="swagger-settings">
{json.dumps(settings)}
</script>
<div id="swagger-ui"></div>
<script src="{asset("swagger-ui-bundle.js")}"></script>
<script src="{asset("swagger-ui-init.js")}"></script>
</body>
</html>"""
        return HttpResponse(html)


DOCS_ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.png": "image/png",
}
_ASSET_DIR = FilePath(ninja.__file__).parent / "static" / "ninja"


def docs_asset(request: HttpRequest, name: str) -> HttpResponse:
    """One of the Swagger UI files in DOCS_ASSETS (a fixed list: no path reaches the disk)."""
    if name not in DOCS_ASSETS:
        return not_found(request)
    response = FileResponse((_ASSET_DIR / name).open("rb"), content_type=DOCS_ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response


api = NinjaAPI(
    title="政府信息公开平台开放接口",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=LocalSwagger(),
    renderer=ChineseJSONRenderer(),
)

# ---------------------------------------------------------------- errors

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    410: "gone",
    422: "validation_error",
    429: "throttled",
}
# The errors every operation may answer; detail operations add 404 (and 410 for items).
ERRORS = {422: ErrorOut}
NOT_FOUND = {404: ErrorOut, 422: ErrorOut}


class Gone(Exception):
    def __init__(self, message: str, details: list[dict]):
        super().__init__(message)
        self.message = message
        self.details = details


def error_response(request, status: int, message, details=None, *, code: str = "") -> HttpResponse:
    body = {
        "error": {
            "code": code or ERROR_CODES.get(status, "error"),
            "message": str(message),
            "details": details or [],
        }
    }
    return api.create_response(request, body, status=status)


def not_found(request, *args, **kwargs) -> HttpResponse:
    """Any path under /api/v1/ that is not an endpoint (also used by api_urls)."""
    return error_response(request, 404, _("接口地址不存在，请查阅 /api/v1/docs。"))


# Chinese messages for the validation errors a query string can produce.
VALIDATION_MESSAGES = {
    "missing": _("缺少必填参数"),
    "int_parsing": _("应为整数"),
    "int_type": _("应为整数"),
    "float_parsing": _("应为数字"),
    "greater_than_equal": _("不能小于 %(ge)s"),
    "greater_than": _("应大于 %(gt)s"),
    "less_than_equal": _("不能大于 %(le)s"),
    "less_than": _("应小于 %(lt)s"),
    "date_parsing": _("应为日期，格式为 YYYY-MM-DD"),
    "date_from_datetime_parsing": _("应为日期，格式为 YYYY-MM-DD"),
    "date_from_datetime_inexact": _("应为日期，格式为 YYYY-MM-DD"),
    "date_type": _("应为日期，格式为 YYYY-MM-DD"),
    "enum": _("取值无效，可选值：%(expected)s"),
    "literal_error": _("取值无效，可选值：%(expected)s"),
    "string_pattern_mismatch": _("格式不正确"),
    "string_too_short": _("不能为空"),
    "string_too_long": _("过长，最多 %(max_length)s 个字符"),
    "string_type": _("应为文本"),
    "list_type": _("应为列表"),
}


# The view arguments that gather query parameters into one schema (``filters: Query[...]``).
QUERY_SCHEMA_ARGS = {"filters", "params"}


def _error_detail(error: dict) -> dict:
    ctx = error.get("ctx") or {}
    template = VALIDATION_MESSAGES.get(error.get("type", ""))
    message = error.get("msg", "")
    if template is not None:
        try:
            message = str(template) % {k: str(v) for k, v in ctx.items()}
        except (KeyError, TypeError, ValueError):
            message = str(template)
    elif error.get("type") == "value_error" and "error" in ctx:
        message = str(ctx["error"])  # our own validators raise Chinese messages
    loc = [str(part) for part in error.get("loc", ())]
    if len(loc) > 2 and loc[1] in QUERY_SCHEMA_ARGS:
        del loc[1]  # Ninja leaves the schema's argument name in list items' locations
    return {"loc": loc, "type": error.get("type", ""), "msg": message}


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return error_response(
        request, 422, _("请求参数不正确。"), [_error_detail(error) for error in exc.errors]
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, exc.message)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return error_response(request, 404, _("没有找到所请求的内容。"))


@api.exception_handler(Gone)
def _gone(request, exc: Gone):
    return error_response(request, 410, exc.message, exc.details)


@api.exception_handler(Exception)
def _server_error(request, exc: Exception):
    # Logged like Django's own 500s; the caller gets the same error shape as for any error.
    logger.error("Internal Server Error: %s", request.path, exc_info=exc)
    return error_response(request, 500, _("服务器内部错误，请稍后再试。"), code="server_error")


# ---------------------------------------------------------------- helpers


def _abs(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _choice(choices, value: str) -> dict | None:
    if not value:
        return None
    try:
        return {"code": value, "label": str(choices(value).label)}
    except ValueError:  # a code dropped from the choices since the row was written
        return {"code": value, "label": value}


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment else None


def _org_ref(org: Organization) -> dict:
    return {"id": org.pk, "slug": org.slug, "name": org.name}


def _page(queryset: QuerySet, page: int, page_size: int, build) -> dict:
    count = queryset.count()
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size]) if start < count else []
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "results": [build(r) for r in rows],
    }


def _organization_ids(value: str) -> QuerySet:
    """Organizations matching a slug or a numeric id (a subquery, not a round trip)."""
    match = Q(slug=value)
    if value.isdigit() and int(value) <= MAX_ID:
        match |= Q(pk=int(value))
    return Organization.objects.filter(match).values("pk")


def _organization_pks(value: str | None) -> tuple[int, ...]:
    """The organizations a query parameter names; none when it names none."""
    return tuple(_organization_ids(value).values_list("pk", flat=True)) if value else ()


def coded(choices):
    """A TextChoices value as a query parameter, its codes and Chinese labels in the schema."""
    labels = "；".join(f"{value} {label}" for value, label in choices.choices)
    schema = {"type": "string", "enum": list(choices.values), "description": labels}
    return Annotated[choices, WithJsonSchema(schema)]


def _iso_date(value):
    """Only YYYY-MM-DD: Pydantic would also read "0" as a Unix timestamp, 1970-01-01."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(gettext("应为日期，格式为 YYYY-MM-DD"))
    return value


Day = Annotated[date, BeforeValidator(_iso_date)]


InfoTypeCode = coded(InfoType)
ValidityCode = coded(Validity)
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description="页码，从 1 开始")]
PageSize = Annotated[
    int, Field(ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，最多 {MAX_PAGE_SIZE}")
]
OrganizationParam = Annotated[
    str | None, Field(pattern=SLUG_PATTERN, description="机构网址标识（slug）或编号")
]


class PageParams(Schema):
    page: PageNumber = 1
    page_size: PageSize = 20


class DateRange(Schema):
    """Publication dates, Asia/Shanghai days, both ends included."""

    published_from: Day | None = Field(None, description="发布日期起（含），YYYY-MM-DD")
    published_to: Day | None = Field(None, description="发布日期止（含），YYYY-MM-DD")

    @field_validator("published_to")
    @classmethod
    def _after_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("published_from")
        if start and end and start > end:
            raise ValueError(gettext("发布日期起不能晚于发布日期止。"))
        return end


class ItemFilters(DateRange, PageParams):
    """The portal's list filters, with the same meaning (``selectors.ItemCriteria``)."""

    organization: OrganizationParam = Field(
        None,
        description="机构网址标识（slug）或编号：该机构发布或参与联合发文的信息，不含下属机构的信息",
    )
    info_type: list[InfoTypeCode] = Field(default_factory=list, description="信息类别，可重复")
    topic: Id | None = Field(None, description="主题分类编号（含其下级分类）")
    catalog_node: Id | None = Field(
        None, description="目录栏目编号（直接归入该栏目的信息，不含下级栏目）"
    )
    validity: ValidityCode | None = Field(None, description="有效性")

    def criteria(self, organizations: tuple[int, ...]) -> selectors.ItemCriteria:
        """What to list, ``organization`` read as ``organizations``."""
        return selectors.ItemCriteria(
            organizations=organizations,
            info_types=tuple(map(str, self.info_type)),
            topics=(self.topic,) if self.topic else (),
            catalog_node=self.catalog_node,
            published_from=self.published_from,
            published_to=self.published_to,
            validities=(str(self.validity),) if self.validity else (),
        )


def _item(request, item: Item) -> dict:
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "organization": _org_ref(item.organization),
        "info_type": _choice(InfoType, item.info_type),
        "written_on": item.written_on,
        "published_at": _local(item.published_at),
        "validity": _choice(Validity, item.validity),
        "url": _abs(request, "portal:item", item.pk),
    }


def _keywords(text: str) -> list[str]:
    return [word for word in re.split(r"[\s,，、;；]+", text or "") if word]


def _topic(topic) -> dict | None:
    if topic is None:
        return None
    return {"id": topic.pk, "name": topic.name, "parent": _topic(topic.parent)}


def _withdrawn(request, item: Item) -> Gone:
    event = next((e for e in reversed(item.public_events) if e.action == Action.WITHDRAW), None)
    at = _local(event.at if event else item.updated_at)
    reason = event.reason if event else ""
    message = gettext("该信息已于%(date)s撤回。撤回原因：%(reason)s") % {
        "date": f"{at:%Y-%m-%d}",
        "reason": reason or "—",
    }
    return Gone(
        message,
        [
            {
                "id": item.pk,
                "index_number": item.index_number,
                "title": item.title,
                "withdrawn_at": at.isoformat(),
                "reason": reason,
                "url": _abs(request, "portal:item", item.pk),
            }
        ],
    )


# ---------------------------------------------------------------- items


@api.get(
    "/items",
    response={200: Page[ItemOut], **ERRORS},
    tags=["政府信息"],
    summary="已发布的政府信息列表",
)
def list_items(request, filters: Query[ItemFilters]):
    """已发布的政府信息，按发布日期从新到旧；可按机构、信息类别、主题分类、目录栏目、发布日期和有效性筛选。"""
    organizations = _organization_pks(filters.organization)
    if filters.organization and not organizations:
        items = Item.objects.none()  # no such organization
    else:
        items = selectors.filter_items(filters.criteria(organizations))
    return _page(items, filters.page, filters.page_size, lambda item: _item(request, item))


@api.get(
    "/items/{item_id}",
    response={200: ItemDetailOut, 404: ErrorOut, 410: ErrorOut, 422: ErrorOut},
    tags=["政府信息"],
    summary="政府信息详情",
)
def get_item(request, item_id: Id):
    """一条已发布的政府信息及其附件、政策解读、相关信息和公开记录。已撤回的返回 410，正文给出撤回日期和原因。"""
    try:
        item = public_item(item_id)
    except Item.DoesNotExist as exc:
        raise HttpError(404, gettext("没有这条政府信息，或尚未公开。")) from exc
    if item.status == Status.WITHDRAWN:
        raise _withdrawn(request, item)
    return {
        **_item(request, item),
        "co_issuers": [_org_ref(org) for org in item.co_issuers.all()],
        "topic": _topic(item.topic),
        "five_public": _choice(FivePublic, item.five_public),
        "effective_on": item.effective_on,
        "expires_on": item.expires_on,
        "abolished_on": item.abolished_on,
        "keywords": _keywords(item.keywords),
        "summary": item.summary,
        "body": item.body,
        "catalog_nodes": [
            {"id": node.pk, "name": node.name}
            for node in item.catalog_nodes.all()
            if node.is_active
        ],
        "attachments": [
            {
                "id": a.pk,
                "title": a.title,
                "url": _abs(request, "portal:attachment", a.pk),
                "size": a.size,
                "type": a.extension,
                "alt_text": a.alt_text,
            }
            for a in item.attachments.all()
        ],
        "interpretations": [
            {
                "id": i.pk,
                "title": i.title,
                "form": _choice(Form, i.form),
                "url": _abs(request, "portal:interpretation", i.pk),
            }
            for i in item.public_interpretations
        ],
        "related": [
            {
                "id": rel.item.pk,
                "title": rel.item.title,
                "document_number": rel.item.document_number,
                "relation": str(rel.label),
                "url": _abs(request, "portal:item", rel.item.pk),
            }
            for rel in selectors.related_items(item)
        ],
        "history": [
            {"action": _choice(Action, e.action), "at": _local(e.at), "reason": e.reason}
            for e in item.public_events
        ],
    }


# ---------------------------------------------------------------- search


class SearchParams(DateRange):
    q: str = Field(
        min_length=1, max_length=MAX_QUERY_LENGTH, pattern=QUERY_PATTERN, description="检索词"
    )
    organization: OrganizationParam = Field(
        None,
        description="机构网址标识（slug）或编号：该机构发布或参与联合发文的信息，不含下属机构的信息",
    )
    info_type: list[InfoTypeCode] = Field(default_factory=list, description="信息类别，可重复")
    topic: list[Id] = Field(
        default_factory=list, description="主题分类编号（含其下级分类），可重复"
    )
    validity: ValidityCode | None = Field(None, description="有效性")
    sort: Literal["relevance", "date"] = Field(
        "relevance", description="relevance 按相关度，date 按发布日期从新到旧"
    )
    page: int = Field(1, ge=1, le=SEARCH_MAX_PAGE, description=f"页码，最多 {SEARCH_MAX_PAGE} 页")
    page_size: PageSize = 20

    @field_validator("q", mode="before")  # before the pattern, for the clearer message
    @classmethod
    def _has_words(cls, q):
        if isinstance(q, str) and not q.strip():
            raise ValueError(gettext("请输入检索词。"))
        return q


@api.get(
    "/search",
    response={200: SearchPage, **ERRORS},
    tags=["政府信息"],
    summary="全文检索",
)
def search_items(request, params: Query[SearchParams]):
    """在已发布的政府信息中全文检索（中文分词；文号、索引号精确命中的排在最前），筛选条件与列表相同
    （机构含其参与联合发文的信息），按相关度或发布日期排序；标题和摘要中的命中词以 <mark> 标出。"""
    empty = {"count": 0, "page": params.page, "page_size": params.page_size, "results": []}
    organization_ids = _organization_pks(params.organization)
    if params.organization and not organization_ids:
        return {**empty, "any_term": False}  # no such organization
    results = search(
        SearchQuery(
            q=params.q.strip(),
            organization_ids=list(organization_ids),
            info_types=[str(t) for t in params.info_type],
            topic_ids=params.topic,
            date_from=params.published_from,
            date_to=params.published_to,
            validity=params.validity or "",
            sort=params.sort,
            page=params.page,
            per_page=params.page_size,
        )
    )
    # The engine loads the page's published items; load any it left out.
    missing = [hit.item_id for hit in results.hits if hit.item is None]
    loaded = published_items().in_bulk(missing) if missing else {}
    rows = []
    for hit in results.hits:
        item = hit.item or loaded.get(hit.item_id)
        if item is None:
            continue
        rows.append(
            {
                **_item(request, item),
                "score": hit.score,
                "exact": hit.exact,
                "title_html": hit.title_html,
                "snippet_html": hit.snippet_html,
            }
        )
    return {
        **empty,
        "count": results.total,
        "results": rows,
        "any_term": results.used_or_fallback,
    }


# ---------------------------------------------------------------- organizations


def _organization(request, org: Organization, visible_parent: bool) -> dict:
    return {
        **_org_ref(org),
        "short_name": org.short_name,
        "level": _choice(Level, org.level),
        "parent_id": org.parent_id if visible_parent else None,
        "url": _abs(request, "portal:organization", org.slug),
    }


def _public_organization(slug: str) -> Organization:
    try:
        return selectors.public_organization(slug)
    except Http404 as exc:
        raise HttpError(404, gettext("没有这个机构。")) from exc


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="机构网址标识")]


@api.get(
    "/organizations",
    response={200: list[OrganizationOut], **ERRORS},
    tags=["机构"],
    summary="机构列表",
)
def list_organizations(request):
    """全部机构（平铺），每个机构带上级机构编号 parent_id，可据此还原机构树。"""
    orgs = list(Organization.objects.filter(is_active=True).order_by("sort_order", "id"))
    active = {org.pk for org in orgs}
    return [_organization(request, org, org.parent_id in active) for org in orgs]


@api.get(
    "/organizations/{slug}",
    response={200: OrganizationDetailOut, **NOT_FOUND},
    tags=["机构"],
    summary="机构详情",
)
def get_organization(request, slug: Slug):
    """机构信息和政务公开工作机构的联系方式（公开指南），及其上下级机构。"""
    org = _public_organization(slug)
    parent = org.parent if org.parent and org.parent.is_active else None
    return {
        **_organization(request, org, parent is not None),
        "code": org.code,
        "parent": _org_ref(parent) if parent else None,
        "children": [_org_ref(child) for child in selectors.organization_children(org)],
        "office_name": org.office_name,
        "address": org.address,
        "postcode": org.postcode,
        "office_hours": org.office_hours,
        "phone": org.phone,
        "fax": org.fax,
        "email": org.email,
        "functions": org.functions,
        "catalog_url": _abs(request, "api:organization_catalog", org.slug),
    }


def _catalog_node(request, org: Organization, tree_node: TreeNode) -> dict:
    node = tree_node.node
    return {
        "id": node.pk,
        "name": node.name,
        "subject": node.subject,
        "content": node.content,
        "time_limit": node.time_limit,
        "method": node.method,
        "scope": node.scope,
        "update_frequency": _choice(UpdateFrequency, node.update_frequency),
        "item_count": tree_node.item_count,
        "url": _abs(request, "portal:catalog_node", org.slug, node.pk),
        "children": [_catalog_node(request, org, child) for child in tree_node.children],
    }


@api.get(
    "/organizations/{slug}/catalog",
    response={200: list[CatalogNodeOut], **NOT_FOUND},
    tags=["机构"],
    summary="机构的政府信息公开目录",
    url_name="organization_catalog",
)
def get_catalog(request, slug: Slug):
    """机构的主动公开目录（栏目树），每个栏目带直接归入的已发布信息数。按栏目筛选信息请用 /items?catalog_node=。"""
    org = _public_organization(slug)
    return [_catalog_node(request, org, root) for root in catalog_tree(org)]


# ---------------------------------------------------------------- interpretations


class InterpretationFilters(PageParams):
    organization: OrganizationParam = None


def _interpretation(request, interpretation: Interpretation) -> dict:
    return {
        "id": interpretation.pk,
        "title": interpretation.title,
        "form": _choice(Form, interpretation.form),
        "organization": _org_ref(interpretation.organization),
        "published_at": _local(interpretation.published_at),
        "url": _abs(request, "portal:interpretation", interpretation.pk),
    }


@api.get(
    "/interpretations",
    response={200: Page[InterpretationOut], **ERRORS},
    tags=["政策解读"],
    summary="政策解读列表",
)
def list_interpretations(request, filters: Query[InterpretationFilters]):
    """已发布的政策解读，按发布日期从新到旧；可按解读机构筛选。"""
    interpretations = selectors.published_interpretations()
    if filters.organization:
        interpretations = interpretations.filter(
            organization__in=_organization_ids(filters.organization)
        )
    return _page(
        interpretations, filters.page, filters.page_size, lambda i: _interpretation(request, i)
    )


@api.get(
    "/interpretations/{interpretation_id}",
    response={200: InterpretationDetailOut, **NOT_FOUND},
    tags=["政策解读"],
    summary="政策解读详情",
)
def get_interpretation(request, interpretation_id: Id):
    """一篇已发布的政策解读及其解读的政策文件。"""
    try:
        interpretation = selectors.public_interpretation(interpretation_id)
    except Http404 as exc:
        raise HttpError(404, gettext("没有这篇政策解读，或尚未公开。")) from exc
    media_url = interpretation.media_url
    return {
        **_interpretation(request, interpretation),
        "interpreter": interpretation.interpreter,
        "body": interpretation.body,
        # The stored link is not validated on every path in; never hand out another scheme.
        "media_url": media_url if media_url.startswith(("https://", "http://")) else "",
        "policies": [
            {
                "id": policy.pk,
                "title": policy.title,
                "document_number": policy.document_number,
                "withdrawn": policy.status == Status.WITHDRAWN,
                "url": _abs(request, "portal:item", policy.pk),
            }
            for policy in interpretation.public_policies
        ],
    }
