import pytest


@pytest.fixture
def client(client):
    """The test client, logging users in through Django's model backend.

    Axes' backend comes first in AUTHENTICATION_BACKENDS (it must, to block locked-out logins),
    but it cannot load users from a session, so force_login must name the model backend.
    """
    force_login = client.force_login
    client.force_login = lambda user, backend="django.contrib.auth.backends.ModelBackend": (
        force_login(user, backend)
    )
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """The in-process cache outlives each test's rolled-back database; start every test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
