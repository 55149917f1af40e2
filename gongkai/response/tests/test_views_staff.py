"""The workbench pages: permissions, live clocks, lazy escalation, forms and bad input."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.orgs.models import Role
from gongkai.response.choices import EventLevel, EventStatus
from gongkai.response.models import Escalation, EventResponse, OpinionEvent, PressConference

from .factories import conference, event, published_item, respond


def recent(city, **extra):
    """A 重大 event first seen an hour ago: both clocks running."""
    return event(city, first_seen_at=timezone.now() - timedelta(hours=1), **extra)


def test_staff_without_an_office_role_are_refused(client, city):
    drafter = staff(city.education, Role.DRAFTER)
    client.force_login(drafter)
    response = client.get(reverse("response_staff:list"))
    assert response.status_code == 403
    assert "政务公开工作机构" in response.content.decode()


def test_anonymous_users_go_to_the_login_page(client, city):
    response = client.get(reverse("response_staff:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_running_clocks_with_their_due_times(client, city):
    made = recent(city)
    client.force_login(city.education_office)
    response = client.get(reverse("response_staff:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert made.title in html
    assert html.count("data-due=") == 2
    assert "剩余 3小时5" in html or "剩余 3小时" in html
    assert "response/clocks.js" in html


def test_list_escalates_missed_clocks_lazily_and_marks_them(client, city):
    made = event(city, first_seen_at=timezone.now() - timedelta(hours=6))
    client.force_login(city.education_office)
    html = client.get(reverse("response_staff:list")).content.decode()
    assert Escalation.objects.filter(event=made).count() == 1
    assert "已超时" in html and "已上报" in html
    client.get(reverse("response_staff:list"))
    assert Escalation.objects.filter(event=made).count() == 1


def test_events_of_other_organizations_are_hidden(client, city):
    made = recent(city)  # 临江市教育局
    client.force_login(city.health_office)
    assert made.title not in client.get(reverse("response_staff:list")).content.decode()
    assert client.get(reverse("response_staff:event", args=[made.pk])).status_code == 404


def test_reporting_organization_sees_but_cannot_act(client, city):
    made = recent(city, reported_by=city.district, actor=city.district_office)
    client.force_login(city.district_office)
    page = client.get(reverse("response_staff:event", args=[made.pk]))
    assert page.status_code == 200 and "其他单位负责办理" in page.content.decode()
    response = client.post(reverse("response_staff:event_action", args=[made.pk, "handle"]))
    assert response.status_code == 403


def test_workbench_home_lists_running_clocks(client, city):
    made = recent(city)
    client.force_login(city.education_office)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "政务舆情回应时限" in html and made.title in html
    assert html.count("data-due=") == 2
    assert reverse("response_staff:list") in html  # the navigation entry


def test_workbench_home_has_no_block_for_other_staff(client, city):
    drafter = staff(city.education, Role.DRAFTER)
    client.force_login(drafter)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "政务舆情回应时限" not in html
    assert reverse("response_staff:list") not in html


def form_data(city, **overrides):
    data = {
        "reported_by": city.city.pk,
        "title": "网传江北区某小区电梯长期故障",
        "source_kind": "hotline",
        "source_detail": "12345工单 2025-001",
        "summary": "多名居民来电反映电梯停运一周无人维修。",
        "level": "general",
        "first_seen_at": timezone.localtime(timezone.now() - timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "place": city.town.pk,
        "subject": "",
        "responsible": "",
        "override_reason": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_create_shows_the_suggestion_then_records(client, city):
    client.force_login(city.city_office)
    url = reverse("response_staff:create")
    assert client.get(url).status_code == 200
    page = client.post(url, form_data(city, action="suggest"))
    assert page.status_code == 200 and "江北区人民政府" in page.content.decode()
    assert not OpinionEvent.objects.exists()
    response = client.post(url, form_data(city))
    made = OpinionEvent.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.pk}/")
    assert made.responsible_organization == city.district and made.first_release_hours == 48


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "请填写舆情标题"),
        ({"level": "huge"}, "舆情级别的选项无效"),
        ({"first_seen_at": "昨天晚上"}, "首次发现时间格式不正确"),
        ({"place": "999999"}, "事发地的选项无效"),
        ({"first_seen_at": "2999-01-01T00:00"}, "不能晚于当前时间"),
    ],
)
def test_create_bad_input_is_400_with_a_chinese_message(client, city, overrides, message):
    client.force_login(city.city_office)
    response = client.post(reverse("response_staff:create"), form_data(city, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OpinionEvent.objects.exists()


def test_create_override_without_reason_is_refused(client, city):
    client.force_login(city.city_office)
    response = client.post(
        reverse("response_staff:create"), form_data(city, responsible=city.health.pk)
    )
    assert response.status_code == 400
    assert "请说明调整理由" in response.content.decode()


def test_record_a_response_linked_to_a_published_item(client, city):
    made = recent(city)
    item = published_item(city.education)
    client.force_login(city.education_office)
    response = client.post(
        reverse("response_staff:response_create", args=[made.pk]),
        {
            "response-kind": "authoritative",
            "response-released_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "response-summary": "市教育局通报核查结果。",
            "response-item": item.index_number,
        },
    )
    assert response.status_code == 302
    saved = EventResponse.objects.get()
    assert saved.item == item
    page = client.get(reverse("response_staff:event", args=[made.pk])).content.decode()
    assert "已于" in page and "完成" in page
    assert page.count("data-due=") == 1  # the press conference clock still runs


def test_response_with_an_unknown_item_is_400(client, city):
    made = recent(city)
    client.force_login(city.education_office)
    response = client.post(
        reverse("response_staff:response_create", args=[made.pk]),
        {
            "response-kind": "authoritative",
            "response-released_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "response-summary": "通报。",
            "response-item": "NO-SUCH-INDEX",
        },
    )
    assert response.status_code == 400
    assert "没有找到这条已发布的信息" in response.content.decode()
    assert not EventResponse.objects.exists()


def test_actions(client, city):
    made = recent(city)
    client.force_login(city.education_office)
    url = lambda action: reverse("response_staff:event_action", args=[made.pk, action])  # noqa: E731
    assert client.post(url("handle")).status_code == 302
    again = client.post(url("handle"))  # a refusal tied to no form shows above the page
    assert again.status_code == 409 and "只有监测中的舆情可以转入处置" in again.content.decode()
    assert client.post(url("public")).status_code == 302
    # A refusal about no field shows above the page, even when the form is not offered.
    early = client.post(url("evaluate"), {"evaluate-evaluation": "效果良好。"})
    assert early.status_code == 409 and "已回应的舆情才能评估" in early.content.decode()
    made.refresh_from_db()
    assert made.status == EventStatus.HANDLING and made.is_public
    bad = client.post(url("level"), {"level-level": "major", "level-reason": "x"})
    assert bad.status_code == 400 and "舆情级别没有变化" in bad.content.decode()
    missing = client.post(url("archive"), {"archive-reason": ""})
    assert missing.status_code == 400 and "须说明理由" in missing.content.decode()
    unknown = client.post(url("explode"))
    assert unknown.status_code == 400 and "未知的操作" in unknown.content.decode()
    ok = client.post(url("level"), {"level-level": "large", "level-reason": "影响有限。"})
    assert ok.status_code == 302
    made.refresh_from_db()
    assert made.level == EventLevel.LARGE and made.press_conference_hours is None


def test_unknown_tab_is_400(client, city):
    client.force_login(city.city_office)
    response = client.get(reverse("response_staff:list") + "?tab=secret")
    assert response.status_code == 400 and "未知的列表分类" in response.content.decode()


def test_list_query_count_does_not_grow_with_events(client, city, django_assert_max_num_queries):
    for n in range(3):
        respond(recent(city, title=f"舆情{n}"), city.education_office)
    client.force_login(city.education_office)
    client.get(reverse("response_staff:list"))  # warm caches (content types, escalations)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("response_staff:list"))
    for n in range(3, 9):
        respond(recent(city, title=f"舆情{n}"), city.education_office)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("response_staff:list"))


def test_conference_create_edit_publish_and_leaders_page(client, city):
    client.force_login(city.education_office)
    held = timezone.localtime(timezone.now() - timedelta(hours=2))
    data = {
        "organization": city.education.pk,
        "topic": "暑期校外培训治理新闻发布会",
        "held_at": held.strftime("%Y-%m-%dT%H:%M"),
        "location": "市政府新闻发布厅",
        "transcript": "<p>记者：请介绍治理情况。</p><script>x</script>",
        "media": "临江日报\n临江广播电视台",
        "event": "",
        "items": "",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "20",
        "speakers-0-name": "李华",
        "speakers-0-post": "市教育局局长",
        "speakers-0-is_principal_leader": "on",
        "speakers-1-name": "",
        "speakers-1-post": "",
    }
    response = client.post(reverse("response_staff:conference_create"), data)
    assert response.status_code == 302
    made = PressConference.objects.get()
    assert "<script>" not in made.transcript
    assert client.get(reverse("response_staff:conference_edit", args=[made.pk])).status_code == 200
    data["topic"] = "暑期校外培训治理情况新闻发布会"
    assert (
        client.post(reverse("response_staff:conference_edit", args=[made.pk]), data).status_code
        == 302
    )
    assert (
        client.post(reverse("response_staff:conference_publish", args=[made.pk])).status_code == 302
    )
    made.refresh_from_db()
    assert made.is_published and made.topic.startswith("暑期校外培训治理情况")
    page = client.get(reverse("response_staff:leaders")).content.decode()
    assert "临江市教育局" in page
    assert client.get(reverse("response_staff:leaders") + "?year=abc").status_code == 400
    assert client.get(reverse("response_staff:conferences")).status_code == 200
    assert client.get(reverse("response_staff:conference", args=[made.pk])).status_code == 200


def test_conference_bad_input_is_400(client, city):
    client.force_login(city.education_office)
    response = client.post(
        reverse("response_staff:conference_create"),
        {
            "organization": city.education.pk,
            "topic": "",
            "held_at": "not a time",
            "speakers-TOTAL_FORMS": "1",
            "speakers-INITIAL_FORMS": "0",
            "speakers-0-name": "李华",
            "speakers-0-post": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写发布会主题" in html and "举行时间格式不正确" in html


def test_conferences_of_other_organizations_are_404(client, city):
    made = conference(city.education, city.education_office, held_at=aware(2025, 3, 1, 10, 0))
    other = staff(OrganizationFactory(), Role.OPENNESS_OFFICE)
    client.force_login(other)
    assert client.get(reverse("response_staff:conference", args=[made.pk])).status_code == 404
