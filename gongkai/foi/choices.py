"""The categories of applications for government information.

Applicant types and outcomes are **exactly** the columns and rows of table 三 of the national
annual-report format (国办公开办函〔2021〕30号), so that the statistics are computed from the
records and never typed. ``OUTCOME_ROWS`` keeps the table's own row labels, character for
character; the choices' labels are the short forms staff pick from.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How the application reached the agency; decides the receipt date (Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST = "post", _("信函")
    POST_UNSIGNED = "post_unsigned", _("平常信函（无需签收）")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class ApplicantKind(models.TextChoices):
    """The columns of table 三 (申请人情况)."""

    NATURAL = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")

    @classmethod
    def organizations(cls) -> list["ApplicantKind"]:
        return [kind for kind in cls if kind != cls.NATURAL]


class ProvisionForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    DOWNLOAD = "download", _("网上获取")
    COLLECT = "collect", _("当面领取")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待确认接收")
    PROCESSING = "processing", _("办理中")
    PENDING_APPROVAL = "pending_approval", _("待审批")
    APPROVED = "approved", _("待答复")
    REPLIED = "replied", _("已答复")
    DELIVERED = "delivered", _("已送达")
    ARCHIVED = "archived", _("已归档")
    CLOSED = "closed", _("已终止")


#: Handled to the end: counted under 本年度办理结果 in the year it was concluded.
CONCLUDED_STATUSES = (Status.REPLIED, Status.DELIVERED, Status.ARCHIVED, Status.CLOSED)
#: The clock runs (or is paused) in these.
OPEN_STATUSES = (Status.PROCESSING, Status.PENDING_APPROVAL, Status.APPROVED)


class Outcome(models.TextChoices):
    """The rows of table 三 under 三、本年度办理结果 (short labels for staff)."""

    DISCLOSE = "disclose", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHOLD_SECRET = "withhold_secret", _("不予公开：属于国家秘密")
    WITHHOLD_LAW = "withhold_law", _("不予公开：其他法律行政法规禁止公开")
    WITHHOLD_SECURITY = "withhold_security", _("不予公开：危及“三安全一稳定”")
    WITHHOLD_THIRD_PARTY = "withhold_third_party", _("不予公开：保护第三方合法权益")
    WITHHOLD_INTERNAL = "withhold_internal", _("不予公开：属于三类内部事务信息")
    WITHHOLD_PROCESS = "withhold_process", _("不予公开：属于四类过程性信息")
    WITHHOLD_ENFORCEMENT = "withhold_enforcement", _("不予公开：属于行政执法案卷")
    WITHHOLD_QUERY = "withhold_query", _("不予公开：属于行政查询事项")
    UNABLE_NOT_HELD = "unable_not_held", _("无法提供：本机关不掌握相关政府信息")
    UNABLE_NEEDS_CREATION = "unable_needs_creation", _("无法提供：没有现成信息需要另行制作")
    UNABLE_UNCLEAR = "unable_unclear", _("无法提供：补正后申请内容仍不明确")
    REJECT_PETITION = "reject_petition", _("不予处理：信访举报投诉类申请")
    REJECT_REPEAT = "reject_repeat", _("不予处理：重复申请")
    REJECT_PUBLICATION = "reject_publication", _("不予处理：要求提供公开出版物")
    REJECT_EXCESSIVE = "reject_excessive", _("不予处理：无正当理由大量反复申请")
    REJECT_CONFIRMATION = "reject_confirmation", _("不予处理：要求行政机关确认或重新出具已获取信息")
    OTHER_NO_SUPPLEMENT = "other_no_supplement", _("其他处理：申请人逾期不补正")
    OTHER_FEE_UNPAID = "other_fee_unpaid", _("其他处理：申请人逾期未缴纳费用")
    OTHER = "other", _("其他处理：其他")


#: Table 三's rows in order: (row label, outcomes counted in it). A group row with several
#: outcomes is followed by one row per outcome (numbered labels), as in the national format.
OUTCOME_ROWS: tuple[tuple[str, tuple[tuple[str, Outcome], ...]], ...] = (
    ("（一）予以公开", (("", Outcome.DISCLOSE),)),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (("", Outcome.PARTIAL),)),
    (
        "（三）不予公开",
        (
            ("1.属于国家秘密", Outcome.WITHHOLD_SECRET),
            ("2.其他法律行政法规禁止公开", Outcome.WITHHOLD_LAW),
            ("3.危及“三安全一稳定”", Outcome.WITHHOLD_SECURITY),
            ("4.保护第三方合法权益", Outcome.WITHHOLD_THIRD_PARTY),
            ("5.属于三类内部事务信息", Outcome.WITHHOLD_INTERNAL),
            ("6.属于四类过程性信息", Outcome.WITHHOLD_PROCESS),
            ("7.属于行政执法案卷", Outcome.WITHHOLD_ENFORCEMENT),
            ("8.属于行政查询事项", Outcome.WITHHOLD_QUERY),
        ),
    ),
    (
        "（四）无法提供",
        (
            ("1.本机关不掌握相关政府信息", Outcome.UNABLE_NOT_HELD),
            ("2.没有现成信息需要另行制作", Outcome.UNABLE_NEEDS_CREATION),
            ("3.补正后申请内容仍不明确", Outcome.UNABLE_UNCLEAR),
        ),
    ),
    (
        "（五）不予处理",
        (
            ("1.信访举报投诉类申请", Outcome.REJECT_PETITION),
            ("2.重复申请", Outcome.REJECT_REPEAT),
            ("3.要求提供公开出版物", Outcome.REJECT_PUBLICATION),
            ("4.无正当理由大量反复申请", Outcome.REJECT_EXCESSIVE),
            ("5.要求行政机关确认或重新出具已获取信息", Outcome.REJECT_CONFIRMATION),
        ),
    ),
    (
        "（六）其他处理",
        (
            (
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                Outcome.OTHER_NO_SUPPLEMENT,
            ),
            (
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                Outcome.OTHER_FEE_UNPAID,
            ),
            ("3.其他", Outcome.OTHER),
        ),
    ),
)

#: Outcomes a reply letter discloses at least part of the information for.
DISCLOSING_OUTCOMES = (Outcome.DISCLOSE, Outcome.PARTIAL)
#: Outcomes the office reaches without deciding on the information (the application ends).
LAPSE_OUTCOMES = (Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER_FEE_UNPAID)


class RemedyKind(models.TextChoices):
    """The three groups of table 四."""

    REVIEW = "review", _("行政复议")
    SUIT_DIRECT = "suit_direct", _("行政诉讼（未经复议直接起诉）")
    SUIT_AFTER_REVIEW = "suit_after_review", _("行政诉讼（复议后起诉）")


class RemedyResult(models.TextChoices):
    """The columns of each group of table 四."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class LetterKind(models.TextChoices):
    REPLY = "reply", _("政府信息公开申请答复书")
    SUPPLEMENT = "supplement", _("补正申请告知书")
    EXTENSION = "extension", _("延期答复告知书")
    FEE = "fee", _("收费通知书")
    CONSULTATION = "consultation", _("征求意见函")
    REASONS = "reasons", _("说明理由告知书")
    DEFERRAL = "deferral", _("延迟答复告知书")
