"""List and detail pages read a fixed number of queries, however much data there is."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType
from gongkai.publishing.models import ItemRelation

from .data import NOW, approve, draft, interpret, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(team):
    """An organization with a small catalog and several published items in it."""
    top = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=None, name="政策文件"
    )
    node = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=top, name="规范性文件"
    )
    partners = [OrganizationFactory(), OrganizationFactory()]
    items = [
        publish(
            team,
            title=f"通知{n}",
            catalog_nodes=[node],
            co_issuers=partners,
            info_type=InfoType.NORMATIVE,
            effective_on=date(2025, 3, 1),
        )
        for n in range(6)
    ]
    return team, node, items


def test_organization_page_queries(client, busy, django_assert_max_num_queries):
    team, _node, _items = busy
    # organization, catalog tree, item count, item page, sub-organizations, site settings
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:organization", args=[team.org.slug]))
    assert response.status_code == 200 and response.content.decode().count("通知") >= 6


def test_catalog_node_page_queries(client, busy, django_assert_max_num_queries):
    team, node, _items = busy
    with django_assert_max_num_queries(5):
        response = client.get(reverse("portal:catalog_node", args=[team.org.slug, node.pk]))
    assert response.status_code == 200


def test_home_and_list_queries(client, busy, django_assert_max_num_queries):
    # site settings, latest items, policies, notices, news, interpretations, organizations
    with django_assert_max_num_queries(7):
        assert client.get(reverse("portal:home")).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("portal:organizations")).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("portal:interpretations")).status_code == 200


def test_item_page_queries(client, busy, django_assert_max_num_queries):
    team, node, items = busy
    item = draft(
        team,
        title="有附件和解读的办法",
        info_type=InfoType.NORMATIVE,
        catalog_nodes=[node],
        co_issuers=[OrganizationFactory(), OrganizationFactory()],
    )
    for n in range(3):
        services.attachment_add(
            item=item,
            actor=team.drafter,
            now=NOW,
            title=f"附件{n}",
            file=SimpleUploadedFile(f"a{n}.pdf", b"%PDF-1.4"),
        )
    item = approve(team, item)
    interpret(team, item, title="解读一")
    interpret(team, item, title="解读二")
    item = services.item_publish(item=item, actor=team.office, now=NOW)
    for other in items[:3]:
        ItemRelation.objects.create(source=item, target=other, kind="amends")
        ItemRelation.objects.create(source=other, target=item, kind="reprints")
    services.item_correct(item=item, actor=team.office, now=NOW, reason="更正错字")

    # item with topic; its attachments, co-issuers, columns, events, interpretations and
    # relations both ways (two each); organization with its parents; similar items; settings
    with django_assert_max_num_queries(13):
        response = client.get(reverse("portal:item", args=[item.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("附件") >= 3 and "解读二" in html and "更正错字" in html


def test_interpretation_page_queries(client, team, django_assert_max_num_queries):
    policies = [
        approve(team, draft(team, title=f"政策{n}", info_type=InfoType.NORMATIVE)) for n in range(3)
    ]
    interpretation = interpret(team, *policies, title="三个文件的合并解读")
    for policy in policies:
        services.item_publish(item=policy, actor=team.office, now=NOW)

    # interpretation with its organization, its public policies, site settings
    with django_assert_max_num_queries(3):
        response = client.get(reverse("portal:interpretation", args=[interpretation.pk]))
    assert response.status_code == 200 and response.content.decode().count("政策") >= 3
