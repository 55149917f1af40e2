"""The portal in a real browser: accessible (axe-core) in normal and elderly-friendly mode,
usable from the keyboard, without horizontal scrolling on a phone, printable."""

from django.urls import reverse

import pytest
from portal_site import portal_isolation, portal_site  # noqa: F401 -- fixtures

from gongkai.portal.cache import ELDERLY_COOKIE


def portal_pages(site) -> dict[str, str]:
    finance = site.finance.org
    return {
        "home": reverse("portal:home"),
        "xxgk": reverse("portal:xxgk"),
        "list": reverse("portal:item_list"),
        "list-filtered": reverse("portal:item_list") + f"?org={finance.pk}&type=budget&from=x",
        "policies": reverse("portal:policies"),
        "topics": reverse("portal:topics"),
        "types": reverse("portal:types"),
        "type": reverse("portal:type_items", args=["budget"]),
        "item": reverse("portal:item", args=[site.policy.pk]),
        "item-print": reverse("portal:item", args=[site.policy.pk]) + "?print=1",
        "organizations": reverse("portal:organizations"),
        "organization": reverse("portal:organization", args=[finance.slug]),
        "catalog-node": reverse("portal:catalog_node", args=[finance.slug, site.node.pk]),
        "guide": reverse("catalog:guide", args=[finance.slug]),
        "interpretations": reverse("portal:interpretations"),
        "site-map": reverse("portal:site_map"),
        "accessibility": reverse("portal:accessibility"),
    }


def elderly(page, live_server):
    page.context.add_cookies([{"name": ELDERLY_COOKIE, "value": "1", "url": live_server.url}])


@pytest.mark.parametrize("mode", ["normal", "elderly"])
def test_portal_pages_are_accessible(live_server, page, axe_check, portal_site, mode):  # noqa: F811
    if mode == "elderly":
        elderly(page, live_server)
    for name, path in portal_pages(portal_site).items():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, name
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert (page.locator("html.elderly").count() == 1) == (mode == "elderly"), name
        assert page.locator("main h1").count() == 1, name
        axe_check(page)


@pytest.mark.parametrize("mode", ["normal", "elderly"])
def test_no_horizontal_scrolling_on_a_phone(live_server, phone_page, portal_site, mode):  # noqa: F811
    if mode == "elderly":
        elderly(phone_page, live_server)
    for name, path in portal_pages(portal_site).items():
        phone_page.goto(live_server.url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} ({mode}) is {width}px wide"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(live_server, page, portal_site):  # noqa: F811
    page.goto(live_server.url + reverse("portal:item", args=[portal_site.policy.pk]))

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到主要内容" and skip.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the main content
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_always_visible(live_server, page, portal_site):  # noqa: F811
    page.goto(live_server.url + reverse("portal:policies"))
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor]; }"""
        )
        outline_style, outline_width, shadow, background = style
        visible = (outline_style != "none" and outline_width != "0px") or shadow != "none"
        assert visible or background == "rgb(255, 221, 0)", style


def test_elderly_mode_works_without_javascript_and_persists(browser, live_server, portal_site):  # noqa: F811
    context = browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    item_path = reverse("portal:item", args=[portal_site.budget.pk])
    page.goto(live_server.url + item_path)
    normal_size = page.evaluate("getComputedStyle(document.documentElement).fontSize")

    page.get_by_role("link", name="长者模式").click()

    assert page.url == live_server.url + item_path
    assert page.locator("html.elderly").count() == 1
    larger = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(larger.removesuffix("px")) >= 1.25 * float(normal_size.removesuffix("px"))
    page.get_by_role("link", name="政策文件", exact=True).click()
    assert page.locator("html.elderly").count() == 1  # on the next page too
    page.get_by_role("link", name="退出长者模式").click()
    assert page.locator("html.elderly").count() == 0
    context.close()


def test_print_view_leaves_only_the_document(live_server, page, portal_site):  # noqa: F811
    page.goto(live_server.url + reverse("portal:item", args=[portal_site.policy.pk]))
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("h1.doc-title").is_visible() and page.locator(".meta-table").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("link", name="打印本页").evaluate("a => a.removeAttribute('onclick')")
    page.get_by_role("link", name="打印本页").click()
    assert page.url.endswith("?print=1")
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".doc-body").is_visible()
