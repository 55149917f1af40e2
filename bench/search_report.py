"""Summary table of the search benchmark results (bench/results/search-*.json), in markdown:

python bench/search_report.py >> docs/benchmarks.md
"""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ORDER = ["tantivy-100k", "postgres-100k", "tantivy-1m", "postgres-1m"]


def main() -> None:
    reports = {}
    for name in ORDER:
        path = RESULTS / f"search-{name}.json"
        if path.exists():
            reports[name] = json.loads(path.read_text())
    print(
        "| engine | items | build items/s (wall) | build items/s (CPU-normalized) | index MB | "
        "engine p50 / p95 ms | whole search p50 / p95 ms | LIKE p50 / p95 ms | × at p50 / p95 | "
        "least × (one query) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in reports.values():
        b = r.get("build", {})
        e, p = r["engine_ms"], r["page_ms"]
        like, s = r.get("like_ms", {}), r.get("speedup", {})
        print(
            f"| {r['backend']} ({r['database']}) | {r['items']:,} | "
            f"{b.get('items_per_second', '–'):,} | {b.get('items_per_second_if_idle', '–'):,} | "
            f"{r['index_size_mb']:,} | {e['p50']} / {e['p95']} | {p['p50']} / {p['p95']} | "
            f"{like.get('p50', '–'):,} / {like.get('p95', '–'):,} | "
            f"{s.get('p50', '–')} / {s.get('p95', '–')} | {s.get('per_query_min', '–')} |"
        )


if __name__ == "__main__":
    main()
