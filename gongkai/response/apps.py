from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponseConfig(AppConfig):
    name = "gongkai.response"
    verbose_name = _("回应关切")
