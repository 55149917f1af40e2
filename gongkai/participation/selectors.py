"""Reads of 公众参与 for the portal, the workbench, feeds and the API."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from gongkai.orgs.models import Role
from gongkai.orgs.permissions import is_openness_staff, is_platform_admin, org_ids_with_role
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.workdays import WorkDate, add_working_days

from .choices import (
    OFFLINE_CHANNELS,
    PUBLIC_MEETING_STATUSES,
    REASON_REQUIRED,
    Adoption,
    ApplicationStatus,
    AttendeeCategory,
    Channel,
    CommentStatus,
    ConsultationState,
    MeetingStatus,
)
from .models import (
    AttendanceApplication,
    Comment,
    Consultation,
    Decision,
    DecisionChange,
    DraftArticle,
    FeedbackReport,
    Meeting,
    MeetingInvitee,
    MeetingItem,
    MeetingOutcome,
    OpinionGroup,
    ParticipationSettings,
)

# ---------------------------------------------------------------- public


def public_decisions() -> QuerySet[Decision]:
    """The catalog as the portal shows it, with history, consultations and reports."""
    return (
        Decision.objects.filter(organization__is_active=True)
        .select_related("organization", "decision_item")
        .prefetch_related(
            Prefetch("changes", queryset=DecisionChange.objects.order_by("at", "id")),
            Prefetch(
                "consultations",
                queryset=Consultation.objects.filter(published_at__isnull=False)
                .select_related("report")
                .order_by("opens_on", "id"),
                to_attr="public_consultations",
            ),
        )
    )


def decision_years() -> list[int]:
    return sorted(
        set(Decision.objects.filter(organization__is_active=True).values_list("year", flat=True)),
        reverse=True,
    )


def public_decision_item(decision: Decision):
    """The decision's document, if it is (still) published."""
    item = decision.decision_item
    return item if item is not None and item.status == ItemStatus.PUBLISHED else None


def published_consultations() -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(published_at__isnull=False, organization__is_active=True)
        .select_related("organization", "decision", "report")
        .annotate(
            published_comments=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED))
        )
        .order_by("-published_at", "-id")
    )


def open_filter(today: date) -> Q:
    return Q(opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True, report__isnull=True)


def closed_filter(today: date) -> Q:
    """Closed, with no report yet."""
    return (Q(closes_on__lt=today) | Q(closed_at__isnull=False)) & Q(report__isnull=True)


def consultations_in(state: str, today: date) -> QuerySet[Consultation]:
    consultations = published_consultations()
    if state == ConsultationState.OPEN:
        return consultations.filter(open_filter(today)).order_by("closes_on", "id")
    if state == ConsultationState.UPCOMING:
        return consultations.filter(opens_on__gt=today, closed_at__isnull=True)
    if state == ConsultationState.CLOSED:
        return consultations.filter(closed_filter(today))
    if state == ConsultationState.REPORTED:
        return consultations.filter(report__isnull=False).order_by("-report__published_at", "-id")
    return consultations


def public_consultation(pk: int) -> Consultation:
    """A published consultation with its draft and channels; DoesNotExist otherwise."""
    return (
        Consultation.objects.filter(published_at__isnull=False, organization__is_active=True)
        .select_related("organization", "decision", "report")
        .prefetch_related("articles", "channels")
        .get(pk=pk)
    )


def public_comments(consultation: Consultation) -> QuerySet[Comment]:
    return (
        consultation.comments.filter(status=CommentStatus.PUBLISHED)
        .select_related("article")
        .order_by("moderated_at", "id")
    )


def recent_reports(limit: int = 5) -> QuerySet[FeedbackReport]:
    return (
        FeedbackReport.objects.filter(consultation__organization__is_active=True)
        .select_related("consultation__organization")
        .order_by("-published_at", "-id")[:limit]
    )


def commentable_articles(consultation: Consultation) -> list[DraftArticle]:
    return [a for a in consultation.articles.all() if a.is_commentable]


# ---------------------------------------------------------------- the feedback report


def _group_rows(consultation: Consultation, threshold: int) -> list[dict]:
    groups = OpinionGroup.objects.filter(consultation=consultation).annotate(
        online=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED))
    )
    articles: dict[int, list[str]] = {}
    for group_id, heading in (
        consultation.comments.filter(group__isnull=False, status=CommentStatus.PUBLISHED)
        .exclude(article=None)
        .values_list("group_id", "article__heading")
        .order_by("article__position")
        .distinct()
    ):
        articles.setdefault(group_id, []).append(heading)
    rows = []
    for group in groups:
        size = group.online + group.offline_count
        rows.append(
            {
                "id": group.pk,
                "summary": group.summary,
                "articles": articles.get(group.pk, []),
                "online_count": group.online,
                "offline_count": group.offline_count,
                "size": size,
                "concentrated": size >= threshold or group.marked_concentrated,
                "adoption": group.adoption,
                "adoption_label": str(Adoption(group.adoption).label) if group.adoption else "",
                "reason": group.reason,
            }
        )
    return rows


def report_data(consultation: Consultation, config: ParticipationSettings | None = None) -> dict:
    """The feedback report's content, from the current marks; frozen into ``FeedbackReport.data``
    when published. No personal data: no names, contacts or addresses."""
    config = config or ParticipationSettings.load()
    threshold = config.concentrated_threshold
    comments = list(
        consultation.comments.select_related("article", "group").order_by("submitted_at", "id")
    )
    statuses = Counter(c.status for c in comments)
    channels = {c.kind: c for c in consultation.channels.all()}
    channel_rows = [
        {"kind": Channel.ONLINE.value, "label": str(Channel.ONLINE.label), "count": len(comments)}
    ]
    for kind in OFFLINE_CHANNELS:
        if kind in channels:
            channel_rows.append(
                {
                    "kind": kind.value,
                    "label": str(kind.label),
                    "count": channels[kind].received_count,
                }
            )
    groups = _group_rows(consultation, threshold)
    adoption = Counter()
    individual = []
    for comment in comments:
        if comment.status != CommentStatus.PUBLISHED:
            continue
        mark = comment.group.adoption if comment.group_id else comment.adoption
        if mark:
            adoption[mark] += 1
        if not comment.group_id and comment.adoption:
            individual.append(
                {
                    "comment_id": comment.pk,
                    "receipt_number": comment.receipt_number,
                    "article": comment.article.heading if comment.article else "",
                    "body": comment.body,
                    "adoption": comment.adoption,
                    "adoption_label": str(Adoption(comment.adoption).label),
                    "reason": comment.adoption_reason,
                }
            )
    for group in groups:
        if group["adoption"]:
            adoption[group["adoption"]] += group["offline_count"]
    return {
        "threshold": threshold,
        "opens_on": consultation.opens_on.isoformat(),
        "closed_on": consultation.closed_on().isoformat(),
        "channels": channel_rows,
        "total": sum(row["count"] for row in channel_rows),
        "online": {
            "received": len(comments),
            "published": statuses[CommentStatus.PUBLISHED],
            "rejected": statuses[CommentStatus.REJECTED],
        },
        "adoption": [
            {"code": a.value, "label": str(a.label), "count": adoption[a.value]} for a in Adoption
        ],
        "marked": sum(adoption.values()),
        "groups": groups,
        "concentrated_not_adopted": [
            g for g in groups if g["concentrated"] and g["adoption"] in REASON_REQUIRED
        ],
        "individual": individual,
    }


# ---------------------------------------------------------------- the workbench


def office_org_ids(user) -> set[int] | None:
    """Organizations whose consultations and catalog the user handles; None: all of them."""
    if is_platform_admin(user):
        return None
    return org_ids_with_role(user, Role.OPENNESS_OFFICE)


def _scoped(queryset: QuerySet, user, field: str = "organization") -> QuerySet:
    ids = office_org_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def staff_consultations(user) -> QuerySet[Consultation]:
    return (
        _scoped(Consultation.objects.all(), user)
        .select_related("organization", "decision", "report")
        .annotate(
            pending_comments=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
            comment_total=Count("comments"),
        )
        .order_by("-created_at", "-id")
    )


def staff_decisions(user) -> QuerySet[Decision]:
    return (
        _scoped(Decision.objects.all(), user)
        .select_related("organization")
        .order_by("-year", "organization__sort_order", "id")
    )


def moderation_queue(user) -> QuerySet[Comment]:
    """Pending comments, flagged ones first, oldest first."""
    return (
        _scoped(
            Comment.objects.filter(status=CommentStatus.PENDING), user, "consultation__organization"
        )
        .select_related("consultation", "article")
        .order_by("submitted_at", "id")
    )


def report_due_on(
    consultation: Consultation, config: ParticipationSettings | None = None
) -> WorkDate:
    """The day the feedback report is due: N working days after the last day of comment."""
    config = config or ParticipationSettings.load()
    return add_working_days(consultation.closed_on(), config.report_due_working_days)


@dataclass
class StaffRow:
    consultation: Consultation
    state: str
    warning: str | None
    due_on: WorkDate | None
    overdue: bool

    @property
    def state_label(self) -> str:
        return ConsultationState(self.state).label


def staff_row(
    consultation: Consultation, today: date, config: ParticipationSettings | None = None
) -> StaffRow:
    from .services import period_warning

    config = config or ParticipationSettings.load()
    state = consultation.state(today)
    due = report_due_on(consultation, config) if state == ConsultationState.CLOSED else None
    return StaffRow(
        consultation=consultation,
        state=state,
        warning=period_warning(
            major=consultation.is_major_decision,
            opens_on=consultation.opens_on,
            closes_on=consultation.closes_on,
            config=config,
        ),
        due_on=due,
        overdue=due is not None and today > due,
    )


def is_report_overdue(consultation: Consultation, today: date) -> bool:
    return staff_row(consultation, today).overdue


@dataclass(frozen=True)
class WorkbenchCounts:
    pending_comments: int
    overdue_reports: int
    pending_attendance: int


def workbench_counts(user, today: date) -> WorkbenchCounts | None:
    """What waits for the user's openness office on the to-do page; None without the role."""
    if not is_openness_staff(user):
        return None
    config = ParticipationSettings.load()
    closed = staff_consultations(user).filter(closed_filter(today))
    attendance = _scoped(
        AttendanceApplication.objects.filter(
            status=ApplicationStatus.PENDING, meeting__status=MeetingStatus.ANNOUNCED
        ),
        user,
        "meeting__organization",
    )
    return WorkbenchCounts(
        pending_comments=moderation_queue(user).count(),
        overdue_reports=sum(staff_row(c, today, config).overdue for c in closed),
        pending_attendance=attendance.count(),
    )


# ---------------------------------------------------------------- 会议公开


class MeetingTab:
    UPCOMING = "upcoming"  # announced, not held yet
    PAST = "past"  # its time has come
    REPORTED = "reported"  # 议定事项 published
    ALL = "all"


def public_meetings() -> QuerySet[Meeting]:
    """Announced meetings (and those held since) of active organizations."""
    return Meeting.objects.filter(
        status__in=PUBLIC_MEETING_STATUSES, organization__is_active=True
    ).select_related("organization")


def meetings_in(tab: str, now: datetime) -> QuerySet[Meeting]:
    meetings = public_meetings()
    if tab == MeetingTab.UPCOMING:
        return meetings.filter(status=MeetingStatus.ANNOUNCED, held_at__gte=now).order_by(
            "held_at", "id"
        )
    if tab == MeetingTab.PAST:
        return meetings.filter(Q(held_at__lt=now) | ~Q(status=MeetingStatus.ANNOUNCED)).order_by(
            "-held_at", "-id"
        )
    if tab == MeetingTab.REPORTED:
        return meetings.filter(status=MeetingStatus.REPORTED).order_by("-reported_at", "-id")
    return meetings.order_by("-held_at", "-id")


def _public_items_prefetch() -> Prefetch:
    from gongkai.publishing.models import Item

    return Prefetch(
        "items",
        queryset=Item.objects.filter(status=ItemStatus.PUBLISHED).only("id", "title", "status"),
        to_attr="public_items",
    )


def published_outcomes_prefetch() -> Prefetch:
    return Prefetch(
        "outcomes",
        queryset=MeetingOutcome.objects.filter(published_at__isnull=False)
        .prefetch_related(_public_items_prefetch())
        .order_by("order", "id"),
        to_attr="published_outcomes",
    )


def public_meeting(pk: int) -> Meeting:
    """An announced meeting with its agenda, invitees and published outcomes; DoesNotExist
    otherwise. Applicants are not loaded: only ``approved_count`` is public."""
    return (
        public_meetings()
        .prefetch_related(
            Prefetch(
                "items",
                queryset=MeetingItem.objects.select_related("decision", "consultation").order_by(
                    "order", "id"
                ),
            ),
            "invitees",
            published_outcomes_prefetch(),
        )
        .annotate(
            approved=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.APPROVED)
            )
        )
        .get(pk=pk)
    )


@dataclass
class InviteeGroup:
    """One category of invitees as the public sees it: how many, and the names that may be
    shown (every expert and journalist; stakeholders and members of the public who agreed)."""

    category: str
    label: str
    count: int = 0
    named: list[MeetingInvitee] = field(default_factory=list)

    @property
    def unnamed(self) -> int:
        return self.count - len(self.named)


def invitee_groups(invitees) -> list[InviteeGroup]:
    groups = {c.value: InviteeGroup(c.value, str(c.label)) for c in AttendeeCategory}
    for invitee in invitees:
        group = groups.get(invitee.category)
        if group is None:
            continue
        group.count += 1
        if invitee.name_is_public:
            group.named.append(invitee)
    return [group for group in groups.values() if group.count]


def staff_meetings(user) -> QuerySet[Meeting]:
    return (
        _scoped(Meeting.objects.all(), user)
        .select_related("organization")
        .annotate(
            pending_applications=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.PENDING)
            ),
            approved_applications=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.APPROVED)
            ),
        )
        .order_by("-held_at", "-id")
    )


def meeting_applications(meeting: Meeting) -> QuerySet[AttendanceApplication]:
    """Pending first (flagged ones before the others), then the answered ones."""
    return meeting.applications.select_related("decided_by").order_by("submitted_at", "id")
