"""The open API's 公众参与 endpoints, registered on ``gongkai.portal.api.api`` (see api_urls):
published consultations with their drafts and reviewed comments, feedback reports, and the
catalog of major decisions. Conventions (pagination, errors, Chinese messages) are the portal
API's. Nothing personal goes out: a comment's author is what the page shows ("匿名网友" unless
the writer chose to sign); never a phone, e-mail, address or network address.
"""

from datetime import date, datetime
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from gongkai.core.timeutil import local_date
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
from .choices import Adoption, ChangeKind, Channel, ConsultationState, DecisionStatus
from .models import Consultation, Decision

router = Router(tags=["公众参与"])

StateParam = Literal["open", "upcoming", "closed", "reported"]


# ---------------------------------------------------------------- schemas


class ConsultationOut(Schema):
    id: int
    title: str
    organization: OrganizationRef
    major_decision: bool = Field(description="是否为重大行政决策草案")
    decision_id: int | None = Field(description="重大行政决策目录事项编号")
    opens_on: date
    closes_on: date
    state: Choice = Field(description="征求意见中、即将开始、已结束或已反馈")
    comment_count: int = Field(description="审核后公开的意见数")
    published_at: datetime
    has_report: bool = Field(description="已发布意见采纳情况反馈")
    url: str = Field(description="门户网站上的征求意见页面")


class ArticleOut(Schema):
    heading: str = Field(description="条文序号，如“第三条”；按段落拆分时为“第3段”；序言为空")
    chapter: str = Field(description="所在章节")
    text: str
    anchor: str = Field(description="页面锚点")


class ChannelOut(Schema):
    kind: Choice
    details: str


class CommentOut(Schema):
    receipt_number: str = Field(description="回执编号")
    article: str = Field(description="针对的条文；总体意见为空")
    author: str = Field(description="公开署名，未署名的为“匿名网友”")
    body: str = Field(description="意见内容（纯文本）")
    submitted_on: date


class ConsultationDetailOut(ConsultationOut):
    basis: str = Field(description="起草依据")
    explanation: str = Field(description="起草说明")
    short_period_reason: str = Field(description="征求意见期限较短的说明")
    close_reason: str = Field(description="提前结束的理由")
    articles: list[ArticleOut]
    channels: list[ChannelOut]
    comments: list[CommentOut] = Field(description="审核后公开的意见")
    report_url: str | None = Field(description="意见采纳情况反馈（开放接口）")


class ChannelCount(Schema):
    kind: str
    label: str
    count: int


class OnlineCounts(Schema):
    received: int = Field(description="网上收到的意见")
    published: int = Field(description="审核后公开的")
    rejected: int = Field(description="不予公开的")


class AdoptionCount(Schema):
    code: str
    label: str
    count: int


class GroupOut(Schema):
    summary: str = Field(description="意见概述")
    articles: list[str] = Field(description="涉及的条文")
    size: int = Field(description="同类意见条数（含线下）")
    concentrated: bool = Field(description="集中意见")
    adoption: Choice
    reason: str


class IndividualOut(Schema):
    receipt_number: str
    article: str
    body: str
    adoption: Choice
    reason: str


class ReportOut(Schema):
    consultation: ConsultationOut
    published_at: datetime
    summary: str = Field(description="总体说明")
    total: int = Field(description="收到的意见总数")
    channels: list[ChannelCount] = Field(description="按渠道统计")
    online: OnlineCounts
    adoption: list[AdoptionCount] = Field(description="按条统计的采纳情况")
    concentrated_threshold: int = Field(description="集中意见的认定条数")
    concentrated_not_adopted: list[GroupOut] = Field(
        description="未予采纳（含部分采纳）的集中意见及理由"
    )
    groups: list[GroupOut] = Field(description="同类意见的处理情况")
    individual: list[IndividualOut] = Field(description="逐条反馈")
    url: str = Field(description="门户网站上的反馈页面")


class ChangeOut(Schema):
    kind: Choice
    at: datetime
    summary: str
    reason: str


class DecisionOut(Schema):
    id: int
    year: int
    title: str
    organization: OrganizationRef = Field(description="承办单位")
    basis: str = Field(description="决策依据")
    planned_time: str = Field(description="计划完成时间")
    status: Choice = Field(description="进展")
    decided_on: date | None
    removed: bool = Field(description="已调出目录")
    consultation_ids: list[int] = Field(description="公开征求意见（意见征集编号）")
    decision_item_url: str | None = Field(description="已公开的决策文件")
    history: list[ChangeOut] = Field(description="目录调整和进展记录")
    url: str


# ---------------------------------------------------------------- builders


def _consultation(request, consultation: Consultation, today: date) -> dict:
    return {
        "id": consultation.pk,
        "title": consultation.title,
        "organization": _org_ref(consultation.organization),
        "major_decision": consultation.is_major_decision,
        "decision_id": consultation.decision_id,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "state": _choice(ConsultationState, consultation.state(today)),
        "comment_count": _comment_count(consultation),
        "published_at": _local(consultation.published_at),
        "has_report": consultation.has_report(),
        "url": _abs(request, "participation:consultation", consultation.pk),
    }


def _comment_count(consultation: Consultation) -> int:
    annotated = getattr(consultation, "published_comments", None)
    return annotated if annotated is not None else selectors.public_comments(consultation).count()


def _group(row: dict) -> dict:
    return {
        "summary": row["summary"],
        "articles": row["articles"],
        "size": row["size"],
        "concentrated": row["concentrated"],
        "adoption": _choice(Adoption, row["adoption"]) or {"code": "", "label": ""},
        "reason": row["reason"],
    }


def _today() -> date:
    return local_date(timezone.now())


def _public(consultation_id: int) -> Consultation:
    try:
        return selectors.public_consultation(consultation_id)
    except Consultation.DoesNotExist as exc:
        raise HttpError(404, gettext("没有这项意见征集，或尚未公开。")) from exc


# ---------------------------------------------------------------- endpoints


class ConsultationFilters(PageParams):
    state: StateParam | None = Field(
        None, description="open 征求意见中；upcoming 即将开始；closed 已结束待反馈；reported 已反馈"
    )
    organization: OrganizationParam = None


@router.get(
    "/consultations",
    response={200: Page[ConsultationOut], **ERRORS},
    summary="意见征集列表",
)
def list_consultations(request, filters: Query[ConsultationFilters]):
    """已发布的意见征集，按发布时间从新到旧；可按状态和征集单位筛选。"""
    today = _today()
    consultations = (
        selectors.consultations_in(filters.state, today)
        if filters.state
        else selectors.published_consultations()
    )
    if filters.organization:
        consultations = consultations.filter(
            organization__in=_organization_ids(filters.organization)
        )
    return _page(
        consultations,
        filters.page,
        filters.page_size,
        lambda c: _consultation(request, c, today),
    )


@router.get(
    "/consultations/{consultation_id}",
    response={200: ConsultationDetailOut, **NOT_FOUND},
    summary="意见征集详情",
)
def get_consultation(request, consultation_id: Id):
    """征求意见稿（按条文拆分）、起草依据和说明、征集渠道，以及审核后公开的意见（不含个人信息）。"""
    consultation = _public(consultation_id)
    today = _today()
    return {
        **_consultation(request, consultation, today),
        "basis": consultation.basis,
        "explanation": consultation.explanation,
        "short_period_reason": consultation.short_period_reason,
        "close_reason": consultation.close_reason,
        "articles": [
            {"heading": a.heading, "chapter": a.chapter, "text": a.text, "anchor": a.anchor}
            for a in consultation.articles.all()
        ],
        "channels": [
            {"kind": _choice(Channel, c.kind), "details": c.details}
            for c in consultation.channels.all()
        ],
        "comments": [
            {
                "receipt_number": c.receipt_number,
                "article": c.article.heading if c.article else "",
                "author": c.public_author,
                "body": c.body,
                "submitted_on": local_date(c.submitted_at),
            }
            for c in selectors.public_comments(consultation)
        ],
        "report_url": _abs(request, "api:consultation_report", consultation.pk)
        if consultation.has_report()
        else None,
    }


@router.get(
    "/consultations/{consultation_id}/report",
    response={200: ReportOut, **NOT_FOUND},
    summary="意见采纳情况反馈",
    url_name="consultation_report",
)
def get_report(request, consultation_id: Id):
    """意见征集结束后发布的采纳情况反馈：按渠道统计、采纳情况、未予采纳的集中意见及理由。"""
    consultation = _public(consultation_id)
    if not consultation.has_report():
        raise HttpError(404, gettext("该意见征集尚未发布意见采纳情况反馈。"))
    report = consultation.report
    data = report.data
    return {
        "consultation": _consultation(request, consultation, _today()),
        "published_at": _local(report.published_at),
        "summary": report.summary,
        "total": data["total"],
        "channels": data["channels"],
        "online": data["online"],
        "adoption": data["adoption"],
        "concentrated_threshold": data["threshold"],
        "concentrated_not_adopted": [_group(g) for g in data["concentrated_not_adopted"]],
        "groups": [_group(g) for g in data["groups"]],
        "individual": [
            {
                "receipt_number": row["receipt_number"],
                "article": row["article"],
                "body": row["body"],
                "adoption": _choice(Adoption, row["adoption"]),
                "reason": row["reason"],
            }
            for row in data["individual"]
        ],
        "url": _abs(request, "participation:report", consultation.pk),
    }


class DecisionFilters(PageParams):
    year: int | None = Field(None, ge=2000, le=2100, description="目录年度")
    organization: OrganizationParam = None


def _decision(request, decision: Decision) -> dict:
    item = selectors.public_decision_item(decision)
    return {
        "id": decision.pk,
        "year": decision.year,
        "title": decision.title,
        "organization": _org_ref(decision.organization),
        "basis": decision.basis,
        "planned_time": decision.planned_time,
        "status": _choice(DecisionStatus, decision.status),
        "decided_on": decision.decided_on,
        "removed": decision.is_removed,
        "consultation_ids": [c.pk for c in decision.public_consultations],
        "decision_item_url": _abs(request, "portal:item", item.pk) if item else None,
        "history": [
            {
                "kind": _choice(ChangeKind, change.kind),
                "at": _local(change.at),
                "summary": change.summary,
                "reason": change.reason,
            }
            for change in decision.changes.all()
        ],
        "url": _abs(request, "participation:decision", decision.pk),
    }


@router.get(
    "/decisions",
    response={200: Page[DecisionOut], **ERRORS},
    summary="重大行政决策目录",
)
def list_decisions(request, filters: Query[DecisionFilters]):
    """各单位年度重大行政决策事项，含进展、关联的意见征集和目录调整记录；可按年度和承办单位筛选。"""
    decisions = selectors.public_decisions()
    if filters.year:
        decisions = decisions.filter(year=filters.year)
    if filters.organization:
        decisions = decisions.filter(organization__in=_organization_ids(filters.organization))
    return _page(decisions, filters.page, filters.page_size, lambda d: _decision(request, d))
