"""Search benchmark: build rate, ranked top-20 latency and the LIKE baseline, per engine.

    python bench/search_bench.py --items 100000 --backend tantivy
    python bench/search_bench.py --items 1000000 --backend postgres \\
        --pg postgres://postgres@127.0.0.1:54340          # bench/pg_cluster.sh start
    python bench/search_bench.py --items 100000 --backend all --pg …

Each engine runs on its own database: tantivy beside a SQLite file
(``<dir>/bench100k.sqlite3``), postgres in database ``bench100k`` (or ``bench1m``) of the
``--pg`` cluster. The
database is generated first when empty (``bench/data.py``), the index is rebuilt with the
project's own code (segmentation included; ``--skip-build`` reuses it), then the query mix of
``bench/search_queries.py`` runs:

- engine latency: ``backend.search`` — the ranked (or date-sorted) top 20 with the total count,
  each query ``--repeat`` times after one warm-up pass;
- page latency: ``gongkai.search.search`` — the same plus exact 文号/索引号 lookup, loading the
  20 items and highlighting;
- LIKE baseline: ``title LIKE '%q%' OR body LIKE '%q%'`` (each word of the query ANDed, same
  filters) with the count and the newest 20, in one scan, once per query, on the same database.

Results go to ``bench/results/search-<backend>-<100k|1m>.json`` and ``.md``.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"


def machine() -> dict:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _process_cpu(pid: int, *, children: bool = False) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if children:  # of its children that have ended
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid: int | None) -> float:
    """CPU time of the PostgreSQL server on this machine (0 when not PostgreSQL): the
    postmaster (parent of backend ``pid``), its processes (every connection of the rebuild,
    the WAL writer, the checkpointer, …) and those that have ended."""
    if not pid:
        return 0.0
    master = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    total = _process_cpu(master, children=True)
    for task in Path(f"/proc/{master}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                total += _process_cpu(int(child))
            except FileNotFoundError:
                continue
    return total


def pg_settle(connection, *, timeout: float = 1800) -> None:
    """Wait until no autovacuum works on the database (a previous rebuild's new table is
    vacuumed after the swap), then write out dirty buffers: each build and each series of
    queries starts from the same quiet state."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' "
                "AND datname = current_database()"
            )
            if not cursor.fetchone()[0]:
                break
            time.sleep(5)
        cursor.execute("CHECKPOINT")


# ------------------------------------------------------------------------------ LIKE


def like_sql(query) -> tuple[str, list]:
    """The baseline: every word of the query in the title or the body, with the filters as
    the PostgreSQL engine writes them (its columns have the same names in publishing_item)."""
    from gongkai.search.backends.postgres_engine import filter_sql

    words = query.q.split() or [query.q]
    where, params = ["status = 'published'"], []
    for word in words:
        where.append("(title LIKE %s OR body LIKE %s OR document_number LIKE %s)")
        params += [f"%{word}%"] * 3
    filters, filter_params = filter_sql(query)
    sql = (
        "SELECT id, count(*) OVER () FROM publishing_item WHERE "
        + " AND ".join(where)
        + filters
        + " ORDER BY published_at DESC LIMIT 20"
    )
    return sql, params + filter_params


# ------------------------------------------------------------------------------ run


def db_name(items: int) -> str:
    """bench100k, bench1m: one database per size."""
    if items % 1_000_000 == 0:
        return f"bench{items // 1_000_000}m"
    return f"bench{items // 1000}k"


def ensure_pg_database(pg: str, name: str) -> None:
    """Create the benchmark database in the cluster when missing (pg_cluster.sh makes
    bench100k and bench1m; other sizes are made here)."""
    import psycopg

    with psycopg.connect(f"{pg.rstrip('/')}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def run(
    backend_name: str,
    items: int,
    *,
    db_dir: Path,
    pg: str,
    skip_build: bool,
    repeat: int,
    like: bool,
    workers: int | None,
) -> dict:
    from bench import data

    name = db_name(items)
    if backend_name == "tantivy":
        db_url = f"sqlite:///{db_dir}/{name}.sqlite3"
    else:
        db_url = f"{pg.rstrip('/')}/{name}"
        ensure_pg_database(pg, name)
    data.configure(db_url, var_dir=db_dir / f"{name}-{backend_name}-var")
    from django.conf import settings
    from django.db import connection

    settings.GONGKAI_SEARCH_BACKEND = backend_name
    report: dict = {
        "backend": backend_name,
        "items": items,
        "database": connection.vendor,
        "machine": machine(),
        "load_before": os.getloadavg(),
    }
    print(f"== {backend_name} on {connection.vendor}, {items:,} items")
    stats = data.generate(items)
    if stats.seconds:
        report["generate"] = {
            "seconds": round(stats.seconds, 1),
            "items_per_second": round(stats.items_per_second),
        }

    from bench.search_queries import query_mix
    from gongkai.search import SearchQuery, search
    from gongkai.search.backends import get_backend
    from gongkai.search.segment import query_tokens, warm_up

    engine = get_backend(backend_name)
    if not skip_build:
        from tqdm import tqdm

        pid = None
        if connection.vendor == "postgresql":
            pg_settle(connection)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
        cpu0, server0 = cpu_seconds(), server_cpu_seconds(pid)
        load0 = os.getloadavg()[0]
        with tqdm(total=items, unit="条", desc=f"build {backend_name}", mininterval=5) as bar:
            built = engine.rebuild(progress=bar.update, workers=workers)
        cpu = cpu_seconds() - cpu0 + server_cpu_seconds(pid) - server0
        report["build"] = {
            "items": built.items,
            "seconds": round(built.seconds, 1),
            "items_per_second": round(built.items_per_second),
            "cpu_seconds": round(cpu, 1),
            # What the two cores would do if nothing else ran: items per (CPU seconds / cores).
            "items_per_second_if_idle": round(built.items * (os.cpu_count() or 1) / cpu)
            if cpu
            else None,
            "load_avg_during": [round(load0, 2), round(os.getloadavg()[0], 2)],
        }
        if connection.vendor == "postgresql":
            # Autovacuum is off while the new table loads; it vacuums it after the swap. Done
            # here, timed apart, so that the queries below do not run beside it.
            started = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM search_searchdocument")
            report["build"]["vacuum_after_seconds"] = round(time.monotonic() - started, 1)
        print("build:", report["build"])
    if connection.vendor == "postgresql":
        pg_settle(connection)
    report["index_size_mb"] = index_size_mb(engine, connection)
    warm_up()
    queries = query_mix()
    engine_times: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    page_times: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    counts: dict[int, int] = {}
    for rnd in range(repeat + 1):
        for i, bq in enumerate(queries):
            query = SearchQuery(
                q=bq.q,
                organization_ids=bq.organization_ids,
                info_types=bq.info_types,
                topic_ids=bq.topic_ids,
                date_from=bq.date_from,
                date_to=bq.date_to,
                validity=bq.validity,
                sort=bq.sort,
            )
            started = time.perf_counter()
            result = engine.search(query, query_tokens(bq.q))
            if result.total == 0 and len(query_tokens(bq.q)) > 1:
                result = engine.search(query, query_tokens(bq.q), any_term=True)
            elapsed = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            page = search(query)
            page_elapsed = (time.perf_counter() - started) * 1000
            if rnd:  # the first round warms caches
                engine_times[i].append(elapsed)
                page_times[i].append(page_elapsed)
            counts[i] = page.total
    rows = []
    for i, bq in enumerate(queries):
        rows.append(
            {
                "query": bq.as_dict(),
                "label": bq.label(),
                "kind": bq.kind,
                "count": counts[i],
                "engine_ms": round(statistics.median(engine_times[i]), 2),
                "page_ms": round(statistics.median(page_times[i]), 2),
            }
        )
    all_engine = [t for times in engine_times.values() for t in times]
    all_page = [t for times in page_times.values() for t in times]
    report["queries"] = len(queries)
    report["engine_ms"] = {
        "p50": round(percentile(all_engine, 50), 2),
        "p95": round(percentile(all_engine, 95), 2),
        "max": round(max(all_engine), 2),
    }
    report["page_ms"] = {
        "p50": round(percentile(all_page, 50), 2),
        "p95": round(percentile(all_page, 95), 2),
        "max": round(max(all_page), 2),
    }
    print("engine:", report["engine_ms"], "page:", report["page_ms"])
    if like:
        like_times = []
        for row, bq in zip(rows, queries, strict=True):
            sql, params = like_sql(bq)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET max_parallel_workers_per_gather = 2")
                started = time.perf_counter()
                cursor.execute(sql, params)
                fetched = cursor.fetchall()
                elapsed = (time.perf_counter() - started) * 1000
            row["like_ms"] = round(elapsed, 1)
            row["like_count"] = fetched[0][1] if fetched else 0
            row["speedup"] = round(elapsed / max(row["engine_ms"], 0.01), 1)
            like_times.append(elapsed)
            print(f"  LIKE {bq.label()}: {elapsed:.0f} ms ({row['like_count']})", flush=True)
        report["like_ms"] = {
            "p50": round(percentile(like_times, 50), 1),
            "p95": round(percentile(like_times, 95), 1),
        }
        report["speedup"] = {
            "p50": round(report["like_ms"]["p50"] / report["engine_ms"]["p50"], 1),
            "p95": round(report["like_ms"]["p95"] / report["engine_ms"]["p95"], 1),
            "per_query_median": round(statistics.median(r["speedup"] for r in rows), 1),
            "per_query_min": min(r["speedup"] for r in rows),
        }
    report["rows"] = rows
    report["load_after"] = os.getloadavg()
    return report


def index_size_mb(engine, connection) -> float | None:
    if engine.name == "tantivy":
        return round(
            sum(f.stat().st_size for f in engine.path.rglob("*") if f.is_file()) / 2**20, 1
        )
    with connection.cursor() as cursor:
        cursor.execute(  # the table, or the partitioned table and its partitions
            "SELECT sum(pg_total_relation_size(relid)) "
            "FROM pg_partition_tree('search_searchdocument')"
        )
        return round(float(cursor.fetchone()[0]) / 2**20, 1)


def keep_previous(path: Path, report: dict) -> None:
    """With --skip-build or --no-like, keep the build figures and LIKE timings of the last
    run on the same database (LIKE takes minutes at 1M items and does not change)."""
    if not path.exists():
        return
    previous = json.loads(path.read_text())
    if "build" not in report and "build" in previous:
        report["build"] = previous["build"]
        report["build"]["from_previous_run"] = True
    if "like_ms" not in report and "like_ms" in previous:
        old_rows = {r["label"]: r for r in previous["rows"]}
        for row in report["rows"]:
            old = old_rows.get(row["label"])
            if old and "like_ms" in old:
                row["like_ms"], row["like_count"] = old["like_ms"], old["like_count"]
                row["speedup"] = round(old["like_ms"] / max(row["engine_ms"], 0.01), 1)
        like = [r["like_ms"] for r in report["rows"] if "like_ms" in r]
        if like:
            report["like_ms"] = previous["like_ms"]
            report["like_from_previous_run"] = True
            report["speedup"] = {
                "p50": round(report["like_ms"]["p50"] / report["engine_ms"]["p50"], 1),
                "p95": round(report["like_ms"]["p95"] / report["engine_ms"]["p95"], 1),
                "per_query_median": round(
                    statistics.median(r["speedup"] for r in report["rows"] if "speedup" in r), 1
                ),
                "per_query_min": min(r["speedup"] for r in report["rows"] if "speedup" in r),
            }


def markdown(report: dict) -> str:
    lines = [
        f"### {report['backend']} — {report['items']:,} items ({report['database']})",
        "",
    ]
    if "build" in report:
        b = report["build"]
        lines.append(
            f"Build: {b['items']:,} items in {b['seconds']} s = **{b['items_per_second']:,} items/s** "
            f"(CPU {b['cpu_seconds']} s → {b['items_per_second_if_idle']:,} items/s on idle cores; "
            f"load average {b['load_avg_during'][0]}→{b['load_avg_during'][1]}). "
        )
        if "vacuum_after_seconds" in b:
            lines.append(f"VACUUM of the new table afterwards: {b['vacuum_after_seconds']} s. ")
    lines.append(f"Index size: {report['index_size_mb']} MB. Queries: {report['queries']}.")
    lines.append("")
    e, p = report["engine_ms"], report["page_ms"]
    lines.append(
        f"Engine (ranked top 20 + count): p50 **{e['p50']} ms**, p95 **{e['p95']} ms**, max {e['max']} ms.  "
    )
    lines.append(
        f"Whole search (exact lookup, items, highlights): p50 {p['p50']} ms, p95 {p['p95']} ms.  "
    )
    if "like_ms" in report:
        s = report["speedup"]
        lines.append(
            f"LIKE baseline: p50 {report['like_ms']['p50']} ms, p95 {report['like_ms']['p95']} ms → "
            f"**{s['p95']}× at p95**, {s['p50']}× at p50; per query median {s['per_query_median']}×, "
            f"least {s['per_query_min']}×."
        )
    lines += [
        "",
        "| query | kind | hits | engine ms | page ms | LIKE ms | × |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in report["rows"]:
        lines.append(
            f"| {r['label']} | {r['kind']} | {r['count']:,} | {r['engine_ms']} | {r['page_ms']} | "
            f"{r.get('like_ms', '–')} | {r.get('speedup', '–')} |"
        )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--backend", choices=["tantivy", "postgres", "all"], default="tantivy")
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp/gongkai-bench"))
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:54340")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--no-like", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    if args.backend == "all":  # one process per engine: Django is configured once per process
        for name in ("tantivy", "postgres"):
            cmd = [
                sys.executable,
                __file__,
                "--backend",
                name,
                "--items",
                str(args.items),
                "--db-dir",
                str(args.db_dir),
                "--pg",
                args.pg,
                "--repeat",
                str(args.repeat),
            ]
            cmd += ["--skip-build"] if args.skip_build else []
            cmd += ["--no-like"] if args.no_like else []
            subprocess.run(cmd, check=True)
        return
    args.db_dir.mkdir(parents=True, exist_ok=True)
    report = run(
        args.backend,
        args.items,
        db_dir=args.db_dir,
        pg=args.pg,
        skip_build=args.skip_build,
        repeat=args.repeat,
        like=not args.no_like,
        workers=args.workers,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"search-{args.backend}-{db_name(args.items)[5:]}"
    keep_previous(stem.with_suffix(".json"), report)
    stem.with_suffix(".json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str)
    )
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
