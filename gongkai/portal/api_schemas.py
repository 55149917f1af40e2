"""What the open API returns. Every field is listed here on purpose: nothing reaches the public
because a model happens to have it (no drafters, reviewers, attribute grounds or internal events).
"""

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


class Choice(Schema):
    """A coded value with its Chinese label, e.g. ``{"code": "normative", "label": "行政规范性文件"}``."""

    code: str
    label: str


class ErrorBody(Schema):
    code: str = Field(
        description="not_found、gone、validation_error、method_not_allowed 或 server_error"
    )
    message: str = Field(description="中文说明")
    details: list[dict[str, Any]] = Field(
        default_factory=list,
        description="补充信息：参数错误时为出错的参数（loc、type、msg），撤回时为撤回日期和原因",
    )


class ErrorOut(Schema):
    error: ErrorBody


class Page(Schema, Generic[T]):
    count: int = Field(description="符合条件的总数")
    page: int = Field(description="当前页码，从 1 开始")
    page_size: int = Field(description="每页条数")
    results: list[T]


# ---------------------------------------------------------------- organizations


class OrganizationRef(Schema):
    id: int
    slug: str
    name: str


class OrganizationOut(OrganizationRef):
    short_name: str
    level: Choice
    parent_id: int | None = Field(description="上级机构（未公开的上级机构记为空）")
    url: str = Field(description="门户网站上的机构页面")


class OrganizationDetailOut(OrganizationOut):
    code: str = Field(description="统一社会信用代码或组织机构代码")
    parent: OrganizationRef | None
    children: list[OrganizationRef]
    office_name: str = Field(description="政务公开工作机构")
    address: str
    postcode: str
    office_hours: str
    phone: str
    fax: str
    email: str
    functions: str = Field(description="机构职能")
    catalog_url: str = Field(description="本机构公开目录（开放接口）")


class CatalogNodeOut(Schema):
    id: int
    name: str
    subject: str = Field(description="公开主体")
    content: str = Field(description="公开内容")
    time_limit: str = Field(description="公开时限")
    method: str = Field(description="公开方式")
    scope: str = Field(description="公开范围")
    update_frequency: Choice
    item_count: int = Field(description="直接归入本栏目的已发布信息数")
    url: str = Field(description="门户网站上的栏目页面")
    children: list["CatalogNodeOut"]


CatalogNodeOut.model_rebuild()


# ---------------------------------------------------------------- items


class TopicOut(Schema):
    id: int
    name: str
    parent: "TopicOut | None" = None


TopicOut.model_rebuild()


class ItemOut(Schema):
    id: int
    index_number: str = Field(description="索引号")
    title: str
    document_number: str = Field(description="文号")
    organization: OrganizationRef
    info_type: Choice
    written_on: date = Field(description="成文日期")
    published_at: datetime = Field(description="发布日期（北京时间）")
    validity: Choice | None = Field(description="有效性（政策文件）")
    url: str = Field(description="门户网站上的信息页面（规范网址）")


class AttachmentOut(Schema):
    id: int
    title: str
    url: str = Field(description="下载地址")
    size: int = Field(description="字节数")
    type: str = Field(description="文件类型（扩展名）")
    alt_text: str = Field(description="图片的替代文字")


class InterpretationRef(Schema):
    id: int
    title: str
    form: Choice
    url: str


class HistoryEntry(Schema):
    action: Choice = Field(description="发布、更正、撤回或废止")
    at: datetime
    reason: str


class RelatedItem(Schema):
    id: int
    title: str
    document_number: str
    relation: str = Field(description="与本信息的关系，如“本文件修改了”")
    url: str


class CatalogNodeRef(Schema):
    id: int
    name: str


class ItemDetailOut(ItemOut):
    co_issuers: list[OrganizationRef] = Field(description="联合发文机关")
    topic: TopicOut | None = Field(description="主题分类")
    five_public: Choice | None = Field(description="五公开类别")
    effective_on: date | None = Field(description="施行日期")
    expires_on: date | None = Field(description="失效日期：有效期的最后一天")
    abolished_on: date | None = Field(
        description="废止日期：自该日起不再有效；晚于今天的，为已决定在该日废止、目前仍然有效"
    )
    keywords: list[str] = Field(description="主题词")
    summary: str = Field(description="内容概述")
    body: str = Field(description="正文（已净化的 HTML）")
    catalog_nodes: list[CatalogNodeRef] = Field(description="所属目录栏目")
    attachments: list[AttachmentOut]
    interpretations: list[InterpretationRef] = Field(description="政策解读")
    related: list[RelatedItem] = Field(description="相关信息")
    history: list[HistoryEntry] = Field(description="公开记录：发布、更正、撤回、废止")


class SearchHitOut(ItemOut):
    score: float = Field(description="相关度（按日期排序或精确命中时为 0）")
    exact: bool = Field(description="检索词正是本信息的文号或索引号")
    title_html: str = Field(description="标题，命中词以 <mark> 标出")
    snippet_html: str = Field(description="摘要，命中词以 <mark> 标出")


class SearchPage(Page[SearchHitOut]):
    any_term: bool = Field(description="没有同时包含全部检索词的信息，结果为包含其中任一词的信息")


# ---------------------------------------------------------------- interpretations


class InterpretationOut(Schema):
    id: int
    title: str
    form: Choice = Field(description="解读形式")
    organization: OrganizationRef
    published_at: datetime
    url: str = Field(description="门户网站上的解读页面")


class PolicyRef(Schema):
    id: int
    title: str
    document_number: str
    withdrawn: bool = Field(description="该政策文件已撤回")
    url: str


class InterpretationDetailOut(InterpretationOut):
    interpreter: str = Field(description="解读人（负责人解读时为姓名和职务）")
    body: str = Field(description="正文（已净化的 HTML）")
    media_url: str = Field(description="图解或音视频链接")
    policies: list[PolicyRef] = Field(description="解读的政策文件")
