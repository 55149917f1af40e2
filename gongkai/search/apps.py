from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = _("全文检索")

    def ready(self):
        from . import checks  # noqa: F401  (registers the dictionary version check)
