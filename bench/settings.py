"""Settings of the web processes the page benchmark starts (``bench/pages_bench.py``).

Production settings (``gongkai.settings.base``, ``DEBUG`` off) with the database, the
``VAR_DIR`` and the search engine taken from the environment the benchmark sets:
``DATABASE_URL``, ``GONGKAI_VAR_DIR``, ``GONGKAI_SEARCH_BACKEND`` and, for tantivy,
``GONGKAI_SEARCH_TANTIVY_DIR`` (the index ``bench/search_bench.py`` built).
"""

import os

from gongkai.settings.base import *  # noqa: F403

DEBUG = False
GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "")
if os.environ.get("GONGKAI_SEARCH_TANTIVY_DIR"):
    GONGKAI_SEARCH_TANTIVY_DIR = os.environ["GONGKAI_SEARCH_TANTIVY_DIR"]
