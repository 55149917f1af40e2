"""Titles and bodies of the demonstration items, written from the patterns in ``vocab``.

Every function takes the generator's ``random.Random`` so that a seed gives the same text.
Bodies are HTML: one ``<p>`` per paragraph, section headings in ``<strong>``.
"""

import re
from datetime import date, timedelta
from random import Random

from . import vocab

HAN = re.compile(r"[\u4e00-\u9fff]")
SLOT = re.compile(r"\{([~#%.]?)([\w\-]+)\}")
NUMERALS = "一二三四五六七八九十"


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def fill(rng: Random, pattern: str, ctx: dict) -> str:
    """Fill ``{name}`` from ctx, ``{~pool}`` from vocab.POOLS, ``{#a-b}`` (whole number),
    ``{.a-b}`` (one decimal) and ``{%a-b}`` (percentage)."""

    used: set[str] = set()

    def slot(m: re.Match) -> str:
        kind, name = m.groups()
        if kind == "~":  # a phrase not used yet in this pattern
            choice = rng.choice([p for p in vocab.POOLS[name] if p not in used])
            used.add(choice)
            return choice
        if kind:
            low, high = (int(x) for x in name.split("-"))
            if kind == "#":
                return str(rng.randint(low, high))
            return f"{rng.uniform(low, high):.1f}" + ("%" if kind == "%" else "")
        return str(ctx[name])

    # A subject that ends in 管理 (预算绩效管理) before a pattern's 管理办法 says it once.
    return SLOT.sub(slot, pattern).replace("管理管理", "管理")


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (enough for article and section numbers)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


def date_cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def person_name(rng: Random) -> str:
    given = rng.choice(vocab.GIVEN) + (rng.choice(vocab.GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(vocab.SURNAMES) + given


def company_name(rng: Random) -> str:
    return f"临江{rng.choice(vocab.COMPANY_WORDS)}{rng.choice(vocab.COMPANY_TRADES)}有限公司"


def phone(rng: Random) -> str:
    return f"{vocab.AREA_CODE}-88{rng.randint(100000, 999999)}"


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def heading(n: int, title: str) -> str:
    return f"<strong>{chinese_number(n)}、{title}</strong>"


def _pick(rng: Random, sentences: list[str], low: int, high: int) -> list[str]:
    """Some of ``sentences``, kept in their written order."""
    k = min(len(sentences), rng.randint(low, high))
    return [sentences[i] for i in sorted(rng.sample(range(len(sentences)), k))]


def enumerate_cn(items: list[str]) -> str:
    """一是……；二是……；三是……。"""
    return "；".join(f"{chinese_number(n)}是{item}" for n, item in enumerate(items, 1)) + "。"


def measures(rng: Random, ctx: dict, used: set[str], k: int = 4) -> str:
    """A paragraph of work measures not used yet in this text."""
    fresh = [m for m in vocab.MEASURES if m not in used]
    chosen = rng.sample(fresh, min(k, len(fresh)))
    used.update(chosen)
    opening = fill(rng, rng.choice(vocab.MEASURE_OPENINGS), ctx)
    return opening + enumerate_cn([fill(rng, m, ctx) for m in chosen])


# ------------------------------------------------------------------------------ titles


def title_for(rng: Random, info_type: str, ctx: dict) -> str:
    """A title for an item of ``info_type``. Sets ctx["doc"] when a policy 印发s a document
    and ctx["news_kind"] for 工作动态, which the body follows."""
    ctx["doc"] = ""
    if info_type == "news":
        kind = rng.choice(list(vocab.NEWS_KINDS))
        ctx["news_kind"] = kind
        return fill(rng, rng.choice(vocab.NEWS_KINDS[kind][0]), ctx)
    key = info_type
    if info_type == "statistics" and ctx.get("economic"):
        key = "statistics_economic"
    pattern = rng.choice(vocab.TITLES[key])
    if "{doc}" in pattern:
        ctx["doc"] = fill(rng, rng.choice(vocab.TITLES[f"{info_type}_doc"]), ctx)
    title = fill(rng, pattern, ctx)
    if info_type == "rule":
        ctx["doc"] = title
    return title


# ------------------------------------------------------------------------------ bodies


def _sections(rng: Random, sections, ctx: dict, *, target: int = 0, per_section=(2, 4)):
    """Numbered sections with some of their sentences each: about ``target`` characters when
    it is given (sections with more sentences give more), else ``per_section`` sentences."""
    pool = [sentence for _name, sentences in sections for sentence in sentences]
    wanted = target / (sum(han_count(s) for s in pool) / len(pool)) if target else 0
    lines = []
    for n, (name, sentences) in enumerate(sections, start=1):
        low, high = per_section
        if target:
            share = round(wanted * len(sentences) / len(pool))
            low = high = max(1, min(len(sentences), share))
        lines.append(heading(n, name))
        lines.extend(fill(rng, s, ctx) for s in _pick(rng, sentences, low, high))
    return lines


def _signature(ctx: dict) -> list[str]:
    return [ctx["org"], date_cn(ctx["written_on"])]


def policy_body(rng: Random, ctx: dict, target: int) -> list[str]:
    """A 规章 or a 规范性文件 as 第X章 / 第X条; 工作要点 and 方案 as numbered sections; both behind
    a cover letter when a notice 印发s them."""
    lines = []
    if ctx["info_type"] == "rule":
        lines.append(
            f"《{ctx['doc']}》已经{date_cn(ctx['written_on'])}市人民政府常务会议审议通过，"
            f"现予公布，自{ctx['effective']}起施行。"
        )
        lines.append(f"市长　{ctx['leader_name']}")
    elif ctx.get("doc"):
        lines += fill(rng, rng.choice(vocab.POLICY_COVER), ctx).split("\n")
        lines += _signature(ctx) + [f"<strong>{ctx['doc']}</strong>"]
    if not ctx.get("doc") and ctx["title"].endswith("通知"):
        return notice_body(rng, ctx, target)
    if not ctx.get("doc") or ctx["info_type"] == "other_policy":
        return lines + _opinion(rng, ctx, target) + ([] if ctx.get("doc") else _signature(ctx))
    chapters = vocab.POLICY_CHAPTERS
    per_chapter = max(1, (target - han_count("".join(lines))) // 50 // len(chapters))
    article = 0
    for n, chapter in enumerate(chapters, start=1):
        lines.append(f"<strong>第{chinese_number(n)}章　{chapter}</strong>")
        pool = vocab.POLICY_ARTICLES[chapter]
        fixed = chapter in ("总则", "附则")
        for sentence in pool if fixed else _pick(rng, pool, per_chapter, per_chapter + 1):
            article += 1
            lines.append(f"第{chinese_number(article)}条　{fill(rng, sentence, ctx)}")
    return lines


def _opinion(rng: Random, ctx: dict, target: int) -> list[str]:
    lines = [fill(rng, "为了推动{subject}工作，根据{~basis}，结合本市实际，提出如下意见。", ctx)]
    return lines + _sections(rng, vocab.OPINION_SECTIONS, ctx, target=target)


def notice_body(rng: Random, ctx: dict, target: int) -> list[str]:
    title = ctx["title"]
    if "公示" in title:
        return publicity_body(rng, ctx, target)
    if "征求" in title:
        lines = [fill(rng, line, ctx) for line in vocab.CONSULTATION_LINES]
        return lines + _signature(ctx) + _opinion(rng, ctx, target)
    if "通报" in title:
        lines = [fill(rng, "{recipients}：", ctx)]
        return lines + _sections(rng, vocab.REPORT_SECTIONS, ctx, target=target) + _signature(ctx)
    if "公告" in title:
        lines = [fill(rng, vocab.ANNOUNCEMENT_OPENING, ctx)]
    else:
        lines = [
            fill(rng, "{recipients}：", ctx),
            fill(
                rng,
                "为了做好{subject}工作，根据{~basis}，经研究，决定开展相关工作。"
                "现将有关事项通知如下：",
                ctx,
            ),
        ]
    lines += _sections(rng, vocab.NOTICE_SECTIONS, ctx, target=target)
    lines.append(f"联系人：{ctx['contact']}，联系电话：{ctx['phone']}。")
    return lines + _signature(ctx)


def publicity_body(rng: Random, ctx: dict, target: int) -> list[str]:
    lines = [fill(rng, rng.choice(vocab.PUBLICITY_OPENINGS), ctx)]
    for n in range(1, max(4, (target - 250) // 40) + 1):
        lines.append(
            f"{n}．{company_name(rng)}，申报项目：{ctx['subject']}相关项目，"
            f"拟支持金额{rng.randint(5, 120)}万元，审核意见：符合申报条件。"
        )
    lines += [fill(rng, s, ctx) for s in vocab.PUBLICITY_CLOSINGS]
    return lines + _signature(ctx)


def news_body(rng: Random, ctx: dict, target: int) -> list[str]:
    kind = ctx.get("news_kind") or rng.choice(list(vocab.NEWS_KINDS))
    _titles, opening, sentences = vocab.NEWS_KINDS[kind]
    lines = [fill(rng, opening, ctx)]
    lines += [fill(rng, s, ctx) for s in _pick(rng, sentences, 3, len(sentences))]
    background = list(vocab.NEWS_BACKGROUND)
    rng.shuffle(background)
    while background and (han_count("".join(lines)) < target or len(background) > 5):
        lines.insert(rng.randint(1, len(lines)), fill(rng, background.pop(), ctx))
    lines.append(fill(rng, rng.choice(vocab.NEWS_CLOSINGS), ctx))
    return lines


def statistics_body(rng: Random, ctx: dict, target: int) -> list[str]:
    economic = ctx.get("economic")
    openings = vocab.STAT_OPENINGS if economic else vocab.STAT_WORK_OPENINGS
    indicators = vocab.STAT_INDICATORS if economic else vocab.STAT_WORK_INDICATORS
    lines = [fill(rng, rng.choice(openings), ctx), heading(1, "主要指标")]
    for name, unit, low, high in _pick(rng, indicators, 5, len(indicators)):
        value = rng.uniform(low, high)
        shown = f"{value:.1f}" if unit in ("亿元", "%") else f"{int(value)}"
        trend = "增长" if rng.random() < 0.8 else "下降"
        if unit == "%":
            lines.append(f"{name}{shown}%，比上年同期{trend}{rng.uniform(0.1, 3):.1f}个百分点。")
        else:
            lines.append(f"{name}{shown}{unit}，同比{trend}{rng.uniform(0.3, 12):.1f}%。")
    lines.append(heading(2, "分区县情况"))
    what, unit = ("地区生产总值", "亿元") if economic else (f"{ctx['subject']}相关事项", "件")
    total = rng.uniform(300, 900) if economic else rng.randint(600, 9000)
    weights = [rng.uniform(0.5, 2) for _d in vocab.DISTRICTS]
    for district, weight in zip(vocab.DISTRICTS, weights, strict=True):
        share = weight / sum(weights)
        amount = f"{total * share:.1f}" if economic else f"{int(total * share)}"
        lines.append(
            f"{district.name}：{what}{amount}{unit}，占全市的{share * 100:.1f}%，"
            f"同比增长{rng.uniform(0.5, 15):.1f}%。"
        )
    features = vocab.STAT_FEATURES if economic else vocab.STAT_WORK_FEATURES
    lines.append(heading(3, "运行特点"))
    lines.append("从运行情况看，主要呈现以下特点：" + enumerate_cn(_pick(rng, features, 3, 4)))
    lines.append(heading(4, "说明"))
    return lines + [fill(rng, note, ctx) for note in vocab.STAT_NOTES]


def personnel_body(rng: Random, ctx: dict, target: int) -> list[str]:
    if "任前公示" in ctx["title"]:
        lines = [vocab.APPOINTMENT_OPENING]
        for _n in range(max(5, target // 70)):
            person = {
                "name": person_name(rng),
                "gender": rng.choice(["男", "女"]),
                "birth": rng.randint(1972, 1992),
                "month": rng.randint(1, 12),
                "degree": rng.choice(vocab.DEGREES),
                "current": rng.choice(vocab.POSITIONS),
                "next": rng.choice(vocab.POSITIONS),
            }
            lines.append(fill(rng, vocab.APPOINTMENT_LINE, person))
        lines += [fill(rng, s, ctx) for s in vocab.PUBLICITY_CLOSINGS]
        return lines + _signature(ctx)
    if "拟聘用" in ctx["title"]:
        lines = [
            fill(
                rng,
                "根据{org}公开招聘工作安排，经笔试、面试、体检和考察，现将拟聘用人员名单予以公示。",
                ctx,
            )
        ]
        for n in range(1, rng.randint(6, 14)):
            lines.append(
                f"{n}．{person_name(rng)}，{rng.choice(['男', '女'])}，"
                f"{rng.choice(vocab.DEGREES)}，拟聘岗位：{ctx['position']}，"
                f"综合成绩{rng.uniform(68, 89):.2f}分。"
            )
        lines += vocab.HIRING_LINES
        lines += [fill(rng, s, ctx) for s in vocab.PUBLICITY_CLOSINGS]
        return lines + _signature(ctx)
    lines = [
        fill(
            rng,
            "根据工作需要，经研究，{org}决定面向社会公开招聘工作人员。现将有关事项公告如下：",
            ctx,
        )
    ]
    lines += _sections(rng, vocab.RECRUIT_SECTIONS, ctx, target=target)
    lines.append(f"咨询电话：{ctx['phone']}（工作日）。")
    return lines + _signature(ctx)


def budget_body(rng: Random, ctx: dict, target: int) -> list[str]:
    extra = {"change": rng.choice(vocab.BUDGET_CHANGES), "reason": rng.choice(vocab.BUDGET_REASONS)}
    return _sections(rng, vocab.BUDGET_SECTIONS, {**ctx, **extra}, per_section=(3, 3))


def proposal_body(rng: Random, ctx: dict, target: int) -> list[str]:
    kind = "提案" if "提案" in ctx["title"] else "建议"
    lines = [f"{person_name(rng)}{'委员' if kind == '提案' else '代表'}："]
    lines += [fill(rng, s, {**ctx, "kind": kind}) for s in vocab.PROPOSAL_SECTIONS]
    lines.append(f"联系人：{ctx['contact']}，联系电话：{ctx['phone']}。")
    return lines + _signature(ctx)


def procurement_body(rng: Random, ctx: dict, target: int) -> list[str]:
    if "意向" in ctx["title"]:
        lines = [
            fill(
                rng,
                "为便于供应商及时了解政府采购信息，根据有关规定，现将{org}近期政府采购意向"
                "公开如下：",
                ctx,
            )
        ]
        first_month = min(12, ctx["written_on"].month + 1)
        needs = [
            "技术支持与运行维护",
            "宣传资料印制",
            "第三方评估",
            "办公设备购置",
            "课题研究",
            "数据整理和录入",
            "培训组织",
        ]
        for n in range(1, max(10, target // 45)):
            lines.append(
                f"{n}．{rng.choice(ctx['subjects'])}{rng.choice(needs)}项目，"
                f"预算金额{rng.randint(10, 600)}万元，预计采购时间为{ctx['year']}年"
                f"{rng.randint(first_month, 12)}月。"
            )
        lines.append(
            "本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告"
            "和采购文件为准。"
        )
        return lines + _signature(ctx)
    extra = {
        "project_no": f"LJCG-{ctx['year']}-{rng.randint(100, 999)}",
        "procurement_method": rng.choice(vocab.PROCUREMENT_METHODS),
        "company": company_name(rng),
        "street": rng.choice(vocab.STREETS),
        "experts": "、".join(person_name(rng) for _n in range(5)),
    }
    lines = [
        f"{chinese_number(n)}、{fill(rng, line, {**ctx, **extra})}"
        for n, line in enumerate(vocab.PROCUREMENT_FIELDS, start=1)
    ]
    lines.append(
        "供应商认为本公告使其权益受到损害的，可以在知道或者应知其权益受到损害之日起七个工作日"
        "内，以书面形式向采购人提出质疑。"
    )
    return lines + _signature(ctx)


def decisions_body(rng: Random, ctx: dict, target: int, *, penalty: bool) -> list[str]:
    what = "行政处罚" if penalty else "行政许可"
    lines = [
        f"根据政府信息公开和“双公示”有关规定，现将{ctx['org']}{ctx['data_year']}年"
        f"{ctx['month']}月作出的{what}决定公开如下。"
    ]
    matters = vocab.PENALTY_MATTERS if penalty else vocab.PERMIT_MATTERS
    decisions = vocab.PENALTY_DECISIONS if penalty else vocab.PERMIT_DECISIONS
    month_start = date(ctx["data_year"], ctx["month"], 1)
    for n in range(1, max(5, (target - 150) // 45) + 1):
        decided = month_start + timedelta(days=rng.randint(0, 27))
        values = {
            "company": company_name(rng),
            "matter": rng.choice(matters),
            "law": rng.choice(vocab.PENALTY_LAWS if penalty else vocab.PERMIT_LAWS),
            "decision": fill(rng, rng.choice(decisions), ctx),
            "date": date_cn(decided),
        }
        lines.append(f"{n}．" + fill(rng, vocab.DECISION_LINES[0], values))
    lines.append(
        "涉及自然人的信息已作去标识化处理。当事人对决定不服的，可以依法申请行政复议或者提起"
        "行政诉讼。"
    )
    return lines + _signature(ctx)


def emergency_body(rng: Random, ctx: dict, target: int) -> list[str]:
    if "预案" in ctx["title"]:
        return _sections(rng, vocab.EMERGENCY_PLAN_SECTIONS, ctx, target=target)
    lines = [fill(rng, "{recipients}：", ctx)]
    lines += _sections(rng, vocab.EMERGENCY_SECTIONS, ctx, target=target)
    lines.append(f"值班电话：{ctx['phone']}。")
    return lines + _signature(ctx)


def plan_body(rng: Random, ctx: dict, target: int) -> list[str]:
    title = ctx["title"].replace(ctx["org"], "")
    if "总结" in title:
        return _sections(rng, vocab.PLAN_REVIEW_SECTIONS, ctx, target=target) + _signature(ctx)
    if "规划" in title:
        return _sections(rng, vocab.PLANNING_SECTIONS, ctx, target=target) + _signature(ctx)
    lines = [fill(rng, rng.choice(vocab.PLAN_OPENINGS), ctx)]
    return lines + _sections(rng, vocab.OPINION_SECTIONS, ctx, target=target) + _signature(ctx)


def other_body(rng: Random, ctx: dict, target: int) -> list[str]:
    title = ctx["title"]
    if "年度报告" in title:
        sections = vocab.ANNUAL_REPORT_SECTIONS
    elif "法治政府" in title:
        sections = vocab.LAW_REPORT_SECTIONS
    else:
        sections = vocab.OTHER_SECTIONS
    return _sections(rng, sections, ctx, target=target) + _signature(ctx)


BODIES = {
    "rule": policy_body,
    "normative": policy_body,
    "other_policy": policy_body,
    "notice": notice_body,
    "news": news_body,
    "plan": plan_body,
    "statistics": statistics_body,
    "personnel": personnel_body,
    "budget": budget_body,
    "proposal": proposal_body,
    "procurement": procurement_body,
    "permit": lambda rng, ctx, target: decisions_body(rng, ctx, target, penalty=False),
    "penalty": lambda rng, ctx, target: decisions_body(rng, ctx, target, penalty=True),
    "emergency": emergency_body,
    "other": other_body,
}


def body_for(rng: Random, info_type: str, ctx: dict, *, minimum: int = 520, maximum: int = 3000):
    """An HTML body of ``minimum``–``maximum`` Chinese characters (most 600–1,500)."""
    target = int(rng.triangular(minimum, maximum - 300, 800))
    lines = BODIES[info_type](rng, ctx, target)
    # A short body gets paragraphs of work measures (or general remarks) before its
    # signature; a long one loses lines from the middle.
    keep_end = 2 if info_type not in ("news", "statistics", "budget") else 0
    neutral = list(vocab.POOLS["neutral"])
    rng.shuffle(neutral)
    used: set[str] = set()
    while han_count("".join(lines)) < max(minimum, target * 0.8) and len(used) < 12:
        if info_type in ("statistics", "budget", "permit", "penalty", "procurement"):
            if han_count("".join(lines)) >= minimum:
                break
            lines.insert(len(lines) - keep_end, fill(rng, neutral.pop(), ctx))
            used.add(str(len(used)))
        else:
            lines.insert(len(lines) - keep_end, measures(rng, ctx, used))
    while han_count("".join(lines)) > maximum and len(lines) > 6:
        lines.pop(len(lines) // 2)
    return paragraphs(lines)


def interpretation_body(rng: Random, form: str, ctx: dict) -> str:
    if form == "qa":
        lines = []
        for question, answer in vocab.QA_PAIRS:
            lines += [question, fill(rng, answer, ctx)]
    else:
        lines = _sections(rng, vocab.INTERPRETATION_SECTIONS, ctx, per_section=(1, 2))
        if form == "graphic":
            lines.insert(
                0,
                "本图解用图表的形式梳理了文件的主要内容，以下为图解的文字说明，供读屏软件用户和"
                "不便查看图片的读者使用。",
            )
        if form == "official":
            lines.insert(0, f"{ctx['interpreter']}就文件出台的背景和主要内容作了解读。")
    return paragraphs(lines)


def rules_document_body(rng: Random, ctx: dict, clauses: list[str]) -> str:
    lines = [f"第{chinese_number(n)}条　{fill(rng, c, ctx)}" for n, c in enumerate(clauses, 1)]
    lines.append(
        f"第{chinese_number(len(clauses) + 1)}条　本制度自印发之日起施行，"
        f"由{ctx['office']}负责解释。"
    )
    return paragraphs(lines)
