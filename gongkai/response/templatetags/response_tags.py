"""Template helpers of 回应关切: durations of the clocks, and the workbench's navigation entry
(``{% include "response/staff/_nav_item.html" %}`` in workbench/base.html)."""

from datetime import timedelta

from django import template

from .. import selectors
from ..clocks import format_duration

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """“3小时05分” for a timedelta (its absolute value); "" for None."""
    return "" if value is None else format_duration(value)


@register.simple_tag(takes_context=True)
def response_workbench(context) -> bool:
    """Whether the signed-in user handles public opinion (for the navigation entry)."""
    user = context.get("user")
    return bool(user and user.is_authenticated and selectors.can_use_workbench(user))
