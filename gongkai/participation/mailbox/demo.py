"""Demonstration data for the mailbox: messages in every state, transfers, public Q&A, ratings
and FAQ entries, for the demo organizations (临江市 and its departments).

Call after the organizations and their staff exist (``gongkai.demo.generator`` creates both)::

    from gongkai.participation.mailbox import demo
    summary = demo.generate(now=now, seed=2026, messages=120)

``generate(*, now, seed=2026, messages=120, progress=None) -> dict[str, int]``

- ``now``: the end of the demo's history (aware datetime); messages arrive over the 200 days
  before it, and every step happens at or before ``now``.
- ``seed``: the same seed gives the same data.
- ``messages``: how many ordinary messages; a few more are added on purpose so that the
  workbench shows the three-month warnings (two at 60–89 days, two past 90 days unanswered).
- ``progress``: optional ``callable(str)`` for progress lines.

Everything goes through the services (routing, deadlines, audit rows). Only organizations
whose openness office has a member take part; a topic whose department does not exist is
skipped. The texts are written here for the demo and name no real person: writers' names come
from the demo's name generator, phone numbers are in a reserved-looking 1390000xxxx range and
no e-mail addresses are given (so that no mail is sent).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from gongkai.core.timeutil import local_date
from gongkai.demo import text as demo_text
from gongkai.orgs.models import Level, Membership, Organization, Role
from gongkai.workdays import add_working_days

from . import services
from .choices import Kind, Rating, Status
from .models import Message
from .routing import root_organization

HISTORY_DAYS = 200
PLACES = (
    "江北新村",
    "滨江花园",
    "城东街道",
    "临江大道",
    "南湖社区",
    "高新园区",
    "老城区",
    "西山路",
)


@dataclass(frozen=True)
class Scenario:
    kind: str
    subject: str
    body: str
    reply: str
    faq: str = ""  # a FAQ question when the answer is worth keeping


# Keyed by the part of the department's name, like the default routing rules.
SCENARIOS: dict[str, list[Scenario]] = {
    "教育局": [
        Scenario(
            Kind.CONSULT,
            "外地户籍孩子怎样申请小学入学",
            "我们一家在{place}租房住了三年，孩子今年满六周岁，户口在外省。请问随迁子女申请"
            "公办小学需要满足什么条件、交哪些材料？",
            "您好！随迁子女申请义务教育阶段入学，一般需要父母一方在本市的居住证、连续缴纳社会"
            "保险的证明、实际居住证明，以及孩子的出生证明和户口簿。报名时间和学校安排以每年发布的"
            "招生公告为准，您也可以到就近学校咨询。",
            "随迁子女申请公办小学需要哪些材料",
        ),
        Scenario(
            Kind.SUGGEST,
            "建议在学校门口设置临时接送车位",
            "{place}附近小学放学时校门口道路拥堵，家长车辆乱停，孩子过马路很危险。建议规划"
            "临时接送停车区，并在放学时段安排疏导。",
            "您好！感谢您的建议。我局已会同属地街道和交警部门到现场查看，放学时段将增派护学"
            "力量，并协调在附近路段设置临时停车泊位。措施落实后会通过学校告知家长。",
        ),
        Scenario(
            Kind.CONSULT,
            "学校课后服务是否必须参加",
            "孩子所在学校开展课后延时服务，请问收费标准由谁确定？可以不参加吗？",
            "您好！中小学课后服务坚持家长自愿原则，学校不得强制或者变相强制参加。收费标准由"
            "价格主管部门会同教育部门核定并公布，家庭经济困难的学生按规定减免。",
            "学校课后服务是否自愿参加、收费如何确定",
        ),
    ],
    "人力资源和社会保障局": [
        Scenario(
            Kind.COMPLAIN,
            "公司拖欠工资三个月",
            "我在{place}一家装修公司上班，公司已经三个月没发工资，老板一直推脱。请问该向哪个"
            "部门反映？",
            "您好！您反映的情况已交劳动保障监察机构核查。被拖欠工资的劳动者，可以带上身份证明、"
            "劳动合同或工资记录，到用人单位所在地的劳动保障监察机构投诉，也可以申请劳动人事争议"
            "仲裁。我们将依法督促用人单位支付。",
            "被拖欠工资应向哪个部门投诉",
        ),
        Scenario(
            Kind.CONSULT,
            "灵活就业人员怎样缴纳养老保险",
            "我没有固定单位，自己做点小生意，想问灵活就业人员怎样参加职工养老保险，缴费基数"
            "怎么选？",
            "您好！灵活就业人员可以带身份证到社保经办机构办理参保登记，也可以在网上经办平台办理。"
            "缴费基数可以在当年公布的上下限之间自主选择，按月或者按季缴纳。",
            "灵活就业人员如何参加职工养老保险",
        ),
        Scenario(
            Kind.CONSULT,
            "退休手续在哪里办理",
            "我明年到法定退休年龄，想提前了解退休手续在哪里办、要准备什么材料。",
            "您好！达到法定退休年龄时，一般由所在单位或者本人向社保经办机构申请，准备身份证和"
            "档案材料即可，多数事项可以在政务服务网上办理。详细清单见社保经办机构公布的办事指南。",
            "退休手续在哪里办理、要准备什么",
        ),
    ],
    "住房和城乡建设局": [
        Scenario(
            Kind.COMPLAIN,
            "小区物业长期不清运垃圾",
            "我住在{place}的一个小区，物业公司很久不清运垃圾，电梯经常坏了也不及时修。业主多次"
            "反映都没有结果。",
            "您好！接到反映后，我局已联系属地街道和物业公司，要求限期整改垃圾清运和电梯维保问题，"
            "并将复查整改情况。业主也可以通过业主大会依法监督物业服务。",
        ),
        Scenario(
            Kind.CONSULT,
            "老旧小区加装电梯有没有补贴",
            "我们小区是上世纪九十年代建的，住的大多是老人，想申请加装电梯。请问有没有补贴，"
            "流程是怎样的？",
            "您好！既有住宅加装电梯遵循业主自愿、协商一致的原则，符合条件的项目可以申请财政补助。"
            "由本单元业主协商同意后向所在街道提出申请，再按规定办理审批。",
            "老旧小区加装电梯能否申请补贴",
        ),
    ],
    "公安局": [
        Scenario(
            Kind.CONSULT,
            "新生儿怎么办理户口登记",
            "孩子刚出生，想给孩子上户口，需要带什么材料，去哪里办？",
            "您好！新生儿出生后，由监护人带出生医学证明、父母的户口簿和身份证、结婚证，到户籍所在"
            "地派出所户籍窗口申报出生登记；符合条件的也可以网上办理。",
            "新生儿如何申报户口登记",
        ),
        Scenario(
            Kind.COMPLAIN,
            "夜宵摊营业到凌晨太吵",
            "{place}路口的夜宵摊每天营业到凌晨两三点，喧哗声很大，附近居民没法休息。",
            "您好！辖区派出所已会同城管部门到现场处置，要求经营者控制营业时间和噪声，并将加强夜间"
            "巡查。再遇到类似情况，可以直接拨打110报警。",
        ),
    ],
    "市场监督管理局": [
        Scenario(
            Kind.COMPLAIN,
            "超市卖过期酸奶",
            "我在{place}一家超市买的酸奶已经过了保质期，和超市交涉，对方只同意退货。",
            "您好！执法人员已到该超市检查，对销售超过保质期食品的行为立案调查，并责令下架相关"
            "商品。赔偿问题已组织双方调解，超市同意依法赔偿。",
        ),
        Scenario(
            Kind.CONSULT,
            "开小饭店怎么办营业执照",
            "我想开一家小饭店，请问办个体工商户营业执照要什么材料，能不能网上办？",
            "您好！个体工商户登记可以在企业开办一网通办平台在线申请，需要经营者身份证明和经营场所"
            "使用证明等材料。经营餐饮的，还需要办理食品经营许可。",
            "个体工商户营业执照如何办理",
        ),
    ],
    "交通运输局": [
        Scenario(
            Kind.SUGGEST,
            "建议增开到{place}的公交线路",
            "{place}附近新建了好几个小区，只有一条公交线路经过，早高峰很挤，等车时间也长。建议"
            "增开线路或者加密班次。",
            "您好！感谢您的建议。我局已组织公交企业开展客流调查，高峰时段将加密现有线路班次，并"
            "研究优化线网。调整后的线路会提前向社会公布。",
        ),
        Scenario(
            Kind.COMPLAIN,
            "出租车拒载",
            "昨晚在火车站打车，司机嫌路近拒绝载客。请问应该怎么投诉？",
            "您好！遇到出租车拒载，可以记下车牌号、时间和地点，向交通运输部门投诉，或拨打12345"
            "热线。我局已根据您提供的信息对涉事驾驶员调查处理。",
            "遇到出租车拒载怎么投诉",
        ),
    ],
    "卫生健康委员会": [
        Scenario(
            Kind.CONSULT,
            "社区卫生服务中心疫苗接种要预约吗",
            "孩子要打疫苗，请问{place}的社区卫生服务中心接种时间怎么安排，需要预约吗？",
            "您好！各社区卫生服务中心预防接种门诊一般在工作日开放，部分中心周末也安排接种，建议"
            "提前通过预约平台或者电话预约，并带上孩子的预防接种证。",
            "儿童接种疫苗是否需要预约",
        ),
    ],
    "医疗保障局": [
        Scenario(
            Kind.CONSULT,
            "长期在外地住，看病怎么用医保",
            "我长期在外地居住，看病时怎么使用本市医保，需要办什么手续？",
            "您好！长期异地居住人员可以在国家医保服务平台或者本地医保经办窗口办理异地就医备案，"
            "备案后在就医地定点医疗机构可以直接结算。",
            "异地就医如何办理备案",
        ),
    ],
    "生态环境局": [
        Scenario(
            Kind.COMPLAIN,
            "工厂夜间排放刺鼻气味",
            "{place}附近一家工厂晚上经常排出刺鼻的气味，附近居民晚上不敢开窗。",
            "您好！执法人员已对该企业开展夜间检查并监测废气排放，对发现的问题已责令整改，我局将"
            "持续跟踪监测结果。",
        ),
    ],
    "民政局": [
        Scenario(
            Kind.CONSULT,
            "最低生活保障怎么申请",
            "家里老人生病，收入很低，想问申请低保需要符合什么条件？",
            "您好！最低生活保障以家庭为单位申请，家庭人均收入低于当地标准、家庭财产符合规定的，"
            "可以向户籍所在地的乡镇（街道）提出申请。",
            "最低生活保障如何申请",
        ),
    ],
    "政务服务管理办公室": [
        Scenario(
            Kind.SUGGEST,
            "建议办事大厅中午也能办业务",
            "上班的人只能中午抽空去办事，但办事大厅中午不办业务。建议推行午间延时服务。",
            "您好！感谢您的建议。市政务服务中心已在主要窗口推行午间服务，并提供预约办理。",
        ),
    ],
}
# Letters to the leader's mailbox that no rule claims: the general office answers them.
GENERAL = [
    Scenario(
        Kind.LEADER,
        "关于提升城市夜间照明的建议",
        "晚上在{place}一带散步，不少路段路灯昏暗甚至不亮，希望市里统筹改善夜间照明。",
        "您好！感谢您对城市建设的关心。您的建议已交有关部门研究，相关路段的照明设施将纳入今年"
        "的改造计划，并加强日常巡查维护。",
    ),
    Scenario(
        Kind.LEADER,
        "希望多建一些口袋公园",
        "{place}周边居民很多，但附近没有可以休息散步的地方，希望利用边角空地建设小游园。",
        "您好！感谢您的建议。市里正在推进口袋公园建设，已将您提到的区域纳入选址调查，建成后将"
        "及时向社会公布。",
    ),
]
SPAM = Scenario(
    Kind.CONSULT,
    "优惠推广",
    "本店长期提供各类优惠活动，欢迎联系咨询，价格从优。",
    "留言内容为商业推广信息，与政务咨询无关，不予受理。",
)
# Standalone FAQ entries written by the offices.
FAQ = {
    "教育局": [
        ("义务教育阶段招生公告一般什么时候发布", "每年春季发布，具体以当年公告为准。", "教育入学"),
    ],
    "人力资源和社会保障局": [
        (
            "社保卡丢了怎么补办",
            "可以在社保经办窗口、合作银行网点或者手机应用上挂失补办。",
            "社会保障",
        ),
    ],
    "公安局": [
        (
            "身份证快到期了在哪里换领",
            "可以到任一户籍窗口申请换领，部分地区支持异地办理。",
            "户籍证件",
        ),
    ],
}


@dataclass
class Plan:
    scenario: Scenario
    organization: Organization | None  # the writer's choice (None: routed)
    transfer_to: Organization | None  # the writer chose wrongly: staff transfer it here
    received_at: datetime
    outcome: str  # pending, processing, replied, declined, open_old
    reply_after: int = 3  # working days


def _office(org: Organization):
    membership = (
        Membership.objects.filter(organization=org, role=Role.OPENNESS_OFFICE)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def _department(root: Organization, pattern: str) -> Organization | None:
    return (
        Organization.objects.filter(
            name__contains=pattern, is_active=True, parent=root, level=Level.DEPARTMENT
        )
        .order_by("sort_order", "id")
        .first()
    )


def _moment(rng: Random, day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59))))


def _at_work(rng: Random, day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59))))


def _plans(rng: Random, departments, root, *, count: int, today) -> list[Plan]:
    topics = [(org, scenario) for pattern, org in departments for scenario in SCENARIOS[pattern]]
    plans = []
    for _n in range(count):
        age = int(rng.triangular(0, HISTORY_DAYS, 20))
        day = today - timedelta(days=age)
        roll = rng.random()
        if roll < 0.12:
            scenario, org = rng.choice(GENERAL), None
        elif roll < 0.15:
            scenario, org = SPAM, rng.choice(departments)[1]
        else:
            org, scenario = rng.choice(topics)
        if scenario is SPAM:
            outcome = "declined" if age > 3 else "pending"
        elif age <= 2:
            outcome = "pending"
        elif age <= 12:
            outcome = rng.choice(["pending", "processing", "processing", "replied", "replied"])
        else:
            outcome = "replied"
        # Letters to the leader are routed; a third of consultations leave the choice open.
        chosen = None if scenario.kind == Kind.LEADER or rng.random() < 0.3 else org
        wrong = None
        if chosen is not None and outcome != "pending" and rng.random() < 0.12:
            others = [o for _p, o in departments if o != org]
            wrong = rng.choice(others) if others else None
        plans.append(
            Plan(
                scenario=scenario,
                organization=wrong or chosen,
                transfer_to=org if wrong else None,
                received_at=_moment(rng, day),
                outcome=outcome,
                reply_after=rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15]),
            )
        )
    # Unanswered on purpose, so that the three-month warnings show.
    for age in (65, 80, 95, 130):
        org, scenario = rng.choice(topics)
        plans.append(
            Plan(
                scenario=scenario,
                organization=org,
                transfer_to=None,
                received_at=_moment(rng, today - timedelta(days=age)),
                outcome="open_old",
            )
        )
    return sorted(plans, key=lambda plan: plan.received_at)


def _writer(rng: Random, scenario: Scenario) -> dict:
    place = rng.choice(PLACES)
    return {
        "kind": scenario.kind,
        "subject": scenario.subject.format(place=place),
        "body": scenario.body.format(place=place),
        "writer_name": demo_text.person_name(rng),
        "phone": f"1390000{rng.randint(0, 9999):04d}",
        "email": "",
        "address": f"临江市{place}{rng.randint(1, 120)}号",
        "consent_publish": rng.random() < 0.7,
    }


def _run(rng: Random, plan: Plan, now: datetime, counts: dict) -> None:
    message = services.message_submit(
        data=_writer(rng, plan.scenario),
        chosen_organization=plan.organization,
        now=plan.received_at,
    )
    counts["messages"] += 1
    if plan.outcome in ("pending", "open_old") and plan.transfer_to is None:
        if plan.outcome == "open_old" and rng.random() < 0.5:
            office = _office(message.organization)
            if office:
                services.message_accept(
                    message=message, actor=office, now=plan.received_at + timedelta(days=2)
                )
        return
    received_on = message.received_on
    step = _at_work(rng, add_working_days(received_on, 1))
    if step > now:
        return
    if plan.transfer_to is not None:
        office = _office(message.organization)
        if office is None:
            return
        services.message_transfer(
            message=message,
            to_organization=plan.transfer_to,
            reason=f"留言反映的事项属于{plan.transfer_to.name}职责，转该单位办理。",
            actor=office,
            now=step,
        )
        counts["transfers"] += 1
        if plan.outcome == "pending":
            return
    office = _office(message.organization)
    if office is None:
        return
    if plan.outcome == "declined":
        services.message_decline(
            message=message, reason=plan.scenario.reply, actor=office, now=step
        )
        counts["declined"] += 1
        return
    services.message_accept(message=message, actor=office, now=step, handler=office)
    if plan.outcome == "processing":
        return
    replied_at = _at_work(rng, add_working_days(received_on, plan.reply_after))
    if replied_at > now:
        return
    services.message_reply(message=message, text=plan.scenario.reply, actor=office, now=replied_at)
    counts["replied"] += 1
    publish_at = replied_at + timedelta(hours=rng.randint(2, 30))
    if message.consent_publish and publish_at <= now and rng.random() < 0.75:
        services.message_publication_set(
            message=message,
            publish=True,
            actor=office,
            now=publish_at,
            confirmed=True,
            **services.publication_proposal(message),
        )
        counts["published"] += 1
    rated_at = replied_at + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
    if rated_at <= now and rng.random() < 0.65:
        rating = rng.choices(
            [Rating.SATISFIED, Rating.FAIRLY, Rating.UNSATISFIED], weights=[6, 3, 1]
        )[0]
        comment = {
            Rating.SATISFIED: "答复及时，问题解决了。",
            Rating.FAIRLY: "答复清楚，希望后续跟进。",
            Rating.UNSATISFIED: "问题还没有解决。",
        }[rating]
        services.message_rate(
            message=message,
            rating=rating,
            comment=comment if rng.random() < 0.5 else "",
            now=rated_at,
        )
        counts["rated"] += 1


def _faq(rng: Random, departments, now: datetime, counts: dict) -> None:
    """One FAQ entry per scenario that has a FAQ question, from its newest published exchange,
    plus the offices' own entries."""
    for pattern, org in departments:
        office = _office(org)
        if office is None:
            continue
        for scenario in SCENARIOS[pattern]:
            if not scenario.faq:
                continue
            source = (
                Message.objects.filter(
                    status=Status.REPLIED,
                    may_publish=True,
                    reply_organization=org,
                    reply=scenario.reply,
                    faq_entry__isnull=True,
                )
                .order_by("-published_at")
                .first()
            )
            if source is None or source.published_at > now:
                continue
            at = min(now, source.published_at + timedelta(hours=3))
            entry = services.faq_create_from_message(message=source, actor=office, now=at)
            services.faq_save(
                entry=entry,
                organization=org,
                question=scenario.faq,
                answer=entry.answer,
                topic=_topic(pattern),
                actor=office,
                now=at,
            )
            counts["faq"] += 1
        for question, answer, topic in FAQ.get(pattern, []):
            at = now - timedelta(days=rng.randint(10, 90))
            entry = services.faq_save(
                organization=org,
                question=question,
                answer=answer,
                topic=topic,
                actor=office,
                now=at,
            )
            services.faq_publish(entry=entry, publish=True, actor=office, now=at)
            counts["faq"] += 1


def _topic(pattern: str) -> str:
    return {
        "教育局": "教育入学",
        "人力资源和社会保障局": "社会保障",
        "住房和城乡建设局": "住房物业",
        "公安局": "户籍证件",
        "市场监督管理局": "市场消费",
        "交通运输局": "交通出行",
        "卫生健康委员会": "医疗卫生",
        "医疗保障局": "医疗保障",
        "民政局": "社会救助",
    }.get(pattern, "")


def generate(*, now: datetime, seed: int = 2026, messages: int = 120, progress=None) -> dict:
    """Fill the mailbox; see the module's docstring. Returns counts by kind of record."""
    progress = progress or (lambda line: None)
    rng = Random(seed)
    today = local_date(now)
    root = root_organization()
    departments = [
        (pattern, org)
        for pattern in SCENARIOS
        if (org := _department(root, pattern)) is not None and _office(org) is not None
    ]
    counts = dict.fromkeys(
        ("messages", "transfers", "replied", "declined", "published", "rated", "faq"), 0
    )
    if not departments or _office(root) is None:
        progress("信箱演示数据：没有可办理留言的机构，跳过。")
        return counts
    plans = _plans(rng, departments, root, count=messages, today=today)
    progress(f"信箱留言 {len(plans)} 件……")
    with transaction.atomic():
        for plan in plans:
            _run(rng, plan, now, counts)
        _faq(rng, departments, now, counts)
    progress(
        "  留言 {messages} 件，转办 {transfers} 次，答复 {replied} 件，不予受理 {declined} 件，"
        "公开 {published} 件，评价 {rated} 件，常见问题 {faq} 条".format(**counts)
    )
    return counts
