"""Reads the public site needs beyond what publishing, interpretation and catalog offer.

Everything here returns only what the public may see: published items (withdrawn ones only
where their notice is shown), published interpretations, active organizations.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.selectors import TreeNode
from gongkai.interpretation.models import Interpretation
from gongkai.interpretation.models import Status as InterpretationStatus
from gongkai.orgs.models import Level, Organization
from gongkai.publishing.choices import (
    PUBLIC_STATUSES,
    Action,
    RelationKind,
    Status,
    Validity,
)
from gongkai.publishing.models import Attachment, Item, ItemEvent, Topic
from gongkai.publishing.selectors import published_items
from gongkai.search.backends import day_bounds

# ---------------------------------------------------------------- organizations


@dataclass
class DistrictGroup:
    org: Organization
    departments: list[Organization] = field(default_factory=list)
    towns: list[Organization] = field(default_factory=list)


@dataclass
class OrganizationDirectory:
    """Active organizations by level: 市政府及部门, then 各区县 with their own units."""

    governments: list[Organization] = field(default_factory=list)
    departments: list[Organization] = field(default_factory=list)
    districts: list[DistrictGroup] = field(default_factory=list)
    others: list[Organization] = field(default_factory=list)  # units outside that shape

    @property
    def city(self) -> list[Organization]:
        return self.governments + self.departments


def organization_directory() -> OrganizationDirectory:
    """One query; units whose parent is not where the level says land in ``others`` so that
    no published organization disappears from the directory."""
    orgs = list(Organization.objects.filter(is_active=True).order_by("sort_order", "id"))
    directory = OrganizationDirectory()
    districts = {}
    for org in orgs:
        if org.level == Level.GOVERNMENT:
            directory.governments.append(org)
        elif org.level == Level.DEPARTMENT:
            directory.departments.append(org)
        elif org.level == Level.DISTRICT:
            districts[org.pk] = DistrictGroup(org)
            directory.districts.append(districts[org.pk])
    for org in orgs:
        if org.level in (Level.GOVERNMENT, Level.DEPARTMENT, Level.DISTRICT):
            continue
        group = districts.get(org.parent_id)
        if group is None:
            directory.others.append(org)
        elif org.level == Level.TOWN:
            group.towns.append(org)
        else:
            group.departments.append(org)
    return directory


def public_organization(slug: str) -> Organization:
    """An active organization with its ancestors loaded (breadcrumbs) — or 404."""
    try:
        return Organization.objects.select_related("parent__parent").get(slug=slug, is_active=True)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc


def organization_children(org: Organization) -> QuerySet[Organization]:
    return org.children.filter(is_active=True).order_by("sort_order", "id")


# ---------------------------------------------------------------- catalog


def find_in_tree(tree: list[TreeNode], node_id: int) -> list[TreeNode] | None:
    """The path from a root of ``tree`` down to the column ``node_id`` (inclusive), or None
    when the column is not visible in this tree (another organization's, or inactive)."""
    for tree_node in tree:
        if tree_node.node.pk == node_id:
            return [tree_node]
        below = find_in_tree(tree_node.children, node_id)
        if below is not None:
            return [tree_node, *below]
    return None


# ---------------------------------------------------------------- items


@dataclass
class Notice:
    """A line at the top of an item page saying what happened to it since publication."""

    kind: str  # withdrawn, abolished, abolition_scheduled or corrected
    event: ItemEvent | None


@dataclass
class Related:
    label: str
    item: Item


# How a relation reads from each end: this item amends X / this item is amended by X.
RELATION_OUT = {
    RelationKind.AMENDS: _("本文件修改了"),
    RelationKind.ABOLISHES: _("本文件废止了"),
    RelationKind.REPRINTS: _("本信息转载自"),
}
RELATION_IN = {
    RelationKind.AMENDS: _("修改本文件的文件"),
    RelationKind.ABOLISHES: _("废止本文件的文件"),
    RelationKind.REPRINTS: _("转载本信息的信息"),
}


def _last(events: list[ItemEvent], action: str) -> ItemEvent | None:
    matching = [event for event in events if event.action == action]
    return matching[-1] if matching else None


def item_notices(item: Item) -> list[Notice]:
    """Withdrawn, abolished (or to be abolished from a later day) and corrected notices, from
    the item's public events (prefetched by ``public_item`` as ``public_events``)."""
    events = item.public_events
    if item.status == Status.WITHDRAWN:
        return [Notice("withdrawn", _last(events, Action.WITHDRAW))]
    notices = []
    if item.validity == Validity.ABOLISHED:
        notices.append(Notice("abolished", _last(events, Action.ABOLISH)))
    elif item.abolition_scheduled:
        notices.append(Notice("abolition_scheduled", _last(events, Action.ABOLISH_SCHEDULED)))
    correction = _last(events, Action.CORRECT)
    if correction is not None:
        notices.append(Notice("corrected", correction))
    return notices


def related_items(item: Item) -> list[Related]:
    """Related items the public may open, each with how it relates to this one."""
    related = [
        Related(RELATION_OUT.get(rel.kind, rel.get_kind_display()), rel.target)
        for rel in item.relations_out.all()
        if rel.target.status in PUBLIC_STATUSES
    ]
    related += [
        Related(RELATION_IN.get(rel.kind, rel.get_kind_display()), rel.source)
        for rel in item.relations_in.all()
        if rel.source.status in PUBLIC_STATUSES
    ]
    return related


def public_attachment(pk: int) -> Attachment:
    """An attachment of a published item; anything else is 404, withdrawn items included."""
    try:
        return Attachment.objects.select_related("item").get(pk=pk, item__status=Status.PUBLISHED)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------- interpretations


def published_interpretations() -> QuerySet[Interpretation]:
    return (
        Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )


def public_interpretation(pk: int) -> Interpretation:
    """A published interpretation with the policies it interprets that have a public page
    (``public_policies``)."""
    policies = (
        Item.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )
    try:
        return (
            published_interpretations()
            .prefetch_related(Prefetch("policies", queryset=policies, to_attr="public_policies"))
            .get(pk=pk)
        )
    except Interpretation.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------- lists with filters


@dataclass(frozen=True)
class ItemCriteria:
    """What a list of published items is narrowed to. The portal's list pages (``forms``) and
    the open API (``api``) both build one, so that a filter means the same on both. Empty
    fields do not narrow."""

    # Issued or co-issued (联合发文) by one of them; not by the units under them: each
    # organization is the 公开主体 of its own information, and the government's would be all.
    organizations: tuple[int, ...] = ()
    info_types: tuple[str, ...] = ()
    topics: tuple[int, ...] = ()  # each with its sub-topics
    catalog_node: int | None = None  # filed directly under the column, as its count says
    published_from: date | None = None  # publication days in the site's time zone, included
    published_to: date | None = None
    validities: tuple[str, ...] = ()


def filter_items(criteria: ItemCriteria) -> QuerySet[Item]:
    """Published items matching ``criteria``, newest first (subqueries, no extra round trip)."""
    items = published_items()
    if criteria.organizations:
        co_issued = Item.co_issuers.through.objects.filter(
            organization_id__in=criteria.organizations
        )
        items = items.filter(
            Q(organization_id__in=criteria.organizations) | Q(pk__in=co_issued.values("item_id"))
        )
    if criteria.info_types:
        items = items.filter(info_type__in=criteria.info_types)
    if criteria.topics:
        family = Topic.objects.filter(Q(pk__in=criteria.topics) | Q(parent_id__in=criteria.topics))
        items = items.filter(topic_id__in=family.values("pk"))
    if criteria.catalog_node:
        filed = Item.catalog_nodes.through.objects.filter(catalognode_id=criteria.catalog_node)
        items = items.filter(pk__in=filed.values("item_id"))
    start, end = day_bounds(criteria.published_from, criteria.published_to)
    if start:
        items = items.filter(published_at__gte=start)
    if end:
        items = items.filter(published_at__lt=end)
    if criteria.validities:
        items = items.filter(validity__in=criteria.validities)
    return items


def organization_items(org: Organization) -> QuerySet[Item]:
    """What the organization's page and feed list: the items it issued or co-issued."""
    return filter_items(ItemCriteria(organizations=(org.pk,)))


def node_items(node_id: int) -> QuerySet[Item]:
    """What a column's page and feed list: the items filed directly under it."""
    return filter_items(ItemCriteria(catalog_node=node_id))


def latest_items(*info_types: str, limit: int) -> list[Item]:
    """The newest published items of the given types (all types when none is given)."""
    return list(filter_items(ItemCriteria(info_types=info_types))[:limit])


# ---------------------------------------------------------------- topics and types


@dataclass
class TopicBranch:
    topic: Topic
    children: list["TopicBranch"] = field(default_factory=list)
    item_count: int = 0  # published items under the topic and its sub-topics


def topic_tree(*, with_counts: bool = False) -> list[TopicBranch]:
    """主题分类 as a two-level tree (one query), optionally with counts of published items
    (one more, grouped)."""
    branches = {
        topic.pk: TopicBranch(topic) for topic in Topic.objects.order_by("sort_order", "id")
    }
    if with_counts:
        counts = (
            Item.objects.filter(status=Status.PUBLISHED, topic__isnull=False)
            .values_list("topic_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for topic_id, n in counts:
            if topic_id in branches:
                branches[topic_id].item_count = n
    roots = []
    for branch in branches.values():
        parent = branches.get(branch.topic.parent_id) if branch.topic.parent_id else None
        if parent is None:
            roots.append(branch)
        else:
            parent.children.append(branch)
            branch.topic.parent = parent.topic  # str() and breadcrumbs without a query
    if with_counts:
        for root in roots:
            root.item_count += sum(child.item_count for child in root.children)
    return roots


def find_topic(tree: list[TopicBranch], topic_id: int) -> tuple[TopicBranch | None, TopicBranch]:
    """(parent branch or None, branch) of ``topic_id`` in ``tree``; Http404 if absent."""
    for root in tree:
        if root.topic.pk == topic_id:
            return None, root
        for child in root.children:
            if child.topic.pk == topic_id:
                return root, child
    raise Http404


def info_type_counts() -> dict[str, int]:
    """Published items per 信息类别 (one grouped query)."""
    return dict(
        Item.objects.filter(status=Status.PUBLISHED)
        .values_list("info_type")
        .annotate(n=Count("id"))
        .order_by()
    )


# ---------------------------------------------------------------- item page


def organization_with_ancestors(org_id: int) -> Organization:
    """An organization with two levels of parents loaded, for breadcrumbs in one query."""
    return Organization.objects.select_related("parent__parent").get(pk=org_id)


def breadcrumb_node(item: Item):
    """The catalog column an item page's breadcrumbs go through: the first active column of
    the issuing organization the item is filed under (``catalog_nodes`` prefetched)."""
    for node in item.catalog_nodes.all():
        if node.is_active and node.organization_id == item.organization_id:
            return node
    return None


def similar_items(item: Item, *, exclude: set[int] = frozenset(), limit: int = 5) -> list[Item]:
    """The newest published items filed under the same catalog columns or with the same
    topic (one query; ``catalog_nodes`` prefetched)."""
    node_ids = [node.pk for node in item.catalog_nodes.all()]
    match = Q()
    if node_ids:
        match |= Q(
            pk__in=Item.catalog_nodes.through.objects.filter(catalognode_id__in=node_ids).values(
                "item_id"
            )
        )
    if item.topic_id:
        match |= Q(topic_id=item.topic_id)
    if not match:
        return []
    return list(published_items().filter(match).exclude(pk__in={item.pk, *exclude})[:limit])
