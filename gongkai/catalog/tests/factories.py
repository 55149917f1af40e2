"""Factories for catalog tests: organizations, people and their roles."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model

import factory

from gongkai.orgs.models import Level, Membership, Organization, Role
from gongkai.publishing.models import Item

NOW = datetime(2025, 6, 3, 2, 0, tzinfo=UTC)  # 10:00 in Beijing, a Tuesday


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试区第{n}局")
    code = factory.Sequence(lambda n: f"11440000{n:010d}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    level = Level.DEPARTMENT
    office_name = factory.LazyAttribute(lambda o: f"{o.name}办公室")
    address = "测试市人民路1号"
    postcode = "510000"
    office_hours = "工作日 9:00—12:00，14:00—17:30"
    phone = "020-12345678"
    fax = "020-12345679"
    email = "gongkai@example.gov.cn"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-123")


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
