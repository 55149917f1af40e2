"""The shared catalog templates an organization builds its own catalog from.

Kept as data, not code, so that a locality can rename, merge or add columns in the admin
(local lists of the 26 grassroots areas already differ). ``seed_templates`` is called by a
data migration with historical models, so it must use only plain model APIs, and it never
overwrites what an administrator has changed since.

Each template is one tree with a single root column named after the template, so that
several templates can sit side by side in one organization's catalog.
"""

from typing import Any

# Article 26 of the Regulation: the default limit for every proactive column.
WITHIN_20_WORKDAYS = "信息形成或者变更之日起20个工作日内"
BUDGET_LIMIT = "经批准或者批复后20日内（《预算法》第十四条）"

ON_WEBSITE = "政府网站、政务新媒体"
WITH_GAZETTE = "政府网站、政府公报、政务新媒体"
AT_SERVICE_HALL = "政府网站、政务服务大厅、政务新媒体"
IN_EMERGENCIES = "政府网站、新闻发布会、广播电视、政务新媒体、预警信息发布系统"
GRASSROOTS = "政府网站、政务新媒体、政务服务场所、村（居）务公开栏"

THIS_BODY = "本机关"
GRASSROOTS_BODY = "县、乡两级行政机关（按职责分工）"
EVERYONE = "全社会"

Node = dict[str, Any]


def _node(
    name: str, content: str, frequency: str, *, children: list[Node] | None = None, **fields: str
) -> Node:
    return {
        "name": name,
        "content": content,
        "update_frequency": frequency,
        "subject": fields.get("subject", THIS_BODY),
        "time_limit": fields.get("time_limit", WITHIN_20_WORKDAYS),
        "method": fields.get("method", ON_WEBSITE),
        "scope": fields.get("scope", EVERYONE),
        "children": children or [],
    }


STATUTORY: list[Node] = [
    _node(
        "法定主动公开内容",
        "《中华人民共和国政府信息公开条例》第二十条列明、行政机关应当主动公开的政府信息，"
        "按条目分设栏目。",
        "as_needed",
        children=[
            _node(
                "行政法规、规章和规范性文件",
                "本机关制定或者牵头制定的规章、行政规范性文件和其他政策文件全文，标明文号、"
                "成文日期和有效性；文件被修改、废止或者失效的，及时更新有效性标注。",
                "as_needed",
                method=WITH_GAZETTE,
            ),
            _node(
                "机构职能",
                "本机关的法定职能、内设机构和所属单位、办公地址、办公时间、联系电话以及"
                "负责人姓名；发生调整的，随时更新。",
                "as_needed",
            ),
            _node(
                "规划信息",
                "国民经济和社会发展规划、专项规划、区域规划及配套政策，包括规划文本、"
                "编制说明、中期评估和调整情况。",
                "as_needed",
                method=WITH_GAZETTE,
            ),
            _node(
                "统计信息",
                "国民经济和社会发展统计数据，包括统计公报、月度和季度主要指标，以及本机关"
                "在履职中形成的业务统计数据。",
                "quarterly",
                time_limit="按统计发布日程公开；没有日程的，形成之日起20个工作日内",
            ),
            _node(
                "行政许可和其他对外管理服务事项",
                "行政许可和其他对外管理服务事项的设定依据、申请条件、办理程序、办理时限、"
                "收费情况，以及办理结果。",
                "monthly",
                method=AT_SERVICE_HALL,
                time_limit="依据、条件、程序变化或者作出决定之日起20个工作日内",
            ),
            _node(
                "行政处罚和行政强制",
                "行政处罚、行政强制的依据、条件和程序，以及有一定社会影响的行政处罚决定；"
                "公开处罚决定时，对自然人的个人信息作去标识化处理。",
                "quarterly",
                time_limit="依据、程序变化或者作出决定之日起20个工作日内",
            ),
            _node(
                "财政预算、决算",
                "本级政府预算和决算，或者本部门预算和决算，连同说明和报表，包括“三公”经费"
                "的安排和使用情况。",
                "yearly",
                time_limit=BUDGET_LIMIT,
                method=WITH_GAZETTE,
            ),
            _node(
                "行政事业性收费",
                "本机关实施的行政事业性收费项目、设立依据和收费标准；项目取消或者标准调整的，"
                "同步更新。",
                "as_needed",
                method=AT_SERVICE_HALL,
            ),
            _node(
                "政府集中采购",
                "政府集中采购目录和采购限额标准、采购意向、采购项目的实施情况和结果。",
                "quarterly",
            ),
            _node(
                "重大建设项目",
                "重大建设项目的审批、核准或者备案结果，以及招标投标、征收土地、施工和竣工"
                "验收等实施情况。",
                "quarterly",
            ),
            _node(
                "扶贫、教育、医疗、社会保障和促进就业",
                "乡村振兴（扶贫）、教育、医疗、社会保障和促进就业方面的政策、措施及其落实情况。",
                "quarterly",
            ),
            _node(
                "突发公共事件应对",
                "突发公共事件的应急预案、预警信息和应对处置情况；事件发生后，持续发布事件"
                "进展和应对措施。",
                "as_needed",
                method=IN_EMERGENCIES,
                time_limit="预警信息和处置进展随时发布；应急预案印发之日起20个工作日内",
            ),
            _node(
                "监督检查情况",
                "环境保护、公共卫生、安全生产、食品药品、产品质量等方面监督检查的计划、"
                "抽查结果和问题整改情况。",
                "quarterly",
            ),
            _node(
                "公务员招考",
                "公务员考试录用的职位、名额和报考条件，以及拟录用人员名单和录用结果。",
                "yearly",
                subject="本机关（会同公务员主管部门）",
                time_limit="按招考公告确定的时间节点公开",
            ),
            _node(
                "其他依法应当主动公开的信息",
                "法律、法规、规章和国家有关规定要求主动公开的其他政府信息。",
                "as_needed",
            ),
        ],
    ),
]

FIVE_PUBLIC: list[Node] = [
    _node(
        "五公开",
        "把公开贯穿于政务运行全过程，按决策、执行、管理、服务、结果五个环节归集公开信息。",
        "as_needed",
        children=[
            _node(
                "决策公开",
                "重大行政决策事项目录、决策草案及起草说明、征求意见的渠道和期限、意见采纳"
                "情况的反馈，以及决策结果和政策解读。",
                "quarterly",
                time_limit="决策草案在征求意见前公开；决策结果作出之日起20个工作日内",
            ),
            _node(
                "执行公开",
                "重要政策、重点工作和重大项目的推进落实情况，以及督查检查、审计发现问题的"
                "整改情况。",
                "quarterly",
            ),
            _node(
                "管理公开",
                "权力清单和责任清单、行政执法主体和依据、监管规则和标准，以及“双随机、"
                "一公开”抽查计划和结果。",
                "quarterly",
            ),
            _node(
                "服务公开",
                "政务服务事项清单、办事指南、办理进度和结果查询方式，以及便民服务信息。",
                "monthly",
                method=AT_SERVICE_HALL,
                time_limit="办事指南变化之日起及时更新；其他信息形成之日起20个工作日内",
            ),
            _node(
                "结果公开",
                "政策落实效果、重点工作完成情况、人大代表建议和政协委员提案办理结果，以及"
                "政策评估报告。",
                "quarterly",
            ),
        ],
    ),
]

KEY_AREAS: list[Node] = [
    _node(
        "重点领域信息公开",
        "群众普遍关心、涉及切身利益的领域的政府信息，按领域分设栏目。",
        "as_needed",
        children=[
            _node(
                "重大建设项目",
                "项目批准、核准或者备案信息，以及招标投标、征收土地、重大设计变更、施工"
                "管理、质量安全监督和竣工验收等实施信息。",
                "quarterly",
            ),
            _node(
                "公共资源配置",
                "公共资源交易和分配的规则、过程和结果。",
                "as_needed",
                children=[
                    _node(
                        "保障性住房分配",
                        "房源信息、申请条件、分配程序、轮候排序和分配结果。",
                        "quarterly",
                        scope="全社会（分配对象的个人信息作去标识化处理）",
                    ),
                    _node(
                        "国有土地使用权出让",
                        "年度供地计划、出让公告、成交结果和供地结果。",
                        "quarterly",
                    ),
                    _node(
                        "矿业权出让",
                        "矿业权出让公告、成交结果和登记信息。",
                        "as_needed",
                    ),
                    _node(
                        "政府采购",
                        "采购意向、采购公告、中标或者成交结果和采购合同。",
                        "monthly",
                    ),
                    _node(
                        "国有产权交易",
                        "国有产权转让、企业增资和资产出租的交易公告及结果。",
                        "as_needed",
                    ),
                    _node(
                        "工程建设项目招标投标",
                        "招标公告、中标候选人、中标结果和合同履约信息。",
                        "monthly",
                    ),
                ],
            ),
            _node(
                "社会公益事业",
                "教育、医疗卫生、文化、体育等公益事业单位的服务规范、收费标准和服务质量，"
                "以及慈善捐赠款物的接收和使用情况。",
                "quarterly",
            ),
            _node(
                "财政预决算",
                "政府和部门的预算、决算及说明。",
                "yearly",
                time_limit=BUDGET_LIMIT,
                children=[
                    _node(
                        "政府预算和决算",
                        "本级政府预算、预算调整、决算和预算执行情况报告及报表。",
                        "yearly",
                        time_limit=BUDGET_LIMIT,
                        subject="本级财政部门",
                    ),
                    _node(
                        "部门预算和决算",
                        "各部门预算、决算及说明和报表。",
                        "yearly",
                        time_limit=BUDGET_LIMIT,
                    ),
                    _node(
                        "“三公”经费",
                        "因公出国（境）费、公务用车购置及运行费、公务接待费的预算安排和使用情况。",
                        "yearly",
                        time_limit=BUDGET_LIMIT,
                    ),
                ],
            ),
            _node(
                "安全生产",
                "安全生产责任落实、执法检查计划和结果、重大事故隐患整改和生产安全事故调查"
                "处理情况。",
                "quarterly",
            ),
            _node(
                "生态环境",
                "环境质量状况、重点排污单位名录、建设项目环境影响评价审批、环境执法检查和"
                "突出环境问题整改情况。",
                "monthly",
            ),
            _node(
                "食品药品安全",
                "食品药品抽检结果、不合格产品的核查处置、违法案件查处和消费提示。",
                "quarterly",
            ),
            _node(
                "社会救助",
                "最低生活保障、特困人员救助供养、临时救助等政策、标准、申请程序和资金使用"
                "情况；公示救助对象时不公开身份证号码等敏感个人信息。",
                "quarterly",
            ),
            _node(
                "教育",
                "招生入学政策和结果、学校设置、收费项目和标准、学生资助和教育督导评估结果。",
                "quarterly",
            ),
            _node(
                "卫生健康",
                "医疗卫生机构设置和执业信息、法定传染病疫情、基本公共卫生服务项目和医疗服务价格。",
                "monthly",
            ),
            _node(
                "就业创业",
                "就业创业扶持政策、公共招聘信息、职业技能培训和补贴资金发放情况。",
                "monthly",
            ),
            _node(
                "房屋征收与补偿",
                "国有土地上房屋征收决定、补偿方案、补偿标准和分户补偿结果。",
                "as_needed",
            ),
            _node(
                "价格和收费",
                "政府定价和政府指导价目录、价格调整和听证情况、涉企收费清单。",
                "as_needed",
            ),
        ],
    ),
]


def _area(name: str, content: str, frequency: str, **fields: str) -> Node:
    fields.setdefault("subject", GRASSROOTS_BODY)
    fields.setdefault("method", GRASSROOTS)
    return _node(name, content, frequency, **fields)


VILLAGE_NOTICE = "全社会；到户信息在所在村（居）务公开栏公示"

GRASSROOTS_AREAS: list[Node] = [
    _node(
        "基层政务公开标准目录",
        "按国务院部门制定的基层政务公开领域标准指引编制的目录，分领域列明公开事项；"
        "各地可结合实际增减、合并或者更名。",
        "as_needed",
        subject=GRASSROOTS_BODY,
        method=GRASSROOTS,
        children=[
            _area(
                "重大建设项目",
                "项目批准、核准或者备案结果，招标投标、征收土地、施工、"
                "质量安全监督和竣工验收信息。",
                "quarterly",
            ),
            _area(
                "公共资源交易", "交易公告、资格审查结果、成交信息、合同订立和履约情况。", "monthly"
            ),
            _area(
                "财政预决算",
                "县、乡两级政府预算和决算，部门预算和决算，以及“三公”经费。",
                "yearly",
                time_limit=BUDGET_LIMIT,
            ),
            _area(
                "安全生产", "安全生产行政许可、执法检查、隐患整改和事故调查处理信息。", "quarterly"
            ),
            _area(
                "税收管理",
                "税收政策和办税指南、纳税信用评价结果、重大税收违法失信案件。",
                "quarterly",
                subject="税务部门",
            ),
            _area(
                "征地补偿",
                "征收土地预公告、征地补偿安置方案、补偿标准和补偿费用发放情况。",
                "as_needed",
                scope=VILLAGE_NOTICE,
            ),
            _area(
                "国有土地上房屋征收与补偿",
                "房屋征收决定、补偿方案、评估机构的选定和分户补偿情况。",
                "as_needed",
            ),
            _area(
                "城乡规划",
                "城乡规划的编制和修改草案、批准后的规划、规划许可和规划核实结果。",
                "as_needed",
            ),
            _area(
                "生态环境",
                "环境质量信息、建设项目环评审批、排污许可、环境执法检查和突出问题整改情况。",
                "monthly",
            ),
            _area(
                "公共文化服务", "公共文化设施的开放时间和免费开放项目、文化活动安排。", "quarterly"
            ),
            _area(
                "公共法律服务", "法律援助、人民调解、公证等服务的办理指南和服务网点。", "as_needed"
            ),
            _area(
                "扶贫",
                "帮扶政策、帮扶项目和资金安排、项目实施和验收情况。",
                "quarterly",
                scope=VILLAGE_NOTICE,
            ),
            _area(
                "救灾",
                "灾情信息、救灾款物的分配和发放情况，以及受灾群众救助政策。",
                "as_needed",
                scope=VILLAGE_NOTICE,
            ),
            _area(
                "社会救助",
                "低保、特困供养、临时救助的政策、标准和办理程序，以及救助对象"
                "公示（隐去敏感个人信息）。",
                "monthly",
                scope=VILLAGE_NOTICE,
            ),
            _area(
                "养老服务",
                "养老服务政策、养老机构名录和服务信息、老年人补贴发放情况。",
                "quarterly",
            ),
            _area(
                "户籍管理",
                "户口登记、迁移和居民身份证办理的政策、条件、材料和程序。",
                "as_needed",
                subject="公安机关及其派出所",
            ),
            _area(
                "涉农补贴",
                "各类涉农补贴的政策依据、补贴对象、补贴标准和资金发放情况。",
                "quarterly",
                scope=VILLAGE_NOTICE,
            ),
            _area(
                "就业", "就业政策、公共就业服务、招聘信息、职业培训和就业补贴发放情况。", "monthly"
            ),
            _area("社会保险", "社会保险参保缴费政策、待遇标准和经办服务指南。", "quarterly"),
            _area("义务教育", "招生入学政策、学区划分、学校收费和学生资助信息。", "quarterly"),
            _area(
                "卫生健康",
                "基层医疗卫生机构信息、基本公共卫生服务项目、疾病防控和健康提示。",
                "quarterly",
            ),
            _area(
                "食品药品监管", "食品药品监督抽检结果、许可信息和违法案件查处信息。", "quarterly"
            ),
            _area("城市综合执法", "综合执法事项清单、执法依据、执法程序和执法决定。", "quarterly"),
            _area(
                "农村危房改造",
                "改造政策、补助标准、申请程序、改造对象和补助资金发放情况。",
                "yearly",
                scope=VILLAGE_NOTICE,
            ),
            _area("保障性住房", "保障性住房的房源、申请条件、轮候排序和分配结果。", "quarterly"),
            _area(
                "市政服务",
                "供水、供电、供气、供热、公共交通等市政服务的办理指南、收费"
                "标准，以及停水停电等临时通知。",
                "monthly",
            ),
        ],
    ),
]

TEMPLATES: list[dict[str, Any]] = [
    {
        "name": "法定主动公开内容",
        "kind": "statutory",
        "description": "依照条例第二十条，每个行政机关都应设置的主动公开栏目。",
        "nodes": STATUTORY,
    },
    {
        "name": "五公开",
        "kind": "five_public",
        "description": "按决策、执行、管理、服务、结果公开归集信息的栏目。",
        "nodes": FIVE_PUBLIC,
    },
    {
        "name": "重点领域信息公开",
        "kind": "key_areas",
        "description": "重大建设项目、公共资源配置、社会公益事业等重点领域的公开栏目。",
        "nodes": KEY_AREAS,
    },
    {
        "name": "基层政务公开标准目录",
        "kind": "grassroots",
        "description": "县、乡两级政府使用的26个领域标准目录。",
        "nodes": GRASSROOTS_AREAS,
    },
]

NODE_FIELDS = ("subject", "content", "time_limit", "method", "scope", "update_frequency")


def seed_templates(CatalogTemplate, CatalogTemplateNode) -> None:
    """Create the shared templates and their nodes where missing; both arguments may be
    historical models. Existing templates and nodes are left as they are."""
    for spec in TEMPLATES:
        template, _created = CatalogTemplate.objects.get_or_create(
            name=spec["name"],
            defaults={"kind": spec["kind"], "description": spec["description"]},
        )
        _seed_nodes(CatalogTemplateNode, template, None, spec["nodes"])


def _seed_nodes(CatalogTemplateNode, template, parent, nodes: list[Node]) -> None:
    for order, spec in enumerate(nodes, start=1):
        node = CatalogTemplateNode.objects.filter(
            template=template, parent=parent, name=spec["name"]
        ).first()
        if node is None:
            node = CatalogTemplateNode.objects.create(
                template=template,
                parent=parent,
                name=spec["name"],
                sort_order=order * 10,
                **{field: spec[field] for field in NODE_FIELDS},
            )
        _seed_nodes(CatalogTemplateNode, template, node, spec["children"])
