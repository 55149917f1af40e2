"""Demonstration data for 公众参与: decision catalogs, consultations in every state, comments.

    from gongkai.participation.demo import generate
    summary = generate(now=now, seed=2026)               # after the organizations and staff exist
    summary = generate(now=now, organizations=[...])     # or for chosen organizations

``generate(*, now, seed=2026, organizations=None, progress=None) -> Summary``

- ``now``: the end of the demo's history (aware datetime); every service is called with a
  moment before it, so the audit trail and the histories read as if the platform had been used.
- ``organizations``: the organizations to fill; by default up to four active ones that have a
  政务公开工作机构 member (the actor of every step). Organizations without one are skipped.
- The same ``seed`` and ``now`` give the same data. Everything goes through the services.

For each organization: a catalog of major decisions for last year and this year (stages from
计划 to 后评估, some adjusted with a reason, one taken out of the catalog), and consultations in
each state — a draft, one upcoming, open ones (with published, pending and rejected comments),
one closed awaiting its report, one whose report is overdue, and one with a published report
(grouped opinions, one concentrated opinion not adopted with its reason). Meetings open to the
public in each status: one planned, two announced (one taking applications to attend, with
approved, declined and pending ones; one partly open), one held awaiting its 议定事项, and one
whose 议定事项 are published. All texts are written here for the demo.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Membership, Organization, Role

from . import meetings, services
from .choices import (
    Adoption,
    ApplicationStatus,
    AttendeeCategory,
    Channel,
    DecisionStatus,
    MeetingKind,
    MeetingOpenness,
    OpenMode,
)
from .models import Comment, Consultation, Decision, Meeting

CITY = "临江市"
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Subject:
    name: str  # 养犬管理
    duties: tuple[str, ...]  # the subject's own articles
    plan: str  # a plan the catalog lists for it


SUBJECTS = (
    Subject(
        "养犬管理",
        (
            "养犬人应当为犬只办理登记，并按规定为犬只接种狂犬病疫苗。",
            "携犬出户应当为犬只佩戴犬牌、束犬链，由完全民事行为能力人牵领。",
            "在城市建成区内禁止饲养烈性犬，具体名录由公安机关会同农业农村部门确定并公布。",
            "街道办事处和乡镇人民政府应当组织设立犬只便溺收集设施。",
        ),
        "城市文明养犬宣传教育三年行动方案",
    ),
    Subject(
        "生活垃圾分类管理",
        (
            "生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。",
            "单位和个人应当按照分类标准，将生活垃圾投放至相应的收集容器。",
            "物业服务企业应当设置分类收集容器，并指导、监督分类投放。",
            "分类收集的生活垃圾应当分类运输，禁止将已分类的生活垃圾混合收运。",
        ),
        "生活垃圾分类设施建设规划",
    ),
    Subject(
        "机动车停车场管理",
        (
            "新建、改建、扩建建筑物应当按照标准配建停车泊位，并与主体工程同步设计、同步建设。",
            "鼓励机关、企事业单位在夜间和节假日向社会开放内部停车场。",
            "道路临时停车泊位实行差别化收费，具体标准由价格主管部门制定。",
            "停车场经营者应当在显著位置公示收费标准、泊位数量和监督电话。",
        ),
        "中心城区停车设施专项规划",
    ),
    Subject(
        "既有住宅加装电梯",
        (
            "加装电梯应当经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主同意。",
            "区人民政府对符合条件的加装电梯项目给予资金补助，补助标准另行公布。",
            "加装电梯工程竣工后，应当依法办理特种设备使用登记。",
            "鼓励电梯生产企业提供安装、维护保养一体化服务。",
        ),
        "老旧小区改造提升实施方案",
    ),
    Subject(
        "农贸市场管理",
        (
            "农贸市场开办者应当建立食用农产品进货查验和索证索票制度。",
            "市场内应当设置公平秤和农药残留快速检测室，并公示检测结果。",
            "鼓励农贸市场推行电子支付、明码标价和智慧监管。",
            "农贸市场应当配备保洁人员，落实垃圾日产日清。",
        ),
        "农贸市场布局规划",
    ),
    Subject(
        "公共自行车服务管理",
        (
            "公共自行车站点应当设置在公交站点、地铁出入口和居住区周边。",
            "运营单位应当保持车辆完好，在高峰时段及时调度车辆。",
            "使用人应当按规定租用和归还车辆，不得损坏或者占有车辆。",
            "运营单位应当公布服务热线，并在五个工作日内答复投诉。",
        ),
        "绿色出行示范城市创建方案",
    ),
)

SUGGESTIONS = (
    "建议进一步明确主管部门和相关部门的职责分工，避免多头管理。",
    "本条规定比较原则，建议细化具体标准和操作程序。",
    "建议增加对违反本条规定行为的处理措施，增强约束力。",
    "希望先在部分街道试点，积累经验后再全面推开。",
    "条文中的“有关部门”表述不够具体，建议列明部门名称。",
    "建议加大财政资金支持力度，并明确资金来源。",
    "赞同本条规定，希望尽快出台实施。",
    "建议在实施前充分听取社区居民和物业服务企业的意见。",
    "建议将执行情况纳入年度考核，并定期向社会公布。",
    "处罚标准偏高，建议区分情节轻重设置不同档次。",
    "建议明确投诉举报渠道和办理时限。",
    "建议加强宣传解读，让群众了解具体要求。",
)
TRANSITION = (
    "建议设置一年的过渡期，给群众和经营者留出适应时间。",
    "新规实施太急，建议给予过渡期后再执行。",
    "希望规定过渡期，过渡期内以教育引导为主。",
    "建议明确过渡期安排，避免一刀切。",
)
REJECTED = (
    ("专业代开发票，价格优惠，有意者加微信联系。", "广告信息，与征求意见稿无关。"),
    ("我家楼下的路灯坏了很久，一直没人修。", "内容与征求意见稿无关，请通过领导信箱等渠道反映。"),
)
GROUP_REASONS = {
    "transition": (
        Adoption.NOT_ADOPTED,
        "本办法规定的要求在现行规定中已经实施多年，草案只是将其固定下来，"
        "不涉及新增义务，因此不再另设过渡期；实施初期将以宣传引导为主。",
    ),
    "duties": (Adoption.PARTIAL, "已在第三条中列明主要部门的职责，具体分工由实施细则规定。"),
}
INDIVIDUAL_REASONS = {
    Adoption.ADOPTED: "已采纳，相应条款作了修改。",
    Adoption.PARTIAL: "部分采纳，有关内容将在配套文件中细化。",
    Adoption.NOT_ADOPTED: "上位法已有明确规定，本办法不再重复。",
}


@dataclass
class Summary:
    organizations: int = 0
    decisions: int = 0
    consultations: int = 0
    comments: int = 0
    reports: int = 0
    meetings: int = 0
    applications: int = 0
    states: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            f"公众参与：{self.organizations} 个单位，重大行政决策事项 {self.decisions} 项，"
            f"意见征集 {self.consultations} 项，意见 {self.comments} 条，采纳情况反馈 {self.reports} 份。",
            f"会议公开：会议 {self.meetings} 场，列席申请 {self.applications} 份。",
        ]


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _cn(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return (
        ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")
    )


def draft_text(subject: Subject, organization: Organization) -> str:
    """A draft of a municipal measure on ``subject``: three chapters, numbered articles."""
    department = organization.short_name or organization.name
    articles = [
        (
            "总则",
            [
                f"为了加强{subject.name}，维护公共秩序，保障公众合法权益，根据有关法律、法规，"
                "结合本市实际，制定本办法。",
                f"本办法适用于本市行政区域内的{subject.name}活动。",
                f"{department}是本市{subject.name}的主管部门，负责组织实施本办法。\n"
                "发展改革、财政、市场监管等部门按照各自职责做好相关工作。",
            ],
        ),
        ("管理措施", list(subject.duties)),
        (
            "附则",
            [
                "违反本办法规定的，由有关部门依照相关法律、法规的规定处理。",
                "本办法自公布之日起三十日后施行。",
            ],
        ),
    ]
    lines = [f"{CITY}{subject.name}办法（征求意见稿）", ""]
    number = 0
    for chapter, (title, texts) in enumerate(articles, start=1):
        lines.append(f"第{_cn(chapter)}章　{title}")
        for text in texts:
            number += 1
            lines.append(f"第{_cn(number)}条　{text}")
    return "\n".join(lines)


def _office_of(organization: Organization):
    membership = (
        Membership.objects.filter(organization=organization, role=Role.OPENNESS_OFFICE)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def _pick_organizations() -> list[Organization]:
    orgs = (
        Organization.objects.filter(is_active=True, memberships__role=Role.OPENNESS_OFFICE)
        .distinct()
        .order_by("sort_order", "id")
    )
    return list(orgs[:4])


class _Writer:
    """Writes one organization's data with one random stream."""

    def __init__(self, rng: Random, organization: Organization, office, now: datetime, summary):
        self.rng, self.org, self.office, self.summary = rng, organization, office, summary
        self.now, self.today = now, local_date(now)
        self.subjects = rng.sample(SUBJECTS, 5)
        self.ip_counter = 0

    # --- the catalog ------------------------------------------------------------------

    def decision(
        self, year: int, title: str, *, basis: str, planned: str, listed: date
    ) -> Decision:
        self.summary.decisions += 1
        return services.decision_create(
            organization=self.org,
            year=year,
            title=title,
            basis=basis,
            planned_time=planned,
            actor=self.office,
            now=_at(listed, 9),
        )

    def advance(self, decision: Decision, to: str, day: date, **kwargs) -> None:
        services.decision_advance(
            decision=decision, to=to, actor=self.office, now=_at(day, 15), **kwargs
        )

    def catalogs(self) -> dict[str, Decision]:
        last, this = self.today.year - 1, self.today.year
        jan_last = date(last, 1, 20)
        jan_this = min(date(this, 1, 20), self.today - timedelta(days=120))
        basis = f"《重大行政决策程序暂行条例》《{CITY}重大行政决策程序规定》"
        made = {}
        # Last year's: all decided, one evaluated, one adjusted then removed.
        done = self.decision(
            last,
            f"编制{CITY}{self.subjects[3].plan}",
            basis=basis,
            planned=f"{last}年第二季度",
            listed=jan_last,
        )
        for stage, day in (
            (DecisionStatus.CONSULTING, date(last, 3, 1)),
            (DecisionStatus.DELIBERATION, date(last, 4, 10)),
            (DecisionStatus.DECIDED, date(last, 5, 20)),
            (DecisionStatus.EVALUATION, date(last, 11, 15)),
        ):
            self.advance(done, stage, day, **({"decided_on": day} if stage == "decided" else {}))
        removed = self.decision(
            last,
            f"调整{CITY}{self.subjects[2].name}收费标准",
            basis=basis,
            planned=f"{last}年第三季度",
            listed=jan_last,
        )
        services.decision_update(
            decision=removed,
            changes={"planned_time": f"{last}年第四季度"},
            reason="需要等待全省价格政策调整后统筹考虑",
            actor=self.office,
            now=_at(date(last, 6, 18), 10),
        )
        services.decision_remove(
            decision=removed,
            reason="省级统一出台了收费政策，本市不再单独制定",
            actor=self.office,
            now=_at(date(last, 9, 8), 10),
        )
        # This year's: the measures consulted on below, and one still planned.
        for index in range(3):
            subject = self.subjects[index]
            made[subject.name] = self.decision(
                this,
                f"制定《{CITY}{subject.name}办法》",
                basis=basis,
                planned=f"{this}年第{_cn(2 + index % 3)}季度",
                listed=jan_this,
            )
        planned = self.decision(
            this,
            f"编制{CITY}{self.subjects[0].plan}",
            basis=basis,
            planned=f"{this}年第四季度",
            listed=jan_this,
        )
        services.decision_update(
            decision=planned,
            changes={"planned_time": f"{this + 1}年第一季度"},
            reason="前期调研需要补充数据，计划完成时间相应顺延",
            actor=self.office,
            now=_at(jan_this + timedelta(days=40), 11),
        )
        return made

    # --- consultations ----------------------------------------------------------------

    def consultation(
        self,
        subject: Subject,
        opens_on: date,
        closes_on: date,
        *,
        decision=None,
        publish: bool = True,
        published_on: date | None = None,
    ) -> Consultation:
        address = self.org.address or f"{CITY}人民路1号"
        consultation = services.consultation_create(
            organization=self.org,
            data={
                "title": f"{CITY}{subject.name}办法（征求意见稿）",
                "draft_text": draft_text(subject, self.org),
                "basis": f"《{CITY}城市管理条例》和上级有关规定。",
                "explanation": (
                    f"近年来，本市{subject.name}工作取得了一定成效，但也存在职责不够清晰、"
                    "管理措施不够具体等问题。为此，起草单位在调研论证的基础上起草了本办法，"
                    "共三章，主要规定了适用范围、部门职责和具体管理措施。"
                ),
                "opens_on": opens_on,
                "closes_on": closes_on,
                "decision": decision,
            },
            channels={
                Channel.ONLINE: "",
                Channel.POST: f"{address}（信封上请注明“征求意见”）",
                Channel.EMAIL: self.org.email or "yjzj@example.gov.cn",
                **({Channel.SYMPOSIUM: "征求意见期间召开社区居民代表座谈会"} if decision else {}),
            },
            actor=self.office,
            now=_at(min(published_on or opens_on, self.today) - timedelta(days=3), 9),
        )
        self.summary.consultations += 1
        if publish:
            services.consultation_publish(
                consultation=consultation,
                actor=self.office,
                now=_at(published_on or opens_on, 8, 30),
            )
        return consultation

    def _ip(self) -> str:
        self.ip_counter += 1
        return f"10.{self.org.pk % 250}.{self.ip_counter // 250}.{self.ip_counter % 250 + 1}"

    def _moment(self, consultation: Consultation, last: date) -> datetime:
        first = consultation.opens_on
        span = max(0, (min(last, consultation.closes_on) - first).days)
        day = first + timedelta(days=self.rng.randint(0, span))
        return _at(day, self.rng.randint(8, 21), self.rng.randint(0, 59))

    def comments(
        self,
        consultation: Consultation,
        *,
        until: date,
        published: int,
        pending: int,
        rejected: bool,
        transition: int = 0,
    ) -> list[Comment]:
        """Comments sent between the opening and ``until``; reviewed the next morning."""
        from gongkai.demo import text

        articles = [a for a in consultation.articles.all() if a.is_commentable]
        made = []

        def submit(body, article, moment):
            signed = self.rng.random() < 0.3
            stored = services.comment_submit(
                consultation=consultation,
                article=article,
                body=body,
                name=text.person_name(self.rng) if signed or self.rng.random() < 0.3 else "",
                signed=signed,
                phone=text.phone(self.rng) if self.rng.random() < 0.5 else "",
                ip=self._ip(),
                now=moment,
            )
            self.summary.comments += 1
            made.append(stored)
            return stored

        def review_moment(moment: datetime) -> datetime:
            next_morning = _at(local_date(moment) + timedelta(days=1), 9)
            return max(moment + timedelta(minutes=5), min(next_morning, self.now))

        for n in range(published + transition):
            moment = self._moment(consultation, until)
            if n < transition:
                body, article = TRANSITION[n % len(TRANSITION)], None
            else:
                article = self.rng.choice([*articles, None])
                body = self.rng.choice(SUGGESTIONS)
            stored = submit(body, article, moment)
            services.comment_approve(comment=stored, actor=self.office, now=review_moment(moment))
        if rejected:
            for body, reason in REJECTED:
                moment = self._moment(consultation, until)
                stored = submit(body, None, moment)
                services.comment_reject(
                    comment=stored, reason=reason, actor=self.office, now=review_moment(moment)
                )
        for _n in range(pending):
            submit(self.rng.choice(SUGGESTIONS), self.rng.choice(articles), _at(until, 20))
        return made

    def report(self, consultation: Consultation, day: date) -> None:
        """Group the transition opinions (concentrated, not adopted), mark the rest, publish."""
        now = _at(day, 10)
        comments = list(consultation.comments.filter(status="published").order_by("id"))
        alike = [c for c in comments if c.body in TRANSITION]
        adoption, reason = GROUP_REASONS["transition"]
        if alike:
            services.opinion_group_create(
                consultation=consultation,
                summary="建议对本办法的实施设置过渡期",
                comment_ids=[c.pk for c in alike],
                offline_count=1,
                adoption=adoption,
                reason=reason,
                actor=self.office,
                now=now,
            )
        duties = [c for c in comments if c.body == SUGGESTIONS[0] or c.body == SUGGESTIONS[4]]
        if duties:
            adoption, reason = GROUP_REASONS["duties"]
            services.opinion_group_create(
                consultation=consultation,
                summary="建议明确有关部门的具体职责",
                comment_ids=[c.pk for c in duties],
                adoption=adoption,
                reason=reason,
                actor=self.office,
                now=now,
            )
        for comment in comments:
            if comment in alike or comment in duties:
                continue
            mark = self.rng.choice([Adoption.ADOPTED, Adoption.PARTIAL, Adoption.NOT_ADOPTED])
            services.comment_mark(
                comment=comment,
                adoption=mark,
                reason=INDIVIDUAL_REASONS[mark],
                actor=self.office,
                now=now,
            )
        services.channel_counts_set(
            consultation=consultation,
            counts={Channel.POST: self.rng.randint(0, 3), Channel.EMAIL: self.rng.randint(1, 6)},
            actor=self.office,
            now=now,
        )
        services.feedback_report_publish(
            consultation=consultation,
            summary=(
                "征求意见期间，社会各界通过网上留言、信函和电子邮件等方式提出了意见建议。"
                "起草单位逐条进行了研究，采纳了其中的合理意见，并对草案作了相应修改。"
            ),
            actor=self.office,
            now=_at(day, 16),
        )
        self.summary.reports += 1

    def write(self, decisions: dict[str, Decision]) -> None:
        today = self.today
        s0, s1, s2, s3, s4 = self.subjects
        # Published report: closed 60 days ago, reported 20 days ago; its decision moves on.
        reported = self.consultation(
            s0,
            today - timedelta(days=95),
            today - timedelta(days=61),
            decision=decisions[s0.name],
        )
        self.comments(
            reported, until=reported.closes_on, published=6, pending=0, rejected=True, transition=3
        )
        self.report(reported, today - timedelta(days=20))
        self.advance(decisions[s0.name], DecisionStatus.DELIBERATION, today - timedelta(days=15))
        # Overdue report: closed 40 days ago, nothing published.
        overdue = self.consultation(
            s1, today - timedelta(days=70), today - timedelta(days=40), decision=decisions[s1.name]
        )
        self.comments(
            overdue, until=overdue.closes_on, published=4, pending=1, rejected=False, transition=2
        )
        # Closed, report not yet due: ended 3 days ago.
        closed = self.consultation(s3, today - timedelta(days=13), today - timedelta(days=3))
        self.comments(closed, until=closed.closes_on, published=3, pending=1, rejected=False)
        # Open: a major decision's draft and a policy draft.
        open_major = self.consultation(
            s2, today - timedelta(days=10), today + timedelta(days=20), decision=decisions[s2.name]
        )
        self.comments(
            open_major, until=today - timedelta(days=1), published=5, pending=2, rejected=True
        )
        open_policy = self.consultation(s4, today - timedelta(days=2), today + timedelta(days=12))
        self.comments(
            open_policy, until=today - timedelta(days=1), published=2, pending=1, rejected=False
        )
        # Upcoming, and a draft not yet published.
        self.consultation(
            s1,
            today + timedelta(days=5),
            today + timedelta(days=35),
            published_on=today - timedelta(days=1),
        )
        self.consultation(
            s4,
            today + timedelta(days=10),
            today + timedelta(days=40),
            publish=False,
            published_on=today,
        )


APPLY_REASONS = (
    "我住在附近，议题和日常出行关系很大，希望到现场听一听。",
    "作为社区志愿者，想把会议情况转告给居民。",
    "我是小区业主代表，之前向街道反映过这个问题，想了解处理思路。",
    "在附近经营小店，想知道调整后对周边商户有什么影响。",
)
DECLINE_REASON = "本次列席名额优先安排议题所涉区域的居民，感谢关注，欢迎收看网络直播。"


class _MeetingWriter:
    """One organization's meetings, in every status, written through ``meetings``."""

    def __init__(self, writer: "_Writer"):
        self.w = writer
        self.rng, self.org, self.office = writer.rng, writer.org, writer.office
        self.today = writer.today

    def _data(self, subject: Subject, **overrides) -> dict:
        department = self.org.short_name or self.org.name
        data = {
            "title": f"{subject.name}工作专题会议",
            "kind": MeetingKind.TOPICAL,
            "location": f"{department}三楼会议室",
            "description": (
                f"会议听取{subject.name}工作进展情况的汇报，研究下一步措施。"
                "会议向社会公开，欢迎关心这项工作的市民报名列席或收看直播。"
            ),
            "openness": MeetingOpenness.OPEN,
            "open_modes": [OpenMode.ATTEND, OpenMode.VIDEO],
            "live_url": f"https://live.example.gov.cn/{self.org.slug}",
            "capacity": 8,
            "application_close_hours": 24,
            "attendance_notes": "请于会前半小时凭本人身份证件到一楼大厅登记，会场内请将手机调至静音。",
        }
        data.update(overrides)
        return data

    def _agenda(self, subject: Subject, decision=None, consultation=None) -> list[dict]:
        return [
            {
                "title": f"听取{subject.name}工作情况汇报",
                "description": "承办处室汇报上一阶段工作和群众反映较多的问题。",
            },
            {
                "title": f"研究{subject.plan}",
                "description": "讨论方案的主要内容和实施步骤。",
                "decision": decision,
            },
            {
                "title": f"审议《{CITY}{subject.name}办法（征求意见稿）》修改情况",
                "description": "",
                "consultation": consultation,
            },
        ]

    def meeting(
        self, subject: Subject, held: datetime, created: datetime, *, announce=True, **kwargs
    ) -> Meeting:
        items = kwargs.pop("items", None) or self._agenda(subject)
        made = meetings.meeting_create(
            organization=self.org,
            data=self._data(subject, held_at=held, **kwargs),
            items=items,
            actor=self.office,
            now=created,
        )
        self.w.summary.meetings += 1
        if announce:
            meetings.meeting_announce(meeting=made, actor=self.office, now=created)
        return made

    def invite(self, meeting: Meeting, now: datetime) -> None:
        from gongkai.demo import text

        rows = [
            (AttendeeCategory.EXPERT, f"{text.person_name(self.rng)}", "城市规划领域专家"),
            (AttendeeCategory.MEDIA, f"{CITY}日报社", "记者"),
            (AttendeeCategory.STAKEHOLDER, "相关街道居民委员会", ""),
            (AttendeeCategory.PUBLIC, text.person_name(self.rng), "市民代表"),
            (AttendeeCategory.PUBLIC, text.person_name(self.rng), "市民代表"),
        ]
        for index, (category, name, note) in enumerate(rows):
            meetings.meeting_invitee_add(
                meeting=meeting,
                category=category,
                name=name,
                note=note,
                consent=index == 3,  # one member of the public agreed to be named
                actor=self.office,
                now=now,
            )

    def applications(
        self, meeting: Meeting, at: datetime, *, approve: int, decline: int, pending: int
    ) -> None:
        from gongkai.demo import text

        for n in range(approve + decline + pending):
            moment = at + timedelta(hours=n * 3)
            stored = meetings.meeting_attendance_apply(
                meeting=meeting,
                name=text.person_name(self.rng),
                phone=text.phone(self.rng),
                category=self.rng.choice([AttendeeCategory.PUBLIC, AttendeeCategory.STAKEHOLDER]),
                reason=APPLY_REASONS[n % len(APPLY_REASONS)],
                ip=self.w._ip(),
                now=moment,
            )
            self.w.summary.applications += 1
            if n < approve + decline:
                meetings.meeting_attendance_decide(
                    application=stored,
                    result=ApplicationStatus.APPROVED
                    if n < approve
                    else ApplicationStatus.DECLINED,
                    reason="" if n < approve else DECLINE_REASON,
                    actor=self.office,
                    now=moment + timedelta(hours=2),
                )

    def outcomes(self, meeting: Meeting, subject: Subject, at: datetime, publish: bool) -> None:
        from gongkai.publishing.choices import Status as ItemStatus

        meetings.meeting_mark_held(meeting=meeting, actor=self.office, now=at)
        if not publish:
            return
        related = list(
            self.org.items.filter(status=ItemStatus.PUBLISHED, published_at__lte=at).order_by(
                "-published_at"
            )[:1]
        )
        texts = (
            f"会议原则同意{subject.plan}，由承办处室根据会上意见修改完善后按程序报批。",
            f"明确{subject.name}工作的责任分工，各有关单位在一个月内报送落实情况。",
            "会上市民代表提出的意见，由承办处室逐条研究并在十个工作日内答复。",
        )
        for index, body in enumerate(texts):
            meetings.meeting_outcome_add(
                meeting=meeting,
                text=body,
                items=related if index == 0 else (),
                actor=self.office,
                now=at + timedelta(days=1),
            )
        meetings.meeting_outcomes_publish(
            meeting=meeting, actor=self.office, now=at + timedelta(days=1, hours=2)
        )

    def write(self, decisions: dict[str, Decision]) -> None:
        today, w = self.today, self.w
        s0, s1, s2, s3, s4 = w.subjects
        consulted = (
            self.org.consultations.filter(published_at__isnull=False, decision__isnull=False)
            .order_by("opens_on")
            .first()
        )
        # Outcomes published: held 30 days ago, about a catalog decision and a consultation.
        held = _at(today - timedelta(days=30), 9, 30)
        reported = self.meeting(
            s0,
            held,
            held - timedelta(days=12),
            items=self._agenda(s0, decisions.get(s0.name), consulted),
        )
        self.invite(reported, held - timedelta(days=11))
        self.applications(reported, held - timedelta(days=8), approve=3, decline=1, pending=0)
        self.outcomes(reported, s0, held + timedelta(hours=3), publish=True)
        # Held two days ago; the outcomes are still being written.
        held = _at(today - timedelta(days=2), 14, 30)
        done = self.meeting(
            s1, held, held - timedelta(days=9), kind=MeetingKind.SYMPOSIUM,
            title=f"{s1.name}市民座谈会",
        )  # fmt: skip
        self.invite(done, held - timedelta(days=8))
        self.applications(done, held - timedelta(days=6), approve=2, decline=0, pending=0)
        self.outcomes(done, s1, held + timedelta(hours=3), publish=False)
        # Announced, taking applications to attend.
        held = _at(today + timedelta(days=6), 9, 30)
        upcoming = self.meeting(
            s2, held, _at(today - timedelta(days=4), 10), kind=MeetingKind.HEARING,
            title=f"{s2.name}听证会", capacity=12,
        )  # fmt: skip
        self.invite(upcoming, _at(today - timedelta(days=3), 10))
        self.applications(
            upcoming, _at(today - timedelta(days=3), 11), approve=2, decline=1, pending=2
        )
        # Announced, partly open: one item is not.
        held = _at(today + timedelta(days=9), 15, 0)
        self.meeting(
            s3,
            held,
            _at(today - timedelta(days=1), 16),
            kind=MeetingKind.EXECUTIVE,
            title=f"{self.org.short_name or self.org.name}第{_cn(self.rng.randint(3, 9))}次局务会议",
            openness=MeetingOpenness.PARTIAL,
            closed_reason="第二项议题涉及尚在商谈的合同价格，不宜公开。",
            open_modes=[OpenMode.TEXT],
            capacity=0,
            live_url="",
            items=[
                {"title": f"通报{s3.name}工作进展", "description": ""},
                {"title": "研究有关合同事项", "description": "", "is_public": False},
            ],
        )
        # Planned, not announced yet.
        self.meeting(
            s4,
            _at(today + timedelta(days=20), 9, 30),
            min(_at(today, 9), w.now - timedelta(minutes=5)),
            announce=False,
        )


def generate(
    *,
    now: datetime,
    seed: int = 2026,
    organizations: list[Organization] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Fill 公众参与 for ``organizations`` (see the module docstring)."""
    rng = Random(seed)
    summary = Summary()
    for organization in organizations if organizations is not None else _pick_organizations():
        office = _office_of(organization)
        if office is None:
            continue
        with transaction.atomic():
            writer = _Writer(rng, organization, office, now, summary)
            decisions = writer.catalogs()
            writer.write(decisions)
            _MeetingWriter(writer).write(decisions)
        summary.organizations += 1
        if progress:
            progress(f"  公众参与：{organization.name}")
    return summary
