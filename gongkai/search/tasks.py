from django_tasks import task


@task()
def index_item(item_id: int) -> int:
    """Bring one item's entry in the search index up to date: (re)index it when published,
    remove it otherwise. Enqueued after commit by publish, correct, withdraw and abolish."""
    from .backends import get_backend

    return get_backend().index([item_id])
