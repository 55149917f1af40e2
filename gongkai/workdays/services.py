"""Every change to the calendar. Each runs in one transaction, writes an audit row and calls
``calendar_changed()`` so that no process keeps counting on the old calendar."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.orgs.permissions import is_platform_admin

from .calendar import calendar_changed
from .models import SpecialDay, YearArrangement
from .seed import import_year


def _require_calendar_admin(actor) -> None:
    """Only the system (actor None), superusers and 平台管理员 may change the legal clock."""
    if actor is None or actor.is_superuser:
        return
    if not is_platform_admin(actor):
        raise NotAllowed(_("只有平台管理员可以修改工作日历。"))


def _audit(arrangement: YearArrangement, *, action: str, actor, summary: str, data: dict) -> None:
    audit(
        subject=arrangement,
        action=action,
        actor=actor,
        at=timezone.now(),
        summary=summary,
        data=data,
    )


@transaction.atomic
def calendar_import_year(*, year: int, actor=None) -> YearArrangement:
    """Enter ``year`` from the ``chinesecalendar`` package; running it twice changes nothing.

    Days of that year entered by hand that the package does not list are removed: the import
    makes the year match the official arrangement.
    """
    _require_calendar_admin(actor)
    arrangement, created, updated, deleted = import_year(
        year=year, arrangement_model=YearArrangement, day_model=SpecialDay
    )
    if created or updated or deleted:
        _audit(
            arrangement,
            action="workdays.import_year",
            actor=actor,
            summary=_("导入%(year)s年节假日安排") % {"year": year},
            data={"created": created, "updated": updated, "deleted": deleted},
        )
    calendar_changed()
    return arrangement


@transaction.atomic
def year_arrangement_create(*, year: int, source: str = "", actor) -> YearArrangement:
    """Declare ``year`` known (its days are then entered with ``special_day_set``)."""
    _require_calendar_admin(actor)
    if YearArrangement.objects.filter(year=year).exists():
        raise DomainError(_("%(year)s年的节假日安排已存在。") % {"year": year}, field="year")
    arrangement = YearArrangement(year=year, source=source)
    arrangement.full_clean()
    arrangement.save()
    _audit(
        arrangement,
        action="workdays.year_create",
        actor=actor,
        summary=_("新建%(year)s年节假日安排") % {"year": year},
        data={"source": source},
    )
    calendar_changed()
    return arrangement


@transaction.atomic
def special_day_set(*, day: date, kind: str, name: str = "", actor) -> SpecialDay:
    """Make ``day`` a 法定节假日 or a 调休上班 day, replacing what it was."""
    _require_calendar_admin(actor)
    if kind not in SpecialDay.Kind.values:
        raise DomainError(_("未知的日期类型：%(kind)s。") % {"kind": kind}, field="kind")
    arrangement = YearArrangement.objects.filter(year=day.year).first()
    if arrangement is None:
        raise DomainError(
            _("%(year)s年的节假日安排尚未建立，请先新建该年度安排，再录入具体日期。")
            % {"year": day.year},
            field="day",
        )
    special = SpecialDay.objects.filter(date=day).first() or SpecialDay(date=day)
    special.arrangement, special.kind, special.name = arrangement, kind, name
    special.full_clean()
    special.save()
    _audit(
        arrangement,
        action="workdays.day_set",
        actor=actor,
        summary=f"{day.isoformat()} {special.get_kind_display()} {name}".strip(),
        data={"date": day.isoformat(), "kind": kind, "name": name},
    )
    calendar_changed()
    return special


@transaction.atomic
def special_day_remove(*, day: date, actor) -> None:
    """Make ``day`` follow the ordinary Mon–Fri rule again."""
    _require_calendar_admin(actor)
    special = SpecialDay.objects.select_related("arrangement").filter(date=day).first()
    if special is None:
        raise DomainError(
            _("%(date)s 不是已录入的节假日或调休日。") % {"date": day.isoformat()}, field="day"
        )
    special.delete()
    _audit(
        special.arrangement,
        action="workdays.day_remove",
        actor=actor,
        summary=_("删除 %(date)s") % {"date": day.isoformat()},
        data={"date": day.isoformat(), "kind": special.kind, "name": special.name},
    )
    calendar_changed()
