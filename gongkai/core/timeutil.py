"""Dates in the government's time zone. Callers pass "now" in so tests can fix it."""

from datetime import date, datetime, time

from django.utils import timezone


def local_date(moment: datetime) -> date:
    """The calendar date of ``moment`` in Asia/Shanghai."""
    return timezone.localtime(moment).date()


def day_start(day: date) -> datetime:
    """00:00 of ``day`` in Asia/Shanghai, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))
