from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from gongkai.catalog.models import CatalogNode, CatalogTemplate, NegativeListEntry, TemplateKind
from gongkai.catalog.services import catalog_node_save
from gongkai.core.models import AuditEntry
from gongkai.orgs.models import Role

from .factories import NOW, OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def office_client(client, org):
    user = member(org, Role.OPENNESS_OFFICE, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(client):
    """A superuser who is also a platform administrator."""
    user = member(OrganizationFactory(), Role.PLATFORM_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def _entry_form(org, **overrides):
    return {
        "organization": org.pk,
        "matter": "应急物资储备库位置",
        "legal_basis": "条例第十四条",
        "scope": "",
        "review_on": "2099-01-01",
        "is_active": "on",
        **overrides,
    }


def test_admin_saves_negative_entries_through_the_service(office_client, org):
    response = office_client.post(reverse("admin:catalog_negativelistentry_add"), _entry_form(org))
    assert response.status_code == 302, response.content.decode()
    entry = NegativeListEntry.objects.get()
    assert entry.organization == org and entry.updated_at is not None
    assert AuditEntry.objects.filter(action="catalog.negative_create", object_id=entry.pk)


def test_admin_shows_service_refusals_as_form_errors(office_client, org):
    other = OrganizationFactory()
    response = office_client.post(
        reverse("admin:catalog_negativelistentry_add"), _entry_form(other)
    )
    assert response.status_code == 200  # the organization is not offered to this user
    response = office_client.post(
        reverse("admin:catalog_negativelistentry_add"), _entry_form(org, review_on="2000-01-01")
    )
    assert response.status_code == 200
    assert "早于今天" in response.content.decode()
    assert not NegativeListEntry.objects.exists()


def test_superuser_without_a_platform_role_is_refused(client, org):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:catalog_negativelistentry_add"), _entry_form(org))
    assert response.status_code == 200
    assert "无权办理" in response.content.decode()
    assert not NegativeListEntry.objects.exists()


def test_admin_edits_columns_through_the_service(office_client, org):
    node = catalog_node_save(
        organization=org, actor=org.memberships.get().user, now=NOW, name="通知公告"
    )
    response = office_client.post(
        reverse("admin:catalog_catalognode_change", args=[node.pk]),
        {
            "parent": "",
            "name": "通知公告",
            "subject": "本机关",
            "content": "",
            "time_limit": "",
            "method": "",
            "scope": "全社会",
            "update_frequency": "weekly",
            "sort_order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    node.refresh_from_db()
    assert node.update_frequency == "weekly"
    assert AuditEntry.objects.filter(action="catalog.node_update", object_id=node.pk)


def test_admin_builds_a_catalog_from_a_template(office_client, org):
    template = CatalogTemplate.objects.get(kind=TemplateKind.FIVE_PUBLIC)
    url = reverse("admin:catalog_catalognode_instantiate")
    assert office_client.get(url).status_code == 200
    response = office_client.post(url, {"organization": org.pk, "template": template.pk})
    assert response.status_code == 302
    assert CatalogNode.objects.filter(organization=org).count() == 6


def test_admin_pages_render(admin_client_, org):
    template = CatalogTemplate.objects.get(kind=TemplateKind.GRASSROOTS)
    for url in [
        reverse("admin:catalog_catalogtemplate_changelist"),
        reverse("admin:catalog_catalogtemplate_change", args=[template.pk]),
        reverse("admin:catalog_catalogtemplatenode_changelist"),
        reverse("admin:catalog_catalognode_changelist"),
        reverse("admin:catalog_catalognode_add"),
        reverse("admin:catalog_opennessdocument_add"),
        reverse("admin:catalog_negativelistentry_changelist"),
    ]:
        assert admin_client_.get(url).status_code == 200, url


def test_nothing_can_be_deleted_in_the_admin(admin_client_, org):
    user = member(org)
    node = catalog_node_save(organization=org, actor=user, now=NOW, name="甲")
    url = reverse("admin:catalog_catalognode_delete", args=[node.pk])
    assert admin_client_.get(url).status_code == 403
