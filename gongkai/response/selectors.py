"""Reads of 回应关切: who sees which events, the running clocks, public lists, and the count of
principal-leader appearances at press conferences.

Staff scope: a 政务公开工作机构 member sees and handles the events and press conferences of
their organization and of every organization below it (the city's office oversees its
departments and districts); a 平台管理员 sees everything. An event is also visible to the
organization that recorded it, which may then follow it but not act on it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from gongkai.interpretation.models import Interpretation
from gongkai.interpretation.models import Status as InterpretationStatus
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import is_openness_staff, is_platform_admin, org_ids_with_role
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import Item

from .choices import OPEN_STATUSES
from .clocks import Clock, event_clocks
from .models import (
    DEFAULT_LEADER_MINIMUM,
    EventResponse,
    OpinionEvent,
    PressConference,
    PrincipalLeaderRule,
    Speaker,
)

# ---------------------------------------------------------------- staff scope


def _descendant_ids(root_ids: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pk, parent_id in Organization.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(root_ids), list(root_ids)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def office_scope(user) -> set[int] | None:
    """Organizations whose events the user handles; None means all (平台管理员)."""
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_response_scope", False)
    if cached is not False:
        return cached
    if is_platform_admin(user):
        scope = None
    else:
        roots = org_ids_with_role(user, Role.OPENNESS_OFFICE)
        scope = _descendant_ids(roots) if roots else set()
    user._response_scope = scope
    return scope


def in_scope(user, organization: Organization | int | None) -> bool:
    if organization is None:
        return False
    org_id = organization if isinstance(organization, int) else organization.pk
    scope = office_scope(user)
    return scope is None or org_id in scope


def office_organizations(user) -> QuerySet[Organization]:
    """Organizations the user may record events for (where they are in the openness office)."""
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    if is_platform_admin(user):
        return orgs
    return orgs.filter(pk__in=org_ids_with_role(user, Role.OPENNESS_OFFICE))


def scope_organizations(user) -> QuerySet[Organization]:
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    scope = office_scope(user)
    return orgs if scope is None else orgs.filter(pk__in=scope)


# ---------------------------------------------------------------- events


def _with_clock_data(events: QuerySet[OpinionEvent]) -> QuerySet[OpinionEvent]:
    return events.select_related("responsible_organization").prefetch_related(
        Prefetch("responses", queryset=EventResponse.objects.order_by("released_at", "id")),
        Prefetch("press_conferences", queryset=PressConference.objects.order_by("held_at")),
    )


def staff_events(user) -> QuerySet[OpinionEvent]:
    events = _with_clock_data(OpinionEvent.objects.all())
    scope = office_scope(user)
    if scope is None:
        return events
    return events.filter(
        Q(responsible_organization__in=scope) | Q(reported_by_organization__in=scope)
    )


def staff_event(user, pk: int) -> OpinionEvent:
    """An event the user may see, with everything its page shows (DoesNotExist otherwise)."""
    return (
        staff_events(user)
        .select_related(
            "place",
            "subject_department",
            "suggested_organization",
            "reported_by_organization",
            "created_by",
            "evaluated_by",
        )
        .prefetch_related(
            "escalations__to_organization",
            "responses__item",
            "responses__press_conference",
            "responses__created_by",
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class EventRow:
    event: OpinionEvent
    clocks: list[Clock]

    @property
    def running(self) -> list[Clock]:
        return [c for c in self.clocks if c.running] if self.event.is_open else []

    @property
    def missed(self) -> bool:
        return any(c.overdue for c in self.clocks)


def event_rows(events, now: datetime) -> list[EventRow]:
    return [EventRow(event, event_clocks(event, now)) for event in events]


@dataclass(frozen=True)
class RunningClock:
    event: OpinionEvent
    clock: Clock


def running_clocks(user, now: datetime) -> list[RunningClock]:
    """The clocks not met yet of the open events the user sees, the most urgent first."""
    events = staff_events(user).filter(status__in=OPEN_STATUSES)
    found = [
        RunningClock(row.event, clock) for row in event_rows(events, now) for clock in row.running
    ]
    return sorted(found, key=lambda rc: rc.clock.due_at)


def home_clocks(user, now: datetime) -> list[RunningClock] | None:
    """For the workbench home: None for users who do not handle public opinion."""
    if not is_openness_staff(user):
        return None
    return running_clocks(user, now)


# ---------------------------------------------------------------- choices for forms


def published_items_for_link() -> QuerySet[Item]:
    return Item.objects.filter(status=ItemStatus.PUBLISHED).select_related("organization")


def published_interpretations() -> QuerySet[Interpretation]:
    return Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED).select_related(
        "organization"
    )


# ---------------------------------------------------------------- press conferences


def _conference_data(conferences: QuerySet[PressConference]) -> QuerySet[PressConference]:
    return conferences.select_related("organization").prefetch_related("speakers")


def staff_conferences(user) -> QuerySet[PressConference]:
    conferences = _conference_data(PressConference.objects.all())
    scope = office_scope(user)
    return conferences if scope is None else conferences.filter(organization__in=scope)


def published_conferences() -> QuerySet[PressConference]:
    return _conference_data(
        PressConference.objects.filter(is_published=True, organization__is_active=True)
    ).order_by("-held_at", "-id")


def public_conference(pk: int) -> PressConference:
    """A published press conference with its public links (DoesNotExist otherwise)."""
    return (
        published_conferences()
        .prefetch_related(
            Prefetch(
                "interpretations",
                queryset=published_interpretations().order_by("-published_at"),
                to_attr="public_interpretations",
            ),
            Prefetch(
                "items",
                queryset=Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("-published_at"),
                to_attr="public_items",
            ),
        )
        .get(pk=pk)
    )


# ---------------------------------------------------------------- public responses


def public_responses() -> QuerySet[EventResponse]:
    """Released responses of events staff made public, newest first. Carries the event's
    title and responsible organization only — never its monitoring data."""
    return (
        EventResponse.objects.filter(event__is_public=True)
        .select_related("event__responsible_organization", "item", "press_conference")
        .order_by("-released_at", "-id")
    )


def public_event(pk: int) -> OpinionEvent:
    """A public event that has at least one response (DoesNotExist otherwise)."""
    return (
        OpinionEvent.objects.filter(is_public=True, responses__isnull=False)
        .distinct()
        .select_related("responsible_organization")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=EventResponse.objects.select_related("item", "press_conference").order_by(
                    "released_at", "id"
                ),
            )
        )
        .get(pk=pk)
    )


# ---------------------------------------------------------------- principal leaders


def required_appearances(level: str) -> int:
    rule = PrincipalLeaderRule.objects.filter(level=level).first()
    return rule.min_per_year if rule is not None else DEFAULT_LEADER_MINIMUM.get(level, 0)


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))
    return start, end


def _leader_conferences(year: int) -> QuerySet[PressConference]:
    start, end = _year_bounds(year)
    principal = Speaker.objects.filter(conference=OuterRef("pk"), is_principal_leader=True)
    return PressConference.objects.filter(
        is_published=True, held_at__gte=start, held_at__lt=end
    ).filter(Exists(principal))


def principal_leader_appearances(organization: Organization, year: int) -> tuple[int, int, bool]:
    """(count, required, met): published press conferences of ``organization`` held in
    ``year`` (Beijing time) at which its principal leader spoke, against the yearly minimum
    for its level."""
    count = _leader_conferences(year).filter(organization=organization).count()
    required = required_appearances(organization.level)
    return count, required, count >= required


@dataclass(frozen=True)
class LeaderRow:
    organization: Organization
    count: int
    required: int
    conferences: int

    @property
    def met(self) -> bool:
        return self.count >= self.required


def leader_table(year: int, organizations) -> list[LeaderRow]:
    """``principal_leader_appearances`` for many organizations in three queries."""
    organizations = list(organizations)
    ids = [o.pk for o in organizations]
    counts: dict[int, int] = {}
    for org_id in (
        _leader_conferences(year)
        .filter(organization__in=ids)
        .values_list("organization_id", flat=True)
    ):
        counts[org_id] = counts.get(org_id, 0) + 1
    start, end = _year_bounds(year)
    totals: dict[int, int] = {}
    for org_id in PressConference.objects.filter(
        is_published=True, held_at__gte=start, held_at__lt=end, organization__in=ids
    ).values_list("organization_id", flat=True):
        totals[org_id] = totals.get(org_id, 0) + 1
    rules = dict(PrincipalLeaderRule.objects.values_list("level", "min_per_year"))
    return [
        LeaderRow(
            org,
            counts.get(org.pk, 0),
            rules.get(org.level, DEFAULT_LEADER_MINIMUM.get(org.level, 0)),
            totals.get(org.pk, 0),
        )
        for org in organizations
    ]


def conference_years() -> list[int]:
    """Years with published press conferences, newest first."""
    moments = PressConference.objects.filter(is_published=True).datetimes(
        "held_at", "year", order="DESC"
    )
    return [moment.year for moment in moments]


def conference_organizations() -> QuerySet[Organization]:
    """Active organizations that have published a press conference."""
    return (
        Organization.objects.filter(is_active=True, press_conferences__is_published=True)
        .distinct()
        .order_by("sort_order", "id")
    )
