from django.utils import timezone

from django_tasks import task


@task()
def publish_due_items() -> int:
    """Publish the scheduled items whose time has come; enqueued for each scheduled time."""
    from .services import items_publish_due

    return len(items_publish_due(now=timezone.now()))


@task()
def expire_due_items() -> int:
    """Mark 失效 the policies whose 失效日期 has passed and 废止 those whose 废止日期 has come;
    enqueued for the day after each 失效日期 and for each 废止日期."""
    from .services import items_expire_due

    return len(items_expire_due(now=timezone.now()))
