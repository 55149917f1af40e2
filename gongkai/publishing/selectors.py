"""Reads of government information for the portal and the workbench."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from gongkai.orgs.models import PlatformSettings, Role
from gongkai.orgs.permissions import org_ids_with_role, scope_to_user
from gongkai.workdays import add_working_days

from .choices import PUBLIC_ACTIONS, PUBLISHABLE_ATTRIBUTES, Status
from .models import Item, ItemEvent
from .services import STAGE_ROLE, publication_due_on, time_limit_rules

PENDING = (
    Status.DRAFT,
    Status.UNIT_REVIEW,
    Status.ATTRIBUTE_REVIEW,
    Status.CONFIDENTIALITY_REVIEW,
    Status.APPROVED,
    Status.SCHEDULED,
)


def published_items() -> QuerySet[Item]:
    """What the public may list: published items, newest first."""
    return (
        Item.objects.filter(status=Status.PUBLISHED)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )


def public_item(pk: int) -> Item:
    """An item as the public page shows it; withdrawn items stay reachable with their notice."""
    from gongkai.interpretation.models import Status as InterpretationStatus

    return (
        Item.objects.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN])
        .select_related("organization", "topic__parent")
        .prefetch_related(
            "attachments",
            "co_issuers",
            "catalog_nodes",
            Prefetch(
                "events",
                queryset=ItemEvent.objects.filter(action__in=PUBLIC_ACTIONS),
                to_attr="public_events",
            ),
            Prefetch(
                "interpretations",
                queryset=_interpretations().filter(status=InterpretationStatus.PUBLISHED),
                to_attr="public_interpretations",
            ),
            "relations_out__target",
            "relations_in__source",
        )
        .get(pk=pk)
    )


def _interpretations():
    from gongkai.interpretation.models import Interpretation

    return Interpretation.objects.order_by("published_at")


def staff_items(user) -> QuerySet[Item]:
    """Items of the organizations the user works in (all for a platform admin)."""
    return scope_to_user(Item.objects.select_related("organization", "created_by"), user)


@dataclass
class DueItem:
    item: Item
    due_on: date
    provisional: bool


@dataclass
class Todo:
    waiting: dict[str, list[Item]] = field(default_factory=dict)
    overdue: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)

    @property
    def waiting_count(self) -> int:
        return sum(len(items) for items in self.waiting.values())


def todo_for(user, *, today: date) -> Todo:
    """What waits for the user, what is overdue and what is due soon, by their roles."""
    todo = Todo()
    base = Item.objects.select_related("organization", "created_by").order_by("updated_at")
    drafter_orgs = org_ids_with_role(user, Role.DRAFTER)
    if drafter_orgs:
        todo.waiting[Status.DRAFT.label] = list(
            base.filter(status=Status.DRAFT, organization__in=drafter_orgs, created_by=user)
        )
    for status, role in STAGE_ROLE.items():
        orgs = org_ids_with_role(user, role)
        if orgs:
            todo.waiting[status.label] = list(
                base.filter(status=status, organization__in=orgs).exclude(created_by=user)
            )
    office_orgs = org_ids_with_role(user, Role.OPENNESS_OFFICE)
    if office_orgs:
        todo.waiting[Status.APPROVED.label] = list(
            base.filter(status=Status.APPROVED, organization__in=office_orgs)
        )
    todo.overdue, todo.due_soon = deadlines_for(user, today=today)
    return todo


def deadlines_for(user, *, today: date) -> tuple[list[DueItem], list[DueItem]]:
    """Publishable items not yet public: those past their deadline, and those due within the
    platform's warning window (in working days)."""
    window = add_working_days(today, PlatformSettings.load().due_soon_days)
    overdue, soon = [], []
    pending = staff_items(user).filter(status__in=PENDING, attribute__in=PUBLISHABLE_ATTRIBUTES)
    rules = time_limit_rules()
    for item in pending:
        due = publication_due_on(item, rules)
        entry = DueItem(item, due, due.provisional)
        if due < today:
            overdue.append(entry)
        elif due <= window:
            soon.append(entry)
    overdue.sort(key=lambda d: d.due_on)
    soon.sort(key=lambda d: d.due_on)
    return overdue, soon
