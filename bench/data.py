"""A benchmark database: N published items of realistic size, written straight into the tables.

This is not demo data: there is no workflow history, no register and no staff, only what the
public pages and the search read (organizations, topics, published items with their metadata
and bodies of 500–3,000 Chinese characters). Rows go in with ``executemany`` (SQLite) or
``COPY`` (PostgreSQL), about 10,000 items/s.

    from bench import data
    data.configure("sqlite:////tmp/gongkai-bench/1m.sqlite3")  # before Django is set up
    stats = data.generate(1_000_000)                           # migrates, then inserts

or ``python bench/data.py --db sqlite:////tmp/x.sqlite3 --items 100000``. ``configure`` points
``GONGKAI_VAR_DIR`` (the tantivy index lives under it) next to a SQLite file, or at
``/tmp/gongkai-bench/<dbname>-var`` for PostgreSQL, unless ``var_dir`` is given.

The vocabulary below is written for the benchmark: a city 云川市 with its departments, districts
and towns, government phrases by field of work, and generated place and company names that
give rare terms (a place name of the rare pool appears in about N/20,000 items).
"""

import argparse
import os
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CITY = "云川市"
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2026, 10, 31)
SENTENCE_POOL = 30_000
RARE_PLACES = 20_000

DEPARTMENTS = [
    ("办公室", "云政办"),
    ("发展和改革委员会", "云发改"),
    ("教育局", "云教"),
    ("科学技术局", "云科"),
    ("工业和信息化局", "云工信"),
    ("公安局", "云公"),
    ("民政局", "云民"),
    ("司法局", "云司"),
    ("财政局", "云财"),
    ("人力资源和社会保障局", "云人社"),
    ("自然资源和规划局", "云自然资源"),
    ("生态环境局", "云环"),
    ("住房和城乡建设局", "云建"),
    ("交通运输局", "云交"),
    ("水利局", "云水"),
    ("农业农村局", "云农"),
    ("商务局", "云商"),
    ("文化广电旅游局", "云文旅"),
    ("卫生健康委员会", "云卫健"),
    ("退役军人事务局", "云退役"),
    ("应急管理局", "云应急"),
    ("审计局", "云审"),
    ("市场监督管理局", "云市监"),
    ("统计局", "云统"),
    ("医疗保障局", "云医保"),
    ("城市管理局", "云城管"),
    ("行政审批服务局", "云审批"),
    ("数据资源管理局", "云数据"),
    ("林业局", "云林"),
    ("体育局", "云体"),
]
DISTRICTS = ["东湖区", "西岭区", "南浦区", "北辰区", "青川县", "石门县", "临溪县", "安丰县"]
DISTRICT_DEPARTMENTS = ["财政局", "教育局", "民政局", "卫生健康局", "农业农村局", "应急管理局"]
TOWN_SUFFIXES = ["镇", "街道", "乡"]

FIELDS = (
    "政务公开 财政预算 教育资源 义务教育 学前教育 职业教育 医疗卫生 公共卫生 疾病预防控制 养老服务 "
    "社会救助 就业创业 社会保险 住房保障 城市更新 老旧小区改造 交通运输 道路养护 水利工程 防汛抗旱 "
    "农业生产 乡村振兴 高标准农田 生态环境 大气污染防治 水污染防治 固体废物处置 安全生产 消防安全 "
    "食品安全 药品监管 市场监管 营商环境 招商引资 科技创新 数字政府 一网通办 政务服务 放管服改革 "
    "行政审批 社会信用体系 知识产权保护 文化旅游 全民健身 文物保护 退役军人服务 应急管理 自然资源 "
    "国土空间规划 耕地保护 森林防火 统计调查 审计监督 国有资产管理 公共资源交易 政府采购 人才引进 "
    "公务员招录 事业单位公开招聘 残疾人服务 未成年人保护 妇女儿童发展 社区治理 基层治理 网格化管理 "
    "物业管理 垃圾分类 城乡供水 燃气安全 城市管理 园林绿化 河长制 节能降耗 碳达峰 新能源汽车推广 "
    "中小企业发展 个体工商户帮扶 减税降费 外贸稳增长 农村集体经济 土地征收 房屋征收 棚户区改造 "
    "公共法律服务 人民调解 信访工作 档案管理 保密工作 机关事务管理 适老化改造 无障碍环境建设 "
    "预决算公开 依申请公开 政策解读 规范性文件管理 重大行政决策 负面清单管理 医疗保障 学生资助 "
    "校园安全 托育服务 婴幼儿照护 农产品质量安全 动物防疫 粮食安全 冬春火灾防控 地质灾害防治"
).split()
VERBS = (
    "加强 推进 落实 完善 深化 规范 优化 提升 强化 健全 做好 加快 统筹 扎实推进 持续推进 "
    "全面落实 进一步加强 切实做好 稳步推进 着力提升"
).split()
SUBJECTS = [
    "各区县人民政府",
    "市政府各部门",
    "各乡镇人民政府、街道办事处",
    "各有关单位",
    "市直各单位",
    "各级行政机关",
    "各行业主管部门",
]
MECHANISMS = "工作机制 长效机制 协调联动机制 考核评价制度 督查通报制度 责任追究制度 信息共享机制 首问负责制".split()
GOALS = "取得实效 按期完成 群众满意 规范有序 公开透明 安全稳定 落到实处 有序推进".split()
DOC_KINDS = "办法 规定 实施细则 实施方案 指导意见 管理办法 工作规则".split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国文斌宇浩凯晨瑞琳雪梅海燕志红春兰德云飞"
PLACE_HEADS = "青石柳溪白沙桃源金桥银杏凤凰龙泉松林竹园梅岭荷塘杏花枫树云峰玉泉清河长乐永安太平新丰石桥马鞍双溪黄土红岩高坪望江"
PLACE_TAILS = "村 社区 镇 街道 湾 坪 岭 桥 路 庄".split()
INDUSTRIES = "建设工程 环保科技 信息技术 物业服务 农业开发 医疗器械 交通工程 园林绿化 食品 电力安装 水务 教育咨询 机械制造 新材料".split()


# ------------------------------------------------------------------------------ configuration


def configure(db_url: str, *, var_dir: str | Path | None = None) -> None:
    """Point Django at the benchmark database and set it up (call before importing models)."""
    if var_dir is None:
        if db_url.startswith("sqlite:"):
            var_dir = Path(db_url.split(":///", 1)[1]).with_suffix("").as_posix() + "-var"
        else:
            var_dir = f"/tmp/gongkai-bench/{db_url.rsplit('/', 1)[-1]}-var"
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = db_url
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
    import django

    django.setup()


# ------------------------------------------------------------------------------ text


class Writer:
    """Titles and bodies from a fixed pool of sentences: fast enough for a million items, with
    word frequencies that fall off like real text (a few phrases everywhere, most rare)."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.places = self._names(3000, rng)
        self.rare_places = self._names(RARE_PLACES, Random(rng.random()), long=True)
        self.sentences = [self._sentence() for _ in range(SENTENCE_POOL)]

    @staticmethod
    def _names(n: int, rng: Random, *, long: bool = False) -> list[str]:
        names: set[str] = set()
        while len(names) < n:
            head = rng.choice(PLACE_HEADS) + rng.choice(PLACE_HEADS)
            if long:
                head = rng.choice(PLACE_HEADS) + head
            names.add(head + rng.choice(PLACE_TAILS))
        return sorted(names)

    def person(self) -> str:
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))

    def company(self) -> str:
        rng = self.rng
        return "".join(rng.choices(PLACE_HEADS, k=2)) + rng.choice(INDUSTRIES) + "有限公司"

    def _sentence(self) -> str:
        rng = self.rng
        f1, f2 = rng.sample(FIELDS, 2)
        v1, v2 = rng.sample(VERBS, 2)
        year = rng.randint(2016, 2026)
        n = rng.randint(3, 980)
        day = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        place = rng.choice(self.places)
        templates = (
            f"{rng.choice(SUBJECTS)}要{v1}{f1}工作，{v2}{f2}，确保{rng.choice(GOALS)}。",
            f"{year}年，全市{f1}共投入资金{n}万元，同比增长{rng.randint(1, 30)}.{rng.randint(0, 9)}%。",
            f"各单位应当按照有关规定，{v1}{f1}，建立健全{rng.choice(MECHANISMS)}。",
            f"对{place}{f1}情况开展专项检查，发现问题{n}个，已整改{max(1, n - rng.randint(0, n))}个。",
            f"{v1}{f1}与{f2}的衔接，完善{rng.choice(MECHANISMS)}，推动工作{rng.choice(GOALS)}。",
            f"经研究，决定在{place}开展{f1}试点工作，试点期限为{rng.randint(1, 3)}年。",
            f"本{rng.choice(DOC_KINDS)}自{day}起施行，有效期{rng.randint(2, 5)}年。",
            f"联系人：{self.person()}，联系电话：0871-6{rng.randint(1000000, 9999999)}。",
            f"{self.company()}等{n}家企业通过{f1}审核。",
            f"公众可通过政府门户网站、政务新媒体等渠道了解{f1}相关信息，也可依法申请获取。",
            f"{rng.choice(SUBJECTS)}建立{f1}工作台账，实行清单化管理、项目化推进。",
            f"截至{day}，{place}累计完成{f1}项目{n}个，完成投资{rng.randint(1, 90)}.{rng.randint(1, 9)}亿元。",
            f"坚持问题导向和目标导向，着力解决{f1}中的突出问题，{v1}{f2}。",
            f"加大{f1}信息公开力度，及时回应社会关切，主动接受社会监督。",
            "各级各部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。",
            f"{place}{f1}服务中心于{day}正式启用，提供{f2}等服务事项{n}项。",
            f"{v1}{f1}监督检查，对发现的问题依法依规处理，并向社会公开处理结果。",
            f"{year}年度{f1}资金分配方案已经市政府同意，现予以公布。",
            f"推动{f1}事项网上可办、就近可办，办理时限压缩{rng.randint(10, 60)}%以上。",
            f"组织召开{f1}工作推进会，通报前期工作进展，部署下一阶段重点任务。",
        )
        return rng.choice(templates)

    def title(self, org_name: str, info_type: str, year: int) -> tuple[str, str]:
        """The title and the field of work it is about."""
        rng = self.rng
        field_ = rng.choice(FIELDS)
        verb = rng.choice(VERBS)
        if info_type in ("rule", "normative", "other_policy"):
            kind = rng.choice(DOC_KINDS)
            options = [
                f"{org_name}关于{verb}{field_}工作的{rng.choice(['意见', '通知'])}",
                f"{CITY}{field_}{kind}",
                f"{org_name}关于印发《{CITY}{field_}{kind}》的通知",
            ]
        elif info_type == "news":
            place = rng.choice(self.places)
            options = [
                f"{place}{verb}{field_}工作取得新进展",
                f"{org_name}召开{field_}工作会议",
                f"{year}年{field_}工作成效明显",
            ]
        elif info_type == "budget":
            options = [f"{org_name}{year}年部门{rng.choice(['预算', '决算'])}公开"]
            field_ = "预决算公开"
        elif info_type == "statistics":
            options = [
                f"{year}年{rng.randint(1, 12)}月{field_}统计数据",
                f"{CITY}{year}年{field_}统计公报",
            ]
        elif info_type == "personnel":
            options = [
                f"{org_name}{year}年{rng.choice(['公开招聘工作人员公告', '拟任职人员公示'])}"
            ]
        elif info_type == "procurement":
            options = [f"{field_}项目{rng.choice(['采购公告', '中标结果公告', '合同公告'])}"]
        else:
            options = [
                f"{org_name}关于{verb}{field_}工作的通知",
                f"关于{field_}有关事项的公告",
                f"{org_name}{year}年{field_}工作{rng.choice(['总结', '计划', '情况报告'])}",
            ]
        return rng.choice(options), field_

    def body(self, field_: str) -> str:
        """Body HTML of 500–3,000 Chinese characters: an opening naming the field of work, a
        rare place and a company, then paragraphs from the pool."""
        rng = self.rng
        target = int(rng.triangular(500, 3000, 900))
        opening = (
            f"为{rng.choice(VERBS)}{field_}工作，{rng.choice(self.rare_places)}{field_}项目由"
            f"{self.company()}承担，现将有关事项通知如下。"
        )
        paragraphs, paragraph, size = [], [opening], len(opening)
        choices = rng.choices(self.sentences, k=target // 22 + 2)
        for sentence in choices:
            if size >= target:
                break
            paragraph.append(sentence)
            size += len(sentence)
            if len(paragraph) >= 4 and rng.random() < 0.35:
                paragraphs.append("".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append("".join(paragraph))
        return "".join(f"<p>{p}</p>" for p in paragraphs)


# ------------------------------------------------------------------------------ rows


@dataclass
class Stats:
    items: int
    organizations: int
    seconds: float
    items_per_second: float
    body_chars_mean: float


TYPES = [
    ("news", 28),
    ("notice", 14),
    ("other_policy", 7),
    ("normative", 5),
    ("rule", 2),
    ("plan", 5),
    ("statistics", 7),
    ("personnel", 6),
    ("budget", 4),
    ("proposal", 4),
    ("procurement", 5),
    ("permit", 4),
    ("penalty", 4),
    ("emergency", 2),
    ("other", 3),
]
POLICY = {"rule", "normative", "other_policy"}
COLUMNS = (
    "organization_id index_number title document_number document_number_key written_on "
    "published_at scheduled_at topic_id info_type five_public keywords summary body validity "
    "effective_on expires_on attribute ground attribute_explanation needs_interpretation status "
    "due_on created_by_id created_at updated_at"
).split()


def organizations_create():
    """云川市: the government, 30 departments, 8 districts each with 6 departments and 5 towns."""
    from gongkai.orgs.models import Level, Organization

    if Organization.objects.exists():
        return list(Organization.objects.order_by("id"))
    serial = iter(range(1, 10_000))

    def org(name, level, parent=None, prefix=""):
        n = next(serial)
        return Organization.objects.create(
            name=name,
            short_name=prefix,
            code=f"11530100MB{n:08d}",
            slug=f"o{n}",
            level=level,
            parent=parent,
            sort_order=n,
            office_name=f"{name}办公室",
            address=f"{CITY}人民路{n}号",
            phone=f"0871-6{n:07d}",
            office_hours="工作日 9:00—12:00，13:30—17:30",
        )

    gov = org(f"{CITY}人民政府", Level.GOVERNMENT, prefix="云政")
    for name, prefix in DEPARTMENTS:
        org(f"{CITY}{name}", Level.DEPARTMENT, gov, prefix)
    rng = Random(7)
    for i, district in enumerate(DISTRICTS):
        head = org(f"{CITY}{district}人民政府", Level.DISTRICT, gov, district[:2] + "政")
        for name in DISTRICT_DEPARTMENTS:
            org(f"{CITY}{district}{name}", Level.DISTRICT_DEPARTMENT, head, district[:2] + name[:1])
        for j in range(5):
            town = rng.choice(PLACE_HEADS) + rng.choice(PLACE_HEADS) + TOWN_SUFFIXES[(i + j) % 3]
            org(f"{CITY}{district}{town}{i}{j}", Level.TOWN, head, town[:2])
    return list(Organization.objects.order_by("id"))


def item_rows(n: int, *, seed: int, start: int = 0):
    """Rows (tuples in COLUMNS order) of n published items; deterministic for a seed."""
    from gongkai.orgs.models import Level
    from gongkai.publishing.models import Topic, normalize_document_number

    rng = Random(seed)
    writer = Writer(rng)
    orgs = organizations_create()
    weights = [
        {Level.GOVERNMENT: 8, Level.DEPARTMENT: 4, Level.DISTRICT: 3}.get(o.level, 1) for o in orgs
    ]
    topics = list(Topic.objects.filter(parent__isnull=False).values_list("id", flat=True)) or [None]
    type_names = [t for t, _w in TYPES]
    type_weights = [w for _t, w in TYPES]
    span = (LAST_DAY - FIRST_DAY).days
    serials: dict[tuple[int, int], int] = {}
    for i in range(start, start + n):
        org = rng.choices(orgs, weights)[0]
        info_type = rng.choices(type_names, type_weights)[0]
        # Later years publish more: sqrt skews the dates towards the end of the span.
        day = FIRST_DAY + timedelta(days=int(span * rng.random() ** 0.7))
        published = datetime(
            day.year, day.month, day.day, rng.randint(0, 9), rng.randint(0, 59), tzinfo=UTC
        )
        written = day - timedelta(days=rng.randint(0, 15))
        title, field_ = writer.title(org.name, info_type, day.year)
        key = (org.pk, day.year)
        serials[key] = serials.get(key, 0) + 1
        docno = ""
        if info_type in POLICY or info_type == "notice" and rng.random() < 0.5:
            docno = f"{org.short_name or '云'}发〔{day.year}〕{serials[key]}号"
        validity = effective = expires = None
        if info_type in POLICY:
            validity = rng.choices(["current", "abolished", "expired", "amended"], [80, 10, 6, 4])[
                0
            ]
            effective = written + timedelta(days=30)
            if validity in ("abolished", "expired"):
                expires = effective + timedelta(days=rng.randint(200, 1500))
        body = writer.body(field_)
        yield (
            org.pk,
            f"{org.code}/{day.year}-{i + 1:07d}",
            title[:200],
            docno,
            normalize_document_number(docno),
            written,
            published,
            None,
            rng.choice(topics),
            info_type,
            "",
            f"{field_} {rng.choice(FIELDS)}",
            "",
            body,
            validity or "",
            effective,
            expires,
            "proactive",
            "",
            "",
            False,
            "published",
            written + timedelta(days=28),
            None,
            published,
            published,
        )


def generate(n: int, *, seed: int = 2026, batch: int = 5000, progress=print) -> Stats:
    """Migrate the configured database and fill it with n published items (no-op if it already
    holds at least n items)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.publishing.models import Item

    call_command("migrate", verbosity=0)
    have = Item.objects.count()
    started = time.monotonic()
    if have >= n:
        progress(f"already {have} items")
        return Stats(have, len(organizations_create()), 0.0, 0.0, 0.0)
    if have:
        raise SystemExit(f"the benchmark database holds {have} items, fewer than {n}: start afresh")
    organizations_create()
    chars = 0
    rows = item_rows(n, seed=seed)
    done = 0
    pg = connection.vendor == "postgresql"
    columns = ", ".join(COLUMNS)
    while done < n:
        chunk = [next(rows) for _ in range(min(batch, n - done))]
        chars += sum(len(r[13]) for r in chunk)
        with transaction.atomic():
            if pg:
                with connection.connection.cursor() as cur:
                    with cur.copy(f"COPY publishing_item ({columns}) FROM STDIN") as copy:
                        for row in chunk:
                            copy.write_row(row)
            else:
                raw = connection.connection
                sqlite_rows = [
                    tuple(
                        v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, datetime) else v for v in r
                    )
                    for r in chunk
                ]
                raw.executemany(
                    f"INSERT INTO publishing_item ({columns}) VALUES ({', '.join('?' * len(COLUMNS))})",
                    sqlite_rows,
                )
        done += len(chunk)
        if done % (batch * 20) == 0 or done == n:
            rate = done / (time.monotonic() - started)
            progress(f"  {done:,} items, {rate:,.0f} items/s")
    if pg:
        with connection.cursor() as cur:
            cur.execute("ANALYZE publishing_item")
    seconds = time.monotonic() - started
    return Stats(n, len(organizations_create()), seconds, n / seconds, chars / n)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="sqlite:////path or postgres://… URL")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    configure(args.db)
    stats = generate(args.items, seed=args.seed)
    print(asdict(stats))


if __name__ == "__main__":
    main()
