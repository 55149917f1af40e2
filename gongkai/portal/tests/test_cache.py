"""Anonymous pages come from the cache, with no query, until public content changes."""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

import pytest

from gongkai.portal import cache as page_cache
from gongkai.portal.cache import ELDERLY_COOKIE, FileVersion, purge_public_pages
from gongkai.publishing import services

from .data import NOW, publish

pytestmark = pytest.mark.django_db


def home_url():
    return reverse("portal:home")


def test_second_view_is_served_from_the_cache_without_a_query(
    client, team, django_assert_num_queries
):
    item = publish(team, title="缓存中的通知")
    url = reverse("portal:item", args=[item.pk])
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content and "缓存中的通知" in second.content.decode()
    assert second["Cache-Control"] == "max-age=0, must-revalidate"
    assert second["ETag"] == first["ETag"]
    # The headers the other middleware added on the way out are kept with the page.
    assert second["X-Frame-Options"] == "DENY" and "Cookie" in second["Vary"]


def test_a_repeat_visit_with_the_etag_is_not_modified(client, team, django_assert_num_queries):
    client.get(home_url())
    etag = client.get(home_url())["ETag"]

    with django_assert_num_queries(0):
        response = client.get(home_url(), headers={"If-None-Match": etag})

    assert response.status_code == 304 and response.content == b""


def test_head_is_answered_from_the_cache(client, team, django_assert_num_queries):
    client.get(home_url())
    with django_assert_num_queries(0):
        response = client.head(home_url())
    assert response.status_code == 200 and response.content == b""


def test_publishing_another_item_is_visible_at_once(client, team):
    publish(team, title="第一条通知")
    assert "第一条通知" in client.get(home_url()).content.decode()  # now cached

    publish(team, title="新发布的第二条通知")  # the publishing service purges

    assert "新发布的第二条通知" in client.get(home_url()).content.decode()


def test_withdrawal_is_visible_at_once(client, team):
    kept = publish(team, title="保留的通知")
    gone = publish(team, title="将要撤回的通知")
    gone_url = reverse("portal:item", args=[gone.pk])
    assert "将要撤回的通知" in client.get(home_url()).content.decode()
    assert "撤回原因" not in client.get(gone_url).content.decode()

    services.item_withdraw(item=gone, actor=team.office, now=NOW, reason="已被新通知替代")

    home = client.get(home_url()).content.decode()
    assert "将要撤回的通知" not in home and kept.title in home
    assert "撤回原因：已被新通知替代" in client.get(gone_url).content.decode()


def test_purge_inside_a_transaction_purges_again_after_commit(
    team, django_capture_on_commit_callbacks
):
    before = page_cache.public_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge_public_pages()
    during = page_cache.public_version()
    for callback in callbacks:
        callback()

    assert before != during != page_cache.public_version()


def test_logged_in_staff_never_get_or_leave_cached_pages(client, team):
    client.get(home_url())  # cached for anonymous visitors
    client.force_login(team.office)

    staff_view = client.get(home_url())

    assert "工作台" in staff_view.content.decode()
    assert "private" in staff_view["Cache-Control"]
    client.logout()
    client.cookies.clear()
    anonymous = client.get(home_url())
    assert "工作台" not in anonymous.content.decode()


def test_a_page_first_seen_by_staff_is_not_kept_for_the_public(client, team):
    client.force_login(team.office)
    client.get(home_url())
    client.logout()
    client.cookies.clear()

    assert "工作台" not in client.get(home_url()).content.decode()


def test_elderly_mode_has_its_own_cached_variant(client, team, django_assert_num_queries):
    normal = client.get(home_url()).content.decode()
    client.cookies[ELDERLY_COOKIE] = "1"
    elderly = client.get(home_url()).content.decode()
    with django_assert_num_queries(0):
        elderly_again = client.get(home_url()).content.decode()
    del client.cookies[ELDERLY_COOKIE]
    with django_assert_num_queries(0):
        normal_again = client.get(home_url()).content.decode()

    assert '<html lang="zh-CN" class="elderly">' in elderly and elderly_again == elderly
    assert '<html lang="zh-CN">' in normal and normal_again == normal


def test_pages_that_set_a_cookie_or_are_not_public_are_not_kept(client, team):
    response = client.get(reverse("portal:elderly_mode") + "?elderly=1&next=/")
    assert "no-store" in response["Cache-Control"]
    client.get("/no-such-page/")
    assert not [key for key in cache._cache if page_cache.PAGE_KEY_PREFIX in key]


def test_unsafe_methods_are_refused_not_failed(client, team):
    assert client.post(home_url()).status_code == 405


def test_file_version_is_shared_and_never_repeats(tmp_path):
    """Two processes read the same file: a bump by one is seen by the other."""
    path = tmp_path / "public-version"
    one, other = FileVersion(path), FileVersion(path)
    seen = {one.current()}
    for _ in range(10):
        other.bump()
        version = one.current()
        assert version not in seen
        seen.add(version)


def test_shared_cache_keeps_the_version_in_the_cache(
    client, team, settings, tmp_path, django_assert_num_queries
):
    """With a cache shared by processes (as Redis is), the version lives in that cache."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "shared-cache"),
        }
    }
    assert isinstance(page_cache._version_store(), page_cache.CacheVersion)
    publish(team, title="共享缓存中的通知")
    client.get(home_url())
    with django_assert_num_queries(0):
        assert "共享缓存中的通知" in client.get(home_url()).content.decode()

    publish(team, title="清除后可见的通知")
    purge_public_pages()

    assert "清除后可见的通知" in client.get(home_url()).content.decode()


def test_middleware_is_first():
    assert settings.MIDDLEWARE[0] == "gongkai.portal.cache.PublicPageCacheMiddleware"
