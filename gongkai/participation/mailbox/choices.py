"""The categories and states of a message to the mailbox (领导信箱 / 咨询 / 建议 / 投诉)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What the writer sends. A letter to the leader's mailbox is routed by its content."""

    LEADER = "leader", _("领导信箱")
    CONSULT = "consult", _("咨询")
    SUGGEST = "suggest", _("建议")
    COMPLAIN = "complain", _("投诉")


class Status(models.TextChoices):
    """待受理 → 办理中 → 已答复; 不予受理 closes a message with a reason the writer sees.

    The system sets every status; staff act through the services (accept, transfer, reply,
    decline), the writer only rates."""

    PENDING = "pending", _("待受理")
    PROCESSING = "processing", _("办理中")
    REPLIED = "replied", _("已答复")
    DECLINED = "declined", _("不予受理")


OPEN_STATUSES = (Status.PENDING, Status.PROCESSING)
ANSWERED_STATUSES = (Status.REPLIED, Status.DECLINED)


class RoutedBy(models.TextChoices):
    """How the message found the organization that first received it."""

    CHOSEN = "chosen", _("写信人选择")
    RULE = "rule", _("按关键词规则分送")
    DEFAULT = "default", _("未匹配规则，送政府办公室")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    FAIRLY = "fairly", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


SATISFIED_RATINGS = (Rating.SATISFIED, Rating.FAIRLY)


class ThreeMonth(models.TextChoices):
    """The website-inspection veto 互动回应差: a message left unanswered for three months."""

    APPROACHING = "approaching", _("即将满三个月未答复")
    EXCEEDED = "exceeded", _("已超过三个月未答复")
