"""Build the demonstration government 临江市 — organizations, staff, catalogs and items.

Everything with a workflow goes through the real services (publishing, interpretation,
catalog), with ``now=`` set to a moment in the past, so that the history, the audit trail and
the release register look exactly as they would after three years of use. The steps of all
items are put on one timeline and run in order of time, so the register is in publication
order and every 索引号 follows the order of drafting. Organizations and roles are made through
the orgs services at the start of the history. What has no service yet is written directly:
platform settings, users and sensitive words.

The same ``seed`` and ``now`` give the same data.

    from gongkai.demo.generator import load
    summary = load(items=3000, seed=2026)
"""

import time as clock
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from random import Random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.catalog import services as catalog
from gongkai.catalog.models import CatalogNode, CatalogTemplate, DocumentKind, TemplateKind
from gongkai.core.timeutil import local_date
from gongkai.foi.choices import Status as FoiStatus
from gongkai.interpretation import services as interpretation_services
from gongkai.interpretation.models import Form, Interpretation
from gongkai.orgs import services as orgs
from gongkai.orgs.models import Level, Organization, PlatformSettings, Role
from gongkai.publishing import services
from gongkai.publishing.choices import (
    POLICY_TYPES,
    Action,
    Attribute,
    FivePublic,
    Ground,
    InfoType,
    RelationKind,
    Status,
    Validity,
)
from gongkai.publishing.models import (
    Item,
    ItemEvent,
    ReleaseRecord,
    SensitiveWord,
    Topic,
)
from gongkai.publishing.prechecks import ID_CHECK, ID_WEIGHTS
from gongkai.workdays import is_working_day

from . import text, vocab
from .foi import generate_applications

User = get_user_model()
Progress = Callable[[str], None]

ADMIN_USERNAME = "admin"
WORKFLOW_ROLES = (
    Role.DRAFTER,
    Role.UNIT_REVIEWER,
    Role.CONFIDENTIALITY_REVIEWER,
    Role.OPENNESS_OFFICE,
)
ROLE_SUFFIX = {
    Role.DRAFTER: "drafter",
    Role.UNIT_REVIEWER: "reviewer",
    Role.CONFIDENTIALITY_REVIEWER: "secrecy",
    Role.OPENNESS_OFFICE: "office",
}
YEARS_OF_HISTORY = 3
BATCH = 400  # timeline steps per transaction: fewer fsyncs, still a bounded rollback
EXPIRY_SWEEP_AT = time(0, 5)  # when the daily cron job runs ``manage.py expire_policies``

# Which share of the items ends in each state other than 已发布 (at least two of each).
STATUS_SHARE = {
    Status.DRAFT: 0.03,
    Status.UNIT_REVIEW: 0.02,
    Status.ATTRIBUTE_REVIEW: 0.01,
    Status.CONFIDENTIALITY_REVIEW: 0.02,
    Status.APPROVED: 0.015,
    Status.SCHEDULED: 0.01,
    Status.FILED: 0.03,
    Status.WITHDRAWN: 0.015,
}
TYPE_WEIGHTS = {
    InfoType.NEWS: 28,
    InfoType.NOTICE: 14,
    InfoType.OTHER_POLICY: 7,
    InfoType.NORMATIVE: 5,
    InfoType.RULE: 3,
    InfoType.PLAN: 5,
    InfoType.STATISTICS: 7,
    InfoType.PERSONNEL: 6,
    InfoType.BUDGET: 4,
    InfoType.PROPOSAL: 4,
    InfoType.PROCUREMENT: 5,
    InfoType.PERMIT: 4,
    InfoType.PENALTY: 4,
    InfoType.EMERGENCY: 2,
    InfoType.OTHER: 3,
}
# What each level of organization publishes at all.
LEVEL_TYPES = {
    Level.GOVERNMENT: set(InfoType.values) - {"permit", "penalty", "procurement"},
    Level.DEPARTMENT: set(InfoType.values) - {"rule"},
    Level.DISTRICT: set(InfoType.values) - {"rule", "permit", "penalty"},
    Level.DISTRICT_DEPARTMENT: set(InfoType.values) - {"rule", "emergency"},
    Level.TOWN: {
        "news",
        "notice",
        "budget",
        "plan",
        "emergency",
        "other",
        "personnel",
        "other_policy",
    },
}
FIVE_PUBLIC = {
    "rule": FivePublic.DECISION,
    "normative": FivePublic.DECISION,
    "other_policy": FivePublic.DECISION,
    "plan": FivePublic.DECISION,
    "notice": FivePublic.EXECUTION,
    "news": FivePublic.EXECUTION,
    "emergency": FivePublic.EXECUTION,
    "statistics": FivePublic.RESULT,
    "proposal": FivePublic.RESULT,
    "penalty": FivePublic.RESULT,
    "personnel": FivePublic.MANAGEMENT,
    "budget": FivePublic.MANAGEMENT,
    "procurement": FivePublic.MANAGEMENT,
    "permit": FivePublic.SERVICE,
    "other": "",
}
# Catalog columns by name (from the seeded templates), best first; the last resort is
# 其他依法应当主动公开的信息.
TYPE_NODES = {
    "rule": ["行政法规、规章和规范性文件"],
    "normative": ["行政法规、规章和规范性文件"],
    "other_policy": ["行政法规、规章和规范性文件"],
    "plan": ["规划信息"],
    "statistics": ["统计信息"],
    "permit": ["行政许可和其他对外管理服务事项"],
    "penalty": ["行政处罚和行政强制"],
    "personnel": ["公务员招考"],
    "budget": ["财政预算、决算", "部门预算和决算", "财政预决算"],
    "procurement": ["政府集中采购", "政府采购", "公共资源交易"],
    "emergency": ["突发公共事件应对", "救灾"],
}
FALLBACK_NODE = "其他依法应当主动公开的信息"
RECIPIENTS = {
    Level.GOVERNMENT: "各区、县人民政府，市政府各部门、各直属单位",
    Level.DEPARTMENT: "各区、县相关部门，各直属单位",
    Level.DISTRICT: "各乡镇人民政府、街道办事处，区（县）政府各部门",
    Level.DISTRICT_DEPARTMENT: "各乡镇（街道）相关站所，各直属单位",
    Level.TOWN: "各村（社区），各办、站、所",
}
TYPE_TOPICS = {
    "personnel": ("劳动、人事、监察", "人事工作"),
    "budget": ("财政、金融、审计", "财政"),
    "emergency": ("综合政务", "应急管理"),
    "proposal": ("综合政务", "政务督查"),
}
CITY_TOPICS = [
    ("国民经济管理、国有资产监管", "宏观经济"),
    ("综合政务", "政务公开"),
    ("城乡建设、环境保护", "城市规划"),
    ("综合政务", "政务督查"),
]


# ------------------------------------------------------------------------------ structures


@dataclass
class Subject:
    name: str
    topic: Topic | None
    area: str = ""  # grassroots catalog area, for towns and districts


@dataclass
class Unit:
    """An organization of the demo with what the generator needs to write for it."""

    org: Organization
    prefix: str  # 文号 prefix: 临财, 江政, 望江街
    weight: float
    subjects: list[Subject]
    favours: tuple[str, ...] = ()
    leader: str = "局长"
    places: list[str] = field(default_factory=list)  # where its staff go to inspect
    people: dict[str, object] = field(default_factory=dict)  # role -> user
    nodes: dict[str, CatalogNode] = field(default_factory=dict)  # column name -> column

    @property
    def level(self) -> str:
        return self.org.level

    def person(self, role: str):
        return self.people[role]


@dataclass
class Plan:
    """One item to make: what it is, where its life ends and on which days its steps happen."""

    unit: Unit
    info_type: str
    final: str  # the Status the item ends in
    flags: set[str] = field(default_factory=set)
    written_on: date | None = None
    days: list[date] = field(default_factory=list)  # working days of the steps, in order
    later_day: date | None = None  # of a withdrawal, correction or later interpretation
    fields: dict = field(default_factory=dict)  # for item_create
    ctx: dict = field(default_factory=dict)  # what the text was written from
    doc: str = ""  # the document a policy 印发s (or its title), for interpretations
    replaces: "Plan | None" = None  # an older policy this one abolishes or amends
    item: Item | None = None


@dataclass
class Summary:
    organizations: int = 0
    users: int = 0
    items: int = 0
    statuses: Counter = field(default_factory=Counter)
    corrected: int = 0
    abolished: int = 0
    interpretations: int = 0
    register_records: int = 0
    applications: Counter = field(default_factory=Counter)  # 依申请公开, per status
    interaction: list[str] = field(default_factory=list)  # 公众参与, 信箱, 回应关切
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [f"机构 {self.organizations} 个，人员 {self.users} 名，政府信息 {self.items} 条："]
        for status in Status:
            out.append(f"  {status.label}（{status.value}）：{self.statuses.get(status.value, 0)}")
        out.append(
            f"  其中已更正 {self.corrected} 条，已废止 {self.abolished} 条；"
            f"政策解读 {self.interpretations} 篇；发布登记 {self.register_records} 条。"
        )
        if self.applications:
            out.append(
                f"依申请公开申请 {sum(self.applications.values())} 件："
                + "，".join(f"{s.label} {self.applications.get(s.value, 0)}" for s in FoiStatus)
            )
        out.extend(self.interaction)
        out.append(f"用时 {self.seconds:.1f} 秒。")
        return out


class Workdays:
    """The working days of the demo's period in a list, for fast day arithmetic."""

    def __init__(self, start: date, end: date):
        self.days = []
        day = start
        while day <= end:
            if is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        self.index = {day: i for i, day in enumerate(self.days)}

    def at_or_before(self, day: date) -> int:
        while day not in self.index:
            day -= timedelta(days=1)
        return self.index[day]

    def at_or_after(self, day: date) -> int:
        while day not in self.index:
            day += timedelta(days=1)
        return self.index[day]


# ------------------------------------------------------------------------------ entry point


def load(
    *,
    items: int = 3000,
    seed: int = 2026,
    now: datetime | None = None,
    applications: int | None = None,
    progress: Progress = lambda message: None,
) -> Summary:
    """Fill an empty database with the demo. ``now`` is the end of the demo's history;
    ``applications`` (依申请公开) defaults to one for every eight or so items."""
    started = clock.monotonic()
    now = now or timezone.now()
    rng = Random(seed)
    today = local_date(now)
    first_day = _add_years(today, -YEARS_OF_HISTORY)
    calendar = Workdays(first_day - timedelta(days=30), today + timedelta(days=60))

    progress("平台设置、机构和人员……")
    founded = _at(calendar.days[0], time(8, 30))
    with transaction.atomic():
        settings_update()
        units = organizations_create(rng, now=founded)
        staff_create(rng, units, now=founded)
        sensitive_words_create()
    progress(f"  {len(units)} 个机构，{User.objects.count()} 名人员（{_since(started)}）")

    progress("目录、公开指南、公开制度和负面清单……")
    with transaction.atomic():
        catalogs_create(rng, units, setup_at=_at(calendar.days[0], time(9, 0)), now=now)
    progress(f"  {CatalogNode.objects.count()} 个目录栏目（{_since(started)}）")

    progress(f"规划 {items} 条政府信息……")
    plans = plan_items(rng, units, items, calendar=calendar, today=today)
    write_items(rng, plans)
    steps = timeline(rng, plans, calendar=calendar, today=today)
    progress(f"按时间顺序办理 {len(steps)} 个步骤（{_since(started)}）……")
    run_steps(steps, progress=lambda message: progress(f"{message}（{_since(started)}）"))

    foi_counts = generate_applications(
        rng,
        units,
        now=now,
        count=round(items * 0.12) if applications is None else applications,
        calendar=calendar,
        progress=lambda message: progress(f"{message}（{_since(started)}）"),
    )

    interaction = interaction_create(now=now, seed=seed, progress=progress)
    progress(f"  公众参与、信箱和回应关切（{_since(started)}）")

    summary = summarize()
    summary.applications = foi_counts
    summary.interaction = interaction
    summary.seconds = clock.monotonic() - started
    return summary


def interaction_create(*, now: datetime, seed: int, progress: Progress) -> list[str]:
    """Consultations, meetings, the mailbox and public-opinion events, each app's own demo
    generator run on the organizations, staff and items made above."""
    from gongkai.participation import demo as participation_demo
    from gongkai.participation.mailbox import demo as mailbox_demo
    from gongkai.response import demo as response_demo

    lines = list(participation_demo.generate(now=now, seed=seed, progress=progress).lines())
    messages = mailbox_demo.generate(now=now, seed=seed, progress=progress)
    labels = {
        "messages": "来信",
        "transfers": "转办",
        "replied": "已答复",
        "declined": "不予受理",
        "published": "公开",
        "rated": "已评价",
        "faq": "知识库条目",
    }
    lines.append("信箱：" + "，".join(f"{labels.get(k, k)} {v}" for k, v in messages.items()))
    lines.extend(response_demo.generate(now=now, seed=seed, progress=progress).lines())
    return lines


def _since(started: float) -> str:
    return f"{clock.monotonic() - started:.1f} 秒"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


# ------------------------------------------------------------------------------ platform


def settings_update() -> PlatformSettings:
    platform = PlatformSettings.load()
    for name, value in vocab.PLATFORM.items():
        setattr(platform, name, value)
    platform.save()
    return platform


def credit_code(region: str, serial: int) -> str:
    """A code shaped like a 统一社会信用代码 (GB 32100 check character) in a fictional region."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    body = f"11{region}{serial:09d}"
    total = sum(chars.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + chars[(31 - total % 31) % 31]


def _org(
    rng: Random,
    *,
    now: datetime,
    name,
    short_name,
    slug,
    level,
    parent,
    region,
    order,
    office_name,
    functions,
    head,
    street=None,
) -> Organization:
    street = street or rng.choice(vocab.STREETS)
    return orgs.organization_create(
        actor=None,
        now=now,
        name=name,
        short_name=short_name,
        slug=slug,
        level=level,
        parent=parent,
        code=credit_code(region, 10_000_000 + order * 7919 + rng.randint(0, 7000)),
        sort_order=order,
        office_name=office_name,
        address=f"{vocab.CITY}{street}{rng.randint(1, 399)}号",
        postcode=f"3391{region[-2:]}",
        office_hours=vocab.OFFICE_HOURS,
        phone=text.phone(rng),
        fax=text.phone(rng),
        email=f"{slug}@{vocab.MAIL_DOMAIN}",
        functions=functions,
        head=head,
    )


def organizations_create(rng: Random, *, now: datetime | None = None) -> list[Unit]:
    """临江市人民政府 → departments, districts → district departments and towns, set up at
    ``now`` (by default the present moment)."""
    now = now or timezone.now()
    topics = _topics()
    city_spec = vocab.CITY_GOVERNMENT
    city = _org(
        rng,
        now=now,
        name=city_spec["name"],
        short_name=city_spec["short_name"],
        slug=city_spec["slug"],
        level=Level.GOVERNMENT,
        parent=None,
        region=vocab.REGION_CODE,
        order=1,
        office_name=city_spec["office_name"],
        functions=city_spec["functions"],
        head=text.person_name(rng),
        street="府前街",
    )
    city_subjects = [Subject(s, topics.get(rng.choice(CITY_TOPICS))) for s in city_spec["subjects"]]
    units = [
        Unit(
            city,
            city_spec["abbr"],
            8,
            city_subjects,
            leader="副市长",
            places=[d.name for d in vocab.DISTRICTS],
        )
    ]
    by_slug = {}
    for order, dept in enumerate(vocab.DEPARTMENTS, start=10):
        name = f"{vocab.CITY}{dept.name}"
        org = _org(
            rng,
            now=now,
            name=name,
            short_name=f"市{dept.name}",
            slug=dept.slug,
            level=Level.DEPARTMENT,
            parent=city,
            region=vocab.REGION_CODE,
            order=order,
            office_name=f"{name}办公室",
            functions=dept.functions,
            head=text.person_name(rng),
        )
        unit = Unit(
            org,
            f"临{dept.abbr}",
            dept.weight,
            [Subject(s, topics.get(dept.topic)) for s in dept.subjects],
            favours=dept.favours,
            leader=_leader_title(dept.name),
            places=[d.name for d in vocab.DISTRICTS],
        )
        units.append(unit)
        by_slug[dept.slug] = (dept, unit)
    for d_order, district in enumerate(vocab.DISTRICTS, start=100):
        region = f"3391{district.region}"
        is_county = district.name.endswith("县")
        gov = _org(
            rng,
            now=now,
            name=f"{district.name}人民政府",
            short_name=district.name,
            slug=district.slug,
            level=Level.DISTRICT,
            parent=city,
            region=region,
            order=d_order,
            office_name=f"{district.name}人民政府办公室",
            functions=f"领导{district.name}各部门和各乡镇（街道）的工作，管理本行政区域内"
            f"经济、教育、科学、文化、卫生、民政等行政工作。",
            head=text.person_name(rng),
        )
        town_subjects = [Subject(s, topics.get(t), area) for s, area, t in vocab.TOWN_SUBJECTS]
        units.append(
            Unit(
                gov,
                f"{district.abbr}政",
                district.weight,
                town_subjects[:6] + city_subjects[:4],
                leader="副县长" if is_county else "副区长",
                places=[town for town, _slug in district.towns],
            )
        )
        for k, (dept_name, slug, abbr, city_slug) in enumerate(vocab.DISTRICT_DEPARTMENTS):
            city_dept, _city_unit = by_slug[city_slug]
            org = _org(
                rng,
                now=now,
                name=f"{district.name}{dept_name}",
                short_name=f"{district.name}{dept_name}",
                slug=f"{district.slug}-{slug}",
                level=Level.DISTRICT_DEPARTMENT,
                parent=gov,
                region=region,
                order=d_order * 10 + k,
                office_name=f"{district.name}{dept_name}办公室",
                functions=city_dept.functions.replace("全市", "全区" if not is_county else "全县"),
                head=text.person_name(rng),
            )
            units.append(
                Unit(
                    org,
                    f"{district.abbr}{abbr}",
                    1,
                    [Subject(s, topics.get(city_dept.topic)) for s in city_dept.subjects],
                    favours=city_dept.favours,
                    leader=_leader_title(dept_name),
                    places=[town for town, _slug in district.towns],
                )
            )
        for k, (town, slug) in enumerate(district.towns):
            kind = "街道办事处" if town.endswith("街道") else "人民政府"
            full = f"{district.name}{town}{'办事处' if kind == '街道办事处' else '人民政府'}"
            org = _org(
                rng,
                now=now,
                name=full,
                short_name=town,
                slug=f"{district.slug}-{slug}",
                level=Level.TOWN,
                parent=gov,
                region=region,
                order=d_order * 10 + 5 + k,
                office_name=f"{town}党政办公室",
                functions=f"负责{town}辖区内的经济发展、社会事务、公共服务和基层治理工作，"
                "指导村（社区）开展自治。",
                head=text.person_name(rng),
            )
            core = town[:-2] if town.endswith("街道") else town[:-1]
            suffix = "街" if town.endswith("街道") else town[-1]
            units.append(
                Unit(
                    org,
                    f"{core}{suffix}",
                    0.5,
                    rng.sample(town_subjects, 6),
                    leader="主任" if town.endswith("街道") else f"{town[-1]}长",
                    places=[f"{core}{village}" for village in vocab.VILLAGES],
                )
            )
    return units


def _leader_title(name: str) -> str:
    return "主任" if name.endswith(("委员会", "办公室")) else "局长"


def _topics() -> dict[tuple[str, str], Topic]:
    found = {}
    for topic in Topic.objects.select_related("parent").order_by("id"):
        if topic.parent_id:
            found[(topic.parent.name, topic.name)] = topic
        else:
            found.setdefault((topic.name, ""), topic)
    return found


def staff_create(rng: Random, units: list[Unit], *, now: datetime | None = None) -> None:
    """One person per workflow role; towns share reviewing; one platform administrator, who
    grants the roles at ``now`` (by default the present moment)."""
    now = now or timezone.now()
    password = make_password(vocab.DEMO_PASSWORD)  # hashed once: hashing is deliberately slow
    city = units[0]
    admin = _user(rng, ADMIN_USERNAME, password, staff=True)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    orgs.membership_grant(
        user=admin, organization=city.org, role=Role.PLATFORM_ADMIN, actor=None, now=now
    )
    for unit in units:
        slug = unit.org.slug
        if unit.level == Level.TOWN:
            holders = {
                Role.DRAFTER: f"{slug}-drafter",
                Role.OPENNESS_OFFICE: f"{slug}-office",
                Role.UNIT_REVIEWER: f"{slug}-reviewer",
                Role.CONFIDENTIALITY_REVIEWER: f"{slug}-reviewer",
            }
        else:
            holders = {role: f"{slug}-{ROLE_SUFFIX[role]}" for role in WORKFLOW_ROLES}
        users = {}
        for role in WORKFLOW_ROLES:
            username = holders[role]
            if username not in users:
                users[username] = _user(rng, username, password, staff=role == Role.OPENNESS_OFFICE)
            user = users[username]
            orgs.membership_grant(user=user, organization=unit.org, role=role, actor=admin, now=now)
            unit.people[role] = user


def _user(rng: Random, username: str, password: str, *, staff: bool):
    return User.objects.create(
        username=username,
        password=password,
        first_name=text.person_name(rng),
        last_name="",
        email=f"{username}@{vocab.MAIL_DOMAIN}",
        is_staff=staff,
    )


def sensitive_words_create() -> None:
    for word, category in vocab.SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(word=word, defaults={"category": category})


# ------------------------------------------------------------------------------ catalogs


def catalogs_create(rng: Random, units: list[Unit], *, setup_at: datetime, now: datetime) -> None:
    templates = {t.kind: t for t in CatalogTemplate.objects.order_by("id")}
    wanted = {
        Level.GOVERNMENT: [TemplateKind.STATUTORY, TemplateKind.KEY_AREAS],
        Level.DEPARTMENT: [TemplateKind.STATUTORY, TemplateKind.FIVE_PUBLIC],
        Level.DISTRICT: [TemplateKind.STATUTORY, TemplateKind.KEY_AREAS, TemplateKind.GRASSROOTS],
        Level.DISTRICT_DEPARTMENT: [TemplateKind.STATUTORY, TemplateKind.FIVE_PUBLIC],
        Level.TOWN: [TemplateKind.STATUTORY, TemplateKind.GRASSROOTS],
    }
    today = local_date(now)
    for unit in units:
        office = unit.person(Role.OPENNESS_OFFICE)
        for kind in wanted[unit.level]:
            if kind not in templates:
                continue
            for node in catalog.catalog_instantiate(
                organization=unit.org, template=templates[kind], actor=office, now=setup_at
            ):
                unit.nodes.setdefault(node.name, node)
        edited = setup_at + timedelta(days=rng.randint(1, 300))
        catalog.openness_document_save(
            organization=unit.org,
            kind=DocumentKind.GUIDE,
            title=f"{unit.org.name}政府信息公开指南",
            body=catalog.guide_default_body(unit.org),
            actor=office,
            now=edited,
        )
        ctx = {"org": unit.org.name, "office": unit.org.office_name}
        for title, clauses in rng.sample(vocab.RULES_DOCUMENTS, rng.randint(1, 2)):
            catalog.openness_document_save(
                organization=unit.org,
                kind=DocumentKind.RULES,
                title=f"{unit.org.name}{title}",
                body=text.rules_document_body(rng, ctx, clauses),
                actor=office,
                now=edited + timedelta(days=rng.randint(1, 60)),
            )
        if unit.level == Level.DEPARTMENT and unit.org.slug in vocab.NEGATIVE_DEPARTMENTS:
            for matter, basis, scope in rng.sample(vocab.NEGATIVE_ENTRIES, rng.randint(2, 4)):
                written = now - timedelta(days=rng.randint(20, 300))
                catalog.negative_entry_save(
                    organization=unit.org,
                    actor=office,
                    now=written,
                    matter=matter,
                    legal_basis=basis,
                    scope=scope,
                    review_on=today + timedelta(days=rng.randint(90, 540)),
                )


# ------------------------------------------------------------------------------ planning


def status_quota(n: int) -> dict[str, int]:
    """How many items end in each state other than 已发布 (at least two of each)."""
    return {status: max(2, round(n * share)) for status, share in STATUS_SHARE.items()}


def plan_items(
    rng: Random, units: list[Unit], n: int, *, calendar: Workdays, today: date
) -> list[Plan]:
    """Decide what every item is, how its life ends and on which days its steps happen."""
    city = units[0]
    showcase = next(u for u in units if u.org.slug == vocab.SHOWCASE_SLUG)
    plans: list[Plan] = []

    # Cases every demo shows, however small: each type, policies that replace older ones, a
    # policy that has expired, items for the pre-checks, and deadlines on the workbench.
    for info_type in InfoType.values:
        owner = city if info_type in LEVEL_TYPES[Level.GOVERNMENT] else showcase
        plans.append(Plan(owner, info_type, Status.PUBLISHED))
    for k in range(max(1, n // 400) * 2):
        owner = showcase if k < 2 else _pick_unit(rng, units, policy=True)
        verb = "abolished" if k % 2 == 0 else "amended"
        old = Plan(owner, InfoType.NORMATIVE, Status.PUBLISHED, {"old", verb})
        new = Plan(owner, InfoType.NORMATIVE, Status.PUBLISHED, {"new"})
        new.replaces = old
        plans += [old, new]
    plans.append(Plan(showcase, InfoType.NORMATIVE, Status.PUBLISHED, {"trial", "old"}))
    plans.append(
        Plan(showcase, InfoType.OTHER_POLICY, Status.PUBLISHED, {"interpretation", "official"})
    )
    plans.append(
        Plan(city, InfoType.NORMATIVE, Status.PUBLISHED, {"later_interpretation", "graphic"})
    )
    review = Status.CONFIDENTIALITY_REVIEW
    plans.append(Plan(showcase, InfoType.NOTICE, review, {"pii"}))
    plans.append(Plan(showcase, InfoType.NOTICE, review, {"pii", "internal"}))
    plans.append(Plan(showcase, InfoType.PERSONNEL, review, {"mobile", "sensitive"}))
    pending = [Status.UNIT_REVIEW, Status.CONFIDENTIALITY_REVIEW, Status.APPROVED, Status.DRAFT]
    kinds = [InfoType.NOTICE, InfoType.NORMATIVE, InfoType.OTHER_POLICY, InfoType.BUDGET]
    for k in range(15 if n >= 600 else max(4, n // 25)):
        flag = "overdue" if k % 2 == 0 else "due_soon"
        plans.append(Plan(showcase, rng.choice(kinds), pending[k % len(pending)], {flag}))

    # Every other state in its share; the rest is published.
    for status, count in status_quota(n).items():
        for _k in range(count - sum(1 for p in plans if p.final == status)):
            unit = _pick_unit(rng, units)
            info_type = _pick_type(rng, unit)
            if status in (Status.WITHDRAWN, Status.FILED) and info_type in POLICY_TYPES:
                info_type = InfoType.NOTICE  # a withdrawn policy would be abolished instead
            plans.append(Plan(unit, info_type, status))
    while len(plans) < n:
        unit = _pick_unit(rng, units)
        plans.append(Plan(unit, _pick_type(rng, unit), Status.PUBLISHED))

    for plan in plans:
        _decide_flags(rng, plan)
        _decide_days(rng, plan, calendar=calendar, today=today)
    return plans


def _pick_unit(rng: Random, units: list[Unit], *, policy: bool = False) -> Unit:
    pool = [u for u in units if not policy or u.level in (Level.DEPARTMENT, Level.GOVERNMENT)]
    return rng.choices(pool, weights=[u.weight for u in pool])[0]


def _pick_type(rng: Random, unit: Unit) -> str:
    allowed = [t for t in InfoType.values if t in LEVEL_TYPES[unit.level]]
    if unit.org.slug.rsplit("-", 1)[-1] not in vocab.ENFORCEMENT_SLUGS:
        allowed = [t for t in allowed if t not in (InfoType.PERMIT, InfoType.PENALTY)]
    weights = [TYPE_WEIGHTS[t] * (3 if t in unit.favours else 1) for t in allowed]
    return rng.choices(allowed, weights=weights)[0]


def _decide_flags(rng: Random, plan: Plan) -> None:
    """Variations of the ordinary path: late, returned, corrected, not 主动公开, interpreted."""
    flags, final = plan.flags, plan.final
    policy = plan.info_type in POLICY_TYPES
    if final in (Status.FILED, Status.ATTRIBUTE_REVIEW):
        flags.add("on_request")
    ordinary = final == Status.PUBLISHED and not flags & {"old", "new", "trial"}
    if ordinary:
        roll = rng.random()
        if roll < 0.05:
            flags.add("late")
        elif roll < 0.07:
            flags.add("corrected")
        elif roll < 0.08 and not policy:
            flags.add("partial")
        elif roll < 0.085:
            flags.add("attribute_change")
    if ordinary and plan.info_type == InfoType.NORMATIVE and rng.random() < 0.25:
        flags.add("trial")  # 暂行办法: two years, so the older ones have expired
    if final in (Status.PUBLISHED, Status.WITHDRAWN, Status.SCHEDULED) and rng.random() < 0.03:
        flags.add("returned")
    if policy and final == Status.PUBLISHED and "old" not in flags:
        roll = rng.random()
        if roll < 0.10:
            flags.add("interpretation")
        elif roll < 0.13:
            flags.add("later_interpretation")
    if policy and final in (Status.APPROVED, Status.SCHEDULED) and rng.random() < 0.3:
        flags.add("interpretation")


def _decide_days(rng: Random, plan: Plan, *, calendar: Workdays, today: date) -> None:
    """成文日期, the working days of the item's steps and of a later step (withdrawal, …)."""
    last = calendar.at_or_before(today - timedelta(days=1))  # the last full working day
    first = calendar.at_or_after(calendar.days[0] + timedelta(days=30))
    history = last - first
    flags = plan.flags
    if "overdue" in flags:
        written = calendar.at_or_after(today) - rng.randint(22, 40)
        end = last
    elif "due_soon" in flags:
        written = calendar.at_or_after(today) - 20 + rng.randint(0, 2)
        end = last
    elif plan.final not in (Status.PUBLISHED, Status.WITHDRAWN, Status.FILED):
        written = last - rng.randint(0, 8)
        end = min(last, written + rng.randint(0, 6))
    else:
        span = (
            rng.randint(21, 35)
            if "late" in flags
            else rng.choice([1, 2, 2, 3, 3, 4, 5, 5, 6, 8, 10, 12, 15, 19])
        )
        if "old" in flags:  # early enough to be replaced, or to have expired
            low, high = first, first + history * 3 // 10
        elif "new" in flags:
            low, high = first + history * 6 // 10, last - span - 1
        else:
            low, high = first, last - span - 1
        if _has_followup(plan):
            high -= 90
        written = rng.randint(low, max(low, high))
        end = written + span
    written = max(first, min(written, last))
    end = max(written, min(end, last))
    count = _day_count(plan)
    inner = sorted(rng.randint(written, end) for _k in range(max(0, count - 2)))
    plan.days = [calendar.days[i] for i in [written, *inner, end][:count]]
    plan.written_on = plan.days[0]
    if _has_followup(plan):
        plan.later_day = calendar.days[min(last, rng.randint(end + 1, end + 80))]


def _has_followup(plan: Plan) -> bool:
    return plan.final == Status.WITHDRAWN or bool(
        plan.flags & {"corrected", "later_interpretation"}
    )


def _day_count(plan: Plan) -> int:
    return {
        Status.DRAFT: 1,
        Status.UNIT_REVIEW: 2,
        Status.ATTRIBUTE_REVIEW: 3,
        Status.CONFIDENTIALITY_REVIEW: 3,
        Status.FILED: 4,
    }.get(plan.final, 5)


# ------------------------------------------------------------------------------ writing


def write_items(rng: Random, plans: list[Plan]) -> None:
    """Titles, 文号, bodies and metadata, in order of 成文日期 so that 文号 run in order."""
    plans.sort(key=lambda p: (p.written_on, p.unit.org.pk, p.info_type))
    topics = _topics()
    serials: Counter = Counter()
    titles: dict[int, set[str]] = {}
    for plan in plans:
        ctx = _context(rng, plan, topics)
        used = titles.setdefault(plan.unit.org.pk, set())
        for _attempt in range(8):
            title = _title(rng, plan, ctx)
            if title not in used:
                break
            ctx["subject"] = rng.choice(plan.unit.subjects).name
        used.add(title)
        ctx["title"] = title
        plan.doc = ctx.get("doc") or title
        plan.ctx = ctx
        fields = {
            "title": title,
            "document_number": _document_number(rng, plan, title, serials),
            "written_on": plan.written_on,
            "topic": ctx["topic"],
            "info_type": plan.info_type,
            "five_public": FIVE_PUBLIC[plan.info_type],
            "keywords": "；".join(
                dict.fromkeys([ctx["subject"], str(InfoType(plan.info_type).label)])
            ),
            "body": _with_findings(rng, plan, text.body_for(rng, plan.info_type, ctx), ctx),
            **_validity(plan, ctx),
            **_attribute(rng, plan),
        }
        if plan.info_type in POLICY_TYPES:
            fields["summary"] = text.fill(
                rng,
                "本文件明确了{subject}的适用范围、职责分工、办理程序和监督管理要求，"
                "自{effective}起施行。",
                ctx,
            )
            fields["needs_interpretation"] = "interpretation" in plan.flags
        plan.fields = fields


def _context(rng: Random, plan: Plan, topics: dict) -> dict:
    unit, written = plan.unit, plan.written_on
    subject = rng.choice(unit.subjects)
    topic = subject.topic
    if plan.info_type in TYPE_TOPICS:
        topic = topics.get(TYPE_TOPICS[plan.info_type], topic)
    if plan.info_type == InfoType.STATISTICS and unit.level != Level.TOWN:
        topic = topics.get(("国民经济管理、国有资产监管", "统计"), topic)
    effective = written + timedelta(days=rng.choice([0, 10, 15, 30, 30]))
    if plan.info_type == InfoType.RULE:
        subject = Subject(rng.choice(vocab.CITY_GOVERNMENT["rule_subjects"]), topic)
    month_of_data = written.replace(day=1) - timedelta(days=1)
    quarter = (written.month - 1) // 3  # the last full quarter; 0 is last year's fourth
    towns = [town for district in vocab.DISTRICTS for town, _slug in district.towns]
    return {
        "org": unit.org.name,
        "org_short": unit.org.short_name,
        "subject": subject.name,
        "area": subject.area,
        "topic": topic,
        "functions": unit.org.functions,
        "info_type": plan.info_type,
        "year": written.year,
        "year2": written.year + 1,
        "year3": written.year + 2,
        "year_prev": written.year - 1,
        "month": month_of_data.month,
        "data_year": month_of_data.year,
        "quarter": quarter or 4,
        "quarter_year": written.year if quarter else written.year - 1,
        "plan_period": "十四五" if written.year <= 2025 else "十五五",
        "economic": unit.level in (Level.GOVERNMENT, Level.DISTRICT)
        or unit.org.slug in ("tjj", "fgw"),
        "period": f"{month_of_data.year}年{month_of_data.month}月",
        "session": rng.choice(vocab.SESSIONS),
        "written_on": written,
        "effective_on": effective,
        "effective": text.date_cn(effective),
        "date_cn": f"{written.month}月{written.day}日",
        "date1": text.date_cn(written + timedelta(days=rng.randint(7, 20))),
        "date2": text.date_cn(written + timedelta(days=rng.randint(30, 75))),
        "pub_start": text.date_cn(written + timedelta(days=1)),
        "pub_end": text.date_cn(written + timedelta(days=rng.randint(7, 10))),
        "email": unit.org.email,
        "postcode": unit.org.postcode,
        "phone": unit.org.phone,
        "address": unit.org.address,
        "hours": vocab.OFFICE_HOURS,
        "contact": text.person_name(rng),
        "leader": f"{unit.org.short_name}{unit.leader}",
        "leader_name": text.person_name(rng),
        "district": rng.choice(unit.places),
        "place": f"{rng.choice(towns)}便民服务中心",
        "place2": f"{rng.choice(vocab.COMPANY_WORDS)}社区",
        "season": rng.choice(vocab.POOLS["season"]),
        "hazard": rng.choice(vocab.POOLS["hazard"]),
        "season_text": rng.choice(["近期", "未来一周", "本月中下旬", "汛期内"]),
        "rule_subject": subject.name,
        "subjects": [s.name for s in unit.subjects],
        "quarter_next": "一二三四"[(written.month - 1) // 3],
        "recipients": RECIPIENTS[unit.level],
        "meeting": _meeting(unit),
        "position": rng.choice(
            ["综合管理岗位工作人员", "窗口服务人员", "专业技术人员", "辅助执法人员"]
        ),
    }


def _meeting(unit: Unit) -> str:
    if unit.level == Level.GOVERNMENT:
        return "市政府常务会议"
    if unit.level == Level.DISTRICT:
        return f"{unit.org.short_name}政府常务会议"
    if unit.level == Level.TOWN:
        return "党政联席会议"
    return f"{unit.leader}办公会议"


def _title(rng: Random, plan: Plan, ctx: dict) -> str:
    if plan.replaces is not None:
        verb = "废止" if "abolished" in plan.replaces.flags else "修改"
        ctx["doc"] = ""
        return f"{ctx['org']}关于{verb}《{plan.replaces.doc}》的决定"
    if "trial" in plan.flags:
        ctx["doc"] = text.fill(rng, "临江市{subject}管理暂行办法", ctx)
        return f"{ctx['org']}关于印发《{ctx['doc']}》的通知"
    if "pii" in plan.flags:
        ctx["doc"] = ""
        return f"关于{ctx['subject']}补助对象名单的公示"
    return text.title_for(rng, plan.info_type, ctx)


def _document_number(rng: Random, plan: Plan, title: str, serials: Counter) -> str:
    """文号 in the organization's pattern, numbered per prefix and year in order of 成文日期."""
    unit, year, kind = plan.unit, plan.written_on.year, plan.info_type
    if kind == InfoType.RULE:
        serials[(unit.org.pk, "令")] += 1
        return f"{vocab.CITY}人民政府令第{150 + serials[(unit.org.pk, '令')]}号"
    if kind == InfoType.NORMATIVE:
        prefix = f"{unit.prefix}规"
    elif kind in (InfoType.OTHER_POLICY, InfoType.PLAN):
        if kind == InfoType.PLAN and rng.random() < 0.5:
            return ""
        office = unit.level == Level.GOVERNMENT and rng.random() < 0.4
        prefix = f"{unit.prefix}{'办发' if office else '发'}"
    elif kind in (InfoType.NOTICE, InfoType.EMERGENCY):
        if "公示" in title or "公告" in title or rng.random() < 0.3:
            return ""
        prefix = unit.prefix
    elif kind == InfoType.PROPOSAL:
        prefix = f"{unit.prefix}{'提' if '提案' in title else '建'}"
    else:
        return ""
    serials[(unit.org.pk, prefix, year)] += 1
    return f"{prefix}〔{year}〕{serials[(unit.org.pk, prefix, year)]}号"


def _validity(plan: Plan, ctx: dict) -> dict:
    """施行日期 and 有效期 of a policy; 试行 ones run two years, the others five. The validity
    itself follows from the workflow: 现行有效 at publication, 失效 by the expiry sweep, 已修改
    by the amending document's link, 废止 by the abolishing one's."""
    if plan.info_type not in POLICY_TYPES:
        return {}
    effective = ctx["effective_on"]
    if plan.info_type == InfoType.RULE:
        return {"effective_on": effective}
    expires = _add_years(effective, 2 if "trial" in plan.flags else 5) - timedelta(days=1)
    return {"effective_on": effective, "expires_on": expires}


def _attribute(rng: Random, plan: Plan) -> dict:
    if plan.flags & {"on_request", "attribute_change"}:
        ground = rng.choice(
            [Ground.NOT_PROACTIVE_SCOPE, Ground.PROCESS, Ground.INTERNAL, Ground.ENFORCEMENT_FILE]
        )
        return {
            "attribute": Attribute.ON_REQUEST,
            "ground": ground,
            "attribute_explanation": vocab.ATTRIBUTE_EXPLANATIONS[ground.value],
        }
    if "partial" in plan.flags:
        return {
            "attribute": Attribute.PARTIAL,
            "ground": Ground.THIRD_PARTY,
            "attribute_explanation": vocab.ATTRIBUTE_EXPLANATIONS["third_party"],
        }
    return {"attribute": Attribute.PROACTIVE}


def id_number(rng: Random) -> str:
    """A synthetic resident ID number of the fictional region, with a correct check digit."""
    region = "3391" + rng.choice([d.region for d in vocab.DISTRICTS])
    birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 50 - 1))
    body = f"{region}{birth:%Y%m%d}{rng.randint(100, 999)}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _with_findings(rng: Random, plan: Plan, body: str, ctx: dict) -> str:
    """Put what the confidentiality pre-checks look for into the showcase review items."""
    extra = []
    mobile = f"1380000{rng.randint(1000, 9999)}"
    if "pii" in plan.flags:
        for _k in range(2):
            extra.append(
                f"申请人：{text.person_name(rng)}，身份证号码：{id_number(rng)}，"
                f"联系电话：{mobile}。"
            )
    if "mobile" in plan.flags:
        extra.append(f"报名咨询可以联系{ctx['contact']}，手机：{mobile}。")
    if "internal" in plan.flags:
        extra.append("附件：申报材料汇总表（内部资料，公开前请删除）。")
    if "sensitive" in plan.flags:
        extra.append(f"本公告发布前请核对{vocab.SENSITIVE_WORDS[0][0]}清单。")
    if not extra:
        return body
    signature = body.rfind("<p>", 0, body.rfind("<p>"))  # the last two paragraphs
    return body[:signature] + text.paragraphs(extra) + body[signature:]


def _nodes_for(plan: Plan) -> list[CatalogNode]:
    """The catalog columns an item of this type and subject belongs in."""
    nodes = plan.unit.nodes
    names = [name for name in TYPE_NODES.get(plan.info_type, []) if name in nodes][:1]
    if not names:
        names = [FALLBACK_NODE]
    five = plan.fields.get("five_public")
    if five:
        names.append(str(FivePublic(five).label))
    if plan.ctx.get("area"):
        names.append(plan.ctx["area"])
    return [nodes[name] for name in dict.fromkeys(names) if name in nodes]


# ------------------------------------------------------------------------------ timeline


@dataclass(order=True)
class Step:
    at: datetime
    seq: int
    call: Callable[[datetime], None] = field(compare=False)


def timeline(rng: Random, plans: list[Plan], *, calendar: Workdays, today: date) -> list[Step]:
    """Every service call of every item at its moment, sorted by time."""
    first_after_today = calendar.at_or_after(today + timedelta(days=1))
    steps: list[Step] = []
    for plan in plans:
        moment = _moments(rng)
        main = _main_steps(rng, plan, first_after_today=first_after_today, calendar=calendar)
        last = len(main) - 1
        for k, (name, call) in enumerate(main):
            day = plan.days[round(k * (len(plan.days) - 1) / max(1, last))]
            steps.append(Step(moment(day), len(steps), _bind(plan, name, call)))
        if plan.replaces is not None:
            steps.append(Step(moment(plan.days[-1]), len(steps), _supersede(plan)))
        for name, call in _later_steps(rng, plan):
            steps.append(Step(moment(plan.later_day), len(steps), _bind(plan, name, call)))
    for day in _expiry_days(plans, today=today):
        steps.append(Step(_at(day, EXPIRY_SWEEP_AT), len(steps), _expiry_sweep))
    steps.sort()
    return steps


def _expiry_days(plans: list[Plan], *, today: date) -> list[date]:
    """The days before today on which a published policy's 有效期 had run out: the daily
    expiry sweep marks them 失效 on each, as cron would have."""
    days = set()
    for plan in plans:
        expires = plan.fields.get("expires_on")
        if plan.final == Status.PUBLISHED and expires is not None and expires < today:
            days.add(expires + timedelta(days=1))
    return sorted(days)


def _expiry_sweep(now: datetime) -> None:
    services.items_expire_due(now=now)


def _moments(rng: Random):
    """Strictly increasing office-hour moments, one per call, on the days asked for."""
    previous: datetime | None = None

    def moment(day: date) -> datetime:
        nonlocal previous
        if previous is not None and timezone.localtime(previous).date() >= day:
            previous += timedelta(minutes=rng.randint(4, 50))
        else:
            minute = rng.choice(
                [rng.randint(8 * 60 + 40, 11 * 60 + 40), rng.randint(13 * 60 + 40, 17 * 60)]
            )
            previous = _at(day, time(minute // 60, minute % 60))
        return previous

    return moment


def _bind(plan: Plan, name: str, call):
    """Run ``call(item, now)`` at the step's moment and keep the item it returns."""

    def run(now: datetime):
        result = call(plan.item, now)
        if isinstance(result, Item):
            plan.item = result

    run.__name__ = name
    return run


def _main_steps(rng: Random, plan: Plan, *, first_after_today: int, calendar: Workdays):
    """The item's way from 起草 to where it ends, as (name, call(item, now)) pairs."""
    unit, flags, final = plan.unit, plan.flags, plan.final
    drafter = unit.person(Role.DRAFTER)
    reviewer = unit.person(Role.UNIT_REVIEWER)
    secrecy = unit.person(Role.CONFIDENTIALITY_REVIEWER)
    office = unit.person(Role.OPENNESS_OFFICE)
    nodes = _nodes_for(plan)

    def create(_item, now):
        return services.item_create(
            organization=unit.org, actor=drafter, now=now, catalog_nodes=nodes, **plan.fields
        )

    steps = [("create", create)]
    returned = "returned" in flags or (final == Status.DRAFT and rng.random() < 0.3)
    if returned:
        reason = rng.choice(vocab.RETURN_REASONS)
        keywords = plan.fields["keywords"] + "；" + unit.org.short_name
        steps += [
            ("submit", lambda item, now: services.item_submit(item=item, actor=drafter, now=now)),
            (
                "return",
                lambda item, now: services.item_return(
                    item=item, actor=reviewer, now=now, reason=reason
                ),
            ),
        ]
        if final != Status.DRAFT:
            steps.append(
                (
                    "edit",
                    lambda item, now: services.item_update(
                        item=item, actor=drafter, now=now, keywords=keywords
                    ),
                )
            )
    if final == Status.DRAFT:
        return steps
    steps.append(
        ("submit", lambda item, now: services.item_submit(item=item, actor=drafter, now=now))
    )
    if final == Status.UNIT_REVIEW:
        return steps
    steps.append(
        ("approve", lambda item, now: services.item_approve(item=item, actor=reviewer, now=now))
    )
    if plan.fields["attribute"] != Attribute.PROACTIVE:
        if final == Status.ATTRIBUTE_REVIEW:
            return steps
        steps.append(("attribute", _attribute_review(plan, office)))
    if final == Status.FILED:
        return steps
    if "interpretation" in flags:
        interpretation, _made = _interpretation_steps(
            rng, plan, forms=[Form.TEXT] * 6 + [Form.QA, Form.OFFICIAL]
        )
        steps += interpretation
    if final == Status.CONFIDENTIALITY_REVIEW:
        return steps
    steps.append(
        ("secrecy", lambda item, now: services.item_approve(item=item, actor=secrecy, now=now))
    )
    if final == Status.APPROVED:
        return steps
    if final == Status.SCHEDULED:
        day = calendar.days[first_after_today + rng.randint(0, 4)]
        at = _at(day, time(9, 0))
        steps.append(
            (
                "schedule",
                lambda item, now: services.item_publish(item=item, actor=office, now=now, at=at),
            )
        )
        return steps
    steps.append(
        ("publish", lambda item, now: services.item_publish(item=item, actor=office, now=now))
    )
    return steps


def _attribute_review(plan: Plan, office):
    if "attribute_change" in plan.flags:
        return lambda item, now: services.item_attribute_decide(
            item=item,
            actor=office,
            now=now,
            attribute=Attribute.PROACTIVE,
            comment="经审查，该信息涉及公众普遍关注的事项，应当主动公开。",
        )
    return lambda item, now: services.item_approve(
        item=item, actor=office, now=now, comment="同意起草单位的公开属性意见。"
    )


def _interpretation_steps(rng: Random, plan: Plan, *, forms: list[str]):
    """Draft, submit and approve an interpretation of the policy (谁起草谁解读)."""
    unit = plan.unit
    drafter, reviewer = unit.person(Role.DRAFTER), unit.person(Role.UNIT_REVIEWER)
    form = next((f for f in (Form.OFFICIAL, Form.GRAPHIC, Form.QA) if f in plan.flags), None)
    form = form or rng.choice(forms)
    interpreter = ""
    if form == Form.OFFICIAL and unit.level in (Level.DEPARTMENT, Level.DISTRICT_DEPARTMENT):
        interpreter = f"{unit.org.short_name}{unit.leader} {unit.org.head}"
    elif form == Form.OFFICIAL:
        interpreter = f"{unit.org.name}主要负责人 {unit.org.head}"
    ctx = {**plan.ctx, "doc": plan.doc, "interpreter": interpreter}
    title = text.fill(rng, vocab.INTERPRETATION_TITLES[form], ctx)
    body = text.interpretation_body(rng, form, ctx)
    made = {}

    def create(item, now):
        made["it"] = interpretation_services.interpretation_create(
            organization=unit.org,
            actor=drafter,
            now=now,
            policies=[item],
            title=title[:200],
            body=body,
            form=form,
            interpreter=interpreter,
        )

    def submit(_item, now):
        interpretation_services.interpretation_submit(
            interpretation=made["it"], actor=drafter, now=now
        )

    def approve(_item, now):
        interpretation_services.interpretation_review(
            interpretation=made["it"], actor=reviewer, now=now, approve=True
        )

    steps = [("interpret", create), ("interpret_submit", submit), ("interpret_approve", approve)]
    return steps, made


def _later_steps(rng: Random, plan: Plan):
    """Withdrawal, correction or a later interpretation, some weeks after publication."""
    office = plan.unit.person(Role.OPENNESS_OFFICE)
    if plan.final == Status.WITHDRAWN:
        reason = rng.choice(vocab.WITHDRAW_REASONS)
        yield (
            "withdraw",
            lambda item, now: services.item_withdraw(
                item=item, actor=office, now=now, reason=reason
            ),
        )
    if "corrected" in plan.flags:
        reason, addition = rng.choice(vocab.CORRECTIONS)
        addition = text.fill(rng, addition, plan.ctx)
        yield (
            "correct",
            lambda item, now: services.item_correct(
                item=item, actor=office, now=now, reason=reason, body=item.body + addition
            ),
        )
    if "later_interpretation" in plan.flags:
        steps, made = _interpretation_steps(rng, plan, forms=[Form.GRAPHIC, Form.QA, Form.OFFICIAL])
        yield from steps

        def publish(_item, now):
            interpretation_services.interpretation_publish(
                interpretation=made["it"], actor=office, now=now
            )

        yield "interpret_publish", publish


def _supersede(plan: Plan):
    """Right after the new policy is out: link the old one as abolished (which abolishes it)
    or as amended."""
    old = plan.replaces
    office = old.unit.person(Role.OPENNESS_OFFICE)
    kind = RelationKind.ABOLISHES if "abolished" in old.flags else RelationKind.AMENDS

    def run(now: datetime):
        old.item = services.item_relation_add(
            source=plan.item, target=old.item, kind=kind, actor=office, now=now
        ).target

    run.__name__ = "supersede"
    return run


def run_steps(steps: list[Step], *, progress: Progress) -> None:
    """Run the timeline in batches, each in one transaction (SQLite syncs once per batch)."""
    for start in range(0, len(steps), BATCH):
        with transaction.atomic():
            for step in steps[start : start + BATCH]:
                step.call(step.at)
        done = min(start + BATCH, len(steps))
        if done == len(steps) or (start // BATCH) % 10 == 9:
            progress(f"  {done}/{len(steps)}")


# ------------------------------------------------------------------------------ summary


def summarize() -> Summary:
    statuses = Counter(dict(Item.objects.values_list("status").annotate(n=Count("id"))))
    return Summary(
        organizations=Organization.objects.count(),
        users=User.objects.count(),
        items=Item.objects.count(),
        statuses=statuses,
        corrected=ItemEvent.objects.filter(action=Action.CORRECT).values("item").distinct().count(),
        abolished=Item.objects.filter(validity=Validity.ABOLISHED).count(),
        interpretations=Interpretation.objects.count(),
        register_records=ReleaseRecord.objects.count(),
    )
