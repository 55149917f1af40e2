"""The shared run of a workbench action: refusals, invalid forms, flash and redirect."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from gongkai.core.errors import DomainError, InvalidTransition
from gongkai.core.staff_views import (
    chosen_organization,
    int_or_none,
    run_form,
    run_service,
    show_error,
)


class NoteForm(forms.Form):
    note = forms.CharField()


class RenamedForm(NoteForm):
    """A form whose field is named apart from the service's argument."""

    def form_field_for(self, service_field):
        return {"text": "note"}.get(service_field)


def _post(data=None):
    request = RequestFactory().post("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(**shown):
    """A stand-in page that records what it was asked to show."""
    response = HttpResponse(status=shown["status"])
    response.shown = shown
    return response


def _refuse(exc):
    def call(*_args):
        raise exc

    return call


def test_done_flashes_and_redirects():
    request = _post()
    response = run_service(request, lambda: None, "已保存。", "/done/", _page)
    assert (response.status_code, response.url) == (302, "/done/")
    assert [str(m) for m in get_messages(request)] == ["已保存。"]


def test_the_redirect_may_follow_from_what_the_service_made():
    response = run_service(_post(), lambda: 7, "已保存。", lambda pk: f"/items/{pk}/", _page)
    assert response.url == "/items/7/"


def test_a_refusal_shows_the_page_with_its_status_and_message():
    request = _post()
    response = run_service(request, _refuse(InvalidTransition("已归档。")), "x", "/", _page)
    assert response.status_code == 409
    assert response.shown == {"status": 409, "error": "已归档。"}
    assert list(get_messages(request)) == []


def test_a_refusal_is_marked_on_the_field_it_names_or_on_the_form():
    form = NoteForm({"note": "a"})
    form.is_valid()
    run_service(_post(), _refuse(DomainError("太短。", field="note")), "x", "/", _page, form=form)
    assert form.errors == {"note": ["太短。"]}

    form = NoteForm({"note": "a"})
    form.is_valid()
    run_service(_post(), _refuse(DomainError("不行。", field="other")), "x", "/", _page, form=form)
    assert form.non_field_errors() == ["不行。"]


def test_show_error_follows_a_form_that_renames_the_services_fields():
    form = RenamedForm({"note": "a"})
    form.is_valid()
    show_error(form, DomainError("太短。", field="text"))
    assert form.errors == {"note": ["太短。"]}


def test_an_invalid_form_shows_the_page_with_400_and_runs_nothing():
    calls = []
    form = NoteForm({})
    response = run_form(_post(), form, calls.append, "x", "/", _page)
    assert response.shown == {"status": 400, "error": None}
    assert calls == [] and "note" in form.errors


def test_a_valid_form_hands_its_cleaned_data_to_the_service():
    calls = []
    response = run_form(_post(), NoteForm({"note": "好"}), calls.append, "已记。", "/", _page)
    assert calls == [{"note": "好"}] and response.status_code == 302


def test_a_valid_form_carries_the_refusal():
    form = NoteForm({"note": "好"})
    response = run_form(
        _post(), form, _refuse(DomainError("重复。", field="note")), "x", "/", _page
    )
    assert response.status_code == 400 and form.errors == {"note": ["重复。"]}


@pytest.mark.parametrize(("value", "number"), [("12", 12), ("", None), ("x", None), (None, None)])
def test_int_or_none(value, number):
    assert int_or_none(value) == number


@pytest.mark.parametrize(("query", "org"), [({"org": "2"}, 2), ({"org": "3"}, None), ({}, None)])
def test_chosen_organization_is_one_of_those_offered(query, org):
    class Org:
        def __init__(self, pk):
            self.pk = pk

    request = RequestFactory().get("/", query)
    assert chosen_organization(request, [Org(1), Org(2)]) == org
