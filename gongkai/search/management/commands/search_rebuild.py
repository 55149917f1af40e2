"""Rebuild the search index from every published item, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.search import conf
from gongkai.search.backends import get_backend
from gongkai.search.documents import indexable
from gongkai.search.segment import DICTIONARY_VERSION


class Command(BaseCommand):
    help = "重建全文检索索引（词典变更后必须运行）。Rebuild the full-text search index."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=conf.BACKENDS,
            help="which engine's index to rebuild (default: the configured one)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes that cut text into words (default: one per CPU)",
        )

    def handle(self, *args, backend=None, workers=None, verbosity=1, **options):
        from tqdm import tqdm

        engine = get_backend(backend)
        try:
            engine.built_version()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        total = indexable().count()
        old = engine.built_version()
        if old and old != DICTIONARY_VERSION:
            self.stdout.write(f"词典已变更（{old} → {DICTIONARY_VERSION}），重建索引。")
        bar = tqdm(
            total=total,
            unit="条",
            desc=f"重建 {engine.name} 索引",
            disable=verbosity < 1,
            file=self.stderr._out,
            dynamic_ncols=True,
        )
        try:
            stats = engine.rebuild(progress=bar.update, workers=workers)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"{engine.name}: 已索引 {stats.items} 条，用时 {stats.seconds:.1f} 秒，"
                f"{stats.items_per_second:,.0f} 条/秒（词典版本 {DICTIONARY_VERSION}）。"
            )
        )
