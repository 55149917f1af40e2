"""Default routing rules for a city government's usual departments.

Each rule finds its department by part of the name (``organization_name``), so the rules work
before the organizations are entered and on any city's names; a rule whose department does not
exist is skipped at routing time. Staff edit, disable or add rules in the admin.
"""

from django.db import migrations

RULES = [
    ("教育", "教育局", "学校、入学、招生、学位、幼儿园、中考、教师、学区、课后服务、校车、转学"),
    (
        "户籍与治安",
        "公安局",
        "户口、户籍、落户、身份证、居住证、治安、派出所、报警、驾驶证、交警、电动自行车上牌",
    ),
    ("社会救助与养老服务", "民政局", "低保、特困、临时救助、养老院、养老服务、婚姻登记、殡葬、社区服务、社会组织"),
    (
        "就业与社会保险",
        "人力资源和社会保障局",
        "社保、社会保险、养老保险、失业、就业、工资、欠薪、劳动合同、劳动仲裁、退休、职称、技能培训",
    ),
    ("土地与规划", "自然资源和规划局", "土地、不动产登记、不动产权证、宅基地、规划许可、征地、测绘、矿产"),
    ("生态环境", "生态环境局", "噪音、噪声、污染、排污、油烟、异味、环评、废水、扬尘、空气质量"),
    (
        "住房与建设",
        "住房和城乡建设局",
        "物业、住房、商品房、房地产、工地、施工、老旧小区、加装电梯、保障房、公租房、公积金",
    ),
    ("交通出行", "交通运输局", "公交、公交车、出租车、网约车、公路、客运、班车、道路运输、站台"),
    ("医疗卫生", "卫生健康委员会", "医院、医生、疫苗、接种、出生医学证明、诊所、传染病、卫生院、护士"),
    (
        "市场监管与消费维权",
        "市场监督管理局",
        "食品安全、消费者、假冒、营业执照、商标、过期、三无产品、计量、特种设备、虚假宣传、退款",
    ),
    ("医疗保障", "医疗保障局", "医保、医疗保险、报销、异地就医、门诊统筹、参保、医保卡"),
    ("农业农村", "农业农村局", "农业、农村、种植、养殖、农机、惠农补贴、渔业、动物防疫、农产品"),
    ("文化旅游", "文化广电旅游局", "旅游、景区、文物、图书馆、博物馆、演出、广播电视、网吧、导游"),
    ("安全生产", "应急管理局", "安全生产、危险化学品、烟花爆竹、自然灾害、应急避难、安全隐患"),
    ("水利", "水利局", "河道、水库、防汛、堤防、水土保持、取水、灌溉"),
    ("商务", "商务局", "外贸、招商、电商、商业网点、预付卡、菜市场、成品油"),
    (
        "政务服务",
        "政务服务管理办公室",
        "政务服务、办事大厅、一网通办、办事窗口、审批效率、预约办理、帮办代办",
    ),
]


def seed(apps, schema_editor):
    RoutingRule = apps.get_model("mailbox", "RoutingRule")
    for name, organization_name, keywords in RULES:
        RoutingRule.objects.get_or_create(
            name=name,
            defaults={"organization_name": organization_name, "keywords": keywords},
        )


class Migration(migrations.Migration):
    dependencies = [("mailbox", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
