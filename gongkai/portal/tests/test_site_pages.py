"""Home page, site map, accessibility statement, elderly-friendly mode, footer and feed links."""

import json
import re
from datetime import date

from django.urls import reverse

import pytest

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, aware
from gongkai.orgs.models import Level, PlatformSettings
from gongkai.portal.cache import ELDERLY_COOKIE
from gongkai.portal.navigation import module_entries
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType
from gongkai.publishing.models import ItemRelation, Topic

from .data import NOW, interpret, publish

pytestmark = pytest.mark.django_db


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_home_lists_each_column_with_dates(client, team):
    publish(team, title="关于节假日安排的通知", now=aware(2025, 3, 5, 9))
    publish(team, title="局长调研春耕生产", info_type=InfoType.NEWS, now=aware(2025, 3, 6, 9))
    policy = publish(
        team,
        title="某某管理办法",
        info_type=InfoType.NORMATIVE,
        document_number="测政规〔2025〕3号",
        now=aware(2025, 3, 7, 9),
    )
    publish(team, title="年度统计公报", info_type=InfoType.STATISTICS, now=aware(2025, 3, 8, 9))

    html = client.get(reverse("portal:home")).content.decode()

    notices = section(html, "notices-heading")
    assert "关于节假日安排的通知" in notices and "2025-03-05" in notices
    assert "局长调研春耕生产" in section(html, "news-heading")
    policies = section(html, "policies-heading")
    assert policy.title in policies and "测政规〔2025〕3号" in policies
    assert "关于节假日安排的通知" not in policies
    latest = section(html, "latest-heading")
    assert "年度统计公报" in latest and "2025-03-08" in latest and team.org.name in latest
    # Every listed item shows its date.
    for part in ("notices-heading", "news-heading", "policies-heading", "latest-heading"):
        block = section(html, part)
        assert block.count('<a href="/xxgk/') == block.count("<time")


def test_home_interpretations_column(client, team):
    policy = services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=NOW,
        title="需要解读的办法",
        written_on=date(2025, 3, 3),
        info_type=InfoType.NORMATIVE,
        needs_interpretation=False,
    )
    from .data import approve

    approve(team, policy)
    interpret(team, policy, title="《办法》图解")
    services.item_publish(item=policy, actor=team.office, now=NOW)

    part = section(client.get(reverse("portal:home")).content.decode(), "interpretations-heading")
    assert "《办法》图解" in part and "2025-03-10" in part


def test_service_grid_links_built_modules_and_marks_the_others(client, team):
    html = client.get(reverse("portal:home")).content.decode()
    grid = section(html, "services-heading")
    for name in ("portal:xxgk", "portal:policies", "portal:interpretations"):
        assert f'href="{reverse(name)}"' in grid
    assert f'href="{reverse("foi:home")}"' in grid
    # A module not built yet is named, marked, and not a link anywhere.
    for entry in module_entries():
        if entry.url is None:
            assert entry.label in grid and "建设中" in grid
            assert re.search(rf"<a [^>]*>{entry.label}", grid) is None


def test_empty_home_page_says_so(client, team):
    html = client.get(reverse("portal:home")).content.decode()
    assert "暂无通知公告" in html and "暂无已公开的信息" in html
    assert html.count("<h1") == 1


def test_home_links_the_main_government_openness_columns(client, team):
    government = OrganizationFactory(name="测试市人民政府", level=Level.GOVERNMENT, sort_order=0)
    html = client.get(reverse("portal:home")).content.decode()
    for name in ("catalog:guide", "catalog:rules", "catalog:negative_list", "portal:organization"):
        assert reverse(name, args=[government.slug]) in html


def test_footer_shows_the_site_identifiers(client, team):
    PlatformSettings.objects.filter(pk=1).update(
        site_name="测试市人民政府门户网站",
        sponsor="测试市人民政府办公室",
        organizer="测试市大数据中心",
        site_code="3301000001",
        icp_number="浙ICP备00000000号",
        psb_number="浙公网安备33010002000001号",
        contact="0571-12345678",
    )
    html = client.get(reverse("portal:accessibility")).content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for text in (
        "主办单位：测试市人民政府办公室",
        "承办单位：测试市大数据中心",
        "网站标识码：3301000001",
        "浙ICP备00000000号",
        "浙公网安备33010002000001号",
        "0571-12345678",
    ):
        assert text in footer
    assert reverse("portal:site_map") in footer and reverse("portal:accessibility") in footer
    assert "<title>无障碍说明 - 测试市人民政府门户网站</title>" in html


def test_site_map_lists_every_section(client, team):
    government = OrganizationFactory(level=Level.GOVERNMENT)
    html = client.get(reverse("portal:site_map")).content.decode()
    for name in (
        "portal:xxgk",
        "portal:organizations",
        "portal:topics",
        "portal:types",
        "portal:item_list",
        "portal:policies",
        "portal:interpretations",
        "portal:accessibility",
        "discovery:latest_rss",
        "discovery:sitemap",
    ):
        assert f'href="{reverse(name)}"' in html, name
    assert reverse("catalog:guide", args=[government.slug]) in html
    assert f'href="{reverse("foi:home")}"' in html
    if any(entry.url is None for entry in module_entries()):
        assert "建设中" in html


def test_accessibility_statement(client, team):
    html = client.get(reverse("portal:accessibility")).content.decode()
    assert "WCAG 2.1" in html and "GB/T 37668" in html and "长者模式" in html
    assert f"{reverse('portal:elderly_mode')}?elderly=1" in html


def test_elderly_mode_link_sets_a_lasting_cookie_and_goes_back(client, team):
    url = reverse("portal:elderly_mode")
    response = client.get(url, {"elderly": "1", "next": "/zcwj/?validity=all"})

    assert response.status_code == 302 and response["Location"] == "/zcwj/?validity=all"
    cookie = response.cookies[ELDERLY_COOKIE]
    assert cookie.value == "1" and int(cookie["max-age"]) >= 180 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(reverse("portal:policies")).content.decode()
    assert '<html lang="zh-CN" class="elderly">' in page and "退出长者模式" in page

    off = client.get(url, {"elderly": "0", "next": "/"})
    assert off.cookies[ELDERLY_COOKIE].value == "" and off["Location"] == "/"
    assert 'class="elderly"' not in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x", ""]
)
def test_elderly_mode_never_redirects_elsewhere(client, target):
    response = client.get(reverse("portal:elderly_mode"), {"elderly": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_every_page_links_to_elderly_mode_and_back_to_itself(client, team):
    html = client.get(reverse("portal:policies") + "?type=rule").content.decode()
    assert f"{reverse('portal:elderly_mode')}?elderly=1&amp;next=%2Fzcwj%2F%3Ftype%3Drule" in html


@pytest.fixture
def filed(team):
    node = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=None, name="通知公告"
    )
    item = publish(team, title="栏目里的通知", catalog_nodes=[node])
    return node, item


def alternates(html: str) -> set[tuple[str, str]]:
    return set(
        re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"', html)
    )


def test_feed_links_in_the_head_and_on_the_page(client, team, filed):
    node, _item = filed
    cases = [
        (reverse("portal:home"), "latest_rss", "latest_atom", []),
        (
            reverse("portal:organization", args=[team.org.slug]),
            "org_rss",
            "org_atom",
            [team.org.slug],
        ),
        (
            reverse("portal:catalog_node", args=[team.org.slug, node.pk]),
            "catalog_rss",
            "catalog_atom",
            [node.pk],
        ),
        (reverse("portal:type_items", args=["notice"]), "type_rss", "type_atom", ["notice"]),
    ]
    for url, rss, atom, args in cases:
        html = client.get(url).content.decode()
        rss_url = reverse(f"discovery:{rss}", args=args)
        atom_url = reverse(f"discovery:{atom}", args=args)
        assert ("application/rss+xml", rss_url) in alternates(html), url
        assert ("application/atom+xml", atom_url) in alternates(html), url
        body = html.split("<main", 1)[1]
        assert f'href="{rss_url}"' in body and f'href="{atom_url}"' in body, url
        assert client.get(rss_url).status_code == 200


# ---------------------------------------------------------------- item pages


def ld_json(html: str) -> dict:
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    return json.loads(block)


def test_item_page_has_canonical_description_and_json_ld(client, team, settings):
    settings.ALLOWED_HOSTS = ["www.example.gov.cn"]
    topic = Topic.objects.get(name="政务公开")
    item = publish(
        team,
        title="关于印发《测试办法》的通知",
        info_type=InfoType.NORMATIVE,
        document_number="测政规〔2025〕9号",
        topic=topic,
        keywords="政务公开；办法",
        summary="本办法规范政务公开</script><script>alert(1)</script>工作。",
    )
    url = reverse("portal:item", args=[item.pk])

    html = client.get(url, HTTP_HOST="www.example.gov.cn").content.decode()

    assert f'<link rel="canonical" href="http://www.example.gov.cn{url}">' in html
    assert '<meta name="description" content="本办法规范政务公开&lt;/script&gt;' in html
    assert "<script>alert(1)</script>" not in html
    data = ld_json(html)
    assert data["@type"] == "Legislation" and data["url"] == f"http://www.example.gov.cn{url}"
    assert data["legislationIdentifier"] == "测政规〔2025〕9号"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["legislationType"] == "行政规范性文件"
    assert data["inLanguage"] == "zh-CN" and data["publisher"]["name"] == team.org.name
    assert {"propertyID": "索引号", "value": item.index_number, "@type": "PropertyValue"} in data[
        "identifier"
    ]
    assert data["datePublished"].startswith("2025-03-10") and "dateModified" in data
    assert data["about"] == "综合政务\\政务公开"


def test_notice_is_an_article_and_abolished_policy_not_in_force(client, team):
    notice = publish(team, title="一则通知")
    data = ld_json(client.get(reverse("portal:item", args=[notice.pk])).content.decode())
    assert data["@type"] == "Article" and "legislationLegalForce" not in data

    rule = publish(team, title="一部规章", info_type=InfoType.RULE, document_number="测府令第2号")
    services.item_abolish(item=rule, actor=team.office, now=NOW, reason="废止")
    data = ld_json(client.get(reverse("portal:item", args=[rule.pk])).content.decode())
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"


def test_withdrawn_item_has_no_structured_data_and_is_not_indexed(client, team):
    item = publish(team, title="撤回的通知")
    services.item_withdraw(item=item, actor=team.office, now=NOW, reason="有误")
    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "application/ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_item_breadcrumbs_go_through_the_column_or_the_type(client, team, filed):
    node, item = filed
    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    crumbs = html.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert (
        reverse("portal:xxgk") in crumbs
        and reverse("portal:organization", args=[team.org.slug]) in crumbs
    )
    assert reverse("portal:catalog_node", args=[team.org.slug, node.pk]) in crumbs
    assert 'aria-current="page">栏目里的通知<' in crumbs

    loose = publish(team, title="未归栏目的统计", info_type=InfoType.STATISTICS)
    html = client.get(reverse("portal:item", args=[loose.pk])).content.decode()
    crumbs = html.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert reverse("portal:type_items", args=["statistics"]) in crumbs and "统计信息" in crumbs


def test_item_breadcrumbs_show_the_parent_organizations(client, team):
    government = OrganizationFactory(name="测试市人民政府", level=Level.GOVERNMENT)
    team.org.parent = government
    team.org.save()
    item = publish(team)
    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    crumbs = html.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert crumbs.index("测试市人民政府") < crumbs.index(team.org.name)


def test_similar_items_share_a_column_or_topic(client, team, filed):
    node, item = filed
    topic = Topic.objects.get(name="政务公开")
    item = services.item_correct(
        item=item, actor=team.office, now=NOW, reason="补主题", topic=topic
    )
    same_node = [publish(team, title=f"同栏目{n}", catalog_nodes=[node]) for n in range(3)]
    same_topic = [publish(team, title=f"同主题{n}", topic=topic) for n in range(3)]
    publish(team, title="无关信息")
    withdrawn = publish(team, title="撤回的同栏目", catalog_nodes=[node])
    services.item_withdraw(item=withdrawn, actor=team.office, now=NOW, reason="有误")
    related = publish(team, title="修改它的文件", catalog_nodes=[node])
    ItemRelation.objects.create(source=related, target=item, kind="amends")

    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    similar = section(html, "similar-heading")

    assert similar.count("<li>") == 5
    assert "无关信息" not in similar and "撤回的同栏目" not in similar
    assert "栏目里的通知" not in similar  # itself
    assert "修改它的文件" not in similar  # listed under 相关文件 already
    assert "修改它的文件" in section(html, "related-heading")
    assert any(i.title in similar for i in same_node) and any(
        i.title in similar for i in same_topic
    )


def test_print_view(client, team):
    item = publish(team, title="可打印的通知")
    url = reverse("portal:item", args=[item.pk])
    page = client.get(url).content.decode()
    assert 'href="?print=1" onclick="window.print(); return false;"' in page

    printed = client.get(url + "?print=1").content.decode()
    assert '<body class="portal print-view">' in printed
    assert '<meta name="robots" content="noindex">' in printed
    assert f'<link rel="canonical" href="http://testserver{url}">' in printed
    assert "现就做好本年度政务公开工作通知如下" in printed
