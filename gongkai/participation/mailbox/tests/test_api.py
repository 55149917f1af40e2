"""The open API's mailbox endpoints: public versions only, never the writer."""

import json

import pytest

from gongkai.participation.mailbox import services
from gongkai.participation.mailbox.testing import NOW, WRITER, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange(education, edu_office):
    message = submit(
        education, body="我是周晓燕，手机13912345678，邮箱zhou.xy@example.com，孩子转学。"
    )
    services.message_reply(
        message=message, text="周晓燕您好：请带户口簿。", actor=edu_office, now=NOW
    )
    services.message_publication_set(
        message=message,
        publish=True,
        actor=edu_office,
        now=NOW,
        confirmed=True,
        **services.publication_proposal(message),
    )
    services.message_rate(message=message, rating="satisfied", comment="谢谢周到", now=NOW)
    return message


def get(client, path, **params):
    response = client.get(f"/api/v1{path}", params)
    return response.status_code, json.loads(response.content)


def test_list_and_detail_without_personal_data(client, exchange, education):
    submit(education, subject="未公开的留言")
    status, body = get(client, "/mailbox/messages")
    assert status == 200 and body["count"] == 1
    item = body["results"][0]
    assert item["subject"] == exchange.public_subject
    assert item["organization"]["slug"] == "jyj" and item["kind"]["label"] == "咨询"
    status, detail = get(client, f"/mailbox/messages/{exchange.pk}")
    assert status == 200 and "孩子转学" in detail["question"]
    assert detail["rating"] == {"code": "satisfied", "label": "满意"}
    raw = json.dumps([body, detail], ensure_ascii=False)
    for secret in (
        *[WRITER[k] for k in ("writer_name", "phone", "email", "address")],
        exchange.tracking_code,
        "谢谢周到",
    ):
        assert secret not in raw


def test_filters_and_errors(client, exchange):
    assert get(client, "/mailbox/messages", kind="complain")[1]["count"] == 0
    assert get(client, "/mailbox/messages", organization="jyj", q="转学")[1]["count"] == 1
    status, body = get(client, "/mailbox/messages", kind="nope")
    assert status == 422 and body["error"]["code"] == "validation_error"
    status, body = get(client, "/mailbox/messages/999999")
    assert status == 404 and "没有这条公开答复" in body["error"]["message"]


def test_unpublished_message_is_404(client, education):
    message = submit(education)
    assert get(client, f"/mailbox/messages/{message.pk}")[0] == 404


def test_faq_endpoints(client, education, edu_office):
    entry = services.faq_save(
        organization=education,
        question="转学需要哪些材料",
        answer="户口簿和转学联系单。",
        topic="教育入学",
        actor=edu_office,
        now=NOW,
    )
    draft = services.faq_save(
        organization=education, question="草稿", answer="草稿", actor=edu_office, now=NOW
    )
    services.faq_publish(entry=entry, publish=True, actor=edu_office, now=NOW)
    status, body = get(client, "/faq", q="转学")
    assert status == 200 and [r["id"] for r in body["results"]] == [entry.pk]
    assert get(client, "/faq", topic="教育入学")[1]["count"] == 1
    status, detail = get(client, f"/faq/{entry.pk}")
    assert detail["answer"] == "户口簿和转学联系单。"
    assert get(client, f"/faq/{draft.pk}")[0] == 404


def test_openapi_lists_the_endpoints(client):
    status, schema = get(client, "/openapi.json")
    assert status == 200
    assert (
        "/api/v1/mailbox/messages" in schema["paths"]
        and "/api/v1/faq/{entry_id}" in schema["paths"]
    )
