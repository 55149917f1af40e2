from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organization


class UpdateFrequency(models.TextChoices):
    REALTIME = "realtime", _("实时")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    YEARLY = "yearly", _("每年")
    AS_NEEDED = "as_needed", _("不定期")

    @property
    def max_days(self) -> int | None:
        """Calendar days after which a column with this frequency counts as stale."""
        return {"realtime": 14, "weekly": 14, "monthly": 45, "quarterly": 120, "yearly": 400}.get(
            self.value
        )


class TemplateKind(models.TextChoices):
    STATUTORY = "statutory", _("法定主动公开内容")
    FIVE_PUBLIC = "five_public", _("五公开")
    KEY_AREAS = "key_areas", _("重点领域信息公开")
    GRASSROOTS = "grassroots", _("基层政务公开标准目录")


class NodeFields(models.Model):
    """The statement every catalog column makes about itself."""

    name = models.CharField(_("栏目名称"), max_length=100)
    subject = models.CharField(_("公开主体"), max_length=100, blank=True)
    content = models.TextField(_("公开内容"), blank=True)
    time_limit = models.CharField(_("公开时限"), max_length=100, blank=True)
    method = models.CharField(_("公开方式"), max_length=100, blank=True)
    scope = models.CharField(_("公开范围"), max_length=100, blank=True, default="全社会")
    update_frequency = models.CharField(
        _("更新频率"),
        max_length=16,
        choices=UpdateFrequency.choices,
        default=UpdateFrequency.AS_NEEDED,
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True


class CatalogTemplate(models.Model):
    """A shared catalog shape organizations build their own catalog from."""

    name = models.CharField(_("模板名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=TemplateKind.choices)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("目录模板")
        verbose_name_plural = _("目录模板")

    def __str__(self):
        return self.name


class CatalogTemplateNode(NodeFields):
    template = models.ForeignKey(
        CatalogTemplate, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("模板")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("上级栏目"),
    )

    class Meta:
        verbose_name = _("模板栏目")
        verbose_name_plural = _("模板栏目")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.template} / {self.name}"


class CatalogNode(NodeFields):
    """A column of one organization's disclosure catalog (主动公开目录)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="catalog_nodes",
        verbose_name=_("机构"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级栏目"),
    )
    template_node = models.ForeignKey(
        CatalogTemplateNode,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("来源模板栏目"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("目录栏目")
        verbose_name_plural = _("目录栏目")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "parent", "name"], name="catalog_node_unique_name"
            )
        ]

    def __str__(self):
        return f"{self.organization} / {self.name}"


class DocumentKind(models.TextChoices):
    GUIDE = "guide", _("政府信息公开指南")
    RULES = "rules", _("政府信息公开制度")


class OpennessDocument(models.Model):
    """An organization's 公开指南 or one of its 公开制度."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="openness_documents",
        verbose_name=_("机构"),
    )
    kind = models.CharField(_("类型"), max_length=8, choices=DocumentKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("指南与制度")
        verbose_name_plural = _("指南与制度")
        ordering = ["kind", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(kind=DocumentKind.GUIDE),
                name="openness_document_one_guide",
                violation_error_message=_("每个机构只有一份政府信息公开指南。"),
            )
        ]

    def __str__(self):
        return self.title


class NegativeListEntry(models.Model):
    """A matter the organization does not disclose, with its legal basis (负面清单)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="negative_list",
        verbose_name=_("机构"),
    )
    matter = models.CharField(_("事项"), max_length=200)
    legal_basis = models.TextField(_("法律依据"))
    scope = models.TextField(_("适用范围"), blank=True)
    review_on = models.DateField(_("下次评估日期"))
    is_active = models.BooleanField(_("有效"), default=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("负面清单事项")
        verbose_name_plural = _("负面清单")
        ordering = ["organization", "review_on", "id"]

    def __str__(self):
        return self.matter
