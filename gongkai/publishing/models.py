import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import CatalogNode
from gongkai.orgs.models import Organization

from .choices import (
    IN_FORCE,
    POLICY_TYPES,
    PUBLIC_ACTIONS,
    PUBLIC_STATUSES,
    Action,
    Attribute,
    FivePublic,
    Ground,
    InfoType,
    RelationKind,
    Status,
    Validity,
)


def normalize_document_number(value: str) -> str:
    """Comparison key of a 文号: NFKC (full-width digits, brackets), no spaces, 〔〕 unified."""
    text = unicodedata.normalize("NFKC", value or "")
    text = "".join(text.split())
    for old in "[［【(（":
        text = text.replace(old, "〔")
    for old in "]］】)）":
        text = text.replace(old, "〕")
    return text


class Topic(models.Model):
    """主题分类 (State Council topic classification), two levels, editable."""

    name = models.CharField(_("名称"), max_length=40)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级分类"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="topic_unique_name")]

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


class Item(models.Model):
    """A piece of government information (政府信息) with its catalog metadata."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="items", verbose_name=_("发布机构")
    )
    co_issuers = models.ManyToManyField(
        Organization, blank=True, related_name="co_issued_items", verbose_name=_("联合发文机关")
    )
    index_number = models.CharField(_("索引号"), max_length=60, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    document_number_key = models.CharField(max_length=60, blank=True, editable=False)
    written_on = models.DateField(_("成文日期"))
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True, db_index=True)
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("主题分类")
    )
    info_type = models.CharField(_("信息类别"), max_length=16, choices=InfoType.choices)
    five_public = models.CharField(
        _("五公开类别"), max_length=12, choices=FivePublic.choices, blank=True
    )
    catalog_nodes = models.ManyToManyField(
        CatalogNode, blank=True, related_name="items", verbose_name=_("所属目录")
    )
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    validity = models.CharField(_("有效性"), max_length=12, choices=Validity.choices, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    expires_on = models.DateField(
        _("失效日期"),
        null=True,
        blank=True,
        help_text=_("文件有效期的最后一天（“有效期至”的日期），次日起自动标记为失效。"),
    )
    abolished_on = models.DateField(
        _("废止日期"),
        null=True,
        blank=True,
        help_text=_(
            "自该日起废止（不再有效）。由“废止”办理填写；晚于当天的，到该日自动标记为废止。"
        ),
    )
    attribute = models.CharField(
        _("公开属性"), max_length=12, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    ground = models.CharField(_("不公开依据"), max_length=24, choices=Ground.choices, blank=True)
    attribute_explanation = models.TextField(_("属性认定说明"), blank=True)
    needs_interpretation = models.BooleanField(_("需要同步解读"), default=False)
    status = models.CharField(
        _("状态"), max_length=24, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    due_on = models.DateField(
        _("公开期限"),
        null=True,
        blank=True,
        help_text=_("发布时按公开时限计算并留存，用于统计逾期发布。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "document_number_key"],
                condition=~Q(document_number_key=""),
                name="item_unique_document_number",
                violation_error_message=_("本机构已有相同文号的信息。"),
            ),
            models.CheckConstraint(
                condition=Q(attribute=Attribute.PROACTIVE) | ~Q(ground=""),
                name="item_non_proactive_needs_ground",
                violation_error_message=_("非主动公开的信息必须选择法定依据。"),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status", "-published_at"]),
            models.Index(fields=["status", "-published_at", "-id"], name="item_public_latest"),
            models.Index(fields=["info_type", "status", "-published_at"], name="item_type_latest"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_policy(self) -> bool:
        return self.info_type in POLICY_TYPES

    @property
    def abolition_scheduled(self) -> bool:
        """Public, and abolished from ``abolished_on``, a day still to come: in force until
        then."""
        return self.is_public and self.abolished_on is not None and self.validity in IN_FORCE

    @property
    def abolition_decided(self) -> bool:
        """Abolished already, or from a day still to come: no second abolition."""
        return self.validity == Validity.ABOLISHED or self.abolition_scheduled

    @property
    def amended_by(self) -> list["Item"]:
        """The public documents that amend this one (prefetch ``relations_in__source``)."""
        return [
            relation.source
            for relation in self.relations_in.all()
            if relation.kind == RelationKind.AMENDS and relation.source.status in PUBLIC_STATUSES
        ]


class ItemRelation(models.Model):
    source = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="relations_out")
    target = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="relations_in")
    kind = models.CharField(_("关系"), max_length=12, choices=RelationKind.choices)

    class Meta:
        verbose_name = _("关联信息")
        verbose_name_plural = _("关联信息")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relation_unique")
        ]

    def __str__(self):
        return f"{self.source_id} {self.kind} {self.target_id}"


def attachment_path(instance, filename):
    return f"attachments/{instance.item_id}/{filename}"


class Attachment(models.Model):
    ALLOWED_EXTENSIONS = ("pdf", "ofd", "docx", "xlsx", "png", "jpg", "jpeg")
    IMAGE_EXTENSIONS = ("png", "jpg", "jpeg")

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path)
    title = models.CharField(_("附件名称"), max_length=200)
    alt_text = models.CharField(
        _("替代文字"), max_length=300, blank=True, help_text=_("图片必须填写，供读屏软件朗读。")
    )
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""


class ItemEvent(models.Model):
    """One step in an item's life. Public actions (publish, correct, withdraw, abolish or
    decide to abolish from a later day, and the validity changes: expire, amend, restore) are
    shown with their reasons on the public page; the rest is for staff."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("操作"), max_length=24, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"))
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    reason = models.TextField(_("理由或意见"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("处理记录")
        verbose_name_plural = _("处理记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def is_public(self) -> bool:
        return self.action in PUBLIC_ACTIONS


class ItemVersion(models.Model):
    """The content as it went public, at each publication and correction."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    document_number = models.CharField(max_length=60, blank=True)
    body = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64)
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="version_unique_number")
        ]

    def __str__(self):
        return f"{self.item_id} v{self.number}"


class IndexSerial(models.Model):
    """Last serial used for 索引号 per organization and year."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="serial_unique_year")
        ]

    def __str__(self):
        return f"{self.organization_id}/{self.year}: {self.last}"


class PublicationTimeLimit(models.Model):
    """How many working days after 成文日期 an item must go public. The most specific rule
    (organization and type, then organization, then type) wins over the platform default."""

    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("机构"),
        help_text=_("留空表示适用于所有机构。"),
    )
    info_type = models.CharField(
        _("信息类别"),
        max_length=16,
        choices=InfoType.choices,
        blank=True,
        help_text=_("留空表示适用于所有类别。"),
    )
    days = models.PositiveSmallIntegerField(_("时限（工作日）"))

    class Meta:
        verbose_name = _("公开时限")
        verbose_name_plural = _("公开时限")
        constraints = [
            # SQLite ignores nulls_distinct, so the platform-wide rules get their own constraint.
            models.UniqueConstraint(
                fields=["organization", "info_type"],
                condition=Q(organization__isnull=False),
                name="time_limit_unique",
            ),
            models.UniqueConstraint(
                fields=["info_type"],
                condition=Q(organization__isnull=True),
                name="time_limit_unique_platform",
            ),
        ]

    def __str__(self):
        return f"{self.organization or _('全部机构')} · {self.get_info_type_display() or _('全部类别')} · {self.days}"


class SensitiveWord(models.Model):
    word = models.CharField(_("敏感词"), max_length=40, unique=True)
    category = models.CharField(_("类别"), max_length=40, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")

    def __str__(self):
        return self.word


class RegisterHead(models.Model):
    """The end of the release register's hash chain; locked while a record is appended."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return f"#{self.last_seq}"


class ReleaseRecord(models.Model):
    """信息发布登记: one append-only, hash-chained row per publication, correction, withdrawal,
    abolition and other change of a policy's validity (失效, 已修改, back to 现行有效).
    ``record_hash`` covers every field and the previous row's hash, so an
    edited or deleted row breaks the chain at that point."""

    seq = models.PositiveBigIntegerField(_("序号"), primary_key=True)
    subject_kind = models.CharField(_("对象"), max_length=16)
    subject_id = models.PositiveBigIntegerField()
    index_number = models.CharField(_("索引号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    action = models.CharField(_("操作"), max_length=24, choices=Action.choices)
    content_hash = models.CharField(_("内容摘要值"), max_length=64)
    organization_code = models.CharField(_("机构代码"), max_length=24)
    organization_name = models.CharField(_("机构"), max_length=100)
    reviewers = models.CharField(_("审核人员"), max_length=300)
    publisher = models.CharField(_("发布人"), max_length=100)
    channel = models.CharField(_("发布渠道"), max_length=40)
    at = models.DateTimeField(_("登记时间"))
    prev_hash = models.CharField(max_length=64)
    record_hash = models.CharField(_("登记摘要值"), max_length=64)

    class Meta:
        verbose_name = _("发布登记")
        verbose_name_plural = _("发布登记")
        ordering = ["seq"]
        indexes = [models.Index(fields=["subject_kind", "subject_id"])]

    def __str__(self):
        return f"#{self.seq} {self.get_action_display()} {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("release register rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("release register rows are append-only")
