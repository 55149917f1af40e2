"""Legal and catalog categories of government information, defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InfoType(models.TextChoices):
    """体裁 / 信息类别. 规章 and 行政规范性文件 feed table 二 of the annual report."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER_POLICY = "other_policy", _("其他政策文件")
    NOTICE = "notice", _("通知公告")
    NEWS = "news", _("工作动态")
    PLAN = "plan", _("规划计划")
    STATISTICS = "statistics", _("统计信息")
    PERSONNEL = "personnel", _("人事信息")
    BUDGET = "budget", _("财政预决算")
    PROPOSAL = "proposal", _("建议提案办理")
    PROCUREMENT = "procurement", _("政府采购")
    PERMIT = "permit", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    EMERGENCY = "emergency", _("应急管理")
    OTHER = "other", _("其他")


POLICY_TYPES = {InfoType.RULE, InfoType.NORMATIVE, InfoType.OTHER_POLICY}


class FivePublic(models.TextChoices):
    DECISION = "decision", _("决策公开")
    EXECUTION = "execution", _("执行公开")
    MANAGEMENT = "management", _("管理公开")
    SERVICE = "service", _("服务公开")
    RESULT = "result", _("结果公开")


class Validity(models.TextChoices):
    CURRENT = "current", _("现行有效")
    EXPIRED = "expired", _("失效")
    ABOLISHED = "abolished", _("废止")
    AMENDED = "amended", _("已修改")


# Still in force: what the daily sweep (失效, a scheduled 废止) and an amending document
# may change.
IN_FORCE = {Validity.CURRENT, Validity.AMENDED}


class Attribute(models.TextChoices):
    """公开属性, decided at the source by the drafter and reviewed when not 主动公开."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_PUBLIC = "not_public", _("不予公开")
    PARTIAL = "partial", _("部分公开（删减后公开）")


PUBLISHABLE_ATTRIBUTES = {Attribute.PROACTIVE, Attribute.PARTIAL}


class Ground(models.TextChoices):
    """Legal grounds for anything other than 主动公开 (条例第十四、十五、十六、十九条)."""

    NOT_PROACTIVE_SCOPE = (
        "not_proactive_scope",
        _("不属于主动公开范围，仅涉及特定对象（条例第十九条、第二十条）"),
    )
    STATE_SECRET = "state_secret", _("属于国家秘密（条例第十四条）")
    LAW_PROHIBITS = "law_prohibits", _("法律、行政法规禁止公开（条例第十四条）")
    THREE_SECURITY = (
        "three_security",
        _("公开后可能危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）"),
    )
    THIRD_PARTY = (
        "third_party",
        _("涉及商业秘密、个人隐私等，公开会损害第三方合法权益（条例第十五条）"),
    )
    INTERNAL = "internal", _("属于内部事务信息（条例第十六条第一款）")
    PROCESS = "process", _("属于过程性信息（条例第十六条第二款）")
    ENFORCEMENT_FILE = "enforcement_file", _("属于行政执法案卷信息（条例第十六条第二款）")


class Status(models.TextChoices):
    DRAFT = "draft", _("起草")
    UNIT_REVIEW = "unit_review", _("待审核")
    ATTRIBUTE_REVIEW = "attribute_review", _("待公开属性审查")
    CONFIDENTIALITY_REVIEW = "confidentiality_review", _("待保密审查")
    APPROVED = "approved", _("待发布")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    FILED = "filed", _("已登记（不主动公开）")


PUBLIC_STATUSES = {Status.PUBLISHED, Status.WITHDRAWN}


class Action(models.TextChoices):
    """Every recorded step in an item's life; the public ones show on the item page."""

    CREATE = "create", _("起草")
    EDIT = "edit", _("修改")
    SUBMIT = "submit", _("提交审核")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回修改")
    ATTRIBUTE_CONFIRM = "attribute_confirm", _("公开属性审查通过")
    ATTRIBUTE_CHANGE = "attribute_change", _("公开属性审查改定")
    CONFIDENTIALITY_PASS = "confidentiality_pass", _("保密审查通过")
    SCHEDULE = "schedule", _("定时发布")
    PUBLISH = "publish", _("发布")
    CORRECT = "correct", _("更正")
    WITHDRAW = "withdraw", _("撤回")
    ABOLISH = "abolish", _("废止")
    ABOLISH_SCHEDULED = "abolish_scheduled", _("决定废止")
    EXPIRE = "expire", _("失效")
    AMEND = "amend", _("被修改")
    RESTORE = "restore", _("恢复现行有效")
    FILE = "file", _("登记为不主动公开")


PUBLIC_ACTIONS = {
    Action.PUBLISH,
    Action.CORRECT,
    Action.WITHDRAW,
    Action.ABOLISH,
    Action.ABOLISH_SCHEDULED,
    Action.EXPIRE,
    Action.AMEND,
    Action.RESTORE,
}


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("修改")
    ABOLISHES = "abolishes", _("废止")
    REPRINTS = "reprints", _("转载")
