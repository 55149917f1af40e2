"""The open API's 公众参与 endpoints, registered on ``gongkai.portal.api.api`` (see api_urls):
published consultations with their drafts and reviewed comments, feedback reports, the
catalog of major decisions, and announced meetings with their published outcomes (议定事项). Conventions (pagination, errors, Chinese messages) are the portal
API's. Nothing personal goes out: a comment's author is what the page shows ("匿名网友" unless
the writer chose to sign); never a phone, e-mail, address or network address. Of a meeting, the
invitees go out as the page shows them (counts by category; names of experts, the media and
those who agreed), and of the applications to attend only the number approved.
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
from .choices import (
    Adoption,
    AttendeeCategory,
    ChangeKind,
    Channel,
    ConsultationState,
    DecisionStatus,
    MeetingKind,
    MeetingOpenness,
    MeetingStatus,
    OpenMode,
)
from .meetings import Window, attendance_window
from .models import Consultation, Decision, Meeting

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


# ---------------------------------------------------------------- 会议公开


MeetingStatusParam = Literal["announced", "held", "reported"]
MeetingKindParam = Literal["executive", "topical", "hearing", "symposium", "other"]


class MeetingOut(Schema):
    id: int
    title: str
    organization: OrganizationRef = Field(description="召开单位")
    kind: Choice = Field(description="会议类型")
    held_at: datetime = Field(description="召开时间")
    location: str = Field(description="会议地点")
    openness: Choice = Field(description="公开、部分公开或不公开")
    open_modes: list[Choice] = Field(description="公开形式：列席、网络直播、图文直播")
    status: Choice = Field(description="已公告、已召开或结果已公布")
    announced_at: datetime | None = Field(description="公告时间")
    reported_at: datetime | None = Field(description="议定事项首次公布时间")
    url: str = Field(description="门户网站上的会议页面")


class AgendaItemOut(Schema):
    order: int
    public: bool = Field(description="是否公开；不公开的议题不给出名称和说明")
    title: str
    description: str
    decision_id: int | None = Field(description="关联的重大行政决策事项编号")
    consultation_id: int | None = Field(description="关联的意见征集编号")


class NamedInviteeOut(Schema):
    name: str = Field(description="姓名或单位")
    note: str = Field(description="身份说明")


class InviteeGroupOut(Schema):
    category: Choice = Field(description="利益相关方、公众代表、专家或媒体")
    count: int = Field(description="邀请人数")
    named: list[NamedInviteeOut] = Field(
        description="公开姓名的人员：专家和媒体，以及同意公开姓名的利益相关方和公众代表"
    )


class AttendanceOut(Schema):
    offered: bool = Field(description="是否接受公众报名列席")
    capacity: int = Field(description="公众列席名额")
    approved: int = Field(description="已同意列席的人数")
    closes_at: datetime | None = Field(description="报名截止时间")
    open: bool = Field(description="目前可以报名")


class RelatedItemOut(Schema):
    id: int
    title: str
    url: str


class OutcomeOut(Schema):
    order: int
    text: str = Field(description="议定事项")
    published_at: datetime
    items: list[RelatedItemOut] = Field(description="相关的已公开信息")


class MeetingDetailOut(MeetingOut):
    description: str = Field(description="会议说明")
    closed_reason: str = Field(description="不公开或部分公开的理由")
    live_url: str = Field(description="网络直播网址")
    change_note: str = Field(description="公告后的变更说明")
    attendance: AttendanceOut
    agenda: list[AgendaItemOut]
    invitees: list[InviteeGroupOut]
    outcomes: list[OutcomeOut] = Field(description="已公布的议定事项")


class MeetingOutcomesOut(Schema):
    meeting: MeetingOut
    outcomes: list[OutcomeOut]


class MeetingFilters(PageParams):
    status: MeetingStatusParam | None = Field(
        None, description="announced 已公告；held 已召开；reported 结果已公布"
    )
    kind: MeetingKindParam | None = Field(
        None,
        description="executive 常务会议；topical 专题会议；hearing 听证会；symposium 座谈会；other 其他",
    )
    organization: OrganizationParam = None


def _meeting(request, meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "organization": _org_ref(meeting.organization),
        "kind": _choice(MeetingKind, meeting.kind),
        "held_at": _local(meeting.held_at),
        "location": meeting.location,
        "openness": _choice(MeetingOpenness, meeting.openness),
        "open_modes": [
            _choice(OpenMode, mode) for mode in OpenMode.values if mode in meeting.open_modes
        ],
        "status": _choice(MeetingStatus, meeting.status),
        "announced_at": _local(meeting.announced_at),
        "reported_at": _local(meeting.reported_at),
        "url": _abs(request, "participation:meeting", meeting.pk),
    }


def _outcomes(request, meeting: Meeting) -> list[dict]:
    return [
        {
            "order": outcome.order,
            "text": outcome.text,
            "published_at": _local(outcome.published_at),
            "items": [
                {"id": item.pk, "title": item.title, "url": _abs(request, "portal:item", item.pk)}
                for item in outcome.public_items
            ],
        }
        for outcome in meeting.published_outcomes
    ]


def _public_meeting(meeting_id: int) -> Meeting:
    try:
        return selectors.public_meeting(meeting_id)
    except Meeting.DoesNotExist as exc:
        raise HttpError(404, gettext("没有这场会议，或尚未公告。")) from exc


@router.get(
    "/meetings",
    response={200: Page[MeetingOut], **ERRORS},
    summary="会议公开列表",
)
def list_meetings(request, filters: Query[MeetingFilters]):
    """已公告的政府会议，按召开时间从新到旧；可按状态、会议类型和召开单位筛选。"""
    meetings = selectors.public_meetings().order_by("-held_at", "-id")
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.organization:
        meetings = meetings.filter(organization__in=_organization_ids(filters.organization))
    return _page(meetings, filters.page, filters.page_size, lambda m: _meeting(request, m))


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **NOT_FOUND},
    summary="会议详情",
)
def get_meeting(request, meeting_id: Id):
    """会议议题、公开方式、邀请参会人员（按类别）、公众列席安排和已公布的议定事项。不含申请人的任何信息。"""
    meeting = _public_meeting(meeting_id)
    now = timezone.now()
    offered = meeting.offers_attendance
    return {
        **_meeting(request, meeting),
        "description": meeting.description,
        "closed_reason": meeting.closed_reason,
        "live_url": meeting.live_url,
        "change_note": meeting.change_note,
        "attendance": {
            "offered": offered,
            "capacity": meeting.capacity if offered else 0,
            "approved": meeting.approved,
            "closes_at": _local(meeting.application_closes_at) if offered else None,
            "open": attendance_window(meeting, now, approved=meeting.approved) == Window.OPEN,
        },
        "agenda": [
            {
                "order": item.order,
                "public": item.is_public,
                "title": item.title if item.is_public else "",
                "description": item.description if item.is_public else "",
                "decision_id": item.decision_id if item.is_public else None,
                "consultation_id": item.consultation_id if item.is_public else None,
            }
            for item in meeting.items.all()
        ],
        "invitees": [
            {
                "category": _choice(AttendeeCategory, group.category),
                "count": group.count,
                "named": [{"name": i.name, "note": i.note} for i in group.named],
            }
            for group in selectors.invitee_groups(meeting.invitees.all())
        ],
        "outcomes": _outcomes(request, meeting),
    }


@router.get(
    "/meetings/{meeting_id}/outcomes",
    response={200: MeetingOutcomesOut, **NOT_FOUND},
    summary="会议议定事项",
    url_name="meeting_outcomes",
)
def get_meeting_outcomes(request, meeting_id: Id):
    """会后公布的议定事项，以及相关的已公开信息。"""
    meeting = _public_meeting(meeting_id)
    if not meeting.published_outcomes:
        raise HttpError(404, gettext("该会议尚未公布议定事项。"))
    return {"meeting": _meeting(request, meeting), "outcomes": _outcomes(request, meeting)}
