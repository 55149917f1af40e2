from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretationConfig(AppConfig):
    name = "gongkai.interpretation"
    verbose_name = _("政策解读")
