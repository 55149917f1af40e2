"""The one way background work is started.

Every job is a ``django_tasks`` task. The backend comes from settings: the embedded database
queue (run by ``manage.py db_worker``), RQ on Redis when ``REDIS_URL`` is set, or the immediate
backend in tests. Jobs are enqueued only after the surrounding transaction commits, so a worker
never sees a half-written record.
"""

from datetime import datetime

from django.db import transaction

from django_tasks import default_task_backend


def enqueue_on_commit(task, *args, run_after: datetime | None = None, **kwargs) -> None:
    """Enqueue ``task`` once the current transaction commits.

    ``run_after`` defers the job where the backend can; a backend that cannot (the immediate one
    used in tests) leaves deferred work to the periodic sweep commands.
    """

    def _enqueue():
        if run_after is not None:
            if not default_task_backend.supports_defer:
                return
            task.using(run_after=run_after).enqueue(*args, **kwargs)
        else:
            task.enqueue(*args, **kwargs)

    transaction.on_commit(_enqueue)
