"""The workbench of 会议公开 (the views use the real clock)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from gongkai.core.testing import UserFactory
from gongkai.participation.choices import ApplicationStatus, MeetingStatus
from gongkai.participation.models import Meeting
from gongkai.participation.testing import apply, make_meeting


@pytest.fixture
def signed_in(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def meeting(org, office):
    now = timezone.now()
    return make_meeting(org, office, held_at=now + timedelta(days=10), now=now)


def agenda(*titles, initial=0):
    data = {
        "items-TOTAL_FORMS": str(len(titles)),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "30",
    }
    for n, title in enumerate(titles):
        data[f"items-{n}-title"] = title
        data[f"items-{n}-description"] = ""
        data[f"items-{n}-is_public"] = "on"
    return data


def create_data(org, **overrides):
    held = timezone.localtime(timezone.now() + timedelta(days=7)).replace(hour=9, minute=30)
    data = {
        "organization": org.pk,
        "title": "老旧小区加装电梯听证会",
        "kind": "hearing",
        "held_at": held.strftime("%Y-%m-%dT%H:%M"),
        "location": "区政府二楼听证室",
        "description": "",
        "openness": "open",
        "closed_reason": "",
        "open_modes": ["attend", "text"],
        "live_url": "",
        "capacity": "10",
        "application_close_hours": "48",
        "attendance_notes": "",
        **agenda("加装电梯补助标准", "", ""),
    }
    data.update(overrides)
    return data


def test_workbench_needs_the_office_role(client, outsider, meeting):
    client.force_login(outsider)
    assert client.get(reverse("participation_staff:meetings")).status_code == 200
    url = reverse("participation_staff:meeting", args=[meeting.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    response = client.get(reverse("participation_staff:meetings"))
    assert response.status_code == 403 and "政务公开工作机构" in response.content.decode()


def test_create_then_announce(signed_in, org):
    page = signed_in.get(reverse("participation_staff:meeting_create"))
    assert page.status_code == 200 and 'name="items-2-title"' in page.content.decode()
    response = signed_in.post(reverse("participation_staff:meeting_create"), create_data(org))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{meeting.pk}/")
    assert [i.title for i in meeting.items.all()] == ["加装电梯补助标准"]
    assert meeting.open_modes == ["attend", "text"] and meeting.capacity == 10
    assert timezone.localtime(meeting.held_at).strftime("%H:%M") == "09:30"
    response = signed_in.post(
        reverse("participation_staff:meeting_action", args=[meeting.pk, "announce"]), follow=True
    )
    assert "会议已公告" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ANNOUNCED


def test_bad_input_is_400_with_chinese_messages_and_kept_input(signed_in, org):
    response = signed_in.post(
        reverse("participation_staff:meeting_create"),
        create_data(org, held_at="明天上午", location="", openness="partial"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "请按“年-月-日 时:分”填写召开时间。" in html and "老旧小区加装电梯听证会" in html
    response = signed_in.post(
        reverse("participation_staff:meeting_create"), create_data(org, openness="partial")
    )
    html = response.content.decode()
    assert response.status_code == 400 and "请说明理由" in html
    assert 'value="加装电梯补助标准"' in html
    response = signed_in.post(
        reverse("participation_staff:meeting_create"),
        create_data(org, **{"items-1-description": "只有说明没有名称"}),
    )
    assert response.status_code == 400 and "请填写议题名称。" in response.content.decode()
    past = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = signed_in.post(
        reverse("participation_staff:meeting_create"), create_data(org, held_at=past)
    )
    assert response.status_code == 400 and "召开时间须晚于当前时间" in response.content.decode()
    assert not Meeting.objects.exists()


def test_editing_an_announced_meeting_needs_a_note(signed_in, meeting):
    url = reverse("participation_staff:meeting_edit", args=[meeting.pk])
    page = signed_in.get(url).content.decode()
    assert "变更说明" in page and 'value="研究公共自行车站点布局调整方案"' in page
    data = create_data(
        meeting.organization,
        title=meeting.title,
        open_modes=["attend", "video"],
        live_url="https://live.example.gov.cn/hy",
        **agenda("研究公共自行车站点布局调整方案", "审议停车收费标准调整意见", initial=2),
    )
    data.pop("organization")
    response = signed_in.post(url, data)
    assert response.status_code == 400 and "修改须填写变更说明" in response.content.decode()
    data["reason"] = "会议改在区政府二楼听证室召开。"
    response = signed_in.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "区政府二楼听证室"
    assert meeting.change_note == "会议改在区政府二楼听证室召开。"
    public = signed_in.get(reverse("participation:meeting", args=[meeting.pk])).content.decode()
    assert "会议改在区政府二楼听证室召开。" in public


def test_invitees_and_applications(signed_in, meeting):
    url = reverse("participation_staff:meeting_invitee_add", args=[meeting.pk])
    response = signed_in.post(url, {"invitee-category": "expert", "invitee-name": ""})
    assert response.status_code == 400 and "请填写姓名或单位名称。" in response.content.decode()
    response = signed_in.post(
        url, {"invitee-category": "media", "invitee-name": "临江日报"}, follow=True
    )
    assert "已添加参会人员。" in response.content.decode()
    invitee = meeting.invitees.get()
    signed_in.post(
        reverse("participation_staff:meeting_invitee_remove", args=[meeting.pk, invitee.pk])
    )
    assert not meeting.invitees.exists()

    application = apply(meeting, now=timezone.now(), name="李四", phone="13900001111")
    detail = signed_in.get(reverse("participation_staff:meeting", args=[meeting.pk]))
    html = detail.content.decode()
    assert "李四" in html and "13900001111" in html and application.receipt_code in html
    decide = "participation_staff:meeting_application_decide"
    response = signed_in.post(
        reverse(decide, args=[meeting.pk, application.pk, "decline"]),
        {f"a{application.pk}-reason": ""},
    )
    assert response.status_code == 400 and "请填写不同意的理由" in response.content.decode()
    response = signed_in.post(
        reverse(decide, args=[meeting.pk, application.pk, "approve"]), follow=True
    )
    assert f"已同意列席申请 {application.receipt_code}。" in response.content.decode()
    response = signed_in.post(reverse(decide, args=[meeting.pk, application.pk, "approve"]))
    assert response.status_code == 409 and "该申请已审核（同意）" in response.content.decode()
    assert signed_in.post(reverse(decide, args=[meeting.pk, application.pk, "x"])).status_code == (
        404
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_outcomes_after_the_meeting(signed_in, meeting, office):
    response = signed_in.post(
        reverse("participation_staff:meeting_action", args=[meeting.pk, "held"])
    )
    assert response.status_code == 409 and "会议尚未到召开时间" in response.content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(held_at=timezone.now() - timedelta(hours=1))
    page = signed_in.get(reverse("participation_staff:meeting", args=[meeting.pk]))
    assert "确认会议已召开" in page.content.decode()
    signed_in.post(reverse("participation_staff:meeting_action", args=[meeting.pk, "held"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    url = reverse("participation_staff:meeting_outcome_add", args=[meeting.pk])
    response = signed_in.post(url, {"outcome-text": "", "outcome-items": ""})
    assert response.status_code == 400 and "请填写议定事项。" in response.content.decode()
    response = signed_in.post(url, {"outcome-text": "同意方案", "outcome-items": "abc"})
    assert response.status_code == 400 and "信息编号应为数字" in response.content.decode()
    response = signed_in.post(url, {"outcome-text": "同意方案", "outcome-items": "999999"})
    html = response.content.decode()
    assert response.status_code == 400 and "没有编号为 999999 的信息" in html
    assert "同意方案</textarea>" in html
    signed_in.post(url, {"outcome-text": "原则同意站点布局调整方案。", "outcome-items": ""})
    response = signed_in.post(
        reverse("participation_staff:meeting_action", args=[meeting.pk, "publish"]), follow=True
    )
    assert "议定事项已公布。" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.REPORTED
    public = signed_in.get(reverse("participation:meeting", args=[meeting.pk])).content.decode()
    assert "原则同意站点布局调整方案。" in public
    response = signed_in.post(
        reverse("participation_staff:meeting_action", args=[meeting.pk, "publish"])
    )
    assert response.status_code == 400 and "没有待公布的议定事项" in response.content.decode()
    assert (
        signed_in.post(
            reverse("participation_staff:meeting_action", args=[meeting.pk, "bogus"])
        ).status_code
        == 404
    )


def test_list_page(signed_in, meeting, org, office, django_assert_max_num_queries):
    now = timezone.now()
    make_meeting(
        org, office, held_at=now + timedelta(days=3), now=now, announce=False, title="计划中的会议"
    )
    apply(meeting, now=now)
    for n in range(3):  # more rows, no more queries
        make_meeting(org, office, held_at=now + timedelta(days=4 + n), now=now, title=f"会议{n}")
    # The workbench's own navigation (counters of every module) takes most of these.
    with django_assert_max_num_queries(20):
        response = signed_in.get(reverse("participation_staff:meetings"))
    html = response.content.decode()
    assert meeting.title in html and "待审核 1" in html and "计划（1）" in html
    html = signed_in.get(reverse("participation_staff:meetings"), {"tab": "planned"}).content
    assert meeting.title not in html.decode()
    detail = signed_in.get(reverse("participation_staff:meeting", args=[meeting.pk]))
    assert reverse("participation:meeting", args=[meeting.pk]) in detail.content.decode()
