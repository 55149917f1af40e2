"""The built-in texts of the 告知书, defined once.

They seed the editable ``LetterTemplate`` table (migration ``0002_letter_templates``; the two
Art. 35 notices came later, with ``0003_art35_reasons_and_deferral``) and are the fallback when
a row is missing. Bodies are Django templates rendered as plain text over the context described
in :mod:`gongkai.foi.letters`; paragraphs are separated by blank lines. They are template *data*
kept in the database and edited by staff, so they are not wrapped in gettext.

Legal basis: 《中华人民共和国政府信息公开条例》(2019) Arts 14–16, 29–39, 42;
《政府信息公开信息处理费管理办法》(国办函〔2020〕109号); the remedy periods follow
《中华人民共和国行政复议法》(2023) Art.20 (sixty days) and 《中华人民共和国行政诉讼法》 Art.46
(six months).
"""

from .choices import LetterKind, Outcome

REGULATION = "《中华人民共和国政府信息公开条例》"

# --- shared pieces ----------------------------------------------------------------------------

OPENING = (
    "{{ salutation }}：\n\n"
    "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），"
    "申请获取{{ requested }}。{% if supplemented_on %}本机关于{{ supplemented_on }}收到{{ you }}"
    "补正后的申请。{% endif %}现答复如下："
)

#: Every reply letter ends with this statement of the remedies and their time limits.
REMEDY = (
    "{{ you }}如对本答复不服，可以自收到本答复之日起六十日内向{{ review_body }}申请行政复议，"
    "也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)

CONTACT = (
    "{% if org.phone %}如有疑问，请与{{ office }}联系。联系电话：{{ org.phone }}"
    "{% if org.address %}；地址：{{ org.address }}{% endif %}。{% endif %}"
)

REASONS = "{% if reasons %}理由及依据：{{ reasons }}{% endif %}"

PROVISION = "提供形式：{{ provision_form }}；获取方式：{{ delivery }}。"

LINKED_ITEMS = (
    "{% for item in linked_items %}{{ forloop.counter }}. {{ item.title }}"
    "{% if item.document_number %}（{{ item.document_number }}）{% endif %}"
    "{% if item.published_on %}，{{ item.published_on }}发布{% endif %}，网址：{{ item.url }}\n"
    "{% endfor %}"
)


def _reply(*paragraphs: str) -> str:
    return "\n\n".join((OPENING, *paragraphs, REMEDY, CONTACT))


def _withhold(finding: str, articles: str, *extra: str) -> str:
    return _reply(
        f"经审查，{{{{ you }}}}申请获取的政府信息{finding}。根据{REGULATION}{articles}"
        "和第三十六条第三项的规定，本机关决定不予公开。",
        *extra,
        REASONS,
    )


# --- reply letters, one per outcome ------------------------------------------------------------

REPLY_TITLE = "政府信息公开申请答复书"

REPLY_BODIES: dict[str, str] = {
    Outcome.DISCLOSE: _reply(
        "{% if linked_items %}经查，{{ you }}申请获取的政府信息已由本机关主动公开。根据"
        + REGULATION
        + "第三十六条第一项的规定，现告知获取方式：{{ you }}可以在本机关门户网站查阅、"
        "下载以下信息：\n"
        + LINKED_ITEMS
        + "{% if processing_summary %}\n\n{{ processing_summary }}{% endif %}"
        "{% else %}经审查，{{ you }}申请获取的政府信息属于公开范围。根据"
        + REGULATION
        + "第三十六条第二项的规定，本机关决定予以公开。{{ processing_summary }}\n\n"
        + PROVISION
        + "{% endif %}",
        REASONS,
    ),
    Outcome.PARTIAL: _reply(
        "经审查，{{ you }}申请获取的政府信息中，部分内容属于不予公开的范围，其余内容可以公开，"
        "且能够作区分处理。根据" + REGULATION + "第三十七条的规定，本机关对可以公开的部分予以公开，"
        "对不予公开的部分不予提供。",
        "不予公开部分的理由及依据：{{ reasons }}",
        "{% if processing_summary %}予以公开的部分：{{ processing_summary }}{% endif %}"
        "{% if linked_items %}\n\n其中已主动公开的信息，依据第三十六条第一项告知获取方式："
        "{{ you }}可以在本机关门户网站查阅、下载：\n" + LINKED_ITEMS + "{% endif %}",
        PROVISION,
    ),
    Outcome.WITHHOLD_SECRET: _withhold("属于国家秘密", "第十四条"),
    Outcome.WITHHOLD_LAW: _withhold("属于法律、行政法规禁止公开的信息", "第十四条"),
    Outcome.WITHHOLD_SECURITY: _withhold(
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条"
    ),
    Outcome.WITHHOLD_THIRD_PARTY: _withhold(
        "涉及商业秘密、个人隐私等，公开会对第三方的合法权益造成损害",
        "第十五条、第三十二条",
        "{% if consulted_third_party %}本机关已依照第三十二条的规定书面征求第三方的意见。"
        "第三方不同意公开，且本机关认为不公开不会对公共利益造成重大影响。{% endif %}",
    ),
    Outcome.WITHHOLD_INTERNAL: _withhold(
        "属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
        "第十六条第一款",
    ),
    Outcome.WITHHOLD_PROCESS: _withhold(
        "属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "第十六条第二款",
    ),
    Outcome.WITHHOLD_ENFORCEMENT: _withhold("属于行政执法案卷信息", "第十六条第二款"),
    Outcome.WITHHOLD_QUERY: _reply(
        "经审查，{{ you }}的申请属于行政查询事项，有关法律、行政法规对这类信息的获取另有专门规定。"
        "根据" + REGULATION + "第三十六条第七项的规定，本机关不通过政府信息公开程序提供，"
        "请{{ you }}依照有关法律、行政法规的规定，向有关机关（机构）办理查询。",
        REASONS,
    ),
    Outcome.UNABLE_NOT_HELD: _reply(
        "经检索，本机关没有制作或者获取{{ you }}所申请的政府信息，本机关不掌握该信息。根据"
        + REGULATION
        + "第三十六条第四项、第五项的规定，现予告知。",
        "{% if reasons %}说明：{{ reasons }}{% endif %}",
    ),
    Outcome.UNABLE_NEEDS_CREATION: _reply(
        "经审查，本机关没有{{ you }}所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析"
        "或者另行制作。根据" + REGULATION + "第三十八条的规定，行政机关向申请人提供的应当是"
        "已制作或者获取的政府信息，本机关对此无法提供。",
        REASONS,
    ),
    Outcome.UNABLE_UNCLEAR: _reply(
        "{% if supplement_requested_on %}本机关已于{{ supplement_requested_on }}一次性告知{{ you }}"
        "需要补正的内容。{% endif %}{{ you }}补正后，申请内容仍不明确，本机关无法据此确定"
        "{{ you }}所需的政府信息。根据" + REGULATION + "第二十九条第二款、第三十条的规定，"
        "本机关无法提供。",
        REASONS,
    ),
    Outcome.REJECT_PETITION: _reply(
        "经审查，{{ you }}提出的申请实际上是以政府信息公开申请的形式进行信访、投诉、举报等活动。"
        "根据" + REGULATION + "第三十九条第一款的规定，本机关不作为政府信息公开申请处理。"
        "{{ you }}可以通过信访、投诉、举报等相应渠道向有关机关提出。",
        REASONS,
    ),
    Outcome.REJECT_REPEAT: _reply(
        "经查，{{ you }}此前已就同一政府信息向本机关提出公开申请，本机关已依法作出答复。"
        "根据" + REGULATION + "第三十六条第六项的规定，本机关对{{ you }}本次重复申请不予重复处理。",
        REASONS,
    ),
    Outcome.REJECT_PUBLICATION: _reply(
        "经审查，{{ you }}申请获取的是公报、报刊、书籍等公开出版物。根据"
        + REGULATION
        + "第三十九条第二款的规定，本机关告知获取途径，不作为政府信息公开申请处理。",
        "{% if processing_summary %}获取途径：{{ processing_summary }}{% endif %}",
        REASONS,
    ),
    Outcome.REJECT_EXCESSIVE: _reply(
        "{{ you }}申请公开政府信息的数量、频次明显超过合理范围。本机关已要求{{ you }}说明理由，"
        "经审查，理由不合理。根据" + REGULATION + "第三十五条的规定，本机关不予处理。",
        REASONS,
    ),
    Outcome.REJECT_CONFIRMATION: _reply(
        "经审查，{{ you }}的申请是要求本机关对{{ you }}已经获取的信息予以确认或者重新出具。"
        "根据" + REGULATION + "第二条、第三十八条的规定，政府信息公开是向申请人提供行政机关"
        "已制作或者获取的现有信息，不包括对信息进行确认或者重新出具，本机关不作为政府信息公开"
        "申请处理。",
        REASONS,
    ),
    Outcome.OTHER_NO_SUPPLEMENT: _reply(
        "本机关{% if supplement_requested_on %}已于{{ supplement_requested_on }}{% endif %}"
        "书面告知{{ you }}补正申请{% if supplement_until %}，补正期限至{{ supplement_until }}"
        "{% endif %}。{{ you }}无正当理由逾期未补正。根据" + REGULATION + "第三十条的规定，"
        "视为{{ you }}放弃申请，本机关不再处理该政府信息公开申请。",
        REASONS,
    ),
    Outcome.OTHER_FEE_UNPAID: _reply(
        "本机关{% if fee_notice_on %}已于{{ fee_notice_on }}{% endif %}向{{ you }}发出收费通知。"
        "{{ you }}未在收费通知规定的期限内缴纳信息处理费。根据" + REGULATION + "第四十二条和"
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为{{ you }}放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        REASONS,
    ),
    Outcome.OTHER: _reply(
        "根据" + REGULATION + "第三十三条的规定，现将{{ you }}申请的处理情况告知如下：",
        "{{ reasons }}",
        "{% if processing_summary %}{{ processing_summary }}{% endif %}",
    ),
}

#: The articles each reply letter cites (the tests check them; staff may read them as a guide).
REPLY_ARTICLES: dict[str, tuple[str, ...]] = {
    Outcome.DISCLOSE: ("第三十六条第二项",),  # 第三十六条第一项 when items are linked
    Outcome.PARTIAL: ("第三十七条",),
    Outcome.WITHHOLD_SECRET: ("第十四条", "第三十六条第三项"),
    Outcome.WITHHOLD_LAW: ("第十四条", "第三十六条第三项"),
    Outcome.WITHHOLD_SECURITY: ("第十四条", "第三十六条第三项"),
    Outcome.WITHHOLD_THIRD_PARTY: ("第十五条", "第三十二条", "第三十六条第三项"),
    Outcome.WITHHOLD_INTERNAL: ("第十六条第一款", "第三十六条第三项"),
    Outcome.WITHHOLD_PROCESS: ("第十六条第二款", "第三十六条第三项"),
    Outcome.WITHHOLD_ENFORCEMENT: ("第十六条第二款", "第三十六条第三项"),
    Outcome.WITHHOLD_QUERY: ("第三十六条第七项",),
    Outcome.UNABLE_NOT_HELD: ("第三十六条第四项", "第五项"),
    Outcome.UNABLE_NEEDS_CREATION: ("第三十八条",),
    Outcome.UNABLE_UNCLEAR: ("第三十条",),
    Outcome.REJECT_PETITION: ("第三十九条第一款",),
    Outcome.REJECT_REPEAT: ("第三十六条第六项",),
    Outcome.REJECT_PUBLICATION: ("第三十九条第二款",),
    Outcome.REJECT_EXCESSIVE: ("第三十五条",),
    Outcome.REJECT_CONFIRMATION: ("第二条", "第三十八条"),
    Outcome.OTHER_NO_SUPPLEMENT: ("第三十条", "放弃申请"),
    Outcome.OTHER_FEE_UNPAID: ("第四十二条", "国办函〔2020〕109号"),
    Outcome.OTHER: ("第三十三条",),
}

# --- notices ------------------------------------------------------------------------------------

NOTICE_OPENING = (
    "{{ salutation }}：\n\n"
    "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），"
    "申请获取{{ requested }}。"
)

SUPPLEMENT_BODY = "\n\n".join(
    (
        NOTICE_OPENING
        + "经审查，{{ you }}的申请内容不够明确，本机关无法据此确定{{ you }}所需的政府信息。根据"
        + REGULATION
        + "第二十九条、第三十条的规定，现一次性告知{{ you }}对申请作如下补正：",
        "{% if supplement_items %}{{ supplement_items }}{% else %}请写明所需政府信息的名称、"
        "文号或者便于本机关查询的其他特征性描述。{% endif %}",
        "请{{ you }}于{{ supplement_until }}前完成补正，通过原申请渠道"
        "{% if org.address %}或者邮寄至{{ org.address }}{% endif %}提交本机关。"
        "答复期限自本机关收到补正后的申请之日起重新计算。",
        "{{ you }}无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。",
        CONTACT,
    )
)

EXTENSION_BODY = "\n\n".join(
    (
        NOTICE_OPENING
        + "{% if extension_reason %}因{{ extension_reason }}，{% else %}因所申请的信息需要较长时间"
        "检索、审查，{% endif %}本机关不能在法定期限内作出答复。",
        "根据"
        + REGULATION
        + "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
        "{{ extension_days }}个工作日。本机关将于{{ due_on }}前作出答复。",
        CONTACT,
    )
)

FEE_BODY = "\n\n".join(
    (
        NOTICE_OPENING
        + "根据"
        + REGULATION
        + "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "{{ you }}的申请应当缴纳信息处理费。现通知如下：",
        "计收方式：{{ fee.method_label }}\n"
        "应缴金额：人民币{{ fee.amount }}元\n"
        "计算明细：\n"
        "{% for line in fee.lines %}{{ line.label }}：{{ line.quantity }}×{{ line.unit_price }}元"
        "＝{{ line.subtotal }}元\n{% endfor %}",
        "{{ fee.basis }}",
        "请{{ you }}自本通知发出之日起二十个工作日内{% if fee.pay_by %}（{{ fee.pay_by }}前）"
        "{% endif %}缴纳，缴费方式请向{{ office }}咨询办理。等待缴费的时间不计入答复期限。",
        "{{ you }}逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。",
        CONTACT,
    )
)

CONSULTATION_BODY = "\n\n".join(
    (
        "{{ addressee }}：\n\n"
        "本机关于{{ received_on }}收到一件政府信息公开申请（申请编号：{{ number }}），"
        "申请公开{{ requested }}。"
        "{% if is_third_party %}经审查，该信息可能涉及贵方的商业秘密、个人隐私等合法权益，"
        "公开可能对贵方造成损害。根据" + REGULATION + "第三十二条的规定，现书面征求贵方意见。"
        "{% else %}该信息与贵机关有关（由本机关与贵机关共同制作或者涉及贵机关职责）。根据"
        + REGULATION
        + "第三十四条的规定，现征求贵机关意见。{% endif %}",
        "{% if consultation_note %}需要说明的情况：{{ consultation_note }}{% endif %}",
        "请于{{ reply_by }}前（本函发出之日起十五个工作日内）书面提出是否同意公开的意见；"
        "不同意公开的，请说明理由。",
        "{% if is_third_party %}逾期未提出意见的，由本机关依照"
        + REGULATION
        + "的规定决定是否公开。"
        "贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
        "可以决定予以公开，并将决定公开的内容和理由书面告知贵方。"
        "{% else %}逾期未提出意见的，视为同意公开。{% endif %}",
        CONTACT,
    )
)

REASONS_BODY = "\n\n".join(
    (
        NOTICE_OPENING
        + "经审查，{{ you }}申请公开政府信息的数量、频次明显超过合理范围。根据"
        + REGULATION
        + "第三十五条的规定，请{{ you }}向本机关说明申请理由。",
        "{% if reasons_note %}需要说明的情况：{{ reasons_note }}{% endif %}",
        "请{{ you }}以书面形式向{{ office }}说明理由{% if org.address %}，"
        "可以邮寄至{{ org.address }}{% endif %}。本机关认为申请理由不合理的，将告知{{ you }}"
        "不予处理；认为申请理由合理，但是无法在" + REGULATION + "第三十三条规定的期限内答复的，"
        "将确定延迟答复的合理期限并告知{{ you }}。",
        CONTACT,
    )
)

DEFERRAL_BODY = "\n\n".join(
    (
        NOTICE_OPENING + "{{ you }}申请公开政府信息的数量、频次明显超过合理范围。本机关"
        "{% if reasons_requested_on %}于{{ reasons_requested_on }}{% endif %}要求{{ you }}"
        "说明理由，经审查，{{ you }}说明的理由合理，但是本机关无法在" + REGULATION + "第三十三条"
        "规定的期限内答复。",
        "{% if deferral_reason %}具体情况：{{ deferral_reason }}{% endif %}",
        "根据"
        + REGULATION
        + "第三十五条的规定，本机关确定延迟答复的合理期限，将于{{ deferred_until }}前"
        "作出答复。",
        CONTACT,
    )
)

NOTICE_TEMPLATES: dict[str, tuple[str, str]] = {
    LetterKind.SUPPLEMENT: ("补正申请告知书", SUPPLEMENT_BODY),
    LetterKind.EXTENSION: ("延期答复告知书", EXTENSION_BODY),
    LetterKind.FEE: ("收费通知书", FEE_BODY),
    LetterKind.CONSULTATION: ("征求意见函", CONSULTATION_BODY),
    LetterKind.REASONS: ("说明理由告知书", REASONS_BODY),
    LetterKind.DEFERRAL: ("延迟答复告知书", DEFERRAL_BODY),
}


def default_template(kind: str, outcome: str = "") -> tuple[str, str]:
    """(title, body template) built in for a kind and, for reply letters, an outcome."""
    kind = LetterKind(kind)
    if kind == LetterKind.REPLY:
        return REPLY_TITLE, REPLY_BODIES[Outcome(outcome)]
    return NOTICE_TEMPLATES[kind]


def default_rows() -> list[dict]:
    """Every built-in template as ``LetterTemplate`` field values (for seeding)."""
    rows = [
        {
            "kind": LetterKind.REPLY.value,
            "outcome": outcome.value,
            "title": REPLY_TITLE,
            "body": REPLY_BODIES[outcome],
        }
        for outcome in Outcome
    ]
    rows += [
        {"kind": kind.value, "outcome": "", "title": title, "body": body}
        for kind, (title, body) in ((LetterKind(k), v) for k, v in NOTICE_TEMPLATES.items())
    ]
    return rows
