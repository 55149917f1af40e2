from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.workdays.models import YearArrangement
from gongkai.workdays.seed import package_years
from gongkai.workdays.services import calendar_import_year


class Command(BaseCommand):
    help = (
        "从 chinesecalendar 包导入节假日安排（默认：包中 2019 年起的所有年份）。"
        "已录入的年份跳过，除非指定 --force（会使该年与包中数据完全一致）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="只导入此年份（可重复）"
        )
        parser.add_argument("--force", action="store_true", help="覆盖已录入的年份")

    def handle(self, *args, years=None, force=False, **options):
        available = package_years()
        unknown = sorted(set(years or []) - set(available))
        if unknown:
            raise CommandError(
                f"chinesecalendar 不含这些年份的数据：{', '.join(map(str, unknown))}；"
                f"可导入：{available[0]}–{available[-1]}。请在后台手工录入。"
            )
        present = set(YearArrangement.objects.values_list("year", flat=True))
        for year in sorted(set(years or available)):
            if year in present and not force:
                self.stdout.write(f"{year}：已录入，跳过（用 --force 覆盖）")
                continue
            try:
                calendar_import_year(year=year, actor=None)
            except DomainError as error:
                raise CommandError(error.message) from error
            self.stdout.write(self.style.SUCCESS(f"{year}：已导入"))
