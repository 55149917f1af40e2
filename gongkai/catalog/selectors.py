"""Reads of catalogs, guides and negative lists, for the portal, the workbench and checks."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q, QuerySet

from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization
from gongkai.publishing.choices import Status

from .models import (
    CatalogNode,
    DocumentKind,
    NegativeListEntry,
    OpennessDocument,
    UpdateFrequency,
)

# A negative-list entry shows up as due this many days before its review date.
REVIEW_NOTICE_DAYS = 30

_PUBLISHED = Q(items__status=Status.PUBLISHED)


@dataclass
class TreeNode:
    node: CatalogNode
    children: list["TreeNode"] = field(default_factory=list)
    item_count: int = 0  # published items filed directly under this column


def visible_nodes(nodes: list[CatalogNode]) -> list[CatalogNode]:
    """Active columns whose every ancestor is active too, in the queryset's order."""
    by_id = {node.pk: node for node in nodes}
    visible: dict[int, bool] = {}

    def is_visible(node: CatalogNode) -> bool:
        if node.pk not in visible:
            parent = by_id.get(node.parent_id) if node.parent_id else None
            if not node.is_active or (node.parent_id and parent is None):
                visible[node.pk] = False
            else:
                visible[node.pk] = parent is None or is_visible(parent)
        return visible[node.pk]

    return [node for node in nodes if is_visible(node)]


def catalog_tree(organization: Organization) -> list[TreeNode]:
    """The organization's active columns as a tree, each with its count of published items.

    One query: the counts are aggregated in the same statement that loads the columns.
    """
    nodes = list(
        CatalogNode.objects.filter(organization=organization)
        .annotate(published_count=Count("items", filter=_PUBLISHED, distinct=True))
        .order_by("sort_order", "id")
    )
    tree = {
        node.pk: TreeNode(node=node, item_count=node.published_count)
        for node in visible_nodes(nodes)
    }
    roots: list[TreeNode] = []
    for tree_node in tree.values():
        parent_id = tree_node.node.parent_id
        (tree[parent_id].children if parent_id else roots).append(tree_node)
    return roots


def node_with_ancestors(node: CatalogNode) -> list[CatalogNode]:
    """The path from the top of the catalog down to ``node`` (inclusive), for breadcrumbs."""
    by_id = {
        other.pk: other
        for other in CatalogNode.objects.filter(organization_id=node.organization_id)
    }
    path = [node]
    seen = {node.pk}
    cursor = by_id.get(node.parent_id) if node.parent_id else None
    while cursor is not None and cursor.pk not in seen:
        path.append(cursor)
        seen.add(cursor.pk)
        cursor = by_id.get(cursor.parent_id) if cursor.parent_id else None
    return list(reversed(path))


def negative_entries_due(
    *, today: date, organization: Organization | None = None
) -> QuerySet[NegativeListEntry]:
    """Active negative-list entries to be reviewed within REVIEW_NOTICE_DAYS (or overdue)."""
    entries = NegativeListEntry.objects.filter(
        is_active=True, review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS)
    ).select_related("organization")
    if organization is not None:
        entries = entries.filter(organization=organization)
    return entries.order_by("review_on", "id")


def stale_nodes(*, organization: Organization, today: date) -> list[CatalogNode]:
    """Visible columns with an expected update frequency that have gone without a published
    item for longer than it allows, or never had one. Each returned column carries
    ``latest_published_at`` (None when nothing was ever published in it)."""
    nodes = list(
        CatalogNode.objects.filter(organization=organization)
        .annotate(latest_published_at=Max("items__published_at", filter=_PUBLISHED))
        .order_by("sort_order", "id")
    )
    stale = []
    for node in visible_nodes(nodes):
        max_days = UpdateFrequency(node.update_frequency).max_days
        if max_days is None:
            continue
        latest: datetime | None = node.latest_published_at
        if latest is None or (today - local_date(latest)).days > max_days:
            stale.append(node)
    return stale


def active_negative_entries(organization: Organization) -> QuerySet[NegativeListEntry]:
    return NegativeListEntry.objects.filter(organization=organization, is_active=True).order_by(
        "matter", "id"
    )


def guide_document(organization: Organization) -> OpennessDocument | None:
    return OpennessDocument.objects.filter(
        organization=organization, kind=DocumentKind.GUIDE
    ).first()


def rule_documents(organization: Organization) -> QuerySet[OpennessDocument]:
    return OpennessDocument.objects.filter(
        organization=organization, kind=DocumentKind.RULES
    ).order_by("-updated_at", "-id")
