"""Model fields for personal data that must be encrypted at rest (SPEC: ID numbers)."""

import base64
import hashlib
from functools import cache

from django.conf import settings
from django.db import models

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


@cache
def _fernet() -> MultiFernet:
    """Keys from ``GONGKAI_FIELD_KEYS`` (newest first, so old rows stay readable after a
    rotation), or one derived from ``SECRET_KEY``."""
    secrets = getattr(settings, "GONGKAI_FIELD_KEYS", None) or [settings.SECRET_KEY]
    keys = [
        Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))
        for secret in secrets
    ]
    return MultiFernet(keys)


class EncryptedCharField(models.TextField):
    """Stores a short text encrypted with Fernet; reads it back as plain text.

    The ciphertext cannot be searched or compared in SQL: look records up by another key and
    compare in Python.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return _fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            return "［无法解密］"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return _fernet().encrypt(value.encode()).decode()
