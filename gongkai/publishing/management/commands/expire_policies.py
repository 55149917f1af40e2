from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.publishing.services import items_expire_due


class Command(BaseCommand):
    help = (
        "Mark 失效 every published policy whose 失效日期 has passed, and 废止 every one whose "
        "废止日期 has come. Run it from cron once a day, shortly after midnight Beijing time; "
        "running it again changes nothing."
    )

    def handle(self, *args, **options):
        changed = items_expire_due(now=timezone.now())
        for item in changed:
            self.stdout.write(f"{item.index_number} {item.title} {item.get_validity_display()}")
        self.stdout.write(f"expired or abolished {len(changed)} policy item(s)")
