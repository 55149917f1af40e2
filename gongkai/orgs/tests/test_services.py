import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.testing import OrganizationFactory, UserFactory, aware, staff
from gongkai.orgs.models import Level, Membership, Role
from gongkai.orgs.permissions import has_role, is_platform_admin, require_role
from gongkai.orgs.services import (
    membership_grant,
    membership_revoke,
    organization_create,
    organization_update,
)
from gongkai.portal.cache import public_version

pytestmark = pytest.mark.django_db
NOW = aware(2025, 3, 10, 9, 30)
LATER = aware(2025, 6, 1, 9, 0)


@pytest.fixture
def admin():
    return staff(OrganizationFactory(), Role.PLATFORM_ADMIN)


def org_fields(**overrides):
    fields = {
        "name": "临江市统计局",
        "code": "11339100MB12345678",
        "slug": "tjj",
        "level": Level.DEPARTMENT,
    }
    return fields | overrides


# ---------------------------------------------------------------- organizations


def test_organization_create_is_audited_and_purges_public_pages(admin):
    version = public_version()
    org = organization_create(actor=admin, now=NOW, **org_fields())
    entry = AuditEntry.objects.get(action="orgs.organization_create", object_id=org.pk)
    assert (entry.actor, entry.at) == (admin, NOW)
    assert entry.summary == "新建机构：临江市统计局"
    assert public_version() != version


def test_organization_create_refuses_a_taken_code(admin):
    organization_create(actor=admin, now=NOW, **org_fields())
    with pytest.raises(DomainError) as exc:
        organization_create(actor=admin, now=NOW, **org_fields(name="另一个局", slug="other"))
    assert exc.value.field == "code"


def test_only_platform_admins_manage_organizations():
    clerk = staff(OrganizationFactory(), Role.OPENNESS_OFFICE)
    with pytest.raises(NotAllowed, match="只有平台管理员"):
        organization_create(actor=clerk, now=NOW, **org_fields())
    superuser = UserFactory(is_superuser=True)
    assert organization_create(actor=superuser, now=NOW, **org_fields()).pk


def test_organization_update_records_the_changed_fields(admin):
    org = OrganizationFactory(phone="0571-1")
    organization_update(organization=org, actor=admin, now=NOW, phone="0571-2", name=org.name)
    entry = AuditEntry.objects.get(action="orgs.organization_update")
    assert entry.data == {"fields": ["phone"]} and "联系电话" in entry.summary
    organization_update(organization=org, actor=admin, now=NOW, phone="0571-2")
    assert AuditEntry.objects.filter(action="orgs.organization_update").count() == 1


def test_organization_cannot_sit_below_itself(admin):
    city = OrganizationFactory(level=Level.GOVERNMENT)
    district = OrganizationFactory(parent=city, level=Level.DISTRICT)
    town = OrganizationFactory(parent=district, level=Level.TOWN)
    for parent in (city, town):
        with pytest.raises(DomainError, match="上级机构不能是本机构或其下级机构"):
            organization_update(organization=city, actor=admin, now=NOW, parent=parent)


# ---------------------------------------------------------------- memberships


def test_grant_is_audited_and_takes_effect(admin):
    org, clerk = OrganizationFactory(), UserFactory()
    assert not has_role(clerk, org, Role.DRAFTER)  # caches the (empty) roles
    membership = membership_grant(
        user=clerk, organization=org, role=Role.DRAFTER, actor=admin, now=NOW
    )
    assert membership.granted_at == NOW and membership.revoked_at is None
    assert has_role(clerk, org, Role.DRAFTER)
    entry = AuditEntry.objects.get(action="orgs.membership_grant", object_id=membership.pk)
    assert entry.actor == admin and entry.at == NOW
    assert entry.data == {"user": clerk.pk, "organization": org.pk, "role": Role.DRAFTER}


def test_grant_refuses_a_role_already_held(admin):
    org = OrganizationFactory()
    clerk = staff(org, Role.DRAFTER)
    with pytest.raises(DomainError, match="此人已在该机构担任该角色"):
        membership_grant(user=clerk, organization=org, role=Role.DRAFTER, actor=admin, now=NOW)


def test_only_platform_admins_grant_roles():
    org = OrganizationFactory()
    office = staff(org, Role.OPENNESS_OFFICE)
    with pytest.raises(NotAllowed):
        membership_grant(
            user=UserFactory(), organization=org, role=Role.DRAFTER, actor=office, now=NOW
        )
    assert not AuditEntry.objects.filter(action="orgs.membership_grant", actor=office).exists()


def test_revoked_role_stays_as_history_and_grants_nothing(admin):
    org = OrganizationFactory()
    clerk = staff(org, Role.DRAFTER)
    assert has_role(clerk, org, Role.DRAFTER)

    membership = membership_revoke(
        membership=clerk.memberships.get(), actor=admin, now=LATER, reason="调离"
    )

    assert membership.revoked_at == LATER
    assert not has_role(clerk, org, Role.DRAFTER)
    with pytest.raises(NotAllowed):
        require_role(clerk, org, Role.DRAFTER)
    entry = AuditEntry.objects.get(action="orgs.membership_revoke")
    assert entry.reason == "调离" and entry.at == LATER
    with pytest.raises(InvalidTransition, match="已经撤销"):
        membership_revoke(membership=membership, actor=admin, now=LATER)

    # Granted again: a new period, the old one kept.
    membership_grant(user=clerk, organization=org, role=Role.DRAFTER, actor=admin, now=LATER)
    assert clerk.memberships.count() == 2 and has_role(clerk, org, Role.DRAFTER)


def test_revoked_platform_admin_is_no_longer_one(admin):
    assert is_platform_admin(admin)
    membership_revoke(membership=admin.memberships.get(), actor=None, now=NOW)
    assert not is_platform_admin(admin)
    assert Membership.objects.active().filter(user=admin).count() == 0
