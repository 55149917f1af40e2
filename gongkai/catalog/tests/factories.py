"""Catalog test helpers on top of the shared factories in gongkai.core.testing."""

from datetime import UTC, datetime

from gongkai.core.testing import OrganizationFactory, UserFactory  # noqa: F401 (re-exported)
from gongkai.orgs.models import Membership, Organization, Role
from gongkai.publishing.models import Item

NOW = datetime(2025, 6, 3, 2, 0, tzinfo=UTC)  # 10:00 in Beijing, a Tuesday


def member(organization: Organization, role: str = Role.OPENNESS_OFFICE, user=None, **extra):
    """A user (new unless given) holding ``role`` in ``organization``."""
    user = user or UserFactory(**extra)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


_serial = iter(range(1, 10**6))


def published_item(
    organization: Organization, *nodes, published_at: datetime = NOW, status: str = "published"
) -> Item:
    item = Item.objects.create(
        organization=organization,
        index_number=f"{organization.code}/2025-{next(_serial):05d}",
        title="测试信息",
        written_on=published_at.date(),
        info_type="notice",
        created_at=published_at,
        updated_at=published_at,
        status=status,
        published_at=published_at if status == "published" else None,
    )
    item.catalog_nodes.set(nodes)
    return item
