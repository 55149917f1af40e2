"""What the staff (workbench) views share.

A workbench action posts a form, or only a click, and runs one service. Then it either flashes
what was done and redirects, or shows its page again: with status 400 when the form is invalid,
with the refusal's own status when the service refuses (``DomainError``). The view says which
service runs, what to say once it is done, where to go then, and how to show its page again:
``page(status=…, error=…)``, where ``error`` is the refusal's message, or None for an invalid
form (which shows its own errors). The posted form is bound in ``page`` by the view; a page
that shows a refusal on the form alone takes ``error`` and leaves it out.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from .errors import DomainError


def show_error(form, exc: DomainError) -> None:
    """Mark a refusal on the field of ``form`` it names, or on the form as a whole."""
    if hasattr(form, "form_field_for"):  # a form whose fields are named apart from the service's
        field = form.form_field_for(exc.field)
    else:
        field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


def run_service(
    request,
    call: Callable[[], Any],
    done: str,
    success: str | Callable[[Any], str],
    page: Callable[..., HttpResponse],
    *,
    form=None,
) -> HttpResponse:
    """Run ``call()``, the service behind a POSTed action.

    A refusal is marked on ``form`` when the action posted one, and answered with
    ``page(status=exc.status_code, error=exc.message)``. Otherwise flash ``done`` and redirect
    to ``success``: a URL, or for a service that creates something, a function from what it
    returned to the URL.
    """
    try:
        result = call()
    except DomainError as exc:
        if form is not None:
            show_error(form, exc)
        return page(status=exc.status_code, error=exc.message)
    messages.success(request, done)
    return redirect(success(result) if callable(success) else success)


def run_form(
    request,
    form,
    call: Callable[[dict], Any],
    done: str,
    success: str | Callable[[Any], str],
    page: Callable[..., HttpResponse],
) -> HttpResponse:
    """``run_service`` for an action that posts ``form``: an invalid form is answered with
    ``page(status=400, error=None)``; a valid one runs ``call(form.cleaned_data)``."""
    if not form.is_valid():
        return page(status=400, error=None)
    return run_service(request, lambda: call(form.cleaned_data), done, success, page, form=form)


def int_or_none(value) -> int | None:
    """A query parameter as a whole number, or None when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def chosen_organization(request, organizations: Iterable) -> int | None:
    """The id in ``?org=`` when it is one of ``organizations`` (those the list may be narrowed
    to), else None."""
    org = int_or_none(request.GET.get("org"))
    return org if org in {o.pk for o in organizations} else None
