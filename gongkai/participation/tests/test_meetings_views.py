"""会议公开 on the portal, its feeds and API (the views use the real clock)."""

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from gongkai.participation import meetings
from gongkai.participation.choices import (
    ApplicationStatus,
    AttendeeCategory,
    MeetingOpenness,
    OpenMode,
)
from gongkai.participation.models import AttendanceApplication, Meeting
from gongkai.participation.testing import apply, make_meeting

PERSONAL = ("张小明", "13900004321", "xiaoming@example.com", "198.51.100.9", "陈某某")


@pytest.fixture
def meeting(org, office):
    now = timezone.now()
    return make_meeting(org, office, held_at=now + timedelta(days=10), now=now)


def form_data(**overrides):
    data = {
        "name": "张小明",
        "phone": "13900004321",
        "email": "xiaoming@example.com",
        "category": "public",
        "reason": "我每天骑公共自行车上班，想听听站点调整的考虑。",
        "captcha_0": "test",
        "captcha_1": "PASSED",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, meeting, address="198.51.100.9", **overrides):
    return client.post(
        reverse("participation:meeting_apply", args=[meeting.pk]),
        form_data(**overrides),
        REMOTE_ADDR=address,
    )


def page(client, meeting) -> str:
    response = client.get(reverse("participation:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def held_and_reported(meeting, office, *, outcomes=("原则同意站点布局调整方案。",)):
    """Move the meeting into the past (time passes), mark it held, publish its outcomes."""
    Meeting.objects.filter(pk=meeting.pk).update(held_at=timezone.now() - timedelta(hours=2))
    meeting.refresh_from_db()
    now = timezone.now()
    meetings.meeting_mark_held(meeting=meeting, actor=office, now=now)
    for text in outcomes:
        meetings.meeting_outcome_add(meeting=meeting, text=text, actor=office, now=now)
    meetings.meeting_outcomes_publish(meeting=meeting, actor=office, now=now)
    meeting.refresh_from_db()
    return meeting


# ---------------------------------------------------------------- pages


def test_meeting_page_shows_agenda_ways_to_attend_and_the_form(client, meeting):
    html = page(client, meeting)
    assert "研究公共自行车站点布局调整方案" in html and "审议停车收费标准调整意见" in html
    assert "https://live.example.gov.cn/hy" in html and "列席须知" in html
    assert "名额 5 人" in html and "剩余名额 5 人" in html
    assert 'name="captcha_1"' in html and 'name="website"' in html
    assert 'action="' + reverse("participation:meeting_apply", args=[meeting.pk]) in html


def test_planned_meetings_are_not_public(client, org, office):
    now = timezone.now()
    planned = make_meeting(org, office, held_at=now + timedelta(days=5), now=now, announce=False)
    assert client.get(reverse("participation:meeting", args=[planned.pk])).status_code == 404
    assert post(client, planned).status_code == 404
    assert planned.title not in client.get(reverse("participation:meetings")).content.decode()
    assert client.get(f"/api/v1/meetings/{planned.pk}").status_code == 404


def test_application_gets_a_receipt_and_waits_for_review(client, meeting):
    response = post(client, meeting)
    assert response.status_code == 302
    stored = AttendanceApplication.objects.get()
    done = client.get(response["Location"])
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    assert stored.receipt_code in done.content.decode()
    assert stored.status == ApplicationStatus.PENDING
    assert stored.category == AttendeeCategory.PUBLIC
    html = page(client, meeting)
    for value in PERSONAL:
        assert value not in html


def test_bad_input_is_answered_400_in_chinese_with_the_input_kept(client, meeting):
    response = post(client, meeting, name="", phone="电话", reason="", captcha_1="wrong")
    html = response.content.decode()
    assert response.status_code == 400 and "no-store" in response["Cache-Control"]
    assert "提交未成功" in html and "请填写姓名。" in html and "请填写申请理由。" in html
    assert "验证码不正确，请重新输入。" in html
    response = post(client, meeting, phone="电话", reason="我想旁听会议")
    html = response.content.decode()
    assert response.status_code == 400
    assert "联系电话格式不正确" in html and "我想旁听会议</textarea>" in html
    response = post(client, meeting, category="vip")
    assert response.status_code == 400 and "请选择申请身份。" in response.content.decode()
    assert not AttendanceApplication.objects.exists()


def test_duplicate_and_closed_windows_are_refused(client, meeting, org, office):
    assert post(client, meeting).status_code == 302
    response = post(client, meeting, phone="139-0000-4321")
    assert response.status_code == 400 and "请勿重复提交" in response.content.decode()
    now = timezone.now()
    soon = make_meeting(org, office, held_at=now + timedelta(hours=10), now=now)
    html = page(client, soon)
    assert 'name="captcha_1"' not in html and "列席报名已截止" in html
    response = post(client, soon)
    assert response.status_code == 400 and "列席报名已截止" in response.content.decode()
    closed = make_meeting(
        org,
        office,
        held_at=now + timedelta(days=3),
        now=now,
        openness=MeetingOpenness.CLOSED,
        closed_reason="涉及尚未公开的预算安排。",
    )
    html = page(client, closed)
    assert "不公开" in html and "涉及尚未公开的预算安排。" in html
    assert 'name="captcha_1"' not in html
    response = post(client, closed)
    assert response.status_code == 400
    assert "本次会议不接受公众报名列席。" in response.content.decode()
    assert AttendanceApplication.objects.count() == 1


def test_a_burst_of_applications_is_throttled(client, meeting):
    statuses = [post(client, meeting, phone=f"1390000{n:04d}").status_code for n in range(8)]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    response = post(client, meeting, phone="13900009999", reason="第九份申请")
    html = response.content.decode()
    assert response.status_code == 429
    assert "您提交申请过于频繁" in html and "第九份申请</textarea>" in html
    assert AttendanceApplication.objects.count() == 5
    assert post(client, meeting, address="192.0.2.1", phone="13700000000").status_code == 302


def test_honeypot_applications_are_kept_flagged(client, meeting):
    assert post(client, meeting, website="http://spam.example").status_code == 302
    assert AttendanceApplication.objects.get().spam_flags == ["隐藏字段被填写，疑似自动程序提交"]


def test_lookup_by_receipt_code_and_phone(client, meeting, office):
    stored = apply(meeting, now=timezone.now(), phone="13900004321")
    meetings.meeting_attendance_decide(
        application=stored,
        result=ApplicationStatus.DECLINED,
        reason="本次名额优先安排站点周边居民。",
        actor=office,
        now=timezone.now(),
    )
    url = reverse("participation:meeting_lookup")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"receipt_code": stored.receipt_code.lower(), "phone": "13900004321"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "审核结果：不同意" in html and "本次名额优先安排站点周边居民。" in html
    assert "13900004321" not in html and "李四" not in html
    wrong = client.post(url, {"receipt_code": stored.receipt_code, "phone": "13900000000"})
    html = wrong.content.decode()
    assert wrong.status_code == 400 and "没有找到与回执编号和联系电话相符的申请" in html
    assert "13900000000" not in html and stored.receipt_code in html  # the code is kept
    empty = client.post(url, {"receipt_code": "", "phone": ""})
    assert empty.status_code == 400 and "请填写回执编号。" in empty.content.decode()


def test_lookups_are_throttled(client, meeting):
    url = reverse("participation:meeting_lookup")
    statuses = [
        client.post(url, {"receipt_code": f"LX-{n}", "phone": "1"}).status_code for n in range(21)
    ]
    assert statuses[-1] == 429 and "查询过于频繁" in client.post(url, {}).content.decode()


def test_outcomes_invitees_feeds_and_api_carry_no_personal_data(client, meeting, office):
    now = timezone.now()
    meetings.meeting_invitee_add(
        meeting=meeting, category=AttendeeCategory.EXPERT, name="周教授", note="城市规划专家",
        actor=office, now=now,
    )  # fmt: skip
    meetings.meeting_invitee_add(
        meeting=meeting, category=AttendeeCategory.PUBLIC, name="陈某某", actor=office, now=now
    )
    stored = apply(
        meeting,
        now=now,
        name=PERSONAL[0],
        phone=PERSONAL[1],
        email=PERSONAL[2],
        ip=PERSONAL[3],
    )
    meetings.meeting_attendance_decide(
        application=stored, result=ApplicationStatus.APPROVED, actor=office, now=now
    )
    held_and_reported(meeting, office)
    urls = [
        reverse("participation:home"),
        reverse("participation:meetings") + "?tab=reported",
        reverse("participation:meeting", args=[meeting.pk]),
        reverse("participation:meetings_rss"),
        reverse("participation:meetings_atom"),
        "/api/v1/meetings",
        f"/api/v1/meetings/{meeting.pk}",
        f"/api/v1/meetings/{meeting.pk}/outcomes",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if url.startswith("/api/"):
            body = json.dumps(response.json(), ensure_ascii=False)
        assert meeting.title in body or url == urls[0], url
        for value in (*PERSONAL, stored.receipt_code):
            assert value not in body, (url, value)
    html = page(client, meeting)
    assert (
        "原则同意站点布局调整方案。" in html and "周教授" in html and "另有 1 人未公开姓名" in html
    )
    assert "已同意列席 1 人" in html


def test_api(client, meeting, org, office):
    now = timezone.now()
    partial = make_meeting(
        org,
        office,
        held_at=now + timedelta(days=20),
        now=now,
        title="年度预算编制座谈会",
        openness=MeetingOpenness.PARTIAL,
        closed_reason="第二项议题涉及未公开的预算数字。",
        open_modes=[OpenMode.TEXT],
        capacity=0,
        items=[
            {"title": "听取意见", "description": "公开部分"},
            {"title": "具体预算数字", "description": "内部讨论", "is_public": False},
        ],
    )
    listing = client.get("/api/v1/meetings", {"status": "announced"}).json()
    assert {row["id"] for row in listing["results"]} == {meeting.pk, partial.pk}
    assert listing["results"][0]["status"] == {"code": "announced", "label": "已公告"}
    detail = client.get(f"/api/v1/meetings/{partial.pk}").json()
    assert detail["openness"] == {"code": "partial", "label": "部分公开"}
    assert detail["agenda"][1] == {
        "order": 2,
        "public": False,
        "title": "",
        "description": "",
        "decision_id": None,
        "consultation_id": None,
    }
    assert detail["attendance"]["offered"] is False and detail["attendance"]["open"] is False
    assert "具体预算数字" not in json.dumps(detail, ensure_ascii=False)
    detail = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert detail["attendance"] == {
        "offered": True,
        "capacity": 5,
        "approved": 0,
        "closes_at": detail["attendance"]["closes_at"],
        "open": True,
    }
    missing = client.get(f"/api/v1/meetings/{meeting.pk}/outcomes")
    assert missing.status_code == 404 and "尚未公布" in missing.json()["error"]["message"]
    held_and_reported(meeting, office, outcomes=("第一项", "第二项"))
    outcomes = client.get(f"/api/v1/meetings/{meeting.pk}/outcomes").json()
    assert [o["text"] for o in outcomes["outcomes"]] == ["第一项", "第二项"]
    assert client.get("/api/v1/meetings", {"status": "planned"}).status_code == 422
    assert client.get("/api/v1/meetings", {"kind": "hearing"}).json()["count"] == 0
    assert client.get("/api/v1/meetings/999999").status_code == 404


def test_partial_meeting_hides_closed_items_on_the_page(client, org, office):
    now = timezone.now()
    partial = make_meeting(
        org,
        office,
        held_at=now + timedelta(days=20),
        now=now,
        openness=MeetingOpenness.PARTIAL,
        closed_reason="第二项议题涉及未公开的预算数字。",
        items=[
            {"title": "听取意见", "description": ""},
            {"title": "具体预算数字", "description": "", "is_public": False},
        ],
    )
    html = page(client, partial)
    assert "听取意见" in html and "不公开议题" in html and "具体预算数字" not in html
    assert "第二项议题涉及未公开的预算数字。" in html


def test_list_tabs_landing_page_and_query_counts(
    client, meeting, org, office, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(4):
        make_meeting(org, office, held_at=now + timedelta(days=3 + n), now=now, title=f"会议{n}")
    with django_assert_max_num_queries(6):
        html = client.get(reverse("participation:meetings")).content.decode()
    assert meeting.title in html and "会议3" in html
    assert client.get(reverse("participation:meetings"), {"tab": "bogus"}).status_code == 200
    assert client.get(reverse("participation:meetings"), {"page": "x"}).status_code == 200
    home = client.get(reverse("participation:home")).content.decode()
    assert reverse("participation:meetings") in home and "会议公开" in home
    assert meeting.title in home
    with django_assert_max_num_queries(12):
        assert client.get(reverse("participation:meeting", args=[meeting.pk])).status_code == 200
