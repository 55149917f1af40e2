"""公众参与: the catalog of major decisions, consultations on drafts, the comments people send,
the feedback report on what was done with them, and government meetings open to the public
(会议公开: agenda, invitees, applications to attend, the decisions taken).

A consultation's state (草稿 / 即将开始 / 征求意见中 / 已结束 / 已反馈) is not stored: it follows
from its dates, its ``published_at`` / ``closed_at`` flags and whether its report exists
(``Consultation.state``). Comments are never deleted: a rejected one keeps its reason for staff.
Commenters' and meeting applicants' names, phones and e-mail addresses are encrypted and never
leave the workbench.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.fields import EncryptedCharField
from gongkai.orgs.models import Organization

from .choices import (
    NAMED_CATEGORIES,
    Adoption,
    ApplicationStatus,
    AttendeeCategory,
    ChangeKind,
    Channel,
    CommentStatus,
    ConsultationState,
    DecisionStatus,
    MeetingKind,
    MeetingOpenness,
    MeetingStatus,
    OpenMode,
)

User = settings.AUTH_USER_MODEL


class ParticipationSettings(models.Model):
    """The configurable periods of 公众参与: one row, edited in the admin.

    Defaults: 30 calendar days for a major decision's draft (《重大行政决策程序暂行条例》第十四条:
    一般不少于30日); 7 working days for other policy drafts (the usual floor for normative
    documents); the feedback report due 15 working days after the consultation closes; an opinion
    group of 3 or more opinions counts as a concentrated opinion (集中意见).
    """

    major_decision_min_days = models.PositiveSmallIntegerField(
        _("重大行政决策草案征求意见最短期限（日）"),
        default=30,
        help_text=_("自然日，含起止日。短于此期限时工作台给出提醒，并应在页面上说明理由。"),
    )
    policy_min_working_days = models.PositiveSmallIntegerField(
        _("其他政策文件草案征求意见最短期限（工作日）"), default=7
    )
    report_due_working_days = models.PositiveSmallIntegerField(
        _("采纳情况反馈期限（工作日）"),
        default=15,
        help_text=_("征求意见结束后超过此期限仍未发布采纳情况反馈的，在工作台标为逾期。"),
    )
    concentrated_threshold = models.PositiveSmallIntegerField(
        _("集中意见认定条数"),
        default=3,
        help_text=_("同类意见达到此条数的，作为集中意见；未采纳的须在反馈中逐条说明理由。"),
    )

    class Meta:
        verbose_name = _("公众参与设置")
        verbose_name_plural = _("公众参与设置")

    def __str__(self):
        return str(_("公众参与设置"))

    @classmethod
    def load(cls) -> "ParticipationSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


# ---------------------------------------------------------------- 重大行政决策目录


class Decision(models.Model):
    """One entry of an organization's annual catalog of major administrative decisions."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="major_decisions",
        verbose_name=_("承办单位"),
    )
    year = models.PositiveSmallIntegerField(_("目录年度"))
    title = models.CharField(_("决策事项"), max_length=200)
    basis = models.TextField(_("决策依据"), blank=True)
    planned_time = models.CharField(
        _("计划完成时间"), max_length=60, blank=True, help_text=_("如“2026年第三季度”。")
    )
    status = models.CharField(
        _("进展"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.PLANNED
    )
    decided_on = models.DateField(_("决策日期"), null=True, blank=True)
    decision_item = models.ForeignKey(
        "publishing.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="major_decisions",
        verbose_name=_("决策文件"),
        help_text=_("已公开的决策文件。"),
    )
    removed_at = models.DateTimeField(_("调出目录时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策目录")
        ordering = ["-year", "organization__sort_order", "organization_id", "id"]
        indexes = [models.Index(fields=["year", "organization"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="decision_year_range"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class DecisionChange(models.Model):
    """A line of the catalog entry's public history: listing, each adjustment with its reason,
    each stage reached, removal. Who made it is kept for the audit, never shown publicly."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="changes", verbose_name=_("决策事项")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=ChangeKind.choices)
    summary = models.CharField(_("变更内容"), max_length=500)
    changes = models.JSONField(_("变更明细"), default=dict, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("经办人"),
    )

    class Meta:
        verbose_name = _("目录调整记录")
        verbose_name_plural = _("目录调整记录")
        ordering = ["at", "id"]

    def __str__(self):
        return self.summary


# ---------------------------------------------------------------- 意见征集


class Consultation(models.Model):
    """A draft put out for public comment: a major decision's draft or any other policy draft."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("征集单位"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("重大行政决策事项"),
        help_text=_("重大行政决策草案请选择目录中的事项；其他政策文件草案留空。"),
    )
    title = models.CharField(_("标题"), max_length=200)
    draft_text = models.TextField(
        _("征求意见稿"),
        help_text=_("粘贴草案全文。系统按“第X条”拆分条文；没有条文编号的按段落拆分。"),
    )
    basis = models.TextField(_("起草依据"), blank=True)
    explanation = models.TextField(_("起草说明"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"), help_text=_("当日24时截止。"))
    short_period_reason = models.TextField(
        _("征求意见期限较短的说明"),
        blank=True,
        help_text=_("期限短于规定的最短期限时，请说明理由，将在页面上公开。"),
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    close_reason = models.TextField(_("提前结束的理由"), blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_opening",
                violation_error_message=_("截止日期不能早于开始日期。"),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_major_decision(self) -> bool:
        return self.decision_id is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def closed_on(self) -> date:
        """The last day opinions were taken: the end date, or the day staff closed it early."""
        from gongkai.core.timeutil import local_date

        if self.closed_at is not None:
            return min(local_date(self.closed_at), self.closes_on)
        return self.closes_on

    def has_report(self) -> bool:
        try:
            return self.report is not None
        except FeedbackReport.DoesNotExist:
            return False

    def state(self, today: date) -> str:
        if self.published_at is None:
            return ConsultationState.DRAFT
        if self.has_report():
            return ConsultationState.REPORTED
        if self.closed_at is not None or today > self.closes_on:
            return ConsultationState.CLOSED
        if today < self.opens_on:
            return ConsultationState.UPCOMING
        return ConsultationState.OPEN

    def is_open(self, today: date) -> bool:
        return self.state(today) == ConsultationState.OPEN


class DraftArticle(models.Model):
    """An article (条) or, for drafts without numbered articles, a paragraph of the draft."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="articles", verbose_name=_("意见征集")
    )
    position = models.PositiveIntegerField(_("顺序"))
    number = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    heading = models.CharField(_("条文序号"), max_length=20, blank=True)
    chapter = models.CharField(_("所在章节"), max_length=120, blank=True)
    text = models.TextField(_("内容"))
    anchor = models.CharField(_("页面锚点"), max_length=30)

    class Meta:
        verbose_name = _("条文")
        verbose_name_plural = _("条文")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="article_unique_position"
            ),
            models.UniqueConstraint(
                fields=["consultation", "anchor"], name="article_unique_anchor"
            ),
        ]

    def __str__(self):
        return self.heading or str(_("序言"))

    @property
    def is_commentable(self) -> bool:
        return self.number is not None


class ConsultationChannel(models.Model):
    """A channel the consultation takes opinions through, with its details (address, e-mail,
    date and place of a hearing) and, for offline channels, how many opinions came that way."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="channels", verbose_name=_("意见征集")
    )
    kind = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    details = models.CharField(_("说明"), max_length=300, blank=True)
    received_count = models.PositiveIntegerField(
        _("收到意见数"), default=0, help_text=_("线下渠道由工作人员录入；网上意见自动统计。")
    )

    class Meta:
        verbose_name = _("征集渠道")
        verbose_name_plural = _("征集渠道")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind"], name="channel_unique_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


class OpinionGroup(models.Model):
    """Similar opinions answered together, with a summary the report shows."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="opinion_groups",
        verbose_name=_("意见征集"),
    )
    summary = models.TextField(_("意见概述"))
    offline_count = models.PositiveIntegerField(
        _("线下同类意见数"), default=0, help_text=_("信函、电子邮件、座谈会等渠道收到的同类意见。")
    )
    marked_concentrated = models.BooleanField(
        _("认定为集中意见"), default=False, help_text=_("条数未达标准但属于集中意见的，可勾选。")
    )
    adoption = models.CharField(_("采纳情况"), max_length=16, choices=Adoption.choices, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("同类意见")
        verbose_name_plural = _("同类意见")
        ordering = ["id"]

    def __str__(self):
        return self.summary[:40]


class PublicSubmission(models.Model):
    """What is kept of anything sent through a public form besides its content: the contact
    e-mail (encrypted, never public), a digest of the client address, when it came and why it
    looks like spam."""

    email = EncryptedCharField(_("电子邮箱"), blank=True)
    ip_hash = models.CharField(_("来源地址摘要"), max_length=64, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"))
    spam_flags = models.JSONField(_("疑似垃圾信息提示"), default=list, blank=True)

    class Meta:
        abstract = True


class Comment(PublicSubmission):
    """An opinion sent through the online form. Public only once reviewed; never deleted."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments", verbose_name=_("意见征集")
    )
    article = models.ForeignKey(
        DraftArticle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("针对条文"),
        help_text=_("为空表示总体意见。"),
    )
    body = models.TextField(_("意见内容"), help_text=_("纯文本，提交时已清除全部标签。"))
    # Personal data: encrypted, never on public pages, feeds or the API.
    name = EncryptedCharField(_("姓名"), blank=True)
    signed = models.BooleanField(_("公开署名"), default=False)
    phone = EncryptedCharField(_("联系电话"), blank=True)

    receipt_number = models.CharField(_("回执编号"), max_length=24, unique=True)
    status = models.CharField(
        _("审核状态"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    reject_reason = models.TextField(_("不予公开的理由"), blank=True)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    group = models.ForeignKey(
        OpinionGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("归入同类意见"),
    )
    adoption = models.CharField(_("采纳情况"), max_length=16, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CommentStatus.REJECTED) | ~Q(reject_reason=""),
                name="comment_rejected_has_reason",
            )
        ]

    def __str__(self):
        return self.receipt_number

    @property
    def public_author(self) -> str:
        """What the public sees as the author: the name only if the writer chose to sign."""
        return self.name if self.signed and self.name else str(_("匿名网友"))

    @property
    def effective_adoption(self) -> str:
        return self.group.adoption if self.group_id else self.adoption


class FeedbackReport(models.Model):
    """意见采纳情况反馈: built from the marks and frozen when published."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.PROTECT, related_name="report", verbose_name=_("意见征集")
    )
    summary = models.TextField(_("总体说明"), blank=True)
    data = models.JSONField(_("报告内容"), help_text=_("发布时固定下来的统计和逐项反馈。"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("意见采纳情况反馈")
        verbose_name_plural = _("意见采纳情况反馈")
        ordering = ["-published_at"]

    def __str__(self):
        return str(self.consultation)


class SpamWord(models.Model):
    """A word that sends a comment to the moderation queue flagged (never dropped)."""

    word = models.CharField(_("词语"), max_length=50, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("垃圾信息词语")
        verbose_name_plural = _("垃圾信息词语")
        ordering = ["word"]

    def __str__(self):
        return self.word


# ---------------------------------------------------------------- 会议公开


class Meeting(models.Model):
    """A government meeting, announced on the portal with its agenda and how the public can
    follow it; after it is held, the decisions taken (议定事项) are published.

    计划 is the staff's draft; 已公告, 已召开 and 结果已公布 are public. Applications to attend are
    taken from the announcement until ``application_closes_at``.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("召开单位")
    )
    title = models.CharField(_("会议名称"), max_length=200)
    kind = models.CharField(_("会议类型"), max_length=16, choices=MeetingKind.choices)
    held_at = models.DateTimeField(_("召开时间"))
    location = models.CharField(_("会议地点"), max_length=200)
    description = models.TextField(_("会议说明"), blank=True)
    openness = models.CharField(
        _("公开方式"), max_length=16, choices=MeetingOpenness.choices, default=MeetingOpenness.OPEN
    )
    closed_reason = models.TextField(
        _("不公开或部分公开的理由"),
        blank=True,
        help_text=_("不公开或部分公开时必填，将在页面上公开。"),
    )
    open_modes = models.JSONField(
        _("公开形式"), default=list, blank=True, help_text=_("列席、网络直播、图文直播，可多选。")
    )
    live_url = models.URLField(_("直播网址"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("公众列席名额"), default=0, help_text=_("为0时不接受公众报名列席。")
    )
    application_close_hours = models.PositiveSmallIntegerField(
        _("报名截止（会前小时数）"),
        default=24,
        help_text=_("报名在会议召开前这么多小时截止。"),
    )
    attendance_notes = models.TextField(
        _("列席须知"), blank=True, help_text=_("如报到时间、需携带的证件、会场纪律。")
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    change_note = models.TextField(
        _("变更说明"), blank=True, help_text=_("公告后修改会议信息的说明，将在页面上公开。")
    )
    announced_at = models.DateTimeField(_("公告时间"), null=True, blank=True)
    held_marked_at = models.DateTimeField(_("确认召开时间"), null=True, blank=True)
    reported_at = models.DateTimeField(_("议定事项公布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议公开")
        ordering = ["-held_at", "-id"]
        indexes = [models.Index(fields=["status", "held_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(openness=MeetingOpenness.OPEN) | ~Q(closed_reason=""),
                name="meeting_not_open_has_reason",
                violation_error_message=_("不公开或部分公开的会议，请说明理由。"),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != MeetingStatus.PLANNED

    @property
    def application_closes_at(self) -> datetime:
        return self.held_at - timedelta(hours=self.application_close_hours)

    @property
    def offers_attendance(self) -> bool:
        """Whether members of the public may ask to attend at all."""
        return (
            self.openness != MeetingOpenness.CLOSED
            and OpenMode.ATTEND in self.open_modes
            and self.capacity > 0
        )

    def open_mode_labels(self) -> list[str]:
        return [str(OpenMode(m).label) for m in OpenMode.values if m in self.open_modes]


class MeetingItem(models.Model):
    """An item on the agenda (议题), possibly about a catalog decision or a consultation."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("会议")
    )
    order = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("议题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    is_public = models.BooleanField(
        _("公开"), default=True, help_text=_("部分公开的会议中不公开的议题，只显示“不公开议题”。")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_items",
        verbose_name=_("重大行政决策事项"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_items",
        verbose_name=_("意见征集"),
    )

    class Meta:
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="meeting_item_unique_order"),
            models.CheckConstraint(
                condition=Q(decision__isnull=True) | Q(consultation__isnull=True),
                name="meeting_item_one_link",
            ),
        ]

    def __str__(self):
        return self.title


class MeetingInvitee(models.Model):
    """Someone invited to attend. Experts' and the media's names are public; stakeholders' and
    members of the public's only when they agreed (``consent``), otherwise just counted."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitees", verbose_name=_("会议")
    )
    category = models.CharField(_("类别"), max_length=16, choices=AttendeeCategory.choices)
    name = models.CharField(_("姓名或单位"), max_length=100)
    note = models.CharField(
        _("身份说明"), max_length=200, blank=True, help_text=_("如职务、职称。")
    )
    consent = models.BooleanField(
        _("同意公开姓名"), default=False, help_text=_("利益相关方和公众代表同意后才公开姓名。")
    )
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        verbose_name = _("邀请参会人员")
        verbose_name_plural = _("邀请参会人员")
        ordering = ["category", "id"]

    def __str__(self):
        return self.name

    @property
    def name_is_public(self) -> bool:
        return self.category in NAMED_CATEGORIES or self.consent


class AttendanceApplication(PublicSubmission):
    """A citizen's request to attend a meeting. Never deleted; contacts are encrypted and
    never public (the portal only shows how many were approved)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="applications", verbose_name=_("会议")
    )
    # Personal data: encrypted, never on public pages, feeds or the API.
    name = EncryptedCharField(_("姓名"))
    phone = EncryptedCharField(_("联系电话"))
    category = models.CharField(_("申请身份"), max_length=16, choices=AttendeeCategory.choices)
    reason = models.TextField(_("申请理由"))
    receipt_code = models.CharField(_("回执编号"), max_length=24, unique=True)
    status = models.CharField(
        _("审核结果"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decline_reason = models.TextField(_("不同意的理由"), blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )

    class Meta:
        verbose_name = _("列席申请")
        verbose_name_plural = _("列席申请")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["meeting", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ApplicationStatus.DECLINED) | ~Q(decline_reason=""),
                name="attendance_declined_has_reason",
            )
        ]

    def __str__(self):
        return self.receipt_code


class MeetingOutcome(models.Model):
    """A decision taken at the meeting (议定事项). Drafted by staff, public once published;
    a published one is never removed."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("会议")
    )
    order = models.PositiveSmallIntegerField(_("顺序"))
    text = models.TextField(_("议定事项"))
    items = models.ManyToManyField(
        "publishing.Item",
        blank=True,
        related_name="meeting_outcomes",
        verbose_name=_("相关公开信息"),
        help_text=_("已公开的相关文件，如会议纪要、政策文件。"),
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:40]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
