"""Messages to the mailbox (领导信箱 / 咨询 / 建议 / 投诉), their transfers, the routing rules,
the mailbox settings and the FAQ knowledge base built from the answers.

The reply deadline is not stored: ``received_on`` and ``reply_days`` (the limit in force when
the message arrived) are its inputs, and ``gongkai.participation.mailbox.deadlines`` derives
the due date whenever it is shown, so a correction to the holiday calendar moves every open
message's due date at once.

The writer's name, phone, e-mail and address never leave the staff pages: the public Q&A shows
only the staff-confirmed public version (``public_subject``, ``public_question``,
``public_reply``). Phone, e-mail and address are encrypted at rest.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.fields import EncryptedCharField
from gongkai.orgs.models import Organization

from .choices import Kind, Rating, RoutedBy, Status

KEYWORD_SPLIT_RE = re.compile(r"[\s,，、;；|]+")


class MailboxSettings(models.Model):
    """Deadlines of the mailbox: one row, edited in the admin."""

    reply_days = models.PositiveSmallIntegerField(
        _("答复期限（工作日）"),
        default=10,
        help_text=_("自收到留言之日起计算；下面未单独设置的类别都使用这个期限。"),
    )
    leader_reply_days = models.PositiveSmallIntegerField(
        _("领导信箱答复期限（工作日）"), null=True, blank=True
    )
    consult_reply_days = models.PositiveSmallIntegerField(
        _("咨询答复期限（工作日）"), null=True, blank=True
    )
    suggest_reply_days = models.PositiveSmallIntegerField(
        _("建议答复期限（工作日）"), null=True, blank=True
    )
    complain_reply_days = models.PositiveSmallIntegerField(
        _("投诉答复期限（工作日）"), null=True, blank=True
    )
    due_soon_days = models.PositiveSmallIntegerField(
        _("临期提醒（工作日）"), default=3, help_text=_("剩余工作日不超过此数时显示“即将到期”。")
    )
    warn_after_days = models.PositiveSmallIntegerField(
        _("三个月预警（自然日）"),
        default=60,
        help_text=_("留言收到后超过此天数仍未答复的，显示“即将满三个月未答复”。"),
    )
    limit_days = models.PositiveSmallIntegerField(
        _("三个月红线（自然日）"),
        default=90,
        help_text=_(
            "留言收到后超过此天数仍未答复的，显示“已超过三个月未答复”"
            "（政府网站检查中“互动回应差”为单项否决指标）。"
        ),
    )

    class Meta:
        verbose_name = _("信箱设置")
        verbose_name_plural = _("信箱设置")

    def __str__(self):
        return str(_("信箱设置"))

    def clean(self):
        if self.reply_days == 0:
            raise ValidationError({"reply_days": _("答复期限至少为1个工作日。")})
        if self.warn_after_days >= self.limit_days:
            raise ValidationError(
                {"warn_after_days": _("三个月预警的天数应小于三个月红线的天数。")}
            )

    @classmethod
    def load(cls) -> "MailboxSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def reply_days_for(self, kind: str) -> int:
        """The reply limit of a kind of message (its own, or the default)."""
        own = getattr(self, f"{kind}_reply_days", None)
        return own or self.reply_days


class RoutingRule(models.Model):
    """Keywords that send a letter to the leader's mailbox (or one whose writer did not know
    the organization) to the organization in charge.

    The organization is named directly, or by a part of its name (``organization_name``, such
    as 教育局) so that rules seeded before the organizations exist still find them.
    """

    name = models.CharField(_("规则名称"), max_length=60)
    keywords = models.TextField(
        _("关键词"), help_text=_("多个关键词用顿号、逗号、空格或换行分隔；命中越多越优先。")
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("办理机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization_name = models.CharField(
        _("办理机构名称包含"),
        max_length=60,
        blank=True,
        help_text=_("未指定办理机构时，按名称查找：优先本级政府的部门。"),
    )
    priority = models.PositiveSmallIntegerField(
        _("优先级"), default=0, help_text=_("命中关键词数相同时，数值大的优先。")
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("分送规则")
        verbose_name_plural = _("分送规则")
        ordering = ["-priority", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.organization_id and not self.organization_name.strip():
            raise ValidationError(_("请指定办理机构，或填写办理机构名称包含的文字。"))
        if not self.keyword_list():
            raise ValidationError({"keywords": _("请至少填写一个关键词。")})

    def keyword_list(self) -> list[str]:
        return [word for word in KEYWORD_SPLIT_RE.split(self.keywords or "") if word]


class Message(models.Model):
    number = models.CharField(_("编号"), max_length=20, unique=True)
    year = models.PositiveIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )

    # Where it went: the writer's choice, how it was routed, who has it now.
    chosen_organization = models.ForeignKey(
        Organization,
        verbose_name=_("写信人选择的机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    routed_by = models.CharField(_("分送方式"), max_length=16, choices=RoutedBy.choices)
    routing_rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("命中的分送规则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("办理机构"),
        on_delete=models.PROTECT,
        related_name="mailbox_messages",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # What was written (plain text; rendered escaped).
    subject = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("内容"))

    # The writer. Never on public pages, feeds, the API or in logs.
    writer_name = models.CharField(_("姓名"), max_length=40)
    phone = EncryptedCharField(_("联系电话"))
    email = EncryptedCharField(_("电子邮箱"), blank=True)
    address = EncryptedCharField(_("通信地址"), blank=True)
    consent_publish = models.BooleanField(_("同意在去除个人信息后公开"), default=False)

    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(_("收到日期"))
    reply_days = models.PositiveSmallIntegerField(
        _("答复期限（工作日）"), help_text=_("收到留言时适用的答复期限。")
    )
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    declined_reason = models.TextField(_("不予受理的理由"), blank=True)

    # The reply.
    reply = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_organization = models.ForeignKey(
        Organization,
        verbose_name=_("答复机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_late = models.BooleanField(_("逾期答复"), default=False)

    # Publication: only with the writer's consent, only the de-identified version.
    may_publish = models.BooleanField(_("公开"), default=False)
    public_subject = models.CharField(_("公开标题"), max_length=100, blank=True)
    public_question = models.TextField(_("公开的留言内容"), blank=True)
    public_reply = models.TextField(_("公开的答复内容"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    publication_decided_at = models.DateTimeField(_("公开决定时间"), null=True, blank=True)
    publication_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("公开决定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The writer's rating, once, after the reply.
    rating = models.CharField(_("满意度"), max_length=16, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)

    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("信箱留言")
        verbose_name_plural = _("信箱留言")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="mailbox_message_serial"),
            models.CheckConstraint(
                condition=Q(may_publish=False) | Q(consent_publish=True, status=Status.REPLIED),
                name="mailbox_publish_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(status=Status.REPLIED),
                name="mailbox_rating_after_reply",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["may_publish", "-published_at"]),
        ]

    def __str__(self):
        return f"{self.number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in (Status.PENDING, Status.PROCESSING)

    @property
    def is_published(self) -> bool:
        return self.may_publish and self.published_at is not None


class MessageTransfer(models.Model):
    """A message handed from one organization to another (转办), with the reason."""

    message = models.ForeignKey(
        Message, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("留言")
    )
    from_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("转出机构")
    )
    to_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("转入机构")
    )
    reason = models.TextField(_("转办理由"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("经办人"),
    )
    at = models.DateTimeField(_("转办时间"))

    class Meta:
        verbose_name = _("转办记录")
        verbose_name_plural = _("转办记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_organization} → {self.to_organization}"


class FaqEntry(models.Model):
    """A question and its answer in the knowledge base (常见问题), curated by staff."""

    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="faq_entries",
        verbose_name=_("解答机构"),
    )
    topic = models.CharField(_("主题"), max_length=40, blank=True)
    source_message = models.OneToOneField(
        Message,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="faq_entry",
        verbose_name=_("来源留言"),
    )
    is_published = models.BooleanField(_("已发布"), default=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.question
