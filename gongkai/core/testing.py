"""Factories for tests across apps. Data that has a service is made through it."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

import factory

from gongkai.orgs.models import Level, Organization, Role
from gongkai.orgs.services import membership_grant, organization_create

User = get_user_model()


def aware(*args) -> datetime:
    """An aware datetime in Asia/Shanghai: aware(2025, 3, 10, 9, 30)."""
    return timezone.make_aware(datetime(*args))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试市第{n}局")
    code = factory.Sequence(lambda n: f"11330100MB{n:08d}")
    slug = factory.Sequence(lambda n: f"org{n}")
    level = Level.DEPARTMENT
    office_name = factory.LazyAttribute(lambda o: f"{o.name}办公室")
    address = "测试市人民路1号"
    postcode = "310000"
    office_hours = "工作日 9:00—12:00，14:00—17:30"
    phone = "0571-87000000"
    fax = "0571-87000001"
    email = "gongkai@example.gov.cn"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return organization_create(actor=None, now=timezone.now(), **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"职员{n}")
    password = factory.django.Password("correct-horse-9")


def staff(organization: Organization, *roles: str, **kwargs):
    """A user holding ``roles`` in ``organization``."""
    user = UserFactory(**kwargs)
    for role in roles:
        membership_grant(
            user=user, organization=organization, role=role, actor=None, now=timezone.now()
        )
    return user


class Team:
    """One organization with a person in each workflow role."""

    def __init__(self, organization=None):
        self.org = organization or OrganizationFactory()
        self.drafter = staff(self.org, Role.DRAFTER)
        self.reviewer = staff(self.org, Role.UNIT_REVIEWER)
        self.secrecy = staff(self.org, Role.CONFIDENTIALITY_REVIEWER)
        self.office = staff(self.org, Role.OPENNESS_OFFICE)


def item_fields(**overrides) -> dict:
    from gongkai.publishing.choices import InfoType

    fields = {
        "title": "关于开展2025年度政务公开重点工作的通知",
        "written_on": date(2025, 3, 3),
        "info_type": InfoType.NOTICE,
        "body": "<p>各有关单位：现就做好本年度政务公开工作通知如下。</p>",
    }
    fields.update(overrides)
    return fields


def published_item(team: Team, *, now: datetime, **overrides):
    """An item of ``team``'s organization taken through review to 已发布 at ``now``."""
    from gongkai.publishing import services

    item = services.item_create(
        organization=team.org, actor=team.drafter, now=now, **item_fields(**overrides)
    )
    services.item_submit(item=item, actor=team.drafter, now=now)
    services.item_approve(item=item, actor=team.reviewer, now=now)
    services.item_approve(item=item, actor=team.secrecy, now=now)
    return services.item_publish(item=item, actor=team.office, now=now)
