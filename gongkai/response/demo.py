"""Demonstration data for 回应关切: public-opinion events at every level and in every state,
their responses and escalations, and press conferences with speakers and transcripts.

    from gongkai.response.demo import generate
    summary = generate(now=now, seed=2026)              # after organizations, staff and items exist
    summary = generate(now=now, organizations=[...])    # or for chosen organizations

``generate(*, now, seed=2026, organizations=None, progress=None) -> Summary``

- ``now``: the end of the demo's history (aware datetime). Every service is called with a moment
  before it, so clocks, escalations and the audit trail read as if the platform had been used;
  some clocks are still running at ``now``.
- ``organizations``: the organizations that answer for events and hold press conferences. By
  default the government at the top of the tree, up to six of its departments and up to two
  district governments — those with a 政务公开工作机构 member (the actor of every step). The
  responsible organization of each event is the one ``routing.suggest_responsible`` proposes,
  so district departments and towns below the chosen districts also appear.
- The same ``seed`` and ``now`` give the same data. Everything goes through the services;
  escalation e-mails go to a dummy backend.

Events: for each level (一般, 较大, 重大, 特别重大) some met in time, some missed and escalated
(answered late, or not at all), some with clocks still running at ``now``, one archived
without a response; the answered ones are public, evaluated, some with accountability notes.
Press conferences: for last year and this year, for each organization, some with the principal
leader speaking, some without, so that some organizations meet their yearly minimum and others
do not. All texts are written here for the demo.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gongkai.orgs.models import Level, Membership, Organization, Role
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import Item

from . import services
from .choices import OPEN_STATUSES, EventLevel, ResponseKind, SourceKind
from .models import OpinionEvent, PressConference
from .routing import function_key
from .selectors import event_rows, published_interpretations, required_appearances

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "建国",
    "丽华",
    "志强",
    "晓燕",
    "海峰",
    "文静",
    "明辉",
    "雪梅",
    "国庆",
    "春生",
    "慧敏",
    "振华",
]
SOURCE_DETAILS = {
    SourceKind.ONLINE_MEDIA: ["本地论坛热帖", "新闻客户端评论区", "门户网站转载"],
    SourceKind.TRADITIONAL_MEDIA: ["临江晚报民生版", "临江广播电视台新闻栏目"],
    SourceKind.SELF_MEDIA: ["短视频平台账号", "微信公众号文章", "微博话题"],
    SourceKind.PETITION: ["市信访局转来的来信", "信访接待窗口登记"],
    SourceKind.HOTLINE: ["12345热线工单汇总", "12345热线重复来电"],
    SourceKind.OTHER: ["人大代表建议转办", "领导信箱来信"],
}
MEDIA = ["临江日报", "临江晚报", "临江广播电视台", "临江发布", "江城新闻网", "省电视台临江记者站"]


@dataclass
class Summary:
    events: Counter = field(default_factory=Counter)  # per level
    responses: int = 0
    escalations: int = 0
    running_clocks: int = 0
    conferences: int = 0
    principal_appearances: int = 0

    def lines(self) -> list[str]:
        levels = "，".join(f"{lv.label} {self.events.get(lv.value, 0)}" for lv in EventLevel)
        return [
            f"回应关切：政务舆情 {sum(self.events.values())} 件（{levels}），"
            f"回应 {self.responses} 条，超时上报 {self.escalations} 条，"
            f"正在计时的时限 {self.running_clocks} 个；",
            f"  新闻发布会 {self.conferences} 场，其中主要负责人出席 "
            f"{self.principal_appearances} 场。",
        ]


@dataclass(frozen=True)
class Story:
    """What an event is about, for a department doing ``key`` (a ``routing.function_key``)."""

    key: str
    title: str  # {place}: where it happened
    summary: str
    release: str  # the authoritative release
    conference: str  # the press conference's topic
    answers: tuple[str, ...]  # what the speakers explain at it


STORIES = (
    Story(
        "教育",
        "网传{place}一所小学午餐配送延误，学生等餐超过一小时",
        "家长群截图在本地论坛流传，称学校更换配餐企业后连续三天送餐迟到，部分学生只能吃面包。",
        "教育部门会同学校核实：新配餐企业车辆调度不当造成延误，已责令整改并安排备用供餐，"
        "自即日起由校领导每天陪餐。",
        "中小学校园配餐管理情况",
        (
            "全市中小学配餐企业由学校家委会参与遴选，合同约定送达时间和违约责任。",
            "此次延误发生后，我们当天约谈了企业负责人，第二天起启用备用厨房。",
            "下一步将把送餐准时率纳入企业年度考核，考核结果向家长公开。",
        ),
    ),
    Story(
        "卫生健康",
        "{place}社区卫生服务中心疫苗接种排队时间过长引发不满",
        "多名家长在短视频平台发布排队视频，称预约后仍需等候三小时以上，评论区情绪激烈。",
        "卫生健康部门回应：接种高峰叠加系统故障导致积压，已增加接种台和周末门诊，"
        "预约系统按时段分流。",
        "预防接种服务优化措施",
        (
            "近期儿童接种需求集中，个别中心的预约系统出现了重复放号的问题。",
            "我们已在全市增开二十个接种台，周六上午增设门诊。",
            "市民可以通过政务服务平台查看各中心实时排队人数，合理安排时间。",
        ),
    ),
    Story(
        "交通运输",
        "公交线路调整后{place}居民出行不便",
        "12345热线一周内收到四十余件诉求，反映线路取消后老人就医需换乘两次。",
        "交通运输部门表示将恢复该线路早晚高峰班次，并新增一条社区微循环线路，下周一起试运行。",
        "城市公交线网优化调整",
        (
            "本轮线网调整的出发点是减少重复线路，把运力投到新建小区。",
            "调整中对老年人就医出行考虑不够，我们诚恳接受大家的批评。",
            "恢复的班次和新增的微循环线路试运行一个月后，将再次听取沿线居民意见。",
        ),
    ),
    Story(
        "住房和城乡建设",
        "{place}一老旧小区改造工程停工，居民家门口道路被挖断",
        "居民在微信群和本地论坛反映施工停滞两周，雨天出行困难，施工方联系不上。",
        "住房城乡建设部门已督促施工单位复工，设置临时通道，并公布项目负责人联系电话和完工时间。",
        "老旧小区改造进展情况",
        (
            "停工的原因是地下管线与图纸不符，需要重新设计管位。",
            "我们已要求施工单位在三日内复工，临时通道当天搭设完成。",
            "全市在建改造项目都将在小区门口公示工期和联系人，接受居民监督。",
        ),
    ),
    Story(
        "生态环境",
        "{place}河段出现大面积死鱼，网传系企业偷排",
        "有网友发布河面漂浮死鱼的照片，称上游企业夜间排污，转发量迅速上升。",
        "生态环境部门连夜采样监测：河水主要指标正常，死鱼系持续高温导致水体缺氧，"
        "未发现企业偷排，监测数据同步公开。",
        "河道水质监测结果",
        (
            "接到群众反映后，监测人员当晚即在上下游设了六个采样点。",
            "溶解氧偏低是主要原因，与近期持续高温、水流缓慢有关。",
            "我们对沿河企业逐一检查，排放口在线监测数据均未超标，检测报告已在网站公开。",
        ),
    ),
    Story(
        "市场监督",
        "网传{place}农贸市场出售注水肉",
        "自媒体账号发布视频称在农贸市场买到注水猪肉，引发市民对肉品安全的担忧。",
        "市场监管部门对市场内全部肉品摊位抽检，未检出注水肉，视频中摊位已停业接受调查，"
        "抽检结果公开。",
        "农贸市场肉品质量抽检情况",
        (
            "视频发布当天，执法人员对市场内十八个肉品摊位逐一抽样。",
            "抽检结果全部合格；涉事摊位的进货台账正在核查中。",
            "欢迎市民通过12345热线举报，查实的给予奖励。",
        ),
    ),
)
MORE_STORIES = (
    Story(
        "教育",
        "家长质疑{place}一所初中课后服务收费标准",
        "有家长在本地论坛发帖，称学校课后服务每月收费比邻校高出一倍，且未说明收费依据。",
        "教育部门说明：课后服务按物价部门核定标准收费，该校多收的托管费已全额退还，"
        "收费明细在校门口和学校网站公示。",
        "课后服务收费和管理情况",
        (
            "课后服务收费标准由发展改革部门核定，学校不得自行加价。",
            "该校把兴趣社团的材料费并入了托管费，我们已责令全额退还。",
            "今后各校要在学期初公示收费项目和标准，接受家长监督。",
        ),
    ),
    Story(
        "生态环境",
        "居民投诉{place}一家餐饮店油烟扰民",
        "多名居民通过12345热线和短视频平台反映，楼下餐饮店油烟直排，夏季无法开窗。",
        "生态环境部门联合城管执法部门现场检查，责令该店安装油烟净化设施并限期整改，"
        "整改完成前暂停明火作业。",
        "餐饮油烟治理专项行动",
        (
            "城区餐饮油烟投诉占到夏季环境投诉的四成以上。",
            "专项行动将对临街餐饮店逐一检查净化设施的安装和清洗记录。",
            "居民发现油烟直排的，可以拍照通过政务服务平台反映，我们限时处理。",
        ),
    ),
    Story(
        "交通运输",
        "网传{place}一座人行天桥将拆除，市民担心过街安全",
        "本地自媒体发文称天桥近期拆除且不设替代过街设施，评论中不少老人和学生家长表示担忧。",
        "交通运输部门澄清：天桥因结构检测需加固而非拆除，施工期间设置临时信号灯和协管员，"
        "预计一个月完工。",
        "城区过街设施改造安排",
        (
            "这座天桥建成已近三十年，检测发现部分构件需要加固。",
            "施工期间路口增设临时信号灯，上下学时段安排协管员护送。",
            "加固完成后将加装无障碍电梯，方便老人和推婴儿车的市民。",
        ),
    ),
    Story(
        "住房和城乡建设",
        "{place}新建小区交房后出现大面积墙体裂缝",
        "业主在维权群和短视频平台集中反映墙体开裂、渗水，要求开发商说明原因。",
        "住房城乡建设部门已组织第三方检测，裂缝为非结构性抹灰层开裂，不影响主体安全，"
        "督促开发商限期维修并公开检测报告。",
        "新建住宅质量问题处置情况",
        (
            "接到业主反映后，我们委托了有资质的第三方检测机构进场。",
            "检测结论是抹灰层收缩开裂，房屋主体结构安全。",
            "开发商已承诺一个月内完成维修，维修结果由业主代表参与验收。",
        ),
    ),
    Story(
        "卫生健康",
        "网传{place}医院急诊科夜间无医生值班",
        "一段深夜急诊室空无一人的视频在网上传播，发布者称等候半小时无人接诊。",
        "卫生健康部门调取监控核实：当时值班医生在抢救室处置危重病人，已增加夜间急诊备班医生，"
        "并在候诊区设置呼叫按钮。",
        "夜间急诊服务保障措施",
        (
            "视频拍摄时，值班医生和护士正在抢救一名心脏骤停的患者。",
            "我们在全市二级以上医院推行夜间急诊备班制度，高峰时段随时增援。",
            "候诊区新增呼叫按钮和分诊提示屏，患者可以随时看到排队和处置情况。",
        ),
    ),
    Story(
        "市场监督",
        "消费者反映{place}一家健身房收费后突然关门",
        "数十名会员在社交平台反映预付年卡后门店停业，经营者联系不上，担心损失无法追回。",
        "市场监管部门已立案调查并联系经营者，公布预付款登记渠道，协调同品牌其他门店接收会员。",
        "预付式消费监管情况",
        (
            "目前已有一百二十多名会员完成登记，涉及预付款约四十万元。",
            "我们正协调该品牌其他门店继续为会员提供服务。",
            "提醒市民办理预付卡时选择已纳入资金监管的经营者，不要一次性充值过多。",
        ),
    ),
)
GENERIC = Story(
    "",
    "市民反映{place}一项便民服务办理不畅",
    "多名市民在政务服务平台留言，称相关事项线上申报后长时间无人受理。",
    "主管部门说明：受理系统升级期间出现积压，已安排专人集中办理，三个工作日内清零。",
    "便民服务事项办理情况",
    (
        "系统升级期间，部分申请没有及时推送到经办人员。",
        "我们已组织专人逐件核对，目前积压件已全部办结。",
        "今后系统升级将提前公告，并保留线下受理渠道。",
    ),
)
ROUTINE_TOPICS = (
    "上半年重点工作进展",
    "年度民生实事项目推进情况",
    "优化营商环境若干措施",
    "安全生产专项整治情况",
    "政务服务“一件事”改革",
    "城乡环境综合整治成效",
)


def _office_of(organization: Organization):
    """A 政务公开工作机构 member of the organization or of the nearest one above it."""
    node = organization
    while node is not None:
        membership = (
            Membership.objects.filter(organization=node, role=Role.OPENNESS_OFFICE)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if membership is not None:
            return membership.user
        node = node.parent
    return None


def _has_office(organization: Organization) -> bool:
    return Membership.objects.filter(organization=organization, role=Role.OPENNESS_OFFICE).exists()


def _pick_organizations() -> list[Organization]:
    top = (
        Organization.objects.filter(parent__isnull=True, level=Level.GOVERNMENT, is_active=True)
        .order_by("sort_order", "id")
        .first()
    )
    if top is None or not _has_office(top):
        return []
    children = Organization.objects.filter(parent=top, is_active=True).order_by("sort_order", "id")
    departments = [o for o in children.filter(level=Level.DEPARTMENT) if _has_office(o)]
    known = {s.key for s in STORIES}
    departments.sort(key=lambda o: (function_key(o) not in known, o.sort_order, o.pk))
    districts = [o for o in children.filter(level=Level.DISTRICT) if _has_office(o)]
    return [top, *departments[:6], *districts[:2]]


class _Writer:
    def __init__(self, rng: Random, organizations: list[Organization], now: datetime, summary):
        self.rng, self.now, self.summary = rng, now, summary
        # Events are recorded by the first organization with its own openness office.
        self.reporter = next(o for o in organizations if _has_office(o))
        self.departments = [o for o in organizations if o.level == Level.DEPARTMENT]
        self.districts = [o for o in organizations if o.level == Level.DISTRICT]
        self.organizations = organizations
        self.stories: dict[str, list[Story]] = {}
        for story in (*STORIES, *MORE_STORIES):
            self.stories.setdefault(story.key, []).append(story)
        self.told: Counter = Counter()
        self.turn = 0
        self.used_items: set[int] = set()

    # ---------------------------------------------------------------- helpers

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def at(self, days: float, hour: int, minute: int = 0) -> datetime:
        """``days`` before now, at hour:minute Beijing time (never after now)."""
        day = timezone.localtime(self.now - timedelta(days=days))
        moment = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return min(moment, self.now - timedelta(minutes=1))

    def story(self, department: Organization | None, *, advance: bool = False) -> Story:
        """A story for the department's field; with ``advance``, the next one not told yet."""
        stories = self.stories.get(function_key(department), []) if department else []
        if not stories:
            return GENERIC
        key = function_key(department)
        story = stories[self.told[key] % len(stories)]
        if advance:
            self.told[key] += 1
        return story

    def place(self):
        """A town of one of the districts (or the district itself), for 属地."""
        if not self.districts:
            return None, ""
        district = self.rng.choice(self.districts)
        towns = list(Organization.objects.filter(parent=district, level=Level.TOWN, is_active=True))
        place = self.rng.choice(towns) if towns else district
        label = place.short_name or place.name
        return place, label

    def item_for(self, organization: Organization, before: datetime) -> Item | None:
        items = (
            Item.objects.filter(
                organization=organization, status=ItemStatus.PUBLISHED, published_at__lte=before
            )
            .exclude(pk__in=self.used_items)
            .order_by("-published_at")
        )
        item = items.first()
        if item is not None:
            self.used_items.add(item.pk)
        return item

    def leader_post(self, organization: Organization) -> str:
        name = organization.name
        if organization.level == Level.GOVERNMENT:
            return f"{name.removesuffix('人民政府')}市长" if name.endswith("市人民政府") else "市长"
        if organization.level == Level.DISTRICT:
            region = name.removesuffix("人民政府")
            return f"{region}{'县长' if region.endswith('县') else '区长'}"
        head = "主任" if name.endswith(("委员会", "办公室")) else "局长"
        return f"{organization.short_name or name}{head}"

    def deputy_post(self, organization: Organization) -> str:
        short = organization.short_name or organization.name
        return self.rng.choice([f"{short}副局长", f"{short}新闻发言人", f"{short}办公室主任"])

    # ---------------------------------------------------------------- press conferences

    def conference(
        self,
        organization: Organization,
        *,
        held_at: datetime,
        topic: str,
        answers: tuple[str, ...],
        principal: bool,
        event: OpinionEvent | None = None,
    ) -> PressConference:
        actor = _office_of(organization)
        leader = organization.head or self.person()
        speakers = []
        if principal:
            speakers.append(
                {
                    "name": leader,
                    "post": self.leader_post(organization),
                    "is_principal_leader": True,
                }
            )
        speakers.append(
            {
                "name": self.person(),
                "post": self.deputy_post(organization),
                "is_principal_leader": False,
            }
        )
        host = speakers[0]
        media = self.rng.sample(MEDIA, 3)
        paragraphs = [
            f"<p><strong>主持人：</strong>各位记者朋友，大家好。今天我们邀请{host['post']}"
            f"{host['name']}介绍{topic}，并回答大家关心的问题。</p>",
        ]
        for i, answer in enumerate(answers):
            paragraphs.append(
                f"<p><strong>{media[i % len(media)]}记者：</strong>请问市民关心的这个问题，"
                "目前进展如何？</p>"
            )
            speaker = speakers[i % len(speakers)]
            paragraphs.append(f"<p><strong>{speaker['name']}：</strong>{answer}</p>")
        paragraphs.append("<p><strong>主持人：</strong>今天的发布会到此结束，谢谢大家。</p>")
        interpretations = list(
            published_interpretations()
            .filter(organization=organization, published_at__lte=held_at)
            .order_by("-published_at")[: self.rng.choice([0, 1, 1, 2])]
        )
        item = self.item_for(organization, held_at)
        conference = services.press_conference_create(
            organization=organization,
            data={
                "topic": f"{topic}新闻发布会",
                "held_at": held_at,
                "location": self.rng.choice(
                    ["市政府新闻发布厅", "市民中心二楼发布厅", "本单位会议室"]
                ),
                "transcript": "\n".join(paragraphs),
                "media": "\n".join(media),
                "event": event,
            },
            speakers=speakers,
            interpretations=interpretations,
            items=[item] if item else [],
            actor=actor,
            now=held_at - timedelta(hours=2),
        )
        publish_at = min(held_at + timedelta(hours=3), self.now)
        services.press_conference_publish(conference=conference, actor=actor, now=publish_at)
        self.summary.conferences += 1
        self.summary.principal_appearances += principal
        return conference

    def routine_conferences(self) -> None:
        this_year = timezone.localtime(self.now).year
        for organization in self.organizations:
            if _office_of(organization) is None:
                continue
            required = max(required_appearances(organization.level), 1)
            plans = {
                this_year - 1: (required + self.rng.choice([0, 1]), required),
                this_year: (self.rng.randint(1, required + 1), self.rng.randint(0, required)),
            }
            for year, (count, with_leader) in plans.items():
                start = timezone.make_aware(datetime(year, 1, 5, 10, 0))
                end = min(timezone.make_aware(datetime(year, 12, 20, 10, 0)), self.now)
                span = (end - start).days
                if span < 1:
                    continue
                days = sorted(self.rng.sample(range(span), min(count, span)))
                for n, offset in enumerate(days):
                    held = (start + timedelta(days=offset)).replace(
                        hour=self.rng.choice([9, 10, 15])
                    )
                    if held > self.now - timedelta(hours=1):
                        continue
                    story = (
                        self.story(organization)
                        if organization.level == Level.DEPARTMENT
                        else GENERIC
                    )
                    topic = self.rng.choice(ROUTINE_TOPICS) if n % 2 else story.conference
                    self.conference(
                        organization,
                        held_at=held,
                        topic=topic,
                        answers=story.answers,
                        principal=n < with_leader,
                    )

    # ---------------------------------------------------------------- events

    def record(self, *, level, first_seen, source=None):
        """An event in the next department's field, at a place picked for 属地."""
        place, place_label = self.place()
        department = self.department()
        story = self.story(department, advance=True)
        source = source or self.rng.choice(SourceKind.values)
        title = story.title.format(place=place_label or "市区")
        reporter = self.reporter
        event = services.event_record(
            reported_by=reporter,
            title=title,
            source_kind=source,
            source_detail=self.rng.choice(SOURCE_DETAILS[source]),
            summary=story.summary,
            level=level,
            first_seen_at=first_seen,
            place=place,
            subject=department,
            actor=_office_of(reporter),
            now=min(first_seen + timedelta(minutes=15), self.now),
        )
        self.summary.events[level] += 1
        return event, story

    def respond(self, event, story, *, at, kind=ResponseKind.AUTHORITATIVE, conference=None):
        actor = _office_of(event.responsible_organization)
        item = (
            self.item_for(event.responsible_organization, at)
            if kind == ResponseKind.AUTHORITATIVE
            else None
        )
        summary = (
            story.release
            if kind != ResponseKind.PRESS_CONFERENCE
            else (f"召开新闻发布会，介绍{story.conference}，回答记者提问。")
        )
        services.response_record(
            event=event,
            kind=kind,
            released_at=at,
            summary=summary,
            item=item,
            press_conference=conference,
            actor=actor,
            now=min(at + timedelta(minutes=10), self.now),
        )
        self.summary.responses += 1

    def hold_conference(self, event, story, *, held_at, principal):
        """A press conference about the event, recorded as one of its responses."""
        conference = self.conference(
            event.responsible_organization,
            held_at=held_at,
            topic=story.conference,
            answers=story.answers,
            principal=principal,
            event=event,
        )
        self.respond(
            event,
            story,
            at=conference.held_at,
            kind=ResponseKind.PRESS_CONFERENCE,
            conference=conference,
        )

    def escalate(self, event, at):
        made = services.escalate_missed_clocks(
            now=at, events=OpinionEvent.objects.filter(pk=event.pk)
        )
        self.summary.escalations += len(made)

    def close(self, event, *, at, accountability="", archive=False):
        actor = _office_of(event.responsible_organization)
        services.event_set_public(event=event, is_public=True, actor=actor, now=at)
        services.event_evaluate(
            event=event,
            evaluation=self.rng.choice(
                [
                    "回应及时，权威信息发布后相关话题热度明显下降，未出现次生舆情。",
                    "回应内容针对性强，网民评论以理解和支持为主。",
                    "首次回应偏晚，期间出现不实信息扩散，后经发布会澄清逐步平息。",
                ]
            ),
            accountability=accountability,
            actor=actor,
            now=at,
        )
        if archive:
            services.event_archive(event=event, actor=actor, now=at + timedelta(days=1))

    def department(self):
        """The next department, in turn, so that events spread over the departments."""
        if not self.departments:
            return None
        department = self.departments[self.turn % len(self.departments)]
        self.turn += 1
        return department

    def events(self) -> None:
        # 特别重大: both clocks met, evaluated and archived.
        event, story = self.record(level=EventLevel.EXTRAORDINARY, first_seen=self.at(60, 22, 40))
        first = event.first_seen_at
        self.respond(event, story, at=first + timedelta(hours=3, minutes=20))
        self.hold_conference(event, story, held_at=first + timedelta(hours=19), principal=True)
        self.close(event, at=first + timedelta(days=4), archive=True)

        # 重大 met in time.
        event, story = self.record(level=EventLevel.MAJOR, first_seen=self.at(21, 8, 15))
        first = event.first_seen_at
        self.respond(event, story, at=first + timedelta(hours=4))
        self.hold_conference(event, story, held_at=first + timedelta(hours=22), principal=False)
        self.close(event, at=first + timedelta(days=3))

        # 重大 missed: escalated twice, answered late, accountability noted.
        event, story = self.record(level=EventLevel.MAJOR, first_seen=self.at(11, 21, 30))
        first = event.first_seen_at
        self.escalate(event, first + timedelta(hours=5, minutes=5))
        self.respond(event, story, at=first + timedelta(hours=7, minutes=30))
        self.escalate(event, first + timedelta(hours=24, minutes=5))
        self.hold_conference(event, story, held_at=first + timedelta(hours=31), principal=True)
        self.close(
            event,
            at=first + timedelta(days=5),
            accountability="首次权威发布超时，对责任单位分管负责人进行约谈，值班制度已修订。",
        )

        # 重大 running: first seen under two hours ago.
        self.record(level=EventLevel.MAJOR, first_seen=self.now - timedelta(hours=1, minutes=40))

        # 较大 met with 答记者问; 较大 running; 较大 missed, unanswered, in handling.
        event, story = self.record(level=EventLevel.LARGE, first_seen=self.at(15, 16, 0))
        self.respond(
            event, story, at=event.first_seen_at + timedelta(hours=10), kind=ResponseKind.PRESS_QA
        )
        self.close(event, at=event.first_seen_at + timedelta(days=2))

        self.record(level=EventLevel.LARGE, first_seen=self.now - timedelta(hours=6))
        event, story = self.record(
            level=EventLevel.LARGE, first_seen=self.now - timedelta(hours=40)
        )
        services.event_start_handling(
            event=event,
            actor=_office_of(event.responsible_organization),
            now=event.first_seen_at + timedelta(hours=2),
        )
        self.escalate(event, event.first_seen_at + timedelta(hours=24, minutes=10))

        # 一般: met and archived; running; archived without response; missed then answered.
        for days, hours, outcome in (
            (8, 20, "met"),
            (0, 0, "running"),
            (5, 0, "dropped"),
            (4, 60, "late"),
        ):
            first_seen = (
                self.now - timedelta(hours=3)
                if outcome == "running"
                else self.at(days, 10 + days, 5)
            )
            event, story = self.record(
                level=EventLevel.GENERAL,
                first_seen=first_seen,
                source=SourceKind.HOTLINE,
            )
            if outcome == "met":
                self.respond(event, story, at=event.first_seen_at + timedelta(hours=hours))
                self.close(event, at=event.first_seen_at + timedelta(days=2), archive=True)
            elif outcome == "dropped":
                services.event_archive(
                    event=event,
                    reason="经核实，所反映问题已在诉求人来电当日解决，未形成舆论关注，无需公开回应。",
                    actor=_office_of(event.responsible_organization),
                    now=event.first_seen_at + timedelta(hours=6),
                )
            elif outcome == "late":
                self.escalate(event, event.first_seen_at + timedelta(hours=48, minutes=5))
                self.respond(event, story, at=event.first_seen_at + timedelta(hours=hours))
                self.close(
                    event,
                    at=event.first_seen_at + timedelta(days=3),
                    accountability="答复超出时限，已责成承办科室作出书面说明。",
                )


def generate(
    *,
    now: datetime,
    seed: int = 2026,
    organizations: list[Organization] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Fill 回应关切 (see the module docstring). Returns what was made."""
    rng = Random(seed)
    summary = Summary()
    organizations = organizations if organizations is not None else _pick_organizations()
    organizations = [o for o in organizations if _office_of(o) is not None]
    if not any(_has_office(o) for o in organizations):
        return summary
    writer = _Writer(rng, organizations, now, summary)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            if progress:
                progress("  回应关切：新闻发布会")
            writer.routine_conferences()
            if progress:
                progress("  回应关切：政务舆情")
            writer.events()
        # Whatever ran out between the story's moments and now is escalated as the cron would.
        summary.escalations += len(services.escalate_missed_clocks(now=now))
    events = OpinionEvent.objects.filter(status__in=OPEN_STATUSES).prefetch_related(
        "responses", "press_conferences"
    )
    summary.running_clocks = sum(
        1 for row in event_rows(events, now) for clock in row.running if not clock.overdue
    )
    return summary
