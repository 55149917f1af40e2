"""Helpers for the mailbox's tests: a writer's data and messages made through the services."""

from datetime import date

from gongkai.core.testing import aware

from . import services

NOW = aware(2025, 9, 26, 10, 0)  # a Friday before 国庆 2025
WRITER = {
    "kind": "consult",
    "subject": "孩子转学需要准备哪些材料",
    "body": "我家孩子明年春季想从外省转入本市小学，请问需要准备什么材料？",
    "writer_name": "周晓燕",
    "phone": "13912345678",
    "email": "zhou.xy@example.com",
    "address": "临江市滨河路88号3幢",
    "consent_publish": True,
}


def submit(organization=None, *, now=NOW, **overrides):
    """A message as the public form sends it (``organization``: the writer's choice)."""
    return services.message_submit(
        data={**WRITER, **overrides}, chosen_organization=organization, now=now
    )


def received(day: date, organization=None, **overrides):
    """A message received at 9:00 on ``day``."""
    return submit(organization, now=aware(day.year, day.month, day.day, 9, 0), **overrides)
