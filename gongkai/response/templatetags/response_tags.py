"""Template helpers of 回应关切: durations of the clocks."""

from datetime import timedelta

from django import template

from ..clocks import format_duration

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """“3小时05分” for a timedelta (its absolute value); "" for None."""
    return "" if value is None else format_duration(value)
