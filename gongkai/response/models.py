"""回应关切: public-opinion events (政务舆情) with their hour clocks, the responses released,
escalations of missed clocks, and press conferences (新闻发布会) with their speakers.

What is public: press conferences once published, and the released responses of events staff
mark public (with the event's title). The monitoring record — source, summary, level, the
responsible organization's choice, escalations, evaluation and accountability — never is.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.interpretation.models import Interpretation
from gongkai.orgs.models import Level, Organization
from gongkai.publishing.models import Item

from .choices import OPEN_STATUSES, ClockKind, EventLevel, EventStatus, ResponseKind, SourceKind

MAX_CLOCK_HOURS = 720  # 30 days: anything longer is not a response clock

# Defaults used when no ResponseClockRule row exists for a level (the initial data migration
# writes the same values, editable in the admin). 5 h / 24 h for 重大 and 特别重大 are the State
# Council's limits for major incidents; 24 h for 较大 and 48 h for 一般 are this platform's.
DEFAULT_CLOCK_HOURS: dict[str, tuple[int, int | None]] = {
    EventLevel.EXTRAORDINARY: (5, 24),
    EventLevel.MAJOR: (5, 24),
    EventLevel.LARGE: (24, None),
    EventLevel.GENERAL: (48, None),
}

# Principal-leader appearances at press conferences required per year, by organization level
# (platform defaults, editable in the admin as PrincipalLeaderRule rows).
DEFAULT_LEADER_MINIMUM: dict[str, int] = {
    Level.GOVERNMENT: 4,
    Level.DISTRICT: 2,
    Level.DEPARTMENT: 2,
    Level.DISTRICT_DEPARTMENT: 1,
    Level.TOWN: 0,
}

HOURS = [MinValueValidator(1), MaxValueValidator(MAX_CLOCK_HOURS)]


class ResponseClockRule(models.Model):
    """The hour limits for one event level. Events copy them when recorded (and when their
    level changes), so later edits of the rule do not move the clocks of recorded events."""

    level = models.CharField(_("舆情级别"), max_length=16, choices=EventLevel.choices, unique=True)
    first_release_hours = models.PositiveSmallIntegerField(
        _("首次权威发布时限（小时）"), validators=HOURS
    )
    press_conference_hours = models.PositiveSmallIntegerField(
        _("举行新闻发布会时限（小时）"),
        null=True,
        blank=True,
        validators=HOURS,
        help_text=_("留空表示该级别不要求举行新闻发布会。"),
    )

    class Meta:
        verbose_name = _("回应时限规则")
        verbose_name_plural = _("回应时限规则")
        ordering = ["level"]

    def __str__(self):
        return str(self.get_level_display())


class PrincipalLeaderRule(models.Model):
    """How many press conferences a year the principal leader of an organization of this level
    must attend (主要负责人出席新闻发布会)."""

    level = models.CharField(_("机构层级"), max_length=24, choices=Level.choices, unique=True)
    min_per_year = models.PositiveSmallIntegerField(_("每年至少出席次数"))

    class Meta:
        verbose_name = _("主要负责人出席发布会要求")
        verbose_name_plural = _("主要负责人出席发布会要求")
        ordering = ["level"]

    def __str__(self):
        return str(self.get_level_display())


class OpinionEvent(models.Model):
    """A public-opinion event (政务舆情) as monitored, handled and responded to."""

    title = models.CharField(_("舆情标题"), max_length=200)
    source_kind = models.CharField(_("来源"), max_length=20, choices=SourceKind.choices)
    source_detail = models.CharField(
        _("来源链接或说明"), max_length=500, blank=True, help_text=_("原帖链接、媒体名称等。")
    )
    summary = models.TextField(_("舆情摘要"))
    level = models.CharField(_("舆情级别"), max_length=16, choices=EventLevel.choices)
    first_seen_at = models.DateTimeField(_("首次发现时间"), db_index=True)
    place = models.ForeignKey(
        Organization,
        verbose_name=_("事发地"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("事发地的区县政府或乡镇（街道）；全市性事件留空。"),
    )
    subject_department = models.ForeignKey(
        Organization,
        verbose_name=_("主管部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("舆情涉及事项的主管部门，任一层级均可。"),
    )
    suggested_organization = models.ForeignKey(
        Organization,
        verbose_name=_("系统建议的责任单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_organization = models.ForeignKey(
        Organization,
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        related_name="opinion_events",
    )
    override_reason = models.TextField(_("调整责任单位的理由"), blank=True)
    reported_by_organization = models.ForeignKey(
        Organization,
        verbose_name=_("录入单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_release_hours = models.PositiveSmallIntegerField(
        _("首次权威发布时限（小时）"), validators=HOURS
    )
    press_conference_hours = models.PositiveSmallIntegerField(
        _("举行新闻发布会时限（小时）"), null=True, blank=True, validators=HOURS
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.MONITORING,
        db_index=True,
    )
    is_public = models.BooleanField(
        _("在门户公开回应"),
        default=False,
        help_text=_("公开时，门户“回应关切”栏目显示舆情标题和已发布的回应；监测信息不公开。"),
    )
    evaluation = models.TextField(_("回应效果评估"), blank=True)
    accountability = models.TextField(_("问责情况"), blank=True)
    evaluated_at = models.DateTimeField(_("评估时间"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评估人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    archive_reason = models.TextField(_("归档说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("政务舆情")
        verbose_name_plural = _("政务舆情")
        ordering = ["-first_seen_at", "-id"]
        indexes = [models.Index(fields=["is_public", "status"], name="event_public_status")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PressConference(models.Model):
    """新闻发布会: held by an organization, published with its transcript once held."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("发布机构"),
        on_delete=models.PROTECT,
        related_name="press_conferences",
    )
    topic = models.CharField(_("发布会主题"), max_length=200)
    held_at = models.DateTimeField(_("举行时间"), db_index=True)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    transcript = models.TextField(_("发布会实录"), blank=True)
    media = models.TextField(_("出席媒体"), blank=True, help_text=_("出席的媒体，每行一家。"))
    interpretations = models.ManyToManyField(
        Interpretation,
        blank=True,
        related_name="press_conferences",
        verbose_name=_("相关政策解读"),
    )
    items = models.ManyToManyField(
        Item, blank=True, related_name="press_conferences", verbose_name=_("相关公开信息")
    )
    event = models.ForeignKey(
        OpinionEvent,
        verbose_name=_("回应的舆情"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="press_conferences",
    )
    is_published = models.BooleanField(_("已发布"), default=False, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("新闻发布会")
        verbose_name_plural = _("新闻发布会")
        ordering = ["-held_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="press_conference_published_at",
            )
        ]

    def __str__(self):
        return self.topic

    def media_list(self) -> list[str]:
        return [line.strip() for line in self.media.splitlines() if line.strip()]


class Speaker(models.Model):
    conference = models.ForeignKey(
        PressConference, on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("姓名"), max_length=40)
    post = models.CharField(_("职务"), max_length=100)
    is_principal_leader = models.BooleanField(_("主要负责人"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("发布人")
        verbose_name_plural = _("发布人")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.name}（{self.post}）"


class EventResponse(models.Model):
    """A response released about an event. Recorded after its release; never deleted."""

    event = models.ForeignKey(OpinionEvent, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(_("回应方式"), max_length=20, choices=ResponseKind.choices)
    released_at = models.DateTimeField(_("发布时间"), db_index=True)
    summary = models.TextField(_("回应内容摘要"), help_text=_("公开时在门户显示。"))
    item = models.ForeignKey(
        Item,
        verbose_name=_("关联的公开信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_responses",
    )
    press_conference = models.ForeignKey(
        PressConference,
        verbose_name=_("关联的新闻发布会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_responses",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"))

    class Meta:
        verbose_name = _("回应")
        verbose_name_plural = _("回应")
        ordering = ["released_at", "id"]

    def __str__(self):
        return f"{self.event} · {self.get_kind_display()}"


class Escalation(models.Model):
    """A missed clock reported to the overseeing office; one per event and clock."""

    event = models.ForeignKey(OpinionEvent, on_delete=models.PROTECT, related_name="escalations")
    clock = models.CharField(_("时限"), max_length=20, choices=ClockKind.choices)
    due_at = models.DateTimeField(_("应完成时间"))
    escalated_at = models.DateTimeField(_("上报时间"))
    from_organization = models.ForeignKey(
        Organization, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        Organization,
        verbose_name=_("上报至"),
        on_delete=models.PROTECT,
        related_name="response_escalations",
    )
    reason = models.TextField(_("上报原因"))
    notified = models.PositiveSmallIntegerField(_("通知人数"), default=0)

    class Meta:
        verbose_name = _("超时上报")
        verbose_name_plural = _("超时上报")
        ordering = ["escalated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "clock"], name="escalation_once_per_clock")
        ]

    def __str__(self):
        return f"{self.event} · {self.get_clock_display()}"
