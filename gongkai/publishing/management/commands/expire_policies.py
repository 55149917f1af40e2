from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.publishing.services import items_expire_due


class Command(BaseCommand):
    help = (
        "Mark 失效 every published policy whose 失效日期 has passed. Run it from cron once a "
        "day, shortly after midnight Beijing time; running it again changes nothing."
    )

    def handle(self, *args, **options):
        expired = items_expire_due(now=timezone.now())
        for item in expired:
            self.stdout.write(f"{item.index_number} {item.title}")
        self.stdout.write(f"expired {len(expired)} policy item(s)")
