"""The issue's must-show: a citizen on a phone searches 预算, filters by organization, opens a
result, switches to elderly mode and follows a feed link — with no serious accessibility
violation on the way."""

from django.urls import reverse

import feedparser
from portal_site import portal_isolation, portal_site  # noqa: F401 -- fixtures


def test_citizen_on_a_phone_finds_reads_and_subscribes(
    live_server,
    phone_page,
    axe_check,
    portal_site,  # noqa: F811
):
    page = phone_page
    site = portal_site
    page.goto(live_server.url + "/")
    axe_check(page)

    # Search from the box at the top of every page.
    page.get_by_role("searchbox", name="搜索关键词").fill("预算")
    page.get_by_role("button", name="搜索", exact=True).click()
    page.wait_for_url("**/search/**")
    results = page.locator("main")
    assert site.budget.title in results.inner_text()
    assert site.other_budget.title in results.inner_text()
    axe_check(page)

    # Narrow to one organization.
    page.get_by_label("发布机构").select_option(label=site.finance.org.name)
    page.get_by_role("button", name="检索", exact=True).click()
    page.wait_for_url(f"**org={site.finance.org.pk}**")
    text = page.locator("main").inner_text()
    assert site.budget.title in text and site.other_budget.title not in text
    axe_check(page)

    # Open a result.
    page.get_by_role("link", name=site.budget.title).click()
    item_path = reverse("portal:item", args=[site.budget.pk])
    page.wait_for_url(f"**{item_path}")
    assert page.locator("main h1").inner_text() == site.budget.title
    axe_check(page)

    # Switch to the elderly-friendly mode: same page, larger text.
    page.get_by_role("link", name="长者模式").click()
    page.wait_for_url(f"**{item_path}")
    assert page.locator("html.elderly").count() == 1
    axe_check(page)

    # Subscribe: the organization's page offers its feeds.
    page.get_by_role("navigation", name="当前位置").get_by_role(
        "link", name=site.finance.org.name
    ).click()
    axe_check(page)
    feed_link = page.locator("main").get_by_role("link", name="RSS").first
    assert feed_link.is_visible()
    response = page.request.get(live_server.url + feed_link.get_attribute("href"))
    assert response.ok and "xml" in response.headers["content-type"]
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.bozo_exception
    assert site.budget.title in {entry.title for entry in feed.entries}
