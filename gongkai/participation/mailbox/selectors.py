"""Reads for the mailbox: what staff see with their clocks, the public Q&A, the FAQ search and
the monthly statistics.

Due dates are never stored (see ``models``): staff lists compute each open message's
``ReplyClock`` from its receipt date, so the tabs 即将到期 and 已逾期 filter in Python over
the open messages of the user's organizations — a few hundred rows at most — while the
three-month tabs, counted in calendar days, filter in the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import is_openness_staff, is_platform_admin, org_ids_with_role
from gongkai.orgs.selectors import staff_of
from gongkai.search import highlight
from gongkai.search.segment import normalize, query_tokens

from . import deadlines
from .choices import ANSWERED_STATUSES, OPEN_STATUSES, SATISFIED_RATINGS, Kind, Status
from .models import FaqEntry, MailboxSettings, Message
from .routing import root_organization

TABS = (
    ("open", _("待办")),
    ("pending", _("待受理")),
    ("processing", _("办理中")),
    ("due_soon", _("即将到期")),
    ("overdue", _("已逾期")),
    ("three_month", _("临近三个月")),
    ("replied", _("已答复")),
    ("consented", _("待定是否公开")),
    ("declined", _("不予受理")),
    ("all", _("全部")),
)
TAB_KEYS = {key for key, _label in TABS}
NAV_CACHE_SECONDS = 60


# --- who sees what ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Organizations whose messages a staff member handles (None: all), and whether they also
    supervise the leader's mailbox (the general office of the top government)."""

    org_ids: frozenset[int] | None
    leader_mailbox: bool = False

    @property
    def is_empty(self) -> bool:
        return self.org_ids is not None and not self.org_ids and not self.leader_mailbox


def staff_scope(user) -> Scope:
    """Cached on the user object for the request, like ``orgs.permissions.roles_of``."""
    if not user or not user.is_authenticated:
        return Scope(frozenset())
    cached = getattr(user, "_mailbox_scope", None)
    if cached is None:
        cached = user._mailbox_scope = _scope(user)
    return cached


def _scope(user) -> Scope:
    if is_platform_admin(user):
        return Scope(None, True)
    org_ids = frozenset(org_ids_with_role(user, Role.OPENNESS_OFFICE))
    leader = False
    if org_ids:
        try:
            leader = root_organization().pk in org_ids
        except DomainError:  # no organization at all yet
            leader = False
    return Scope(org_ids, leader)


def scope_messages(messages: QuerySet[Message], scope: Scope) -> QuerySet[Message]:
    if scope.org_ids is None:
        return messages
    match = Q(organization__in=scope.org_ids)
    if scope.leader_mailbox:
        match |= Q(kind=Kind.LEADER)
    return messages.filter(match)


def staff_messages(user) -> QuerySet[Message]:
    return scope_messages(
        Message.objects.select_related("organization", "handler"), staff_scope(user)
    )


def staff_organizations(user) -> QuerySet[Organization]:
    scope = staff_scope(user)
    orgs = Organization.objects.order_by("sort_order", "id")
    return orgs if scope.org_ids is None else orgs.filter(pk__in=scope.org_ids)


# --- clocks -----------------------------------------------------------------------------------


@dataclass
class Row:
    message: Message
    clock: deadlines.ReplyClock


def limits() -> deadlines.Limits:
    return deadlines.Limits.from_settings(MailboxSettings.load())


def clock_of(message: Message, today: date, limit: deadlines.Limits) -> deadlines.ReplyClock:
    answered = message.replied_at and (message.status in ANSWERED_STATUSES)
    return deadlines.reply_clock(
        message.received_on,
        message.reply_days,
        today=today,
        answered_on=local_date(message.replied_at) if answered else None,
        limits=limit,
    )


def rows_for(messages, today: date, limit: deadlines.Limits | None = None) -> list[Row]:
    limit = limit or limits()
    return [Row(message, clock_of(message, today, limit)) for message in messages]


def _age_cutoff(today: date, days: int) -> date:
    """Messages received on or before this date are at least ``days`` calendar days old."""
    return today - timedelta(days=days)


def tab_messages(messages: QuerySet[Message], tab: str, today: date, limit=None):
    """The messages of a tab: a queryset, or a list of ``Row`` for the clock-based tabs."""
    limit = limit or limits()
    if tab == "open":
        return messages.filter(status__in=OPEN_STATUSES)
    if tab == "pending":
        return messages.filter(status=Status.PENDING)
    if tab == "processing":
        return messages.filter(status=Status.PROCESSING)
    if tab == "three_month":
        return messages.filter(
            status__in=OPEN_STATUSES,
            received_on__lte=_age_cutoff(today, limit.warn_after_days),
        ).order_by("received_on", "id")
    if tab == "replied":
        return messages.filter(status=Status.REPLIED).order_by("-replied_at", "-id")
    if tab == "consented":
        return messages.filter(
            status=Status.REPLIED, consent_publish=True, publication_decided_at__isnull=True
        ).order_by("-replied_at", "-id")
    if tab == "declined":
        return messages.filter(status=Status.DECLINED).order_by("-replied_at", "-id")
    if tab in ("due_soon", "overdue"):
        open_rows = rows_for(
            messages.filter(status__in=OPEN_STATUSES).order_by("received_on", "id"), today, limit
        )
        key = "overdue" if tab == "overdue" else "due_soon"
        return [row for row in open_rows if getattr(row.clock, key)]
    return messages


@dataclass
class Counts:
    pending: int = 0
    processing: int = 0
    due_soon: int = 0
    overdue: int = 0
    approaching: int = 0
    exceeded: int = 0
    consented: int = 0

    @property
    def three_month(self) -> int:
        return self.approaching + self.exceeded


def counts_for(messages: QuerySet[Message], today: date, limit=None) -> Counts:
    """The numbers on the tabs and the warning banners (one query for the open messages)."""
    limit = limit or limits()
    counts = Counts()
    open_messages = (
        messages.filter(status__in=OPEN_STATUSES)
        .select_related(None)
        .only("status", "received_on", "reply_days", "replied_at", "kind", "organization")
    )
    for message in open_messages:
        clock = clock_of(message, today, limit)
        counts.pending += message.status == Status.PENDING
        counts.processing += message.status == Status.PROCESSING
        counts.due_soon += clock.due_soon
        counts.overdue += clock.overdue
        counts.approaching += clock.three_month == "approaching"
        counts.exceeded += clock.three_month == "exceeded"
    counts.consented = messages.filter(
        status=Status.REPLIED, consent_publish=True, publication_decided_at__isnull=True
    ).count()
    return counts


def nav_counts(user, today: date) -> Counts | None:
    """Counts for the workbench navigation, kept a minute per user so that every workbench
    page does not pay for them; None for users who do not handle messages."""
    if not is_openness_staff(user):
        return None
    key = f"mailbox:nav:{user.pk}:{today.isoformat()}"
    counts = cache.get(key)
    if counts is None:
        counts = counts_for(scope_messages(Message.objects.all(), staff_scope(user)), today)
        cache.set(key, counts, NAV_CACHE_SECONDS)
    return counts


def transfer_targets(message: Message) -> QuerySet[Organization]:
    return Organization.objects.filter(is_active=True).exclude(pk=message.organization_id)


def handler_choices(message: Message):
    return staff_of(message.organization).order_by("first_name", "username")


# --- public Q&A ------------------------------------------------------------------------------

#: The only fields of a message that public pages and the API read.
PUBLIC_FIELDS = (
    "id",
    "number",
    "kind",
    "status",
    "public_subject",
    "public_question",
    "public_reply",
    "submitted_at",
    "received_on",
    "replied_at",
    "published_at",
    "may_publish",
    "rating",
    "reply_organization",
    "reply_organization__name",
    "reply_organization__slug",
    "reply_organization__short_name",
)


def public_messages() -> QuerySet[Message]:
    """Published exchanges, newest answer first, loading no personal field at all."""
    return (
        Message.objects.filter(may_publish=True, status=Status.REPLIED, published_at__isnull=False)
        .select_related("reply_organization")
        .only(*PUBLIC_FIELDS)
        .order_by("-replied_at", "-id")
    )


def public_message(pk: int) -> Message | None:
    return public_messages().filter(pk=pk).first()


def search_public_messages(messages: QuerySet[Message], q: str) -> QuerySet[Message]:
    for word in query_tokens(q)[:8]:
        messages = messages.filter(
            Q(public_subject__icontains=word)
            | Q(public_question__icontains=word)
            | Q(public_reply__icontains=word)
        )
    return messages


# --- FAQ --------------------------------------------------------------------------------------


def published_faq() -> QuerySet[FaqEntry]:
    return (
        FaqEntry.objects.filter(is_published=True)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )


@dataclass
class FaqHit:
    entry: FaqEntry
    question_html: str
    answer_html: str
    score: int = 0
    terms: list[str] = field(default_factory=list)


def faq_search(entries: QuerySet[FaqEntry], q: str) -> list[FaqHit]:
    """Entries containing every word of ``q`` (segmented like the site search), best first:
    words in the question count more than words in the answer. Highlighted."""
    terms = query_tokens(q)[:8]
    if not terms:
        return []
    matched = entries
    for term in terms:
        matched = matched.filter(search_text__contains=f" {term} ")
    if not matched.exists():
        # The segmenter may cut the question differently than the entry: fall back to plain
        # substring matching on the original text.
        matched = entries
        for term in terms:
            matched = matched.filter(Q(question__icontains=term) | Q(answer__icontains=term))
    hits = []
    for entry in matched[:200]:
        question, answer = normalize(entry.question), normalize(entry.answer)
        score = sum(3 * question.count(t) + answer.count(t) for t in terms)
        hits.append(
            FaqHit(
                entry,
                highlight.mark(entry.question, terms),
                highlight.snippet(entry.answer, terms),
                score,
                terms,
            )
        )
    hits.sort(
        key=lambda hit: (-hit.score, -(hit.entry.published_at or hit.entry.created_at).timestamp())
    )
    return hits


def faq_topics() -> list[str]:
    return list(
        FaqEntry.objects.filter(is_published=True)
        .exclude(topic="")
        .order_by("topic")
        .values_list("topic", flat=True)
        .distinct()
    )


def staff_faq(user) -> QuerySet[FaqEntry]:
    entries = FaqEntry.objects.select_related("organization", "source_message").order_by(
        "-updated_at", "-id"
    )
    scope = staff_scope(user)
    if scope.org_ids is None:
        return entries
    return entries.filter(organization__in=scope.org_ids)


# --- statistics -------------------------------------------------------------------------------


@dataclass
class MonthStats:
    month: int
    received: int = 0
    answered: int = 0
    replied_late: int = 0
    working_days_total: int = 0
    rated: int = 0
    satisfied: int = 0
    open_now: int = 0

    @property
    def reply_rate(self) -> float | None:
        return self.answered / self.received * 100 if self.received else None

    @property
    def average_working_days(self) -> float | None:
        return self.working_days_total / self.answered if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated * 100 if self.rated else None


def monthly_statistics(
    messages: QuerySet[Message], year: int
) -> tuple[list[MonthStats], MonthStats]:
    """Per month of receipt: 留言数, 答复数 (replied or declined with a reason), 答复率,
    average working days to the answer, 满意率 ((满意 + 基本满意) / 评价数)."""
    months = {m: MonthStats(m) for m in range(1, 13)}
    total = MonthStats(0)
    rows = (
        messages.filter(received_on__year=year)
        .select_related(None)
        .only("received_on", "status", "replied_at", "replied_late", "rating")
    )
    for message in rows:
        for stats in (months[message.received_on.month], total):
            stats.received += 1
            if message.status in ANSWERED_STATUSES and message.replied_at:
                stats.answered += 1
                stats.replied_late += message.replied_late
                stats.working_days_total += deadlines.working_days_taken(
                    message.received_on, local_date(message.replied_at)
                )
            else:
                stats.open_now += 1
            if message.rating:
                stats.rated += 1
                stats.satisfied += message.rating in SATISFIED_RATINGS
    return [months[m] for m in range(1, 13)], total


def organization_statistics(messages: QuerySet[Message], year: int) -> list[tuple[str, MonthStats]]:
    """The same figures per organization that holds (or answered) the messages of ``year``."""
    per_org: dict[str, MonthStats] = defaultdict(lambda: MonthStats(0))
    rows = (
        messages.filter(received_on__year=year)
        .select_related(None)
        .select_related("organization")
        .only(
            "received_on",
            "status",
            "replied_at",
            "replied_late",
            "rating",
            "organization",
            "organization__name",
            "organization__sort_order",
        )
    )
    order = {}
    for message in rows:
        name = message.organization.name
        order[name] = (message.organization.sort_order, message.organization_id)
        stats = per_org[name]
        stats.received += 1
        if message.status in ANSWERED_STATUSES and message.replied_at:
            stats.answered += 1
            stats.replied_late += message.replied_late
            stats.working_days_total += deadlines.working_days_taken(
                message.received_on, local_date(message.replied_at)
            )
        else:
            stats.open_now += 1
        if message.rating:
            stats.rated += 1
            stats.satisfied += message.rating in SATISFIED_RATINGS
    return sorted(per_org.items(), key=lambda pair: order[pair[0]])
