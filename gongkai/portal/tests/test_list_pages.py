"""政府信息公开 lists: by filter, by topic, by type, and the policy library."""

from datetime import date

from django.urls import reverse

import pytest

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, Team, aware
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType, Validity
from gongkai.publishing.models import Topic

from .data import NOW, draft
from .data import publish as publish_item

pytestmark = pytest.mark.django_db


def publish(team, **fields):
    return publish_item(team, **{"written_on": date(2025, 1, 2), **fields})


def titles(response) -> str:
    """The result list of a list page (not the side columns or the filter form)."""
    html = response.content.decode()
    assert response.status_code == 200
    return html.split('class="results"')[1].split("</ol>")[0] if 'class="results"' in html else ""


@pytest.fixture
def topics():
    parent = Topic.objects.get(name="综合政务", parent=None)
    child = Topic.objects.get(name="政务公开", parent=parent)
    other = Topic.objects.get(name="科技、教育", parent=None)
    return parent, child, other


@pytest.fixture
def mix(team, topics):
    """Items of two organizations, of several types, topics, dates and validities."""
    parent, child, other_topic = topics
    partner = Team()
    items = {
        "notice": publish(team, title="甲通知", topic=parent, now=aware(2025, 1, 10, 9)),
        "news": publish(
            team, title="乙动态", info_type=InfoType.NEWS, topic=child, now=aware(2025, 2, 10, 9)
        ),
        "rule": publish(
            team,
            title="丙规章",
            info_type=InfoType.RULE,
            document_number="测府令第1号",
            topic=other_topic,
            now=aware(2025, 3, 10, 9),
        ),
        "normative": publish(
            team,
            title="丁规范性文件",
            info_type=InfoType.NORMATIVE,
            document_number="测政规〔2025〕1号",
            now=aware(2025, 3, 12, 9),
        ),
        "partner": publish(partner, title="戊合作机构通知", now=aware(2025, 3, 11, 9)),
        "joint": publish(
            partner,
            title="己联合发文",
            co_issuers=[team.org],
            info_type=InfoType.OTHER_POLICY,
            now=aware(2025, 3, 13, 9),
        ),
    }
    services.item_abolish(
        item=items["rule"], actor=team.office, now=aware(2025, 3, 20, 9), reason="已被取代"
    )
    draft(team, title="庚草稿")
    return team, partner, items


def list_url(**query):
    return reverse("portal:item_list") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_the_list_shows_every_published_item_newest_first(client, mix):
    _team, _partner, items = mix
    html = titles(client.get(reverse("portal:item_list")))
    order = ["己联合发文", "丁规范性文件", "戊合作机构通知", "丙规章", "乙动态", "甲通知"]
    positions = [html.index(title) for title in order]
    assert positions == sorted(positions) and "庚草稿" not in html
    assert "2025-03-13" in html and "测政规〔2025〕1号" in html


def test_filter_by_organization_includes_co_issued_items(client, mix):
    team, partner, _items = mix
    html = titles(client.get(list_url(org=team.org.pk)))
    assert "甲通知" in html and "己联合发文" in html and "戊合作机构通知" not in html
    html = titles(client.get(list_url(org=partner.org.pk)))
    assert "戊合作机构通知" in html and "甲通知" not in html


def test_filter_by_type_topic_dates_and_validity(client, mix, topics):
    parent, child, _other = topics
    assert titles(client.get(list_url(type="news"))).count("result-title") == 1
    by_parent = titles(client.get(list_url(topic=parent.pk)))
    assert "甲通知" in by_parent and "乙动态" in by_parent and "丙规章" not in by_parent
    by_child = titles(client.get(list_url(topic=child.pk)))
    assert "乙动态" in by_child and "甲通知" not in by_child
    dated = titles(client.get(list_url(**{"from": "2025-02-01", "to": "2025-03-11"})))
    assert {"乙动态", "丙规章", "戊合作机构通知"} == {
        t for t in ("甲通知", "乙动态", "丙规章", "丁规范性文件", "戊合作机构通知") if t in dated
    }
    abolished = titles(client.get(list_url(validity="abolished")))
    assert "丙规章" in abolished and "丁规范性文件" not in abolished


@pytest.mark.parametrize(
    "query, labels",
    [
        ("org=abc", ["发布机构"]),
        ("org=999999", ["发布机构"]),
        ("type=zzz", ["信息类别"]),
        ("topic=-1", ["主题分类"]),
        ("from=2025-13-01", ["发布日期（起）"]),
        ("from=0001-01-01&to=9999-12-31", ["发布日期（起）", "发布日期（止）"]),
        ("from=2025-03-01&to=2025-01-01", ["发布日期（止）"]),
        ("validity=%3Cscript%3E", ["有效性"]),
        ("page=abc&org=", []),
        ("page=-5", []),
        ("page=99999", []),
    ],
)
def test_bad_filters_are_ignored_with_a_notice(client, mix, query, labels):
    response = client.get(reverse("portal:item_list") + "?" + query)

    html = response.content.decode()
    assert response.status_code == 200
    assert "己联合发文" in titles(response)  # the list is still shown
    if labels:
        notice = html.split("已忽略：")[1].split("</p>")[0]
        assert all(label in notice for label in labels)
    else:
        assert "已忽略" not in html
    assert "<script>" not in html.split("<main")[1]


def test_list_page_keeps_filters_across_pages(client, team):
    for n in range(25):
        publish(team, title=f"第{n:02d}号通知", now=aware(2025, 3, 1 + n % 20, 9))
    html = client.get(list_url(type="notice")).content.decode()
    assert 'href="?type=notice&amp;page=2"' in html
    assert "第 1 / 2 页，共 25 条" in html


def test_topic_tree_counts_and_links_only_topics_with_items(client, mix, topics):
    parent, child, _other = topics
    html = client.get(reverse("portal:topics")).content.decode()
    parent_url = reverse("portal:topic_items", args=[parent.pk])
    assert f'href="{parent_url}"' in html
    assert f'href="{reverse("portal:topic_items", args=[child.pk])}"' in html
    assert "（2 条）" in html  # 综合政务: one item of its own, one of 政务公开
    empty = Topic.objects.get(name="国防", parent=None)
    assert reverse("portal:topic_items", args=[empty.pk]) not in html


def test_topic_page_lists_the_topic_and_its_subtopics(client, mix, topics):
    parent, child, _other = topics
    response = client.get(reverse("portal:topic_items", args=[parent.pk]))
    html = titles(response)
    assert "甲通知" in html and "乙动态" in html and "丙规章" not in html
    page = response.content.decode()
    breadcrumb = page.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert "主题分类" in breadcrumb and parent.name in breadcrumb
    assert 'name="topic"' not in page  # the page itself decides the topic
    child_page = client.get(reverse("portal:topic_items", args=[child.pk])).content.decode()
    assert parent.name in child_page.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert client.get(reverse("portal:topic_items", args=[999999])).status_code == 404


def test_type_pages(client, mix):
    index = client.get(reverse("portal:types")).content.decode()
    assert f'href="{reverse("portal:type_items", args=["notice"])}"' in index
    assert reverse("portal:type_items", args=["penalty"]) not in index  # nothing published
    response = client.get(reverse("portal:type_items", args=["notice"]))
    html = titles(response)
    assert "甲通知" in html and "戊合作机构通知" in html and "乙动态" not in html
    assert 'name="type"' not in response.content.decode()
    assert client.get(reverse("portal:type_items", args=["nope"])).status_code == 404


def test_policy_library_shows_current_policies_by_default(client, mix):
    base = reverse("portal:policies")
    current = titles(client.get(base))
    assert "丁规范性文件" in current and "己联合发文" in current
    assert "丙规章" not in current  # abolished
    assert "甲通知" not in current  # not a policy
    assert "测政规〔2025〕1号" in current and "现行有效" in current

    every = titles(client.get(base + "?validity=all"))
    assert "丙规章" in every and "测府令第1号" in every and "废止" in every
    assert "甲通知" not in every
    abolished = titles(client.get(base + "?validity=abolished"))
    assert "丙规章" in abolished and "丁规范性文件" not in abolished
    rules = titles(client.get(base + "?validity=all&type=rule"))
    assert "丙规章" in rules and "丁规范性文件" not in rules


def test_policy_library_refuses_other_types_and_validities(client, mix):
    response = client.get(reverse("portal:policies") + "?type=notice&validity=whatever")
    html = response.content.decode()
    assert response.status_code == 200
    notice = html.split("已忽略：")[1].split("</p>")[0]
    assert "信息类别" in notice and "有效性" in notice
    assert "甲通知" not in titles(response) and "丁规范性文件" in titles(response)


def test_policy_library_validity_choices(client, mix):
    html = client.get(reverse("portal:policies")).content.decode()
    options = html.split('name="validity"')[1].split("</select>")[0]
    labels = [label for label in ("现行有效", "全部", "失效", "废止", "已修改") if label in options]
    assert labels == ["现行有效", "全部", "失效", "废止", "已修改"]
    assert str(Validity.CURRENT.label) in options


def test_xxgk_hub_links_every_way_in(client, mix):
    html = client.get(reverse("portal:xxgk")).content.decode()
    for name in ("portal:organizations", "portal:topics", "portal:types", "portal:policies"):
        assert reverse(name) in html
    assert "甲通知" in html and "2025-01-10" in html


@pytest.fixture
def crowd(team, topics):
    """Enough items in several organizations for N+1 queries to show."""
    parent, _child, _other = topics
    node = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=None, name="通知公告"
    )
    partners = [OrganizationFactory(), OrganizationFactory()]
    for n in range(6):
        publish(
            team,
            title=f"政策{n}",
            info_type=InfoType.NORMATIVE,
            topic=parent,
            catalog_nodes=[node],
            co_issuers=partners,
            effective_on=date(2025, 3, 1),
        )
    return team, parent


@pytest.mark.parametrize(
    "name, args, query, queries",
    [
        # settings, organizations, topics, count, page
        ("portal:item_list", [], "", 5),
        ("portal:item_list", [], "?type=normative&validity=current&from=2025-01-01&org=1", 5),
        ("portal:policies", [], "?validity=all", 5),
        ("portal:type_items", ["normative"], "", 5),
        ("portal:topic_items", ["topic"], "", 5),
        ("portal:topics", [], "", 3),  # settings, topics, counts
        ("portal:types", [], "", 2),  # settings, counts
        ("portal:xxgk", [], "", 3),  # settings, organizations, items
    ],
)
def test_list_page_queries(
    client, crowd, name, args, query, queries, django_assert_max_num_queries
):
    team, parent = crowd
    args = [parent.pk if arg == "topic" else arg for arg in args]
    with django_assert_max_num_queries(queries):
        response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200
