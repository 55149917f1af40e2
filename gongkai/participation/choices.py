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


# ---------------------------------------------------------------- 会议公开


class MeetingKind(models.TextChoices):
    EXECUTIVE = "executive", _("常务会议")
    TOPICAL = "topical", _("专题会议")
    HEARING = "hearing", _("听证会")
    SYMPOSIUM = "symposium", _("座谈会")
    OTHER = "other", _("其他")


class MeetingOpenness(models.TextChoices):
    OPEN = "open", _("公开")
    PARTIAL = "partial", _("部分公开")
    CLOSED = "closed", _("不公开")


class OpenMode(models.TextChoices):
    """How the public can follow a meeting that is (partly) open."""

    ATTEND = "attend", _("列席")
    VIDEO = "video", _("网络直播")
    TEXT = "text", _("图文直播")


class MeetingStatus(models.TextChoices):
    """A meeting's stages, in the order they happen; only 计划 is not public."""

    PLANNED = "planned", _("计划")
    ANNOUNCED = "announced", _("已公告")
    HELD = "held", _("已召开")
    REPORTED = "reported", _("结果已公布")


MEETING_ORDER = tuple(MeetingStatus)
PUBLIC_MEETING_STATUSES = (MeetingStatus.ANNOUNCED, MeetingStatus.HELD, MeetingStatus.REPORTED)


class AttendeeCategory(models.TextChoices):
    """Who is invited to, or asks to attend, a meeting."""

    STAKEHOLDER = "stakeholder", _("利益相关方")
    PUBLIC = "public", _("公众代表")
    EXPERT = "expert", _("专家")
    MEDIA = "media", _("媒体")


# Experts and the media attend in a public capacity: their names are published. Stakeholders
# and members of the public are only counted, unless they agreed to be named.
NAMED_CATEGORIES = (AttendeeCategory.EXPERT, AttendeeCategory.MEDIA)


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("同意")
    DECLINED = "declined", _("不同意")
