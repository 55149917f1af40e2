from django import template

from ..selectors import can_use_workbench

register = template.Library()


@register.filter
def participation_office(user) -> bool:
    """Whether the workbench shows the 意见征集 entry to ``user``."""
    return bool(user and user.is_authenticated and can_use_workbench(user))
