from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.core.timeutil import local_date
from gongkai.foi.reminders import send_due_reminders
from gongkai.workdays import is_working_day


class Command(BaseCommand):
    help = (
        "E-mail each openness-office member a digest of their organizations' applications due "
        "within 3 working days or overdue. Run once every morning (cron); skips non-working days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="Site address for the links, e.g. https://gk.example.gov.cn "
            "(default: settings.GONGKAI_SITE_URL).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Send even on a weekend or public holiday."
        )

    def handle(self, *args, base_url=None, force=False, **options):
        now = timezone.now()
        if not force and not is_working_day(local_date(now)):
            self.stdout.write("not a working day: no reminders sent")
            return
        sent = send_due_reminders(now=now, base_url=base_url)
        self.stdout.write(f"sent {sent} reminder mail(s)")
