"""What gets indexed for an item, cut into words: shared by both engines.

Only published items are indexed (withdrawn ones leave the index; abolished policies stay,
ranked lower). The text is the title, and as the body the 文号, 主题词, 内容概述 and the
plain text of the body.
"""

import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context

from gongkai.core.sanitize import html_to_text

from . import segment

SCHEMA_VERSION = 1
TITLE_BOOST = 3.0
# Ranking: the engine's text relevance (title words count TITLE_BOOST times) finds the best
# RERANK_WINDOW matches; those are re-ordered by relevance × validity × recency (`factor`),
# computed at query time so that "recent" always means recent today.
RERANK_WINDOW = 200
RECENCY_HALF_LIFE_DAYS = 2 * 365  # recency counts from 1 (today) down towards 0.5
VALIDITY_FACTOR = {"current": 1.1, "": 1.0, "amended": 0.8, "expired": 0.6, "abolished": 0.5}
VALIDITY_CODES = {"": 0, "current": 1, "amended": 2, "expired": 3, "abolished": 4}
VALIDITY_BY_CODE = {code: name for name, code in VALIDITY_CODES.items()}
FIELDS = (
    "id",
    "title",
    "document_number",
    "document_number_key",
    "index_number",
    "keywords",
    "summary",
    "body",
    "organization_id",
    "info_type",
    "topic_id",
    "topic__parent_id",
    "published_at",
    "validity",
)


@dataclass
class IndexDoc:
    item_id: int
    title: str  # words joined by spaces
    body: str
    organization_id: int
    info_type: str
    topic_ids: list[int]
    published_at: datetime
    validity: str
    document_number_key: str
    index_number: str


def factor(published_at: datetime, validity: str, now: datetime) -> float:
    """How much validity and age scale an item's text relevance: current policies above
    abolished ones (×1.1 against ×0.5), a new item up to twice an old one."""
    age_days = max((now - published_at).total_seconds() / 86400, 0.0)
    recency = 0.5 + 0.5 * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)
    return VALIDITY_FACTOR.get(validity, 1.0) * recency


def rerank(hits: list[tuple[int, float, datetime, str]], now: datetime) -> list[tuple[int, float]]:
    """(item id, relevance, published, validity) → (item id, final score), best first."""
    scored = [
        (pk, score * factor(published, validity, now)) for pk, score, published, validity in hits
    ]
    scored.sort(key=lambda hit: (-hit[1], -hit[0]))
    return scored


def make_doc(row: dict) -> IndexDoc:
    """An index document from a row of ``FIELDS`` values."""
    text = " ".join(
        part
        for part in (
            row["document_number"],
            row["keywords"],
            row["summary"],
            html_to_text(row["body"]),
        )
        if part
    )
    topic_ids = [t for t in (row["topic_id"], row["topic__parent_id"]) if t]
    return IndexDoc(
        item_id=row["id"],
        title=segment.index_text(row["title"]),
        body=segment.index_text(text),
        organization_id=row["organization_id"],
        info_type=row["info_type"],
        topic_ids=topic_ids,
        published_at=row["published_at"],
        validity=row["validity"] or "",
        document_number_key=row["document_number_key"] or "",
        index_number=segment.normalize(row["index_number"]),
    )


def _make_docs(rows: list[dict], convert: Callable | None = None):
    docs = [make_doc(row) for row in rows]
    return convert(docs) if convert else docs


def indexable():
    from gongkai.publishing.choices import Status
    from gongkai.publishing.models import Item

    return Item.objects.filter(status=Status.PUBLISHED)


def docs_for(item_ids) -> tuple[list[IndexDoc], list[int]]:
    """Documents for the given items that are published, and the ids of those that are not."""
    ids = list(item_ids)
    rows = list(indexable().filter(pk__in=ids).values(*FIELDS))
    found = {row["id"] for row in rows}
    return _make_docs(rows), [pk for pk in ids if pk not in found]


def iter_batches(
    *,
    batch: int = 2000,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    convert: Callable[[list[IndexDoc]], object] | None = None,
) -> Iterator:
    """Every published item as documents, in batches, in id order. Segmentation (and
    ``convert``, a module-level function turning a batch into what the engine loads) runs in
    ``workers`` processes (default: one per CPU) while this one reads the next rows and loads
    the previous batch. Yields (number of items, batch)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    queryset = indexable().order_by("pk")

    def row_batches():
        last = 0
        while True:
            rows = list(queryset.filter(pk__gt=last).values(*FIELDS)[:batch])
            if not rows:
                return
            last = rows[-1]["id"]
            yield rows

    if workers <= 1:
        for rows in row_batches():
            if progress:
                progress(len(rows))
            yield len(rows), _make_docs(rows, convert)
        return
    segment.warm_up()  # forked workers inherit the loaded dictionary
    # Rows are read here, in this thread (a test's or the command's transaction); only the
    # cutting into words runs in the workers, a few batches ahead.
    pending: deque = deque()
    with get_context("fork").Pool(workers) as pool:
        for rows in row_batches():
            pending.append((len(rows), pool.apply_async(_make_docs, (rows, convert))))
            if len(pending) > workers:
                count, result = pending.popleft()
                if progress:
                    progress(count)
                yield count, result.get()
        while pending:
            count, result = pending.popleft()
            if progress:
                progress(count)
            yield count, result.get()
