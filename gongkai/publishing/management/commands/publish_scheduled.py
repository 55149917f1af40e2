from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.publishing.services import items_publish_due


class Command(BaseCommand):
    help = "Publish every scheduled item whose time has come (safety net for the job queue)."

    def handle(self, *args, **options):
        published = items_publish_due(now=timezone.now())
        self.stdout.write(f"published {len(published)} scheduled item(s)")
