"""Test helpers for 公众参与: consultations, comments and meetings made through the services."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .choices import AttendeeCategory, Channel, MeetingKind, MeetingOpenness, OpenMode
from .meetings import meeting_announce, meeting_attendance_apply, meeting_create
from .models import AttendanceApplication, Consultation, Meeting
from .services import comment_submit, consultation_create, consultation_publish

# A draft written for the tests: a title, two chapters, five articles (the third on two lines).
DRAFT = """临江市公共自行车管理办法（征求意见稿）

第一章　总则
第一条　为了规范公共自行车的运营和使用，方便市民绿色出行，制定本办法。
第二条　本办法适用于本市行政区域内公共自行车的规划、建设、运营和使用管理。
第三条　市交通运输主管部门负责公共自行车的统筹协调和监督管理。
区人民政府负责本辖区内站点的建设和日常管理。
第二章　运营管理
第四条　运营单位应当保持车辆完好，及时调度车辆，依照本办法第三条的规定接受监督。
第五条　本办法自2026年7月1日起施行。
"""


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def make_consultation(
    organization,
    actor,
    *,
    opens_on: date,
    closes_on: date,
    now: datetime | None = None,
    publish: bool = True,
    decision=None,
    title: str = "临江市公共自行车管理办法（征求意见稿）",
    draft: str = DRAFT,
    channels: dict | None = None,
) -> Consultation:
    now = now or at(opens_on)
    consultation = consultation_create(
        organization=organization,
        data={
            "title": title,
            "draft_text": draft,
            "basis": "《临江市城市交通管理条例》",
            "explanation": "为解决公共自行车停放无序、调度不及时等问题，起草了本办法。",
            "opens_on": opens_on,
            "closes_on": closes_on,
            "decision": decision,
        },
        channels=channels
        if channels is not None
        else {Channel.ONLINE: "", Channel.EMAIL: "jtj@example.gov.cn"},
        actor=actor,
        now=now,
    )
    if publish:
        consultation_publish(consultation=consultation, actor=actor, now=now)
    return consultation


def article(consultation: Consultation, number: int):
    return consultation.articles.get(number=number)


def comment(
    consultation: Consultation, *, now: datetime, body: str = "建议增加站点数量。", **kwargs
):
    return comment_submit(consultation=consultation, body=body, now=now, **kwargs)


AGENDA = [
    {
        "title": "研究公共自行车站点布局调整方案",
        "description": "交通运输局汇报站点调整的初步方案。",
    },
    {"title": "审议停车收费标准调整意见", "description": ""},
]


def make_meeting(
    organization,
    actor,
    *,
    held_at: datetime,
    now: datetime | None = None,
    announce: bool = True,
    items: list[dict] | None = None,
    **data,
) -> Meeting:
    """An open 专题会议 with two agenda items, 列席 and 网络直播, 5 seats, applications closing
    24 hours before; announced unless ``announce=False``."""
    now = now or held_at - timedelta(days=10)
    fields = {
        "title": "公共自行车服务专题会议",
        "kind": MeetingKind.TOPICAL,
        "held_at": held_at,
        "location": "临江市行政中心三楼第一会议室",
        "description": "听取公共自行车服务情况汇报，研究下一步工作。",
        "openness": MeetingOpenness.OPEN,
        "open_modes": [OpenMode.ATTEND, OpenMode.VIDEO],
        "live_url": "https://live.example.gov.cn/hy",
        "capacity": 5,
        "application_close_hours": 24,
        "attendance_notes": "请提前30分钟凭身份证件到一楼大厅登记。",
        **data,
    }
    meeting = meeting_create(
        organization=organization,
        data=fields,
        items=AGENDA if items is None else items,
        actor=actor,
        now=now,
    )
    if announce:
        meeting_announce(meeting=meeting, actor=actor, now=now)
    return meeting


def apply(
    meeting: Meeting, *, now: datetime, phone: str = "13900001111", **kwargs
) -> AttendanceApplication:
    fields = {
        "name": "李四",
        "category": AttendeeCategory.PUBLIC,
        "reason": "我住在站点附近，想了解调整方案。",
        **kwargs,
    }
    return meeting_attendance_apply(meeting=meeting, phone=phone, now=now, **fields)
