"""Run the whole embedded platform: the web server and the background job worker.

On one machine with SQLite nothing else is needed. Deployments with PostgreSQL and Redis run
the web processes (any WSGI server on ``gongkai.wsgi``) and workers separately instead.
"""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the portal and back office with an embedded job worker."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        worker = None
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            worker = subprocess.Popen(
                [
                    sys.executable,
                    str(settings.BASE_DIR / "manage.py"),
                    "db_worker",
                    "--no-reload",
                    "--interval",
                    "5",
                ]
            )
            self.stdout.write(f"job worker started (pid {worker.pid})")
        try:
            call_command("runserver", addr, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
