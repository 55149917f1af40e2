from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organization
from gongkai.publishing.models import Item


class Form(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    MEDIA = "media", _("音视频解读")
    QA = "qa", _("问答")
    PRESS = "press", _("新闻发布会")
    OFFICIAL = "official", _("负责人解读")


class Status(models.TextChoices):
    DRAFT = "draft", _("起草")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("审核通过")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Interpretation(models.Model):
    """政策解读: drafted by the organization that drafted the policy (谁起草谁解读), approved
    with it and published with it."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name=_("解读机构"),
    )
    policies = models.ManyToManyField(
        Item, related_name="interpretations", verbose_name=_("解读的政策文件")
    )
    title = models.CharField(_("标题"), max_length=200)
    form = models.CharField(_("解读形式"), max_length=12, choices=Form.choices, default=Form.TEXT)
    interpreter = models.CharField(
        _("解读人"), max_length=100, blank=True, help_text=_("负责人解读时填写姓名和职务。")
    )
    body = models.TextField(_("正文"))
    media_url = models.URLField(_("音视频或图解链接"), blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核人"),
    )
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title
