from datetime import date

from django.urls import reverse

import pytest

from gongkai.catalog.models import DocumentKind
from gongkai.catalog.services import negative_entry_save, openness_document_save

from .factories import NOW, OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(name="测试市交通运输局", slug="jtj", phone="0571-87654321")


@pytest.fixture
def office(org):
    return member(org)


def test_guide_page_shows_the_generated_guide_and_office_contacts(client, org):
    response = client.get(reverse("catalog:guide", args=[org.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "测试市交通运输局政府信息公开指南" in html
    assert "依申请公开" in html and "监督和救济" in html
    assert "0571-87654321" in html
    assert '<th scope="row">' in html
    assert reverse("portal:organization", args=[org.slug]) in html


def test_guide_page_prefers_the_organization_own_guide(client, org, office):
    openness_document_save(
        organization=org,
        kind=DocumentKind.GUIDE,
        title="交通运输局公开指南（2025年版）",
        body="<h2>一、总则</h2><p>本局自行编写的指南。</p>",
        actor=office,
        now=NOW,
    )
    html = client.get(reverse("catalog:guide", args=[org.slug])).content.decode()
    assert "交通运输局公开指南（2025年版）" in html
    assert "本局自行编写的指南。" in html
    assert "国办函〔2020〕109号" not in html
    assert "0571-87654321" in html  # contacts always shown


def test_rules_list_and_detail(client, org, office):
    rule = openness_document_save(
        organization=org,
        kind=DocumentKind.RULES,
        title="政府信息公开保密审查制度",
        body="<p>先审查、后公开。</p>",
        actor=office,
        now=NOW,
    )
    listing = client.get(reverse("catalog:rules", args=[org.slug])).content.decode()
    detail_url = reverse("catalog:rule", args=[org.slug, rule.pk])
    assert detail_url in listing
    detail = client.get(detail_url).content.decode()
    assert "先审查、后公开。" in detail and "政府信息公开保密审查制度" in detail


def test_a_rule_is_only_found_under_its_own_organization(client, org, office):
    rule = openness_document_save(
        organization=org,
        kind=DocumentKind.RULES,
        title="制度",
        body="<p>x</p>",
        actor=office,
        now=NOW,
    )
    other = OrganizationFactory()
    assert client.get(reverse("catalog:rule", args=[other.slug, rule.pk])).status_code == 404


def test_negative_list_shows_active_entries(client, org, office):
    for matter, active in [("应急物资储备库位置", True), ("已解除的事项", False)]:
        negative_entry_save(
            organization=org,
            actor=office,
            now=NOW,
            matter=matter,
            legal_basis="《中华人民共和国政府信息公开条例》第十四条",
            scope="全市储备库",
            review_on=date(2025, 12, 31),
            is_active=active,
        )
    html = client.get(reverse("catalog:negative_list", args=[org.slug])).content.decode()
    assert "应急物资储备库位置" in html
    assert "第十四条" in html and "全市储备库" in html and "2025-12-31" in html
    assert "已解除的事项" not in html
    assert '<th scope="col">' in html


def test_empty_pages_say_so(client, org):
    assert (
        "暂无列入负面清单"
        in client.get(reverse("catalog:negative_list", args=[org.slug])).content.decode()
    )
    assert "暂未发布" in client.get(reverse("catalog:rules", args=[org.slug])).content.decode()


@pytest.mark.parametrize("name", ["guide", "rules", "negative_list"])
def test_unknown_or_inactive_organization_is_404(client, name):
    assert client.get(reverse(f"catalog:{name}", args=["no-such-org"])).status_code == 404
    hidden = OrganizationFactory(is_active=False)
    assert client.get(reverse(f"catalog:{name}", args=[hidden.slug])).status_code == 404
