"""Escalate the missed response clocks of public-opinion events (run it from cron every few
minutes; the workbench's list of events also does it when staff open it)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.response.services import escalate_missed_clocks


class Command(BaseCommand):
    help = "政务舆情回应超时上报：为已超时的回应时限生成上报记录并通知上级机构。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="以该时间为当前时间（ISO 8601，如 2025-10-02T08:00+08:00），用于补跑或测试。",
        )

    def handle(self, *args, now=None, **options):
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(
                    "时间格式不正确，应为 ISO 8601，如 2025-10-02T08:00+08:00。"
                ) from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        else:
            moment = timezone.now()
        created = escalate_missed_clocks(now=moment)
        self.stdout.write(f"超时上报 {len(created)} 条。")
