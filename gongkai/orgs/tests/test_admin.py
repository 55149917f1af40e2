"""The admin saves organizations and roles through the services, so every change is audited."""

from django.urls import reverse

import pytest

from gongkai.core.models import AuditEntry
from gongkai.core.testing import OrganizationFactory, UserFactory, staff
from gongkai.orgs.models import Level, Membership, Organization, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return staff(OrganizationFactory(), Role.PLATFORM_ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_organization_added_and_changed_through_the_services(admin_client, admin_user):
    form = {
        "name": "临江市统计局",
        "code": "11339100MB12345678",
        "slug": "tjj",
        "level": Level.DEPARTMENT,
        "sort_order": "0",
        "is_active": "on",
    }
    response = admin_client.post(reverse("admin:orgs_organization_add"), form)
    assert response.status_code == 302, response.content.decode()
    org = Organization.objects.get(slug="tjj")
    assert (
        AuditEntry.objects.get(action="orgs.organization_create", object_id=org.pk).actor
        == admin_user
    )

    url = reverse("admin:orgs_organization_change", args=[org.pk])
    response = admin_client.post(url, form | {"phone": "0571-88888888"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="orgs.organization_update", object_id=org.pk)
    assert entry.data == {"fields": ["phone"]}


def test_organization_below_itself_is_a_form_error(admin_client):
    city = OrganizationFactory(level=Level.GOVERNMENT)
    town = OrganizationFactory(parent=city, level=Level.TOWN)
    form = {
        "name": city.name,
        "code": city.code,
        "slug": city.slug,
        "level": city.level,
        "parent": town.pk,
        "sort_order": "0",
    }
    response = admin_client.post(reverse("admin:orgs_organization_change", args=[city.pk]), form)
    assert response.status_code == 200
    assert "上级机构不能是本机构或其下级机构" in response.content.decode()


def test_membership_granted_in_the_admin_is_audited(admin_client, admin_user):
    org, clerk = OrganizationFactory(), UserFactory()
    form = {"user": clerk.pk, "organization": org.pk, "role": Role.DRAFTER}
    response = admin_client.post(reverse("admin:orgs_membership_add"), form)
    assert response.status_code == 302, response.content.decode()
    membership = Membership.objects.get(user=clerk)
    assert membership.granted_at is not None
    entry = AuditEntry.objects.get(action="orgs.membership_grant", object_id=membership.pk)
    assert entry.actor == admin_user

    response = admin_client.post(reverse("admin:orgs_membership_add"), form)
    assert response.status_code == 400
    assert "此人已在该机构担任该角色" in response.content.decode()


def test_memberships_are_revoked_not_deleted(admin_client, admin_user):
    org = OrganizationFactory()
    clerk = staff(org, Role.DRAFTER)
    membership = clerk.memberships.get()
    changelist = reverse("admin:orgs_membership_changelist")
    response = admin_client.post(
        changelist, {"action": "revoke", "_selected_action": [membership.pk]}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.revoked_at is not None
    assert AuditEntry.objects.filter(action="orgs.membership_revoke", actor=admin_user).exists()
    delete = reverse("admin:orgs_membership_delete", args=[membership.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_role_added_on_the_user_page_is_granted_through_the_service(admin_client, admin_user):
    org = OrganizationFactory()
    clerk = staff(org, Role.DRAFTER)
    held = clerk.memberships.get()
    prefix = "memberships"
    form = {
        "username": clerk.username,
        "first_name": clerk.first_name,
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "09:00:00",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": held.pk,
        f"{prefix}-0-user": clerk.pk,
        f"{prefix}-1-user": clerk.pk,
        f"{prefix}-1-organization": org.pk,
        f"{prefix}-1-role": Role.UNIT_REVIEWER,
    }
    response = admin_client.post(reverse("admin:auth_user_change", args=[clerk.pk]), form)
    assert response.status_code == 302, response.content.decode()
    granted = clerk.memberships.get(role=Role.UNIT_REVIEWER)
    assert (
        AuditEntry.objects.get(action="orgs.membership_grant", object_id=granted.pk).actor
        == admin_user
    )
    held.refresh_from_db()
    assert held.role == Role.DRAFTER and held.revoked_at is None
