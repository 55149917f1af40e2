"""The fixed query mix of the search benchmark (59 queries).

Words come from the benchmark vocabulary (``bench/data.py``); rare place names, 文号 and 索引号
are picked from the generated data by fixed rules, so every run on the same N and seed asks the
same questions.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from random import Random

COMMON = ["公开", "工作", "管理", "推进", "加强", "服务", "建设", "项目", "通知", "监督"]
TWO_CHAR = ["预算", "教育", "养老", "就业", "医疗", "交通", "环境", "安全", "文化", "农业"]
WORDS = [
    "依申请公开",
    "政务公开",
    "营商环境",
    "乡村振兴",
    "一网通办",
    "放管服改革",
    "老旧小区改造",
    "垃圾分类",
]
PHRASES = [
    "财政预算公开",
    "义务教育学校",
    "安全生产专项检查",
    "优化营商环境",
    "养老服务补贴",
    "公共资源交易项目",
]


@dataclass
class BenchQuery:
    kind: str
    q: str
    organization_ids: list[int] = field(default_factory=list)
    info_types: list[str] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    validity: str = ""
    sort: str = "relevance"

    def label(self) -> str:
        filters = [
            name
            for name, value in (
                ("机构", self.organization_ids),
                ("类别", self.info_types),
                ("主题", self.topic_ids),
                ("日期", self.date_from or self.date_to),
                ("有效性", self.validity),
                ("按日期", self.sort == "date"),
            )
            if value
        ]
        return self.q + (f" [{'+'.join(filters)}]" if filters else "")

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("date_from", "date_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def query_mix(*, seed: int = 2026) -> list[BenchQuery]:
    """The 59 queries; needs Django set up on the benchmark database."""
    from bench.data import Writer
    from gongkai.orgs.models import Level, Organization
    from gongkai.publishing.models import Item, Topic

    queries = [BenchQuery("common", q) for q in COMMON]
    queries += [BenchQuery("2-char", q) for q in TWO_CHAR]
    queries += [BenchQuery("term", q) for q in WORDS]
    queries += [BenchQuery("phrase", q) for q in PHRASES]
    # Rare: place names of the rare pool, each in about N/20,000 items.
    rare = Writer(Random(seed)).rare_places
    picker = Random(seed + 1)
    queries += [BenchQuery("rare", name) for name in picker.sample(rare, 6)]
    # 文号 and 索引号 of items at fixed positions.
    total = Item.objects.count()
    numbered = Item.objects.exclude(document_number="").order_by("pk")
    count = numbered.count()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
        item = numbered[int(count * fraction)]
        queries.append(BenchQuery("文号", item.document_number))
    for fraction in (0.2, 0.8):
        item = Item.objects.order_by("pk")[int(total * fraction)]
        queries.append(BenchQuery("索引号", item.index_number))
    # Filters and date sorting.
    gov = Organization.objects.filter(level=Level.GOVERNMENT).order_by("pk").first()
    dept = Organization.objects.filter(level=Level.DEPARTMENT).order_by("pk")[8]
    town = Organization.objects.filter(level=Level.TOWN).order_by("pk").first()
    topic = Topic.objects.filter(parent__isnull=False).order_by("pk").first()
    queries += [
        BenchQuery("filter", "公开", organization_ids=[gov.pk]),
        BenchQuery("filter", "工作", organization_ids=[town.pk]),
        BenchQuery("filter", "预算", organization_ids=[dept.pk]),
        BenchQuery("filter", "管理", info_types=["normative"]),
        BenchQuery("filter", "教育", info_types=["news"]),
        BenchQuery("filter", "公开", date_from=date(2025, 1, 1), date_to=date(2025, 6, 30)),
        BenchQuery("filter", "服务", validity="current"),
        BenchQuery("filter", "安全", topic_ids=[topic.pk]),
        BenchQuery(
            "filter", "乡村振兴", info_types=["normative", "other_policy"], validity="current"
        ),
        BenchQuery("date-sort", "公开", sort="date"),
        BenchQuery("date-sort", "营商环境", sort="date"),
        BenchQuery("date-sort", rare[0], sort="date"),
    ]
    return queries
