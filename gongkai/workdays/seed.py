"""Reading the official arrangement from the ``chinesecalendar`` package.

Kept apart from the services, with the model classes passed in, so that the seed migration
can run it on its historical models.
"""

from datetime import date

from django.utils.translation import gettext as _

import chinese_calendar

from gongkai.core.errors import DomainError

HOLIDAY = "holiday"
WORKDAY = "workday"

# The package's English holiday names, as the State Council's notices name them.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# The first year the platform needs: the 条例 in force since 2019-05-15.
FIRST_IMPORTED_YEAR = 2019


def package_years() -> list[int]:
    """Years from 2019 on for which the installed ``chinesecalendar`` has the arrangement."""
    return sorted({d.year for d in chinese_calendar.holidays if d.year >= FIRST_IMPORTED_YEAR})


def package_days(year: int) -> list[tuple[date, str, str]]:
    """(date, kind, Chinese name) of every holiday and make-up workday the package lists."""
    days = [(d, HOLIDAY, n) for d, n in chinese_calendar.holidays.items()]
    days += [(d, WORKDAY, n) for d, n in chinese_calendar.workdays.items()]
    return sorted(
        (day, kind, HOLIDAY_NAMES_ZH.get(name, name))
        for day, kind, name in days
        if day.year == year
    )


def package_source(year: int) -> str:
    version = getattr(chinese_calendar, "__version__", "")
    return f"国务院办公厅关于{year}年部分节假日安排的通知（据 chinesecalendar {version} 导入）"


def import_year(*, year: int, arrangement_model, day_model) -> tuple:
    """Make ``year`` match the package exactly; returns (arrangement, created, updated, deleted).

    Takes the model classes so that the seed migration can pass its historical models.
    """
    if year not in package_years():
        raise DomainError(
            _("已安装的 chinesecalendar 不含 %(year)s 年的节假日数据，请在后台手工录入。")
            % {"year": year}
        )
    arrangement, _created = arrangement_model.objects.get_or_create(
        year=year, defaults={"source": package_source(year)}
    )
    wanted = {day: (kind, name) for day, kind, name in package_days(year)}
    existing = {d.date: d for d in day_model.objects.filter(date__year=year)}
    created = updated = 0
    for day, (kind, name) in wanted.items():
        row = existing.get(day)
        if row is None:
            day_model.objects.create(arrangement=arrangement, date=day, kind=kind, name=name)
            created += 1
        elif (row.kind, row.name, row.arrangement_id) != (kind, name, arrangement.pk):
            row.kind, row.name, row.arrangement = kind, name, arrangement
            row.save()
            updated += 1
    stale = [row.pk for day, row in existing.items() if day not in wanted]
    day_model.objects.filter(pk__in=stale).delete()
    return arrangement, created, updated, len(stale)
