"""回应关切 on the portal, its feeds and its API: only public events' released responses and
published press conferences, never the monitoring data."""

import json

from django.urls import reverse

import pytest

from gongkai.core.testing import aware
from gongkai.response import services
from gongkai.response.choices import ResponseKind

from .factories import conference, event, published_item, respond

SECRET_SUMMARY = "内部研判：发帖人疑似职业索赔人"
SOURCE = "https://bbs.example.com/t/secret-thread"
EVALUATION = "回应偏慢，网上负面情绪一度上升"
ACCOUNTABILITY = "对值班人员予以通报批评"


@pytest.fixture
def handled(city):
    """A public, evaluated 重大 event whose first clock was missed and escalated."""
    made = event(city, summary=SECRET_SUMMARY, title="网传市区多所学校推迟开学")
    made.source_detail = SOURCE
    made.save()
    services.event_set_public(
        event=made, is_public=True, actor=city.city_office, now=aware(2025, 10, 2)
    )
    services.escalate_missed_clocks(now=aware(2025, 10, 2, 4, 0))
    conf = conference(city.education, city.education_office, held_at=aware(2025, 10, 2, 15, 0))
    respond(
        made,
        city.education_office,
        at=aware(2025, 10, 2, 5, 0),
        summary="市教育局发布通告：全市中小学按原定校历开学。",
        item=published_item(city.education, title="关于全市中小学按期开学的通告"),
    )
    respond(
        made,
        city.education_office,
        at=aware(2025, 10, 2, 15, 0),
        kind=ResponseKind.PRESS_CONFERENCE,
        summary="市教育局召开新闻发布会介绍开学安排。",
        press_conference=conf,
    )
    services.event_evaluate(
        event=made,
        evaluation=EVALUATION,
        accountability=ACCOUNTABILITY,
        actor=city.city_office,
        now=aware(2025, 10, 4),
    )
    return made


def assert_nothing_internal(text: str):
    for secret in (SECRET_SUMMARY, SOURCE, EVALUATION, ACCOUNTABILITY, "重大", "超时", "上报"):
        assert secret not in text, secret


def test_public_pages_show_responses_without_internal_data(client, handled):
    pages = [
        reverse("response:home"),
        reverse("response:responses"),
        reverse("response:event", args=[handled.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert handled.title in html
        assert_nothing_internal(html)
    detail = client.get(reverse("response:event", args=[handled.pk])).content.decode()
    assert "全市中小学按原定校历开学" in detail
    assert "关于全市中小学按期开学的通告" in detail
    assert "秋季开学工作新闻发布会" in detail


def test_private_events_are_not_shown(client, city, handled):
    services.event_set_public(
        event=handled, is_public=False, actor=city.city_office, now=aware(2025, 10, 5)
    )
    assert handled.title not in client.get(reverse("response:responses")).content.decode()
    assert client.get(reverse("response:event", args=[handled.pk])).status_code == 404


def test_public_event_without_responses_is_404(client, city):
    made = event(city, is_public=True)
    assert client.get(reverse("response:event", args=[made.pk])).status_code == 404


def test_navigation_has_the_section(client, handled):
    html = client.get(reverse("response:home")).content.decode()
    assert f'href="{reverse("response:home")}" aria-current="true"' in html


def test_conference_pages(client, city):
    published = conference(
        city.education,
        city.education_office,
        held_at=aware(2025, 3, 10, 10, 0),
        media="临江日报\n临江广播电视台",
        location="市政府新闻发布厅",
    )
    hidden = conference(
        city.education,
        city.education_office,
        held_at=aware(2025, 4, 1, 10, 0),
        publish=False,
        topic="尚未发布的发布会",
    )
    listing = client.get(reverse("response:conferences") + "?year=2025").content.decode()
    assert published.topic in listing and hidden.topic not in listing
    assert "2025年主要负责人出席情况" in listing
    assert "不少于2次" in listing
    detail = client.get(reverse("response:conference", args=[published.pk])).content.decode()
    assert "李华，局长" in detail and "主要负责人" in detail
    assert "临江日报、临江广播电视台" in detail and "主持人" in detail
    assert client.get(reverse("response:conference", args=[hidden.pk])).status_code == 404
    by_org = client.get(reverse("response:conferences") + f"?org={city.education.slug}")
    assert by_org.status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?year=20x5", "年份参数不正确"),
        ("?year=0000", "年份参数不正确"),
        ("?org=nobody", "没有该机构举行的新闻发布会"),
    ],
)
def test_conference_list_bad_input_is_400(client, city, query, message):
    conference(city.education, city.education_office, held_at=aware(2025, 3, 10, 10, 0))
    response = client.get(reverse("response:conferences") + query)
    assert response.status_code == 400 and message in response.content.decode()


def test_cached_page_is_purged_when_a_response_is_released(client, city, handled):
    url = reverse("response:responses")
    assert "第三条回应" not in client.get(url).content.decode()
    respond(handled, city.education_office, at=aware(2025, 10, 5, 9, 0), summary="第三条回应")
    assert "第三条回应" in client.get(url).content.decode()


def test_feeds(client, city, handled):
    rss = client.get(reverse("response:responses_rss"))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert handled.title in body and "按原定校历开学" in body
    assert_nothing_internal(body)
    atom = client.get(reverse("response:conferences_atom")).content.decode()
    assert "秋季开学工作新闻发布会" in atom and "李华（局长）" in atom


def test_api(client, city, handled):
    listing = client.get("/api/v1/responses").json()
    assert listing["count"] == 2
    first = listing["results"][0]
    assert first["event"] == {"id": handled.pk, "title": handled.title}
    assert first["kind"]["label"] == "新闻发布会"
    assert first["press_conference_id"] is not None
    text = json.dumps(listing, ensure_ascii=False)
    assert_nothing_internal(text)
    one = client.get(f"/api/v1/responses/{first['id']}")
    assert one.status_code == 200
    conferences = client.get("/api/v1/press-conferences?year=2025").json()
    assert conferences["count"] == 1
    detail = client.get(f"/api/v1/press-conferences/{conferences['results'][0]['id']}").json()
    assert detail["speakers"][0] == {"name": "李华", "post": "局长", "principal_leader": True}
    assert "主持人" in detail["transcript"]


def test_api_errors_are_chinese(client, city, handled):
    services.event_set_public(
        event=handled, is_public=False, actor=city.city_office, now=aware(2025, 10, 5)
    )
    assert client.get("/api/v1/responses").json()["count"] == 0
    missing = client.get("/api/v1/press-conferences/999999")
    assert missing.status_code == 404 and "尚未发布" in missing.json()["error"]["message"]
    bad = client.get("/api/v1/press-conferences?year=abc")
    assert bad.status_code == 422 and bad.json()["error"]["message"]
