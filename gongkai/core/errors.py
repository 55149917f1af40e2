"""Exceptions that carry a message a user can read.

Services raise these before changing anything; views show the message (in Chinese, translated)
with a 4xx status instead of letting a 500 escape.
"""

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A request that breaks a business rule. Shown to the user with HTTP 400."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotAllowed(DomainError, PermissionDenied):
    """The actor has no role that allows this action on this organization. HTTP 403."""

    status_code = 403


class InvalidTransition(DomainError):
    """The record is not in a state where this action applies. HTTP 409."""

    status_code = 409


def full_clean_or_raise(instance, *, exclude=None) -> None:
    """Run the model's own validation; report the first problem as a DomainError on its field."""
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
