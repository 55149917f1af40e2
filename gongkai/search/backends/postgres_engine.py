"""The engine for PostgreSQL deployments: full text in the database every web process already
shares, so any number of them on any number of machines search the same index.

- ``SearchDocument.tsv`` holds the item's words from ``segment`` as a ``tsvector`` built in
  Python (no PostgreSQL parser or dictionary involved: queries are built the same way): title
  words with their positions and weight A, body words once without positions.
- The RUM index (``rum_tsvector_ops``, migration 0002) answers ``tsv @@ query`` and ranks
  inside the index (``ORDER BY tsv <=> query``).
- QUERY_PLAN explains how frequent words stay fast (measured in docs/benchmarks.md).
"""

import json
import threading
import time
from contextlib import contextmanager
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone

from .. import SearchQuery
from ..documents import RERANK_WINDOW, SCHEMA_VERSION, IndexDoc, docs_for, iter_batches, rerank
from ..models import IndexState, SearchDocument
from ..segment import DICTIONARY_VERSION
from . import EngineResult, RebuildStats, day_bounds

TABLE = SearchDocument._meta.db_table
COLUMNS = (
    "item_id",
    "organization_id",
    "info_type",
    "topic_id",
    "published_at",
    "validity",
    "document_number_key",
    "index_number",
    "tsv",
)
MAX_POSITION = 16383  # tsvector positions stop there
MAX_POSITIONS_PER_WORD = 8  # of a title word: enough for ranking
# Words in many items are not ranked over all their matches: RUM computes the distance of every
# match (about 1.3 µs each), so a word in each of 1M items costs over a second. Instead the
# DENSE_CANDIDATES newest matches are read along a published_at index — about 3 µs a row
# read, and the rows read to find them fall as the word gets more frequent — and ranked. The
# walk is the cheaper one when matches² > DENSE_FACTOR × items (measured: 34,000 matches at
# 1M items, 10,700 at 100k), as the planner estimates the matches from ANALYZE's statistics.
DENSE_CANDIDATES = 500
DENSE_FACTOR = 1150
EXACT_COUNT_LIMIT = 10_000  # counting visits the heap pages of the matches (~2 µs each)


def _lexeme(word: str) -> str:
    if "'" in word or "\\" in word:
        word = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{word}'"


def tsvector_literal(title: str, body: str) -> str:
    """``'word':1A,4A 'other':1`` — title words with their positions and weight A; the other
    words of the body once, all at position 1 with weight D (a tenth of A for ranking).

    Real positions of body words would count how often a word occurs, but they make the
    tsvector about four times larger (stored out of line, read back for every check of a
    frequent word) and cost more to build than cutting the text into words. Some position is
    needed all the same: for a word without one RUM rechecks every match against the row."""
    positions: dict[str, list[str]] = {}
    for pos, word in enumerate(title.split()[:MAX_POSITION], start=1):
        entry = positions.setdefault(word, [])
        if len(entry) < MAX_POSITIONS_PER_WORD:
            entry.append(f"{pos}A")
    words = set(body.split())
    words.difference_update(positions)
    parts = [f"{_lexeme(word)}:{','.join(p)}" for word, p in positions.items()]
    if "'" in body or "\\" in body:
        parts += [f"{_lexeme(word)}:1" for word in words if len(word) < 600]
    elif words:
        parts.append("'" + "':1 '".join(word for word in words if len(word) < 600) + "':1")
    return " ".join(parts)


def _copy_escape(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def _row(doc: IndexDoc) -> tuple:
    return (
        doc.item_id,
        doc.organization_id,
        doc.info_type,
        doc.topic_ids[0] if doc.topic_ids else None,
        doc.published_at.astimezone(UTC).isoformat(),
        doc.validity,
        doc.document_number_key,
        doc.index_number,
        tsvector_literal(doc.title, doc.body),
    )


def copy_text(docs: list[IndexDoc]) -> str:
    """A batch in COPY's text format (built in the segmentation workers)."""
    return "".join("\t".join(map(_copy_escape, _row(doc))) + "\n" for doc in docs)


def tsquery_literal(terms: list[str], *, any_term: bool) -> str:
    return (" | " if any_term else " & ").join(_lexeme(t) for t in terms)


def topic_family(topic_ids) -> list[int]:
    """The topics and their sub-topics: a filter on a topic covers the items of its children."""
    from gongkai.publishing.models import Topic

    ids = set(topic_ids)
    ids |= set(Topic.objects.filter(parent_id__in=ids).values_list("pk", flat=True))
    return sorted(ids)


@contextmanager
def _planner_off(cursor, setting: str, off: bool = True):
    """Turn a planner method off for one statement: ``enable_bitmapscan`` to make it walk a
    published_at index (newest first, stopping at the LIMIT) rather than collect every match of
    a frequent word and sort them; ``enable_seqscan`` to count through RUM's bitmap rather than
    check the words of every row."""
    if not off:
        yield
        return
    cursor.execute(f"SET {setting} = off")
    try:
        yield
    finally:
        cursor.execute(f"RESET {setting}")


def _create_indexes(definitions: list[str]) -> None:
    """Build the RUM index here and the B-trees meanwhile on a second connection: the RUM
    build is single-threaded and takes most of the time. Inside a transaction (tests) the new
    table is invisible to another connection, so everything is built here."""
    rum = [d for d in definitions if " USING rum " in d]
    others = [d for d in definitions if d not in rum]
    errors: list[BaseException] = []

    def build(statements):
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    if connection.in_atomic_block:
        build(rum + others)
    else:
        helper = threading.Thread(target=build, args=(others,))
        helper.start()
        build(rum)
        helper.join()
    if errors:
        raise errors[0]


class PostgresBackend:
    name = "postgres"

    def _check_vendor(self) -> None:
        if connection.vendor != "postgresql":
            raise RuntimeError("the postgres search backend needs a PostgreSQL database")

    # ---------------------------------------------------------------- writing

    def _copy(self, table: str, data: str) -> None:
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                copy.write(data.encode())

    def index(self, item_ids) -> int:
        self._check_vendor()
        docs, gone = docs_for(item_ids)
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=[d.item_id for d in docs] + gone).delete()
            if docs:
                self._copy(TABLE, copy_text(docs))
            if not IndexState.objects.filter(backend=self.name).exists():
                self._record(SearchDocument.objects.count())  # the first entry: a new index
        return len(docs)

    def remove(self, item_ids) -> None:
        self._check_vendor()
        SearchDocument.objects.filter(pk__in=list(item_ids)).delete()

    def rebuild(self, progress=None, *, workers=None) -> RebuildStats:
        """Fill a new table, index it, then swap it with the live one in one short
        transaction: searches keep working on the old table meanwhile."""
        self._check_vendor()
        started_at = timezone.now()
        started = time.monotonic()
        new = f"{TABLE}_new"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {new}")
            cursor.execute(
                f"CREATE TABLE {new} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING STORAGE "
                "INCLUDING COMPRESSION)"
            )
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE]
            )
            indexes = cursor.fetchall()
        count = 0
        for size, data in iter_batches(workers=workers, progress=progress, convert=copy_text):
            with transaction.atomic():
                self._copy(new, data)
            count += size
        definitions = [
            definition.replace(f" {name} ON ", f" {name}_new ON ", 1).replace(
                f"public.{TABLE} ", f"public.{new} ", 1
            )
            for name, definition in indexes
        ]
        _create_indexes(definitions)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {new}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(f"ALTER TABLE {new} RENAME TO {TABLE}")
            for name, _definition in indexes:
                if name.endswith("_pkey"):
                    cursor.execute(
                        f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} PRIMARY KEY USING INDEX {name}_new"
                    )
                else:
                    cursor.execute(f"ALTER INDEX {name}_new RENAME TO {name}")
            self._record(count)
        seconds = time.monotonic() - started
        from gongkai.publishing.models import Item

        changed = list(Item.objects.filter(updated_at__gte=started_at).values_list("pk", flat=True))
        if changed:
            self.index(changed)
        return RebuildStats(count, seconds)

    def _record(self, count: int) -> None:
        IndexState.objects.update_or_create(
            backend=self.name,
            defaults={
                "dictionary_version": DICTIONARY_VERSION,
                "schema_version": SCHEMA_VERSION,
                "doc_count": count,
                "built_at": timezone.now(),
            },
        )

    def clear(self) -> None:
        """An empty index, recorded as built with the current dictionary."""
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            self._record(0)

    # ---------------------------------------------------------------- reading

    def doc_count(self) -> int:
        return SearchDocument.objects.count()

    def built_version(self) -> str | None:
        state = IndexState.objects.filter(backend=self.name).first()
        if state is None or state.schema_version != SCHEMA_VERSION:
            return None
        return state.dictionary_version

    def exact(self, key: str) -> list[int]:
        if not key:
            return []
        return list(
            SearchDocument.objects.filter(document_number_key=key).values_list("pk", flat=True)
        ) + list(SearchDocument.objects.filter(index_number=key).values_list("pk", flat=True))

    def _where(self, query: SearchQuery) -> tuple[str, list]:
        sql, params = [], []

        def one_of(column: str, values) -> None:
            # "=" for a single value, so that the (column, published_at) index gives the order.
            values = list(values)
            if len(values) == 1:
                sql.append(f"{column} = %s")
                params.append(values[0])
            else:
                sql.append(f"{column} = ANY(%s)")
                params.append(values)

        if query.organization_ids:
            one_of("organization_id", query.organization_ids)
        if query.info_types:
            one_of("info_type", query.info_types)
        if query.topic_ids:
            one_of("topic_id", topic_family(query.topic_ids))
        if query.validity:
            sql.append("validity = %s")
            params.append(query.validity)
        start, end = day_bounds(query.date_from, query.date_to)
        if start:
            sql.append("published_at >= %s")
            params.append(start)
        if end:
            sql.append("published_at < %s")
            params.append(end)
        return "".join(f" AND {s}" for s in sql), params

    def _table_rows(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [TABLE])
            row = cursor.fetchone()
        return max(int(row[0]), 0) if row else 0

    def estimate(self, tsquery: str, where: str, params: list) -> int:
        """The planner's estimate of the matches (from ANALYZE's word statistics)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE tsv @@ %s::tsquery{where}",
                [tsquery, *params],
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def search(
        self, query: SearchQuery, terms: list[str], *, any_term: bool = False
    ) -> EngineResult:
        self._check_vendor()
        if not terms:
            return EngineResult(0)
        tsquery = tsquery_literal(terms, any_term=any_term)
        where, params = self._where(query)
        match = f"FROM {TABLE} WHERE tsv @@ %s::tsquery{where}"
        end = query.offset + query.per_page
        # RUM's work grows with the word's matches in all items, whatever the filters; the
        # newest-first walk's with the rows read to find the candidates.
        estimate_all = self.estimate(tsquery, "", [])
        estimate = self.estimate(tsquery, where, params) if where else estimate_all
        dense = estimate_all**2 > DENSE_FACTOR * self._table_rows()
        with connection.cursor() as cursor:
            if query.sort == "date":
                # Dense: along a published_at index. Sparse: all matches, then sorted (a walk
                # along the index would look for the few matches through every item).
                source = (
                    f"SELECT item_id, published_at {match}"
                    if dense
                    else f"WITH m AS MATERIALIZED (SELECT item_id, published_at {match}) "
                    "SELECT item_id, published_at FROM m"
                )
                with _planner_off(cursor, "enable_bitmapscan", dense):
                    cursor.execute(
                        f"{source} ORDER BY published_at DESC, item_id DESC LIMIT %s OFFSET %s",
                        [tsquery, *params, query.per_page, query.offset],
                    )
                    hits = [(pk, 0.0) for pk, _published in cursor.fetchall()]
            elif dense:
                with _planner_off(cursor, "enable_bitmapscan"):
                    cursor.execute(
                        "SELECT item_id, ts_rank(tsv, %s::tsquery), published_at, validity FROM "
                        f"(SELECT item_id, tsv, published_at, validity {match} "
                        "ORDER BY published_at DESC LIMIT %s) newest",
                        [tsquery, tsquery, *params, DENSE_CANDIDATES],
                    )
                    rows = [
                        (pk, float(rank), published, validity)
                        for pk, rank, published, validity in cursor.fetchall()
                    ]
                hits = rerank(rows, timezone.now())[query.offset : end]
                if len(rows) < DENSE_CANDIDATES:  # the walk found every match
                    return EngineResult(len(rows), hits)
            elif end > RERANK_WINDOW:
                cursor.execute(
                    f"SELECT item_id {match} ORDER BY tsv <=> %s::tsquery, item_id "
                    "LIMIT %s OFFSET %s",
                    [tsquery, *params, tsquery, query.per_page, query.offset],
                )
                hits = [(pk, 0.0) for (pk,) in cursor.fetchall()]
            else:
                cursor.execute(
                    f"SELECT item_id, tsv <=> %s::tsquery AS distance, published_at, validity "
                    f"{match} ORDER BY distance LIMIT %s",
                    [tsquery, tsquery, *params, RERANK_WINDOW],
                )
                rows = [
                    (pk, 1.0 / distance if distance else 0.0, published, validity)
                    for pk, distance, published, validity in cursor.fetchall()
                ]
                hits = rerank(rows, timezone.now())[query.offset : end]
            # Counting reads every match of the word (through RUM), or with filters checks
            # the words of every row they leave: past these sizes the planner's estimate.
            if estimate_all > EXACT_COUNT_LIMIT or (where and dense):
                return EngineResult(estimate, hits, estimated=True)
            with _planner_off(cursor, "enable_seqscan"):  # RUM's bitmap, not every row
                cursor.execute(f"SELECT count(*) {match}", [tsquery, *params])
                total = cursor.fetchone()[0]
        return EngineResult(total, hits)
