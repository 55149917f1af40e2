"""Reads for the openness office's workbench: which applications a member sees, and their
legal clocks.

Due dates are never stored. Every list computes each application's ``ClockState`` from its
receipt date and clock entries (one prefetch for the whole page), so a correction to the
holiday calendar moves every due date at once.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import is_platform_admin, org_ids_with_role
from gongkai.workdays import add_working_days

from .choices import OPEN_STATUSES, ApplicantKind, Status
from .clock import ClockState
from .models import Application, ClockEntry
from .services import clock_for, normalize_tracking_code

#: Working days ahead that count as "due soon" on the workbench list and home page.
DUE_SOON_DAYS = 5
#: Working days left at or under which a due date is shown in amber.
WARN_DAYS = 3


def office_org_ids(user) -> set[int] | None:
    """Organizations whose applications the user handles; None for a platform admin (all)."""
    if is_platform_admin(user):
        return None
    return org_ids_with_role(user, Role.OPENNESS_OFFICE)


def office_organizations(user) -> QuerySet[Organization]:
    """Organizations to pick from in the list filter."""
    org_ids = office_org_ids(user)
    orgs = Organization.objects.order_by("sort_order", "id")
    return orgs if org_ids is None else orgs.filter(pk__in=org_ids)


def staff_applications(user) -> QuerySet[Application]:
    """Applications of the organizations where ``user`` is in the openness office (all of them
    for a platform admin), with what the lists show."""
    applications = Application.objects.select_related("organization", "handler")
    org_ids = office_org_ids(user)
    if org_ids is None:
        return applications
    return applications.filter(organization__in=org_ids)


def with_clock_entries(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Prefetch what ``clock_for`` reads, so a page of clocks costs one query."""
    return applications.prefetch_related(
        Prefetch("clock_entries", queryset=ClockEntry.objects.order_by("on", "id"))
    )


def search_applications(applications: QuerySet[Application], q: str) -> QuerySet[Application]:
    """By number (2025-0007), tracking code (with or without dashes) or the information's
    name / 文号 as the applicant gave it."""
    q = (q or "").strip()
    if not q:
        return applications
    condition = Q(title_hint__icontains=q) | Q(document_number_hint__icontains=q)
    year, _, serial = q.partition("-")
    if year.isdigit() and len(year) == 4 and serial.isdigit():
        condition |= Q(year=int(year), serial=int(serial))
    code = normalize_tracking_code(q)
    if len(code) == 14:
        condition |= Q(tracking_code=code)
    return applications.filter(condition)


def mask_name(application: Application) -> str:
    """张三 → 张*. Organizations' names are not personal data and stay whole."""
    name = application.applicant_name
    if application.applicant_kind != ApplicantKind.NATURAL or len(name) < 2:
        return name
    return name[0] + "*" * (len(name) - 1)


@dataclass(frozen=True)
class ApplicationRow:
    """One application on a workbench list, with its clock computed once."""

    application: Application
    clock: ClockState | None

    @property
    def is_open(self) -> bool:
        return self.application.status in OPEN_STATUSES and self.clock is not None

    @property
    def due_on(self) -> date | None:
        return self.clock.due_on if self.is_open else None

    @property
    def days_left(self) -> int | None:
        if not self.is_open or self.clock.working_days_left is None:
            return None
        return int(self.clock.working_days_left)

    @property
    def overdue(self) -> bool:
        return self.is_open and self.clock.overdue

    @property
    def paused(self) -> bool:
        return self.is_open and self.clock.paused

    @property
    def warn(self) -> bool:
        """Amber: running, and at most ``WARN_DAYS`` working days left."""
        return (
            self.is_open
            and not self.overdue
            and not self.paused
            and self.days_left is not None
            and self.days_left <= WARN_DAYS
        )

    @property
    def provisional(self) -> bool:
        return self.is_open and self.clock.provisional

    @property
    def applicant(self) -> str:
        return mask_name(self.application)

    @property
    def request_summary(self) -> str:
        application = self.application
        if application.title_hint:
            return application.title_hint
        text = " ".join(application.description.split())
        return text if len(text) <= 40 else text[:40] + "…"


def application_rows(applications, today: date) -> list[ApplicationRow]:
    """Rows for ``applications`` (prefetch their clock entries: ``with_clock_entries``)."""
    return [ApplicationRow(a, clock_for(a, today=today)) for a in applications]


def _scoped(user, organization: int | None) -> QuerySet[Application]:
    applications = staff_applications(user)
    if organization is not None:
        applications = applications.filter(organization=organization)
    return applications


def _by_due(rows: list[ApplicationRow]) -> list[ApplicationRow]:
    return sorted(rows, key=lambda r: (r.due_on or date.max, r.application.pk))


def _is_due_soon(row: ApplicationRow, horizon: date) -> bool:
    return not row.overdue and not row.paused and row.due_on is not None and row.due_on <= horizon


#: The list views that are computed from the clock rather than read from a column.
CLOCK_VIEWS = ("due_soon", "overdue", "paused")


def rows_by_clock(
    applications: QuerySet[Application], today: date, which: str, *, within: int = DUE_SOON_DAYS
) -> list[ApplicationRow]:
    """The open ones among ``applications`` that are ``which`` (one of ``CLOCK_VIEWS``) on
    ``today``, by due date."""
    rows = application_rows(
        with_clock_entries(applications.filter(status__in=OPEN_STATUSES)), today
    )
    if which == "due_soon":
        horizon = add_working_days(today, within)
        rows = [r for r in rows if _is_due_soon(r, horizon)]
    elif which == "overdue":
        rows = [r for r in rows if r.overdue]
    elif which == "paused":
        rows = [r for r in rows if r.paused]
    else:
        raise ValueError(f"unknown clock view {which!r}")
    return _by_due(rows)


def due_soon(
    user, today: date, within: int = DUE_SOON_DAYS, *, organization: int | None = None
) -> list[ApplicationRow]:
    """Open applications whose clock runs and whose reply is due within ``within`` working
    days (not yet overdue), soonest first."""
    return rows_by_clock(_scoped(user, organization), today, "due_soon", within=within)


def overdue(user, today: date, *, organization: int | None = None) -> list[ApplicationRow]:
    """Open applications past their reply due date (paused ones included), oldest first."""
    return rows_by_clock(_scoped(user, organization), today, "overdue")


def paused(user, today: date, *, organization: int | None = None) -> list[ApplicationRow]:
    """Open applications whose clock is stopped (补正, consultation, fee)."""
    return rows_by_clock(_scoped(user, organization), today, "paused")


def workbench_counts(user, today: date) -> dict[str, int]:
    """The numbers on the to-do page. Status counts in one query, clocks in one pass."""
    counts = dict.fromkeys(
        ("submitted", "due_soon", "overdue", "paused", "pending_approval", "approved"), 0
    )
    status_key = {
        Status.SUBMITTED: "submitted",
        Status.PENDING_APPROVAL: "pending_approval",
        Status.APPROVED: "approved",
    }
    by_status = (
        staff_applications(user)
        .filter(status__in=status_key)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    for status, n in by_status:
        counts[status_key[status]] = n
    horizon = add_working_days(today, DUE_SOON_DAYS)
    open_applications = staff_applications(user).filter(status__in=OPEN_STATUSES)
    for row in application_rows(with_clock_entries(open_applications), today):
        counts["overdue"] += row.overdue
        counts["paused"] += row.paused
        counts["due_soon"] += _is_due_soon(row, horizon)
    return counts
