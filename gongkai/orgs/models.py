from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from asgiref.local import Local


class Level(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门")
    DISTRICT = "district", _("区县政府")
    DISTRICT_DEPARTMENT = "district_department", _("区县部门")
    TOWN = "town", _("乡镇（街道）")


class Organization(models.Model):
    """A body that publishes information: a government, a department, a district or a town."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    code = models.CharField(
        _("机构代码"),
        max_length=24,
        unique=True,
        help_text=_("统一社会信用代码或组织机构代码，用于生成索引号。"),
    )
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True)
    level = models.CharField(_("层级"), max_length=24, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    # 公开指南 data: how to reach the openness office.
    office_name = models.CharField(_("政务公开工作机构"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    fax = models.CharField(_("传真"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    functions = models.TextField(_("机构职能"), blank=True)
    head = models.CharField(_("负责人"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.pk and self.parent_id:
            if self.parent_id == self.pk or self in self.parent.ancestors():
                raise ValidationError({"parent": _("上级机构不能是本机构或其下级机构。")})

    def ancestors(self) -> list["Organization"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Role(models.TextChoices):
    DRAFTER = "drafter", _("起草人")
    UNIT_REVIEWER = "unit_reviewer", _("审核人")
    CONFIDENTIALITY_REVIEWER = "confidentiality_reviewer", _("保密审查员")
    OPENNESS_OFFICE = "openness_office", _("政务公开工作机构")
    PLATFORM_ADMIN = "platform_admin", _("平台管理员")


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        """Roles held now: revoked ones stay as history and grant nothing."""
        return self.filter(revoked_at__isnull=True)


class Membership(models.Model):
    """A role a person holds in one organization. Roles never reach other organizations,
    except 平台管理员, which is platform-wide wherever it is held. A revoked role keeps its row
    (who held what, from when to when); granting it again makes a new one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("人员"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("授予时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                condition=models.Q(revoked_at__isnull=True),
                name="membership_unique_active_role",
                violation_error_message=_("此人已在该机构担任该角色。"),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


class PlatformSettings(models.Model):
    """Site-wide settings: one row, edited in the admin."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="政府信息公开平台")
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    icp_number = models.CharField(_("ICP备案编号"), max_length=60, blank=True)
    psb_number = models.CharField(_("公安机关备案号"), max_length=60, blank=True)
    contact = models.CharField(_("网站联系方式"), max_length=100, blank=True)
    index_number_format = models.CharField(
        _("索引号格式"),
        max_length=60,
        default="{org_code}/{year}-{serial:05d}",
        help_text=_("可用字段：{org_code} 机构代码，{year} 年份，{serial} 年度流水号。"),
    )
    publication_limit_days = models.PositiveSmallIntegerField(
        _("默认公开时限（工作日）"),
        default=20,
        help_text=_("自成文日期起计算，条例第二十六条规定为20个工作日。"),
    )
    due_soon_days = models.PositiveSmallIntegerField(_("临期提醒（工作日）"), default=3)

    class Meta:
        verbose_name = _("平台设置")
        verbose_name_plural = _("平台设置")

    def __str__(self):
        return str(self.site_name)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _this_request.settings = None  # a change is seen at once, even later in this request

    @classmethod
    def load(cls) -> "PlatformSettings":
        """The row, created on first use. Every page's context and several services ask for
        it, so a request reads it once and keeps it to its end; outside a request (commands,
        tasks, tests between requests) every call reads it afresh."""
        kept = getattr(_this_request, "settings", None)
        if kept is not None:
            return kept
        obj, _created = cls.objects.get_or_create(pk=1)
        if getattr(_this_request, "active", False):
            _this_request.settings = obj
        return obj


# What PlatformSettings.load keeps during a request: per thread, and per task under ASGI.
_this_request = Local()


def request_begins(**_kwargs) -> None:
    """``request_started`` receiver (connected in ``OrgsConfig.ready``)."""
    _this_request.active = True
    _this_request.settings = None


def request_ends(**_kwargs) -> None:
    """``request_finished`` receiver (connected in ``OrgsConfig.ready``)."""
    _this_request.active = False
    _this_request.settings = None
