"""A year of applications for government information (依申请公开) in the demo government.

Every application goes through the services of ``gongkai.foi``: submitted online and confirmed,
or registered by the office; assigned; 补正, consultations, extensions and fee notices as the
case needs; decided by one office member and approved by another; replied, delivered and
archived — each step at its own moment of the twelve months before the demo's ``now``. The steps
of all applications are put on one timeline and run in order of time, so serial numbers and
letter numbers follow the calendar. What a step would do after ``now`` is not done: the
application stays where that leaves it (processing, paused, awaiting approval …).

On top of the ordinary flow, fixed cases make sure the demo shows every outcome of table 三,
every status (the showcase 财政局 has work in each), applications due soon, overdue and paused
today, late replies, 补正 that lapsed, fee notices paid and unpaid, reasons asked for and a
later deadline set (Art. 35), 行政复议 and 行政诉讼 with every result, and groups of applicants
asking for the same information (Art. 44).

Applicants are invented. Their ID numbers and credit codes carry correct check characters; the
request texts are written from the patterns below, never copied from real letters.

    from gongkai.demo.foi import generate_applications
    counts = generate_applications(rng, units, now=now)
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from random import Random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from gongkai.core.timeutil import local_date
from gongkai.foi import clock
from gongkai.foi import services as foi
from gongkai.foi.choices import (
    ApplicantKind,
    Channel,
    Delivery,
    Outcome,
    ProvisionForm,
    RemedyKind,
    RemedyResult,
)
from gongkai.foi.clock import ClockEvent, EventKind, Party
from gongkai.foi.fees import FeeMethod
from gongkai.foi.models import Application
from gongkai.foi.validators import (
    CREDIT_CODE_CHARS,
    IdDocumentType,
    credit_code_check_char,
    resident_id_check_char,
)
from gongkai.orgs import services as orgs
from gongkai.orgs.models import Level, Role
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import Item

from . import text, vocab

User = get_user_model()
Progress = Callable[[str], None]

DEFAULT_COUNT = 360
WINDOW_DAYS = 365
BATCH = 400
SECOND_OFFICE_SUFFIX = "office2"

# How many applications an organization gets, relative to the others (slug → weight); the
# rest by level.
ORG_WEIGHTS = {
    "czj": 14,
    "zrzyj": 11,
    "zjj": 9,
    "rsj": 7,
    "gaj": 7,
    "linjiang": 6,
    "mzj": 3,
    "sthjj": 3,
    "scjgj": 3,
    "jyj": 3,
    "nyncj": 2,
    "jtj": 2,
    "gxj": 2,
    "wjw": 2,
    "fgw": 2,
    "tjj": 1,
    "yjj": 1,
}
LEVEL_WEIGHTS = {Level.DISTRICT: 3, Level.DISTRICT_DEPARTMENT: 0.4, Level.TOWN: 0.25}
CHANNELS = {
    Channel.ONLINE: 52,
    Channel.IN_PERSON: 15,
    Channel.POST: 12,
    Channel.POST_UNSIGNED: 5,
    Channel.EMAIL: 10,
    Channel.FAX: 6,
}
KINDS = {
    ApplicantKind.NATURAL: 80,
    ApplicantKind.COMMERCIAL: 10,
    ApplicantKind.LEGAL_SERVICE: 4,
    ApplicantKind.RESEARCH: 2,
    ApplicantKind.PUBLIC_WELFARE: 2,
    ApplicantKind.OTHER: 2,
}
# Outcomes of the ordinary flow (weights). The lapses come from the clock events.
OUTCOMES = {
    Outcome.DISCLOSE: 40,
    Outcome.PARTIAL: 12,
    Outcome.WITHHOLD_SECRET: 1,
    Outcome.WITHHOLD_LAW: 1,
    Outcome.WITHHOLD_SECURITY: 1,
    Outcome.WITHHOLD_THIRD_PARTY: 3,
    Outcome.WITHHOLD_INTERNAL: 2,
    Outcome.WITHHOLD_PROCESS: 3,
    Outcome.WITHHOLD_ENFORCEMENT: 2,
    Outcome.WITHHOLD_QUERY: 2,
    Outcome.UNABLE_NOT_HELD: 14,
    Outcome.UNABLE_NEEDS_CREATION: 4,
    Outcome.UNABLE_UNCLEAR: 2,
    Outcome.REJECT_PETITION: 3,
    Outcome.REJECT_REPEAT: 2,
    Outcome.REJECT_PUBLICATION: 1,
    Outcome.REJECT_EXCESSIVE: 1,
    Outcome.REJECT_CONFIRMATION: 1,
    Outcome.OTHER_NO_SUPPLEMENT: 3,
    Outcome.OTHER_FEE_UNPAID: 1,
    Outcome.OTHER: 2,
}

# ------------------------------------------------------------------------------ request texts


@dataclass(frozen=True)
class Topic:
    """A kind of request: who receives it, what the information is called, how people ask."""

    key: str
    where: tuple[str, ...]  # org slugs (district departments: the city one), a Level, or "*"
    names: tuple[str, ...]  # the information's name (信息名称)
    asks: tuple[str, ...]  # how the request describes it; {name} is the name
    outcomes: tuple[str, ...]  # the outcomes it can plausibly end in
    numbers: tuple[str, ...] = ()  # 文号 patterns, when applicants tend to know one
    openings: tuple[str, ...] = ()  # what natural persons say first


TOPICS = (
    Topic(
        "budget",
        ("czj", "*"),
        (
            "{org}{year}年度部门预算",
            "{org}{prev}年度部门决算",
            "{org}{prev}年度“三公”经费支出情况",
            "{year}年市级一般公共预算支出明细",
        ),
        (
            "{name}，包括收支总表、项目支出表和编制说明",
            "{name}的全文及其中办公用房维修项目的支出安排",
            "{name}，重点是公务接待费和公务用车运行维护费的金额",
            "{name}，请按功能分类列至项级科目",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.UNABLE_NEEDS_CREATION,
            Outcome.REJECT_PUBLICATION,
            Outcome.REJECT_REPEAT,
        ),
    ),
    Topic(
        "fund",
        ("czj", "gxj", "kjj", "nyncj", "swj", "rsj"),
        (
            "{year}年度{fund}分配结果",
            "{fund}{prev}年度绩效评价报告",
            "{prev}年{fund}的申报指南和评审结果",
        ),
        (
            "{name}，包括获得资金的单位名单和各自金额",
            "{name}，以及资金分配所依据的评分标准",
            "{name}，我单位曾参与申报，想了解未获支持的原因",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.WITHHOLD_PROCESS,
            Outcome.UNABLE_NOT_HELD,
        ),
    ),
    Topic(
        "procurement",
        ("czj", "jyj", "zjj", "wjw", "district"),
        (
            "{project}的中标（成交）结果公告及采购合同",
            "{project}的采购文件及评标委员会评审报告",
            "{project}的验收报告",
        ),
        (
            "{name}",
            "{name}，我司参与了该项目投标",
            "{name}，想核实合同金额与中标金额是否一致",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.WITHHOLD_PROCESS,
            Outcome.UNABLE_NOT_HELD,
        ),
    ),
    Topic(
        "land",
        ("zrzyj", "district", "linjiang"),
        (
            "{district}{town}{plot}地块集体土地征收批复文件",
            "{district}{town}{plot}地块征地补偿安置方案",
            "{town}{village}土地征收的勘测定界图及地上附着物补偿标准",
            "{district}{plot}地块土地征收成片开发方案",
        ),
        (
            "{name}",
            "{name}，本人承包地在该范围内",
            "{name}，以及补偿款的发放对象和标准",
            "{name}，包括征收范围、面积和安置方式",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.PARTIAL,
            Outcome.UNABLE_NOT_HELD,
            Outcome.WITHHOLD_PROCESS,
            Outcome.REJECT_REPEAT,
            Outcome.REJECT_EXCESSIVE,
            Outcome.REJECT_PETITION,
        ),
        (),
        (
            "本人系{town}{village}村民，",
            "我家的承包地位于{town}，",
            "",
        ),
    ),
    Topic(
        "housing",
        ("zjj", "district", "linjiang"),
        (
            "{district}{place}国有土地上房屋征收决定",
            "{district}{place}房屋征收补偿方案",
            "{place}房屋征收项目的房地产价格评估报告",
            "{place}房屋征收补偿资金专户存储证明",
        ),
        (
            "{name}",
            "{name}，本人房屋在征收范围内",
            "{name}，以及征收范围的红线图",
            "{name}，包括补偿标准和搬迁奖励办法",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.UNABLE_NOT_HELD,
            Outcome.REJECT_PETITION,
            Outcome.REJECT_CONFIRMATION,
        ),
        (),
        (
            "本人房屋位于{district}{place}，",
            "我是{place}的住户，",
            "",
        ),
    ),
    Topic(
        "permit",
        ("zrzyj", "zjj", "sthjj", "jtj", "wjw"),
        (
            "{company}{building}项目的建设工程规划许可证及附图",
            "{company}{building}项目的建筑工程施工许可证",
            "{company}{building}项目环境影响报告表的批复",
            "{company}{building}项目的日照分析报告和规划设计方案批复",
        ),
        (
            "{name}",
            "{name}，该项目紧邻本人住宅",
            "{name}，用于核实是否按许可内容建设",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.UNABLE_NOT_HELD,
            Outcome.REJECT_CONFIRMATION,
        ),
        ("{prefix}许〔{prev}〕{n}号",),
    ),
    Topic(
        "penalty",
        ("scjgj", "sthjj", "gaj", "yjj", "zjj", "czj"),
        (
            "对{company}作出的行政处罚决定书",
            "{company}{prev}年被立案查处的调查终结报告",
            "{company}在{road}{building}工地违法施工的现场检查笔录",
            "{prev}年{district}对{company}的罚款决定",
        ),
        (
            "{name}",
            "{name}，本人曾就该企业的问题向贵局举报",
            "{name}，以及处罚的事实依据和罚款金额",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.WITHHOLD_ENFORCEMENT,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_LAW,
            Outcome.REJECT_PETITION,
        ),
        ("{prefix}罚〔{prev}〕{n}号",),
    ),
    Topic(
        "subsidy",
        ("rsj", "nyncj", "mzj", "district", "town"),
        (
            "{year}年{town}{subsidy}发放名单及标准",
            "{prev}年度{subsidy}的资金拨付情况",
            "{town}{village}{prev}年{subsidy}的审核公示材料",
        ),
        (
            "{name}",
            "{name}，本人符合条件但未领到",
            "{name}，并说明核定标准的依据",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.UNABLE_NEEDS_CREATION,
            Outcome.UNABLE_NOT_HELD,
        ),
        (),
        ("本人系{town}{village}村民，", "本人户籍在{town}，", ""),
    ),
    Topic(
        "social",
        ("rsj", "ybj"),
        (
            "{year}年度社会保险缴费基数上下限的文件",
            "本人{prev}年以来的养老保险缴费明细",
            "{prev}年度工伤认定决定书（本人为申请人）",
            "企业职工退休待遇核定的计算办法",
        ),
        (
            "{name}",
            "{name}，用于核对单位是否足额缴费",
            "{name}，包括依据的文件名称和文号",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.WITHHOLD_QUERY,
            Outcome.UNABLE_NOT_HELD,
            Outcome.REJECT_CONFIRMATION,
        ),
    ),
    Topic(
        "police",
        ("gaj",),
        (
            "{road}电子警察设置的论证和审批材料",
            "本人户籍登记项目的变更记录",
            "{prev}年{district}道路交通事故统计数据",
            "{road}机动车限行措施的决定",
        ),
        (
            "{name}",
            "{name}，本人在该路段被记录了违法行为",
            "{name}，用于了解政策依据",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.WITHHOLD_QUERY,
            Outcome.WITHHOLD_ENFORCEMENT,
            Outcome.WITHHOLD_SECURITY,
            Outcome.WITHHOLD_LAW,
            Outcome.UNABLE_NEEDS_CREATION,
        ),
    ),
    Topic(
        "planning",
        ("zrzyj", "linjiang", "district"),
        (
            "{district}{place}控制性详细规划（修编）及批复",
            "{district}国土空间分区规划",
            "{place}地块规划条件调整的论证报告",
        ),
        (
            "{name}",
            "{name}，特别是学校和公园用地的布局",
            "{name}，本人小区与该地块相邻",
        ),
        (
            Outcome.DISCLOSE,
            Outcome.WITHHOLD_PROCESS,
            Outcome.REJECT_PUBLICATION,
            Outcome.WITHHOLD_SECRET,
        ),
    ),
    Topic(
        "meeting",
        ("linjiang", "*"),
        (
            "{org}研究{subject}的专题会议纪要",
            "{org}{prev}年第{n}次党组（党委）会议记录",
            "{org}关于{subject}的内部请示及领导批示",
        ),
        ("{name}", "{name}，想了解决策的过程"),
        (Outcome.WITHHOLD_INTERNAL, Outcome.WITHHOLD_PROCESS, Outcome.UNABLE_NOT_HELD),
    ),
    Topic(
        "security",
        ("linjiang", "gaj", "yjj"),
        (
            "城市人民防空工程分布位置图",
            "{prev}年重大活动安保方案",
            "全市重点目标防护等级名录",
        ),
        ("{name}", "{name}，用于研究城市安全"),
        (Outcome.WITHHOLD_SECRET, Outcome.WITHHOLD_SECURITY, Outcome.UNABLE_NOT_HELD),
    ),
    Topic(
        "statistics",
        ("*",),
        (
            "近五年{district}各街道{thing}数量",
            "{prev}年以来{org}办理{thing}的分类汇总",
            "{district}{thing}按年龄段和性别的统计",
        ),
        ("请统计{name}，并制成表格", "{name}，请按年度汇总后提供", "{name}"),
        (Outcome.UNABLE_NEEDS_CREATION, Outcome.UNABLE_NOT_HELD, Outcome.DISCLOSE),
    ),
    Topic(
        "publication",
        ("tjj", "czj", "linjiang", "*"),
        (
            "《临江统计年鉴（{prev}）》全文",
            "《临江财政年鉴（{prev}）》",
            "《临江年鉴（{prev}）》中关于{subject}的章节",
        ),
        ("{name}", "{name}的电子版"),
        (Outcome.REJECT_PUBLICATION,),
    ),
    Topic(
        "complaint",
        ("*",),
        (
            "关于{place}物业违规收费问题的处理结果",
            "关于{company}拖欠工资问题的查处情况",
            "关于{road}夜间施工噪声扰民问题",
        ),
        (
            "反映{name}，要求贵机关调查处理并书面答复",
            "{name}，本人多次反映均未解决，请依法查处",
        ),
        (Outcome.REJECT_PETITION,),
    ),
    Topic(
        "vague",
        ("*",),
        ("", "与本人有关的全部文件"),
        (
            "请提供与本人有关的所有文件",
            "请公开贵单位近年来的全部政府信息",
            "申请公开关于本人房屋的一切材料",
        ),
        (Outcome.UNABLE_UNCLEAR, Outcome.OTHER_NO_SUPPLEMENT),
    ),
    Topic(
        "archive",
        ("*",),
        ("{org}{old}年的{thing}档案", "{old}年{district}{village}土地权属调查档案"),
        ("{name}", "{name}，用于家庭财产继承"),
        (Outcome.OTHER, Outcome.UNABLE_NOT_HELD),
    ),
)
# How often an organization gets a request of a topic it is not named in.
WILDCARD_WEIGHTS = {
    "budget": 2.0,
    "meeting": 0.8,
    "statistics": 0.8,
    "publication": 0.25,
    "complaint": 0.6,
    "vague": 0.5,
    "archive": 0.3,
}

FUNDS = [
    "工业企业技术改造专项资金",
    "科技创新券补助资金",
    "农业产业化龙头企业扶持资金",
    "外贸稳增长专项资金",
    "中小企业发展专项资金",
    "服务业发展引导资金",
]
SUBSIDIES = [
    "耕地地力保护补贴",
    "城乡低保金",
    "高龄津贴",
    "一次性创业补贴",
    "稳岗返还资金",
    "困难残疾人生活补贴",
]
PROJECTS = [
    "{district}第{n}批老旧小区改造工程",
    "{district}中小学课桌椅采购项目",
    "市级政务云平台运维服务项目",
    "{district}城区道路保洁服务外包项目",
    "{district}人民医院医疗设备采购项目",
    "{road}雨污分流改造工程",
]
BUILDINGS = ["综合楼", "商住楼", "物流仓储中心", "加油站", "变电站", "养老服务中心", "厂房扩建"]
THINGS = ["行政复议案件", "信访件", "新生儿落户", "养犬登记", "违章建筑拆除", "户外广告审批"]
SUBJECTS = ["城区停车难治理", "老旧小区加装电梯", "菜市场改造", "公交线路调整", "学区划分"]
PLOTS = [
    "北站西侧",
    "滨江路以东",
    "工业园三号",
    "老粮站",
    "河口南岸",
    "高铁新城一号",
    "环城北路以北",
]
PLACES = ["滨河片区", "老城东片区", "湖西片区", "火车站北片区", "纺织厂宿舍片区", "江湾片区"]
ROADS = ["滨江大道", "人民路", "解放路", "建设路", "中山路", "青年路"]

PURPOSES = {
    ApplicantKind.NATURAL: [
        "。",
        "，用于了解相关政策的执行情况。",
        "，以便核实自身权益是否得到保障。",
        "，谢谢。",
    ],
    ApplicantKind.COMMERCIAL: ["。", "，供本单位经营决策参考。", "，以便核实本公司的权益。"],
    ApplicantKind.RESEARCH: ["。", "，用于课题研究。"],
    ApplicantKind.PUBLIC_WELFARE: ["。", "，用于开展公益监督。"],
    ApplicantKind.LEGAL_SERVICE: ["。", "，用于案件代理。"],
    ApplicantKind.OTHER: ["。", "，以便向居民说明情况。"],
}
ASK_VERBS = ["申请公开", "请提供", "申请获取", "希望贵机关公开", "特申请查阅"]
ORG_OPENINGS = {
    ApplicantKind.COMMERCIAL: ["我公司因业务需要，", "本公司作为相关项目的参与方，", ""],
    ApplicantKind.RESEARCH: ["我院正在开展城市治理课题研究，", "因科研需要，"],
    ApplicantKind.PUBLIC_WELFARE: ["本会关注公共资金使用和环境保护，", "作为公益组织，"],
    ApplicantKind.LEGAL_SERVICE: ["本所受当事人委托，", "因代理案件需要，"],
    ApplicantKind.OTHER: ["经业主大会决定，", "受全体居民委托，"],
}
ORG_NAMES = {
    ApplicantKind.RESEARCH: [
        "临江大学城市发展研究院",
        "临江市社会科学研究所",
        "江城公共政策研究中心",
    ],
    ApplicantKind.PUBLIC_WELFARE: [
        "临江市清流环保志愿者协会",
        "临江市助老公益服务中心",
        "临江市青禾儿童关爱基金会",
    ],
    ApplicantKind.LEGAL_SERVICE: [
        "临江明理律师事务所",
        "临江正衡律师事务所",
        "临江{district}法律服务所",
    ],
    ApplicantKind.OTHER: [
        "{place}业主委员会",
        "{town}{village}村民委员会",
        "临江市个体劳动者协会",
    ],
}
CREDIT_PREFIX = {
    ApplicantKind.COMMERCIAL: "91",
    ApplicantKind.RESEARCH: "12",
    ApplicantKind.PUBLIC_WELFARE: "52",
    ApplicantKind.LEGAL_SERVICE: "31",
    ApplicantKind.OTHER: "54",
}

# ------------------------------------------------------------------------------ handling texts

REASONS = {
    Outcome.PARTIAL: [
        "所申请信息中有{company}的银行账户和报价明细，属于商业秘密，经书面征求意见该企业不同意公开；"
        "依照条例第十五条、第三十七条，对该部分作区分处理，其余内容予以提供。",
        "所申请材料中载有他人的身份证号码、家庭住址和联系电话，公开会损害其个人隐私；"
        "已依照条例第十五条、第三十七条删去上述内容后提供。",
    ],
    Outcome.WITHHOLD_SECRET: [
        "经保密审查，所申请的信息已按法定程序确定为国家秘密，依照条例第十四条，不予公开。",
    ],
    Outcome.WITHHOLD_LAW: [
        "所申请的是统计调查对象的原始资料，统计法要求对其保密；依照条例第十四条，"
        "法律、行政法规禁止公开的信息不予公开。",
        "所申请材料涉及未成年人违法记录，依法应当封存；依照条例第十四条，不予公开。",
    ],
    Outcome.WITHHOLD_SECURITY: [
        "所申请信息涉及重要目标的防护部署，公开后可能危及公共安全和社会稳定；依照条例第十四条，"
        "不予公开。",
    ],
    Outcome.WITHHOLD_THIRD_PARTY: [
        "所申请信息为{company}的生产经营数据，属于商业秘密。经书面征求意见，该企业明确不同意公开，"
        "且不公开不会对公共利益造成重大影响；依照条例第十五条、第三十二条，不予公开。",
        "所申请的是其他被征收户的补偿协议，含有其家庭成员和财产状况等个人信息，"
        "权利人不同意公开；依照条例第十五条，不予公开。",
    ],
    Outcome.WITHHOLD_INTERNAL: [
        "所申请的会议纪要用于部署本机关内部工作，属于内部事务信息；依照条例第十六条第一款，"
        "不予公开。",
        "所申请的考勤和内部管理记录属于人事管理等内部事务信息；依照条例第十六条第一款，不予公开。",
    ],
    Outcome.WITHHOLD_PROCESS: [
        "所申请的方案尚在研究论证，属于过程性信息；依照条例第十六条第二款，不予公开。"
        "正式文件印发后将依法主动公开。",
        "所申请的评审意见和内部讨论记录属于过程性信息；依照条例第十六条第二款，不予公开。",
    ],
    Outcome.WITHHOLD_ENFORCEMENT: [
        "所申请的调查笔录和检查记录属于行政执法案卷信息；依照条例第十六条第二款，可以不予公开。"
        "案件当事人可以依照行政处罚法的规定申请查阅案卷。",
    ],
    Outcome.WITHHOLD_QUERY: [
        "所申请内容是本人社会保险缴费记录的查询，属于行政查询事项，不作为政府信息公开申请处理；"
        "可以持本人身份证件到经办窗口或通过网上服务平台查询。",
        "所申请内容是本人户籍登记信息的查询，属于行政查询事项；可以持本人身份证件到户籍窗口办理。",
    ],
    Outcome.UNABLE_NOT_HELD: [
        "经检索本机关的文书档案和业务系统，未找到所申请的信息，本机关也未制作或者获取过该信息。",
        "所申请的批复由省级人民政府作出，本机关未保存原件；该信息由省自然资源厅负责公开，"
        "可以向其提出申请。",
        "所申请事项不属于本机关职责，相关信息由所在区人民政府制作和保存，建议向其提出申请。",
    ],
    Outcome.UNABLE_NEEDS_CREATION: [
        "所申请内容需要对多个年度、多个部门的数据重新汇总、统计和分析才能形成，本机关没有现成信息；"
        "依照条例第三十八条，不另行制作。",
    ],
    Outcome.UNABLE_UNCLEAR: [
        "本机关已一次性告知需要补正的事项，但补正后的申请仍未写明所需信息的名称、文号或者"
        "其他能够准确检索的特征，无法确定所需信息；依照条例第三十条，无法提供。",
    ],
    Outcome.REJECT_PETITION: [
        "申请内容实为对有关问题的投诉和查处要求，不属于政府信息公开申请；依照条例第三十九条，"
        "不作为政府信息公开申请处理，已告知可以通过信访渠道或12345热线反映。",
    ],
    Outcome.REJECT_REPEAT: [
        "申请人此前已就同一信息提出申请，本机关已作出答复；本次申请内容与前次相同，"
        "依照条例第三十六条第六项，不予重复处理。",
    ],
    Outcome.REJECT_PUBLICATION: [
        "所申请的是公开出版物，依照条例第三十九条，已告知可以通过书店或者市图书馆获取。",
    ],
    Outcome.REJECT_EXCESSIVE: [
        "申请人近三个月内就同类事项提出申请十余件，明显超出合理范围；经要求说明理由，"
        "未能提供合理说明，依照条例第三十五条，不予处理。",
    ],
    Outcome.REJECT_CONFIRMATION: [
        "申请内容是要求本机关对申请人已取得的文件复印件加盖印章、确认其真实性，"
        "不属于获取政府信息的申请，不予处理。",
    ],
    Outcome.OTHER: [
        "申请人在办理期间书面撤回申请，本机关终止办理。",
        "所申请的档案已移交市档案馆，已告知申请人依照档案管理的规定向档案馆查阅。",
    ],
}
SUMMARIES = {
    "linked": "经检索，该信息已在本机关政府信息公开平台主动公开，已告知申请人获取方式和网址。",
    Outcome.DISCLOSE: [
        "经检索，本机关保存有该信息，已按申请人要求的形式提供全文。",
        "经检索，找到相关文件共{pages}页，已全部提供。",
        "已向申请人提供所需信息，并说明了信息的形成时间和适用范围。",
    ],
    Outcome.PARTIAL: [
        "提供可以公开的部分共{pages}页，对涉及第三方的内容作了删除处理。",
        "区分处理后提供主体内容，删除部分已逐项说明理由。",
    ],
}
SUPPLEMENT_NOTES = [
    "申请未写明所需信息的名称、文号或者形成时间，请补充能够准确检索的特征。",
    "申请描述的范围过于宽泛，请明确具体的事项和时间段。",
    "请补充所指项目的具体位置或者项目名称。",
]
CONSULTATION_NOTES = {
    Party.THIRD_PARTY: "所申请信息涉及{company}的经营信息，书面征求其是否同意公开的意见。",
    Party.AGENCY: "所申请文件系与其他部门联合制作，书面征求联合发文机关的意见。",
}
EXTENSION_NOTE = "所需信息涉及多个年度的档案，需要调阅和整理，经工作机构负责人批准延长答复期限。"
REASONS_NOTE = "近一个月内就同类事项提出申请二十余件，请说明申请的用途和理由。"
DEFERRAL_NOTE = (
    "申请人说明系开展课题研究所需，理由合理；所申请信息涉及多个年度的档案，需要逐件调取、审查。"
)
SEND_BACK_REASON = "理由部分未写明所依据的条款，请补充后重新拟办。"
LAPSE_NOTES = {
    EventKind.SUPPLEMENT_LAPSED: "申请人在补正期限内未补正，也未说明正当理由，视为放弃申请。",
    EventKind.FEE_LAPSED: "申请人在缴费期限内未缴纳信息处理费，视为放弃申请。",
}
DELIVERY_NOTES = {
    Delivery.POST: "以挂号信邮寄送达，已取得邮寄凭证。",
    Delivery.EMAIL: "已通过电子邮件发送答复书及所需信息。",
    Delivery.DOWNLOAD: "已在网上申请系统上传答复书，申请人已下载。",
    Delivery.COLLECT: "申请人到受理窗口领取并签收。",
}
REMEDY_NOTES = {
    RemedyResult.UPHELD: "维持原答复。",
    RemedyResult.CORRECTED: "责令重新答复，已重新办理。",
    RemedyResult.OTHER: "申请人撤回申请，案件终结。",
}

# The showcase's Art. 44 groups: several applicants ask for the same information in their own
# words. (slug, information name variants, request variants)
SIMILAR = (
    (
        vocab.SHOWCASE_SLUG,
        (
            "{year}年度市级惠企纾困专项资金拨付明细",
            "惠企纾困资金拨付情况",
            "",
            "{year}年惠企纾困专项资金拨付明细",
        ),
        (
            "申请公开{year}年度市级惠企纾困专项资金的拨付明细，包括受益企业名单和拨付金额。",
            "请提供贵局{year}年惠企纾困专项资金拨付给各企业的明细表。",
            "我公司想知道{year}年市级惠企纾困专项资金拨付给了哪些企业、各拨付多少，"
            "请公开拨付明细。",
            "希望公开{year}年度惠企纾困专项资金的拨付明细和分配依据。",
        ),
    ),
    (
        "zjj",
        (
            "湖西片区（二期）房屋征收补偿方案",
            "湖西片区二期征收补偿安置方案",
            "",
            "滨湖区湖西片区二期房屋征收补偿方案",
            "湖西片区房屋征收补偿标准",
        ),
        (
            "本人房屋在滨湖区湖西片区二期征收范围内，申请公开该片区的房屋征收补偿方案。",
            "请提供湖西片区二期国有土地上房屋征收的补偿安置方案，包括货币补偿和产权调换标准。",
            "我家住在湖西片区，听说二期要征收，请公开湖西片区二期房屋征收补偿方案和搬迁奖励办法。",
            "申请获取滨湖区湖西片区（二期）房屋征收补偿方案全文。",
            "希望贵局公开湖西片区二期房屋征收的补偿方案，本人是被征收人。",
        ),
    ),
)

# ------------------------------------------------------------------------------ structures


@dataclass
class Shape:
    """How one application's handling goes, in working days (decided before its dates)."""

    link_gap: int = 0
    supplement: tuple[int, int, int] | None = None  # notice after, deadline after, answer after
    consultation: tuple[int, int, str] | None = None  # start after, length, party
    fee: tuple[int, int, int] | None = None  # notice after, paid after (or lapse margin), pages
    extension: tuple[int, int] | None = None  # after, days
    reasons: int | None = None  # Art. 35: reasons asked for, after
    deferral: tuple[int, int] | None = None  # ... then a later deadline: after, days past the due
    work: int = 5  # working days from the last event to the reply
    late: int = 0  # reply this many working days after the due date
    decide_gap: int = 1
    approve_gap: int = 0
    send_back: bool = False
    deliver_gap: int = 1
    archive_gap: int = 10


@dataclass
class Case:
    unit: object
    handler: object
    approver: object
    channel: str
    data: dict
    outcome: str
    reasons: str = ""
    summary: str = ""
    shape: Shape = field(default_factory=Shape)
    link: list[int] = field(default_factory=list)
    remedies: list[tuple[str, str]] = field(default_factory=list)  # (kind, result)
    stop: str = ""  # the last step to take (for cases placed at today) ...
    slack: int = 0  # ... so many working days before the last working day
    r: int | None = None  # the receipt day (index into the calendar), when fixed
    lead: int = 0  # days from sending (online, post, e-mail, fax) to receipt
    minute: int = 0  # when an online application was sent, minutes after midnight
    ctx: dict = field(default_factory=dict)
    submit_at: datetime | None = None
    application: Application | None = None
    remedy_rows: dict = field(default_factory=dict)


@dataclass
class Calendar:
    days: list[date]
    index: dict[date, int]
    today: int  # the last working day on or before today

    def at_or_before(self, day: date) -> int:
        while day not in self.index:
            day -= timedelta(days=1)
        return self.index[day]

    def at_or_after(self, day: date) -> int:
        while day not in self.index:
            day += timedelta(days=1)
        return self.index[day]


class _Beyond(Exception):
    """A step would fall after the end of the calendar."""


# ------------------------------------------------------------------------------ entry point


def generate_applications(
    rng: Random,
    units: list,
    *,
    now: datetime,
    count: int | None = None,
    calendar=None,
    progress: Progress = lambda message: None,
) -> Counter:
    """Make about ``count`` applications over the year before ``now`` (at least the fixed
    cases). Returns the number of applications per status."""
    today = local_date(now)
    cal = _calendar(calendar, today)
    published = _published_items()
    writer = _Writer(rng, units, now=now, cal=cal, published=published)
    cases = writer.fixed_cases()
    target = max(count if count is not None else DEFAULT_COUNT, len(cases))
    while len(cases) < target:
        cases.append(writer.ordinary_case())
    steps = writer.timeline(cases)
    progress(f"依申请公开：{len(cases)} 件申请，{len(steps)} 个办理步骤……")
    # The applicants are invented: the tracking-code mails go nowhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for start in range(0, len(steps), BATCH):
            with transaction.atomic():
                for at, _seq, call in steps[start : start + BATCH]:
                    call(at)
    progress(f"  依申请公开：{len(steps)}/{len(steps)}")
    return Counter(dict(Application.objects.values_list("status").annotate(n=Count("id"))))


def _calendar(calendar, today: date) -> Calendar:
    from gongkai.workdays import is_working_day

    if calendar is not None and calendar.days[-1] >= today:
        days = list(calendar.days)
    else:
        days, day = [], today - timedelta(days=WINDOW_DAYS + 60)
        while day <= today + timedelta(days=90):
            if is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
    index = {day: i for i, day in enumerate(days)}
    cal = Calendar(days, index, 0)
    cal.today = cal.at_or_before(today)
    return cal


def _published_items() -> dict[int, list[tuple[date, int, str, str, str]]]:
    """Published items per organization: (published day, pk, title, 文号, info type)."""
    found: dict[int, list] = {}
    rows = Item.objects.filter(status=ItemStatus.PUBLISHED).values_list(
        "organization_id", "published_at", "pk", "title", "document_number", "info_type"
    )
    for org_id, published_at, pk, title, number, info_type in rows.order_by("published_at", "pk"):
        found.setdefault(org_id, []).append(
            (local_date(published_at), pk, title, number, info_type)
        )
    return found


# ------------------------------------------------------------------------------ the writer


class _Writer:
    """Decides the cases (who asks what, where, how it goes) and turns them into steps."""

    def __init__(self, rng: Random, units: list, *, now: datetime, cal: Calendar, published):
        self.rng = rng
        self.now = now
        self.today = local_date(now)
        self.cal = cal
        self.published = published
        # The last working day whose office hours are over: steps happen up to it.
        last = cal.today
        if cal.days[last] == self.today and timezone.localtime(now).time() < time(18, 0):
            last -= 1
        self.last = last
        self.first = cal.at_or_after(self.today - timedelta(days=WINDOW_DAYS))
        self.units = units
        self.by_slug = {unit.org.slug: unit for unit in units}
        self.showcase = self.by_slug[vocab.SHOWCASE_SLUG]
        self.weights = [self._weight(unit) for unit in units]
        self.seconds: dict[int, object] = {}
        self.applicants: list[dict] = []
        self.seq = Counter()

    # --- who ---------------------------------------------------------------------------------

    @staticmethod
    def _weight(unit) -> float:
        if unit.org.slug in ORG_WEIGHTS:
            return ORG_WEIGHTS[unit.org.slug]
        return LEVEL_WEIGHTS.get(unit.level, 1)

    def _unit(self):
        return self.rng.choices(self.units, weights=self.weights)[0]

    def offices(self, unit) -> tuple[object, object]:
        """The unit's office member and a second one, who approves (made on first use)."""
        first = unit.person(Role.OPENNESS_OFFICE)
        second = self.seconds.get(unit.org.pk)
        if second is None:
            username = f"{unit.org.slug}-{SECOND_OFFICE_SUFFIX}"
            second = User.objects.create(
                username=username,
                password=first.password,  # the demo password, already hashed
                first_name=text.person_name(self.rng),
                email=f"{username}@{vocab.MAIL_DOMAIN}",
                is_staff=True,
            )
            granted = first.memberships.get(organization=unit.org, role=Role.OPENNESS_OFFICE)
            orgs.membership_grant(
                user=second,
                organization=unit.org,
                role=Role.OPENNESS_OFFICE,
                actor=None,
                now=granted.granted_at,
            )
            self.seconds[unit.org.pk] = second
        return first, second

    def _district(self, unit):
        org = unit.org
        name = ""
        if org.level == Level.DISTRICT:
            name = org.short_name
        elif org.level in (Level.DISTRICT_DEPARTMENT, Level.TOWN) and org.parent:
            name = org.parent.short_name
        for district in vocab.DISTRICTS:
            if district.name == name:
                return district
        return self.rng.choice(vocab.DISTRICTS)

    # --- applicants --------------------------------------------------------------------------

    def _mobile(self) -> str:
        return f"13{self.rng.randint(0, 9)}{self.rng.randint(0, 99_999_999):08d}"

    def _address(self, district) -> tuple[str, str]:
        rng = self.rng
        address = (
            f"{vocab.CITY}{district.name}{rng.choice(vocab.STREETS)}{rng.randint(1, 399)}号"
            f"{rng.randint(1, 30)}幢{rng.randint(1, 26)}0{rng.randint(1, 4)}室"
        )
        return address, f"3391{district.region}"

    def _person(self) -> dict:
        rng = self.rng
        district = rng.choice(vocab.DISTRICTS)
        roll = rng.random()
        if roll < 0.96:
            birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 54))
            body = f"3391{district.region}{birth:%Y%m%d}{rng.randint(100, 999)}"
            id_type, number = IdDocumentType.RESIDENT_ID, body + resident_id_check_char(body)
        elif roll < 0.98:
            id_type, number = IdDocumentType.PASSPORT, f"E{rng.randint(10_000_000, 99_999_999)}"
        else:
            id_type = IdDocumentType.HK_MACAO_PERMIT
            number = f"H{rng.randint(10_000_000, 99_999_999)}"
        address, postcode = self._address(district)
        return {
            "applicant_kind": ApplicantKind.NATURAL,
            "applicant_name": text.person_name(rng),
            "id_type": id_type,
            "id_number": number,
            "phone": self._mobile(),
            "email": f"lj{rng.randint(100_000, 99_999_999)}@example.com"
            if rng.random() < 0.5
            else "",
            "address": address,
            "postcode": postcode,
        }

    def _organization(self, kind: str) -> dict:
        rng = self.rng
        district = rng.choice(vocab.DISTRICTS)
        if kind == ApplicantKind.COMMERCIAL:
            name = text.company_name(rng)
        else:
            name = rng.choice(ORG_NAMES[kind]).format(
                district=district.name,
                place=rng.choice(PLACES),
                town=rng.choice(district.towns)[0],
                village=rng.choice(vocab.VILLAGES),
            )
        tail = "".join(rng.choice(CREDIT_CODE_CHARS) for _k in range(9))
        body = f"{CREDIT_PREFIX[kind]}3391{district.region}{tail}"
        address, postcode = self._address(district)
        return {
            "applicant_kind": kind,
            "applicant_name": name,
            "credit_code": body + credit_code_check_char(body),
            "legal_representative": text.person_name(rng),
            "contact_name": text.person_name(rng),
            "phone": self._mobile(),
            "email": f"office{rng.randint(1000, 999_999)}@example.com",
            "address": address,
            "postcode": postcode,
        }

    def applicant(self, kind: str | None = None, *, new: bool = False) -> dict:
        """A new applicant, or now and then one who applied before."""
        rng = self.rng
        if kind is None and not new and self.applicants and rng.random() < 0.12:
            return rng.choice(self.applicants)
        kind = kind or rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        found = self._person() if kind == ApplicantKind.NATURAL else self._organization(kind)
        self.applicants.append(found)
        return found

    # --- what they ask -----------------------------------------------------------------------

    def _context(self, unit, year: int) -> dict:
        rng = self.rng
        district = self._district(unit)
        town = unit.org.short_name if unit.level == Level.TOWN else rng.choice(district.towns)[0]
        ctx = {
            "org": unit.org.short_name or unit.org.name,
            "prefix": unit.prefix,
            "year": year,
            "prev": year - 1,
            "old": year - rng.randint(15, 30),
            "district": district.name,
            "town": town,
            "village": rng.choice(vocab.VILLAGES),
            "place": rng.choice(PLACES),
            "plot": rng.choice(PLOTS),
            "company": text.company_name(rng),
            "fund": rng.choice(FUNDS),
            "subsidy": rng.choice(SUBSIDIES),
            "road": rng.choice(ROADS),
            "building": rng.choice(BUILDINGS),
            "thing": rng.choice(THINGS),
            "subject": rng.choice(SUBJECTS),
            "n": rng.randint(1, 60),
        }
        ctx["project"] = rng.choice(PROJECTS).format(**ctx)
        return ctx

    def topics_for(self, unit) -> list[tuple[Topic, float]]:
        found = []
        # A district's department asks like the city department it mirrors (jiangbei-czj: czj).
        slug = unit.org.slug.rsplit("-", 1)[-1]
        for topic in TOPICS:
            if slug in topic.where or unit.level in topic.where:
                found.append((topic, 6.0))
            elif "*" in topic.where:
                found.append((topic, WILDCARD_WEIGHTS.get(topic.key, 1.0)))
        return found

    def request(self, unit, topic: Topic, applicant: dict, year: int) -> dict:
        rng = self.rng
        ctx = self._context(unit, year)
        name = rng.choice(topic.names).format(**ctx)
        kind = applicant["applicant_kind"]
        asks = topic.asks
        if kind != ApplicantKind.NATURAL:  # "本人" is a person's word
            asks = [ask for ask in asks if "本人" not in ask] or asks
        # Half the people just name the information; the others add what they care about.
        full = [ask for ask in asks if not ask.startswith("{name}")]
        ask = rng.choice(asks) if full or rng.random() < 0.5 else "{name}"
        if ask.startswith("{name}"):
            ask = rng.choice(ASK_VERBS) + ask
        ask = ask.format(**ctx, name=name)
        if kind == ApplicantKind.NATURAL:
            opening = rng.choice(topic.openings or ("", "", "您好！", "因个人需要，"))
        else:
            opening = rng.choice(ORG_OPENINGS[kind])
        description = opening.format(**ctx) + ask + rng.choice(PURPOSES[kind])
        number = ""
        if topic.numbers and rng.random() < 0.5:
            number = rng.choice(topic.numbers).format(**ctx)
        return {
            "title_hint": name if rng.random() < 0.75 else "",
            "document_number_hint": number,
            "description": description,
            "ctx": ctx,
        }

    def _delivery(self, channel: str, applicant: dict) -> tuple[str, str]:
        rng = self.rng
        options = {
            Channel.ONLINE: [Delivery.DOWNLOAD, Delivery.EMAIL],
            Channel.IN_PERSON: [Delivery.COLLECT, Delivery.POST],
            Channel.POST: [Delivery.POST],
            Channel.POST_UNSIGNED: [Delivery.POST],
            Channel.EMAIL: [Delivery.EMAIL],
            Channel.FAX: [Delivery.POST, Delivery.EMAIL],
        }[channel]
        delivery = rng.choice(options)
        electronic = delivery in (Delivery.EMAIL, Delivery.DOWNLOAD) or rng.random() < 0.2
        return delivery, ProvisionForm.ELECTRONIC if electronic else ProvisionForm.PAPER

    # --- cases -------------------------------------------------------------------------------

    def case(
        self,
        unit=None,
        *,
        outcome: str | None = None,
        topic: Topic | None = None,
        applicant: dict | None = None,
        channel: str | None = None,
        r: int | None = None,
        place: tuple[str, int] | None = None,
        request: dict | None = None,
        handler_second: bool | None = None,
    ) -> Case:
        rng = self.rng
        unit = unit or self._unit()
        first, second = self.offices(unit)
        if handler_second is None:
            handler_second = rng.random() < 0.25
        handler, approver = (second, first) if handler_second else (first, second)
        channel = channel or rng.choices(list(CHANNELS), weights=list(CHANNELS.values()))[0]
        applicant = dict(applicant or self.applicant())
        if r is None and place is None:
            r = rng.randint(self.first, self.last)
        link: list[int] = []
        year = self.cal.days[r].year if r is not None else self.today.year
        if request is None and outcome is None and r is not None and rng.random() < 0.16:
            request, link = self._linked_request(unit, r)
        if request is None:
            if topic is None:
                options = self.topics_for(unit)
                if outcome is not None and outcome not in (
                    Outcome.OTHER_FEE_UNPAID,
                    Outcome.OTHER_NO_SUPPLEMENT,
                ):
                    options = [(t, w) for t, w in options if outcome in t.outcomes] or options
                topic = rng.choices([t for t, _w in options], weights=[w for _t, w in options])[0]
            if outcome is None:
                outcome = rng.choices(
                    topic.outcomes, weights=[OUTCOMES[o] for o in topic.outcomes]
                )[0]
            request = self.request(unit, topic, applicant, year)
        outcome = outcome or Outcome.DISCLOSE
        ctx = request.pop("ctx", None) or self._context(unit, year)
        delivery, form = self._delivery(channel, applicant)
        if delivery == Delivery.EMAIL and not applicant.get("email"):
            applicant["email"] = f"lj{rng.randint(100_000, 99_999_999)}@example.com"
        data = {**applicant, **request, "delivery": delivery, "provision_form": form}
        case = Case(
            unit=unit,
            handler=handler,
            approver=approver,
            channel=channel,
            data=data,
            outcome=outcome,
            link=link,
            stop=place[0] if place else "",
            slack=place[1] if place else 0,
            r=r,
            lead=rng.choice([0, 0, 0, 1, 2, 3]) if channel != Channel.POST else rng.randint(2, 5),
            minute=rng.randint(0, 24 * 60 - 1),
        )
        self._texts(case, ctx, topic)
        case.shape = self._shape(case, topic)
        return case

    def _linked_request(self, unit, r: int) -> tuple[dict | None, list[int]]:
        """A request for something the unit published before: answered by pointing to it."""
        rng = self.rng
        cutoff = self.cal.days[r] - timedelta(days=3)
        items = [row for row in self.published.get(unit.org.pk, []) if row[0] < cutoff]
        if not items:
            return None, []
        _day, pk, title, number, _type = rng.choice(items[-200:])
        description = (
            f"{rng.choice(ASK_VERBS)}《{title}》{rng.choice(['全文', '及其附件', '', '的正文'])}"
            f"{rng.choice(PURPOSES[ApplicantKind.NATURAL])}"
        )
        request = {
            "title_hint": title[:200],
            "document_number_hint": number if rng.random() < 0.7 else "",
            "description": description,
        }
        return request, [pk]

    def _without_lapse(self, case: Case) -> None:
        """A case whose 补正 and fee steps were taken away cannot end by their lapse."""
        if case.outcome in (Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER_FEE_UNPAID):
            case.outcome = Outcome.PARTIAL
            self._texts(case, case.ctx, None)

    def _texts(self, case: Case, ctx: dict, topic: Topic | None) -> None:
        rng = self.rng
        if case.link:
            case.summary = SUMMARIES["linked"]
        elif case.outcome in SUMMARIES:
            case.summary = rng.choice(SUMMARIES[case.outcome]).format(pages=rng.randint(2, 40))
        if case.outcome in REASONS:
            case.reasons = rng.choice(REASONS[case.outcome]).format(**ctx)
        case.ctx = ctx

    def _shape(self, case: Case, topic: Topic | None) -> Shape:
        rng = self.rng
        outcome = case.outcome
        shape = Shape(
            link_gap=rng.randint(0, 2),
            work=rng.randint(3, 16),
            decide_gap=rng.randint(0, 3),
            approve_gap=rng.randint(0, 1),
            deliver_gap=rng.randint(0, 3),
            archive_gap=rng.randint(5, 40),
            send_back=rng.random() < 0.03,
        )
        vague = topic is not None and topic.key == "vague"
        if outcome == Outcome.OTHER_NO_SUPPLEMENT:
            shape.supplement = (rng.randint(1, 5), rng.randint(8, 12), rng.randint(1, 4))
        elif outcome == Outcome.UNABLE_UNCLEAR or vague or rng.random() < 0.07:
            shape.supplement = (rng.randint(1, 5), rng.randint(8, 12), rng.randint(2, 8))
        party = Party.THIRD_PARTY if rng.random() < 0.8 else Party.AGENCY
        consult = {Outcome.WITHHOLD_THIRD_PARTY: 0.9, Outcome.PARTIAL: 0.4}.get(outcome, 0.04)
        if rng.random() < consult:
            shape.consultation = (rng.randint(1, 4), rng.randint(4, 16), party)
        if outcome == Outcome.OTHER_FEE_UNPAID:
            shape.fee = (rng.randint(1, 4), rng.randint(1, 5), rng.randint(120, 320))
        elif outcome in (Outcome.DISCLOSE, Outcome.PARTIAL) and not case.link:
            if rng.random() < 0.04:
                shape.fee = (rng.randint(1, 4), rng.randint(2, 12), rng.randint(40, 260))
        if rng.random() < 0.08:
            shape.extension = (rng.randint(8, 14), rng.randint(10, 20))
        if outcome == Outcome.REJECT_EXCESSIVE:
            shape.reasons = rng.randint(1, 4)
        if rng.random() < 0.05:
            shape.late = rng.randint(1, 8)
        return shape

    def ordinary_case(self) -> Case:
        return self.case()

    def fixed_cases(self) -> list[Case]:
        """What the demo must show, whatever the random flow gives."""
        rng = self.rng
        cases: list[Case] = []
        show = self.showcase
        late = self.last
        early = max(self.first, late - 150)

        def history(lo=None, hi=None):
            return rng.randint(lo or self.first, hi or early)

        # Every outcome of table 三, in the showcase when it can plausibly happen there; on the
        # way, every kind of applicant and every channel.
        kinds, channels = list(ApplicantKind), list(Channel)
        for k, outcome in enumerate(Outcome):
            unit = show
            if outcome not in (Outcome.OTHER_FEE_UNPAID, Outcome.OTHER_NO_SUPPLEMENT) and not any(
                outcome in t.outcomes for t, _w in self.topics_for(show)
            ):
                unit = rng.choice(
                    [
                        u
                        for u in self.units
                        if any(outcome in t.outcomes for t, _w in self.topics_for(u))
                        and u.org.slug in ORG_WEIGHTS
                    ]
                )
            cases.append(
                self.case(
                    unit,
                    outcome=outcome,
                    r=history(),
                    applicant=self.applicant(kinds[k % len(kinds)], new=True),
                    channel=channels[k % len(channels)],
                )
            )
        # Late replies, a send-back, a paid fee, an extension.
        for _k in range(2):
            c = self.case(show, outcome=Outcome.DISCLOSE, r=history())
            c.shape.late = rng.randint(2, 6)
            cases.append(c)
        c = self.case(show, outcome=Outcome.PARTIAL, r=history())
        c.shape.send_back = True
        cases.append(c)
        c = self.case(show, outcome=Outcome.DISCLOSE, r=history(), channel=Channel.EMAIL)
        c.shape.fee = (2, 5, 180)
        c.shape.extension = (10, 15)
        cases.append(c)
        # Art. 35: reasons asked for, found reasonable, and a later deadline set.
        c = self.case(show, outcome=Outcome.DISCLOSE, r=history())
        c.shape.supplement = c.shape.consultation = c.shape.fee = c.shape.extension = None
        c.shape.reasons, c.shape.deferral = 2, (6, 15)
        cases.append(c)
        # Every status in the showcase office, several of them at deadlines today.
        placed = [
            ("assign", rng.randint(1, 5)),
            ("assign", rng.randint(2, 8)),
            ("assign", 16),  # due soon
            ("assign", 18),
            ("assign", 24),  # overdue
            ("clock:supplement_requested", 1),  # paused: waiting for the supplement
            ("clock:consultation_started", 2),  # paused: consulting a third party
            ("fee", 3),  # paused: waiting for the fee
            ("clock:extension_approved", 2),
            ("clock:deferral_set", 3),
            ("decide", 0),
            ("approve", 0),
            ("reply", 1),
            ("deliver", rng.randint(1, 3)),
            ("deliver", rng.randint(4, 8)),
        ]
        for stop, slack in placed:
            outcome = Outcome.PARTIAL if stop == "clock:consultation_started" else None
            c = self.case(show, outcome=outcome, place=(stop, slack), handler_second=False)
            if stop == "clock:supplement_requested":
                c.shape.supplement = (1, 8, 4)
            elif stop == "clock:consultation_started":
                c.shape.consultation = (2, 10, Party.THIRD_PARTY)
            elif stop == "fee":
                c.shape.fee = (2, 8, 150)
                c.outcome = Outcome.DISCLOSE
            elif stop == "clock:extension_approved":
                c.shape.extension = (14, 20)
                c.shape.supplement = c.shape.consultation = c.shape.fee = None
                self._without_lapse(c)
            elif stop == "clock:deferral_set":
                c.shape.reasons, c.shape.deferral = 3, (8, 20)
                c.shape.supplement = c.shape.consultation = c.shape.fee = None
                c.shape.extension = None
                self._without_lapse(c)
            if stop in ("decide", "approve"):
                c.shape.decide_gap = 0
            if stop == "assign":
                c.shape.supplement = c.shape.consultation = c.shape.fee = None
                c.shape.extension = None
                self._without_lapse(c)
            cases.append(c)
        # Awaiting approval by each of the two office members.
        c = self.case(show, place=("decide", 1), handler_second=True)
        c.shape.decide_gap = 0
        cases.append(c)
        for _k in range(2):
            cases.append(self.case(show, channel=Channel.ONLINE, place=("submit", 0)))
        # Deadlines today in other offices too.
        for slug, stop, slack in (
            ("zrzyj", "assign", 17),
            ("zjj", "assign", 25),
            ("rsj", "assign", 15),
            ("gaj", "clock:supplement_requested", 2),
            ("linjiang", "assign", 21),
            ("zrzyj", "decide", 0),
        ):
            unit = self.by_slug.get(slug, show)
            c = self.case(unit, place=(stop, slack))
            if stop == "clock:supplement_requested":
                c.shape.supplement = (1, 9, 4)
            else:
                c.shape.supplement = c.shape.consultation = c.shape.fee = None
                c.shape.extension = None
                self._without_lapse(c)
            cases.append(c)
        # 行政复议 and 行政诉讼, every kind with every result.
        negative = [
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.WITHHOLD_PROCESS,
            Outcome.UNABLE_NOT_HELD,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_ENFORCEMENT,
            Outcome.REJECT_REPEAT,
        ]
        for kind in RemedyKind:
            for result in RemedyResult:
                unit = show if rng.random() < 0.4 else None
                outcome = rng.choice(negative)
                unit = unit or rng.choice(
                    [
                        u
                        for u in self.units
                        if any(outcome in t.outcomes for t, _w in self.topics_for(u))
                        and u.org.slug in ORG_WEIGHTS
                    ]
                )
                # Received early enough for the remedy to be filed (and decided) by today:
                # reply within 20 working days, filing within 25, a review before a suit
                # after review about 60 more, a decision within 50.
                if result != RemedyResult.PENDING:
                    lo, hi = self.first, late - 175
                elif kind == RemedyKind.SUIT_AFTER_REVIEW:
                    lo, hi = late - 200, late - 120
                else:
                    lo, hi = late - 120, late - 60
                lo = max(lo, self.first)
                c = self.case(unit, outcome=outcome, r=rng.randint(lo, max(lo, hi)))
                c.shape = Shape(work=rng.randint(3, 12), archive_gap=rng.randint(5, 30))
                c.remedies.append((kind, result))
                cases.append(c)
        # Art. 44: several applicants ask for the same information in their own words.
        year = self.today.year if self.today.month >= 4 else self.today.year - 1
        for slug, names, asks in SIMILAR:
            unit = self.by_slug.get(slug, show)
            for k, ask in enumerate(asks):
                kind = ApplicantKind.COMMERCIAL if "我公司" in ask else ApplicantKind.NATURAL
                request = {
                    "title_hint": names[k % len(names)].format(year=year),
                    "document_number_hint": "",
                    "description": ask.format(year=year),
                }
                r = rng.randint(max(self.first, late - 120), late)
                c = self.case(
                    unit,
                    outcome=Outcome.DISCLOSE,
                    applicant=self.applicant(kind, new=True),
                    r=r,
                    request=request,
                )
                c.shape.fee = None
                cases.append(c)
        return cases

    # --- when --------------------------------------------------------------------------------

    def _day(self, i: int) -> date:
        if i >= len(self.cal.days):
            raise _Beyond
        return self.cal.days[i]

    def _intake(self, case: Case, received: date) -> tuple[str, dict]:
        if case.channel == Channel.ONLINE:
            return "confirm", {}
        kwargs = {"channel": case.channel, "submitted_on": received}
        if case.channel == Channel.POST:
            kwargs.update(submitted_on=received - timedelta(days=case.lead), signed_on=received)
        elif case.channel in (Channel.FAX, Channel.EMAIL):
            kwargs.update(submitted_on=received - timedelta(days=case.lead), confirmed_on=received)
        return "register", kwargs

    def schedule(self, case: Case, r: int) -> list[tuple[date, str, dict]]:
        """The case's steps as (day, step, arguments) if it is received on working day ``r``."""
        day, s, ops, events = self._day, case.shape, [], []
        received = day(r)
        try:
            ops.append((received, *self._intake(case, received)))
            ops.append((received, "assign", {}))
            cur = r
            if case.link:
                cur += s.link_gap
                ops.append((day(cur), "link", {}))
            if s.supplement:
                after, deadline, answer = s.supplement
                q = cur + after
                until = day(q + deadline)
                note = self.rng.choice(SUPPLEMENT_NOTES)
                ops.append(
                    (
                        day(q),
                        "clock",
                        {"kind": EventKind.SUPPLEMENT_REQUESTED, "until": until, "note": note},
                    )
                )
                events.append(ClockEvent(EventKind.SUPPLEMENT_REQUESTED, day(q), until=until))
                if case.outcome == Outcome.OTHER_NO_SUPPLEMENT:
                    end = q + deadline + answer
                    ops.append((day(end), "clock", {"kind": EventKind.SUPPLEMENT_LAPSED}))
                    ops.append((day(end + s.archive_gap), "archive", {}))
                    return ops
                cur = q + min(answer, deadline)
                ops.append((day(cur), "clock", {"kind": EventKind.SUPPLEMENT_RECEIVED}))
                events.append(ClockEvent(EventKind.SUPPLEMENT_RECEIVED, day(cur)))
            if s.consultation:
                after, length, party = s.consultation
                a, b = cur + after, cur + after + length
                note = CONSULTATION_NOTES[party].format(**case.ctx)
                ops.append(
                    (
                        day(a),
                        "clock",
                        {"kind": EventKind.CONSULTATION_STARTED, "party": party, "note": note},
                    )
                )
                ops.append(
                    (day(b), "clock", {"kind": EventKind.CONSULTATION_ENDED, "party": party})
                )
                events.append(ClockEvent(EventKind.CONSULTATION_STARTED, day(a), party=party))
                events.append(ClockEvent(EventKind.CONSULTATION_ENDED, day(b), party=party))
                cur = b
            if s.fee:
                after, pay, pages = s.fee
                n = cur + after
                ops.append((day(n), "fee", {"pages": pages}))
                events.append(ClockEvent(EventKind.FEE_NOTICE_SENT, day(n)))
                if case.outcome == Outcome.OTHER_FEE_UNPAID:
                    end = n + clock.FEE_PAYMENT_DAYS + pay
                    ops.append((day(end), "clock", {"kind": EventKind.FEE_LAPSED}))
                    ops.append((day(end + s.archive_gap), "archive", {}))
                    return ops
                cur = n + pay
                ops.append((day(cur), "clock", {"kind": EventKind.FEE_PAID}))
                events.append(ClockEvent(EventKind.FEE_PAID, day(cur)))
            if s.extension:
                after, length = s.extension
                e = cur + after
                due = clock.compute(received, events, today=day(e)).due_on
                if due is not None and day(e) <= due:
                    kwargs = {
                        "kind": EventKind.EXTENSION_APPROVED,
                        "days": length,
                        "note": EXTENSION_NOTE,
                    }
                    ops.append((day(e), "clock", kwargs))
                    events.append(ClockEvent(EventKind.EXTENSION_APPROVED, day(e), days=length))
                    cur = e
            if s.reasons is not None:
                cur += s.reasons
                kwargs = {"kind": EventKind.REASONS_REQUESTED, "note": REASONS_NOTE}
                ops.append((day(cur), "clock", kwargs))
                events.append(ClockEvent(EventKind.REASONS_REQUESTED, day(cur)))
            if s.reasons is not None and s.deferral:
                after, beyond = s.deferral
                e = cur + after
                due = clock.compute(received, events, today=day(e)).due_on
                if due is not None and day(e) <= due:
                    until = day(self.cal.at_or_before(due.as_date()) + beyond)
                    kwargs = {"kind": EventKind.DEFERRAL_SET, "until": until, "note": DEFERRAL_NOTE}
                    ops.append((day(e), "clock", kwargs))
                    events.append(ClockEvent(EventKind.DEFERRAL_SET, day(e), until=until))
                    cur = e
            due = clock.compute(received, events, today=day(cur)).due_on
            if due is None or due.as_date() > self.cal.days[-1]:
                raise _Beyond
            due_i = self.cal.at_or_before(due.as_date())
            if s.late:
                reply = max(cur + 1, due_i + s.late)
            else:
                reply = max(cur + 1, min(due_i, cur + s.work))
            decide = max(cur, reply - s.decide_gap)
            if s.send_back:
                ops.append((day(decide), "decide", {}))
                ops.append((day(decide), "send_back", {}))
                decide += 1
                reply = max(reply, decide)
            ops.append((day(decide), "decide", {}))
            ops.append((day(min(reply, decide + s.approve_gap)), "approve", {}))
            ops.append((day(reply), "reply", {}))
            deliver = reply + s.deliver_gap
            ops.append((day(deliver), "deliver", {}))
            ops.append((day(deliver + s.archive_gap), "archive", {}))
            at = reply
            for k, (kind, result) in enumerate(case.remedies):
                at += self.rng.randint(8, 25)
                if kind == RemedyKind.SUIT_AFTER_REVIEW:
                    # The review came first and upheld the reply; the applicant then sued.
                    ops.append((day(at), "remedy_add", {"ref": f"{k}r", "kind": RemedyKind.REVIEW}))
                    at += self.rng.randint(30, 45)
                    ops.append(
                        (
                            day(at),
                            "remedy_conclude",
                            {"ref": f"{k}r", "result": RemedyResult.UPHELD},
                        )
                    )
                    at += self.rng.randint(5, 12)
                ops.append((day(at), "remedy_add", {"ref": str(k), "kind": kind}))
                if result != RemedyResult.PENDING:
                    at += self.rng.randint(25, 50)
                    ops.append((day(at), "remedy_conclude", {"ref": str(k), "result": result}))
        except _Beyond:
            pass
        ops.sort(key=lambda op: op[0])  # stable: steps of one day keep their order
        return ops

    @staticmethod
    def _key(op) -> str:
        _day, name, kwargs = op
        return f"clock:{kwargs['kind']}" if name == "clock" else name

    def ops_for(self, case: Case) -> list[tuple[date, str, dict]]:
        """The steps that have happened by now."""
        last = self.cal.days[self.last]
        if case.stop == "submit":
            return [(last, "submit", {})]
        if case.stop:
            target = self.last - case.slack
            r = target - 60
            for _attempt in range(6):
                ops = self.schedule(case, r)
                at = next((op[0] for op in ops if self._key(op) == case.stop), None)
                if at is None:
                    break
                shift = target - self.cal.index[at]
                if shift == 0:
                    break
                r += shift
            cut = next((k for k, op in enumerate(ops) if self._key(op) == case.stop), len(ops) - 1)
            ops = ops[: cut + 1]
            case.r = r
        else:
            ops = self.schedule(case, case.r)
        return [op for op in ops if op[0] <= last]

    def timeline(self, cases: list[Case]) -> list[tuple[datetime, int, Callable]]:
        steps = []
        for case in cases:
            ops = self.ops_for(case)
            if not ops:
                continue
            if case.channel == Channel.ONLINE and ops[0][1] != "submit":
                received = ops[0][0]
                sent = received - timedelta(days=case.lead)
                minute = case.minute if case.lead else 7 * 60 + case.minute % 90
                case.submit_at = _at(sent, time(minute // 60, minute % 60))
                ops.insert(0, (sent, "submit", {}))
            elif ops[0][1] == "submit":
                # Sent late on the last working day or since: not confirmed yet.
                closed = _at(self.cal.days[self.last], time(17, 0))
                span = max(1, int((self.now - closed).total_seconds() // 60) - 1)
                case.submit_at = closed + timedelta(minutes=case.minute % span)
            moment = _moments(self.rng, case.submit_at)
            for day, name, kwargs in ops:
                at = case.submit_at if name == "submit" else moment(day)
                if at >= self.now:
                    break
                steps.append((at, len(steps), _bind(case, name, kwargs)))
        steps.sort(key=lambda step: (step[0], step[1]))
        return steps


# ------------------------------------------------------------------------------ steps


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _moments(rng: Random, previous: datetime | None):
    """Strictly increasing office-hour moments, one per step, on the days asked for."""

    def moment(day: date) -> datetime:
        nonlocal previous
        if previous is not None and timezone.localtime(previous).date() >= day:
            previous += timedelta(minutes=rng.randint(3, 40))
        else:
            minute = rng.choice(
                [rng.randint(8 * 60 + 40, 11 * 60 + 30), rng.randint(13 * 60 + 40, 16 * 60 + 30)]
            )
            previous = _at(day, time(minute // 60, minute % 60))
        return previous

    return moment


def _bind(case: Case, name: str, kwargs: dict):
    def run(now: datetime):
        _run(case, name, kwargs, now)

    run.__name__ = name
    return run


def _run(case: Case, name: str, kwargs: dict, now: datetime) -> None:
    """One service call of the case."""
    app, org, handler = case.application, case.unit.org, case.handler
    today = local_date(now)
    if name == "submit":
        case.application = foi.application_submit(organization=org, data=case.data, now=now)
    elif name == "register":
        case.application = foi.application_register(
            organization=org, data=case.data, actor=handler, now=now, **kwargs
        )
    elif name == "confirm":
        foi.application_confirm(application=app, actor=handler, now=now)
    elif name == "assign":
        office = case.unit.person(Role.OPENNESS_OFFICE)
        foi.application_assign(application=app, handler=handler, actor=office, now=now)
    elif name == "link":
        items = Item.objects.filter(pk__in=case.link)
        foi.application_link_items(application=app, items=items, actor=handler, now=now)
    elif name == "clock":
        kind = kwargs["kind"]
        note = kwargs.get("note") or LAPSE_NOTES.get(kind, "")
        extra = {k: v for k, v in kwargs.items() if k in ("until", "days", "party")}
        foi.clock_entry_add(
            application=app, kind=kind, on=today, actor=handler, now=now, note=note, **extra
        )
    elif name == "fee":
        foi.fee_notice_send(
            application=app, method=FeeMethod.BY_PAGE, pages=kwargs["pages"], actor=handler, now=now
        )
    elif name == "decide":
        foi.application_decide(
            application=app,
            outcome=case.outcome,
            reasons=case.reasons,
            processing_summary=case.summary,
            actor=handler,
            now=now,
        )
    elif name == "send_back":
        foi.application_send_back(
            application=app, actor=case.approver, now=now, reason=SEND_BACK_REASON
        )
    elif name == "approve":
        foi.application_approve(application=app, actor=case.approver, now=now)
    elif name == "reply":
        foi.application_reply(application=app, actor=handler, now=now)
    elif name == "deliver":
        note = DELIVERY_NOTES[case.data["delivery"]]
        foi.application_deliver(application=app, actor=handler, now=now, note=note)
    elif name == "archive":
        foi.application_archive(application=app, actor=handler, now=now)
    elif name == "remedy_add":
        case.remedy_rows[kwargs["ref"]] = foi.remedy_add(
            application=app,
            kind=kwargs["kind"],
            filed_on=today,
            actor=handler,
            now=now,
            body=_remedy_body(case, kwargs["kind"]),
        )
    elif name == "remedy_conclude":
        result = kwargs["result"]
        foi.remedy_conclude(
            remedy=case.remedy_rows[kwargs["ref"]],
            result=result,
            concluded_on=today,
            actor=handler,
            now=now,
            note=REMEDY_NOTES[result],
        )
    else:  # pragma: no cover - a typo in a schedule
        raise ValueError(name)


def _remedy_body(case: Case, kind: str) -> str:
    org = case.unit.org
    if kind == RemedyKind.REVIEW:
        if org.level == Level.GOVERNMENT:
            return "省人民政府"
        if org.level in (Level.DEPARTMENT, Level.DISTRICT):
            return f"{vocab.CITY}人民政府"
        return f"{org.parent.name if org.parent else vocab.CITY + '人民政府'}"
    if kind == RemedyKind.SUIT_AFTER_REVIEW:
        return f"{vocab.CITY}中级人民法院"
    return f"{vocab.CITY}{case.ctx.get('district', '江北区')}人民法院"
