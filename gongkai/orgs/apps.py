from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    verbose_name = _("组织与人员")

    def ready(self):
        from .models import request_begins, request_ends

        # PlatformSettings.load() keeps the row for the length of a request.
        request_started.connect(request_begins, dispatch_uid="orgs.platform_settings.started")
        request_finished.connect(request_ends, dispatch_uid="orgs.platform_settings.finished")
