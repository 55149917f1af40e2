"""Rendered public pages kept in the cache, and thrown away at once when public content changes.

- A view opts in with ``@cache_public_page``. Only its answers to anonymous visitors are kept:
  ``PublicPageCacheMiddleware`` stores a 200 response to a GET without a session or messages
  cookie, that sets no cookie (so no CSRF token or message was rendered) and that no
  logged-in user asked for. Staff pages, forms and anything personal are never kept.
- The middleware sits at the top of ``MIDDLEWARE``: a hit is answered before any other
  middleware runs, with no database query. The stored headers are those the inner
  middleware added on the way out (security headers, ``Vary``, ``Content-Language``).
- The key is the page as the visitor sees it: scheme, host, language, the elderly-friendly
  mode cookie, path and query string. Each entry carries the public-content *version* it was
  rendered under; ``purge_public_pages()`` changes the version, so every entry is stale at
  once on every web process, and is rendered again on its next request.
- Where the version lives depends on the cache: with a shared cache (Redis) it is a key in
  that cache, read together with the page in one round trip; with the embedded default
  (an in-process cache in each web process) it is the identity of a small file under
  ``VAR_DIR`` that every process checks with one ``stat()`` call.
- Browsers and proxies get ``Cache-Control: max-age=0, must-revalidate`` and an ``ETag``, so
  a repeat view is a cheap 304 and a change is never hidden by an intermediate cache.
"""

import functools
import hashlib
import os
import uuid
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string

ELDERLY_COOKIE = "gk_elderly"
ELDERLY_MAX_AGE = 365 * 24 * 3600
# Never looked up: served by other means, or always personal.
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/workbench/", "/accounts/", "/api/")
PAGE_KEY_PREFIX = "gk:page:"
VERSION_KEY = "gk:public-version"
DEFAULT_TIMEOUT = 600  # a safety net for changes made outside the services
PUBLIC_CACHE_CONTROL = "max-age=0, must-revalidate"


def _cache():
    return caches[getattr(settings, "GONGKAI_PAGE_CACHE_ALIAS", "default")]


def _timeout() -> int:
    return getattr(settings, "GONGKAI_PAGE_CACHE_SECONDS", DEFAULT_TIMEOUT)


# ---------------------------------------------------------------- the public-content version


class FileVersion:
    """For caches local to each process: the version is the (inode, size) of a file that
    ``bump`` appends a byte to. The size only grows, so a version never comes back (a new
    file would restart the sizes, so it is never rotated: a million purges make a megabyte)."""

    def __init__(self, path: Path):
        self.path = path

    def current(self) -> str:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self.bump()
            stat = os.stat(self.path)
        return f"{stat.st_ino:x}.{stat.st_size:x}"

    def bump(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, b".")
        finally:
            os.close(fd)

    def lookup(self, cache, key: str):
        return self.current(), cache.get(key)


class CacheVersion:
    """For shared caches (Redis, Memcached): the version is a key in the cache itself."""

    def current(self) -> str:
        cache = _cache()
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        return version

    def bump(self) -> None:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)

    def lookup(self, cache, key: str):
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            return self.current(), None
        return version, found.get(key)


@functools.cache
def _version_store_for(backend: str, var_dir: str) -> FileVersion | CacheVersion:
    cache_class = import_string(backend)
    if issubclass(cache_class, LocMemCache | DummyCache):
        return FileVersion(Path(var_dir) / "cache" / "public-version")
    return CacheVersion()


def _version_store() -> FileVersion | CacheVersion:
    alias = getattr(settings, "GONGKAI_PAGE_CACHE_ALIAS", "default")
    return _version_store_for(settings.CACHES[alias]["BACKEND"], str(settings.VAR_DIR))


def purge_public_pages() -> None:
    """Make every cached public page stale on every web process.

    Call it whenever public content changes (publish, withdraw, correct, abolish, …). Inside a
    transaction it purges now and once more after commit: a page rendered in between, from
    data not yet committed, is never served.
    """
    store = _version_store()
    store.bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(store.bump, robust=True)


def public_version() -> str:
    return _version_store().current()


# ---------------------------------------------------------------- views opt in


def cache_public_page(view):
    """Mark the view's responses as the same for every anonymous visitor (see the module)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.gongkai_public = True
        return response

    return wrapped


# ---------------------------------------------------------------- middleware


def is_elderly(request) -> bool:
    return request.COOKIES.get(ELDERLY_COOKIE) == "1"


def _page_key(request) -> str | None:
    """The cache key of the page this anonymous request asks for, or None if it may differ
    per visitor."""
    if request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None
    path = request.path
    if path.startswith(SKIP_PREFIXES):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = translation.get_language_from_request(request)
    elderly = "1" if cookies.get(ELDERLY_COOKIE) == "1" else "0"
    raw = "\n".join((request.scheme, host, language, elderly, request.get_full_path()))
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _replay(request, entry) -> HttpResponse:
    _version, status, headers, content, etag = entry
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        for name, value in headers:
            if name != "Content-Length":
                response.headers[name] = value
        return response
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


def _storable(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    """Serves cached public pages; keeps the public pages views mark. Put it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elderly_mode = is_elderly(request)
        key = _page_key(request)
        version = None
        if key is not None:
            cache = _cache()
            version, entry = _version_store().lookup(cache, key)
            if entry is not None and entry[0] == version:
                return _replay(request, entry)
        response = self.get_response(request)
        if getattr(response, "gongkai_public", False):
            if key is not None and _storable(request, response):
                self._store(key, version, response)
            else:
                patch_cache_control(response, private=True, no_cache=True)
        return response

    def _store(self, key: str, version: str, response) -> None:
        response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
        content = response.content
        etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
        response.headers["ETag"] = etag
        headers = tuple(response.headers.items())
        _cache().set(key, (version, response.status_code, headers, content, etag), _timeout())
