"""Template helpers for the workbench's 依申请公开 pages and navigation."""

from django import template

from gongkai.foi.selectors import can_use_workbench

register = template.Library()


@register.filter
def foi_office(user) -> bool:
    """Whether the user handles applications (openness office or platform admin)."""
    return bool(user and user.is_authenticated and can_use_workbench(user))
