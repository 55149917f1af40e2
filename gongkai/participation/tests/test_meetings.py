import re
from datetime import date, timedelta

from django.core import mail
from django.db import connection

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.testing import aware
from gongkai.participation import meetings
from gongkai.participation.choices import (
    ApplicationStatus,
    AttendeeCategory,
    MeetingOpenness,
    MeetingStatus,
    OpenMode,
)
from gongkai.participation.meetings import Window, attendance_window
from gongkai.participation.models import AttendanceApplication, Meeting
from gongkai.participation.selectors import invitee_groups, meetings_in, public_meeting
from gongkai.participation.testing import apply, make_consultation, make_meeting

HELD = aware(2026, 4, 20, 9, 0)  # a Monday morning
ANNOUNCED = aware(2026, 4, 10, 10, 0)
DURING = aware(2026, 4, 15, 10, 0)


@pytest.fixture
def meeting(org, office):
    return make_meeting(org, office, held_at=HELD, now=ANNOUNCED)


def approve(application, office, now=DURING):
    return meetings.meeting_attendance_decide(
        application=application, result=ApplicationStatus.APPROVED, actor=office, now=now
    )


# ---------------------------------------------------------------- the meeting


def test_create_keeps_the_agenda_in_order_and_is_not_public_until_announced(org, office):
    planned = make_meeting(org, office, held_at=HELD, now=ANNOUNCED, announce=False)
    assert planned.status == MeetingStatus.PLANNED
    assert [(i.order, i.title) for i in planned.items.all()] == [
        (1, "研究公共自行车站点布局调整方案"),
        (2, "审议停车收费标准调整意见"),
    ]
    with pytest.raises(Meeting.DoesNotExist):
        public_meeting(planned.pk)
    meetings.meeting_announce(meeting=planned, actor=office, now=ANNOUNCED)
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.ANNOUNCED and planned.announced_at == ANNOUNCED
    assert public_meeting(planned.pk).pk == planned.pk
    assert AuditEntry.objects.filter(action="participation.meeting_announce").count() == 1


def test_meeting_rules(org, office, outsider):
    with pytest.raises(DomainError, match="召开时间须晚于当前时间") as exc:
        make_meeting(org, office, held_at=ANNOUNCED - timedelta(hours=1), now=ANNOUNCED)
    assert exc.value.field == "held_at"
    with pytest.raises(DomainError, match="请说明理由") as exc:
        make_meeting(org, office, held_at=HELD, openness=MeetingOpenness.PARTIAL)
    assert exc.value.field == "closed_reason"
    with pytest.raises(DomainError, match="至少选择一种公开形式"):
        make_meeting(org, office, held_at=HELD, open_modes=[], capacity=0)
    with pytest.raises(DomainError, match="公开形式请选择“列席”"):
        make_meeting(org, office, held_at=HELD, open_modes=[OpenMode.TEXT])
    with pytest.raises(DomainError, match="只能关联一项"):
        consultation = make_consultation(
            org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
        )
        from gongkai.participation.services import decision_create

        decision = decision_create(
            organization=org, year=2026, title="决策", actor=office, now=ANNOUNCED
        )
        make_meeting(
            org,
            office,
            held_at=HELD,
            items=[{"title": "议题", "decision": decision, "consultation": consultation}],
        )
    with pytest.raises(NotAllowed):
        make_meeting(org, outsider, held_at=HELD)
    planned = make_meeting(org, office, held_at=HELD, announce=False, items=[])
    with pytest.raises(DomainError, match="请至少列出一个议题"):
        meetings.meeting_announce(meeting=planned, actor=office, now=ANNOUNCED)
    assert not Meeting.objects.exclude(pk=planned.pk).exists()


def test_a_closed_meeting_keeps_its_reason_and_takes_no_applications(org, office):
    closed = make_meeting(
        org,
        office,
        held_at=HELD,
        now=ANNOUNCED,
        openness=MeetingOpenness.CLOSED,
        closed_reason="涉及尚未公开的财政预算安排。",
    )
    assert closed.open_modes == [] and closed.capacity == 0 and closed.live_url == ""
    assert attendance_window(closed, DURING) == Window.NOT_OFFERED
    with pytest.raises(DomainError, match="不接受公众报名列席"):
        apply(closed, now=DURING)


def test_changing_an_announced_meeting_needs_a_public_note(meeting, office):
    with pytest.raises(DomainError, match="须填写变更说明") as exc:
        meetings.meeting_update(
            meeting=meeting, data={"location": "二楼会议室"}, actor=office, now=DURING
        )
    assert exc.value.field == "reason"
    meetings.meeting_update(
        meeting=meeting,
        data={"location": "临江市行政中心二楼会议室"},
        reason="原会议室装修，改在二楼召开。",
        actor=office,
        now=DURING,
    )
    meeting.refresh_from_db()
    assert meeting.location == "临江市行政中心二楼会议室"
    assert meeting.change_note == "原会议室装修，改在二楼召开。"
    assert meeting.items.count() == 2  # agenda untouched when not given


def test_capacity_cannot_go_below_the_approved(meeting, office):
    approve(apply(meeting, now=DURING, phone="13900000001"), office)
    approve(apply(meeting, now=DURING, phone="13900000002"), office)
    with pytest.raises(DomainError, match="名额不能少于2人"):
        meetings.meeting_update(
            meeting=meeting, data={"capacity": 1}, reason="会场调整", actor=office, now=DURING
        )
    with pytest.raises(DomainError, match="不能取消公众列席"):
        meetings.meeting_update(
            meeting=meeting,
            data={"open_modes": [OpenMode.VIDEO], "capacity": 0},
            reason="改为只直播",
            actor=office,
            now=DURING,
        )


# ---------------------------------------------------------------- applications


def test_an_application_gets_a_receipt_code_and_keeps_contacts_encrypted(meeting):
    stored = apply(
        meeting,
        now=DURING,
        name="李四",
        phone="139 0000 1111",
        email="lisi@example.com",
        reason="<b>想</b>旁听<script>x()</script>",
        ip="203.0.113.5",
    )
    assert re.fullmatch(r"LX20260415-[2-9A-HJ-NP-Z]{6}", stored.receipt_code)
    assert stored.status == ApplicationStatus.PENDING and stored.reason == "想旁听"
    assert "203.0.113.5" not in stored.ip_hash
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, phone, email FROM participation_attendanceapplication WHERE id = %s",
            [stored.pk],
        )
        raw = " ".join(cursor.fetchone())
    assert "李四" not in raw and "1111" not in raw and "lisi@" not in raw
    event = AuditEntry.objects.get(action="participation.attendance_apply")
    assert "李四" not in event.summary and stored.receipt_code in event.summary
    # Looked up with the code and the phone only.
    assert meetings.attendance_lookup(stored.receipt_code.lower(), "13900001111") == stored
    assert meetings.attendance_lookup(stored.receipt_code, "13900002222") is None
    assert meetings.attendance_lookup("LX20260415-XXXXXX", "13900001111") is None


def test_the_window_opens_at_the_announcement_and_closes_n_hours_before(org, office):
    planned = make_meeting(org, office, held_at=HELD, now=ANNOUNCED, announce=False)
    assert attendance_window(planned, DURING) == Window.NOT_YET
    with pytest.raises(DomainError, match="尚未公告"):
        apply(planned, now=DURING)
    meetings.meeting_announce(meeting=planned, actor=office, now=ANNOUNCED)
    closes = HELD - timedelta(hours=24)
    assert planned.application_closes_at == closes
    assert attendance_window(planned, closes - timedelta(minutes=1)) == Window.OPEN
    apply(planned, now=closes - timedelta(minutes=1))
    assert attendance_window(planned, closes) == Window.CLOSED
    with pytest.raises(DomainError, match="列席报名已截止"):
        apply(planned, now=closes, phone="13900002222")
    assert AttendanceApplication.objects.count() == 1


def test_capacity_is_counted_on_approvals(org, office):
    small = make_meeting(org, office, held_at=HELD, now=ANNOUNCED, capacity=2)
    first, second, third = (
        apply(small, now=DURING, phone=f"1390000000{n}") for n in range(1, 4)
    )  # more applications than seats: staff choose
    approve(first, office)
    approve(second, office)
    assert attendance_window(small, DURING) == Window.FULL
    with pytest.raises(DomainError, match="名额已满"):
        apply(small, now=DURING, phone="13900000009")
    with pytest.raises(InvalidTransition, match="名额（2人）已满"):
        approve(third, office)
    meetings.meeting_attendance_decide(
        application=third,
        result=ApplicationStatus.DECLINED,
        reason="名额已满",
        actor=office,
        now=DURING,
    )
    third.refresh_from_db()
    assert third.status == ApplicationStatus.DECLINED and third.decline_reason == "名额已满"


def test_application_input_is_checked(meeting):
    cases = [
        ({"name": " "}, "name", "请填写姓名"),
        ({"phone": ""}, "phone", "请填写联系电话"),
        ({"phone": "abc"}, "phone", "联系电话格式不正确"),
        ({"email": "not-an-address"}, "email", "电子邮箱"),
        ({"category": "vip"}, "category", "请选择申请身份"),
        ({"reason": ""}, "reason", "请填写申请理由"),
        ({"reason": "长" * 501}, "reason", "不能超过500字"),
    ]
    for overrides, field, message in cases:
        with pytest.raises(DomainError, match=message) as exc:
            apply(meeting, now=DURING, **overrides)
        assert exc.value.field == field
    apply(meeting, now=DURING)
    with pytest.raises(DomainError, match="请勿重复提交"):
        apply(meeting, now=DURING, phone="139-0000-1111")
    assert AttendanceApplication.objects.count() == 1


def test_decisions(meeting, office, outsider, django_capture_on_commit_callbacks):
    application = apply(meeting, now=DURING, email="lisi@example.com")
    with pytest.raises(NotAllowed):
        approve(application, outsider)
    with pytest.raises(DomainError, match="请填写不同意的理由") as exc:
        meetings.meeting_attendance_decide(
            application=application, result=ApplicationStatus.DECLINED, actor=office, now=DURING
        )
    assert exc.value.field == "reason"
    with pytest.raises(DomainError, match="请选择审核结果"):
        meetings.meeting_attendance_decide(
            application=application, result="maybe", actor=office, now=DURING
        )
    with pytest.raises(InvalidTransition, match="尚有1份列席申请未审核"):
        meetings.meeting_mark_held(meeting=meeting, actor=office, now=HELD)
    with django_capture_on_commit_callbacks(execute=True):
        approve(application, office)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decided_by == office
    assert len(mail.outbox) == 1 and "已同意" in mail.outbox[0].body
    with pytest.raises(InvalidTransition, match="已审核（同意）"):
        approve(application, office)
    assert public_meeting(meeting.pk).approved == 1


def test_invitees_are_named_only_when_public(meeting, office):
    add = meetings.meeting_invitee_add
    add(meeting=meeting, category=AttendeeCategory.EXPERT, name="周教授", note="大学教授",
        actor=office, now=DURING)  # fmt: skip
    add(meeting=meeting, category=AttendeeCategory.MEDIA, name="临江日报", actor=office, now=DURING)
    add(meeting=meeting, category=AttendeeCategory.PUBLIC, name="陈市民", actor=office, now=DURING)
    add(meeting=meeting, category=AttendeeCategory.PUBLIC, name="吴市民", consent=True,
        actor=office, now=DURING)  # fmt: skip
    add(meeting=meeting, category=AttendeeCategory.STAKEHOLDER, name="某运营公司",
        actor=office, now=DURING)  # fmt: skip
    with pytest.raises(DomainError, match="请填写姓名或单位名称"):
        add(meeting=meeting, category=AttendeeCategory.MEDIA, name="", actor=office, now=DURING)
    groups = {g.category: g for g in invitee_groups(meeting.invitees.all())}
    assert [i.name for i in groups["expert"].named] == ["周教授"]
    assert [i.name for i in groups["media"].named] == ["临江日报"]
    assert groups["public"].count == 2 and [i.name for i in groups["public"].named] == ["吴市民"]
    assert groups["stakeholder"].count == 1 and groups["stakeholder"].unnamed == 1


# ---------------------------------------------------------------- held, outcomes


def test_outcomes_are_drafted_then_published(meeting, office, org):
    with pytest.raises(InvalidTransition, match="会议召开后"):
        meetings.meeting_outcome_add(meeting=meeting, text="同意", actor=office, now=DURING)
    with pytest.raises(InvalidTransition, match="尚未到召开时间"):
        meetings.meeting_mark_held(meeting=meeting, actor=office, now=DURING)
    after = HELD + timedelta(hours=3)
    meetings.meeting_mark_held(meeting=meeting, actor=office, now=after)
    with pytest.raises(InvalidTransition, match="不能再修改会议信息"):
        meetings.meeting_update(meeting=meeting, data={}, reason="x", actor=office, now=after)
    with pytest.raises(DomainError, match="没有待公布的议定事项"):
        meetings.meeting_outcomes_publish(meeting=meeting, actor=office, now=after)
    first = meetings.meeting_outcome_add(
        meeting=meeting, text="原则同意站点布局调整方案，由市交通运输局组织实施。",
        actor=office, now=after,
    )  # fmt: skip
    dropped = meetings.meeting_outcome_add(meeting=meeting, text="草稿", actor=office, now=after)
    meetings.meeting_outcome_remove(outcome=dropped, actor=office, now=after)
    assert public_meeting(meeting.pk).published_outcomes == []
    published = meetings.meeting_outcomes_publish(meeting=meeting, actor=office, now=after)
    assert [o.pk for o in published] == [first.pk]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.REPORTED and meeting.reported_at == after
    assert [o.text for o in public_meeting(meeting.pk).published_outcomes] == [first.text]
    with pytest.raises(InvalidTransition, match="已公布的议定事项不能删除"):
        meetings.meeting_outcome_remove(outcome=first, actor=office, now=after)
    # A later addition is published on its own; the first publication time stays.
    later = after + timedelta(days=1)
    meetings.meeting_outcome_add(meeting=meeting, text="补充事项", actor=office, now=later)
    meetings.meeting_outcomes_publish(meeting=meeting, actor=office, now=later)
    meeting.refresh_from_db()
    assert meeting.reported_at == after
    assert [o.order for o in public_meeting(meeting.pk).published_outcomes] == [1, 2]


def test_outcomes_link_only_published_items(meeting, office, org):
    from gongkai.catalog.tests.factories import published_item

    minutes = published_item(org, published_at=HELD)
    draft = published_item(org, status="draft")
    meetings.meeting_mark_held(meeting=meeting, actor=office, now=HELD)
    with pytest.raises(DomainError, match="只能关联已公开的政府信息") as exc:
        meetings.meeting_outcome_add(
            meeting=meeting, text="事项", items=[minutes, draft], actor=office, now=HELD
        )
    assert exc.value.field == "items"
    outcome = meetings.meeting_outcome_add(
        meeting=meeting, text="事项", items=[minutes], actor=office, now=HELD
    )
    meetings.meeting_outcomes_publish(meeting=meeting, actor=office, now=HELD)
    shown = public_meeting(meeting.pk).published_outcomes
    assert shown == [outcome] and shown[0].public_items == [minutes]


def test_public_tabs(org, office):
    upcoming = make_meeting(org, office, held_at=HELD, now=ANNOUNCED)
    past = make_meeting(org, office, held_at=ANNOUNCED + timedelta(days=1), now=ANNOUNCED)
    make_meeting(org, office, held_at=HELD, now=ANNOUNCED, announce=False)
    now = ANNOUNCED + timedelta(days=2)
    assert list(meetings_in("upcoming", now)) == [upcoming]
    assert list(meetings_in("past", now)) == [past]
    assert list(meetings_in("reported", now)) == []
    assert set(meetings_in("all", now)) == {upcoming, past}
