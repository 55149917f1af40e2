from django.utils import timezone

from django_tasks import task


@task()
def publish_due_items() -> int:
    """Publish the scheduled items whose time has come; enqueued for each scheduled time."""
    from .services import items_publish_due

    return len(items_publish_due(now=timezone.now()))
