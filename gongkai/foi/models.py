"""Applications for government information (依申请公开) and what happens to them.

The legal clock is not stored: the receipt date and the ``ClockEntry`` rows are its inputs,
and ``gongkai.foi.clock.compute`` derives the due date from them whenever it is shown, so a
correction to the holiday calendar moves every open application's due date at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.fields import EncryptedCharField
from gongkai.orgs.models import Organization

from .choices import (
    ApplicantKind,
    Channel,
    Delivery,
    LetterKind,
    Outcome,
    ProvisionForm,
    RemedyKind,
    RemedyResult,
    Status,
)
from .clock import EventKind
from .fees import FeeMethod
from .validators import IdDocumentType


class Application(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="foi_applications",
        verbose_name=_("受理机关"),
    )
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    year = models.PositiveIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    channel = models.CharField(_("申请方式"), max_length=16, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(
        _("收到申请日期"),
        null=True,
        blank=True,
        help_text=_("依《条例》第三十一条确定；网上申请在双方确认之日。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )

    # 申请人 (Art. 29). Never shown on public pages, feeds, the API or in logs.
    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("姓名/名称"), max_length=100)
    id_type = models.CharField(
        _("证件类型"), max_length=32, choices=IdDocumentType.choices, blank=True
    )
    id_number = EncryptedCharField(_("证件号码"), blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    applicant_key = models.CharField(
        max_length=64,
        editable=False,
        db_index=True,
        help_text=_("证件号码或信用代码的摘要：用于按申请人计数，不可还原。"),
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=40, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=40, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    # 所需信息
    title_hint = models.CharField(_("信息名称"), max_length=200, blank=True)
    document_number_hint = models.CharField(_("文号"), max_length=60, blank=True)
    description = models.TextField(_("所需信息的内容描述"))
    provision_form = models.CharField(
        _("信息提供形式"), max_length=12, choices=ProvisionForm.choices
    )
    delivery = models.CharField(_("获取方式"), max_length=12, choices=Delivery.choices)

    # 办理
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办人"),
    )
    linked_items = models.ManyToManyField(
        "publishing.Item", blank=True, related_name="+", verbose_name=_("已主动公开的信息")
    )
    processing_summary = models.TextField(_("办理情况"), blank=True)
    outcome = models.CharField(_("办理结果"), max_length=24, choices=Outcome.choices, blank=True)
    reasons = models.TextField(_("理由及依据"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("拟办人"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审批人"),
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    concluded_on = models.DateField(
        _("办结日期"), null=True, blank=True, help_text=_("答复或终止之日，用于年度统计。")
    )
    replied_late = models.BooleanField(_("逾期答复"), default=False)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    delivery_note = models.CharField(_("送达情况"), max_length=200, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    # 信息处理费
    fee_method = models.CharField(
        _("计收方式"), max_length=16, choices=FeeMethod.choices, blank=True
    )
    fee_pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    fee_amount = models.DecimalField(
        _("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "serial"], name="foi_application_serial"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.SUBMITTED) | Q(received_on__isnull=False),
                name="foi_application_received_once_accepted",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["organization", "received_on"]),
            models.Index(fields=["concluded_on"]),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        """申请编号, e.g. 2025-0007: per organization and year."""
        return f"{self.year}-{self.serial:04d}"


class ClockEntry(models.Model):
    """One input of the legal clock (补正, consultation, extension, fee, Art. 35, reply), as data."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="clock_entries"
    )
    kind = models.CharField(_("事项"), max_length=24, choices=EventKind.choices)
    on = models.DateField(_("日期"))
    days = models.PositiveIntegerField(_("延长工作日数"), null=True, blank=True)
    until = models.DateField(
        _("期限"),
        null=True,
        blank=True,
        help_text=_("补正告知：补正期限；确定延迟答复期限：延迟答复的期限（条例第三十五条）。"),
    )
    party = models.CharField(_("征求意见对象类型"), max_length=16, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("时限事项")
        verbose_name_plural = _("时限事项")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}"


class LetterTemplate(models.Model):
    """An editable 告知书 template: Django template syntax over the application's data."""

    kind = models.CharField(_("文书类型"), max_length=16, choices=LetterKind.choices)
    outcome = models.CharField(
        _("适用办理结果"),
        max_length=24,
        choices=Outcome.choices,
        blank=True,
        help_text=_("答复书按办理结果选用模板；其他文书留空。"),
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")
        ordering = ["kind", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "outcome"], name="foi_letter_template_unique")
        ]

    def __str__(self):
        return self.title


class Letter(models.Model):
    """A letter as sent: its text is fixed at sending and never changed afterwards."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=16, choices=LetterKind.choices)
    number = models.CharField(_("文书编号"), max_length=60)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    content_hash = models.CharField(_("内容摘要"), max_length=64)
    sent_at = models.DateTimeField(_("发出时间"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"{self.number} {self.title}"


class Remedy(models.Model):
    """行政复议 or 行政诉讼 brought against the handling of an application (table 四)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="remedies", verbose_name=_("申请")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField(_("立案/受理日期"))
    body = models.CharField(_("复议机关/审理法院"), max_length=100, blank=True)
    result = models.CharField(
        _("结果"), max_length=12, choices=RemedyResult.choices, default=RemedyResult.PENDING
    )
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("行政复议/诉讼")
        verbose_name_plural = _("行政复议/诉讼")
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filed_on}"


class Conversion(models.Model):
    """Art. 44: information several applicants asked for, turned into a proactive item."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    item = models.OneToOneField(
        "publishing.Item", on_delete=models.PROTECT, related_name="foi_conversion"
    )
    applications = models.ManyToManyField(
        Application, through="ConversionApplication", related_name="conversions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("转为主动公开时间"))

    class Meta:
        verbose_name = _("转为主动公开")
        verbose_name_plural = _("转为主动公开")

    def __str__(self):
        return str(self.item)


class ConversionApplication(models.Model):
    """An application that led to a conversion. It leads to one at most: the service says so
    in Chinese, the constraint keeps it true whatever writes the table."""

    conversion = models.ForeignKey(Conversion, on_delete=models.CASCADE)
    application = models.ForeignKey(Application, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("转为主动公开的申请")
        verbose_name_plural = _("转为主动公开的申请")
        constraints = [
            models.UniqueConstraint(
                fields=["application"], name="foi_conversion_one_per_application"
            )
        ]

    def __str__(self):
        return f"{self.conversion} ← {self.application}"
