"""The statuses and categories of 公众参与, defined once and reused by models, forms and the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionStatus(models.TextChoices):
    """A major decision's stages, in the order they happen (《重大行政决策程序暂行条例》)."""

    PLANNED = "planned", _("计划")
    CONSULTING = "consulting", _("草案公开征求意见")
    DELIBERATION = "deliberation", _("审议")
    DECIDED = "decided", _("已决策")
    EVALUATION = "evaluation", _("后评估")


DECISION_ORDER = tuple(DecisionStatus)


class ChangeKind(models.TextChoices):
    """One line of a catalog entry's public history."""

    LISTED = "listed", _("列入目录")
    ADJUSTED = "adjusted", _("调整")
    ADVANCED = "advanced", _("进度更新")
    REMOVED = "removed", _("调出目录")


class ConsultationState(models.TextChoices):
    """Derived from the dates and flags of a consultation; never stored."""

    DRAFT = "draft", _("草稿")
    UPCOMING = "upcoming", _("即将开始")
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已结束")
    REPORTED = "reported", _("已反馈")


class Channel(models.TextChoices):
    """Ways the public can send opinions on a draft."""

    ONLINE = "online", _("网上提交")
    POST = "post", _("信函")
    EMAIL = "email", _("电子邮件")
    HEARING = "hearing", _("听证会")
    SYMPOSIUM = "symposium", _("座谈会")


OFFLINE_CHANNELS = (Channel.POST, Channel.EMAIL, Channel.HEARING, Channel.SYMPOSIUM)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    REJECTED = "rejected", _("不予公开")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTIAL = "partial", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


# Staff must give the reason for these (the regulations ask for it when an opinion is not taken).
REASON_REQUIRED = (Adoption.PARTIAL, Adoption.NOT_ADOPTED)
