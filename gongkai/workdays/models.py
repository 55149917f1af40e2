"""The official calendar: which years are known, and the days that differ from Mon–Fri.

A weekday is a working day and a weekend day is not, unless a ``SpecialDay`` says otherwise
(法定节假日 on a weekday, 调休上班 on a weekend). A year without a ``YearArrangement`` is unknown:
calculations still run on weekends alone, but their results are marked provisional.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 2000
MAX_YEAR = 2100


class YearArrangement(models.Model):
    """The State Council's holiday arrangement for one year; its presence makes the year known."""

    year = models.PositiveSmallIntegerField(
        _("年份"),
        unique=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    source = models.CharField(
        _("依据"),
        max_length=300,
        blank=True,
        help_text=_("如：国务院办公厅关于2026年部分节假日安排的通知。"),
    )
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="workdays_year_in_range",
            ),
        ]

    def __str__(self):
        return _("%(year)s年节假日安排") % {"year": self.year}


class SpecialDay(models.Model):
    """A day on which the normal Mon–Fri rule does not hold."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休上班")

    arrangement = models.ForeignKey(
        YearArrangement,
        verbose_name=_("年度安排"),
        on_delete=models.PROTECT,
        related_name="special_days",
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("节日名称"), max_length=60, blank=True, help_text=_("如：春节。"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日或调休日")
        verbose_name_plural = _("节假日和调休日")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "workday"]),
                name="workdays_specialday_kind_valid",
            ),
        ]

    def __str__(self):
        label = f"{self.date:%Y-%m-%d} {self.get_kind_display()}"
        return f"{label}（{self.name}）" if self.name else label

    def clean(self):
        # The arrangement of one year must not hold another year's days; a database
        # constraint cannot compare across tables, so this check lives here and in the service.
        try:
            arrangement = self.arrangement
        except ObjectDoesNotExist:
            return
        if self.date and arrangement.year and self.date.year != arrangement.year:
            raise ValidationError(
                {
                    "date": _("日期 %(date)s 不属于 %(year)s 年，请在对应年度的安排中录入。")
                    % {"date": self.date.isoformat(), "year": arrangement.year}
                }
            )


class CalendarRevision(models.Model):
    """One row whose token changes with every calendar edit.

    Each process keeps the calendar in memory and compares this token now and then to learn
    that another process changed it. A random token rather than a counter, so that an edit
    rolled back and a different edit made afterwards can never share a revision.
    """

    token = models.CharField(_("版本标识"), max_length=32)
    changed_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("日历版本")
        verbose_name_plural = _("日历版本")

    def __str__(self):
        return self.token
