"""Feeds, sitemaps and robots.txt, read back by the parsers readers and crawlers use."""

from datetime import timedelta
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from django.urls import reverse

import feedparser
import pytest
from usp.tree import sitemap_tree_for_homepage
from usp.web_client.abstract_client import (
    AbstractWebClient,
    AbstractWebClientSuccessResponse,
    WebClientErrorResponse,
)

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, Team
from gongkai.orgs.models import PlatformSettings
from gongkai.portal.feeds import DESCRIPTION_CHARS
from gongkai.portal.sitemaps import ItemSitemap
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType

from .data import NOW, draft, interpret, publish

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
LONG_BODY = "<p>各有关单位：</p><p>" + "为进一步做好政务公开工作，" * 30 + "</p>"


def absolute(path: str) -> str:
    return HOST + path


def item_url(item) -> str:
    return absolute(reverse("portal:item", args=[item.pk]))


@pytest.fixture
def site(team):
    """Two organizations; A has a catalog column, a withdrawn item and a corrected one."""
    other = Team()
    node = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=None, name="通知公告"
    )
    notice = publish(
        team,
        title="关于春季防火的通告",
        catalog_nodes=[node],
        body="<p>各乡镇：</p><p>春季&lt;防火&gt;期间 &amp; 清明节前后，严禁野外用火。</p>",
    )
    budget = publish(
        team,
        title="2025年部门预算公开",
        info_type=InfoType.BUDGET,
        summary="公开本部门2025年收支预算总表等九张表格。",
        body=LONG_BODY,
    )
    corrected = publish(team, title="关于调整办公地址的公告", body=LONG_BODY)
    services.item_correct(
        item=corrected,
        actor=team.office,
        now=NOW + timedelta(days=2),
        reason="更正门牌号",
        title="关于调整办公地址的公告（更正）",
    )
    withdrawn = publish(team, title="已撤回的通知", catalog_nodes=[node])
    services.item_withdraw(item=withdrawn, actor=team.office, now=NOW, reason="内容有误")
    theirs = publish(other, title="另一机构的通知")
    return {
        "a": team,
        "b": other,
        "node": node,
        "notice": notice,
        "budget": budget,
        "corrected": corrected,
        "withdrawn": withdrawn,
        "theirs": theirs,
    }


def read_feed(client, name, *args):
    response = client.get(reverse(f"discovery:{name}", args=args))
    assert response.status_code == 200, response.content
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def links(feed) -> set[str]:
    return {entry.link for entry in feed.entries}


def feed_args(site):
    return {
        "latest": (),
        "org": (site["a"].org.slug,),
        "catalog": (site["node"].pk,),
        "type": (InfoType.NOTICE,),
    }


# ---------------------------------------------------------------- feeds


@pytest.mark.parametrize("kind", ["latest", "org", "catalog", "type"])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_every_feed_is_valid(client, site, kind, fmt):
    feed = read_feed(client, f"{kind}_{fmt}", *feed_args(site)[kind])

    assert feed.version == ("rss20" if fmt == "rss" else "atom10")
    assert feed.entries
    assert item_url(site["notice"]) in links(feed)
    assert item_url(site["withdrawn"]) not in links(feed)


def test_latest_feed_lists_every_published_item(client, site):
    feed = read_feed(client, "latest_rss")

    site_name = PlatformSettings.load().site_name
    assert feed.feed.title == f"{site_name} · 最新公开信息"
    assert feed.feed.link == absolute(reverse("portal:home"))
    assert links(feed) == {
        item_url(site[key]) for key in ("notice", "budget", "corrected", "theirs")
    }


def test_entry_fields(client, site):
    feed = read_feed(client, "org_rss", site["a"].org.slug)
    entries = {entry.link: entry for entry in feed.entries}

    notice = entries[item_url(site["notice"])]
    assert notice.title == "关于春季防火的通告"
    assert notice.id == item_url(site["notice"])
    assert notice.author == site["a"].org.name
    assert [tag.term for tag in notice.tags] == ["通知公告"]
    assert notice.published_parsed[:5] == (2025, 3, 10, 1, 30)  # 09:30 in Shanghai, in UTC
    # The body as plain text: markup gone, escaped characters kept as text, not as tags.
    assert "<p>" not in notice.summary and "各乡镇：" in notice.summary
    assert "&lt;防火&gt;" in notice.summary and "<防火>" not in notice.summary

    budget = entries[item_url(site["budget"])]
    assert budget.summary == "公开本部门2025年收支预算总表等九张表格。"
    assert [tag.term for tag in budget.tags] == ["财政预决算"]

    corrected = entries[item_url(site["corrected"])]
    assert corrected.title == "关于调整办公地址的公告（更正）"
    assert corrected.summary.startswith("各有关单位： 为进一步做好政务公开工作，")
    assert len(corrected.summary) <= DESCRIPTION_CHARS < len(LONG_BODY)


def test_atom_marks_corrections_as_updates(client, site):
    feed = read_feed(client, "org_atom", site["a"].org.slug)
    entries = {entry.link: entry for entry in feed.entries}

    corrected = entries[item_url(site["corrected"])]
    assert corrected.published_parsed[:3] == (2025, 3, 10)
    assert corrected.updated_parsed[:3] == (2025, 3, 12)
    notice = entries[item_url(site["notice"])]
    assert notice.updated_parsed == notice.published_parsed
    assert feed.feed.title == f"{site['a'].org.name} · 最新公开信息"
    assert feed.feed.subtitle
    assert feed.feed.updated_parsed[:3] == (2025, 3, 12)


def test_organization_feeds_are_separate(client, site):
    ours = links(read_feed(client, "org_atom", site["a"].org.slug))
    theirs = links(read_feed(client, "org_atom", site["b"].org.slug))

    assert item_url(site["notice"]) in ours and item_url(site["notice"]) not in theirs
    assert item_url(site["theirs"]) in theirs and item_url(site["theirs"]) not in ours


def test_organization_feed_includes_co_issued_items(client, site):
    partner = OrganizationFactory()
    joint = publish(site["a"], title="联合发文", co_issuers=[partner])

    assert item_url(joint) in links(read_feed(client, "org_rss", partner.slug))


def test_catalog_feed_lists_the_column_only(client, site):
    feed = read_feed(client, "catalog_rss", site["node"].pk)

    assert links(feed) == {item_url(site["notice"])}
    assert feed.feed.title == f"{site['a'].org.name} · 通知公告"
    assert feed.feed.link == absolute(
        reverse("portal:catalog_node", args=[site["a"].org.slug, site["node"].pk])
    )


def test_type_feed_lists_the_type_only(client, site):
    feed = read_feed(client, "type_atom", InfoType.BUDGET)

    assert links(feed) == {item_url(site["budget"])}
    assert feed.feed.title.endswith(" · 财政预决算")
    assert feed.feed.link == absolute(reverse("portal:type_items", args=[InfoType.BUDGET]))


def test_feed_size_is_limited_to_the_newest(client, team):
    items = [publish(team, title=f"通知{n}", now=NOW + timedelta(hours=n)) for n in range(22)]

    feed = read_feed(client, "org_rss", team.org.slug)

    assert [entry.link for entry in feed.entries] == [item_url(i) for i in items[::-1][:20]]


def test_unknown_subjects_are_404(client, site):
    team = site["a"]
    hidden = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=None, name="停用栏目"
    )
    below = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=hidden, name="下级栏目"
    )
    catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, node=hidden, is_active=False
    )
    closed = OrganizationFactory(is_active=False)

    for name, args in [
        ("org_rss", ["no-such-org"]),
        ("org_atom", [closed.slug]),
        ("catalog_rss", [999999]),
        ("catalog_atom", [hidden.pk]),
        ("catalog_rss", [below.pk]),
        ("type_rss", ["no_such_type"]),
        ("type_atom", ["NOTICE"]),
    ]:
        assert client.get(reverse(f"discovery:{name}", args=args)).status_code == 404, name


@pytest.fixture
def crowd(site):
    """Enough items over several organizations and columns that an N+1 would show."""
    for n in range(3):
        team = Team()
        node = catalog_node_save(
            organization=team.org, actor=team.office, now=NOW, parent=None, name="栏目"
        )
        for m in range(8):
            publish(team, title=f"信息{n}-{m}", catalog_nodes=[node])
    for m in range(20):
        publish(site["a"], title=f"通知{m}", catalog_nodes=[site["node"]])
    return site


@pytest.mark.parametrize(
    ("kind", "queries"),
    [("latest", 2), ("org", 2), ("catalog", 3), ("type", 2)],  # subject(s) + one for the items
)
def test_feed_queries(client, crowd, kind, queries, django_assert_max_num_queries):
    for fmt in ("rss", "atom"):
        url = reverse(f"discovery:{kind}_{fmt}", args=feed_args(crowd)[kind])
        with django_assert_max_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200 and response.content.count(b"<title>") >= 20


# ---------------------------------------------------------------- sitemaps


class DjangoClientResponse(AbstractWebClientSuccessResponse):
    def __init__(self, url, response):
        self._url = url
        self._response = response

    def status_code(self):
        return self._response.status_code

    def status_message(self):
        return self._response.reason_phrase

    def header(self, case_insensitive_name):
        return self._response.headers.get(case_insensitive_name)

    def raw_data(self):
        return self._response.content

    def url(self):
        return self._url


class DjangoClientError(WebClientErrorResponse):
    pass


class DjangoWebClient(AbstractWebClient):
    """Lets the sitemap parser crawl the site through Django's test client: same requests,
    no server thread, and the test's database transaction stays in place."""

    def __init__(self, client):
        self.client = client
        self.fetched: list[str] = []

    def set_max_response_data_length(self, max_response_data_length):
        pass

    def get(self, url):
        self.fetched.append(url)
        parts = urlsplit(url)
        response = self.client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        if response.status_code != 200:
            return DjangoClientError(f"HTTP {response.status_code}", retryable=False)
        return DjangoClientResponse(url, response)


def crawl(client):
    """Discover the sitemaps as a crawler does — from robots.txt — and read every page."""
    web = DjangoWebClient(client)
    tree = sitemap_tree_for_homepage(f"{HOST}/", web_client=web, use_known_paths=False)
    return tree, {page.url: page for page in tree.all_pages()}, web.fetched


def test_sitemap_lists_every_public_page(client, site):
    a = site["a"]
    policy = draft(a, title="办法", info_type=InfoType.NORMATIVE)
    interpretation = interpret(a, policy, title="《办法》解读")
    publish(a, policy)

    tree, pages, fetched = crawl(client)

    assert fetched[:2] == [absolute("/robots.txt"), absolute(reverse("discovery:sitemap"))]
    for key in ("notice", "budget", "corrected", "theirs"):
        assert item_url(site[key]) in pages
    assert item_url(site["withdrawn"]) not in pages
    for path in (
        reverse("portal:home"),
        reverse("portal:organizations"),
        reverse("portal:type_items", args=[InfoType.BUDGET]),
        reverse("portal:organization", args=[a.org.slug]),
        reverse("catalog:guide", args=[a.org.slug]),
        reverse("portal:catalog_node", args=[a.org.slug, site["node"].pk]),
        reverse("portal:interpretation", args=[interpretation.pk]),
    ):
        assert absolute(path) in pages, path
    lastmod = pages[item_url(site["corrected"])].last_modified
    assert lastmod == NOW + timedelta(days=2)
    # Every section the index names was fetched and parsed.
    assert not [s for s in tree.all_sitemaps() if type(s).__name__ == "InvalidSitemap"]


def test_sitemap_hides_what_the_portal_hides(client, site):
    team = site["a"]
    hidden = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=None, name="停用栏目"
    )
    below = catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=hidden, name="下级栏目"
    )
    catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, node=hidden, is_active=False
    )
    closed = OrganizationFactory(is_active=False)

    _tree, pages, _fetched = crawl(client)

    for node in (hidden, below):
        assert absolute(reverse("portal:catalog_node", args=[team.org.slug, node.pk])) not in pages
    assert absolute(reverse("portal:organization", args=[closed.slug])) not in pages


def test_sitemap_index_pages_a_section_past_its_limit(client, site, monkeypatch):
    more = [publish(site["a"], title=f"通知{n}") for n in range(3)]
    monkeypatch.setattr(ItemSitemap, "limit", 2)  # 7 published items: pages of 2, 2, 2, 1

    index = client.get(reverse("discovery:sitemap")).content.decode()
    _tree, pages, fetched = crawl(client)

    section = absolute(reverse("discovery:sitemap_section", args=["items"]))
    for url in (section, f"{section}?p=2", f"{section}?p=3", f"{section}?p=4"):
        assert f"<loc>{url}</loc>" in index and url in fetched
    assert f"{section}?p=5" not in index
    published = [*(site[k] for k in ("notice", "budget", "corrected", "theirs")), *more]
    assert {item_url(item) for item in published} <= set(pages)
    assert (
        client.get(f"{reverse('discovery:sitemap_section', args=['items'])}?p=5").status_code == 404
    )


def test_sitemap_unknown_section_is_404(client, site):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_queries(client, crowd, django_assert_max_num_queries):
    # Each response also loads the site settings (context processor): the "+ 1"s.
    # Index: count and latest change of items and of interpretations; topics; organizations;
    # columns.
    with django_assert_max_num_queries(7 + 1):
        assert client.get(reverse("discovery:sitemap")).status_code == 200
    for section, queries in [
        ("pages", 1),  # topics
        ("items", 2),  # count, page
        ("interpretations", 2),
        ("organizations", 1),
        ("catalog", 1),
    ]:
        with django_assert_max_num_queries(queries + 1):
            response = client.get(reverse("discovery:sitemap_section", args=[section]))
        assert response.status_code == 200, section


# ---------------------------------------------------------------- robots.txt


def test_robots_txt(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    robots = RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    for path in ("/admin/", "/workbench/", "/accounts/login/", "/api/v1/items", "/search/?q=预算"):
        assert not robots.can_fetch("*", path), path
    for path in ("/", "/xxgk/1/", "/org/caizheng/", "/feeds/latest/rss.xml", "/sitemap.xml"):
        assert robots.can_fetch("*", path), path
    assert robots.site_maps() == [absolute(reverse("discovery:sitemap"))]
