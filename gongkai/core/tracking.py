"""Tracking codes: what a citizen gets on submitting (an 依申请公开 application, a mailbox message)
and types back, with the phone number given then, to follow it.

The code never appears in a URL: the page after a submission and the query result read it from
the session, which forgets it after ``SESSION_MINUTES``. Those pages are personal and send
``Cache-Control: private, no-store``.
"""

import hmac
import secrets
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I: codes are read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12
FIELD_MAX = 30
SESSION_MINUTES = 30


def _grouped(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_tracking_code() -> str:
    """Twelve random characters in groups of four: ``ABCD-2345-EFGH``."""
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def normalize_tracking_code(value: str) -> str:
    """A code as typed (full-width, lower case, without or with other separators) in the form it
    is stored; what is not twelve letters and digits comes back ungrouped, and matches nothing."""
    raw = "".join(ch for ch in unicodedata.normalize("NFKC", value or "").upper() if ch.isalnum())
    return _grouped(raw) if len(raw) == CODE_LENGTH else raw


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def phone_matches(given: str, stored: str) -> bool:
    """Whether the phone number typed is the stored one, digit for digit (spaces, dashes and
    full-width digits aside), compared in constant time. An empty number matches nothing."""
    typed = _digits(unicodedata.normalize("NFKC", given or "")).encode()
    return bool(typed) and hmac.compare_digest(typed, _digits(stored or "").encode())


# --- the session ----------------------------------------------------------------------------


def remember(request, key: str, now: datetime, **values) -> None:
    """Keep ``values`` in the session under ``key`` for ``SESSION_MINUTES``."""
    expires = now + timedelta(minutes=SESSION_MINUTES)
    request.session[key] = {**values, "expires": expires.timestamp()}


def recall(request, key: str, now: datetime) -> dict | None:
    """What ``remember`` kept under ``key``; None, and forgotten, once it has expired."""
    values = request.session.get(key)
    if not isinstance(values, dict) or values.get("expires", 0) < now.timestamp():
        request.session.pop(key, None)
        return None
    return values


def no_store(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


# --- the query ------------------------------------------------------------------------------


class TrackForm(forms.Form):
    """The tracking code and the phone number; a subclass sets the help texts and the message
    for a missing phone number, which name what the citizen submitted."""

    code_help = ""
    phone_help = ""
    phone_required = ""

    code = forms.CharField(
        label=_("查询码"),
        max_length=FIELD_MAX,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("请填写查询码。")},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=FIELD_MAX,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = self.code_help
        self.fields["phone"].help_text = self.phone_help
        self.fields["phone"].error_messages["required"] = self.phone_required


def track_query(
    request,
    *,
    form_class: type[TrackForm],
    find: Callable[[str, str], object | None],
    template: str,
    session_key: str,
    result_url: str,
) -> HttpResponse:
    """The progress query, for a view that has counted the POST against its rate limits
    (``request.limited``). GET shows the form; a match is remembered under ``session_key`` (in
    a new session) and redirected to ``result_url``. A wrong code and a wrong phone get the same
    400, and the phone number is never written back into the page."""

    def page(form, *, status=200, failed=False, limited=False, expired=False):
        context = {"form": form, "failed": failed, "limited": limited, "expired": expired}
        return no_store(render(request, template, context, status=status))

    if request.method == "GET":
        return page(form_class(), expired=request.GET.get("expired") == "1")
    if getattr(request, "limited", False):
        code = request.POST.get("code", "")[:FIELD_MAX]
        return page(form_class(initial={"code": code}), status=429, limited=True)
    form = form_class(request.POST)
    if not form.is_valid():
        return page(form, status=400)
    found = find(form.cleaned_data["code"], form.cleaned_data["phone"])
    if found is None:
        return page(
            form_class(initial={"code": form.cleaned_data["code"]}), status=400, failed=True
        )
    request.session.cycle_key()
    remember(request, session_key, timezone.now(), id=found.pk)
    return redirect(result_url)
