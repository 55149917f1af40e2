"""Dates in the government's time zone. Callers pass "now" in so tests can fix it."""

from datetime import date, datetime

from django.utils import timezone


def local_date(moment: datetime) -> date:
    """The calendar date of ``moment`` in Asia/Shanghai."""
    return timezone.localtime(moment).date()
