"""Tracking codes, the phone check and the session that remembers a query."""

from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone

import pytest

from gongkai.core import tracking
from gongkai.foi.forms_public import TrackForm

NOW = timezone.now()


def test_new_codes_are_grouped_from_the_alphabet():
    codes = {tracking.new_tracking_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(tracking.ALPHABET)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ABCD-2345-EFGH", "ABCD-2345-EFGH"),
        ("abcd2345efgh", "ABCD-2345-EFGH"),
        (" ａｂｃｄ　２３４５　ｅｆｇｈ ", "ABCD-2345-EFGH"),  # full-width, as some IMEs type
        ("ABCD-2345", "ABCD2345"),  # too short: ungrouped, matches nothing
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_tracking_code(typed, stored):
    assert tracking.normalize_tracking_code(typed) == stored


@pytest.mark.parametrize(
    ("given", "stored", "matches"),
    [
        ("13800138000", "13800138000", True),
        ("138 0013 8000", "138-0013-8000", True),
        ("１３８００１３８０００", "13800138000", True),
        ("13800138001", "13800138000", False),
        ("", "13800138000", False),
        ("-", "", False),  # no digits typed never matches, not even an empty number
        ("١٣٨٠٠١٣٨٠٠٠", "13800138000", False),  # other scripts' digits: no match, no error
    ],
)
def test_phone_matches(given, stored, matches):
    assert tracking.phone_matches(given, stored) is matches


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    return request


@pytest.mark.django_db
def test_remember_and_recall_until_expiry():
    request = _request()
    tracking.remember(request, "k", NOW, id=7)
    assert tracking.recall(request, "k", NOW)["id"] == 7
    later = NOW + timedelta(minutes=tracking.SESSION_MINUTES, seconds=1)
    assert tracking.recall(request, "k", later) is None
    assert "k" not in request.session
    assert tracking.recall(request, "other", NOW) is None


def test_track_form_takes_its_texts_from_the_subclass():
    form = TrackForm({})
    assert not form.is_valid()
    assert form.errors["phone"] == ["请填写申请时填写的联系电话。"]
    assert form.errors["code"] == ["请填写查询码。"]
    assert form["phone"].help_text == "申请时填写的联系电话。"


def _query(request, found=None):
    return tracking.track_query(
        request,
        form_class=TrackForm,
        find=lambda code, phone: found,
        template="foi/public/track.html",
        session_key="k",
        result_url="foi:track_result",
    )


@pytest.mark.django_db
def test_a_match_is_remembered_in_a_new_session():
    request = _request("post", {"code": "ABCD-2345-EFGH", "phone": "13800138000"})
    request.session.save()
    old_key = request.session.session_key
    response = _query(request, found=SimpleNamespace(pk=5))
    assert response.status_code == 302
    assert request.session.session_key != old_key
    assert request.session["k"]["id"] == 5


@pytest.mark.django_db
def test_no_match_and_rate_limit_pages_keep_the_code_not_the_phone():
    request = _request("post", {"code": "ABCD-2345-EFGH", "phone": "13800138000"})
    failed = _query(request)
    assert failed.status_code == 400 and "private" in failed["Cache-Control"]
    assert "ABCD-2345-EFGH" in failed.content.decode()
    assert "13800138000" not in failed.content.decode()

    request = _request("post", {"code": "X" * 40, "phone": "13800138000"})
    request.limited = True
    limited = _query(request)
    assert limited.status_code == 429
    assert f'value="{"X" * tracking.FIELD_MAX}"' in limited.content.decode()
    assert "k" not in request.session
