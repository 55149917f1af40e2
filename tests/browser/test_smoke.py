"""The harness itself: Chromium reaches the live server, and the home page is accessible."""


def test_home_page_renders_and_is_accessible(live_server, page, axe_check):
    response = page.goto(live_server.url + "/")

    assert response is not None and response.ok, f"GET / returned {response and response.status}"
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() >= 1
    axe_check(page)


def test_home_page_on_a_phone(live_server, phone_page, axe_check):
    response = phone_page.goto(live_server.url + "/")

    assert response is not None and response.ok, f"GET / returned {response and response.status}"
    assert phone_page.locator("main h1").count() >= 1
    axe_check(phone_page)
