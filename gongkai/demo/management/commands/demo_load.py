from datetime import date, datetime, time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from gongkai.core.jobs import enqueue_on_commit
from gongkai.core.timeutil import local_date
from gongkai.demo.generator import load
from gongkai.orgs.models import Organization
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Item
from gongkai.publishing.services import validity_jobs_schedule
from gongkai.publishing.tasks import publish_due_items

QUIET_BACKEND = "django_tasks.backends.dummy.DummyBackend"


class Command(BaseCommand):
    help = (
        "Load the demonstration government 临江市 (organizations, staff, catalogs and items "
        "made through the real workflow) into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has organizations.",
        )
        parser.add_argument("--items", type=int, default=3000, help="Number of items (3000).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (2026).")
        parser.add_argument(
            "--applications",
            type=int,
            default=None,
            help="Number of applications for information (default: 12%% of --items).",
        )
        parser.add_argument(
            "--until",
            type=date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="Last day of the demo's history (default: now). With --seed, the same data.",
        )

    def handle(self, *args, items, seed, until, if_empty, applications, **options):
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write("数据库中已有机构，跳过演示数据载入。")
                return
            raise CommandError(
                "数据库中已有机构。演示数据只能载入空数据库；如只想在空库时载入，请加 --if-empty。"
            )
        if items < 50:
            raise CommandError("--items 至少为 50，才能覆盖各种状态。")
        now = None
        if until is not None:
            now = timezone.make_aware(datetime.combine(until, time(18, 0)))
        # Thousands of per-item index jobs would only be redone by the rebuild below.
        with override_settings(TASKS={"default": {"BACKEND": QUIET_BACKEND}}):
            summary = load(
                items=items,
                seed=seed,
                now=now,
                applications=applications,
                progress=self.stdout.write,
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, so list pages use the right indexes
        for at in (
            Item.objects.filter(status=Status.SCHEDULED)
            .values_list("scheduled_at", flat=True)
            .distinct()
        ):
            enqueue_on_commit(publish_due_items, run_after=at)
        validity_jobs_schedule(today=local_date(now or timezone.now()))
        call_command("search_rebuild", stdout=self.stdout)
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("演示数据已载入。运行 manage.py demo_logins 查看登录账号。")
        )
