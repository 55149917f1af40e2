"""Summary tables of the benchmark results (bench/results/*.json), in markdown: the search
table of ``search_report.py`` and one for the pages.

    python bench/report.py
"""

import json
from pathlib import Path

from search_report import main as search_table

RESULTS = Path(__file__).resolve().parent / "results"
ORDER = ["tantivy-100k", "postgres-100k", "tantivy-1m", "postgres-1m"]


def pages_table() -> None:
    print(
        "| engine | items | page | first request ms | cached req/s | cached p50 / p99 ms | "
        "uncached req/s | uncached p50 / p99 ms | load avg |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---|")
    for name in ORDER:
        path = RESULTS / f"pages-{name}.json"
        if not path.exists():
            continue
        report = json.loads(path.read_text())
        for row in report["pages"]:
            c, u = row["cached"], row["uncached"]
            print(
                f"| {report['backend']} ({report['database']}) | {report['items']:,} | "
                f"{row['page']} | {row['first_ms']} | {c['requests_per_second']:,} | "
                f"{c['p50_ms']} / {c['p99_ms']} | {u['requests_per_second']:,} | "
                f"{u['p50_ms']} / {u['p99_ms']} | {c['load_avg'][0]}–{u['load_avg'][1]} |"
            )


def main() -> None:
    from pages_bench import SEARCH_NOTE

    print("Search\n")
    search_table()
    print("\nPages\n")
    pages_table()
    print(f"\n{SEARCH_NOTE}")


if __name__ == "__main__":
    main()
